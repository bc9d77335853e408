"""The roadmap report: one self-contained, printable HTML page per study, theme by theme.

For each theme: who holds what on each side (country × competence, with national levels and
tiers), the counterpart tables of the focus actors, the gaps ranked with their explanations and
sources, and the theme's network view embedded (the same offline page as ``govgraph html``).
Every text from the data is HTML-escaped.

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

import html
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph import __version__
from govgraph.files import check_output, write_atomically
from govgraph.render.network import build_network, render_page

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["write_report"]

esc = html.escape


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _sources(values: Iterable[str]) -> str:
    items = []
    for value in dict.fromkeys(v for v in values if v):
        for part in value.split(" ; "):
            text = esc(part.strip())
            if part.strip().startswith(("http://", "https://")):
                url = esc(part.strip().split()[0], quote=True)
                items.append(f'<li><a href="{url}" rel="noreferrer noopener">{text}</a></li>')
            else:
                items.append(f"<li>{text}</li>")
    return f"<ul class='sources'>{''.join(dict.fromkeys(items))}</ul>" if items else ""


def _counterpart_section(ranked: list[dict[str, Any]]) -> str:
    parts = []
    for entry in ranked:
        table_rows = [
            [
                esc(r["country"]),
                str(r["rank"]),
                f"{esc(r['name'])}<br><small>{esc(r['candidate'])}</small>",
                esc(f"{r['level'] or '—'} ({r['tier'] or 'no tier'})"),
                f"{r['score']:.2f}",
                esc(", ".join(s["competence"] for s in r["shared"]) or "—"),
                esc("; ".join(r["notes"]) or ""),
            ]
            for r in entry["rows"]
        ]
        parts.append(
            f"<h4>{esc(entry['name'])}</h4>"
            + _table(
                [
                    "country",
                    "rank",
                    "counterpart",
                    "level (tier)",
                    "score",
                    "shared competences",
                    "notes",
                ],
                table_rows,
            )
        )
    return "".join(parts) or "<p>No focus actor with a territory.</p>"


def _gaps_section(gaps: list[dict[str, Any]], theme: str, limit: int) -> str:
    items = []
    for gap in gaps[:limit]:
        closers = ", ".join(c["name"] for c in gap["could_close"][:5]) or "—"
        items.append(
            f"<li><b>{esc(gap['kind'].replace('_', ' '))}</b> · severity {gap['severity']:.2f} "
            f"<small>({esc(gap['severity_basis'])})</small><br>{esc(gap['explanation'])}"
            f"<br><small>Could close it: {esc(closers)}</small>"
            f"{_sources(f.get('source') or '' for f in gap['facts'])}</li>"
        )
    more = (
        f"<p><small>{len(gaps) - limit} more: govgraph gaps --theme {esc(theme)}</small></p>"
        if len(gaps) > limit
        else ""
    )
    return (
        f"<ol class='gaps'>{''.join(items)}</ol>{more}"
        if items
        else "<p>No gap found for this theme.</p>"
    )


def _coverage_section(table: list[dict[str, Any]]) -> str:
    if not table:
        return "<p>No competence in this theme.</p>"
    countries = [k for k in table[0] if k not in ("competence", "name")]
    rows = [
        [f"{esc(r['name'] or r['competence'])}<br><small>{esc(r['competence'])}</small>"]
        + [
            "<br>".join(esc(level) for level in r[c]) or "<span class='none'>no holder</span>"
            for c in countries
        ]
        for r in table
    ]
    return _table(["competence", *countries], rows)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; frame-src 'self' about: data:">
<title>{title}</title>
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; color: #222; max-width: 1100px; margin: 24px auto; padding: 0 16px; }}
h1 {{ font-size: 24px; }} h2 {{ border-bottom: 2px solid #444; margin-top: 36px; }} h3 {{ margin-top: 22px; }}
table {{ border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }}
th, td {{ border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }}
th {{ background: #f0f0f0; }}
.none {{ color: #b00; }}
.meta {{ color: #555; }}
ul.sources {{ font-size: 11px; color: #555; margin: 2px 0 8px; }}
ol.gaps li {{ margin-bottom: 10px; }}
iframe {{ width: 100%; height: 640px; border: 1px solid #ccc; }}
@media print {{ iframe {{ display: none; }} h2 {{ page-break-before: always; }} body {{ margin: 0; max-width: none; }} }}
</style>
</head>
<body>
<h1 id="report-title">{title}</h1>
<p class="meta">Dataset <b>{dataset}</b> {version} ({date}) · govgraph {govgraph_version} · focus: {focus}</p>
<p>For each theme: who holds each competence on each side of the border (with the national level and
its harmonised tier), the counterparts of the focus actors, the gaps in multi-level governance
ranked by severity (with how it was computed, who could close them and the sources), and the
cooperation network of the theme. How the answers are computed: docs/counterparts.md and docs/gaps.md
of govgraph.</p>
{sections}
</body>
</html>
"""


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
    sections = []
    for section in brief["themes"]:
        name, theme = section["name"], section["theme"]
        network = build_network(study, section["nodes"])
        page = render_page(study, network, f"{name} — cooperation network")
        sections.append(
            f"<h2>{esc(name)}</h2>"
            f"<h3>Who holds what on each side</h3>{_coverage_section(section['coverage'])}"
            f"<h3>Counterparts</h3>{_counterpart_section(section['counterparts'])}"
            f"<h3>Gaps, most severe first</h3>{_gaps_section(section['gaps'], theme, gap_limit)}"
            f"<h3>Network</h3><iframe title='{esc(name, quote=True)} network' "
            f'srcdoc="{esc(page, quote=True)}"></iframe>'
        )
    focus = brief["focus"]
    title = f"{G.graph.get('title') or G.graph.get('name')} — roadmap report"
    text = _PAGE.format(
        title=esc(title),
        dataset=esc(str(G.graph.get("name", ""))),
        version=esc(str(G.graph.get("version", ""))),
        date=esc(str(G.graph.get("date") or "undated")),
        govgraph_version=esc(__version__),
        focus=esc(", ".join(G.nodes[a]["name"] for a in focus) or "—"),
        sections="".join(sections),
    )
    write_atomically(target, text)
    return {"themes": len(brief["themes"]), "focus": len(focus), "bytes": target.stat().st_size}
