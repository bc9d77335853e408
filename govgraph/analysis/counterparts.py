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
    >>> import govgraph
    >>> G = govgraph.load_graph()
    >>> best = counterparts(G, "fr-bouzonville", countries=["DE"], top=1)[0]
    >>> best["candidate"], best["rank"]
    ('de-rehlingen-siersburg', 1)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govgraph import model
from govgraph.analysis.territory import (
    DEFAULT_MAX_DISTANCE,
    Area,
    Index,
    analysis,
    index,
    neighbouring_countries,
    population,
)
from govgraph.errors import GovgraphError, NotFoundError
from govgraph.model import Label
from govgraph.text import suggestion

if TYPE_CHECKING:
    import networkx as nx

#: How much of a competence a role gives (exclusive holder = 1).
ROLE_WEIGHTS: dict[str, float] = {"exclusive": 1.0, "shared": 0.8, "delegated": 0.6, "support": 0.3}
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


# --------------------------------------------------------------------------- actors by name


def resolve_actor(G: nx.MultiDiGraph, text: str) -> str:
    """An actor id from an id or a name in any language (accent- and case-insensitive).

    A name matched by several actors raises AmbiguousError with the candidates, unless exactly
    one actor has it as a whole name (its own or its territory's).
    """
    from govgraph.analysis.actors import names_of
    from govgraph.errors import AmbiguousError
    from govgraph.text import normalise

    if text in G and G.nodes[text]["label"] == Label.ACTOR:
        return text
    query = normalise(text)
    if not query:
        raise NotFoundError("give an actor id or name")
    idx = index(G)
    words = query.split()
    exact, whole, partial = [], [], []
    for node, data in G.nodes(data=True):
        if data["label"] != Label.ACTOR:
            continue
        names = [normalise(n) for n in names_of(data)] + [normalise(node)]
        territory = idx.territory_of.get(node)
        own_place = [normalise(n) for n in names_of(G.nodes[territory])] if territory else []
        if query in names or (query in own_place and data["kind"] == "municipality"):
            exact.append(node)
        elif any(all(w in n.split() for w in words) for n in names):
            whole.append(node)
        elif any(all(w in n for w in words) for n in names):
            partial.append(node)
    for group in (exact, whole, partial):
        if len(group) == 1:
            return group[0]
        if group:
            listed = [f"{n} — {G.nodes[n]['name']}" for n in sorted(group)]
            raise AmbiguousError(
                f"'{text}' matches {len(group)} actors; give one of these ids:", listed
            )
    ids = [n for n, d in G.nodes(data=True) if d["label"] == Label.ACTOR]
    hint = suggestion(text, ids) or suggestion(
        query, {normalise(G.nodes[n]["name"]): n for n in ids}
    )
    raise NotFoundError(
        f"no actor '{text}'" + (f"; {hint}" if hint else "; try govgraph actors --search")
    )


# --------------------------------------------------------------------------- competences


def _competence_ids(G: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, d in G.nodes(data=True) if d["label"] == Label.COMPETENCE)


def _narrower(idx: Index, competence: str) -> set[str]:
    children: dict[str, list[str]] = {}
    for child, parent in idx.competence_parent.items():
        children.setdefault(parent, []).append(child)
    found, stack = {competence}, [competence]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def wanted_competences(
    G: nx.MultiDiGraph, competence: str | None = None, theme: str | None = None
) -> set[str] | None:
    """The competences a filter keeps (a competence and the narrower ones, or a theme's); None
    for no filter. Unknown ids raise NotFoundError with the allowed values."""
    if competence and theme:
        raise GovgraphError("give a competence or a theme, not both")
    idx = index(G)
    if competence:
        ids = _competence_ids(G)
        if competence not in ids:
            hint = suggestion(competence, ids)
            raise NotFoundError(
                f"no competence '{competence}'; " + (hint or f"competences: {', '.join(ids)}")
            )
        return _narrower(idx, competence)
    if theme:
        themes = sorted(n for n, d in G.nodes(data=True) if d["label"] == Label.THEME)
        if theme not in themes:
            raise NotFoundError(f"no theme '{theme}'; themes: {', '.join(themes)}")
        found: set[str] = set()
        for member in idx.theme_competences.get(theme, ()):
            found |= _narrower(idx, member)
        return found
    return None


