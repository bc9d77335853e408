"""The competence catalogue as a table: each competence with its names, COFOG code, parent and
themes, and which levels of each country the reference allocates it to.

Example:
    >>> from govgraph.study import load_study
    >>> rows = {r["id"]: r for r in competence_rows(load_study())}
    >>> rows["health"]["name_fr"], rows["health"]["cofog"]
    ('Santé', '07')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govgraph.model import RelType

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["competence_rows"]


def competence_rows(study: Study, theme: str | None = None) -> list[dict[str, Any]]:
    """One row per competence (of ``theme``, if given), in id order: ``id``, its names,
    ``cofog``, ``parent``, ``themes`` and, per country of the dataset, the levels the reference
    allocates it to with their role (``Commune (shared)``; a subdivision's own rule is marked
    ``in DE-SL``)."""
    G = study.graph
    allocated: dict[str, dict[str, list[str]]] = {}
    for level, competence, data in G.edges(data=True):
        if data["type"] != RelType.ALLOCATES:
            continue
        country = G.nodes[level]["country"]
        where = f" in {data['subdivision']}" if data.get("subdivision") else ""
        allocated.setdefault(competence, {}).setdefault(country, []).append(
            f"{G.nodes[level]['name']} ({data.get('role')}){where}"
        )
    countries = list(study.countries)
    rows = []
    for competence in study.competences:
        themes = study.themes_of.get(competence, [])
        if theme and theme not in themes:
            continue
        node = G.nodes[competence]
        row: dict[str, Any] = {
            "id": competence,
            "name_en": node.get("name_en"),
            "name_fr": node.get("name_fr"),
            "name_de": node.get("name_de"),
            "cofog": node.get("cofog"),
            "parent": study.competence_parent.get(competence),
            "themes": themes,
        }
        for country in countries:
            row[country] = sorted(allocated.get(competence, {}).get(country, []))
        rows.append(row)
    return rows
