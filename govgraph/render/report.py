"""The roadmap report: one self-contained, printable HTML page per study, theme by theme.

For each theme: who holds what on each side (country × competence, with national levels and
tiers), the counterpart tables of the focus actors, the gaps ranked with their explanations and
sources, and the theme's network view embedded (the same offline page as ``govgraph html``).
Every text from the data is HTML-escaped.

Example:
    >>> import govgraph, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> write_report(govgraph.load_graph(), out, around=["fr-cc-bouzonvillois-trois-frontieres"],
    ...              themes=["tourism_attractiveness"])["themes"]
    1
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph import __version__, model
from govgraph.analysis.territory import analysis
from govgraph.errors import NotFoundError
from govgraph.model import Label

if TYPE_CHECKING:
    import networkx as nx

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


def default_focus(G: nx.MultiDiGraph) -> list[str]:
    """General-purpose governments above the municipal tier within one step of a border."""
    from govgraph.analysis.gaps import study_area
    from govgraph.analysis.territory import index

    study = study_area(G)
    idx = index(G)
    found = []
    for actor, steps in sorted(study.zone.items()):
        level = idx.level_of.get(actor)
        kind = G.nodes[actor]["kind"]
        if steps <= 1 and level and kind in model.INHERITING_KINDS and kind != "municipality":
            found.append(actor)
    return found


def _counterpart_section(G: nx.MultiDiGraph, focus: list[str], theme: str) -> str:
    from govgraph.analysis.counterparts import counterparts

    parts = []
    for actor in focus:
        try:
            rows = counterparts(G, actor, theme=theme, top=3)
        except NotFoundError:
            continue
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
            for r in rows
        ]
        parts.append(
            f"<h4>{esc(G.nodes[actor]['name'])}</h4>"
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


def _gaps_section(all_gaps: list[dict[str, Any]], theme: str, limit: int) -> str:
    gaps = [g for g in all_gaps if theme in g["themes"]]
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


@analysis
def write_report(
    G: nx.MultiDiGraph,
    out: str | Path,
    *,
    themes: Iterable[str] | None = None,
    around: Iterable[str] | None = None,
    force: bool = False,
    gap_limit: int = 25,
) -> dict[str, Any]:
    """Write the report to ``out``; return the number of themes, focus actors and bytes."""
    from govgraph.analysis.counterparts import resolve_actor
    from govgraph.analysis.gaps import find_gaps
    from govgraph.analysis.metrics import coverage
    from govgraph.data.export import check_output
    from govgraph.render.network import build_network, render_page, select_nodes

    target = Path(out)
    check_output(target, force)
    all_themes = sorted(n for n, d in G.nodes(data=True) if d["label"] == Label.THEME)
    chosen = list(themes or all_themes)
    for theme in chosen:
        if theme not in all_themes:
            raise NotFoundError(f"unknown theme '{theme}'; allowed: {', '.join(all_themes)}")
    focus = [resolve_actor(G, a) for a in around] if around else default_focus(G)
    study_actor = focus[0] if around and len(focus) == 1 else None
    table = coverage(G, around=study_actor)
    all_gaps = find_gaps(G, around=study_actor)
    sections = []
    for theme in chosen:
        name = G.nodes[theme].get("name_en", theme)
        network = build_network(G, select_nodes(G, theme=theme), gaps=False)
        page = render_page(G, network, f"{name} — cooperation network")
        sections.append(
            f"<h2>{esc(name)}</h2>"
            f"<h3>Who holds what on each side</h3>{_coverage_section(table.get(theme, []))}"
            f"<h3>Counterparts</h3>{_counterpart_section(G, focus, theme)}"
            f"<h3>Gaps, most severe first</h3>{_gaps_section(all_gaps, theme, gap_limit)}"
            f"<h3>Network</h3><iframe title='{esc(name, quote=True)} network' "
            f'srcdoc="{esc(page, quote=True)}"></iframe>'
        )
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
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    return {"themes": len(chosen), "focus": len(focus), "bytes": target.stat().st_size}
