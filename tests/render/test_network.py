"""The network page and the report: built right, offline, safe, usable — checked in Chromium."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from browser import open_page
from conftest import MINIMAL, read_rows, write_rows

import govgraph
from govgraph.analysis.briefing import briefing
from govgraph.analysis.counterparts import counterparts
from govgraph.analysis.gaps import find_gaps
from govgraph.analysis.network import select_nodes
from govgraph.errors import GovgraphError
from govgraph.files import OutputExistsError
from govgraph.render import network as gghtml
from govgraph.render.network import GAP_LINKS, build_network, safe_json, write_network_html
from govgraph.render.report import write_report

CCB3F = "fr-cc-bouzonvillois-trois-frontieres"
HOSTILE_TITLE = '</title><script>window.pwned = "title"</script>'
HOSTILE = [
    '<script>window.pwned = "script"</script>',
    '"><img src=x onerror="window.pwned = \'img\'">',
    "javascript:window.pwned = 'js'",
    '<a href="javascript:window.pwned=1">href</a>',
]


@pytest.fixture(scope="module")
def study():
    return govgraph.load_study()


def overlays(study, actor=CCB3F):
    """What `govgraph html --counterparts ACTOR --gaps` passes to the page."""
    return {
        "focus": actor,
        "counterparts": counterparts(study, actor, top=3),
        "gaps": find_gaps(study, kinds=GAP_LINKS, around=actor),
    }


@pytest.fixture(scope="module")
def bundled_page(study, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "network.html"
    write_network_html(study, out, select_nodes(study), **overlays(study))
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "hostile"
    shutil.copytree(MINIMAL, folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["title"] = HOSTILE_TITLE
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    actors = read_rows(folder / "actors.csv")
    for row, text in zip(actors, HOSTILE, strict=False):
        row["name"] = text
        row["note"] = text + " href"
    write_rows(folder / "actors.csv", actors)
    relations = read_rows(folder / "relations.csv")
    relations[0]["role"] = HOSTILE[1]
    write_rows(folder / "relations.csv", relations)
    return govgraph.load_study(folder)


# ------------------------------------------------------------------ without a browser


def test_json_in_a_script_cannot_close_it():
    text = safe_json({"name": "</script><script>alert(1)</script>", "x": "a & b\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script>", "x": "a & b\u2028"}


def test_page_has_no_external_reference(bundled_page):
    text = bundled_page.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"?https?:", text)
    assert "Content-Security-Policy" in text


def test_filters_select_nodes(study):
    G = study.graph
    everything = select_nodes(study)
    french = select_nodes(study, country=["FR"])
    assert french < everything
    assert all("FR" in study.node(n)["countries"] for n in french)
    ego = select_nodes(study, ego="fr-bouzonville", depth=1)
    assert "de-rehlingen-siersburg" in ego and "fr-bouzonville" in ego
    assert all(
        n == "fr-bouzonville" or G.has_edge("fr-bouzonville", n) or G.has_edge(n, "fr-bouzonville")
        for n in ego
    )
    themed = select_nodes(study, theme="tourism_attractiveness")
    assert "xb-moselle3-trail" in themed and "lu-police" not in themed
    with pytest.raises(GovgraphError, match="no actor in country or subdivision 'IT'"):
        select_nodes(study, country=["IT"])


def test_large_views_get_a_precomputed_layout_and_huge_ones_are_refused(study, monkeypatch):
    monkeypatch.setattr(gghtml, "PHYSICS_LIMIT", 10)
    network = build_network(study, select_nodes(study, country=["LU"]))
    assert network["physics"] is False
    assert all("x" in n and n["physics"] is False for n in network["nodes"])
    monkeypatch.setattr(gghtml, "MAX_NODES", 10)
    with pytest.raises(GovgraphError, match="more than a browser can draw in one page"):
        build_network(study, select_nodes(study))


def test_counterparts_and_gaps_overlays(study):
    network = build_network(study, select_nodes(study, country=["FR"]), **overlays(study))
    relations = {e["relation"] for e in network["edges"]}
    assert {"COUNTERPART", "LEVEL_MISMATCH"} <= relations
    ids = {n["id"] for n in network["nodes"]}
    assert "de-vg-saarburg-kell" in ids  # a counterpart across the border is pulled in


def test_existing_output_is_kept_without_force(study, tmp_path):
    out = tmp_path / "n.html"
    out.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        write_network_html(study, out, select_nodes(study))
    with pytest.raises(OutputExistsError):
        write_report(study, briefing(study, themes=["tourism_attractiveness"]), out)
    assert out.read_text(encoding="utf-8") == "mine"


def test_hostile_text_is_escaped_in_the_source(hostile, tmp_path):
    out = tmp_path / "hostile.html"
    write_network_html(hostile, out, select_nodes(hostile))
    text = out.read_text(encoding="utf-8")
    assert "<script>window.pwned" not in text and "<img src=x" not in text
    assert "&lt;/title&gt;&lt;script&gt;" in text  # the heading, escaped


def test_hostile_text_is_escaped_in_the_report_source(hostile, tmp_path):
    out = tmp_path / "hostile-report.html"
    write_report(hostile, briefing(hostile), out)
    text = out.read_text(encoding="utf-8")
    # the report has no script of its own; its network pages sit escaped in srcdoc attributes
    assert "<script" not in text and "<img" not in text and 'href="javascript' not in text
    assert "&lt;/title&gt;&lt;script&gt;" in text  # the title, escaped
    frames = re.findall(r'srcdoc="([^"]*)"', text)
    assert frames and all(html.unescape(f).count("</script>") == 2 for f in frames)


# ------------------------------------------------------------------ in Chromium


@pytest.mark.browser
def test_network_page_works_offline(bundled_page, study):
    with open_page(bundled_page) as visit:
        seconds = visit.wait_for("() => !!(window.govgraph && window.govgraph.stable)")
        assert seconds < 30
        assert visit.external_requests == [] and visit.failed_requests == []
        assert visit.errors == []
        assert visit.js("() => document.querySelector('#network canvas').width") > 0
        count = visit.js("() => window.govgraph.nodes.length")
        assert count == len(select_nodes(study) | {CCB3F})
        legend = visit.js("() => document.getElementById('legend').textContent")
        assert "Colour = country" in legend and "Size = degree centrality" in legend
        assert "counterpart (ranked)" in legend


@pytest.mark.browser
def test_a_filter_really_hides_nodes(bundled_page):
    with open_page(bundled_page) as visit:
        visit.wait_for("() => !!(window.govgraph && window.govgraph.stable)")
        french_only = visit.js(
            "() => window.govgraph.nodes.get().filter(n => n.countries.length === 1 && "
            "n.countries[0] === 'FR').length"
        )
        visit.page.click("input[data-filter='country'][value='FR']")
        hidden = visit.js("() => window.govgraph.nodes.get().filter(n => n.hidden).length")
        assert hidden == french_only > 0
        visit.page.click("input[data-filter='country'][value='FR']")
        assert visit.js("() => window.govgraph.nodes.get().filter(n => n.hidden).length") == 0
        visit.page.click("input[data-filter='type'][value='MEMBER_OF']")
        assert visit.js(
            "() => window.govgraph.edges.get().filter(e => e.relation === 'MEMBER_OF')"
            ".every(e => e.hidden)"
        )


@pytest.mark.browser
def test_a_subdivision_filter_hides_a_land_and_a_former_name_finds_a_body(tmp_path):
    from conftest import FEDERAL

    from govgraph.study import load_study

    federal = load_study(FEDERAL)
    out = tmp_path / "federal.html"
    write_network_html(federal, out, select_nodes(federal))
    with open_page(out) as visit:
        visit.wait_for("() => !!(window.govgraph && window.govgraph.stable)")
        boxes = visit.js(
            "() => [...document.querySelectorAll(\"input[data-filter='subdivision']\")]"
            ".map(i => i.value)"
        )
        assert boxes == ["BE-BRU", "BE-VLG", "BE-WAL", "none"]
        visit.page.click("input[data-filter='subdivision'][value='BE-VLG']")
        hidden = visit.js(
            "() => window.govgraph.nodes.get().filter(n => n.hidden).map(n => n.id).sort()"
        )
        assert hidden == ["be-kortrijk", "be-leiedal", "be-menen", "be-vlaamse-regering"]
        visit.page.fill("#search", "transpole")  # Ilévia's former name
        visit.wait_for("() => window.govgraph.focused === 'fr-ilevia'")


@pytest.mark.browser
def test_search_focuses_an_actor_by_any_name(bundled_page):
    with open_page(bundled_page) as visit:
        visit.wait_for("() => !!(window.govgraph && window.govgraph.stable)")
        visit.page.fill("#search", "busendorf")  # Bouzonville's German name
        visit.wait_for("() => window.govgraph.focused === 'fr-bouzonville'")
        assert visit.js("() => window.govgraph.network.getSelectedNodes()") == ["fr-bouzonville"]
        assert "Bouzonville" in visit.js("() => document.getElementById('found').textContent")
        visit.page.fill("#search", "sierck")  # the town, not the communes "…-lès-Sierck"
        visit.wait_for("() => window.govgraph.focused === 'fr-sierck-les-bains'")


@pytest.mark.browser
def test_hostile_names_run_no_script(hostile, tmp_path):
    out = tmp_path / "hostile.html"
    write_network_html(hostile, out, select_nodes(hostile))
    with open_page(out) as visit:
        visit.wait_for("() => !!(window.govgraph && window.govgraph.stable)")
        node = "fr-apach"
        x, y = visit.js(
            f"() => {{ const n = window.govgraph.network; const p = n.getPositions(['{node}'])"
            f"['{node}']; const d = n.canvasToDOM(p); const r = document.querySelector("
            "'#network canvas').getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; }"
        )
        visit.page.mouse.move(x, y)
        visit.wait_for(
            "() => !!document.querySelector('div.vis-tooltip') && "
            "document.querySelector('div.vis-tooltip').style.visibility !== 'hidden'"
        )
        tooltip = visit.js("() => document.querySelector('div.vis-tooltip').textContent")
        assert HOSTILE[0] in tooltip  # shown as text
        assert visit.js("() => document.querySelector('div.vis-tooltip img')") is None
        assert visit.js("() => typeof window.pwned") == "undefined"
        assert visit.js("() => document.title").startswith("</title><script>")
        assert visit.js("() => document.querySelectorAll('script').length") == 2
        assert visit.external_requests == []


@pytest.mark.browser
def test_report_is_offline_complete_and_safe(hostile, study, tmp_path):
    out = tmp_path / "report.html"
    write_report(study, briefing(study, around=[CCB3F]), out)
    with open_page(out) as visit:
        visit.wait_for("() => document.querySelectorAll('iframe').length === 3")
        headings = visit.js("() => [...document.querySelectorAll('h2')].map(h => h.textContent)")
        assert headings == [
            "Summary",
            "Contents",
            "Environment and mobility",
            "Public services and healthcare provision",
            "Tourism and attractiveness",
            "Sources",
        ]
        # every link of the contents and every footnote mark leads to an element of the page
        targets = visit.js(
            "() => [...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.hash.slice(1))"
        )
        assert len(targets) > 20
        ids = set(visit.js("() => [...document.querySelectorAll('[id]')].map(e => e.id)"))
        assert [target for target in targets if target not in ids] == []
        summary = visit.js("() => document.getElementById('summary').textContent")
        assert "most severe gaps" in summary and "Key counterparts" in summary
        assert visit.js("() => document.querySelectorAll('#summary ol li').length") == 5
        assert visit.js("() => document.querySelectorAll('ol.footnotes li').length") > 20
        assert visit.js("() => document.querySelectorAll('table').length") >= 6
        visit.page.wait_for_timeout(1500)
        assert visit.external_requests == [] and visit.errors == []
    hostile_report = tmp_path / "hostile-report.html"
    write_report(hostile, briefing(hostile), hostile_report)
    with open_page(hostile_report) as visit:
        visit.page.wait_for_timeout(1500)
        assert visit.js("() => typeof window.pwned") == "undefined"
        assert visit.js("() => document.getElementById('report-title').textContent").startswith(
            "</title><script>"
        )
        assert visit.external_requests == []


def test_the_report_names_the_partners_and_numbers_its_sources_once(study, tmp_path):
    brief = briefing(study, around=[CCB3F], themes=["environment_mobility"])
    waste = next(r for r in brief["themes"][0]["partners"] if r["competence"] == "waste_collection")
    assert waste["DE-SL"][0] == "Entsorgungsverband Saar"  # the body doing the job, first
    assert not any(who.startswith("Commune (") for side in waste.values() for who in side)
    summary = brief["summary"]
    assert len(summary["gaps"]) == 5
    assert len({g["explanation"] for g in summary["gaps"]}) == 5
    assert {c["country"] for c in summary["counterparts"]} == {"DE", "LU"}
    out = tmp_path / "report.html"
    write_report(study, brief, out)
    text = out.read_text(encoding="utf-8")
    sources = re.findall(r'<li id="source-(\d+)">', text)
    assert sources == [str(n) for n in range(1, len(sources) + 1)] and len(sources) > 10
    listed = re.findall(r'<li id="source-\d+">(?:<a href="[^"]*"[^>]*>)?([^<]*)', text)
    assert len(listed) == len(set(listed))  # each source once
    assert "@page { size: A4" in text


def test_the_report_lists_each_pair_of_parties_once_per_kind(study, tmp_path):
    """Gaps are grouped by kind and, within a kind, by the actors they name: two level
    mismatches between the same holders are one line with both competences, and no line of a
    kind names the same parties as another; ungrouped, each gap would be its own line."""
    from govgraph.render.report import gap_groups

    brief = briefing(study, around=[CCB3F])
    out = tmp_path / "report.html"
    write_report(study, brief, out, gap_limit=40)
    text = out.read_text(encoding="utf-8")
    grouped = 0
    for section in re.findall(r"<h4>([^<]*)</h4>\s*<ol class=\"gaps\">(.*?)</ol>", text, re.S):
        parties = re.findall(r"<li><b>[^<]*</b> — (.*?)<sup", section[1], re.S)
        assert len(parties) == len(set(parties)), section[0]
        grouped += len(parties)
    assert grouped > 0
    gaps = [g for theme in brief["themes"] for g in theme["gaps"][:40]]
    together = [p for g in gap_groups(gaps) for p in g["parties"] if p["together"]]
    assert together and all(len({g["competence"] for g in p["gaps"]}) > 1 for p in together)


def test_the_report_speaks_french_and_german(study, tmp_path):
    brief = briefing(study, around=[CCB3F], themes=["tourism_attractiveness"])
    write_report(study, brief, tmp_path / "fr.html", lang="fr")
    french = (tmp_path / "fr.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in french and ">Synthèse<" in french and ">Sommaire<" in french
    assert ">Tourisme et attractivité<" in french and "Qui détient quoi" in french
    write_report(study, brief, tmp_path / "de.html", lang="de")
    german = (tmp_path / "de.html").read_text(encoding="utf-8")
    assert ">Zusammenfassung<" in german and ">Tourismus und Attraktivität<" in german
    with pytest.raises(GovgraphError, match="unknown language 'it'"):
        write_report(study, brief, tmp_path / "it.html", lang="it")
    assert not (tmp_path / "it.html").exists()


def test_hover_texts_speak_the_pages_language(study):
    """Tooltips of nodes, ties and counterpart links in German: the labels, the kinds, the
    tiers, the competences by name; in English the same words as before."""
    german = build_network(study, select_nodes(study), **overlays(study), lang="de")
    nodes = {n["id"]: n["title"] for n in german["nodes"]}
    apach = nodes["fr-apach"]
    assert "Gemeinde · Commune (Ebene Kommunal)" in apach and "\nLand: FR\n" in apach
    assert "Zuständigkeiten: " in apach and "Competences:" not in apach
    assert "Katastrophenschutz" in apach  # civil protection by its German name, not its id
    assert "untersuchter Akteur" in nodes[CCB3F]
    ties = [e["title"] for e in german["edges"] if e.get("relation") == "MEMBER_OF"]
    assert ties and all(" — Mitglied von — " in t and "member_of" not in t for t in ties)
    [link] = [e for e in german["edges"] if e["relation"] == "COUNTERPART"][:1]
    assert "Gegenüber Nr. 1" in link["title"] and "Grenzschritte" in link["title"]
    english = build_network(study, select_nodes(study), lang="en")
    apach_en = next(n["title"] for n in english["nodes"] if n["id"] == "fr-apach")
    assert "municipality · Commune (Local tier)" in apach_en and "Competences: " in apach_en


def test_every_kind_and_word_is_named_in_every_language():
    from govgraph import model
    from govgraph.render.words import KIND_NAMES, LANGUAGES, NETWORK_WORDS, STRINGS

    kinds = set(model.ACTOR_KINDS) | set(model.INITIATIVE_KINDS)
    for lang in LANGUAGES:
        assert set(KIND_NAMES[lang]) == kinds, lang
        assert set(NETWORK_WORDS[lang]) == set(NETWORK_WORDS["en"]), lang
        assert set(STRINGS[lang]) == set(STRINGS["en"]), lang


@pytest.mark.browser
def test_the_network_page_speaks_french(study, tmp_path):
    out = tmp_path / "reseau.html"
    write_network_html(study, out, select_nodes(study), **overlays(study), lang="fr")
    with open_page(out) as visit:
        visit.wait_for("() => !!(window.govgraph && window.govgraph.stable)")
        side = visit.js("() => document.getElementById('side').textContent")
        for words in ("Comment lire ce réseau", "Filtres", "Légende", "Type de lien", "Échelon",
                      "Allemagne", "Sarre (DE)", "coopère avec", "Environnement et mobilité",
                      "l'acteur étudié", "Forme = type", "commune"):  # fmt: skip
            assert words in side, words
        assert "Kind of tie" not in side and "cooperates with" not in side
        visit.page.fill("#search", "busendorf")
        visit.wait_for("() => window.govgraph.focused === 'fr-bouzonville'")
        assert "trouvé" in visit.js("() => document.getElementById('found').textContent")
        assert visit.errors == [] and visit.external_requests == []
    with pytest.raises(GovgraphError, match="unknown language 'it'"):
        write_network_html(study, tmp_path / "it.html", select_nodes(study), lang="it")
    assert not (tmp_path / "it.html").exists()


def test_a_large_view_is_laid_out_beforehand(tmp_path):
    # more than PHYSICS_LIMIT nodes, and more than networkx lays out without scipy (500)
    from govgraph.data.synth import write_synthetic

    write_synthetic(tmp_path / "big", actors=1000, seed=2)
    big = govgraph.load_study(tmp_path / "big")
    info = write_network_html(big, tmp_path / "big.html", select_nodes(big))
    assert info["nodes"] > 600 and info["physics"] is False


def test_an_operational_body_is_tied_to_its_formal_holder_and_says_for_whom(study):
    """An organ's line to its government is drawn; its tooltip names whom it exercises for."""
    network = build_network(study, select_nodes(study, country=["LU"]))
    drawn = {(e["from"], e["to"]) for e in network["edges"] if e["relation"] == "EXERCISES"}
    assert ("lu-atp", "lu-government") in drawn
    [atp] = [n for n in network["nodes"] if n["id"] == "lu-atp"]
    government = study.node("lu-government")["name"]
    assert (
        f"Regional and interurban bus and coach lines (exercises for {government})" in atp["title"]
    )


