"""Which part of the cooperation network a view shows: all of it, a theme's actors and
initiatives, some countries', or the ties within a few steps of one actor (its ego network).

Example:
    >>> from govgraph.study import load_study
    >>> study = load_study()
    >>> "fr-bouzonville" in select_nodes(study, ego="fr-cc-bouzonvillois-trois-frontieres")
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from govgraph.analysis.actors import check_country, resolve_actor
from govgraph.analysis.counterparts import wanted_competences

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["select_nodes"]


def select_nodes(
    study: Study,
    *,
    theme: str | None = None,
    country: Iterable[str] | None = None,
    ego: str | None = None,
    depth: int = 1,
) -> set[str]:
    """Actors and initiatives to show: all, or those of a theme, of countries or subdivisions
    (``DE-SL``), or within ``depth`` ties of ``ego``."""
    T = study.ties
    chosen = set(T.nodes)
    if ego:
        center = resolve_actor(study, ego)
        seen = {center}
        frontier = {center}
        for _ in range(depth):
            frontier = {n for f in frontier for n in T[f]} - seen
            seen |= frontier
        chosen = seen
    if country:
        wanted = [check_country(study, c) for c in country]  # a country or a subdivision
        chosen = {n for n in chosen if any(study.in_side(n, side) for side in wanted)}
    if theme:
        competences = wanted_competences(study, theme=theme) or set()
        chosen = {
            n
            for n in chosen
            if competences & set(study.holdings.get(n, {})) or theme in study.themes_of.get(n, ())
        }
    return chosen
