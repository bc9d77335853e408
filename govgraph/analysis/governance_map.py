"""The governance map: who sits where, as practitioners draw it on the wall.

Columns are the sides (a country; a federated country's Länder or regions each a column of their
own, its federal bodies a column beside them; bodies of several countries in a cross-border
column), bands are the harmonised tiers, national at the top and local at the bottom. A body
without a level of its own sits in the band of the holder it exercises a competence for, right
after it (an organ next to its government, an operator next to its authority); one that works for
several municipalities sits in the intermunicipal band. Each actor carries, per competence, its
face: ``formal`` (it holds the competence, another body exercises it), ``operational`` (it does
the job: it holds it and exercises it itself, or exercises it for another) or ``support``.

Example:
    >>> from govgraph.study import load_study
    >>> plan = governance_map(load_study(), around="CC Bouzonvillois")
    >>> plan["bands"][0], [c["id"] for c in plan["columns"]][:2]
    ('national', ['FR', 'DE'])
    >>> box = plan["boxes"]["lu-atp"]
    >>> box["band"], box["faces"]["public_transport"], box["next_to"]
    ('national', 'operational', 'lu-government')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from govgraph import model
from govgraph.analysis.actors import actor_panel, check_country, resolve_actor
from govgraph.analysis.counterparts import counterparts, resolve_competence
from govgraph.analysis.gaps import STUDY_DISTANCE, find_gaps
from govgraph.analysis.territory import Area
from govgraph.errors import GovgraphError, NotFoundError
from govgraph.model import CROSS_BORDER
from govgraph.study import names_of, short_name

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["MAP_GAPS", "NO_BAND", "governance_map"]

#: The faces of a holding, from the least to the most doing the job.
FACES = ("support", "formal", "operational")
#: The band of a body whose level the data cannot tell (no level, no holder, no territory).
NO_BAND = "none"
#: The most severe gaps marked on a map.
MAP_GAPS = 10
#: A gap naming more actors than this (or none) is marked on the focus actor's box only.
MAP_GAP_ACTORS = 8
#: Counterparts drawn per country from the focus actor.
MAP_COUNTERPARTS = 3


def _side(study: Study, actor: str, federated: set[str]) -> str:
    countries = study.countries_of(actor)
    if len(countries) != 1:
        return CROSS_BORDER
    country = countries[0]
    subdivisions = [s for s in study.subdivisions_of.get(actor, ()) if s.startswith(country)]
    if country in federated and len(subdivisions) == 1:
        return subdivisions[0]
    return country


def _faces(study: Study, actor: str) -> dict[str, str]:
    """Competence → face for every competence the actor holds or exercises, and for the
    broader and narrower ones (a holder of waste management answers for waste collection)."""
    faces: dict[str, str] = {}

    def put(competence: str, face: str) -> None:
        for each in {competence, *study.ancestors(competence), *study.narrower(competence)}:
            if each not in faces or FACES.index(face) > FACES.index(faces[each]):
                faces[each] = face

    given_away = {
        c
        for competence, entries in study.exercised_by.get(actor, {}).items()
        if entries
        for c in study.narrower(competence)
    } | study.organ_exercised.get(actor, set())
    for competence, data in study.holdings.get(actor, {}).items():
        if data.get("role") in model.ASSISTING_ROLES:
            put(competence, "support")
        else:
            put(competence, "formal" if competence in given_away else "operational")
    for _, data in study.exercises.get(actor, ()):
        put(data["competence"], "operational")
    return dict(sorted(faces.items()))


def _placement(
    study: Study, actor: str, shown: set[str], federated: set[str]
) -> tuple[str, str, str | None]:
    """(band, side, next to) of an actor's box: its own tier; else that of the holder it
    exercises a competence for (next to it), of its members, or of the governments of the
    territories it serves (several municipalities: intermunicipal; else the highest)."""
    tier = study.tier(actor)[1]
    side = _side(study, actor, federated)
    if tier:
        return tier, side, None
    exercised_for = {h for h, _ in study.exercises.get(actor, ()) if study.tier(h)[1]}
    governing = {
        g
        for territory in study.serves.get(actor, ())
        for g in study.actors_in.get(territory, ())
        if study.tier(g)[1] and territory in study.territory_of.get(g, ())
    }
    members = {
        m
        for m, _, data in study.graph.in_edges(actor, data=True)
        if data["type"] == model.RelType.MEMBER_OF and study.tier(m)[1]
    }
    holders = sorted(exercised_for or members or governing)
    if len(holders) == 1:
        next_to = holders[0] if holders[0] in shown and holders[0] in exercised_for else None
        return study.tier(holders[0])[1] or "local", side, next_to
    tiers = {study.tier(h)[1] or "local" for h in holders}
    if tiers == {"local"}:
        return "intermunicipal", side, None
    if tiers:
        return max(tiers, key=lambda t: model.TIER_RANK[t]), side, None
    return NO_BAND, side, None


def _members(study: Study, around: str | None, sides: list[str] | None) -> set[str]:
    if around:
        actor = resolve_actor(study, around)
        assert actor is not None
        shown = set(Area.around(study, actor, STUDY_DISTANCE).actors()) | {actor}
    else:
        shown = set(study.actors)
    if sides:
        shown = {a for a in shown if any(study.in_side(a, s) for s in sides)}
    # the bodies that exercise a competence for a shown actor (an organ, an operator)
    for holder in list(shown):
        for entries in study.exercised_by.get(holder, {}).values():
            shown.update(
                body
                for body, _ in entries
                if not sides or any(study.in_side(body, s) for s in sides)
            )
    return {a for a in shown if study.node(a).get("label") == model.Label.ACTOR}


def governance_map(
    study: Study,
    *,
    around: str | None = None,
    theme: str | None = None,
    competence: str | None = None,
    countries: Iterable[str] | None = None,
) -> dict[str, Any]:
    """The map's columns, bands and boxes (see the module docstring); with ``around``, the
    area within the study distance of that actor, its counterparts per country (for
    ``competence`` when given) as links, and the most severe gaps around it marked on their
    actors' boxes. ``theme`` and ``competence`` are the selection the page opens with."""
    sides = [check_country(study, c) for c in countries] if countries else None
    if theme and theme not in study.themes:
        raise NotFoundError(f"unknown theme '{theme}'; allowed: {', '.join(study.themes)}")
    asked = resolve_competence(study, competence) if competence else None
    focus = resolve_actor(study, around) if around else None
    shown = _members(study, around, sides)
    if not shown:
        raise GovgraphError(
            "no actor to draw: nothing in the data is in "
            f"{', '.join(sides or [])}{' around ' + str(around) if around else ''}; "
            "try another --countries or drop it"
        )
    federated = {
        c
        for a in shown
        if study.node(a).get("kind") == "federated_state"
        for c in study.countries_of(a)
    }
    boxes: dict[str, dict[str, Any]] = {}
    for actor in sorted(shown):
        data = study.node(actor)
        band, side, next_to = _placement(study, actor, shown, federated)
        boxes[actor] = {
            **actor_panel(study, actor, shown),
            "short": short_name(study, actor),
            "all_names": names_of(data),
            "band": band,
            "side": side,
            "next_to": next_to,
            "faces": _faces(study, actor),
            "gaps": [],
        }
    links: list[dict[str, Any]] = []
    gaps: list[dict[str, Any]] = []
    if focus:
        for row in counterparts(study, focus, competence=asked, top=MAP_COUNTERPARTS):
            if row["candidate"] in boxes:
                links.append(
                    {
                        "from": focus,
                        "to": row["candidate"],
                        "rank": row["rank"],
                        "score": row["score"],
                        "country": row["country"],
                    }
                )
        for number, gap in enumerate(
            find_gaps(study, around=focus, theme=theme, competence=asked, countries=sides)[
                :MAP_GAPS
            ],
            start=1,
        ):
            named = [
                a["id"]
                for side in ("side_a", "side_b")
                for a in (gap.get(side) or {}).get("actors", [])
                if a.get("id") in boxes
            ]
            named = list(dict.fromkeys(named))
            marked = (
                named if 0 < len(named) <= MAP_GAP_ACTORS else [focus] if focus in boxes else []
            )
            for actor in marked:
                boxes[actor]["gaps"].append(number)
            gaps.append(
                {
                    "number": number,
                    "kind": gap["kind"],
                    "severity": gap["severity"],
                    "explanation": gap["explanation"],
                    "actors": named,
                    "sides": sorted(
                        {
                            code
                            for side in ("side_a", "side_b")
                            for code in str((gap.get(side) or {}).get("country") or "").split(";")
                            if code
                        }
                    ),
                }
            )
    columns = _columns(study, boxes, focus)
    used = {b["band"] for b in boxes.values()}
    bands = [t for t in (*reversed(model.TIERS), NO_BAND) if t in used]
    held = sorted({c for b in boxes.values() for c in b["faces"]})
    return {
        "columns": columns,
        "bands": bands,
        "boxes": boxes,
        "order": _order(study, boxes),
        "links": links,
        "gaps": gaps,
        "focus": focus,
        "theme": theme,
        "competence": asked,
        "competences": held,
        "themes": [t for t in study.themes if study.theme_competences.get(t, set()) & set(held)],
    }


