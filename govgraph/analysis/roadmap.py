"""The roadmap of a multi-level cross-border dialogue, theme by theme: for each of the theme's most
severe gaps around an actor, who should meet whom (the operational holders on each side, with
their levels), through which existing body, about which gap, on which evidence.

Example:
    >>> from govgraph.study import load_study
    >>> steps = roadmap(load_study(), "CC Bouzonvillois", theme="environment_mobility")
    >>> steps[0]["theme"], steps[0]["rank"], bool(steps[0]["meet"])
    ('environment_mobility', 1, True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govgraph.analysis.actors import resolve_actor
from govgraph.analysis.gaps import find_gaps
from govgraph.errors import GovgraphError

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["STEPS_PER_THEME", "roadmap", "why_no_step"]

#: The gaps a theme's roadmap takes up, most severe first (a workshop has a few subjects).
STEPS_PER_THEME = 5
#: A side named by more actors than this is represented by the studied actor or its body.
NAMED_PER_SIDE = 3
#: Gaps that are about the data, not about a dialogue to set up.
NOT_A_SUBJECT = frozenset({"reference_gap", "isolated_actor", "missing_vertical_link"})


def _person(study: Study, actor: str, side: str, competences: list[str]) -> dict[str, Any]:
    """Who to meet for ``actor``: the body that exercises one of ``competences`` for it (the
    operational holder), else the actor, with its level and tier."""
    operational = sorted(
        {
            body
            for competence in competences
            for c in [competence, *study.ancestors(competence)]
            for body, _ in study.exercised_by.get(actor, {}).get(c, [])
        }
    )
    chosen = operational[0] if operational else actor
    level, tier = study.tier(chosen)
    if level is None and chosen != actor:
        level, tier = study.tier(actor)
    record = {
        "side": side,
        "id": chosen,
        "name": study.node(chosen)["name"],
        "level": level,
        "tier": tier,
    }
    if chosen != actor:
        record["for"] = {"id": actor, "name": study.node(actor)["name"]}
    return record


def _meet(study: Study, gap: dict[str, Any], around: str) -> list[dict[str, Any]]:
    """Who should meet: each side's named actors (the operational holder of the gap's
    competence for each, when the gap is about one or two competences); a side whose actors
    include the studied actor or its members is the studied actor; a long list, its first few."""
    competence = gap["competence"]
    competences = [competence] if isinstance(competence, str) else list(competence or [])
    if len(competences) > 2:
        competences = []  # a whole theme: the actors themselves, not one of their operators
    members = {a for a, _, d in study.graph.in_edges(around, data=True) if d["type"] == "MEMBER_OF"}
    people = []
    for side in (gap["side_a"], gap["side_b"]):
        actors = [a["id"] for a in side.get("actors", [])]
        if around in actors or members & set(actors):
            actors = [around]
        people += [_person(study, a, side["country"], competences) for a in actors[:NAMED_PER_SIDE]]
    if not any(p["id"] == around or p.get("for", {}).get("id") == around for p in people):
        own = ";".join(study.countries_of(around))
        people.insert(0, _person(study, around, own, competences))
    unique: dict[str, dict[str, Any]] = {}
    for person in people:  # a body named on a side and as an operator: once
        unique.setdefault(person["id"], person)
    return list(unique.values())


def _through(gap: dict[str, Any]) -> list[dict[str, Any]]:
    """The existing bodies the meeting could go through: a gap's could-close entries that are
    not a side's own holder, else its broker or structure."""
    found = [c for c in gap.get("could_close", []) if c.get("why") != "main holder"]
    if not found and gap.get("broker"):
        found = [gap["broker"]]
    if not found and gap.get("structure"):
        found = [{**gap["structure"], "why": "the structure the gap is about"}]
    return [{"id": c.get("id"), "name": c.get("name"), "why": c.get("why", "")} for c in found]


def roadmap(
    study: Study, around: str, *, theme: str | None = None, per_theme: int = STEPS_PER_THEME
) -> list[dict[str, Any]]:
    """For each theme (or ``theme``), its ``per_theme`` most severe gaps around ``around`` as
    steps of a dialogue: ``theme``, ``rank``, ``kind``, ``about`` (the gap's explanation),
    ``severity``, ``meet`` (who, on each side, with level and tier; an operational holder says
    ``for`` whom), ``through`` (existing bodies, each with why; empty: none exists yet) and
    ``evidence`` (the gap's facts, each with its source)."""
    actor = resolve_actor(study, around)
    themes = [theme] if theme else list(study.themes)
    if theme and theme not in study.themes:
        raise GovgraphError(f"unknown theme '{theme}'; allowed: {', '.join(study.themes)}")
    steps = []
    for each in themes:
        gaps = [
            g for g in find_gaps(study, theme=each, around=actor) if g["kind"] not in NOT_A_SUBJECT
        ]
        for rank, gap in enumerate(gaps[:per_theme], start=1):
            steps.append(
                {
                    "theme": each,
                    "rank": rank,
                    "kind": gap["kind"],
                    "severity": gap["severity"],
                    "about": gap["explanation"],
                    "meet": _meet(study, gap, actor),
                    "through": _through(gap),
                    "evidence": gap["facts"],
                }
            )
    return steps


def why_no_step(study: Study, around: str, theme: str | None = None) -> str:
    """The sentence for an empty roadmap: no gap of the theme (or any theme) in the area."""
    name = study.node(resolve_actor(study, around))["name"]
    what = f"of the theme {theme}" if theme else "in any theme"
    return (
        f"no gap {what} around {name} that a dialogue could take up (gaps about the data "
        "itself are left out: see govgraph gaps --kind reference_gap --kind isolated_actor)"
    )
