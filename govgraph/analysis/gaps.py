"""Gaps in multi-level governance: where cross-border dialogue falls through, who could close it.

Each gap is one record: ``kind``, ``themes``, ``competence``, the actors on each side, a
``severity`` (0 to 1) with ``severity_basis`` (how it was computed), a one-sentence
``explanation``, the ``facts`` (with sources) that led to it, and ``could_close`` (actors or
initiatives able to close it). Every rule is general: none is written for a particular actor.
Each finder of :data:`FINDERS` produces the kinds it names.

The study area is the area around ``around`` (2 border steps), or, without it, every territory
within 2 border steps of a border between two countries. Docs: docs/gaps.md.

Example:
    >>> from govgraph.study import load_study
    >>> found = find_gaps(load_study(), around="fr-cc-bouzonvillois-trois-frontieres")
    >>> "no_counterpart" in {g["kind"] for g in found}
    True
"""

from __future__ import annotations

import functools
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from govgraph import model
from govgraph.analysis.actors import check_country, resolve_actor
from govgraph.analysis.counterparts import (
    ROLE_WEIGHTS,
    counterparts,
    residual_taker,
    resolve_competence,
)
from govgraph.analysis.territory import Area
from govgraph.errors import NotFoundError
from govgraph.model import Label, RelType

if TYPE_CHECKING:
    import networkx as nx

    from govgraph.study import Study

__all__ = [
    "FINDERS",
    "DOCUMENTED_KINDS",
    "GAP_KINDS",
    "Finder",
    "StudyArea",
    "find_gaps",
    "has_cross_border_ties",
    "study_area",
]

#: Initiatives that last (a one-off mission or workshop is not a standing structure).
LASTING_INITIATIVES: frozenset[str] = frozenset(
    {"programme", "agreement", "forum", "network", "project", "service", "link"}
)
#: Structures whose perimeter (the territories they cover or the members they serve) can stop
#: short of an area: agreements, services, programmes and cross-border bodies; and a project
#: whose perimeter is an area (:data:`AREA_KINDS`: a LEADER region, a functional area), not the
#: municipalities a line it builds runs through.
PERIMETER_KINDS: frozenset[str] = frozenset({"agreement", "service", "programme"})
AREA_KINDS: frozenset[str] = frozenset({"cross_border_area", "functional_area"})
STUDY_DISTANCE = 2
DIALOGUE_MIN_SCORE = 0.5
SHORT_PATH = 2
SEARCH_DEPTH = 4
GENERAL = "cross_border_cooperation"


@dataclass
class StudyArea:
    """The actors of the study area (``zone``, with their distances) and the pairs of
    countries compared."""

    study: Study
    zone: dict[str, int]
    pairs: list[tuple[str, str]]
    around: str | None
    local: set[str]
    #: the subdivisions asked for (``--country DE-RP``): their country's side is only them
    chosen: set[str] = field(default_factory=set)
    #: the territories within reach, with their border steps (those containing them included)
    territories: dict[str, int] = field(default_factory=dict)
    _sides: dict[str, list[str]] = field(default_factory=dict)
    _held: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    _allocated: dict[str, dict[str, list[tuple[str, str | None]]]] = field(default_factory=dict)
    _municipalities: dict[str, list[str]] = field(default_factory=dict)

    def side(self, side: str) -> list[str]:
        """Actors of the area that belong to ``side`` alone: a country (``DE``), or a
        subdivision (``DE-RP``: its actors and the country's actors in no subdivision, such as
        the federal State), computed once."""
        if not self._sides:
            for actor in sorted(self.zone):
                single = self.study.single_country(actor)
                if single is not None:
                    self._sides.setdefault(single, []).append(actor)
        if side not in self._sides and "-" in side:
            subdivisions = self.study.subdivisions_of
            self._sides[side] = [
                a
                for a in self._sides.get(side.split("-")[0], [])
                if side in subdivisions.get(a, ()) or not subdivisions.get(a)
            ]
        return self._sides.get(side, [])

    def holders_of(self, side: str, competence: str) -> list[str]:
        """Area actors of ``side`` holding exactly ``competence`` (an index built once)."""
        if side not in self._held:
            table: dict[str, list[str]] = {}
            for actor in self.side(side):
                for held in self.study.holdings.get(actor, {}):
                    table.setdefault(held, []).append(actor)
            self._held[side] = table
        return self._held[side].get(competence, [])

    def holders(self, side: str, competence: str, exact: bool = False) -> list[str]:
        """Area actors of ``side`` that hold the competence (or, unless ``exact``, a
        narrower one), in id order."""
        if exact:
            return self.holders_of(side, competence)
        found: set[str] = set()
        for each in self.study.narrower(competence):
            found.update(self.holders_of(side, each))
        return sorted(found)

    def allocated(self, country: str) -> dict[str, list[tuple[str, str | None]]]:
        """The reference allocation of ``country``: competence → (level, subdivision or None)."""
        if not self._allocated:
            G = self.study.graph
            for level, competence, data in G.edges(data=True):
                if data["type"] == RelType.ALLOCATES:
                    by_competence = self._allocated.setdefault(G.nodes[level]["country"], {})
                    by_competence.setdefault(competence, []).append(
                        (level, data.get("subdivision"))
                    )
        return self._allocated.get(country, {})

    def levels_allocated(self, side: str, competence: str) -> list[str]:
        """The levels the reference gives ``competence`` (or a narrower one) in ``side``."""
        rows = self.allocated(side.split("-")[0])
        return sorted(
            {
                level
                for each in self.study.narrower(competence)
                for level, subdivision in rows.get(each, ())
                if not subdivision or "-" not in side or subdivision == side
            }
        )

    def subdivisions(self, country: str) -> list[str]:
        """The subdivisions of ``country`` its actors in the area are in."""
        return sorted(
            {
                s
                for a in self.side(country)
                for s in self.study.subdivisions_of.get(a, ())
                if s.startswith(f"{country}-")
            }
        )

    def sides(self, country: str, competence: str) -> list[str]:
        """The sides to compare for ``competence`` in ``country``: its subdivisions in the
        area when the reference allocates the competence (or a narrower one) differently in
        them (a German Land, a Belgian region), else the country."""
        asked = sorted(s for s in self.chosen if s.startswith(f"{country}-"))
        if asked:
            return asked
        rows = self.allocated(country)
        parts = self.study.narrower(competence)
        if not any(sub for each in parts for _, sub in rows.get(each, ())):
            return [country]
        present = self.subdivisions(country)

        def allocation(subdivision: str) -> frozenset[tuple[str, str]]:
            own = {(c, lv) for c in parts for lv, sub in rows.get(c, ()) if sub == subdivision}
            return frozenset(
                (c, lv)
                for c in parts
                for lv, sub in rows.get(c, ())
                if sub == subdivision or (not sub and (c, lv) not in own)
            )

        if len({allocation(s) for s in present}) > 1:
            return present
        return [country]


def _check_choice(value: str, allowed: Iterable[str], what: str) -> None:
    allowed = list(allowed)
    if value not in allowed:
        raise NotFoundError(f"unknown {what} '{value}'; allowed: {', '.join(allowed)}")


def study_area(
    study: Study,
    *,
    around: str | None = None,
    countries: Iterable[str] | None = None,
) -> StudyArea:
    """The study area and the country pairs (the around actor's country against each other
    country in the area; otherwise every pair of countries that border each other)."""
    if around:
        actor: str | None = resolve_actor(study, around)
        assert actor is not None
        searched = Area.around(study, actor, STUDY_DISTANCE)
        own = study.countries_of(actor)
        zone = searched.actors()
        others = sorted(
            {c for a in zone if (c := study.single_country(a)) is not None and c not in own}
        )
        pairs = [(own[0], other) for other in others] if len(own) == 1 else []
    else:
        actor = None
        searched = Area.border_zone(study, STUDY_DISTANCE)
        zone = searched.actors()
        found = set()
        for territory, neighbours in study.borders.items():
            a = study.countries_of(territory)
            for neighbour, _ in neighbours:
                b = study.countries_of(neighbour)
                if len(a) == 1 and len(b) == 1 and a != b:
                    found.add(tuple(sorted((a[0], b[0]))))
        pairs = sorted(found)  # type: ignore[arg-type]
    chosen: set[str] = set()
    if countries:
        wanted = {check_country(study, c) for c in countries}
        chosen = {code for code in wanted if code not in study.countries}  # subdivisions
        pairs = [p for p in pairs if set(p) & {code.split("-")[0] for code in wanted}]
    return StudyArea(
        study, zone, pairs, actor, searched.local_actors(), chosen, territories=searched.distance
    )