def test_country_colours_share_no_hue_with_ties_and_filters_read_as_words(study):
    tie_colours = {style["color"] for style in gghtml.EDGE_STYLES.values()}
    assert not set(gghtml.PALETTE) & tie_colours
    assert gghtml.COUNTERPART_BORDER != gghtml.FOCUS_BORDER
    network = build_network(study, select_nodes(study), **overlays(study))
    labels = gghtml._filter_labels(study, network["filters"])
    assert labels["type"]["COOPERATES_WITH"] == "cooperates with"
    assert labels["theme"]["environment_mobility"] == "Environment and mobility"
    assert (
        labels["country"]["DE"] == "Germany" and labels["subdivision"]["DE-SL"] == "Saarland (DE)"
    )
    assert labels["tier"]["none"].startswith("no tier")
    fonts = {n["id"]: n.get("font", {}).get("size") for n in network["nodes"]}
    assert fonts[CCB3F] == gghtml.LEAD_FONT  # the studied actor is labelled at fit zoom
    assert sum(1 for size in fonts.values() if size == gghtml.LEAD_FONT) < len(fonts) / 4
    borders = {n["id"]: n["color"] for n in network["nodes"] if isinstance(n["color"], dict)}
    assert borders[CCB3F]["border"] == gghtml.FOCUS_BORDER
    ranked = overlays(study)["counterparts"][0]["candidate"]
    assert borders[ranked]["border"] == gghtml.COUNTERPART_BORDER


