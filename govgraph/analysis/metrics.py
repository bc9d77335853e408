"""The figures a researcher reports about cross-border cooperation in a dataset.

- cross-border share of cooperation ties (memberships, cooperation, funding, supervision,
  participation in initiatives, a body exercising a competence for another);
- communities of the cooperation network (Louvain, fixed seed) and how many mix countries;
- brokers across each border (betweenness between the actors of two countries);
- per theme, the "who does what on each side" matrix: for each competence and country, the levels
  (national name and tier) of the study area's actors that hold it.

Example:
    >>> from govgraph.study import load_study
    >>> m = cooperation_metrics(load_study())
    >>> 0 < m["ties"]["cross_border_share"] < 1
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from govgraph import model
from govgraph.analysis.gaps import StudyArea, study_area

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["cooperation_metrics", "coverage", "operational_name"]

LOUVAIN_SEED = 42
TOP_BROKERS = 10


def cooperation_metrics(
    study: Study,
    *,
    around: str | None = None,
    countries: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Ties, communities, brokers and per-theme coverage (see the module docstring)."""
    import networkx as nx

    G = study.graph
    T = study.ties
    ties = list(T.edges())
    crossing = sum(1 for a, b in ties if study.is_cross_border(a, b))
    by_type: dict[str, dict[str, int]] = {}
    for a, b, data in T.edges(data=True):
        counts = by_type.setdefault(data["type"], {"ties": 0, "cross_border": 0})
        counts["ties"] += 1
        counts["cross_border"] += study.is_cross_border(a, b)

    connected = T.subgraph([n for n in T if T.degree(n) > 0])
    communities = (
        nx.community.louvain_communities(connected, seed=LOUVAIN_SEED) if len(connected) else []
    )
    described: list[dict[str, Any]] = []
    for community in sorted(communities, key=lambda c: (-len(c), min(c))):
        members = {c for n in community if (c := study.single_country(n))}
        described.append(
            {
                "size": len(community),
                "countries": sorted(members),
                "mixes_countries": len(members) > 1,
                "example_members": sorted(community)[:5],
            }
        )
    mixed = [c for c in described if c["mixes_countries"]]
    sized = [c for c in described if c["size"] > 1]

    area = study_area(study, countries=countries, around=around)
    brokers = {}
    for a, b in area.pairs:
        sources = [n for n in T if study.single_country(n) == a and T.degree(n)]
        targets = [n for n in T if study.single_country(n) == b and T.degree(n)]
        if not sources or not targets:
            continue
        scores = nx.betweenness_centrality_subset(T, sources, targets, normalized=True)
        ranked = sorted(((s, n) for n, s in scores.items() if s > 0), key=lambda x: (-x[0], x[1]))
        brokers[f"{a}-{b}"] = [
            {
                "id": n,
                "name": G.nodes[n]["name"],
                "label": G.nodes[n]["label"],
                "betweenness": round(s, 6),
            }
            for s, n in ranked[:TOP_BROKERS]
        ]
    return {
        "dataset": G.graph.get("name"),
        "ties": {
            "total": len(ties),
            "cross_border": crossing,
            "cross_border_share": round(crossing / len(ties), 4) if ties else 0.0,
            "by_type": dict(sorted(by_type.items())),
        },
        "communities": {
            "method": f"Louvain (networkx, seed {LOUVAIN_SEED}) on the cooperation network",
            "count": len(described),
            "mixing_countries": len(mixed),
            "border_crossing_index": round(len(mixed) / len(sized), 4) if sized else 0.0,
            "largest": described[:10],
        },
        "brokers": brokers,
        "coverage": coverage(study, around=around, countries=countries),
    }


def coverage(
    study: Study,
    *,
    around: str | None = None,
    countries: Iterable[str] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Per theme, one row per competence: for each country of the study area, the levels (national
    name and tier) of its actors that hold the competence (or a narrower one), and by name the
    bodies with no level: an operational holder with those it exercises it for ("Administration
    des transports publics, for Gouvernement du Grand-Duché de Luxembourg")."""
    G = study.graph
    area = study_area(study, around=around, countries=countries)
    shown = [
        side
        for country in sorted({c for pair in area.pairs for c in pair})
        for side in _columns(area, country)
    ]
    table: dict[str, list[dict[str, Any]]] = {}
    for theme in study.themes:
        rows = []
        for competence in sorted(study.theme_competences.get(theme, set())):
            row: dict[str, Any] = {
                "competence": competence,
                "name": G.nodes[competence].get("name_en"),
            }
            for country in shown:
                levels = {}
                for holder in area.holders(country, competence):
                    level = study.level_of.get(holder)
                    if level:
                        levels[level] = (G.nodes[level]["tier"], G.nodes[level]["name"])
                    else:
                        levels[holder] = ("", operational_name(study, holder, competence))
                row[country] = [
                    f"{name} ({tier})" if tier else name
                    for tier, name in sorted(
                        levels.values(), key=lambda v: (model.TIER_RANK.get(v[0], 9), v[1])
                    )
                ]
            rows.append(row)
        table[theme] = rows
    return table


def _columns(area: StudyArea, country: str) -> list[str]:
    """A country's columns: the subdivisions asked for, else its subdivisions in the area when
    there are several and its reference has rules of their own (the German Länder, the Belgian
    regions; not the Luxembourg cantons), else the country."""
    asked = sorted(s for s in area.chosen if s.startswith(f"{country}-"))
    present = area.subdivisions(country)
    own_rules = any(sub for rows in area.allocated(country).values() for _, sub in rows)
    return asked or (present if len(present) > 1 and own_rules else [country])


def operational_name(study: Study, body: str, competence: str) -> str:
    """A body's name, with those it exercises ``competence`` (or a narrower one) for."""
    formal = sorted(
        {
            holder
            for part in study.narrower(competence)
            for holder in study.holdings.get(body, {}).get(part, {}).get("on_behalf_of", ())
        }
    )
    name = study.node(body)["name"]
    if not formal:
        return name
    return f"{name}, for {', '.join(study.node(h)['name'] for h in formal)}"
