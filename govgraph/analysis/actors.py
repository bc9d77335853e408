"""Looking around a graph: summary figures and actor search; functions take ``G``, return data.

Example:
    >>> import govgraph
    >>> G = govgraph.load_graph()
    >>> [a["id"] for a in find_actors(G, search="sierck")][:1]
    ['fr-sierck-les-bains']
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from govgraph import model
from govgraph.data.build import is_cross_border, level_of
from govgraph.errors import NotFoundError
from govgraph.model import Label
from govgraph.text import matches

if TYPE_CHECKING:
    import networkx as nx


def _sorted_counts(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def names_of(data: dict[str, Any]) -> list[str]:
    """Every name of a node: ``name`` and ``name_<lang>``."""
    names = [data.get("name")] + [data.get(f"name_{lang}") for lang in model.NAME_LANGUAGES]
    return [n for n in names if n]


def summary(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts of nodes and relationships by type, actors by country/tier/kind, cross-border share.

    The cross-border share is over the relationships a dataset states between actors,
    territories and initiatives (``relations.csv``): those whose two ends span several countries.
    """
    nodes = Counter(data["label"] for _, data in G.nodes(data=True))
    edges = Counter(data["type"] for _, _, data in G.edges(data=True))
    by_country: Counter[str] = Counter()
    by_tier: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    for node, data in G.nodes(data=True):
        if data["label"] != Label.ACTOR:
            continue
        by_country[";".join(data.get("countries", ()))] += 1
        level = level_of(G, node)
        by_tier[G.nodes[level]["tier"] if level else "(no level)"] += 1
        by_kind[data["kind"]] += 1
    stated = {t.value for t in model.RELATIONS_FILE_TYPES}
    total = crossing = 0
    for start, end, data in G.edges(data=True):
        if data["type"] in stated:
            total += 1
            crossing += is_cross_border(G, start, end)
    return {
        "dataset": {key: G.graph.get(key) for key in ("name", "title", "version", "date")},
        "nodes": _sorted_counts(nodes),
        "relationships": _sorted_counts(edges),
        "actors_by_country": _sorted_counts(by_country),
        "actors_by_tier": {t: by_tier[t] for t in (*model.TIERS, "(no level)") if by_tier[t]},
        "actors_by_kind": _sorted_counts(by_kind),
        "cross_border": {
            "relationships": total,
            "cross_border": crossing,
            "share": round(crossing / total, 4) if total else 0.0,
        },
    }


def actor_row(G: nx.MultiDiGraph, node: str) -> dict[str, Any]:
    """One actor as a flat record: id, name, kind, country, level, tier, territory, source."""
    data = G.nodes[node]
    level = level_of(G, node)
    territory = next(
        (t for _, t, d in G.out_edges(node, data=True) if d["type"] == "GOVERNS"), None
    )
    return {
        "id": node,
        "name": data["name"],
        "kind": data["kind"],
        "country": ";".join(data.get("countries", ())),
        "level": G.nodes[level]["name"] if level else None,
        "tier": G.nodes[level]["tier"] if level else None,
        "territory": territory,
        "source": data.get("source"),
    }


def find_actors(
    G: nx.MultiDiGraph,
    *,
    country: str | None = None,
    tier: str | None = None,
    kind: str | None = None,
    search: str | None = None,
) -> list[dict[str, Any]]:
    """Actors matching every given filter, sorted by country then name.

    ``search`` is accent- and case-insensitive and matches any of the actor's names.
    """
    found = []
    for node, data in G.nodes(data=True):
        if data["label"] != Label.ACTOR:
            continue
        if country and country not in data.get("countries", ()):
            continue
        if kind and data["kind"] != kind:
            continue
        if search and not matches(search, *names_of(data), node):
            continue
        row = actor_row(G, node)
        if tier and row["tier"] != tier:
            continue
        found.append(row)
    return sorted(found, key=lambda r: (r["country"], r["name"].casefold(), r["id"]))


def countries_of(G: nx.MultiDiGraph) -> list[str]:
    """Every country an actor of ``G`` belongs to, sorted (kept with the graph's index)."""
    from govgraph.analysis.territory import index

    idx = index(G)
    if idx.countries is None:
        idx.countries = sorted(
            {
                c
                for _, d in G.nodes(data=True)
                if d["label"] == Label.ACTOR
                for c in d.get("countries", ())
            }
        )
    return idx.countries


def check_country(G: nx.MultiDiGraph, country: str) -> str:
    """``country`` upper-cased if some actor is in it; else NotFoundError naming those that are."""
    code = country.upper()
    known = countries_of(G)
    if code not in known:
        raise NotFoundError(
            f"no actor in country '{country}'; countries in the data: {', '.join(known)}"
        )
    return code
