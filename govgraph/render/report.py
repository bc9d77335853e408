"""The roadmap report: one self-contained, printable HTML page per study, theme by theme.

For each theme: who holds what on each side (country × competence, with national levels and
tiers), the counterpart tables of the focus actors, the gaps ranked with their explanations and
sources, and the theme's network view embedded (the same offline page as ``govgraph html``).
The page is templates/report.html.j2, rendered with autoescape: every text from the data is
HTML-escaped, and the network page goes into its frame's ``srcdoc`` attribute escaped too.

Example:
    >>> import tempfile, pathlib
    >>> from govgraph.study import load_study
    >>> from govgraph.analysis.briefing import briefing
    >>> study = load_study()
    >>> brief = briefing(study, around=["CC Bouzonvillois"], themes=["tourism_attractiveness"])
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> write_report(study, brief, out)["themes"]
    1
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.files import check_output, write_atomically
from govgraph.render.network import build_network, provenance, render_page, templates
from govgraph.render.words import NETWORK_WORDS, REPORT_WORDS, catalogue_name, check_language

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["footnote_marks", "gap_groups", "write_report"]


def gap_groups(gaps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The gaps of a report section grouped by kind (in the order they first appear), and within
    a kind by the actors they name on each side, so each pair of parties is listed once with
    every competence it concerns (eight level mismatches between the same two holders are one
    line); a gap naming no actor on a side stays a group of its own.

    >>> rows = [{"kind": "level_mismatch", "competence": c, "severity": 0.6,
    ...          "side_a": {"country": "FR", "actors": [{"id": "x", "name": "X"}]},
    ...          "side_b": {"country": "LU", "actors": [{"id": "y", "name": "Y"}]}}
    ...         for c in ("roads", "police")]
    >>> [(g["kind"], [len(p["gaps"]) for p in g["parties"]]) for g in gap_groups(rows)]
    [('level_mismatch', [2])]
    """
    kinds: dict[str, dict[tuple[Any, ...], list[dict[str, Any]]]] = {}
    for number, gap in enumerate(gaps):
        sides = tuple(
            (gap[s]["country"], tuple(a["id"] for a in gap[s]["actors"]))
            for s in ("side_a", "side_b")
        )
        single = isinstance(gap.get("competence"), str) and all(ids for _, ids in sides)
        key = sides if single else (number,)
        kinds.setdefault(gap["kind"], {}).setdefault(key, []).append(gap)
    return [
        {
            "kind": kind,
            "count": sum(len(g) for g in groups.values()),
            "parties": [
                {
                    "gaps": group,
                    "together": len(group) > 1,
                    "severity": max(g["severity"] for g in group),
                }
                for group in groups.values()
            ],
        }
        for kind, groups in kinds.items()
    ]


def sources_of(facts: Iterable[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """The distinct sources of ``facts`` as (text, link) pairs, in order: a source field may hold
    several, separated by " ; "; only an http(s) address gets a link (its first word).

    >>> sources_of([{"source": "https://a.eu/x page ; law 12"}, {"source": "law 12"}, {}])
    [('https://a.eu/x page', 'https://a.eu/x'), ('law 12', None)]
    """
    items: dict[tuple[str, str | None], None] = {}
    for value in dict.fromkeys(f.get("source") or "" for f in facts):
        if not value:
            continue
        for part in value.split(" ; "):
            text = part.strip()
            link = text.split()[0] if text.startswith(("http://", "https://")) else None
            items[text, link] = None
    return list(items)


def footnote_marks(numbers: list[int]) -> list[tuple[str, int]]:
    """Sorted footnote numbers as marks, each run a range (with the number it links to).

    >>> footnote_marks([1, 2, 3, 7, 9, 10])
    [('1–3', 1), ('7', 7), ('9–10', 9)]
    """
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return [(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]), r[0]) for r in runs]


def write_report(
    study: Study,
    brief: dict[str, Any],
    out: str | Path,
    *,
    force: bool = False,
    gap_limit: int = 25,
    lang: str = "en",
) -> dict[str, Any]:
    """Write the report of ``brief`` (see :func:`~govgraph.analysis.briefing.briefing`) to
    ``out`` in ``lang`` (en, fr, de: the report's words and the competence and theme names; the
    gaps' explanations stay in English); return the number of themes, focus actors and bytes."""
    check_language(lang)
    target = Path(out)
    check_output(target, force)
    G = study.graph

    def named(node: str) -> str:
        return catalogue_name(study, node, lang)

    sections = [
        (
            section,
            render_page(
                study,
                build_network(study, section["nodes"], lang=lang),
                f"{named(section['theme'])} — {NETWORK_WORDS[lang]['network']}",
                lang,
            ),
        )
        for section in brief["themes"]
    ]
    focus = brief["focus"]
    numbers: dict[tuple[str, str | None], int] = {}

    def number(text: str, url: str | None) -> int:
        """The footnote number of a source, given in the order sources first appear."""
        return numbers.setdefault((text, url), len(numbers) + 1)

    def marks(items: Iterable[tuple[str, str | None]]) -> list[tuple[str, int]]:
        """The footnote marks of some sources, runs of numbers as ranges: [("1–15", 1)]."""
        return footnote_marks(sorted({number(text, url) for text, url in items}))

    text = (
        templates()
        .get_template("report.html.j2")
        .render(
            title=f"{G.graph.get('title') or G.graph.get('name')} — {REPORT_WORDS[lang]['report']}",
            lang=lang,
            w=REPORT_WORDS[lang],
            named=named,
            about=provenance(study),
            focus=", ".join(G.nodes[a]["name"] for a in focus) or "—",
            sections=sections,
            gap_limit=gap_limit,
            sources_of=sources_of,
            gap_groups=gap_groups,
            summary=brief["summary"],
            marks=marks,
            footnotes=lambda: list(numbers),
        )
    )
    write_atomically(target, text)
    return {"themes": len(brief["themes"]), "focus": len(focus), "bytes": target.stat().st_size}
