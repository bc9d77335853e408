"""Judging sources: kinds, canonical pages of mirrors, each warning present then absent, and the
report of `govgraph sources`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import read_rows, write_rows

from govgraph.data.dataset import read_dataset
from govgraph.data.sources import (
    canonical,
    kind_of,
    manifest_source_warnings,
    source_report,
    source_warnings,
)


@pytest.mark.parametrize(
    ("part", "kind"),
    [
        ("https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006389099", "official"),
        ("https://www.fedlex.admin.ch/eli/cc/1999/404/fr", "official"),
        ("CGCT art. L5214-16", "legal"),
        ("https://de.wikipedia.org/wiki/Perl_(Mosel)", "encyclopaedia"),
        ("https://www.tdg.ch/geneve/x", "press"),
        ("https://www.dewiki.de/Lexikon/Perl_(Mosel)", "mirror"),
        ("https://docslib.org/doc/10861416/rapport", "mirror"),
        ("https://unpkg.com/@etalab/decoupage-administratif@6.0.0/data/epci.json", "official"),
        ("https://unpkg.com/leaflet@1.9.4/dist/leaflet.js", "other"),
        ("https://www.mettlach.de/rathaus", "other"),
    ],
)
def test_each_source_has_a_kind(part, kind):
    assert kind_of(part) == kind


@pytest.mark.parametrize(
    ("mirror", "page"),
    [
        (
            "https://www.dewiki.de/Lexikon/Perl_(Mosel)",
            "https://de.wikipedia.org/wiki/Perl_(Mosel)",
        ),
        ("https://de.m.wiki.x.io/wiki/Apach", "https://de.wikipedia.org/wiki/Apach"),
        ("https://de.wiki.li/Frisingen", "https://de.wikipedia.org/wiki/Frisingen"),
        (
            "https://wikiwand.com/fr/articles/Schwerdorff",
            "https://fr.wikipedia.org/wiki/Schwerdorff",
        ),
        (
            "https://world.wikisort.org/luxembourg/de/Luxemburg/Schengen",
            "https://de.wikipedia.org/wiki/Schengen",
        ),
        ("https://de.frwiki.wiki/wiki/Launstroff", "https://fr.wikipedia.org/wiki/Launstroff"),
        ("https://fr.m.wikipedia.org/wiki/Hermance", "https://fr.wikipedia.org/wiki/Hermance"),
        (
            "http://206.189.44.186/host-https-de.m.wikipedia.org/wiki/Landkreis_Saarlouis",
            "https://de.wikipedia.org/wiki/Landkreis_Saarlouis",
        ),
        (
            "https://www.wiki-data.de-de.nina.az/Mettlach.html",
            "https://de.wikipedia.org/wiki/Mettlach",
        ),
        ("http://www.linkfang.de/wiki/Mettlach", "https://de.wikipedia.org/wiki/Mettlach"),
        (
            "https://wiki-gateway.eudic.net/wikipedia_en/Perl_(Mosel).html",
            "https://en.wikipedia.org/wiki/Perl_(Mosel)",
        ),
    ],
)
def test_a_wikipedia_mirror_points_to_the_article_it_copies(mirror, page):
    wikipedia = mirror.split("/")[2].endswith("wikipedia.org")  # a mobile page: the article itself
    assert kind_of(mirror) == ("encyclopaedia" if wikipedia else "mirror")
    assert canonical(mirror) == page
    assert canonical("https://docslib.org/doc/1/x") is None  # a document copy: unknown original


def _messages(folder: Path, reference: Path) -> list[str]:
    """The source warnings about the dataset's own files (not the test reference's)."""
    dataset = read_dataset(folder, reference=reference)
    return [str(p) for p in source_warnings(dataset.tables) if p.file.startswith(str(folder))]


def _edit(folder: Path, file: str, index: int, **cells: str) -> None:
    rows = read_rows(folder / file)
    rows[index].update(cells)
    write_rows(folder / file, rows)


def test_the_minimal_dataset_cites_what_a_reader_can_trust(minimal: Path, reference: Path):
    assert _messages(minimal, reference) == []


def test_a_mirror_is_a_warning_with_the_page_to_cite(minimal: Path, reference: Path):
    _edit(
        minimal, "actors.csv", 0, source="https://www.dewiki.de/Lexikon/Apach", confidence="medium"
    )
    assert _messages(minimal, reference) == [
        f"{minimal}/actors.csv:2: source: cites a mirror or scraper site (dewiki.de) — cite the "
        "page it copies: https://de.wikipedia.org/wiki/Apach"
    ]


def test_a_mirror_among_the_manifest_sources_is_a_warning(minimal: Path, reference: Path):
    def warned() -> list[str]:
        dataset = read_dataset(minimal, reference=reference)
        return [str(p) for p in manifest_source_warnings(dataset.manifest, "manifest.json")]

    assert warned() == []
    manifest = json.loads((minimal / "manifest.json").read_text(encoding="utf-8"))
    manifest["sources"].append("https://de.m.wiki.x.io/wiki/Apach")
    (minimal / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert warned() == [
        "manifest.json: sources: cites a mirror or scraper site (de.m.wiki.x.io) — cite the page "
        "it copies: https://de.wikipedia.org/wiki/Apach"
    ]


def test_a_bare_homepage_for_a_specific_fact_is_a_warning(minimal: Path, reference: Path):
    _edit(minimal, "holdings.csv", 0, source="https://www.ccb3f.fr/")
    assert _messages(minimal, reference) == [
        f"{minimal}/holdings.csv:2: source: is only a homepage, which does not show this fact — "
        "cite the page or the legal text that states it"
    ]
    _edit(minimal, "holdings.csv", 0, source="https://www.ccb3f.fr/ ; CGCT art. L5214-16")
    assert _messages(minimal, reference) == []


def test_high_confidence_on_an_encyclopaedia_alone_is_a_warning(minimal: Path, reference: Path):
    _edit(minimal, "actors.csv", 0, source="https://de.wikipedia.org/wiki/Apach", confidence="")
    assert _messages(minimal, reference) == [
        f"{minimal}/actors.csv:2: confidence: is high but the row rests only on an encyclopaedia "
        "— set confidence to medium (with a note), or cite an official source"
    ]
    _edit(minimal, "actors.csv", 0, confidence="medium")
    assert _messages(minimal, reference) == []


def test_an_allocation_without_an_article_is_a_warning(minimal: Path, reference: Path):
    header = "country,subdivision,level,competence,role,legal_basis,partners,source,confidence\n"
    row = "FR,,FR-commune,mobility,shared,Loi d'orientation des mobilités,,https://x.gouv.fr/a,\n"
    (minimal / "allocations.csv").write_text(header + row, encoding="utf-8")
    assert _messages(minimal, reference) == [
        f"{minimal}/allocations.csv:2: legal_basis: 'Loi d'orientation des mobilités' names no "
        "article — give the article (art. L1234-5, § 5 Abs. 2, RS 101 art. 62)"
    ]
    for basis in (
        "Code des transports art. L1231-1",
        "Code de l'Eau art. D.35",
        "CoDT art. D.IV.46",
        "LKrWG § 3",
    ):
        fixed = row.replace("Loi d'orientation des mobilités", basis)
        (minimal / "allocations.csv").write_text(header + fixed, encoding="utf-8")
        assert _messages(minimal, reference) == [], basis


def test_the_report_counts_kinds_hosts_and_weak_rows(minimal: Path, reference: Path):
    report = source_report(read_dataset(minimal, reference=reference).tables)
    assert report["rows"] > 20 and report["sources"] >= report["rows"]
    assert sum(k["count"] for k in report["kinds"].values()) == report["sources"]
    assert report["hosts"][0]["count"] >= report["hosts"][-1]["count"]
    own = [w for w in report["weak"] if w["file"].startswith(str(minimal))]
    assert own == []
    mirrors = report["kinds"]["mirror"]["count"]
    _edit(minimal, "actors.csv", 0, source="https://docslib.org/doc/1/x", confidence="low")
    report = source_report(read_dataset(minimal, reference=reference).tables)
    assert report["kinds"]["mirror"]["count"] == mirrors + 1
    own = [w["problem"] for w in report["weak"] if w["file"].startswith(str(minimal))]
    assert own == ["cites a mirror or scraper site (docslib.org)"]


@pytest.mark.parametrize(
    ("copy", "page"),
    [
        (
            "https://kiwix.jackbot.fr/wikipedia_fr_all_maxi_2021-09/A/Bous_(Luxembourg)",
            "https://fr.wikipedia.org/wiki/Bous_(Luxembourg)",
        ),
        ("https://deda.other.wiki/wiki/Beckingen", "https://de.wikipedia.org/wiki/Beckingen"),
        (  # a web proxy carrying the page it fetched, base64-encoded
            "https://speed.lescigales.org/xypor/index.php?q=aHR0cDovL2ZyLndpa2lwZWRpYS5vcmcvd2lr"
            "aS9Db250ei1sZXMtQmFpbnM%2Fb2xkaWQ9MTkwMDMxMTQ1JmFtcDtucz0w",
            "https://fr.wikipedia.org/wiki/Contz-les-Bains",
        ),
    ],
)
def test_offline_copies_and_proxies_point_to_the_article(copy, page):
    assert kind_of(copy) == "mirror"
    assert canonical(copy) == page
    assert kind_of("https://wikiless.lunar.icu/w/index.php?oldid=1") == "mirror"


@pytest.mark.parametrize("name", ["three-borders", "greater-geneva", "minimal"])
def test_every_bundled_dataset_passes_the_strict_source_checks(name: str):
    """What ``validate --strict`` (run by scripts/test) requires of the bundled data: no mirror,
    no bare homepage for a specific fact, an article for every allocation that names a law, no
    high confidence on an encyclopaedia or the press alone — the reference included."""
    dataset = read_dataset(Path(__file__).resolve().parents[2] / "datasets" / name)
    assert [str(p) for p in source_warnings(dataset.tables)] == []