@pytest.mark.browser
def test_the_view_travels_in_the_link_and_the_drawing_saves_as_png(bundled_page, tmp_path):
    with open_page(bundled_page) as visit:
        visit.wait_for(
            "() => !!(window.govgraph && window.govgraph.stable && window.govgraph.view)"
        )
        visit.page.click("input[data-filter='country'][value='LU']")
        visit.page.fill("#search", "busendorf")
        visit.wait_for("() => window.govgraph.focused === 'fr-bouzonville'")
        visit.js("() => { window.govgraph.network.moveTo({scale: 0.8, animation: false}); }")
        visit.page.click("input[data-filter='type'][value='FUNDS']")  # a change saves the view
        link = visit.js("() => location.href")
        assert "#view=" in link
        with visit.page.expect_download() as download:
            visit.page.click("#png")
        saved = tmp_path / "network.png"
        download.value.save_as(saved)
        data = saved.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
        assert visit.external_requests == []
        hidden_before = visit.js("() => window.govgraph.nodes.get().filter(n => n.hidden).length")
    with open_page(bundled_page) as again:  # the link, opened anew
        again.page.goto(link)
        again.wait_for("() => window.govgraph && window.govgraph.restored === true")
        assert again.js("() => window.govgraph.network.getSelectedNodes()") == ["fr-bouzonville"]
        hidden = again.js("() => window.govgraph.nodes.get().filter(n => n.hidden).length")
        assert hidden == hidden_before > 0
        assert not again.js("() => document.querySelector(\"input[value='LU']\").checked")
        assert abs(again.js("() => window.govgraph.network.getScale()") - 0.8) < 0.05
    with open_page(bundled_page) as broken:  # a hash that is not a view is ignored
        broken.page.goto(bundled_page.resolve().as_uri() + "#view=%7Bnot json")
        broken.wait_for("() => window.govgraph && window.govgraph.restored === false")
        assert broken.errors == []


