"""What the roadmap report says, theme by theme: who holds what on each side, the counterparts of
the focus actors, the theme's gaps and the part of the cooperation network it concerns.

Example:
    >>> from govgraph.study import load_study
    >>> brief = briefing(load_study(), around=["CC Bouzonvillois"],
    ...                  themes=["tourism_attractiveness"])
    >>> brief["focus"], [t["theme"] for t in brief["themes"]]
    (['fr-cc-bouzonvillois-trois-frontieres'], ['tourism_attractiveness'])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from govgraph import model
from govgraph.analysis.actors import resolve_actor
from govgraph.analysis.counterparts import counterparts
from govgraph.analysis.gaps import find_gaps, study_area
from govgraph.analysis.metrics import coverage
from govgraph.analysis.network import select_nodes
from govgraph.analysis.roadmap import roadmap
from govgraph.errors import NotFoundError

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["briefing", "default_focus"]

#: Counterparts shown per focus actor and country.
COUNTERPARTS_SHOWN = 3


def default_focus(study: Study) -> list[str]:
    """General-purpose governments above the municipal tier within one step of a border."""
    found = []
    for actor, steps in sorted(study_area(study).zone.items()):
        kind = study.node(actor)["kind"]
        if (
            steps <= 1
            and study.level_of.get(actor)
            and kind in model.INHERITING_KINDS
            and kind != "municipality"
        ):
            found.append(actor)
    return found


def briefing(
    study: Study,
    *,
    themes: Iterable[str] | None = None,
    around: Iterable[str] | None = None,
) -> dict[str, Any]:
    """The report's contents: ``focus`` (actor ids) and, per theme, its ``coverage`` rows, the
    ``counterparts`` of each focus actor that has a territory, its ``gaps`` (most severe first),
    with one ``around`` actor its ``roadmap`` steps (:func:`~govgraph.analysis.roadmap.roadmap`),
    and the ``nodes`` of its network view. With one ``around`` actor the study area is the area
    around it, otherwise the border zone."""
    chosen = list(themes or study.themes)
    for theme in chosen:
        if theme not in study.themes:
            raise NotFoundError(f"unknown theme '{theme}'; allowed: {', '.join(study.themes)}")
    focus = [resolve_actor(study, a) for a in around] if around else default_focus(study)
    study_actor = focus[0] if around and len(focus) == 1 else None
    table = coverage(study, around=study_actor)
    all_gaps = find_gaps(study, around=study_actor)
    sections = []
    for theme in chosen:
        ranked = []
        for actor in focus:
            try:
                rows = counterparts(study, actor, theme=theme, top=COUNTERPARTS_SHOWN)
            except NotFoundError:
                continue
            ranked.append({"actor": actor, "name": study.node(actor)["name"], "rows": rows})
        sections.append(
            {
                "theme": theme,
                "name": study.node(theme).get("name_en", theme),
                "coverage": table.get(theme, []),
                "counterparts": ranked,
                "gaps": [g for g in all_gaps if theme in g["themes"]],
                "roadmap": roadmap(study, study_actor, theme=theme) if study_actor else [],
                "nodes": select_nodes(study, theme=theme),
            }
        )
    return {"focus": focus, "themes": sections}