# --------------------------------------------------------------------------- helpers


def _fact(area: StudyArea, actor: str, competence: str) -> dict[str, Any]:
    data = area.study.holdings[actor][competence]
    return {
        "fact": f"{actor} holds {competence} ({data.get('role')}, {data.get('provenance')})",
        "legal_basis": data.get("legal_basis"),
        "source": data.get("source"),
    }


def _side_fact(area: StudyArea, side: str, competence: str) -> list[dict[str, Any]]:
    """The holding that shows ``competence`` held on ``side``: the first holder's own row
    (of the competence or of the narrower one it holds), with that row's source."""
    for actor in area.holders(side, competence):
        held = area.study.holdings[actor]
        for each in [competence, *sorted(area.study.narrower(competence) - {competence})]:
            if each in held:
                return [_fact(area, actor, each)]
    return []


def _actor(area: StudyArea, actor: str, why: str = "") -> dict[str, Any]:
    G = area.study.graph
    level = area.study.level_of.get(actor)
    record = {
        "id": actor,
        "name": G.nodes[actor]["name"],
        "country": ";".join(G.nodes[actor].get("countries", [])),
        "subdivisions": list(area.study.subdivisions_of.get(actor, ())),
        "level": G.nodes[level]["name"] if level else None,
        "tier": G.nodes[level]["tier"] if level else None,
        "territory": ";".join(area.study.serves.get(actor, ())) or None,
    }
    if why:
        record["why"] = why
    return record


def _strongest(area: StudyArea, actors: list[str], competences: Set[str]) -> float:
    return max(
        (
            ROLE_WEIGHTS.get(d.get("role", ""), 0.5)
            for a in actors
            for c, d in area.study.holdings.get(a, {}).items()
            if c in competences
        ),
        default=0.0,
    )


def _gap(kind: str, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, **fields}


def _distances(T: nx.Graph, start: str, depth: int) -> dict[str, int]:
    seen = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        for neighbour in T[node]:
            if neighbour not in seen:
                seen[neighbour] = seen[node] + 1
                queue.append(neighbour)
    return seen


# --------------------------------------------------------------------------- the kinds


def _no_counterpart(area: StudyArea) -> list[dict[str, Any]]:
    """A competence held on one side of the area and by no actor on the other: a data gap
    when the reference gives it to a level there, an institutional gap when an actor there
    holds only a broader competence, and otherwise a reference gap: the reference says nothing
    of it there. (When the reference gives a broader competence that nobody there holds, the
    gap is reported at the broader one.)"""
    study = area.study
    gaps = []
    reference_gaps: dict[tuple[str, str], list[str]] = {}
    for pair in area.pairs:
        for x, y in (pair, pair[::-1]):
            missing = {
                (a, b, c)
                for c in study.competences
                if c != GENERAL
                for a in area.sides(x, c)
                if area.holders(a, c)
                for b in area.sides(y, c)
                if not area.holders(b, c)
            }
            for a, b, competence in sorted(missing):
                if (a, b, study.competence_parent.get(competence)) in missing:
                    continue  # reported at the broader competence
                levels = area.levels_allocated(b, competence)
                closers = _closest_holders(area, b, competence)
                if not levels and not closers:
                    reference_gaps.setdefault((b, competence), []).append(a)
                    continue
                gaps.append(_missing_holder(area, a, b, competence, levels, closers))
    gaps += [
        _reference_gap(area, side, competence, held_in)
        for (side, competence), held_in in sorted(reference_gaps.items())
    ]
    return gaps


def _missing_holder(
    area: StudyArea,
    a: str,
    b: str,
    competence: str,
    levels: list[str],
    closers: list[dict[str, Any]],
) -> dict[str, Any]:
    G, study = area.study.graph, area.study
    holders = [h for h in area.side(a) if competence in study.holdings.get(h, {})]
    holders = holders or area.holders(a, competence)
    nature = "data" if levels else "institutional"
    weight = _strongest(area, holders, study.narrower(competence))
    factor, factor_why = (
        (0.3, "0.3 (data gap: the data probably lacks the holder)")
        if nature == "data"
        else (0.4, "0.4 (institutional gap: the holders of the broader competence answer for it)")
    )
    name = G.nodes[competence].get("name_en", competence)
    holder_names = ", ".join(G.nodes[h]["name"] for h in holders[:3])
    if nature == "institutional":
        why = f"{b} holds only a broader competence there"
    else:
        level_names = ", ".join(G.nodes[lv]["name"] for lv in levels)
        why = (
            f"the reference allocation gives it to {level_names} in {b}, so the "
            "data probably lacks that actor or holding"
        )
    facts = [
        _fact(area, h, c)
        for h in holders
        for c in sorted(study.narrower(competence) & set(study.holdings.get(h, {})))
    ]
    return _gap(
        "no_counterpart",
        nature=nature,
        themes=study.themes_of.get(competence, []),
        competence=competence,
        side_a={"country": a, "actors": [_actor(area, h) for h in holders]},
        side_b={"country": b, "actors": [], "levels_allocated": levels},
        severity=round(weight * factor, 4),
        severity_basis=f"strongest role on the {a} side ({weight:g}) × {factor_why}",
        explanation=f"{name} is held on the {a} side ({holder_names}) but by no actor "
        f"on the {b} side of the area: {why}.",
        facts=facts,
        could_close=closers,
    )


def _reference_gap(
    area: StudyArea, side: str, competence: str, held_in: list[str]
) -> dict[str, Any]:
    """The reference data has no allocation of a competence (nor of a broader one) for a
    country that faces a holder: a gap in the data govgraph reads, not in governance."""
    G = area.study.graph
    name = G.nodes[competence].get("name_en", competence)
    country = side.split("-")[0]
    return _gap(
        "reference_gap",
        nature="reference",
        themes=area.study.themes_of.get(competence, []),
        competence=competence,
        side_a={"country": ";".join(sorted(set(held_in))), "actors": []},
        side_b={"country": side, "actors": [], "levels_allocated": []},
        severity=0.0,
        severity_basis="0 (a gap in the reference data, not in governance)",
        explanation=f"the reference data has no allocation of {name} for {country}, so "
        f"govgraph cannot tell who holds it on the {side} side (it is held on the "
        f"{' and '.join(sorted(set(held_in)))} side): add the allocation rows for {country} to "
        "allocations.csv, with their legal basis and source.",
        facts=[
            {
                "fact": f"no allocation of {competence} (or of a broader competence) to a level "
                f"of {country}",
                "legal_basis": None,
                "source": "datasets/reference/allocations.csv",
            }
        ],
        could_close=[],
    )


def _closest_holders(area: StudyArea, country: str, competence: str) -> list[dict[str, Any]]:
    """Actors of ``country`` in the area holding the nearest broader competence."""
    for broader in area.study.ancestors(competence):
        holders = area.holders(country, broader, exact=True)
        if holders:
            return [_actor(area, h, f"holds the broader competence {broader}") for h in holders[:5]]
    return []


def _level_mismatch(area: StudyArea) -> list[dict[str, Any]]:
    gaps = []
    for x, y in area.pairs:
        for competence in area.study.competences:
            if competence == GENERAL:
                continue
            for a in area.sides(x, competence):
                for b in area.sides(y, competence):
                    gap = _mismatch(area, a, b, competence)
                    if gap:
                        gaps.append(gap)
    return gaps


def doing_role(study: Study, holder: str, competence: str) -> str:
    """The role ``holder`` does ``competence`` with: its own, or the strongest of the bodies
    that exercise it for the holder (a Département whose fire and rescue service is run by the
    SDIS supports it by law and does it through the SDIS, exclusively).

    >>> from govgraph.study import load_study
    >>> study = load_study()
    >>> study.holdings["fr-departement-moselle"]["fire_rescue"]["role"]
    'support'
    >>> doing_role(study, "fr-departement-moselle", "fire_rescue")
    'exclusive'
    """
    roles = [study.holdings[holder][competence].get("role", "")] + [
        study.holdings[body][competence].get("role", "")
        for body, _ in study.exercised_by.get(holder, {}).get(competence, ())
        if competence in study.holdings.get(body, {})
    ]
    return max(roles, key=lambda r: ROLE_WEIGHTS.get(r, 0.5))