@pytest.mark.browser
def test_lead_labels_read_at_fit_zoom_and_shrink_on_zoom(bundled_page):
    with open_page(bundled_page) as visit:
        visit.wait_for(
            "() => !!(window.govgraph && window.govgraph.stable && window.govgraph.leadSize)"
        )
        visit.js("() => window.govgraph.network.fit({animation: false})")
        visit.wait_for("() => window.govgraph.leadSize > 20")
        on_screen = visit.js("() => window.govgraph.leadSize * window.govgraph.network.getScale()")
        assert on_screen >= 10  # pixels on screen at fit zoom, not a speck
        visit.js("() => window.govgraph.network.moveTo({scale: 2, animation: false})")
        visit.wait_for("() => window.govgraph.leadSize === 12")
        label = visit.js(f"() => window.govgraph.nodes.get('{CCB3F}').label")
        assert label.startswith("CC ")  # the short label; the full name is in the tooltip


@pytest.mark.browser
def test_zoomed_in_labels_do_not_overlap(bundled_page):
    """Zoomed in on the CC Bouzonvillois, and at fit zoom, a label that would overlap one
    already placed is left out; the studied actor and its counterparts are always labelled."""

    def no_overlap(visit) -> int:
        boxes = visit.js("() => window.govgraph.labelBoxes")
        kept = set(visit.js("() => window.govgraph.nodes.get().filter(n => n.keep).map(n => n.id)"))
        assert CCB3F in kept and CCB3F in {b["id"] for b in boxes}
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                if {a["id"], b["id"]} <= kept:
                    continue  # the studied actor and its counterparts are always labelled
                overlap = a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"]
                assert not (overlap and b["y1"] < a["y2"]), (a["id"], b["id"])
        return len(boxes)

    with open_page(bundled_page) as visit:
        visit.wait_for(
            "() => !!(window.govgraph && window.govgraph.stable && window.govgraph.labelBoxes)"
        )
        no_overlap(visit)
        visit.js(
            f"() => window.govgraph.network.focus('{CCB3F}', {{scale: 1.2, animation: false}})"
        )
        visit.wait_for(
            "() => window.govgraph.labelsLeftOut > 0 && window.govgraph.labelBoxes.length > 10"
        )
        assert no_overlap(visit) > 10
        hidden = visit.js(
            "() => window.govgraph.nodes.get().filter(n => n.font && "
            "n.font.color === 'rgba(0,0,0,0)').map(n => n.id)"
        )
        assert hidden and CCB3F not in hidden


