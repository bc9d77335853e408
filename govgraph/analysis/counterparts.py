"""Counterparts across borders: who holds what around an actor, and who is most equivalent to it.

Three answers, each plain data with its reasons and sources:

- :func:`who` — for a competence or theme, the actors that hold it around an actor, on each side
  of the border, nearest first (the asymmetric view: a communauté de communes faces a Landkreis
  in Germany and a ministry in Luxembourg);
- :func:`counterparts` — for an actor, the actors of each neighbouring country ranked by how
  equivalent they are (competences, tier, distance, scale, kind), each part shown;
- :func:`level_equivalence` — for each pair of national levels, how much of their allocated
  competences they share, overall and per theme.

The weights and the scoring are documented in docs/counterparts.md.

Example:
    >>> from govgraph.study import load_study
    >>> study = load_study()
    >>> best = counterparts(study, "fr-bouzonville", countries=["DE"], top=1)[0]
    >>> best["candidate"], best["rank"]
    ('de-wallerfangen', 1)
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph import model
from govgraph.analysis.actors import check_country, resolve_actor
from govgraph.analysis.territory import DEFAULT_MAX_DISTANCE, Area, neighbouring_countries
from govgraph.errors import GovgraphError, NotFoundError
from govgraph.model import Label
from govgraph.text import suggestion

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = [
    "DELEGATOR_CREDIT",
    "INFERRED_SHARE_CREDIT",
    "delegator_credit",
    "facing_subdivisions",
    "HOLDER_WEIGHTS",
    "PARTS",
    "ROLE_WEIGHTS",
    "Weights",
    "competing_holdings",
    "inferred_share",
    "residual_taker",
    "resolve_competence",
    "counterparts",
    "facing_share",
    "first_ring",
    "holder_strength",
    "level_equivalence",
    "profile_similarity",
    "wanted_competences",
    "weights_from_options",
    "who",
    "why_empty",
]

#: How much of a competence a role gives (exclusive holder = 1). A liaison body counts in full:
#: every question here is asked across a border, and that is the part of the competence it holds.
ROLE_WEIGHTS: dict[str, float] = {
    "exclusive": 1.0,
    "shared": 0.8,
    "delegated": 0.6,
    "support": 0.3,
    "liaison": 1.0,
}
#: How many border steps farther than asked a search goes when it finds nobody (an actor inland).
FARTHER_STEPS = 6
#: A formal holder's share of a competence it delegated or conceded to an operator.
DELEGATOR_CREDIT = 0.5
#: The share of its role a body counts for a competence it holds only because the reference
#: allocates it to its level, and not alone (role shared, delegated or support): every body of the
#: level takes part, the data does not say this one does the job. A shared holding then weighs
#: what a documented delegated one does (0.8 × 0.75 = 0.6). An exclusive allocation counts in
#: full: the law gives that level alone the job, so each of its bodies does it.
INFERRED_SHARE_CREDIT = 0.75
#: Credit for matching a competence with a related one instead of the same one.
HIERARCHY_CREDIT = 0.5
COFOG_CREDIT = 0.25
#: Kinds that are general-purpose governments / parts of the State / single-purpose bodies.
KIND_FAMILIES: dict[str, str] = {
    **dict.fromkeys(model.INHERITING_KINDS, "government"),
    **dict.fromkeys(
        ("ministry", "state_agency", "deconcentrated_state_service"), "state_administration"
    ),
    **dict.fromkeys(
        (
            "special_purpose_body",
            "social_security_body",
            "public_establishment",
            "public_company",
            "association",
            "programme_authority",
            "cross_border_body",
        ),
        "body",
    ),
}
PARTS = ("competence", "tier", "proximity", "scale", "kind")


@dataclass(frozen=True)
class Weights:
    """Weights of the parts of the counterpart score (they need not sum to 1). The defaults are
    for comparing whole actors; :data:`HOLDER_WEIGHTS` for "who holds this competence"."""

    competence: float = 0.45
    tier: float = 0.20
    proximity: float = 0.15
    scale: float = 0.10
    kind: float = 0.10

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], base: Weights | None = None) -> Weights:
        """``base`` (default: the defaults) with the weights in ``{"tier": 0.3, …}`` changed;
        unknown names or negative values are an error."""
        unknown = sorted(set(values) - set(PARTS))
        if unknown:
            raise GovgraphError(
                f"unknown weight '{unknown[0]}': the weights are {', '.join(PARTS)}"
            )
        merged = (base or cls()).as_dict()
        for name, value in values.items():
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise GovgraphError(f"weight {name} must be a number, not '{value}'") from None
            if number < 0 or math.isnan(number):
                raise GovgraphError(f"weight {name} must be zero or more")
            merged[name] = number
        weights = cls(**merged)
        if sum(weights.as_dict().values()) == 0:
            raise GovgraphError("at least one weight must be above zero")
        return weights

    def as_dict(self) -> dict[str, float]:
        return {part: getattr(self, part) for part in PARTS}


#: Default weights when the question is one competence ("who holds public transport?"): the
#: competence part dominates, and a counterpart at another tier is reported, not penalised much.
HOLDER_WEIGHTS = Weights(competence=0.60, tier=0.10, proximity=0.20, scale=0.05, kind=0.05)


def weights_from_options(
    weight_file: str | Path | None = None,
    pairs: Iterable[str] = (),
    *,
    holder_mode: bool = False,
) -> Weights:
    """Weights from a JSON or TOML file and ``part=value`` strings, over the defaults (the
    holder defaults when ``holder_mode``, i.e. a question about one competence).

    >>> weights_from_options(pairs=["tier=0.3"]).tier
    0.3
    """
    values: dict[str, Any] = {}
    if weight_file is not None:
        path = Path(weight_file)
        try:
            text = path.read_text(encoding="utf-8")
            loaded = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
        except (OSError, ValueError) as exc:
            raise GovgraphError(f"cannot read weights from {path}: {exc}") from None
        if not isinstance(loaded, dict):
            raise GovgraphError(f"{path} must hold a table of weights, e.g. tier = 0.3")
        values.update(loaded)
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise GovgraphError(f"--weight '{pair}' must be written part=value, e.g. tier=0.3")
        values[name.strip()] = value.strip()
    base = HOLDER_WEIGHTS if holder_mode else Weights()
    return Weights.from_mapping(values, base) if values else base


# --------------------------------------------------------------------------- competences


def resolve_competence(study: Study, text: str) -> str:
    """The competence id ``text`` names (an id, or a name in any language of the catalogue:
    :meth:`~govgraph.study.Study.find_competence`); NotFoundError with the candidates when it
    names several, or with a suggestion and ``govgraph competences`` when it names none.

    >>> from govgraph.study import load_study
    >>> resolve_competence(load_study(), "Promotion du tourisme")
    'tourism_promotion'
    """
    found = study.find_competence(text)
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(f"{c} ({study.node(c).get('name_en', c)})" for c in found)
        raise NotFoundError(f"'{text}' names several competences: {listed}; give one of them")
    names = [n for c in study.competences for n in study.competence_names(c)]
    hint = suggestion(text, names)
    raise NotFoundError(
        f"no competence '{text}'"
        + (f"; {hint}" if hint else "")
        + " (govgraph competences lists them with their names)"
    )


def wanted_competences(
    study: Study, competence: str | None = None, theme: str | None = None
) -> set[str] | None:
    """The competences a filter keeps (a competence and the narrower ones, or a theme's); None
    for no filter. Unknown ids raise NotFoundError with the allowed values."""
    if competence and theme:
        raise GovgraphError("give a competence or a theme, not both")
    if competence:
        return set(study.narrower(resolve_competence(study, competence)))
    if theme:
        if theme not in study.themes:
            raise NotFoundError(f"no theme '{theme}'; themes: {', '.join(study.themes)}")
        found: set[str] = set()
        for member in study.theme_competences.get(theme, ()):
            found |= study.narrower(member)
        return found
    return None


def asked_part(study: Study, actor: str, competence: str) -> list[str] | None:
    """The part of ``competence`` a question from ``actor`` is about: where the actor holds some
    of its narrower competences but not the competence itself, the ones it holds (a French
    commune builds primary schools, the State teaches in them: the commune's counterpart for
    primary education is whoever builds the schools on the other side). None when the question
    is about the whole competence: the actor holds it, all of its parts, or none of it.

    >>> from govgraph.study import load_study
    >>> asked_part(load_study(), "fr-apach", "primary_education")
    ['primary_school_buildings']
    """
    scope = study.narrower(competence)
    held = set(study.holdings.get(actor, {})) & scope
    if not held or competence in held:
        return None
    part = set().union(*(study.narrower(c) for c in held))
    return None if part >= scope - {competence} else sorted(held)


def _answering(study: Study, competences: Iterable[str]) -> set[str]:
    """The competences that answer a question about ``competences``: each, its narrower ones and
    its broader ones (a syndicate holding waste management answers for waste collection)."""
    found: set[str] = set()
    for competence in competences:
        found |= study.narrower(competence) | set(study.ancestors(competence))
    return found


def _match(study: Study, a: str, b: str) -> float:
    """1 for the same competence, 0.5 along the hierarchy (ancestor, descendant or sibling),
    0.25 for the same COFOG division, else 0."""
    if a == b:
        return 1.0
    if b in study.kin.get(a, ()):
        return HIERARCHY_CREDIT
    if b in study.cofog_kin.get(a, ()):
        return COFOG_CREDIT
    return 0.0


def competing_holdings(
    study: Study,
    actor: str,
    reach: Mapping[str, int] | None = None,
    *,
    for_authority: bool = False,
) -> dict[str, float]:
    """The competences ``actor`` competes for as a counterpart, each with its weight: its role's
    weight, times :func:`delegator_credit` for one it delegated or conceded (it keeps a lesser
    role where a delegate serves); ``INFERRED_SHARE_CREDIT`` of its role for one it holds only
    through its level's allocation and not alone (:func:`inferred_share`); none that one of its
    organs exercises (the organ answers for it) or that it transferred (it left it).
    ``for_authority``: the question comes from an authority that has its own operator, or from
    an operator (:func:`asks_as_authority`), so an operator answers for what it runs under
    concession at ``DELEGATOR_CREDIT`` of its role, and the authority that ordered the service
    answers in full (its concession does not lower it).

    >>> from govgraph.study import load_study
    >>> round(competing_holdings(load_study(), "fr-apach")["civil_protection"], 2)
    0.6
    """
    organ = study.organ_exercised.get(actor, ())
    return {
        competence: ROLE_WEIGHTS.get(data.get("role", ""), 0.5)
        * (
            1.0
            if for_authority and _concedes(study, actor, competence)
            else delegator_credit(study, actor, competence, reach)
        )
        * (DELEGATOR_CREDIT if for_authority and _conceded_to(data) else 1.0)
        * (INFERRED_SHARE_CREDIT if inferred_share(study, actor, competence) else 1.0)
        for competence, data in study.holdings.get(actor, {}).items()
        if competence not in organ and not residual_taker(study, actor, data, reach)
    }


def inferred_share(study: Study, actor: str, competence: str) -> bool:
    """True for a competence ``actor`` holds only because the reference allocates it to its
    level, and not alone (role shared, delegated or support), with no row of holdings.csv or
    exercises.csv about it: a part any body of that level may take, where the data does not say
    this one does the job (a holder whose operator or delegate runs it for it is documented).

    >>> from govgraph.study import load_study
    >>> study = load_study()
    >>> inferred_share(study, "fr-apach", "civil_protection")
    True
    >>> inferred_share(study, "lu-atp", "bus_transport")  # its own row
    False
    >>> inferred_share(study, "fr-departement-moselle", "fire_rescue")  # the SDIS does it for it
    False
    """
    holding = study.holdings.get(actor, {}).get(competence, {})
    if holding.get("provenance") != "inferred" or holding.get("role") == "exclusive":
        return False
    return not study.exercised_by.get(actor, {}).get(competence)


def residual_taker(
    study: Study, actor: str, holding: Mapping[str, Any], reach: Mapping[str, int] | None
) -> str | None:
    """For a holding its level has only where no other body holds a competence (``residual_to``
    in allocations.csv: the French région is the local mobility authority of a communauté de
    communes that did not take that competence), the body of the same country that holds it no
    farther from the question than ``actor`` (the holding then does not count here), else None.

    >>> from govgraph.study import load_study
    >>> study = load_study()
    >>> region = study.holdings["fr-region-grand-est"]["urban_bus"]
    >>> residual_taker(study, "fr-region-grand-est", region, {"fr-region-grand-est": 1})
    >>> residual_taker(study, "fr-region-grand-est", region,
    ...                {"fr-region-grand-est": 1, "fr-temo": 1})
    'fr-temo'
    """
    taken = holding.get("residual_to")
    if not taken or reach is None:
        return None
    countries = set(study.countries_of(actor))
    own = reach.get(actor)
    takers = [
        (steps, other)  # the nearest first, then by id: the same answer whatever the order
        for other, steps in reach.items()
        if other != actor
        and (own is None or steps <= own)
        and taken in study.holdings.get(other, {})
        and actor not in study.holdings[other][taken].get("on_behalf_of", ())
        and countries & set(study.countries_of(other))
    ]
    return min(takers)[1] if takers else None


def _concedes(study: Study, actor: str, competence: str) -> bool:
    """True when ``actor`` has ``competence`` run by an operator under concession."""
    return any(
        data["kind"] == "concession"
        for _, data in study.exercised_by.get(actor, {}).get(competence, ())
    )


def _conceded_to(holding: Mapping[str, Any]) -> bool:
    """True for a holding the body has as an operator under concession."""
    return holding.get("provenance") == "exercised" and holding.get("kind") == "concession"


def asks_as_authority(study: Study, actor: str, competences: Iterable[str]) -> bool:
    """True when ``actor`` has one of ``competences`` (or a broader one) run by an operator
    under concession, or runs one itself under concession: the question is about services
    that authorities order, so the counterpart is the authority on the other side before the
    operators (an operator's timetables and fares across the border are decided there too).

    >>> from govgraph.study import load_study
    >>> study = load_study("datasets/greater-geneva")
    >>> asks_as_authority(study, "fr-region-auvergne-rhone-alpes", ["rail_transport"])
    True
    >>> asks_as_authority(study, "ch-tpg", ["urban_bus"])  # an operator
    True
    >>> asks_as_authority(study, "fr-cc-genevois", ["rail_transport"])
    False
    """
    asked = {a for c in competences for a in (c, *study.ancestors(c))}
    return any(_concedes(study, actor, competence) for competence in asked) or any(
        _conceded_to(data)
        for competence, data in study.holdings.get(actor, {}).items()
        if competence in asked
    )


def delegator_credit(
    study: Study, actor: str, competence: str, reach: Mapping[str, int] | None = None
) -> float:
    """What ``actor`` keeps of a competence it delegated or conceded, for a question asked from
    an area whose distances are ``reach`` (actor → border steps): ``DELEGATOR_CREDIT`` where a
    delegate serves the part of it the question reaches first (the delegate is no farther than
    the holder), its whole role where every delegate serves a part farther away (a syndicate
    that conceded collection in one distant member town still collects here); without a
    question area, ``DELEGATOR_CREDIT``. 1 for a competence it did not delegate.

    >>> from govgraph.study import load_study
    >>> study = load_study()
    >>> delegator_credit(study, "de-evs", "waste_collection")
    0.5
    >>> delegator_credit(study, "de-evs", "waste_collection", {"de-evs": 1, "de-saarlouis": 2})
    1.0
    """
    delegates = study.delegated.get(actor, {}).get(competence)
    if not delegates:
        return 1.0
    if reach is None:
        return DELEGATOR_CREDIT
    own = reach.get(actor)
    nearer = [d for d in delegates if d in reach and (own is None or reach[d] <= own)]
    return DELEGATOR_CREDIT if nearer else 1.0


def _profile(
    study: Study,
    actor: str,
    wanted: set[str] | None,
    reach: Mapping[str, int] | None = None,
    *,
    for_authority: bool = False,
) -> dict[str, float]:
    """The actor's competences as a counterpart: for a question about some competences (a
    competence, a theme) those it competes for (:func:`competing_holdings`); for a whole actor,
    every competence it holds (a government compares with a government as a whole)."""
    if wanted is None:
        return {
            competence: ROLE_WEIGHTS.get(data.get("role", ""), 0.5)
            for competence, data in study.holdings.get(actor, {}).items()
        }
    return {
        competence: weight
        for competence, weight in competing_holdings(
            study, actor, reach, for_authority=for_authority
        ).items()
        if competence in wanted
    }


def _coverage(study: Study, mine: dict[str, float], theirs: dict[str, float]) -> float:
    total = sum(mine.values())
    if not total or not theirs:
        return 0.0
    covered = sum(_best_cover(study, c, weight, theirs) for c, weight in mine.items())
    return covered / total


def _best_cover(study: Study, competence: str, weight: float, theirs: dict[str, float]) -> float:
    """How much of ``competence`` (held with ``weight``) the profile ``theirs`` covers."""
    same = theirs.get(competence)
    if same is not None and same >= weight:
        return weight  # the most any competence can cover: a match is at most 1
    best = 0.0 if same is None else same
    for credit, related in (
        (HIERARCHY_CREDIT, study.kin.get(competence, frozenset())),
        (COFOG_CREDIT, study.cofog_kin.get(competence, frozenset())),
    ):
        if best >= credit * weight:
            break  # nothing weaker can do better (the credits go down)
        for other in related:
            if other in theirs:
                best = max(best, credit * min(weight, theirs[other]))
    return best


def profile_similarity(study: Study, a: dict[str, float], b: dict[str, float]) -> float | None:
    """How alike two competence profiles are, 0 to 1: the harmonic mean of how much of each one
    the other covers. A competence is covered up to the weaker of the two roles, times the
    match credit (1 same, 0.5 along the hierarchy, 0.25 same COFOG division). None when the
    first profile is empty (nothing to compare)."""
    if not a:
        return None
    ab, ba = _coverage(study, a, b), _coverage(study, b, a)
    return 0.0 if ab + ba == 0 else 2 * ab * ba / (ab + ba)


def holder_strength(
    study: Study,
    actor: str,
    scope: set[str],
    reach: Mapping[str, int] | None = None,
    *,
    for_authority: bool = False,
) -> float:
    """How fully an actor holds a competence, 0 to 1: the mean, over the competence and its
    narrower ones (``scope``), of the actor's weight for each (:func:`competing_holdings`);
    holding only a broader or only a narrower competence counts half (it answers, less
    precisely)."""
    held = competing_holdings(study, actor, reach, for_authority=for_authority)
    if not scope or not held:
        return 0.0
    total = 0.0
    for competence in scope:
        above = set(study.ancestors(competence))
        best = 0.0
        for holding, weight in held.items():
            if holding == competence:
                best = max(best, weight)
            elif holding in above or competence in study.ancestors(holding):
                best = max(best, weight * HIERARCHY_CREDIT)
        total += best
    return total / len(scope)


# --------------------------------------------------------------------------- records


def _holding(study: Study, competence: str, data: dict[str, Any]) -> dict[str, Any]:
    record = {
        "competence": competence,
        "name": study.node(competence).get("name_en"),
        "role": data.get("role"),
        "provenance": data.get("provenance"),
        "legal_basis": data.get("legal_basis"),
        "source": data.get("source"),
    }
    if data.get("on_behalf_of"):  # the operational face: whom it exercises the competence for
        record["kind"] = data.get("kind")
        record["on_behalf_of"] = [
            {"id": holder, "name": study.node(holder)["name"]} for holder in data["on_behalf_of"]
        ]
    return record


def _sources(*values: str | None) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        for part in (value or "").split(" ; "):
            if part.strip():
                seen[part.strip()] = None
    return list(seen)


def _check_countries(study: Study, countries: Iterable[str]) -> list[str]:
    return [check_country(study, c) for c in countries]


# --------------------------------------------------------------------------- who holds what


def who(
    study: Study,
    around: str,
    *,
    competence: str | None = None,
    theme: str | None = None,
    countries: Iterable[str] | None = None,
    max_distance: int = 2,
) -> list[dict[str, Any]]:
    """The actors that hold a competence (or a narrower one; or any of a theme's) around an
    actor, for each country nearby: the actor's own side first, then by distance, then from the
    most local tier. One record per holder with what it holds, its role and its sources.

    >>> from govgraph.study import load_study
    >>> rows = who(load_study(), "fr-cc-bouzonvillois-trois-frontieres",
    ...            competence="public_transport")
    >>> sorted({r["country"] for r in rows})
    ['DE', 'FR', 'LU']
    """
    if not competence and not theme:
        raise GovgraphError("give a competence or a theme")
    G = study.graph
    competence = resolve_competence(study, competence) if competence else None
    wanted = wanted_competences(study, competence, theme)
    assert wanted is not None
    actor = resolve_actor(study, around)
    own = set(study.countries_of(actor))
    keep = set(_check_countries(study, countries)) if countries else None
    area = Area.around(study, actor, max_distance)
    answering = _answering(study, [competence]) if competence else wanted
    rows = []
    reach = area.actors()
    for holder, steps in reach.items():
        organ = study.organ_exercised.get(holder, ())
        held = {
            c: d
            for c, d in study.holdings.get(holder, {}).items()
            if c in answering
            and c not in organ  # an organ answers for its government
            and not residual_taker(study, holder, d, reach)  # another body took it here
        }
        if not held:
            continue
        level, tier = study.tier(holder)
        subdivisions = list(study.subdivisions_of.get(holder, ()))
        for country in G.nodes[holder].get("countries", []):
            sides = {country, *(s for s in subdivisions if s.startswith(f"{country}-"))}
            if keep is not None and not keep & sides:
                continue
            rows.append(
                {
                    "country": country,
                    "subdivisions": subdivisions,
                    "side": "own" if country in own else "across",
                    "holder": holder,
                    "name": G.nodes[holder]["name"],
                    "kind": G.nodes[holder]["kind"],
                    "level": level,
                    "tier": tier,
                    "distance": steps,
                    "holds": [_holding(study, c, d) for c, d in sorted(held.items())],
                }
            )
    rank = model.TIER_RANK
    rows.sort(
        key=lambda r: (
            r["side"] != "own",
            r["country"],
            r["distance"],
            rank.get(r["tier"] or "", len(rank)),
            r["holder"],
        )
    )
    return rows


# --------------------------------------------------------------------------- counterparts


def _parts(
    study: Study,
    actor: str,
    candidate: str,
    steps: int,
    wanted: set[str] | None,
    holder_scope: set[str] | None,
    memo: dict[Any, float | None] | None = None,
    reach: Mapping[str, int] | None = None,
    *,
    mine: dict[str, float] | None = None,
    theirs: dict[str, float] | None = None,
    for_authority: bool = False,
) -> dict[str, float | None]:
    """The five parts; ``memo`` keeps the competence part by candidate profile (within one
    query many candidates, e.g. all the municipalities of a country, share one profile);
    ``reach``: the question area's distances (a delegated competence, :func:`delegator_credit`);
    ``mine`` and ``theirs``: the two profiles (:func:`_profile`), when the caller has them."""
    if theirs is None:
        theirs = _profile(study, candidate, wanted, reach, for_authority=for_authority)
    key = tuple(sorted(theirs.items())) if holder_scope is None else (candidate,)
    if memo is not None and key in memo:
        competence_part = memo[key]
    elif holder_scope is not None:
        competence_part = holder_strength(
            study, candidate, holder_scope, reach, for_authority=for_authority
        )
    else:
        if mine is None:
            mine = _profile(study, actor, wanted)
        competence_part = profile_similarity(study, mine, theirs)
    if memo is not None:
        memo[key] = competence_part
    _, tier_a = study.tier(actor)
    _, tier_b = study.tier(candidate)
    tier = None
    if tier_a and tier_b:
        gap = abs(model.TIER_RANK[tier_a] - model.TIER_RANK[tier_b])
        tier = 1 - gap / (len(model.TIERS) - 1)
    pop_a, pop_b = study.population(actor), study.population(candidate)
    scale = None
    if pop_a and pop_b:
        scale = max(0.0, 1 - abs(math.log10(pop_a) - math.log10(pop_b)) / 3)
    kind_a, kind_b = study.node(actor)["kind"], study.node(candidate)["kind"]
    kind = (
        1.0 if kind_a == kind_b else 0.5 if KIND_FAMILIES[kind_a] == KIND_FAMILIES[kind_b] else 0.0
    )
    return {
        "competence": competence_part,
        "tier": tier,
        "proximity": 1 / (1 + steps),
        "scale": scale,
        "kind": kind,
    }


def _score(parts: Mapping[str, float | None], weights: Weights | Mapping[str, float]) -> float:
    """The weighted mean of the parts that are known (a missing part carries no weight)."""
    weighed = weights.as_dict() if isinstance(weights, Weights) else weights
    total = used = 0.0
    for part, weight in weighed.items():
        value = parts.get(part)
        if value is not None and weight > 0:
            total += weight * value
            used += weight
    return 0.0 if not used else total / used


def _rank_key(
    score: float, competence: float | None, distance: int, candidate: str
) -> tuple[float, float, int, str]:
    """Best first: score, then the competence part, then the nearer, then the id. Values equal to
    six decimals are ties (so the order never depends on floating-point noise)."""
    return (-round(score, 6), -round(competence or 0.0, 6), distance, candidate)


def counterparts(
    study: Study,
    actor: str,
    *,
    countries: Iterable[str] | None = None,
    competence: str | None = None,
    theme: str | None = None,
    top: int = 5,
    weights: Weights | None = None,
    max_distance: int = DEFAULT_MAX_DISTANCE,
    search_farther: int = FARTHER_STEPS,
) -> list[dict[str, Any]]:
    """The actors of each target country ranked by how equivalent they are to ``actor``.

    Target countries default to every country whose territory borders the actor's. Candidates are
    the actors of a target country within ``max_distance`` BORDERS steps (a bounded search, never
    all pairs); for a target country with none (an actor inland), the search goes on from the
    territories that contain the actor's, up to ``search_farther`` more steps (0: it stops),
    and each record says so. With a competence or a theme, an organ answers for its government,
    a formal holder that delegated a competence counts at half (:func:`competing_holdings`), and
    the bodies of the Land or canton the actor faces come before those of the next one
    (:func:`facing_subdivisions`; each one put back says so), and of twins, the one facing
    more of the border (:func:`facing_share`); a body the actor is a member of, or that
    exercises the competence for it, comes after its counterparts (a liaison body does not).
    Ties are broken by the competence part, then distance, then id.

    >>> from govgraph.study import load_study
    >>> rows = counterparts(load_study(), "fr-cc-bouzonvillois-trois-frontieres",
    ...                     competence="public_transport", countries=["LU"], top=3)
    >>> rows[0]["candidate"], rows[0]["on_behalf_of"][0]["formal_holder"]
    ('lu-atp', 'lu-government')
    """
    weights = weights or (HOLDER_WEIGHTS if competence else Weights())
    actor = resolve_actor(study, actor)
    competence = resolve_competence(study, competence) if competence else None
    wanted = wanted_competences(study, competence, theme)
    part = asked_part(study, actor, competence) if competence else None
    if part:  # the actor does only part of the job: its counterparts do that part
        wanted = set().union(*(study.narrower(c) for c in part))
    holder_scope = wanted if competence else None
    area = Area.around(study, actor, max_distance)
    own = set(study.countries_of(actor))
    farther: Area | None = None  # an inland actor: the search goes on, bounded, and says so

    def widened() -> Area:
        nonlocal farther
        if farther is None:
            farther = Area.around(study, actor, max_distance + search_farther, through_parents=True)
        return farther

    targets = _check_countries(study, countries) if countries else neighbouring_countries(area, own)
    if not targets and search_farther:
        targets = neighbouring_countries(widened(), own)
    if not targets:
        raise NotFoundError(
            f"no other country within {max_distance + search_farther} border steps of "
            f"'{actor}' in the data: name one with --country"
        )
    mine = _profile(study, actor, wanted)
    # an authority with its own operator asks for the authority across, before the operators
    authority = competence is not None and asks_as_authority(study, actor, part or [competence])
    actor_level, actor_tier = study.tier(actor)
    rows: list[dict[str, Any]] = []
    memo: dict[Any, float | None] = {}
    # a broader holding answers a narrower question (a syndicate holding waste management
    # answers for waste collection)
    answering = _answering(study, part or [competence]) if competence else wanted

    weighed = weights.as_dict()
    facing_notes: dict[str, str] = {}  # twins ordered by the share of the border they face

    def scored_in(country: str, searched: Area) -> list[tuple[Any, ...]]:
        scored = []
        reach = searched.actors()
        facing = facing_subdivisions(study, searched, country) if wanted is not None else []
        for candidate, steps in reach.items():
            if candidate == actor or not study.in_side(candidate, country):
                continue
            answers = _profile(study, candidate, answering, reach, for_authority=authority)
            if answering is not None and not answers:
                continue  # with a filter, a candidate must hold something of it
            theirs = (
                answers
                if wanted is None or answering is wanted
                else {c: w for c, w in answers.items() if c in wanted}
            )
            parts = _parts(
                study,
                actor,
                candidate,
                steps,
                wanted,
                holder_scope,
                memo,
                reach,
                mine=mine,
                theirs=theirs if answering is wanted else None,
                for_authority=authority,
            )
            elsewhere = _serves_elsewhere(study, candidate, facing)
            put_back = _asker_own(study, actor, candidate, answering) or (
                # a body of the next Land: why it comes after
                f"{candidate} serves {', '.join(elsewhere)}, not the {'/'.join(facing)} that "
                f"{actor} faces: ranked after the bodies that serve it"
                if elsewhere
                else None
            )
            scored.append((_score(parts, weighed), parts, candidate, steps, theirs, put_back))
        # the bodies of the Land or canton the actor faces first, then the others
        scored.sort(key=lambda s: (bool(s[5]), *_rank_key(s[0], s[1]["competence"], s[3], s[2])))
        if wanted is not None:
            scored = _twins_by_facing(study, searched, country, scored, facing_notes)
        return scored

    for country in targets:
        searched = area
        scored = scored_in(country, area)
        if not scored and search_farther:
            searched = widened()
            scored = scored_in(country, searched)
        for rank, (score, parts, candidate, steps, theirs, put_back) in enumerate(
            scored[:top], start=1
        ):
            rows.append(
                _counterpart_record(
                    study,
                    searched,
                    actor,
                    candidate,
                    country,
                    rank,
                    score,
                    parts,
                    steps,
                    mine,
                    theirs,
                    actor_level,
                    actor_tier,
                    answering,
                )
            )
            conceded = (
                sorted(
                    c
                    for c, data in study.holdings.get(candidate, {}).items()
                    if c in (answering or ()) and _conceded_to(data)
                )
                if authority
                else []
            )
            if conceded:
                rows[-1]["notes"].append(
                    f"{actor} asks about services authorities order (it has its own operator, "
                    "or is one): "
                    f"{candidate} runs {', '.join(conceded)} under concession, counted at "
                    f"{DELEGATOR_CREDIT:g} of its role (the authority that ordered it answers in "
                    "full)"
                )
            if put_back:
                rows[-1]["notes"].append(put_back)
            if candidate in facing_notes:
                rows[-1]["notes"].append(facing_notes[candidate])
            if part:
                rows[-1]["notes"].append(
                    f"{actor} holds only part of {competence} ({', '.join(part)}): "
                    "ranked as counterparts for that part"
                )
            if searched is not area:
                rows[-1]["notes"].append(
                    f"no holder within {max_distance} border steps: the search went on from "
                    f"the territories containing {actor}'s, up to "
                    f"{max_distance + search_farther} steps (this one: {steps})"
                )
    return rows


def _asker_own(study: Study, actor: str, candidate: str, answering: set[str] | None) -> str | None:
    """Why ``candidate`` is the asker's own body rather than its counterpart: the asker is a
    member of it, or it exercises the competence asked for the asker; else None."""
    held = study.holdings.get(candidate, {})
    if answering is None or any(held[c].get("role") == "liaison" for c in answering if c in held):
        return None  # the designated liaison body is the contact point, whoever its members are
    G = study.graph
    member = any(
        d["type"] == model.RelType.MEMBER_OF
        for _, d in G.get_edge_data(actor, candidate, default={}).items()
    )
    acting = any(
        actor in data.get("on_behalf_of", ())
        for competence, data in held.items()
        if competence in answering
    )
    if not (member or acting):
        return None
    return (
        f"{actor} {'is a member of' if member else 'has'} {candidate}"
        + ("" if member else " exercise this competence for it")
        + ": its own body, ranked after its counterparts"
    )


def facing_share(study: Study, area: Area, country: str, candidate: str) -> float:
    """The share of the people ``area`` faces in ``country`` (the municipalities of the first
    ring across the border: those the search reached first; by population, or by number where a
    population is missing) that ``candidate`` serves.

    >>> from govgraph.study import load_study
    >>> from govgraph.analysis.territory import Area
    >>> study = load_study()
    >>> area = Area.around(study, "fr-apach", 3)
    >>> facing_share(study, area, "DE", "de-perl"), facing_share(study, area, "DE", "de-mettlach")
    (1.0, 0.0)
    """
    ring = first_ring(study, area, country)
    return _share(study, ring, _served_in(study, ring, candidate))


def first_ring(study: Study, area: Area, country: str) -> frozenset[str]:
    """The municipalities (territories with none inside them) of ``country`` at the smallest
    distance of its municipalities in ``area``."""
    own = {
        t: d
        for t, d in area.distance.items()
        if not study.children.get(t)
        and study.in_side(t, country)
        and len(study.countries_of(t)) == 1
    }
    nearest = min(own.values(), default=None)
    return frozenset(t for t, d in own.items() if d == nearest)


def _served_in(study: Study, ring: frozenset[str], actor: str) -> frozenset[str]:
    """The territories of ``ring`` that ``actor`` serves (itself or a territory containing it)."""
    served = set(study.serves.get(actor, ()))
    return frozenset(t for t in ring if t in served or served & study.containing(t))


def _share(study: Study, ring: frozenset[str], served: frozenset[str]) -> float:
    """The part of ``ring``'s people in ``served`` (by number of places when a population is
    missing)."""
    if not ring:
        return 0.0
    populations = {t: study.node(t).get("population") for t in ring}
    if any(p is None for p in populations.values()):
        return len(served) / len(ring)
    weights = {t: float(p) for t, p in populations.items() if p is not None}
    total = sum(weights.values())
    return sum(weights[t] for t in served) / total if total else 0.0


def _twins_by_facing(
    study: Study,
    area: Area,
    country: str,
    scored: list[tuple[Any, ...]],
    notes: dict[str, str] | None = None,
) -> list[tuple[Any, ...]]:
    """``scored`` with twins reordered among their own places: candidates of the same kind and
    level whose competence parts are equal and whose areas lie side by side (the fire and rescue
    services of two départements, two insurers, two agglomerations) come in the order of how
    much of the border they face (:func:`facing_share`), the one serving more of the people
    across first; every other candidate keeps its place. ``notes`` gets, for each twin, the
    sentence that says so."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for index, (_, parts, candidate, *_rest) in enumerate(scored):
        node = study.node(candidate)
        key = (
            node["kind"],
            study.level_of.get(candidate),
            round(parts["competence"] or 0.0, 6),
            bool(scored[index][5]),
        )
        groups.setdefault(key, []).append(index)
    groups = {k: v for k, v in groups.items() if len(v) > 1}
    if not groups:
        return scored
    ring = first_ring(study, area, country)
    result = list(scored)
    for group in groups.values():
        served = {i: _served_in(study, ring, scored[i][2]) for i in group}
        # side by side, not nested: a body serving all of another's part of the border is not
        # its twin (a Land-wide company and a Landkreis's differ by scale, not by the part)
        places = [
            i
            for i in group
            if not any(served[i] > served[j] for j in group if j != i and served[j])
        ]
        if len(places) < 2:
            continue
        members = [scored[i] for i in places]
        shares = {
            m[2]: _share(study, ring, served[i]) for i, m in zip(places, members, strict=True)
        }
        members.sort(key=lambda m: -round(shares[m[2]], 6))
        for place, member in zip(places, members, strict=True):
            result[place] = member
        if notes is not None:
            for member in members:
                others = ", ".join(
                    f"{m[2]} {shares[m[2]]:.0%}" for m in members if m[2] != member[2]
                )
                notes[member[2]] = (
                    f"{member[2]} serves {shares[member[2]]:.0%} of the people across the "
                    f"border in the first ring of municipalities; of the bodies of its kind "
                    f"that hold this alike, the one facing more comes first ({others})"
                )
    return result


def facing_subdivisions(study: Study, area: Area, country: str) -> list[str]:
    """The Länder or cantons (subdivisions with a government of their own) of ``country`` that
    the area faces: those of its territories the search reached first. A practitioner calls the
    body that does the job in the Land across the border, not in the next one. Empty when the
    country has none there (Luxembourg, a French département in the data without its code).

    >>> from govgraph.study import load_study
    >>> study = load_study()
    >>> facing_subdivisions(study, Area.around(study, "fr-apach"), "DE")
    ['DE-SL']
    >>> facing_subdivisions(study, Area.around(study, "lu-stadtbredimus"), "DE")
    ['DE-RP']
    """
    governed = study.governed_subdivisions
    near = [t for t in area.reached if study.in_side(t, country)]
    if not governed or not near:
        return []
    first = min(area.distance[t] for t in near)
    return sorted(
        {
            code
            for t in near
            if area.distance[t] == first
            for code in study.subdivisions_of.get(t, ())
            if code in governed
        }
    )


def _serves_elsewhere(study: Study, candidate: str, facing: list[str]) -> tuple[str, ...]:
    """The Länder or cantons ``candidate`` serves when it serves none of ``facing`` (a body of
    the next Land); () when it serves one of them, the whole country, or ``facing`` is empty."""
    if not facing:
        return ()
    codes = tuple(
        c for c in study.subdivisions_of.get(candidate, ()) if c in study.governed_subdivisions
    )
    return () if not codes or set(codes) & set(facing) else codes


def _faces(
    study: Study, candidate: str, scope: set[str] | None, *, weighed: Mapping[str, int] | None
) -> list[dict[str, Any]]:
    """The two faces of the candidate's holdings in ``scope``: whom it exercises a competence
    for (``operational``), and who exercises one of its competences for it (``formal``);
    ``weighed``: the distances of a question that weighs a delegated competence
    (:func:`delegator_credit`; a question about some competences, not a whole actor)."""
    faces = []
    for formal, data in study.exercises.get(candidate, ()):
        if scope is None or data["competence"] in scope:
            faces.append(_face(study, "operational", data, candidate, formal, weighed))
    for competence, entries in sorted(study.exercised_by.get(candidate, {}).items()):
        if scope is None or competence in scope:
            faces += [
                _face(study, "formal", data, body, candidate, weighed, scope)
                for body, data in entries
            ]
    return faces


def _face(
    study: Study,
    face: str,
    data: dict[str, Any],
    body: str,
    formal: str,
    weighed: Mapping[str, int] | None,
    scope: set[str] | None = None,
) -> dict[str, Any]:
    competence, kind = data["competence"], data["kind"]
    basis = f"; {data['legal_basis']}" if data.get("legal_basis") else ""
    delegated = study.delegated.get(formal, {})
    asked = sorted(  # the formal holder's competences of the question this delegation reaches
        c
        for c in study.holdings.get(formal, {})
        if (scope is None or c in scope) and c in study.narrower(competence)
    )
    kept = [c for c in asked if body not in delegated.get(c, ())]
    if face == "operational":
        note = f"exercises {competence} for {study.node(formal)['name']} ({kind}{basis})"
    elif weighed is not None and kind in model.KEEPING_KINDS and asked and asked == kept:
        note = (
            f"{competence} is exercised by {study.node(body)['name']} ({kind}{basis}), which "
            f"does not hold {', '.join(kept)}: that stays whole here"
        )
    elif weighed is not None and kind in model.KEEPING_KINDS:
        credit = delegator_credit(study, formal, competence, weighed)
        where = (
            "which serves the part nearest this question"
            if credit < 1
            else "only in parts farther from this question"
        )
        note = (
            f"{competence} is exercised by {study.node(body)['name']} ({kind}{basis}), "
            f"{where}: counted at {credit:g} of its role here"
        )
    else:
        note = f"{competence} is exercised by {study.node(body)['name']} ({kind}{basis})"
    return {
        "face": face,
        "competence": competence,
        "kind": kind,
        "body": body,
        "body_name": study.node(body)["name"],
        "formal_holder": formal,
        "formal_holder_name": study.node(formal)["name"],
        "legal_basis": data.get("legal_basis"),
        "source": data.get("source"),
        "note": note,
    }


def _counterpart_record(
    study: Study,
    area: Area,
    actor: str,
    candidate: str,
    country: str,
    rank: int,
    score: float,
    parts: dict[str, float | None],
    steps: int,
    mine: dict[str, float],
    theirs: dict[str, float],
    actor_level: str | None,
    actor_tier: str | None,
    answering: set[str] | None = None,
) -> dict[str, Any]:
    level, tier = study.tier(candidate)
    mine_held = study.holdings.get(actor, {})
    theirs_held = study.holdings.get(candidate, {})
    shared = sorted(set(mine) & set(theirs))
    served = study.serves.get(candidate, [])
    territory = min(served, key=lambda t: (area.distance.get(t, 99), t)) if served else None
    path = area.path_to(territory) if territory else []
    faces = _faces(
        study, candidate, answering, weighed=area.actors() if answering is not None else None
    )
    facts = _facts(study, actor, candidate, shared, faces, path)
    notes = [face["note"] for face in faces]
    for competence in sorted(set(theirs_held) & (answering or set())):
        holding = theirs_held[competence]
        taker = residual_taker(study, candidate, holding, area.actors())
        if taker:
            note = (
                f"{candidate} holds {competence} only where no other body holds "
                f"{holding['residual_to']} ({holding.get('legal_basis') or 'no legal basis'}): "
                f"{study.node(taker)['name']} does, no farther from this question, so it does "
                "not count here"
            )
            notes.append(note)
            facts.append({"fact": note, "source": holding.get("source")})
    inherited = sorted(
        c for c in theirs if answering is not None and inferred_share(study, candidate, c)
    )
    if inherited:
        notes.append(
            f"{candidate} holds {', '.join(inherited)} only through its level's allocation, "
            f"with others ({', '.join(sorted({theirs_held[c]['role'] for c in inherited}))}): "
            f"counted at {INFERRED_SHARE_CREDIT:g} of its role, after a body the data shows "
            "doing the job"
        )
    sources = _sources(*(fact["source"] for fact in facts))
    if not mine and parts["competence"] is not None:
        notes.append(f"{actor} itself holds none of these competences in the data")
    if parts["competence"] is None:
        notes.append(
            f"{actor} holds no competence in the data for this question: ranked by the other parts"
        )
    for competence in sorted(theirs):
        if theirs_held.get(competence, {}).get("role") == "liaison":
            notes.append(
                f"{candidate} is the liaison body for {competence} across the border "
                f"({theirs_held[competence].get('legal_basis') or 'no legal basis given'}): it "
                "exercises none of it itself, it is the designated point of contact"
            )
    if actor_tier and tier and tier != actor_tier:
        notes.append(
            f"this counterpart sits at the {tier} tier ({level}), "
            f"not the {actor_tier} tier ({actor_level})"
        )
    return {
        "country": country,
        "rank": rank,
        "candidate": candidate,
        "name": study.node(candidate)["name"],
        "kind": study.node(candidate)["kind"],
        "subdivisions": list(study.subdivisions_of.get(candidate, ())),
        "level": level,
        "tier": tier,
        "actor_level": actor_level,
        "actor_tier": actor_tier,
        "score": round(score, 4),
        "parts": {p: None if v is None else round(v, 4) for p, v in parts.items()},
        "distance": steps,
        "border_path": [f"{a} → {b}" for a, b, _ in path],
        "shared": [
            {
                "competence": c,
                "actor_role": mine_held[c].get("role"),
                "candidate_role": theirs_held[c].get("role"),
            }
            for c in shared
        ],
        "only_actor": sorted(set(mine) - set(theirs)),
        "only_candidate": sorted(set(theirs) - set(mine)),
        "on_behalf_of": [f for f in faces if f["face"] == "operational"],
        "exercised_by": [f for f in faces if f["face"] == "formal"],
        "notes": notes,
        "facts": facts,
        "sources": sources,
    }


def _holding_fact(study: Study, actor: str, competence: str) -> dict[str, Any]:
    data = study.holdings[actor][competence]
    return {
        "fact": f"{actor} holds {competence} ({data.get('role')}, {data.get('provenance')})",
        "legal_basis": data.get("legal_basis"),
        "source": data.get("source"),
    }


def _facts(
    study: Study,
    actor: str,
    candidate: str,
    shared: list[str],
    faces: list[dict[str, Any]],
    path: list[tuple[str, str, str | None]],
) -> list[dict[str, Any]]:
    """Each fact a record rests on, with its own source: the holdings compared (both sides), who
    exercises what for whom, the candidate's own row, each border crossed."""
    facts = [_holding_fact(study, who, c) for c in shared for who in (actor, candidate)]
    facts += [{"fact": face["note"], "source": face["source"]} for face in faces]
    data = study.node(candidate)
    row = f"{candidate}: {data['name']} ({data['kind']})"
    facts.append({"fact": row, "source": data.get("source")})
    facts += [{"fact": f"{a} borders {b}", "source": source} for a, b, source in path]
    return facts


# --------------------------------------------------------------------------- levels


def _level_profiles(study: Study, sides: list[str]) -> dict[str, tuple[str, str, dict[str, float]]]:
    """(side, level name, profile) per level variant. A country side has one variant per
    federated state that has its own allocation rows (common rows included), else one for the
    whole country; a subdivision side (``DE-SL``) has its own variant of each level that exists
    there (a level whose rows all belong to other subdivisions does not)."""
    G = study.graph
    countries = {side.split("-")[0] for side in sides}
    rows: dict[str, list[tuple[str, str | None, dict[str, Any]]]] = {}
    for level, competence, data in G.edges(data=True):
        if data["type"] == "ALLOCATES" and G.nodes[level]["country"] in countries:
            rows.setdefault(level, []).append((competence, data.get("subdivision"), data))
    variants: dict[str, tuple[str, str, dict[str, float]]] = {}
    for level, allocations in rows.items():
        node = G.nodes[level]
        common = {c: ROLE_WEIGHTS[d["role"]] for c, s, d in allocations if not s}
        subdivisions = sorted({s for _, s, _ in allocations if s})
        for side in sides:
            if side.split("-")[0] != node["country"]:
                continue
            if "-" in side:  # one subdivision's own variant
                specific = {c: ROLE_WEIGHTS[d["role"]] for c, s, d in allocations if s == side}
                if common or specific:
                    variants[f"{level} ({side})"] = (side, node["name"], {**common, **specific})
                continue
            if not subdivisions:
                variants[level] = (side, node["name"], common)
            for sub in subdivisions:
                specific = {c: ROLE_WEIGHTS[d["role"]] for c, s, d in allocations if s == sub}
                variants[f"{level} ({sub})"] = (side, node["name"], {**common, **specific})
    return variants


def level_equivalence(
    study: Study, countries: Iterable[str], *, theme: str | None = None
) -> list[dict[str, Any]]:
    """For each pair of levels of two different countries (or subdivisions: ``DE-SL``, ``DE-RP``),
    how alike their allocated competences are (0 to 1, as for counterparts), overall and per
    theme; best pairs first.

    >>> from govgraph.study import load_study
    >>> rows = level_equivalence(load_study(), ["FR", "DE"])
    >>> {"level_a", "level_b", "score", "shared"} <= set(rows[0])
    True
    """
    chosen = [c.strip().upper() for c in countries]
    if len(set(chosen)) < 2:
        raise GovgraphError("give at least two countries or subdivisions, e.g. FR,DE,LU")
    G = study.graph
    known = sorted({d["country"] for _, d in G.nodes(data=True) if d["label"] == Label.LEVEL})
    for side in chosen:
        if side.split("-")[0] not in known:
            raise NotFoundError(
                f"no levels for country '{side}'; countries with levels: {', '.join(known)}"
            )
        if "-" in side and side not in study.subdivisions:
            raise NotFoundError(
                f"no actor in subdivision '{side}'; subdivisions in the data: "
                f"{', '.join(study.subdivisions) or 'none'}"
            )
    wanted = wanted_competences(study, None, theme)
    theme_sets = {t: wanted_competences(study, None, t) or set() for t in study.themes}
    variants = _level_profiles(study, chosen)
    rows: list[dict[str, Any]] = []
    names = sorted(variants)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            if variants[first][0] == variants[second][0]:
                continue
            if (
                first.split(" ")[0] == second.split(" ")[0]
                and variants[first][2] == variants[second][2]
            ):
                continue  # one level with one rule (the Bund seen from two Länder)
            a, b = first, second
            if chosen.index(variants[a][0]) > chosen.index(variants[b][0]):
                a, b = b, a
            country_a, name_a, prof_a = variants[a]
            country_b, name_b, prof_b = variants[b]
            pa = {c: w for c, w in prof_a.items() if wanted is None or c in wanted}
            pb = {c: w for c, w in prof_b.items() if wanted is None or c in wanted}
            score = profile_similarity(study, pa, pb) if pa and pb else 0.0
            by_theme = {}
            for t, members in theme_sets.items():
                ta = {c: w for c, w in prof_a.items() if c in members}
                tb = {c: w for c, w in prof_b.items() if c in members}
                by_theme[t] = (
                    round(profile_similarity(study, ta, tb) or 0.0, 4) if ta and tb else 0.0
                )
            rows.append(
                {
                    "country_a": country_a,
                    "level_a": a,
                    "name_a": name_a,
                    "country_b": country_b,
                    "level_b": b,
                    "name_b": name_b,
                    "score": round(score or 0.0, 4),
                    "shared": sorted(set(pa) & set(pb)),
                    "by_theme": by_theme,
                }
            )
    rows.sort(
        key=lambda r: (r["country_a"], r["country_b"], -r["score"], r["level_a"], r["level_b"])
    )
    return rows


# --------------------------------------------------------------------------- empty answers


def why_empty(
    study: Study,
    actor: str,
    *,
    competence: str | None = None,
    theme: str | None = None,
    countries: Iterable[str] | None = None,
    max_distance: int = DEFAULT_MAX_DISTANCE,
    own_side: bool = False,
) -> str:
    """Why ``counterparts`` or ``who`` (``own_side``: the actor's country too) found nobody, in
    one sentence per country, with what to try: its nearest holders are beyond
    ``max_distance`` border steps, or the reference allocates the competence to no level of
    that country, or no actor of that country in the data holds it.

    >>> from govgraph.study import load_study
    >>> print(why_empty(load_study(), "fr-apach", competence="police", countries=["DE"],
    ...                 max_distance=0))  # doctest: +ELLIPSIS
    DE: no holder of police within 0 border steps of Commune d'Apach; the nearest: ...
    """
    actor = resolve_actor(study, actor)
    competence = resolve_competence(study, competence) if competence else None
    wanted = wanted_competences(study, competence, theme)
    what = competence or f"the {theme} competences"
    part = asked_part(study, actor, competence) if competence else None
    answering = _answering(study, part or [competence]) if competence else wanted
    own = set(study.countries_of(actor))
    if countries:
        targets = _check_countries(study, countries)
    else:
        targets = neighbouring_countries(Area.around(study, actor, max_distance), own)
        if own_side:
            targets = sorted(own) + targets
        if not targets:
            return (
                f"no other country within {max_distance} border steps of "
                f"{study.node(actor)['name']} in the data: name one with --country, or raise "
                "--max-distance"
            )
    farther = Area.around(study, actor, max_distance + FARTHER_STEPS).actors()
    sentences = []
    for country in targets:
        holders = sorted(
            (steps, holder)
            for holder, steps in farther.items()
            if country in study.countries_of(holder)
            and holder != actor
            and (answering is None or _profile(study, holder, answering))
        )
        if holders:
            steps = holders[0][0]
            nearest = ", ".join(study.node(h)["name"] for s, h in holders if s == steps)
            sentences.append(
                f"{country}: no holder of {what} within {max_distance} border steps of "
                f"{study.node(actor)['name']}; the nearest: {nearest} ({_steps(steps)}): try "
                f"--max-distance {steps}"
            )
        elif answering is not None and not _allocated(study, country, answering):
            sentences.append(
                f"{country}: the reference data allocates {what} to no level of {country}: "
                "add the allocation (datasets/reference/allocations.csv) or a holding to the "
                "dataset"
            )
        else:
            sentences.append(
                f"{country}: no actor of {country} within {max_distance + FARTHER_STEPS} border "
                f"steps holds {what} in the data: add the holder and its holding to the dataset"
            )
    return "\n".join(sentences)


def _steps(count: int) -> str:
    return f"{count} border step" + ("" if count == 1 else "s")


def _allocated(study: Study, country: str, competences: set[str]) -> bool:
    """True when the reference allocates one of ``competences`` to a level of ``country``."""
    G = study.graph
    return any(
        data["type"] == model.RelType.ALLOCATES and target in competences
        for level, data_node in G.nodes(data=True)
        if data_node["label"] == Label.LEVEL and data_node.get("country") == country
        for _, target, data in G.out_edges(level, data=True)
    )