def _mismatch(area: StudyArea, a: str, b: str, competence: str) -> dict[str, Any] | None:
    """The main holders of ``competence`` on sides ``a`` and ``b``, when at different tiers and
    no tier does the job on both sides (a French préfecture and the Luxembourg police are
    national peers, whatever the French communes also hold; a tier that only supports it does
    not count)."""
    G, study = area.study.graph, area.study
    main = {}
    held_at: dict[str, set[str]] = {}
    for side in (a, b):
        holders = [
            h
            for h in area.holders(side, competence, exact=True)
            if study.level_of.get(h)
            # a residual holding another body took in the area is not the side's holder
            and not residual_taker(study, h, study.holdings[h][competence], area.zone)
        ]
        if not holders:
            return None
        role = {h: doing_role(study, h, competence) for h in holders}
        held_at[side] = {  # the tiers that do the job (not those that only support it)
            G.nodes[study.level_of[h]]["tier"]
            for h in holders
            if role[h] not in model.ASSISTING_ROLES
        }
        main[side] = min(
            holders,
            key=lambda h: (
                h != area.around,
                -ROLE_WEIGHTS.get(role[h], 0.5),
                area.zone[h],
                model.TIER_RANK[G.nodes[study.level_of[h]]["tier"]],
                h,
            ),
        )
    if held_at[a] & held_at[b]:
        return None  # both sides hold it at a common tier: those peers can talk directly
    tiers = {side: G.nodes[study.level_of[h]]["tier"] for side, h in main.items()}
    gap = abs(model.TIER_RANK[tiers[a]] - model.TIER_RANK[tiers[b]])
    if gap == 0:
        return None
    levels = {side: G.nodes[study.level_of[h]]["name"] for side, h in main.items()}
    label, named = {}, {}
    for side, holder in main.items():
        # every holder at the main holder's level, named once: "Commune: the 45 of the area"
        peers = sorted(
            h
            for h in area.holders(side, competence, exact=True)
            if study.level_of.get(h) == study.level_of[holder]
        )
        named[side] = [holder] + [h for h in peers if h != holder]  # the main holder first
        who = (
            f"{len(peers)} in the area"
            if len(peers) > 3
            else ", ".join(G.nodes[h]["name"] for h in peers)
        )
        operational = sorted(
            {
                body
                for c in [competence, *study.ancestors(competence)]
                for body, _ in study.exercised_by.get(holder, {}).get(c, [])
            }
        )
        through = (
            f", exercised by {', '.join(G.nodes[b]['name'] for b in operational)}"
            if operational and len(peers) == 1
            else ""
        )
        label[side] = f"{levels[side]}: {who}{through}"
    name = G.nodes[competence].get("name_en", competence)
    return _gap(
        "level_mismatch",
        themes=study.themes_of.get(competence, []),
        competence=competence,
        side_a={"country": a, "actors": [_actor(area, h) for h in named[a]]},
        side_b={"country": b, "actors": [_actor(area, h) for h in named[b]]},
        tier_distance=gap,
        severity=round(gap / (len(model.TIERS) - 1), 4),
        severity_basis=f"tier distance {gap} / {len(model.TIERS) - 1}",
        explanation=f"{name} is held at the {tiers[a]} tier in {a} ({label[a]}) but at "
        f"the {tiers[b]} tier in {b} ({label[b]}): these partners need "
        "multi-level coordination rather than peer-to-peer dialogue.",
        facts=[_fact(area, main[a], competence), _fact(area, main[b], competence)],
        could_close=[
            _actor(area, main[a], "main holder"),
            _actor(area, main[b], "main holder"),
        ]
        + _shared_structures(area, main[a], main[b]),
    )


def _shared_structures(area: StudyArea, x: str, y: str) -> list[dict[str, Any]]:
    """Cross-border bodies and lasting initiatives both actors are tied to directly."""
    T = area.study.ties
    if x not in T or y not in T:
        return []
    common = sorted(set(T[x]) & set(T[y]))
    return [_broker(area, n, 1, 1) for n in common if _is_structure(area.study.graph, n)]


def _is_structure(G: nx.MultiDiGraph, node: str) -> bool:
    data = G.nodes[node]
    if data["label"] == Label.INITIATIVE:
        return data.get("kind") in LASTING_INITIATIVES
    return data.get("kind") == "cross_border_body"


def _broker(area: StudyArea, node: str, dx: int, dy: int) -> dict[str, Any]:
    data = area.study.graph.nodes[node]
    return {
        "id": node,
        "name": data["name"],
        "kind": data.get("kind"),
        "label": data["label"],
        "why": f"tied to both sides ({dx} and {dy} steps)",
    }


def _missing_dialogue(area: StudyArea) -> list[dict[str, Any]]:
    G, study = area.study.graph, area.study
    T = study.ties
    subjects = (
        [area.around]
        if area.around
        else sorted(
            a
            for a, d in area.zone.items()
            if d <= 1
            and G.nodes[a]["kind"] in model.INHERITING_KINDS
            and len(G.nodes[a].get("countries", [])) == 1
        )
    )
    gaps = []
    seen: set[frozenset[str]] = set()
    reach: dict[str, dict[str, int]] = {}

    def near(node: str) -> dict[str, int]:
        """Nodes within SHORT_PATH ties of ``node`` (computed once per node)."""
        if node not in reach:
            reach[node] = _distances(T, node, SHORT_PATH) if node in T else {node: 0}
        return reach[node]

    for subject in subjects:
        own = G.nodes[subject]["countries"][0]
        targets = sorted(
            {b for a, b in area.pairs if a == own} | {a for a, b in area.pairs if b == own}
        )
        if not targets or subject not in study.serves:
            continue
        # the study area is bounded: a dialogue is missing between counterparts within it
        for row in counterparts(study, subject, countries=targets, top=1, search_farther=0):
            other = row["candidate"]
            pair = frozenset((subject, other))
            if row["score"] < DIALOGUE_MIN_SCORE or pair in seen:
                continue
            seen.add(pair)
            # meet in the middle: a path of up to 4 steps has a node within 2 of both ends
            near_subject = near(subject)
            from_other = near(other)
            meeting = [near_subject[n] + from_other[n] for n in near_subject.keys() & from_other]
            steps = min(meeting) if meeting else None
            if steps is not None and steps <= SHORT_PATH:
                continue
            brokers = sorted(
                (near_subject[n] + from_other[n], n)
                for n in set(near_subject) & set(from_other)
                if n not in pair and G.nodes[n]["label"] in (Label.ACTOR, Label.INITIATIVE)
            )
            factor = 1.0 if steps is None else 0.5
            state = (
                f"no cooperation path within {SEARCH_DEPTH} steps"
                if steps is None
                else f"only a {steps}-step path"
            )
            gaps.append(
                _gap(
                    "missing_dialogue",
                    themes=[],
                    competence=None,
                    side_a={"country": own, "actors": [_actor(area, subject)]},
                    side_b={"country": row["country"], "actors": [_actor(area, other)]},
                    counterpart_score=row["score"],
                    path_length=steps,
                    severity=round(row["score"] * factor, 4),
                    severity_basis=(
                        f"counterpart score {row['score']} × "
                        f"{'1 (no path)' if steps is None else '0.5 (long path)'}"
                    ),
                    explanation=f"{G.nodes[subject]['name']} and {row['name']} are strong "
                    f"counterparts (score {row['score']}) but the data shows {state} "
                    "of memberships, cooperation, funding, supervision or shared "
                    "initiatives between them.",
                    facts=[
                        {
                            "fact": f"counterpart score {row['score']} "
                            f"(rank 1 in {row['country']})",
                            "legal_basis": None,
                            "source": s,
                        }
                        for s in row["sources"][:5]
                    ],
                    could_close=[
                        _broker(area, n, near_subject[n], from_other[n]) for _, n in brokers[:5]
                    ],
                )
            )
    return _dialogues_per_pair_of_sides(area, gaps)


