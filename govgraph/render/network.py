"""Interactive network HTML: one self-contained, offline, escaped file built with pyvis.

pyvis assembles the nodes, edges and options; the page is govgraph's own Jinja2 template
(templates/network.html.j2) with the vis-network library that ships inside pyvis copied in, so
nothing is fetched from a CDN. Every text from the data reaches the page either HTML-escaped by
the template's autoescape or as JSON data that vis-network shows as plain text (tooltips are
strings, never HTML), and the JSON is made safe to sit inside <script> by :func:`safe_json`.

Example:
    >>> import pathlib, re, tempfile
    >>> from govgraph.study import load_study
    >>> from govgraph.analysis.network import select_nodes
    >>> study = load_study()
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "net.html"
    >>> info = write_network_html(study, out, select_nodes(study, country=["FR"]))
    >>> page = out.read_text(encoding="utf-8")
    >>> info["nodes"] > 50 and not re.search(r"<(script|link)[^>]*(src|href)=", page)
    True
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from govgraph import model
from govgraph.errors import GovgraphError
from govgraph.files import check_output, write_atomically
from govgraph.model import Label
from govgraph.progress import step
from govgraph.render.words import (
    KIND_NAMES,
    NETWORK_WORDS,
    ROLE_NAMES,
    STRINGS,
    TIE_NAMES,
    TIER_NAMES,
    catalogue_name,
    check_language,
    side_name,
)
from govgraph.study import names_of, short_name
from govgraph.version import __version__

if TYPE_CHECKING:
    from govgraph.study import Study


__all__ = [
    "EDGE_STYLES",
    "GAP_LINKS",
    "MAX_NODES",
    "PHYSICS_LIMIT",
    "build_network",
    "render_page",
    "safe_json",
    "write_network_html",
]
#: Up to this many nodes the layout settles with physics in the browser.
PHYSICS_LIMIT = 300
#: Above this many nodes govgraph refuses to write a file a browser cannot draw.
MAX_NODES = 5000

#: Country colours: no hue the ties or the overlays use (those are greys, pink, red, orange).
PALETTE = (
    "#1f77b4",
    "#2ca02c",
    "#9467bd",
    "#bcbd22",
    "#17becf",
    "#8c564b",
    "#393b79",
    "#637939",
)
#: Border of the studied actor and of its ranked counterparts.
FOCUS_BORDER = "#000000"
COUNTERPART_BORDER = "#e377c2"
#: Label size of the studied actor, its counterparts and the most central nodes: readable when
#: the whole network fits the screen (the page shrinks it as one zooms in, down to the others').
LEAD_FONT = 60
#: How many of the most central nodes are labelled at every zoom.
LEAD_NODES = 12
CROSS_BORDER_COLOUR = "#555555"
SHAPES: dict[str, str] = {
    "municipality": "dot",
    "intermunicipal_body": "diamond",
    "county": "square",
    "region": "triangle",
    "federated_state": "triangle",
    "national_government": "star",
    "ministry": "star",
    "state_agency": "triangleDown",
    "deconcentrated_state_service": "triangleDown",
    "special_purpose_body": "hexagon",
    "social_security_body": "hexagon",
    "public_establishment": "hexagon",
    "public_company": "hexagon",
    "association": "hexagon",
    "programme_authority": "hexagon",
    "cross_border_body": "square",
    "initiative": "dot",
}
SHAPE_LEGEND: list[tuple[str, str]] = [
    ("● circle", "municipality"),
    ("◆ diamond", "intermunicipal body"),
    ("■ square", "county (département, Landkreis); in grey, a cross-border body"),
    ("▲ triangle", "region, federated state"),
    ("★ star", "national government, ministry"),
    ("▼ triangle down", "State agency or service"),
    ("⬢ hexagon", "special-purpose body, public company, association"),
    ("◌ dashed circle", "initiative (project, agreement, programme, forum, workshop)"),
]
#: Ties in greys told apart by their dashes; the analysis overlays in colour.
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "MEMBER_OF": {"color": "#555555", "dashes": False, "label": "member of"},
    "SUPERVISED_BY": {"color": "#555555", "dashes": [2, 4], "label": "supervised by"},
    "FUNDS": {"color": "#999999", "dashes": [10, 4], "label": "funds"},
    "COOPERATES_WITH": {"color": "#222222", "dashes": [1, 3, 8, 3], "label": "cooperates with"},
    "PARTICIPATES_IN": {"color": "#999999", "dashes": False, "label": "participates in"},
    "EXERCISES": {"color": "#555555", "dashes": [6, 3], "label": "exercises a competence for"},
    "COUNTERPART": {"color": "#e377c2", "dashes": [8, 4], "label": "counterpart (ranked)"},
    "MISSING_DIALOGUE": {"color": "#d62728", "dashes": [6, 6], "label": "missing dialogue (gap)"},
    "LEVEL_MISMATCH": {"color": "#ff7f0e", "dashes": [1, 5], "label": "level mismatch (gap)"},
}
#: The gaps drawn as links between their two actors.
GAP_LINKS = ("missing_dialogue", "level_mismatch")


def safe_json(data: Any) -> str:
    """JSON that can sit inside a <script> element: no '<', '>', '&' or line separators."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    return (
        (lib / "vis-network.min.js").read_text(encoding="utf-8"),
        (lib / "vis-network.css").read_text(encoding="utf-8"),
    )