@pytest.mark.browser
def test_clicking_a_node_opens_its_panel(bundled_page):
    with open_page(bundled_page) as visit:
        visit.wait_for("() => !!(window.govgraph && window.govgraph.stable)")
        assert visit.js("() => document.getElementById('panel').hidden")
        visit.js(
            f"() => window.govgraph.network.focus('{CCB3F}', {{scale: 1.5, animation: false}})"
        )
        x, y = visit.js(
            f"() => {{ const p = window.govgraph.network.canvasToDOM("
            f"window.govgraph.network.getPositions(['{CCB3F}'])['{CCB3F}']); "
            "const r = document.getElementById('network').getBoundingClientRect(); "
            "return [p.x + r.left, p.y + r.top]; }"
        )
        visit.page.mouse.click(x, y)
        visit.wait_for(f"() => window.govgraph.panel === '{CCB3F}'")
        assert not visit.js("() => document.getElementById('panel').hidden")
        body = visit.js("() => document.getElementById('panel-body').textContent")
        assert "Bouzonvillois" in visit.js(
            "() => document.getElementById('panel-name').textContent"
        )
        headings = visit.js(
            "() => [...document.querySelectorAll('#panel-body h3')].map(h => h.textContent)"
        )
        assert headings == ["Names", "Level", "Kind", "Competences", "Ties", "Website", "Source"]
        # the map's panel: each competence with its role and source, the ties by name
        assert "Household waste collection — holds (exclusive)" in body
        assert (
            "CGCT art. L5214-16 I 5°Source: CGCT art. L5214-16 ; https://www.vie-publique.fr/"
            in body
        )
        assert "Commune d'Apach member of Communauté de communes Bouzonvillois" in body
        assert "Intermunicipal" in body and "Source: " in body
        visit.page.click("#panel-close")
        assert visit.js("() => document.getElementById('panel').hidden")
        # an initiative has no actor panel: its hover text
        initiative = visit.js(
            "() => window.govgraph.nodes.get().find(n => n.kind === 'initiative').id"
        )
        visit.js(f"() => window.govgraph.openPanel({json.dumps(initiative)})")
        assert visit.js("() => document.getElementById('panel-body').className") == "panel-text"