def _ancestors(idx: Index, competence: str) -> list[str]:
    chain: list[str] = []
    current = competence
    while current in idx.competence_parent and len(chain) < 20:
        current = idx.competence_parent[current]
        chain.append(current)
    return chain


def _match(G: nx.MultiDiGraph, idx: Index, a: str, b: str) -> float:
    """1 for the same competence, 0.5 along the hierarchy (ancestor, descendant or sibling),
    0.25 for the same COFOG division, else 0 (memoised per graph index)."""
    if a == b:
        return 1.0
    key = (a, b)
    cached = idx.matches.get(key)
    if cached is None:
        cached = idx.matches[key] = idx.matches[(b, a)] = _match_uncached(G, idx, a, b)
    return cached


def _match_uncached(G: nx.MultiDiGraph, idx: Index, a: str, b: str) -> float:
    up_a, up_b = _ancestors(idx, a), _ancestors(idx, b)
    if a in up_b or b in up_a or (up_a and up_b and up_a[0] == up_b[0]):
        return HIERARCHY_CREDIT
    cofog_a = str(G.nodes[a].get("cofog", ""))[:2]
    if cofog_a and cofog_a == str(G.nodes[b].get("cofog", ""))[:2]:
        return COFOG_CREDIT
    return 0.0


def _profile(idx: Index, actor: str, wanted: set[str] | None) -> dict[str, float]:
    return {
        competence: ROLE_WEIGHTS.get(data.get("role", ""), 0.5)
        for competence, data in idx.holdings.get(actor, {}).items()
        if wanted is None or competence in wanted
    }


def _coverage(
    G: nx.MultiDiGraph, idx: Index, mine: dict[str, float], theirs: dict[str, float]
) -> float:
    total = sum(mine.values())
    if not total or not theirs:
        return 0.0
    covered = sum(
        max(_match(G, idx, c, d) * min(weight, w) for d, w in theirs.items())
        for c, weight in mine.items()
    )
    return covered / total


def profile_similarity(
    G: nx.MultiDiGraph, a: dict[str, float], b: dict[str, float], idx: Index | None = None
) -> float | None:
    """How alike two competence profiles are, 0 to 1: the harmonic mean of how much of each one
    the other covers. A competence is covered up to the weaker of the two roles, times the
    match credit (1 same, 0.5 along the hierarchy, 0.25 same COFOG division). None when the
    first profile is empty (nothing to compare)."""
    if not a:
        return None
    idx = idx or index(G)
    ab, ba = _coverage(G, idx, a, b), _coverage(G, idx, b, a)
    return 0.0 if ab + ba == 0 else 2 * ab * ba / (ab + ba)


def holder_strength(
    G: nx.MultiDiGraph, actor: str, scope: set[str], idx: Index | None = None
) -> float:
    """How fully an actor holds a competence, 0 to 1: the mean, over the competence and its
    narrower ones (``scope``), of the actor's role weight for each (holding a broader competence
    covers its parts; holding only a narrower one counts half)."""
    idx = idx or index(G)
    held = idx.holdings.get(actor, {})
    if not scope or not held:
        return 0.0
    total = 0.0
    for competence in scope:
        above = set(_ancestors(idx, competence))
        best = 0.0
        for holding, data in held.items():
            weight = ROLE_WEIGHTS.get(data.get("role", ""), 0.5)
            if holding == competence or holding in above:
                best = max(best, weight)
            elif competence in _ancestors(idx, holding):
                best = max(best, weight * HIERARCHY_CREDIT)
        total += best
    return total / len(scope)


