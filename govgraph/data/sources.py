"""Judging sources: what kind of page each source is, the canonical page a mirror copies, and the
warnings a careful reader would raise about a dataset's sources.

A source cell holds one or more parts separated by `` ; ``: a URL (optionally followed by a
description) or a legal reference (``CGCT art. L5214-16``). Each URL is ``official`` (a
government, a public body, an official journal or law portal), ``encyclopaedia`` (Wikipedia, by
its canonical URL), ``press``, ``mirror`` (a site that copies Wikipedia or documents: a reader
can't trust it, and it may vanish) or ``other``; a part that is not a URL is ``legal``.

Example:
    >>> kind_of("https://www.dewiki.de/Lexikon/Perl_(Mosel)")
    'mirror'
    >>> canonical("https://www.dewiki.de/Lexikon/Perl_(Mosel)")
    'https://de.wikipedia.org/wiki/Perl_(Mosel)'
    >>> kind_of("https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006389099")
    'official'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlparse

from govgraph.errors import Problem

__all__ = [
    "KINDS",
    "MIRRORS",
    "canonical",
    "host_of",
    "kind_of",
    "parts",
    "manifest_source_warnings",
    "source_report",
    "source_warnings",
]

#: The kinds of source, from the most to the least trusted.
KINDS = ("official", "legal", "encyclopaedia", "press", "other", "mirror")

#: Hosts that copy Wikipedia or documents (a documented list: add a host when an audit finds one).
MIRRORS: frozenset[str] = frozenset(
    {
        "dewiki.de",
        "wiki.li",
        "frwiki.wiki",
        "wikiwand.com",
        "wikisort.org",
        "wiki.x.io",
        "kampuspedia.com",
        "perceptiode.com",
        "dnhewrhegkli.shop",
        "wikipedia.ddns.net",
        "wikiless.org",
        "wikiclassic.com",
        "lunar.icu",
        "other.wiki",
        "abcdef.wiki",
        "wikial.top",
        "infosekolah.com",
        "livda.fr",
        "pdfslide.net",
        "lescigales.org",
        "profilbaru.com",
        "sagapedia.com",
        "dictionary.tn",
        "fr-academic.com",
        "de-academic.com",
        "docslib.org",
        "docplayer.fr",
        "docplayer.net",
        "readkong.com",
        "studylib.es",
        "studylib.net",
        "studylibfr.com",
        "studylibde.com",
        "fdocuments.net",
        "fdocuments.in",
        "fanyv88.com",
        "123dok.net",
        "9dok.net",
        "documents.pub",
        "fichier-pdf.fr",
        "e-tud.com",
        "flipbuilder.com",
        "pdfhall.com",
        "lexaris.de",
        "lexaris.io",
        "lexaris.eu",
        "droit-bilingue.ch",
        "lawbrary.ch",
        "merkt.ch",
        "nina.az",
        "linkfang.de",
        "mgwiki.top",
        "uni-protokolle.de",
        "wikide.org",
        "jakami.de",
        "wikiup.org",
        "eudic.net",
        "scribd.com",
    }
)

#: Press and broadcasting hosts of the bundled borders (their facts are at most medium).
PRESS: frozenset[str] = frozenset(
    {
        "saarbruecker-zeitung.de",
        "volksfreund.de",
        "sr.de",
        "welt.de",
        "wort.lu",
        "lequotidien.lu",
        "lessentiel.lu",
        "tageblatt.lu",
        "paperjam.lu",
        "rtl.lu",
        "republicain-lorrain.fr",
        "francebleu.fr",
        "francetvinfo.fr",
        "lagazettedescommunes.com",
        "ledauphine.com",
        "lyoncapitale.fr",
        "lyonmag.com",
        "leprogres.fr",
        "lessorsavoyard.fr",
        "latribunerepublicaine.fr",
        "hebdo01.fr",
        "radiomontblanc.fr",
        "tdg.ch",
        "letemps.ch",
        "20min.ch",
        "24heures.ch",
        "lemanbleu.ch",
        "ghi.ch",
        "lacote.ch",
        "rts.ch",
        "swissinfo.ch",
        "radiolac.ch",
        "radiochablais.ch",
        "levif.be",
        "rtbf.be",
        "lesoir.be",
    }
)

#: Suffixes and hosts of official sites: governments, public bodies, journals and law portals.
_OFFICIAL_SUFFIXES = (
    ".gouv.fr",
    ".gouv.lu",
    ".gouvernement.lu",
    ".etat.lu",
    ".sante.fr",
    ".public.lu",
    ".admin.ch",
    ".europa.eu",
    ".fgov.be",
    ".belgium.be",
    ".vlaanderen.be",
    ".wallonie.be",
    ".brussels",
    ".ge.ch",
    ".vd.ch",
    ".vs.ch",
    ".saarland.de",
    ".rlp.de",
    ".bund.de",
)
_OFFICIAL_HOSTS = frozenset(
    {
        "legifrance.gouv.fr",
        "gesetze-im-internet.de",
        "fedlex.admin.ch",
        "admin.ch",
        "silgeneve.ch",
        "ge.ch",
        "vd.ch",
        "vs.ch",
        "belgium.be",
        "vlaanderen.be",
        "wallonie.be",
        "saarland.de",
        "senat.fr",
        "assemblee-nationale.fr",
        "vie-publique.fr",
        "ccomptes.fr",
        "insee.fr",
        "banatic.interieur.gouv.fr",
        "unstats.un.org",
        "iso.org",
        "senate.be",
        "ejustice.just.fgov.be",
        "gouvernement.lu",
        "granderegion.net",
        "grand-geneve.org",
        "espaces-transfrontaliers.org",
    }
)
_ARTICLE = re.compile(
    r"§\s*\d|\b(art|article|artikel|RS|rs/GE|rsGE|BLV)\.?\s*\(?(?:[A-Z]{1,4}[.\s]?){0,3}\d|\b[LRD]\d{3,4}",
    re.I,
)


def host_of(url: str) -> str:
    """The host of a URL, lowercase, without ``www.`` or a port."""
    host = (urlparse(url).hostname or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _listed(host: str, hosts: Iterable[str]) -> bool:
    return any(host == h or host.endswith("." + h) for h in hosts)


def kind_of(part: str) -> str:
    """The kind of one source part (see the module docstring)."""
    if not part.lower().startswith(("http://", "https://")):
        return "legal"
    url = part.split()[0]
    host = host_of(url)
    if host == "unpkg.com" and urlparse(url).path.startswith("/@etalab/"):
        return "official"  # the official French administrative data (INSEE, DGCL) as published
    if _listed(host, MIRRORS) or host.startswith(("wikiless.", "kiwix.")):
        return "mirror"
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", host):
        return "mirror"  # a bare address serving pages: a proxy copying another site
    if host.endswith("wikipedia.org"):
        return "encyclopaedia"
    if _listed(host, PRESS):
        return "press"
    if host in _OFFICIAL_HOSTS or host.endswith(_OFFICIAL_SUFFIXES):
        return "official"
    return "other"


def parts(source: str | None) -> list[str]:
    """The parts of a source cell."""
    return [p.strip() for p in (source or "").split(" ; ") if p.strip()]


_WIKI_MIRRORS = (
    (re.compile(r"^https?://(?:www\.)?dewiki\.de/Lexikon/(.+)$"), "de", 1),
    (re.compile(r"^https?://([a-z]{2})\.m\.wiki\.x\.io/wiki/(.+)$"), None, 2),
    (re.compile(r"^https?://de\.wiki\.li/(.+)$"), "de", 1),
    (re.compile(r"^https?://(?:www\.)?wikiwand\.com/([a-z]{2})/(?:articles/)?(.+)$"), None, 2),
    (re.compile(r"^https?://world\.wikisort\.org/[^/]+/([a-z]{2})/[^/]+/(.+)$"), None, 2),
    (re.compile(r"^https?://[a-z]{2}\.frwiki\.wiki/wiki/(.+)$"), "fr", 1),
    (re.compile(r"^https?://(?:www\.)?kampuspedia\.com/([a-z]{2})/(.+)$"), None, 2),
    (re.compile(r"^https?://(?:www\.)?perceptiode\.com/(.+)$"), "ru", 1),
    (re.compile(r"^https?://(?:www\.)?dnhewrhegkli\.shop/wiki/(.+)$"), "de", 1),
    (re.compile(r"^https?://kiwix\.[^/]+/wikipedia_([a-z]{2})_[^/]+/A/(.+)$"), None, 2),
    (re.compile(r"^https?://wiki\.livda\.fr/content/wikipedia_([a-z]{2})_[^/]+/(.+)$"), None, 2),
    (re.compile(r"^https?://([a-z]{2})[a-z]{2}\.(?:other|abcdef)\.wiki/wiki/(.+)$"), None, 2),
    (re.compile(r"^https?://([a-z]{2})\.m\.wikipedia\.org\.?/wiki/(.+)$"), None, 2),
    (re.compile(r"^http://([a-z]{2})\.wikipedia\.org/wiki/(.+)$"), None, 2),
    (re.compile(r"^https?://(?:www\.)?wiki-?data\.de-de\.nina\.az/(.+)\.html$"), "de", 1),
    (re.compile(r"^https?://(?:www\.)?linkfang\.de/wiki/(.+)$"), "de", 1),
    (re.compile(r"^https?://[\d.]+/host-https-([a-z]{2})\.m\.wikipedia\.org/wiki/(.+)$"), None, 2),
    (
        re.compile(
            r"^https?://[\d.]+/index\.cgi/contrast/https://([a-z]{2})\.wikipedia\.org/wiki/(.+)$"
        ),
        None,
        2,
    ),
    (re.compile(r"^https?://([a-z]{2})\.mgwiki\.top/wiki/(.+)$"), None, 2),
    (re.compile(r"^https?://(?:www\.)?uni-protokolle\.de/Lexikon/(.+)\.html$"), "de", 1),
    (re.compile(r"^https?://wikide\.org/de/(.+)$"), "de", 1),
    (
        re.compile(r"^https?://wikipedia\.jakami\.de/content/wikipedia_([a-z]{2})_[^/]+/A/(.+)$"),
        None,
        2,
    ),
    (re.compile(r"^https?://([a-z]{2})\.wikiup\.org/wiki/(.+)$"), None, 2),
    (re.compile(r"^https?://wiki-gateway\.eudic\.net/wikipedia_([a-z]{2})/(.+)\.html$"), None, 2),
)


def _proxied(url: str) -> str | None:
    """The URL a web proxy fetched, when it carries it base64-encoded in its ``q`` parameter."""
    import base64
    from urllib.parse import parse_qs

    query = parse_qs(urlparse(url).query).get("q")
    if not query:
        return None
    try:
        inner = base64.b64decode(query[0] + "==", validate=False).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    return inner.split("?")[0] if inner.startswith(("http://", "https://")) else None


def canonical(url: str) -> str | None:
    """The canonical Wikipedia URL a known mirror copies (or the canonical form of a mobile or
    http Wikipedia URL, or of a proxied one); None when it is not known."""
    inner = _proxied(url) if kind_of(url) == "mirror" else None
    if inner:
        url = inner
    for pattern, language, title_group in _WIKI_MIRRORS:
        match = pattern.match(url)
        if match:
            lang = language or match.group(1)
            return f"https://{lang}.wikipedia.org/wiki/{match.group(title_group)}"
    return None


def _is_homepage(part: str) -> bool:
    if kind_of(part) == "legal":
        return False
    parsed = urlparse(part.split()[0])
    return parsed.path in ("", "/") and not parsed.query


#: Tables whose rows state a specific fact (a bare homepage can't support them).
_SPECIFIC = ("holdings", "exercises", "allocations", "relations", "names")


def manifest_source_warnings(manifest: dict[str, Any], file: str) -> Iterator[Problem]:
    """A mirror or scraper host among the sources of a dataset's manifest (``file``).

    >>> [p.message for p in manifest_source_warnings(
    ...     {"sources": ["https://www.dewiki.de/Lexikon/Perl_(Mosel)"]}, "manifest.json")]
    ['cites a mirror or scraper site (dewiki.de)']
    """
    for url in manifest.get("sources") or ():
        if kind_of(url) == "mirror":
            yield _mirror_problem(file, 0, "sources", url)


def _mirror_problem(file: str, line: int, column: str, url: str) -> Problem:
    """The warning for a cited mirror or scraper host, with the page to cite when known."""
    fix = canonical(url)
    return Problem(
        file,
        line,
        column,
        f"cites a mirror or scraper site ({host_of(url)})",
        f"cite the page it copies: {fix}"
        if fix
        else "cite the official page or the canonical article it copies",
    )


def source_warnings(tables: dict[str, Any]) -> Iterator[Problem]:
    """The warnings about sources of a dataset's typed rows (``govgraph validate``; errors with
    ``--strict``): a mirror or scraper host, a bare homepage as the only source of a specific
    fact, an allocation whose legal basis names no article, a confidence high resting only on an
    encyclopaedia or the press."""
    for table, rows in tables.items():
        for row in rows:
            cell = parts(row["source"])
            kinds = [kind_of(p) for p in cell]
            for part, kind in zip(cell, kinds, strict=True):
                if kind == "mirror":
                    yield _mirror_problem(row.file, row.line, "source", part.split()[0])
            if table in _SPECIFIC and cell and all(_is_homepage(p) for p in cell):
                yield Problem(
                    row.file,
                    row.line,
                    "source",
                    "is only a homepage, which does not show this fact",
                    "cite the page or the legal text that states it",
                )
            basis = row.values.get("legal_basis")
            if table == "allocations" and basis and not _ARTICLE.search(basis):
                yield Problem(
                    row.file,
                    row.line,
                    "legal_basis",
                    f"'{basis[:60]}' names no article",
                    "give the article (art. L1234-5, § 5 Abs. 2, RS 101 art. 62)",
                )
            high = (row.values.get("confidence") or "high") == "high"
            if high and kinds and all(k in ("encyclopaedia", "press", "mirror") for k in kinds):
                what = "an encyclopaedia" if "press" not in kinds else "the press"
                yield Problem(
                    row.file,
                    row.line,
                    "confidence",
                    f"is high but the row rests only on {what}",
                    "set confidence to medium (with a note), or cite an official source",
                )


def source_report(tables: dict[str, Any]) -> dict[str, Any]:
    """What a dataset rests on: hosts with counts, the share of each kind of source, the mix of
    confidence, and the rows with weak sources (every warning of :func:`source_warnings`)."""
    hosts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    confidence: Counter[str] = Counter()
    rows_count = 0
    for rows in tables.values():
        for row in rows:
            if "source" not in row.values:
                continue
            rows_count += 1
            confidence[row.values.get("confidence") or "high"] += 1
            for part in parts(row["source"]):
                kind = kind_of(part)
                kinds[kind] += 1
                hosts[host_of(part.split()[0]) if kind != "legal" else "(legal reference)"] += 1
    total = sum(kinds.values()) or 1
    return {
        "rows": rows_count,
        "sources": sum(kinds.values()),
        "kinds": {k: {"count": kinds[k], "share": round(kinds[k] / total, 4)} for k in KINDS},
        "confidence": {c: confidence[c] for c in ("high", "medium", "low")},
        "hosts": [{"host": h, "count": c, "kind": _host_kind(h)} for h, c in hosts.most_common()],
        "weak": [
            {"file": p.file, "row": p.row, "column": p.column, "problem": p.message, "fix": p.fix}
            for p in sorted(source_warnings(tables))
        ],
    }


def _host_kind(host: str) -> str:
    return "legal" if host == "(legal reference)" else kind_of(f"https://{host}/")