@functools.cache
def templates() -> jinja2.Environment:
    """The Jinja2 environment of govgraph's pages (govgraph/render/templates): autoescape on, so
    every variable is HTML-escaped unless passed as Markup, and an unknown variable is an error."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("govgraph.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def provenance(study: Study) -> dict[str, str]:
    """Which dataset (name, version, date), which day the page is about and which govgraph
    made it."""
    G = study.graph
    return {
        "dataset": str(G.graph.get("name", "")),
        "version": str(G.graph.get("version", "")),
        "date": str(G.graph.get("date") or "undated"),
        "as_of": study.as_of or "every date",
        "govgraph": __version__,
    }


def _country_colours(study: Study) -> dict[str, str]:
    countries = sorted({c for _, d in study.graph.nodes(data=True) for c in d.get("countries", [])})
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(countries)}


# --------------------------------------------------------------------------- building


def _held(study: Study, competence: str, holding: dict[str, Any], lang: str) -> str:
    """A competence as the tooltip lists it (its name in ``lang``), with those the actor
    exercises it for."""
    formal = [study.graph.nodes[h]["name"] for h in holding.get("on_behalf_of", ())]
    name = catalogue_name(study, competence, lang)
    return f"{name} ({STRINGS[lang]['exercises']} {', '.join(formal)})" if formal else name


def _tooltip(study: Study, node: str, tier: tuple[str | None, str | None], lang: str = "en") -> str:
    """The plain text shown on hover and in the side panel: names, kind, level and tier,
    countries, competences (named in ``lang``), source.

    >>> from govgraph.study import load_study
    >>> study = load_study()
    >>> print(_tooltip(study, "fr-apach", study.tier("fr-apach"), "fr").splitlines()[2])
    Pays : FR
    """
    G = study.graph
    data = G.nodes[node]
    words, strings = NETWORK_WORDS[lang], STRINGS[lang]
    colon = " : " if lang == "fr" else ": "  # French typography puts a space before the colon
    lines = [data.get("name", node)]
    for other in model.name_languages(data):
        if data[f"name_{other}"] != data.get("name"):
            lines.append(f"{other}{colon}{data[f'name_{other}']}")
    kind = data.get("kind", "")
    kind = KIND_NAMES[lang].get(kind, kind)
    level, tier_name = tier
    tier_text = TIER_NAMES[lang].get(tier_name or "", tier_name or "")
    tier_of = words["tier_of"].format(tier=tier_text)
    lines.append(f"{kind}" + (f" · {level} ({tier_of})" if level else ""))
    lines.append(f"{words['country']}{colon}{', '.join(data.get('countries', []))}")
    if study.subdivisions_of.get(node):
        subdivisions = ", ".join(study.subdivisions_of[node])
        lines.append(f"{words['subdivision']}{colon}{subdivisions}")
    if data.get("former_names"):
        lines.append(f"{words['formerly'].capitalize()}{colon}{', '.join(data['former_names'])}")
    held = sorted(
        _held(study, competence, d, lang)
        for _, competence, d in G.out_edges(node, data=True)
        if d["type"] == "HOLDS"
    )
    if held:
        shown = ", ".join(held[:12]) + (f" … (+{len(held) - 12})" if len(held) > 12 else "")
        lines.append(f"{strings['competences']}{colon}{shown}")
    if data.get("source"):
        lines.append(f"{strings['source']}{colon}{data['source']}")
    return "\n".join(lines)


def _filter_labels(
    study: Study, filters: dict[str, list[str]], lang: str = "en"
) -> dict[str, dict[str, str]]:
    """The words a planner reads beside each filter box (not the data's ids), in ``lang``."""
    words = NETWORK_WORDS[lang]
    return {
        "country": {
            c: words["none_country"] if c == "none" else side_name(c, lang)
            for c in filters["country"]
        },
        "subdivision": {
            s: words["none"] if s == "none" else side_name(s, lang) for s in filters["subdivision"]
        },
        "tier": {t: TIER_NAMES[lang].get(t, words["no_tier"]) for t in filters["tier"]},
        "theme": {t: catalogue_name(study, t, lang) for t in filters["theme"]},
        "type": {t: _tie_name(t, lang) for t in filters["type"] if t in EDGE_STYLES},
    }


def _tie_name(kind: str, lang: str) -> str:
    return TIE_NAMES[lang].get(kind) or NETWORK_WORDS[lang].get(kind) or EDGE_STYLES[kind]["label"]


def build_network(
    study: Study,
    nodes: set[str],
    *,
    focus: str | None = None,
    counterparts: Iterable[dict[str, Any]] = (),
    gaps: Iterable[dict[str, Any]] = (),
    lang: str = "en",
) -> dict[str, Any]:
    """The vis-network data of the chosen nodes, built with pyvis: nodes, edges, options, and the
    filter values (countries, tiers, themes, relationship types) the page offers; the hover
    texts in ``lang`` (the gaps' explanations stay in English).

    ``focus`` is highlighted with its ranked ``counterparts`` (records of
    :func:`~govgraph.analysis.counterparts.counterparts`); ``gaps`` (records of
    :func:`~govgraph.analysis.gaps.find_gaps`) draw missing-dialogue and level-mismatch links.
    """
    import networkx as nx
    from pyvis.network import Network

    check_language(lang)
    G = study.graph
    words = NETWORK_WORDS[lang]
    extra_edges: list[tuple[str, str, str, str]] = []
    highlight: dict[str, str] = {}
    if focus:
        actor = focus
        nodes = set(nodes) | {actor}
        highlight[actor] = words["studied_actor"]
        for row in counterparts:
            nodes.add(row["candidate"])
            ranked = words["counterpart_rank"].format(rank=row["rank"], country=row["country"])
            highlight.setdefault(row["candidate"], ranked)
            shared = ", ".join(catalogue_name(study, s["competence"], lang) for s in row["shared"])
            tiers = " / ".join(
                TIER_NAMES[lang].get(t or "", t or "—") for t in (row["actor_tier"], row["tier"])
            )
            reasons = (
                f"{ranked}, {words['score']} {row['score']}\n"
                f"{words['shared']}: {shared or '—'}\n"
                f"{words['tiers']}: {tiers}, {words['steps']} {row['distance']}"
            )
            extra_edges.append((actor, row["candidate"], "COUNTERPART", reasons))
    for gap in gaps:
        if (
            gap["kind"] not in GAP_LINKS
            or not gap["side_a"]["actors"]
            or not gap["side_b"]["actors"]
        ):
            continue
        a, b = gap["side_a"]["actors"][0]["id"], gap["side_b"]["actors"][0]["id"]
        if a in nodes or b in nodes:
            nodes |= {a, b}
            extra_edges.append((a, b, gap["kind"].upper(), gap["explanation"]))
    if len(nodes) > MAX_NODES:
        raise GovgraphError(
            f"{len(nodes)} nodes is more than a browser can draw in one page (limit {MAX_NODES}): "
            "narrow it with --country, --theme or --ego ACTOR --depth N"
        )
    view = nx.Graph()
    view.add_nodes_from(sorted(nodes))
    ties = []
    for start, end, data in G.edges(data=True):
        if data["type"] in model.TIE_TYPES and start in nodes and end in nodes:
            ties.append((start, end, data))
            view.add_edge(start, end)
    centrality = nx.degree_centrality(view) if len(view) > 1 else dict.fromkeys(view, 0.0)
    colours = _country_colours(study)
    leads = set(sorted(centrality, key=lambda n: (-centrality[n], n))[:LEAD_NODES])
    physics = len(nodes) <= PHYSICS_LIMIT
    positions = {}
    if not physics:
        with step(f"laying out {len(view):,} nodes", 1) as advance:
            positions = nx.spring_layout(view, seed=7, iterations=40, scale=1500)
            advance()

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    filters: dict[str, set[str]] = {
        "country": set(),
        "subdivision": set(),
        "tier": set(),
        "theme": set(),
        "type": set(),
    }
    for node in sorted(nodes):
        data = G.nodes[node]
        countries = data.get("countries", [])
        tier = study.tier(node)
        themes = sorted(
            {t for c in study.holdings.get(node, {}) for t in study.themes_of.get(c, ())}
            | set(study.themes_of.get(node, ()))
        )
        colour = (
            colours.get(countries[0], CROSS_BORDER_COLOUR)
            if len(countries) == 1
            else CROSS_BORDER_COLOUR
        )
        kind = "initiative" if data["label"] == Label.INITIATIVE else data.get("kind", "")
        options: dict[str, Any] = {
            # the short label (Kirschnaumen, CC Bouzonvillois…): full names are in the tooltip
            "label": short_name(study, node)
            if data["label"] == Label.ACTOR
            else data.get("name", node),
            "title": _tooltip(study, node, tier, lang),
            "color": colour,
            "shape": SHAPES.get(kind, "dot"),
            "size": round(12 + 30 * centrality.get(node, 0.0), 2),
            "countries": countries,
            "subdivisions": list(study.subdivisions_of.get(node, ())),
            "tier": tier[1] or "none",
            "themes": themes,
            "names": names_of(data) + [node] + list(data.get("former_names", ())),
            "kind": kind,
        }
        if kind == "initiative":
            options["shapeProperties"] = {"borderDashes": [4, 3]}
            options["borderWidth"] = 2
            options["color"] = {"background": "#ffffff", "border": colour}
        if node in highlight:
            options["borderWidth"] = 5
            options["title"] += f"\n{highlight[node]}"
            border = FOCUS_BORDER if node == focus else COUNTERPART_BORDER
            options["color"] = {"background": colour, "border": border}
        if node in highlight or node in leads:
            options["font"] = {"size": LEAD_FONT, "strokeWidth": 4, "strokeColor": "#ffffff"}
            options["lead"] = True
        if node in highlight:
            options["keep"] = True  # its label is never left out to declutter the others
        if not physics:
            x, y = positions[node]
            options.update(x=float(x), y=float(y), physics=False)
        net.add_node(node, **options)
        filters["country"].update(countries or ["none"])
        filters["subdivision"].update(options["subdivisions"] or ["none"])
        filters["tier"].add(options["tier"])
        filters["theme"].update(themes)
    for start, end, data in ties:
        style = EDGE_STYLES[data["type"]]
        crossing = study.is_cross_border(start, end)
        title = (
            f"{G.nodes[start].get('name')} — {_tie_name(data['type'], lang)} — "
            f"{G.nodes[end].get('name')}"
            + (f"\n{words['role'].capitalize()}: {data['role']}" if data.get("role") else "")
            + (f"\n{words['cross_border_tie']}" if crossing else "")
            + (
                f"\n{STRINGS[lang]['source'].lower()}: {data['source']}"
                if data.get("source")
                else ""
            )
        )
        net.add_edge(
            start,
            end,
            title=title,
            color=style["color"],
            dashes=style["dashes"],
            width=4 if crossing else 1.5,
            relation=data["type"],
            crossBorder=crossing,
            arrows="to",
        )
        filters["type"].add(data["type"])
    for start, end, kind, text in extra_edges:
        style = EDGE_STYLES[kind]
        net.add_edge(
            start,
            end,
            title=text,
            color=style["color"],
            dashes=style["dashes"],
            width=3,
            relation=kind,
            crossBorder=True,
            arrows="",
            physics=False,
        )
        filters["type"].add(kind)
    nodes_data, edges_data, *_ = net.get_network_data()
    for edge in edges_data:
        edge["physics"] = edge.get("physics", True) and physics
    panels, texts = _panels(study, nodes)
    return {
        "nodes": nodes_data,
        "edges": edges_data,
        "panels": panels,
        "texts": texts,
        "physics": physics,
        "filters": {k: sorted(v) for k, v in filters.items()},
        "focus": focus,
        "highlighted": bool(highlight),
        "colours": colours,
        "centrality": "degree centrality in the network shown",
    }


def _panels(study: Study, nodes: set[str]) -> tuple[dict[str, Any], list[str]]:
    """The panel of every actor among ``nodes`` (:func:`~govgraph.analysis.actors.actor_panel`,
    as the map shows it), compact: each competence a row ``[competence, role, legal basis,
    source(, for whom)]``, each tie ``[type, other, direction]``, each legal basis and source an
    index into one list of texts (the same source recurs on every holding a level's allocation
    gives: a page of 2,000 actors would otherwise carry it thousands of times)."""
    from govgraph.analysis.actors import actor_panel

    index: dict[str, int] = {}

    def ref(text: str | None) -> int | None:
        return None if text is None else index.setdefault(text, len(index))

    panels = {}
    for node in sorted(nodes):
        if study.node(node)["label"] != Label.ACTOR:
            continue
        panel = actor_panel(study, node, nodes)
        panel["source"] = ref(panel["source"])
        # rows, not objects (the page expands them: templates/network.html.j2, panelOf)
        panel["competences"] = [
            [
                c["competence"],
                c["role"],
                ref(c["legal_basis"]),
                ref(c["source"]),
                *([c["for"]] if c["face"] == "exercises" else []),
            ]
            for c in panel["competences"]
        ]
        panel["ties"] = [[t["type"], t["to"], t["direction"]] for t in panel["ties"]]
        panels[node] = panel
    return panels, list(index)


# --------------------------------------------------------------------------- the page


def render_page(study: Study, network: dict[str, Any], title: str, lang: str = "en") -> str:
    """The whole HTML page (templates/network.html.j2) in ``lang`` (en, fr, de: the page's words,
    filters, legend and tooltips; the gaps' explanations stay in English); every data-derived
    text is escaped by the template or JSON-encoded by :func:`safe_json`."""
    check_language(lang)
    words = NETWORK_WORDS[lang]
    vis_js, vis_css = _vis_assets()
    shown_types = set(network["filters"]["type"])
    data = {
        **{
            k: network[k]
            for k in (
                "nodes",
                "edges",
                "physics",
                "filters",
                "colours",
                "centrality",
                "focus",
                "highlighted",
            )
        },
        "filterLabels": _filter_labels(study, network["filters"], lang),
        "words": words,
        # the actor panel's data, in the shape the map's panel reads (templates/_actor_panel)
        "panel": {
            "boxes": network["panels"],
            "texts": network["texts"],
            "words": STRINGS[lang],
            "tierNames": TIER_NAMES[lang],
            "tieNames": TIE_NAMES[lang],
            "roleNames": ROLE_NAMES[lang],
            "kinds": KIND_NAMES[lang],
            "competenceNames": {
                c: catalogue_name(study, c, lang)
                for c in sorted(
                    {row[0] for p in network["panels"].values() for row in p["competences"]}
                )
            },
        },
        "shapes": [
            [shape, text]
            for (shape, _), text in zip(SHAPE_LEGEND, words["shapes"].split("|"), strict=True)
        ],
        "edgeStyles": [
            [_tie_name(t, lang), s["color"], bool(s["dashes"])]
            for t, s in EDGE_STYLES.items()
            if t in shown_types
        ],
    }
    # The only Markup of the page, none of it text from the data: the vis-network files of the
    # pyvis package, kept from closing their element, and the JSON once safe_json has left no
    # '<', '>' or '&' in it. The template escapes everything else.
    vis_css_markup = Markup(vis_css.replace("</", "<\\/"))  # noqa: S704
    vis_js_markup = Markup(vis_js.replace("</script", "<\\/script"))  # noqa: S704
    data_markup = Markup(safe_json(data))  # noqa: S704
    page = templates().get_template("network.html.j2")
    return page.render(
        lang=lang,
        w=words,
        title=title,
        about=provenance(study),
        node_count=len(network["nodes"]),
        edge_count=len(network["edges"]),
        centrality=network["centrality"],
        cross_colour=CROSS_BORDER_COLOUR,
        focus_border=FOCUS_BORDER,
        counterpart_border=COUNTERPART_BORDER,
        lead_font=LEAD_FONT,
        vis_css=vis_css_markup,
        vis_js=vis_js_markup,
        data=data_markup,
    )


def write_network_html(
    study: Study,
    out: str | Path,
    nodes: set[str],
    *,
    force: bool = False,
    focus: str | None = None,
    counterparts: Iterable[dict[str, Any]] = (),
    gaps: Iterable[dict[str, Any]] = (),
    title: str | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """Write the network page of ``nodes`` (see :func:`build_network`) to ``out``; return its
    node and edge counts and size in bytes."""
    target = Path(out)
    check_output(target, force)
    network = build_network(
        study, nodes, focus=focus, counterparts=counterparts, gaps=gaps, lang=lang
    )
    G = study.graph
    words = NETWORK_WORDS.get(lang, NETWORK_WORDS["en"])
    heading = title or f"{G.graph.get('title') or G.graph.get('name')} — {words['network']}"
    write_atomically(target, render_page(study, network, heading, lang))
    return {
        "nodes": len(network["nodes"]),
        "edges": len(network["edges"]),
        "bytes": target.stat().st_size,
        "physics": network["physics"],
    }
