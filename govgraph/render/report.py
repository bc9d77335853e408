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

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["write_report"]


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


def write_report(
    study: Study,
    brief: dict[str, Any],
    out: str | Path,
    *,
    force: bool = False,
    gap_limit: int = 25,
) -> dict[str, Any]:
    """Write the report of ``brief`` (see :func:`~govgraph.analysis.briefing.briefing`) to
    ``out``; return the number of themes, focus actors and bytes."""
    target = Path(out)
    check_output(target, force)
    G = study.graph
    sections = [
        (
            section,
            render_page(
                study,
                build_network(study, section["nodes"]),
                f"{section['name']} — cooperation network",
            ),
        )
        for section in brief["themes"]
    ]
    focus = brief["focus"]
    text = (
        templates()
        .get_template("report.html.j2")
        .render(
            title=f"{G.graph.get('title') or G.graph.get('name')} — roadmap report",
            about=provenance(study),
            focus=", ".join(G.nodes[a]["name"] for a in focus) or "—",
            sections=sections,
            gap_limit=gap_limit,
            sources_of=sources_of,
        )
    )
    write_atomically(target, text)
    return {"themes": len(brief["themes"]), "focus": len(focus), "bytes": target.stat().st_size}