def _dialogues_per_pair_of_sides(
    area: StudyArea, gaps: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """One missing-dialogue gap per pair of sides and state (no path, a long path), not one
    per pair of municipalities: the pairs are listed once, most strongly matched first, and
    the brokers most of them share are the ones that could close it."""
    groups: dict[tuple[str, str, bool], list[dict[str, Any]]] = {}
    for gap in gaps:
        a, b = sorted((gap["side_a"]["country"], gap["side_b"]["country"]))
        groups.setdefault((a, b, gap["path_length"] is None), []).append(gap)
    merged = []
    for (a, b, no_path), group in groups.items():
        if len(group) == 1:
            merged += group
            continue
        # each pair as (the actor of side a, the actor of side b)
        ends = {
            id(g): (g["side_a"]["actors"][0], g["side_b"]["actors"][0])
            if g["side_a"]["country"] == a
            else (g["side_b"]["actors"][0], g["side_a"]["actors"][0])
            for g in group
        }
        group.sort(key=lambda g: (-g["counterpart_score"], ends[id(g)][0]["id"]))
        first = group[0]
        pairs = [f"{ends[id(g)][0]['name']} – {ends[id(g)][1]['name']}" for g in group]
        shown = "; ".join(pairs[:3]) + (f" and {len(pairs) - 3} more" if len(pairs) > 3 else "")
        state = (
            f"no cooperation path within {SEARCH_DEPTH} steps"
            if no_path
            else f"only paths of {min(g['path_length'] for g in group)} to "
            f"{max(g['path_length'] for g in group)} steps"
        )
        brokers = Counter(c["id"] for g in group for c in g["could_close"])
        by_id = {c["id"]: c for g in group for c in g["could_close"]}
        merged.append(
            {
                **first,
                "side_a": {"country": a, "actors": [ends[id(g)][0] for g in group]},
                "side_b": {"country": b, "actors": [ends[id(g)][1] for g in group]},
                "pairs": len(group),
                "path_length": None if no_path else max(g["path_length"] for g in group),
                "path_lengths": [g["path_length"] for g in group],  # each pair's, in order
                "severity_basis": f"{first['severity_basis']} (the strongest of {len(group)} "
                "pairs)",
                "explanation": f"{len(group)} pairs of strong counterparts between {a} and {b} "
                f"({shown}) show {state} of memberships, cooperation, funding, supervision or "
                "shared initiatives between them.",
                "facts": [f for g in group for f in g["facts"][:1]],
                "could_close": [
                    {**by_id[node], "why": f"tied to both ends of {count} of the pairs"}
                    for node, count in brokers.most_common(5)
                ],
            }
        )
    return merged


def _missing_vertical_link(area: StudyArea) -> list[dict[str, Any]]:
    G, study = area.study.graph, area.study
    T = study.ties
    gaps = []
    for actor in sorted(area.zone):
        own = G.nodes[actor].get("countries", [])
        tier = G.nodes[study.level_of[actor]]["tier"] if actor in study.level_of else None
        served = study.serves.get(actor, [])
        if len(own) != 1 or tier is None or not served:
            continue
        above: set[str] = set()
        for territory in served:
            above |= study.containing(territory) | {territory}
        held = {
            c: d
            for c, d in study.holdings.get(actor, {}).items()
            if d.get("role") not in model.ASSISTING_ROLES and c != GENERAL
        }
        near = _distances(T, actor, SHORT_PATH) if actor in T else {actor: 0}
        uppers = []
        for upper in {u for t in above for u in study.actors_in.get(t, ())}:
            level = study.level_of.get(upper)
            if upper == actor or level is None or G.nodes[upper].get("countries", []) != own:
                continue
            rank = model.TIER_RANK[G.nodes[level]["tier"]]
            if rank > model.TIER_RANK[tier]:
                uppers.append((rank, upper))
        # for each competence, the next level up that also holds it
        next_up: dict[str, list[str]] = {}
        for competence in held:
            sharing = sorted(
                (rank, u)
                for rank, u in uppers
                if study.holdings.get(u, {}).get(competence, {}).get("role", "support")
                not in model.ASSISTING_ROLES
            )
            if sharing:
                lowest = sharing[0][0]
                for rank, u in sharing:
                    if rank == lowest:
                        next_up.setdefault(u, []).append(competence)
        for upper in sorted(next_up):
            level = study.level_of[upper]
            shared = sorted(next_up[upper])
            if upper in near:
                continue
            weight = max(
                min(
                    ROLE_WEIGHTS.get(held[c].get("role", ""), 0.5),
                    ROLE_WEIGHTS.get(study.holdings[upper][c].get("role", ""), 0.5),
                )
                for c in shared
            )
            themes = sorted({t for c in shared for t in study.themes_of.get(c, [])})
            gaps.append(
                _gap(
                    "missing_vertical_link",
                    themes=themes,
                    competence=shared,
                    side_a={"country": own[0], "actors": [_actor(area, actor)]},
                    side_b={"country": own[0], "actors": [_actor(area, upper)]},
                    severity=round(weight, 4),
                    severity_basis="strongest shared role (the weaker of the two roles)",
                    explanation=f"{G.nodes[actor]['name']} shares {len(shared)} competence(s) "
                    f"({', '.join(shared[:4])}{'…' if len(shared) > 4 else ''}) with "
                    f"{G.nodes[upper]['name']} at the {G.nodes[level]['tier']} tier, but "
                    "the data shows no link between them (direct or through one body).",
                    facts=[_fact(area, actor, c) for c in shared[:3]]
                    + [_fact(area, upper, c) for c in shared[:3]],
                    could_close=[_actor(area, upper, "the higher level sharing the competences")],
                )
            )
    return gaps


def _local_holders(area: StudyArea, side: str, competences: list[str]) -> list[dict[str, Any]]:
    """The area's own actors (not a région or a State containing it) of ``side`` that hold one
    of ``competences``: the studied actor first, then the nearest."""
    local = area.local
    found = {h for c in competences for h in area.holders(side, c) if h in local}
    order = sorted(found, key=lambda h: (h != area.around, area.zone.get(h, 99), h))
    return [_actor(area, h) for h in order]


def _works_on(study: Study, body: str, theme: str) -> bool:
    """True when a body works on ``theme``: one of its ties is about the theme (the relation's
    ``theme``), or it takes part in an initiative of the theme."""
    G = study.graph
    for start, end, data in [*G.out_edges(body, data=True), *G.in_edges(body, data=True)]:
        about = data.get("theme") or ()
        if theme in ([about] if isinstance(about, str) else about):
            return True
        if (
            data["type"] == RelType.PARTICIPATES_IN
            and start == body
            and theme in study.themes_of.get(end, [])
        ):
            return True
    return False


def _no_cross_border_structure(area: StudyArea) -> list[dict[str, Any]]:
    G, study = area.study.graph, area.study
    T = study.ties
    themes = sorted(n for n, d in G.nodes(data=True) if d["label"] == Label.THEME)
    zone = {a for a in area.local if len(G.nodes[a].get("countries", [])) == 1}
    gaps = []
    for a, b in area.pairs:
        for theme in themes:
            members = {c for c in study.theme_competences.get(theme, set()) if c != GENERAL}
            both = sorted(c for c in members if area.holders(a, c) and area.holders(b, c))
            if not both:
                continue
            covering = []
            for node, data in G.nodes(data=True):
                countries = set(data.get("countries", []))
                if not {a, b} <= countries or not _is_structure(G, node) or node not in T:
                    continue
                if data.get("valid_to"):
                    continue  # ended
                if data["label"] == Label.INITIATIVE:
                    covers = theme in study.themes_of.get(node, [])
                else:  # a body holding the theme's competences, a general mandate of
                    # cross-border cooperation (an EGTC, a Eurodistrict), or working on the theme
                    held = set(study.holdings.get(node, {}))
                    covers = (
                        bool(members & held) or GENERAL in held or _works_on(study, node, theme)
                    )
                if covers and zone & set(T[node]):
                    covering.append(node)
            if covering:
                continue
            bodies = sorted(
                (
                    n
                    for n, d in G.nodes(data=True)
                    if d.get("kind") == "cross_border_body"
                    and {a, b} <= set(d.get("countries", []))
                    and n in T
                ),
                key=lambda n: (-len(zone & set(T[n])), n),
            )
            name = G.nodes[theme].get("name_en", theme)
            gaps.append(
                _gap(
                    "no_cross_border_structure",
                    themes=[theme],
                    competence=both,
                    # each side: the area's own actors holding the theme's competences there
                    side_a={"country": a, "actors": _local_holders(area, a, both)},
                    side_b={"country": b, "actors": _local_holders(area, b, both)},
                    severity=round(len(both) / max(len(members), 1), 4),
                    severity_basis=(
                        f"{len(both)} of the theme's {len(members)} competences held on both sides"
                    ),
                    explanation=f"{name}: {len(both)} competences are held on both the {a} and the "
                    f"{b} side of the area, but no lasting cross-border body or initiative "
                    "covering this theme ties the area's own actors (its municipalities "
                    "and local bodies) together.",
                    facts=[
                        fact
                        for c in both[:5]
                        for side in (a, b)
                        for fact in _side_fact(area, side, c)
                    ],
                    could_close=[
                        {
                            **_broker(area, n, 1, 1),
                            "why": f"cross-border body of {a} and {b} with "
                            f"{len(zone & set(T[n]))} tie(s) to the area's own actors",
                        }
                        for n in bodies[:5]
                        if zone & set(T[n])  # only a body tied to the area can take it up
                    ],
                )
            )
    return gaps


def _covered(study: Study, perimeter: Set[str], territory: str) -> bool:
    """True when ``territory`` is in ``perimeter`` or lies in a territory of it."""
    return territory in perimeter or bool(perimeter & study.containing(territory))


def _municipalities(area: StudyArea, side: str) -> list[str]:
    """The municipalities of ``side`` within the area's reach, nearest first (found once per
    side: every structure, link and instrument asks for them)."""
    if side not in area._municipalities:
        study = area.study
        found = [
            t
            for t, steps in area.territories.items()
            if steps <= STUDY_DISTANCE
            and study.node(t).get("kind") == "municipality"
            and study.in_side(t, side)
        ]
        area._municipalities[side] = sorted(found, key=lambda t: (area.territories[t], t))
    return area._municipalities[side]


def _population(study: Study, territories: Iterable[str]) -> int:
    return sum(study.node(t).get("population") or 0 for t in territories)


def _perimeter_side(
    G: nx.MultiDiGraph, country: str, places: list[str], which: str, actors: list[Any]
) -> dict[str, Any]:
    """A side of a perimeter gap: its country, actors and places (ids and names) ``which`` is
    ``covered`` or ``not_covered``."""
    return {
        "country": country,
        "actors": actors,
        which: places,
        f"{which}_names": [G.nodes[t]["name"] for t in places],
    }


def _share_left_out(
    study: Study, left_out: list[str], covered: list[str]
) -> tuple[float, int, int]:
    """The share of the people of ``left_out`` and ``covered`` that ``left_out`` holds (0.5
    when no population is known), with the two figures it is computed from."""
    out = _population(study, left_out)
    total = out + _population(study, covered)
    return (out / total if total else 0.5), out, total


def _row_fact(study: Study, node: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    data = data or study.node(node)
    return {
        "fact": f"{node}: {data.get('name')} ({data.get('kind')}"
        + (f", until {data['valid_to']}" if data.get("valid_to") else "")
        + ")",
        "legal_basis": None,
        "source": data.get("source"),
    }


def _participants(area: StudyArea, node: str, why: str) -> list[dict[str, Any]]:
    G = area.study.graph
    if node not in G:
        return []
    return [
        _actor(area, a, f"{why} ({d.get('role') or 'participant'})")
        for a, _, d in sorted(G.in_edges(node, data=True), key=lambda e: e[0])
        if d["type"] == RelType.PARTICIPATES_IN and G.nodes[a]["label"] == Label.ACTOR
    ]


def _extent(study: Study, territories: Iterable[str]) -> set[str]:
    """The territories a perimeter covers: each of ``territories``, and, for the area of a
    cross-border body (an EGTC governing it), its members' territories."""
    found = set(territories)
    G = study.graph
    for territory in list(found):
        for body in study.actors_in.get(territory, ()):
            if study.node(body).get("kind") != "cross_border_body" or territory not in (
                study.territory_of.get(body, ())
            ):
                continue
            found |= {
                t
                for member, _, d in G.in_edges(body, data=True)
                if d["type"] == RelType.MEMBER_OF
                for t in study.serves.get(member, ())
            }
    return found


def _nearby_parts(
    study: Study, perimeter: Set[str], left_out: dict[str, list[str]]
) -> dict[str, list[str]]:
    """Per side, the perimeter's territories in the same département or Land (a one-country
    county or region, not a country) as the area's municipalities that it leaves out."""
    parts: dict[str, list[str]] = {}
    for side, municipalities in left_out.items():
        regions = {
            parent
            for t in municipalities
            for parent in study.containing(t)
            if study.node(parent).get("kind") in ("county", "region")
            and len(study.countries_of(parent)) == 1
        }
        found = sorted(
            t
            for t in perimeter
            if len(study.countries_of(t)) == 1
            and study.in_side(t, side)
            and study.containing(t) & regions
        )
        if found:
            parts[side] = found
    return parts


def _place_names(G: nx.MultiDiGraph, territories: list[str]) -> str:
    """The first four places by name, and how many more."""
    listed = ", ".join(G.nodes[t]["name"] for t in territories[:4])
    return listed + (f" and {len(territories) - 4} more" if len(territories) > 4 else "")


def cross_border_mandate(study: Study, actor: str) -> bool:
    """True for a body its members set up for cross-border cooperation that is not of the
    cross-border body kind: not a general-purpose government, with members, holding
    ``cross_border_cooperation`` by its own row (a French pôle métropolitain frontalier of eight
    EPCIs; an association of municipalities of four countries). Like a cross-border body, its
    perimeter is its members' territories and it can stop short of the area.

    >>> from govgraph.study import load_study
    >>> study = load_study()
    >>> cross_border_mandate(study, "fr-pmf-nord-lorrain")
    True
    >>> cross_border_mandate(study, "fr-cc-cattenom-et-environs")  # a government
    False
    """
    data = study.node(actor)
    if data.get("kind") in model.INHERITING_KINDS or data.get("kind") == "cross_border_body":
        return False
    holding = study.holdings.get(actor, {}).get(GENERAL)
    if not holding or holding.get("provenance") == "inferred":
        return False
    return any(d["type"] == RelType.MEMBER_OF for _, _, d in study.graph.in_edges(actor, data=True))


def _perimeter_stops_short(area: StudyArea) -> list[dict[str, Any]]:
    """A cross-border agreement, service, programme or body whose perimeter (the territories
    it covers; a body's members' territories) reaches the area but leaves some of the area's
    municipalities out, in its own countries or in a third country whose border it reaches
    inside the area (a tri-border): where it stops, who is covered and who isn't. With an actor
    to study, only those that leave out the actor's own territory."""
    G, study = area.study.graph, area.study
    own = (
        {t for served in study.serves.get(area.around, ()) for t in study.inside(served)}
        if area.around
        else set()
    )
    sides = sorted({side for pair in area.pairs for side in pair})
    gaps = []
    for node, data in sorted(G.nodes(data=True)):
        mandate = False  # a body of another kind set up for cross-border cooperation
        if data["label"] == Label.INITIATIVE and (
            data.get("kind") in PERIMETER_KINDS
            or data.get("kind") == "project"
            and any(
                study.node(t).get("kind") in AREA_KINDS
                for t in data.get("territory") or ()
                if t in G
            )
        ):
            perimeter = _extent(study, data.get("territory") or ())
        elif data["label"] == Label.ACTOR and (
            data.get("kind") == "cross_border_body"
            or (mandate := cross_border_mandate(study, node))
        ):
            # a body's perimeter is its members' territories (not the seat of a school)
            perimeter = {
                t
                for member, _, d in G.in_edges(node, data=True)
                if d["type"] == RelType.MEMBER_OF
                for t in study.serves.get(member, ())
            }
        else:
            continue
        one_country = len(data.get("countries") or ()) < 2
        if one_country and not mandate:
            continue  # a cross-border structure's perimeter, not a one-side service's
        if not perimeter:
            continue
        # only its own countries: a Franco-Luxembourg body does not stop short of Germany; a
        # body's countries are those of its members in the data
        countries = {c for t in perimeter for c in study.countries_of(t)}
        covered: dict[str, list[str]] = {}
        left_out: dict[str, list[str]] = {}
        for side in (side for side in sides if side.split("-")[0] in countries):
            for t in _municipalities(area, side):
                (covered if _covered(study, perimeter, t) else left_out).setdefault(
                    side, []
                ).append(t)
        # at a tri-border, a structure of two countries that reaches the third country's border
        # inside the area leaves that country out (a German-Luxembourg concept at the French border)
        touched = {t for ts in covered.values() for t in ts}
        for side in (  # a one-country body leaves no other country out by design
            side for side in sides if side.split("-")[0] not in countries and not one_country
        ):
            across = _municipalities(area, side)
            if touched and any(
                neighbour in touched for t in across for neighbour, _ in study.borders.get(t, ())
            ):
                left_out[side] = list(across)  # the cached list stays as it is
        nearby = False
        if left_out and not covered and any(t in area.territories for t in perimeter):
            continue  # it reaches only the territories containing the area (a whole region)
        if left_out and not covered:
            # it covers none of the area, but parts of the département or Land the area lies in
            covered = _nearby_parts(study, perimeter, left_out)
            nearby = bool(covered)
        if not left_out or not covered:
            continue  # it covers all of the area, or is nowhere near it
        if own and not own & {t for ts in left_out.values() for t in ts}:
            continue
        share, out_population, all_population = _share_left_out(
            study,
            [t for ts in left_out.values() for t in ts],
            [t for ts in covered.values() for t in ts],
        )
        if nearby:  # it leaves out all of the area, whatever it covers beside it
            share = 1.0
        out_sides, in_sides = sorted(left_out), sorted(covered)
        names = functools.partial(_place_names, G)

        gaps.append(
            _gap(
                "perimeter_stops_short",
                themes=list(data.get("themes") or study.themes_of.get(node, [])),
                competence=None,
                side_a=_perimeter_side(
                    G, ";".join(in_sides), [t for s in in_sides for t in covered[s]], "covered", []
                ),
                side_b=_perimeter_side(
                    G,
                    ";".join(out_sides),
                    [t for s in out_sides for t in left_out[s]],
                    "not_covered",
                    [],
                ),
                structure={"id": node, "name": data.get("name"), "kind": data.get("kind")},
                severity=round(0.9 * share, 4),
                severity_basis=(
                    "0.9 × 1: it leaves out all of the area (it covers parts of the area's "
                    "départements or Länder, none of the area)"
                    if nearby
                    else f"0.9 × the share of the area's population it leaves out "
                    f"({out_population} of {all_population})"
                ),
                explanation=f"{data.get('name')} "
                + (
                    "covers nearby parts of the same départements or Länder"
                    if nearby
                    else "reaches the area but stops short: it covers"
                )
                + " "
                + "; ".join(f"{s}: {names(covered[s])}" for s in in_sides)
                + ", not "
                + "; ".join(f"{s}: {names(left_out[s])}" for s in out_sides)
                + ".",
                facts=[_row_fact(study, node)],
                could_close=[
                    {"id": node, "name": data.get("name"), "why": "could extend its perimeter"}
                ]
                + _participants(area, node, "party to it"),
            )
        )
    return gaps + _instruments_short_of_their_structure(area, own)


def _is_cross_border_structure(study: Study, actor: str) -> bool:
    """A cross-border body, or a body its members set up for cross-border cooperation."""
    return study.node(actor).get("kind") == "cross_border_body" or cross_border_mandate(
        study, actor
    )


def _instruments_short_of_their_structure(area: StudyArea, own: Set[str]) -> list[dict[str, Any]]:
    """An instrument (a plan, a contract) a cross-border structure takes part in that applies
    to the area but covers only some of the structure's members: the SCoT a pôle métropolitain
    prepares for four of its eight member EPCIs. Where it stops is told by members: those it
    covers, those it leaves out. With an actor to study, only when it leaves out the actor's
    own territory."""
    G, study = area.study.graph, area.study
    sides = {side for pair in area.pairs for side in pair}
    municipalities = {t for side in sides for t in _municipalities(area, side)}
    gaps = []
    for node, data in sorted(G.nodes(data=True)):
        if not (
            data["label"] == Label.INITIATIVE
            and data.get("kind") == "instrument"
            and data.get("territory")
        ):
            continue
        extent = _extent(study, data["territory"])
        if not any(_covered(study, extent, t) for t in municipalities):
            continue  # it does not apply to the area
        for structure, _, tie in sorted(G.in_edges(node, data=True), key=lambda e: e[0]):
            if tie["type"] != RelType.PARTICIPATES_IN or not _is_cross_border_structure(
                study, structure
            ):
                continue
            members: dict[str, list[str]] = {
                member: list(study.serves.get(member, ()))
                for member, _, d in G.in_edges(structure, data=True)
                if d["type"] == RelType.MEMBER_OF and study.serves.get(member)
            }
            inside = sorted(m for m, ts in members.items() if all(t in extent for t in ts))
            outside = sorted(m for m in members if m not in inside)
            if not inside or not outside:
                continue
            out_places = [t for m in outside for t in members[m]]
            if own and not own & {p for t in out_places for p in study.inside(t)}:
                continue
            in_places = [t for m in inside for t in members[m]]
            share, out_population, all_population = _share_left_out(study, out_places, in_places)
            body = study.node(structure).get("name")
            country = ";".join(sorted(data.get("countries") or ()))
            names = functools.partial(_place_names, G)
            gaps.append(
                _gap(
                    "perimeter_stops_short",
                    themes=list(data.get("themes") or study.themes_of.get(node, [])),
                    competence=None,
                    side_a=_perimeter_side(
                        G,
                        country,
                        in_places,
                        "covered",
                        [_actor(area, m, f"member of {body}, covered") for m in inside],
                    ),
                    side_b=_perimeter_side(
                        G,
                        country,
                        out_places,
                        "not_covered",
                        [_actor(area, m, f"member of {body}, left out") for m in outside],
                    ),
                    structure={"id": node, "name": data.get("name"), "kind": data.get("kind")},
                    severity=round(0.9 * share, 4),
                    severity_basis=f"0.9 × the share of {body}'s members' population it leaves "
                    f"out ({out_population} of {all_population})",
                    explanation=f"{data.get('name')}, in which {body} takes part, covers "
                    f"{len(inside)} of its {len(members)} members ({names(in_places)}), not "
                    f"{names(out_places)}.",
                    facts=[_row_fact(study, node), _row_fact(study, structure)]
                    + [
                        {
                            "fact": f"{structure} takes part in {node}"
                            + (f" ({tie['role']})" if tie.get("role") else ""),
                            "legal_basis": None,
                            "source": tie.get("source"),
                        }
                    ],
                    could_close=[
                        _actor(area, structure, "could extend it to all its members"),
                        *(
                            party
                            for party in _participants(area, node, "party to it")
                            if party["id"] != structure
                        ),
                    ],
                )
            )
    return gaps


def _places_side(study: Study, countries: list[str], places: Set[str]) -> dict[str, Any]:
    """A side of a link: its countries and the places of ``places`` in them (ids and names)."""
    mine = sorted(t for t in places if any(study.in_side(t, c) for c in countries))
    return {
        "country": ";".join(countries),
        "actors": [],
        "places": mine,
        "place_names": [study.node(t)["name"] for t in mine],
    }


#: What can be cut: a line or a bridge, a service, an agreement, a cooperation network.
CUT_KINDS: frozenset[str] = frozenset({"link", "service", "agreement", "network"})


def _link_cut(area: StudyArea) -> list[dict[str, Any]]:
    """A rail or bus line, a bridge, a service, an agreement or a cooperation network that
    served the area and ended (its ``valid_to`` is before the study's day), unless a running
    one of the same kind serves the same territories."""
    study = area.study
    running: dict[str, list[set[str]]] = {}
    for _, d in study.graph.nodes(data=True):
        if d["label"] == Label.INITIATIVE and d.get("kind") in CUT_KINDS:
            running.setdefault(d["kind"], []).append(set(d.get("territory") or ()))
    gaps = []
    local = {t for t, steps in area.territories.items() if steps <= STUDY_DISTANCE}
    for node, data in sorted(study.ended_initiatives.items()):
        perimeter = set(data.get("territory") or ())
        # where it ran: its municipalities and intermunicipal areas (a département or a canton
        # in its row says where it was, not that it served this area)
        places = {
            t
            for t in perimeter
            if t in study.graph
            and study.node(t).get("kind") in ("municipality", "intermunicipal_area")
        }
        if data.get("kind") not in CUT_KINDS or not places & local:
            continue
        if any(perimeter <= other for other in running.get(data["kind"], [])):
            continue  # replaced
        countries = sorted(data.get("countries") or ())
        across = len(countries) > 1
        listed = ", ".join(
            study.node(t)["name"] if t in study.graph else t for t in sorted(perimeter)
        )
        gaps.append(
            _gap(
                "link_cut_or_missing",
                themes=list(data.get("themes") or ()),
                competence=None,
                side_a=_places_side(study, countries[:1], places),
                side_b=_places_side(study, countries[1:], places),
                structure={"id": node, "name": data.get("name"), "kind": data.get("kind")},
                cut_on=data.get("valid_to"),
                severity=0.9 if across else 0.7,
                severity_basis=(
                    "0.9: a cross-border link cut" if across else "0.7: a link cut on one side"
                ),
                explanation=f"{data.get('name')} ({listed}) "
                + (
                    f"was cut on {data.get('valid_to')}"
                    if data.get("kind") == "link"
                    else f"ended (valid until {data.get('valid_to')})"
                )
                + f" and no running {data.get('kind')} in the data serves the same places.",
                facts=[_row_fact(study, node, data)],
                could_close=[],
            )
        )
    return gaps + _links_missing(area, local, running.get("link", []))


def _links_missing(
    area: StudyArea, local: Set[str], running: list[set[str]]
) -> list[dict[str, Any]]:
    """A running line of one country that stops at the border, where a cross-border project
    to extend it (a project whose ``part_of`` is the line) is not running: under way, or
    dropped (its ``valid_to`` past). The tram that ends at the border, its crossing planned.
    No gap once a running link serves the project's places; the projects under way that serve
    the same places on both sides could close it."""
    G, study = area.study.graph, area.study
    initiatives = {n: d for n, d in G.nodes(data=True) if d["label"] == Label.INITIATIVE}
    gaps = []
    for node, data in sorted({**initiatives, **study.ended_initiatives}.items()):
        line = data.get("part_of")
        if data.get("kind") != "project" or not line or line not in G:
            continue
        line_data = G.nodes[line]
        line_countries = set(line_data.get("countries") or ())
        countries = sorted(data.get("countries") or ())
        if line_data.get("kind") != "link" or not set(countries) - line_countries:
            continue  # not a line, or an extension that stays in the line's country
        perimeter = {t for t in data.get("territory") or () if t in G}
        places = {
            t
            for t in perimeter | set(line_data.get("territory") or ())
            if t in G and G.nodes[t].get("kind") in ("municipality", "intermunicipal_area")
        }
        if not places & local or any(perimeter <= other for other in running):
            continue  # away from the area, or a running link already serves its places
        beyond = sorted(t for t in perimeter if not set(study.countries_of(t)) & line_countries)
        dropped = node not in G
        here = sorted(line_countries & set(countries))
        there = sorted(set(countries) - line_countries)
        alternatives = [  # projects under way that serve places on both sides of it
            n
            for n, d in sorted(initiatives.items())
            if n != node
            and d.get("kind") == "project"
            and set(d.get("territory") or ()) & set(beyond)
            and set(d.get("territory") or ()) & (places - set(beyond))
        ]
        gaps.append(
            _gap(
                "link_cut_or_missing",
                themes=list(data.get("themes") or study.themes_of.get(node, [])),
                competence=None,
                side_a=_places_side(study, here, places),
                side_b=_places_side(study, there, places),
                structure={"id": node, "name": data.get("name"), "kind": data.get("kind")},
                cut_on=None,
                missing_since=line_data.get("valid_from"),
                severity=0.9,
                severity_basis="0.9: a cross-border link missing (a line that stops at the "
                "border, its extension a project not running)",
                explanation=f"{line_data.get('name')} stops at the border"
                + (
                    f" (running since {line_data['valid_from']})"
                    if line_data.get("valid_from")
                    else ""
                )
                + f"; {data.get('name')} would take it to "
                + ", ".join(G.nodes[t]["name"] for t in beyond)
                + (f" (dropped, until {data['valid_to']})" if dropped else " (not running)")
                + ", and no running link in the data does.",
                facts=[_row_fact(study, line), _row_fact(study, node, data)]
                + [_row_fact(study, n) for n in alternatives],
                could_close=[
                    {
                        "id": n,
                        "name": initiatives[n].get("name"),
                        "why": "a project under way across the same border",
                    }
                    for n in alternatives
                ]
                + (_participants(area, node, "carries the project") if not dropped else []),
            )
        )
    return gaps


def _side_parts(area: StudyArea, side: str) -> list[str]:
    """A side as compared for instruments: its subdivisions when the area's municipalities of
    that country lie in several (the Saarland and Rhineland-Palatinate plan differently)."""
    codes = {
        code
        for t in _municipalities(area, side)
        for code in area.study.subdivisions_of.get(t, ())
        if code.startswith(f"{side}-")
    }
    return sorted(codes) if len(codes) > 1 else [side]


def _applying(area: StudyArea, instruments: list[str], side: str) -> list[str]:
    """The instruments that apply to some of the area's municipalities of ``side``."""
    places = _municipalities(area, side)
    return sorted(
        n
        for n in instruments
        if any(_covered(area.study, set(area.study.node(n)["territory"]), t) for t in places)
    )


def _instrument_without_counterpart(area: StudyArea) -> list[dict[str, Any]]:
    """An instrument of one side (kind ``instrument``: a regional plan, a health zone) that
    applies to some of the area's municipalities, where no instrument of the same
    ``instrument_type`` applies to the area on the other side of a pair."""
    G, study = area.study.graph, area.study
    instruments: dict[str, list[str]] = {}
    for node, data in G.nodes(data=True):
        if (
            data["label"] == Label.INITIATIVE
            and data.get("kind") == "instrument"
            and data.get("instrument_type")
            and data.get("territory")
        ):
            instruments.setdefault(data["instrument_type"], []).append(node)
    gaps = []
    for kind, nodes in sorted(instruments.items()):
        # a country whose data has no instrument of this type was not surveyed for it: its
        # absence there is unknown, not a gap
        surveyed = {c for n in nodes for c in study.countries_of(n)}
        for a, b in area.pairs:
            for here, there in ((x, y) for x, y in ((a, b), (b, a)) for y in _side_parts(area, y)):
                if there.split("-")[0] not in surveyed:
                    continue
                found, missing = _applying(area, nodes, here), _applying(area, nodes, there)
                if not found or missing or not _municipalities(area, there):
                    continue
                first = G.nodes[found[0]]
                applies = [  # the area's municipalities of this side where one applies
                    t
                    for t in _municipalities(area, here)
                    if any(_covered(study, set(study.node(n)["territory"]), t) for n in found)
                ]
                gaps.append(
                    _gap(
                        "instrument_without_counterpart",
                        themes=list(first.get("themes") or ()),
                        competence=None,
                        side_a=_places_side(study, [here], set(applies)),
                        side_b=_places_side(study, [there], set(_municipalities(area, there))),
                        structure={"id": found[0], "name": first.get("name"), "kind": kind},
                        severity=0.6,
                        severity_basis="0.6: an instrument of one side with no counterpart",
                        explanation=f"{first.get('name')} ({kind.replace('_', ' ')}) applies on "
                        f"the {here} side of the area; no {kind.replace('_', ' ')} applies on "
                        f"the {there} side in the data.",
                        facts=[_row_fact(study, n) for n in found],
                        could_close=_participants(area, found[0], "runs it on the other side"),
                    )
                )
    return gaps


def _cut_parts(
    T: nx.Graph, component: set[str], country_of: dict[str, str], counted: set[str]
) -> Iterator[tuple[str, Counter[str], Counter[str], Any]]:
    """For each articulation point of ``component``: each part of the component without it,
    with the countries of the part, the countries outside it, and a way to list the part's
    ``counted`` nodes. Linear in the component's size (a block-cut tree with subtree counts)."""
    import networkx as nx

    sub = T.subgraph(component)
    cuts = set(nx.articulation_points(sub))
    if not cuts:
        return
    tree = nx.Graph()
    members: dict[Any, list[str]] = {("C", v): [v] for v in cuts}
    for number, block in enumerate(nx.biconnected_components(sub)):
        node = ("B", number)
        tree.add_node(node)
        for v in block:
            if v in cuts:
                tree.add_edge(node, ("C", v))
            else:
                members.setdefault(node, []).append(v)
    for v in component - set().union(*(set(m) for m in members.values())):
        members[("B", f"single-{v}")] = [v]  # an isolated node: not in any block
    root = min(tree.nodes, key=str) if len(tree) else None
    if root is None:
        return
    parent: dict[Any, Any] = {root: None}
    order = [root]
    for node in order:
        for nxt in sorted(tree[node], key=str):
            if nxt not in parent:
                parent[nxt] = node
                order.append(nxt)
    counts: dict[Any, Counter[str]] = {}
    for node in reversed(order):
        total = Counter(country_of[m] for m in members.get(node, ()) if m in country_of)
        for nxt in tree[node]:
            if parent.get(nxt) == node:
                total += counts[nxt]
        counts[node] = total
    everything = counts[root]

    def listing(nodes_of_part: Any) -> list[str]:
        return sorted(m for t in nodes_of_part for m in members.get(t, ()) if m in counted)

    def subtree(start: Any) -> Iterator[Any]:
        stack = [start]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(n for n in tree[node] if parent.get(n) == node)

    for cut in sorted(cuts):
        cnode = ("C", cut)
        cut_country = Counter([country_of[cut]]) if cut in country_of else Counter()
        children = [n for n in tree[cnode] if parent.get(n) == cnode]
        for child in sorted(children, key=str):
            part = counts[child]
            outside = everything - part - cut_country
            yield cut, part, outside, (lambda c=child: listing(subtree(c)))
        if parent.get(cnode) is not None:
            part = everything - counts[cnode]
            outside = counts[cnode] - cut_country
            inside_sub = set(subtree(cnode))
            yield cut, part, outside, (lambda s=inside_sub: listing(n for n in order if n not in s))


def _fragile(area: StudyArea) -> list[dict[str, Any]]:
    import networkx as nx

    G = area.study.graph
    T = area.study.ties
    zone = set(area.zone)
    country_of = {n: cs[0] for n in T if len(cs := G.nodes[n].get("countries", [])) == 1}
    zone_actors = {a for a in zone if G.nodes[a]["label"] == Label.ACTOR}

    # one gap per broker and country: every actor of that country it alone ties across
    cut_off_by: dict[tuple[str, str], set[str]] = {}
    beyond: dict[tuple[str, str], set[str]] = {}
    for component in nx.connected_components(T):
        if not component & zone or len({country_of[n] for n in component if n in country_of}) < 2:
            continue
        for cut, part, outside, members in _cut_parts(T, component, country_of, zone_actors):
            part_countries = set(+part)
            if len(part_countries) != 1 or not set(+outside) - part_countries:
                continue
            found = members()
            if not found:
                continue
            key = (cut, next(iter(part_countries)))
            cut_off_by.setdefault(key, set()).update(found)
            beyond.setdefault(key, set()).update(set(+outside) - part_countries)
    gaps = []
    for (cut, country), found in sorted(cut_off_by.items()):
        cut_off = sorted(found)
        gaps.append(
            _gap(
                "fragile_bridge",
                themes=[],
                competence=None,
                side_a={"country": country, "actors": [_actor(area, a) for a in cut_off]},
                side_b={"country": ";".join(sorted(beyond[cut, country])), "actors": []},
                broker=_broker(area, cut, 1, 1),
                severity=round(min(1.0, len(cut_off) / max(len(area.side(country)), 1)), 4),
                severity_basis=f"{len(cut_off)} cut-off actors / the {country} actors of the area",
                explanation=f"Every cooperation tie from {len(cut_off)} {country} actor(s) of "
                f"the area to the other side runs through {G.nodes[cut]['name']}: without it "
                "they have no path across the border.",
                facts=[
                    {
                        "fact": f"{cut} is an articulation point of the cooperation network",
                        "legal_basis": None,
                        "source": "relations.csv",
                    }
                ]
                + [  # the ties that run through it, each with its own row's source
                    {
                        "fact": f"tie {cut} – {other} ({T.edges[cut, other].get('type')})",
                        "legal_basis": None,
                        "source": T.edges[cut, other].get("source"),
                    }
                    for other in sorted(T[cut])[:5]
                ],
                could_close=[
                    {
                        "id": a,
                        "name": G.nodes[a]["name"],
                        "why": "a cut-off actor that could tie itself across the border",
                    }
                    for a in cut_off[:5]
                ],
            )
        )
    for actor in sorted(zone):
        if G.nodes[actor]["label"] == Label.ACTOR and (actor not in T or T.degree(actor) == 0):
            own = ";".join(G.nodes[actor].get("countries", []))
            gaps.append(
                _gap(
                    "isolated_actor",
                    themes=[],
                    competence=None,
                    side_a={"country": own, "actors": [_actor(area, actor)]},
                    side_b={"country": "", "actors": []},
                    severity=0.5,
                    severity_basis="0.5: no tie at all (an isolated actor is often a data gap)",
                    explanation=f"{G.nodes[actor]['name']} has no membership, cooperation, "
                    "funding, "
                    "supervision or initiative in the data.",
                    facts=[
                        {
                            "fact": f"{actor} has no tie",
                            "legal_basis": None,
                            "source": "relations.csv",
                        }
                    ],
                    could_close=[],
                )
            )
    return gaps


@dataclass(frozen=True)
class Finder:
    """A rule that finds gaps in a study area, and the kinds of gap it produces."""

    kinds: tuple[str, ...]
    find: Callable[[StudyArea], list[dict[str, Any]]]


#: Every finder, in the order they run (the order of equally severe gaps depends on it).
FINDERS: tuple[Finder, ...] = (
    Finder(("fragile_bridge", "isolated_actor"), _fragile),
    Finder(("perimeter_stops_short",), _perimeter_stops_short),
    Finder(("link_cut_or_missing",), _link_cut),
    Finder(("instrument_without_counterpart",), _instrument_without_counterpart),
    Finder(("level_mismatch",), _level_mismatch),
    Finder(("missing_dialogue",), _missing_dialogue),
    Finder(("missing_vertical_link",), _missing_vertical_link),
    Finder(("no_counterpart", "reference_gap"), _no_counterpart),
    Finder(("no_cross_border_structure",), _no_cross_border_structure),
)
#: The kinds of gap, in the order a list of equally severe gaps shows them.
GAP_KINDS: tuple[str, ...] = (
    "perimeter_stops_short",
    "link_cut_or_missing",
    "instrument_without_counterpart",
    "no_counterpart",
    "level_mismatch",
    "missing_dialogue",
    "missing_vertical_link",
    "no_cross_border_structure",
    "fragile_bridge",
    "isolated_actor",
    "reference_gap",
)
assert sorted(GAP_KINDS) == sorted(k for f in FINDERS for k in f.kinds)
#: The documented obstacles (a perimeter, a link, an instrument: a structure's own sourced row
#: about the area), ranked before the asymmetries inferred from who holds what.
DOCUMENTED_KINDS: frozenset[str] = frozenset(GAP_KINDS[:3])
#: The kinds reported unless others are asked for: all but ``missing_vertical_link``, which says
#: that the data lacks a link between two levels sharing a competence (most often missing data,
#: not a governance gap: no documented duty to coordinate stands behind it); ask for it with
#: ``kinds=["missing_vertical_link"]`` (``--kind missing_vertical_link``) to check the data.
DEFAULT_KINDS: tuple[str, ...] = tuple(k for k in GAP_KINDS if k != "missing_vertical_link")


def find_gaps(
    study: Study,
    *,
    kinds: Iterable[str] | None = None,
    theme: str | None = None,
    countries: Iterable[str] | None = None,
    around: str | None = None,
    competence: str | None = None,
) -> list[dict[str, Any]]:
    """Every gap of the chosen kinds (default ``DEFAULT_KINDS``) in the study area, most severe
    first (then kind, then the explanation, so the order is stable); with ``theme``, only the
    gaps about that theme; with ``competence`` (an id or a name), only the gaps about it or a
    narrower one."""
    chosen = list(kinds or DEFAULT_KINDS)
    for kind in chosen:
        _check_choice(kind, GAP_KINDS, "gap kind")
    if theme:
        _check_choice(theme, study.themes, "theme")
    area = study_area(study, around=around, countries=countries)
    gaps: list[dict[str, Any]] = []
    for finder in FINDERS:
        if set(finder.kinds) & set(chosen):
            gaps += finder.find(area)
    gaps = [g for g in gaps if g["kind"] in chosen and _in_chosen(area, g)]
    if theme:
        gaps = [g for g in gaps if theme in g["themes"]]
    if competence:
        scope = study.narrower(resolve_competence(study, competence))

        def about(gap: dict[str, Any]) -> set[str]:
            value = gap["competence"]
            return {value} if isinstance(value, str) else set(value or ())

        gaps = [g for g in gaps if about(g) & scope]
    # the obstacles the sources document about the area first, then the asymmetries read from
    # who holds what; by severity within each, then the gap about more of the job first
    gaps.sort(
        key=lambda g: (
            g["kind"] not in DOCUMENTED_KINDS,
            -g["severity"],
            GAP_KINDS.index(g["kind"]),
            -breadth(study, g),
            g["explanation"],
        )
    )
    return gaps


def breadth(study: Study, gap: Mapping[str, Any]) -> int:
    """How many competences a gap is about: its competences and their narrower ones (a level
    mismatch over public transport concerns its rail, bus and school-transport parts too); 0
    for a gap about a structure, a link or an instrument.

    >>> from govgraph.study import load_study
    >>> study = load_study()
    >>> breadth(study, {"competence": "public_transport"}) > breadth(study, {"competence": "roads"})
    True
    >>> breadth(study, {"competence": None})
    0
    """
    value = gap.get("competence")
    named = [value] if isinstance(value, str) else list(value or ())
    return len(set().union(*(study.narrower(c) for c in named if c in study.graph)))


def _in_chosen(area: StudyArea, gap: dict[str, Any]) -> bool:
    """When subdivisions were asked for, True only for a gap one of whose sides is in one: the
    subdivision itself, or its country with an actor in it (or with no actor named)."""
    if not area.chosen:
        return True
    for code in area.chosen:
        for side in (gap["side_a"], gap["side_b"]):
            actors = [a["id"] for a in side["actors"]]
            if side["country"] == code or (
                code.split("-")[0] in side["country"].split(";")
                and (not actors or any(area.study.in_side(a, code) for a in actors))
            ):
                return True
    return False


def has_cross_border_ties(study: Study) -> bool:
    """True when some cooperation tie (membership, cooperation, funding, supervision,
    participation) joins two countries."""
    return any(study.is_cross_border(a, b) for a, b in study.ties.edges())