# --------------------------------------------------------------------------- records


def _tier(G: nx.MultiDiGraph, idx: Index, actor: str) -> tuple[str | None, str | None]:
    level = idx.level_of.get(actor)
    if level is None:
        return None, None
    return G.nodes[level].get("name"), G.nodes[level].get("tier")


def _holding(G: nx.MultiDiGraph, competence: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "competence": competence,
        "name": G.nodes[competence].get("name_en"),
        "role": data.get("role"),
        "provenance": data.get("provenance"),
        "legal_basis": data.get("legal_basis"),
        "source": data.get("source"),
    }


def _sources(*values: str | None) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        for part in (value or "").split(" ; "):
            if part.strip():
                seen[part.strip()] = None
    return list(seen)


def _check_countries(G: nx.MultiDiGraph, countries: Iterable[str]) -> list[str]:
    from govgraph.analysis.actors import check_country

    return [check_country(G, c) for c in countries]


# --------------------------------------------------------------------------- who holds what


@analysis
def who(
    G: nx.MultiDiGraph,
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

    >>> import govgraph
    >>> G = govgraph.load_graph()
    >>> rows = who(G, "fr-cc-bouzonvillois-trois-frontieres", competence="public_transport")
    >>> sorted({r["country"] for r in rows})
    ['DE', 'FR', 'LU']
    """
    if not competence and not theme:
        raise GovgraphError("give a competence or a theme")
    wanted = wanted_competences(G, competence, theme)
    assert wanted is not None
    actor = resolve_actor(G, around)
    own = set(G.nodes[actor].get("countries", []))
    keep = set(_check_countries(G, countries)) if countries else None
    area = Area.around(G, actor, max_distance)
    idx = area.index
    rows = []
    for holder, steps in area.actors().items():
        held = {c: d for c, d in idx.holdings.get(holder, {}).items() if c in wanted}
        if not held:
            continue
        level, tier = _tier(G, idx, holder)
        holder_countries = G.nodes[holder].get("countries", [])
        for country in holder_countries:
            if keep is not None and country not in keep:
                continue
            rows.append(
                {
                    "country": country,
                    "side": "own" if country in own else "across",
                    "holder": holder,
                    "name": G.nodes[holder]["name"],
                    "kind": G.nodes[holder]["kind"],
                    "level": level,
                    "tier": tier,
                    "distance": steps,
                    "holds": [_holding(G, c, d) for c, d in sorted(held.items())],
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
    G: nx.MultiDiGraph,
    idx: Index,
    actor: str,
    candidate: str,
    steps: int,
    wanted: set[str] | None,
    holder_scope: set[str] | None,
    memo: dict[Any, float | None] | None = None,
) -> dict[str, float | None]:
    """The five parts; ``memo`` keeps the competence part by candidate profile (within one
    query many candidates, e.g. all the municipalities of a country, share one profile)."""
    theirs = _profile(idx, candidate, wanted)
    key = tuple(sorted(theirs.items())) if holder_scope is None else (candidate,)
    if memo is not None and key in memo:
        competence_part = memo[key]
    elif holder_scope is not None:
        competence_part = holder_strength(G, candidate, holder_scope, idx)
    else:
        competence_part = profile_similarity(G, _profile(idx, actor, wanted), theirs, idx)
    if memo is not None:
        memo[key] = competence_part
    _, tier_a = _tier(G, idx, actor)
    _, tier_b = _tier(G, idx, candidate)
    tier = None
    if tier_a and tier_b:
        gap = abs(model.TIER_RANK[tier_a] - model.TIER_RANK[tier_b])
        tier = 1 - gap / (len(model.TIERS) - 1)
    pop_a, pop_b = population(G, actor, idx), population(G, candidate, idx)
    scale = None
    if pop_a and pop_b:
        scale = max(0.0, 1 - abs(math.log10(pop_a) - math.log10(pop_b)) / 3)
    kind_a, kind_b = G.nodes[actor]["kind"], G.nodes[candidate]["kind"]
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


def _score(parts: Mapping[str, float | None], weights: Weights) -> float:
    values = {p: v for p, v in parts.items() if v is not None}
    used = {p: w for p, w in weights.as_dict().items() if p in values and w > 0}
    total = sum(used.values())
    return 0.0 if not total else sum(w * values[p] for p, w in used.items()) / total


def _rank_key(
    score: float, competence: float | None, distance: int, candidate: str
) -> tuple[float, float, int, str]:
    """Best first: score, then the competence part, then the nearer, then the id. Values equal to
    six decimals are ties (so the order never depends on floating-point noise)."""
    return (-round(score, 6), -round(competence or 0.0, 6), distance, candidate)


@analysis
def counterparts(
    G: nx.MultiDiGraph,
    actor: str,
    *,
    countries: Iterable[str] | None = None,
    competence: str | None = None,
    theme: str | None = None,
    top: int = 5,
    weights: Weights | None = None,
    max_distance: int = DEFAULT_MAX_DISTANCE,
) -> list[dict[str, Any]]:
    """The actors of each target country ranked by how equivalent they are to ``actor``.

    Target countries default to every country whose territory borders the actor's. Candidates are
    the actors of a target country within ``max_distance`` BORDERS steps (a bounded search, never
    all pairs). Ties are broken by the competence part, then distance, then id.

    >>> import govgraph
    >>> G = govgraph.load_graph()
    >>> rows = counterparts(G, "fr-cc-bouzonvillois-trois-frontieres",
    ...                     competence="public_transport", countries=["LU"], top=3)
    >>> [r["candidate"] for r in rows][:1]
    ['lu-government']
    """
    weights = weights or (HOLDER_WEIGHTS if competence else Weights())
    actor = resolve_actor(G, actor)
    wanted = wanted_competences(G, competence, theme)
    holder_scope = wanted if competence else None
    area = Area.around(G, actor, max_distance)
    idx = area.index
    own = set(G.nodes[actor].get("countries", []))
    targets = _check_countries(G, countries) if countries else neighbouring_countries(G, area, own)
    if not targets:
        raise NotFoundError(
            f"no other country within {max_distance} border steps of '{actor}' in the data: "
            "name one with --country"
        )
    mine = _profile(idx, actor, wanted)
    actor_level, actor_tier = _tier(G, idx, actor)
    rows: list[dict[str, Any]] = []
    memo: dict[Any, float | None] = {}
    for country in targets:
        scored = []
        for candidate, steps in area.actors().items():
            if candidate == actor or country not in G.nodes[candidate].get("countries", []):
                continue
            theirs = _profile(idx, candidate, wanted)
            if wanted is not None and not theirs:
                continue  # with a filter, a candidate must hold something of it
            parts = _parts(G, idx, actor, candidate, steps, wanted, holder_scope, memo)
            scored.append((_score(parts, weights), parts, candidate, steps, theirs))
        scored.sort(key=lambda s: _rank_key(s[0], s[1]["competence"], s[3], s[2]))
        for rank, (score, parts, candidate, steps, theirs) in enumerate(scored[:top], start=1):
            rows.append(
                _counterpart_record(
                    G,
                    idx,
                    area,
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
                )
            )
    return rows


def _counterpart_record(
    G: nx.MultiDiGraph,
    idx: Index,
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
) -> dict[str, Any]:
    level, tier = _tier(G, idx, candidate)
    mine_held = idx.holdings.get(actor, {})
    theirs_held = idx.holdings.get(candidate, {})
    shared = sorted(set(mine) & set(theirs))
    served = idx.serves.get(candidate, [])
    territory = min(served, key=lambda t: (area.distance.get(t, 99), t)) if served else None
    path = area.path_to(territory) if territory else []
    sources = _sources(
        *(mine_held[c].get("source") for c in shared),
        *(theirs_held[c].get("source") for c in shared),
        G.nodes[candidate].get("source"),
        *(source for _, _, source in path),
    )
    notes = []
    if not mine and parts["competence"] is not None:
        notes.append(f"{actor} itself holds none of these competences in the data")
    if parts["competence"] is None:
        notes.append(
            f"{actor} holds no competence in the data for this question: ranked by the other parts"
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
        "name": G.nodes[candidate]["name"],
        "kind": G.nodes[candidate]["kind"],
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
        "notes": notes,
        "sources": sources,
    }


# --------------------------------------------------------------------------- levels


def _level_profiles(
    G: nx.MultiDiGraph, countries: list[str]
) -> dict[str, tuple[str, str, dict[str, float]]]:
    """(country, level name, profile) per level variant: one per federated state that has its
    own allocation rows (common rows included), else one for the whole country."""
    rows: dict[str, list[tuple[str, str | None, dict[str, Any]]]] = {}
    for level, competence, data in G.edges(data=True):
        if data["type"] == "ALLOCATES" and G.nodes[level]["country"] in countries:
            rows.setdefault(level, []).append((competence, data.get("subdivision"), data))
    variants: dict[str, tuple[str, str, dict[str, float]]] = {}
    for level, allocations in rows.items():
        node = G.nodes[level]
        common = {c: ROLE_WEIGHTS[d["role"]] for c, s, d in allocations if not s}
        subdivisions = sorted({s for _, s, _ in allocations if s})
        if not subdivisions:
            variants[level] = (node["country"], node["name"], common)
        for sub in subdivisions:
            specific = {c: ROLE_WEIGHTS[d["role"]] for c, s, d in allocations if s == sub}
            variants[f"{level} ({sub})"] = (node["country"], node["name"], {**common, **specific})
    return variants


@analysis
def level_equivalence(
    G: nx.MultiDiGraph, countries: Iterable[str], *, theme: str | None = None
) -> list[dict[str, Any]]:
    """For each pair of levels of two different countries, how alike their allocated competences
    are (0 to 1, as for counterparts), overall and per theme; best pairs first.

    >>> import govgraph
    >>> rows = level_equivalence(govgraph.load_graph(), ["FR", "DE"])
    >>> {"level_a", "level_b", "score", "shared"} <= set(rows[0])
    True
    """
    chosen = [c.upper() for c in countries]
    if len(set(chosen)) < 2:
        raise GovgraphError("give at least two countries, e.g. FR,DE,LU")
    known = sorted({d["country"] for _, d in G.nodes(data=True) if d["label"] == Label.LEVEL})
    for country in chosen:
        if country not in known:
            raise NotFoundError(
                f"no levels for country '{country}'; countries with levels: {', '.join(known)}"
            )
    wanted = wanted_competences(G, None, theme)
    themes = sorted(n for n, d in G.nodes(data=True) if d["label"] == Label.THEME)
    theme_sets = {t: wanted_competences(G, None, t) or set() for t in themes}
    variants = _level_profiles(G, chosen)
    idx = index(G)
    rows: list[dict[str, Any]] = []
    names = sorted(variants)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            if variants[first][0] == variants[second][0]:
                continue
            a, b = first, second
            if chosen.index(variants[a][0]) > chosen.index(variants[b][0]):
                a, b = b, a
            country_a, name_a, prof_a = variants[a]
            country_b, name_b, prof_b = variants[b]
            pa = {c: w for c, w in prof_a.items() if wanted is None or c in wanted}
            pb = {c: w for c, w in prof_b.items() if wanted is None or c in wanted}
            score = profile_similarity(G, pa, pb, idx) if pa and pb else 0.0
            by_theme = {}
            for t, members in theme_sets.items():
                ta = {c: w for c, w in prof_a.items() if c in members}
                tb = {c: w for c, w in prof_b.items() if c in members}
                by_theme[t] = (
                    round(profile_similarity(G, ta, tb, idx) or 0.0, 4) if ta and tb else 0.0
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