def _columns(study: Study, boxes: dict[str, dict[str, Any]], focus: str | None) -> list[dict]:
    """The sides in reading order: the focus actor's country first, then the others by code;
    a federated country's federal column before its subdivisions; cross-border last."""
    sides = {b["side"] for b in boxes.values()}
    first = study.single_country(focus) if focus else None
    countries = sorted(
        {s.split("-")[0] for s in sides if s != CROSS_BORDER},
        key=lambda c: (c != first, c),
    )
    ordered = []
    for country in countries:
        if country in sides:
            ordered.append(country)
        ordered += sorted(s for s in sides if s.startswith(f"{country}-"))
    if CROSS_BORDER in sides:
        ordered.append(CROSS_BORDER)
    return [
        {"id": side, "boxes": sum(1 for b in boxes.values() if b["side"] == side)}
        for side in ordered
    ]


def _order(study: Study, boxes: dict[str, dict[str, Any]]) -> list[str]:
    """Box order within a cell: general-purpose governments first, each followed by the bodies
    placed next to it, then the other bodies, by short name."""
    after: dict[str, list[str]] = {}
    for actor, box in boxes.items():
        if box["next_to"]:
            after.setdefault(box["next_to"], []).append(actor)

    def key(actor: str) -> tuple[int, str]:
        governing = boxes[actor]["kind"] in model.INHERITING_KINDS
        return (0 if governing else 1, boxes[actor]["short"].casefold())

    order: list[str] = []
    for actor in sorted((a for a, b in boxes.items() if not b["next_to"]), key=key):
        order.append(actor)
        order += sorted(after.get(actor, ()), key=key)
    placed = set(order)
    order += sorted((a for a in boxes if a not in placed), key=key)
    return order
