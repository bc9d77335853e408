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
from govgraph.analysis.gaps import StudyArea, find_gaps, study_area
from govgraph.analysis.metrics import coverage, operational_name
from govgraph.analysis.network import select_nodes
from govgraph.analysis.roadmap import roadmap
from govgraph.errors import NotFoundError

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["briefing", "default_focus", "named_holders"]

#: Counterparts shown per focus actor and country.
COUNTERPARTS_SHOWN = 3
#: Gaps the first page sums up, one sentence each.
SUMMARY_GAPS = 5
#: Holders of one level named one by one; more are counted ("42 × Commune").
NAMED_PER_LEVEL = 3


def named_holders(study: Study, area: StudyArea, side: str, competence: str) -> list[str]:
    """The partners that hold ``competence`` (or a narrower one) on ``side`` of the area, by
    name: the bodies that exercise it first (with those they exercise it for), then the
    governments, a level with many members counted once.

    >>> from govgraph.study import load_study
    >>> from govgraph.analysis.gaps import study_area
    >>> study = load_study()
    >>> area = study_area(study, around="CC Bouzonvillois")
    >>> named_holders(study, area, "DE", "waste_collection")[0]
    'Entsorgungsverband Saar'
    """
    bodies: list[str] = []
    by_level: dict[str, list[str]] = {}
    for holder in area.holders(side, competence):
        level = study.level_of.get(holder)
        if level is None:
            bodies.append(operational_name(study, holder, competence))
        else:
            by_level.setdefault(level, []).append(holder)
    named = sorted(bodies)
    for level, holders in sorted(
        by_level.items(),
        key=lambda item: -model.TIER_RANK.get(study.node(item[0]).get("tier") or "local", 0),
    ):
        if len(holders) > NAMED_PER_LEVEL:
            named.append(f"{len(holders)} × {study.node(level)['name']}")
        else:
            named += sorted(study.node(h)["name"] for h in holders)
    return named


def _summary(study: Study, focus: list[str], area: StudyArea, gaps: list[dict]) -> dict:
    """The first page: the area, who is involved, the most severe gaps in one sentence each,
    the key counterparts (the first of each country for each focus actor)."""
    involved: dict[str, int] = {}
    for actor in area.zone:
        country = study.single_country(actor) or model.CROSS_BORDER
        involved[country] = involved.get(country, 0) + 1
    key = []
    for actor in focus:
        try:
            rows = counterparts(study, actor, top=1)
        except NotFoundError:
            continue
        key += [
            {"actor": study.node(actor)["name"], "country": r["country"], "name": r["name"],
             "score": r["score"]}
            for r in rows
        ]  # fmt: skip
    seen, severe = set(), []
    for gap in gaps:
        if gap["explanation"] not in seen:
            seen.add(gap["explanation"])
            severe.append(gap)
        if len(severe) == SUMMARY_GAPS:
            break
    return {
        "actors": len(area.zone),
        "involved": dict(sorted(involved.items())),
        "pairs": [f"{a}–{b}" for a, b in area.pairs],
        "gaps": severe,
        "counterparts": key,
    }


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
    """The report's contents: ``focus`` (actor ids), the first page's ``summary`` and, per
    theme, its ``coverage`` rows (levels) and ``partners`` (the same, by name), the
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
    area = study_area(study, around=study_actor)
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
                "partners": [
                    {
                        "competence": row["competence"],
                        "name": row["name"],
                        **{
                            side: named_holders(study, area, side, row["competence"])
                            for side in row
                            if side not in ("competence", "name")
                        },
                    }
                    for row in table.get(theme, [])
                ],
                "counterparts": ranked,
                "gaps": [g for g in all_gaps if theme in g["themes"]],
                "roadmap": roadmap(study, study_actor, theme=theme) if study_actor else [],
                "nodes": select_nodes(study, theme=theme),
            }
        )
    return {
        "focus": focus,
        "summary": _summary(study, focus, area, all_gaps),
        "themes": sections,
    }
