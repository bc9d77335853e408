"""Finding actors: by id or name (resolve), by filters (search), and the dataset's summary.

Example:
    >>> from govgraph.study import load_study
    >>> study = load_study()
    >>> "fr-sierck-les-bains" in [a["id"] for a in find_actors(study, search="sierck")]
    True
    >>> resolve_actor(study, "CC Bouzonvillois")
    'fr-cc-bouzonvillois-trois-frontieres'
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from govgraph import model
from govgraph.errors import AmbiguousError, NotFoundError
from govgraph.model import Label
from govgraph.study import Study, names_of
from govgraph.text import matches, name_matches, normalise, suggestion

__all__ = [
    "actor_panel",
    "actor_row",
    "check_country",
    "find_actors",
    "former_name_note",
    "former_names_text",
    "resolve_actor",
    "summary",
]

#: Graph attributes a summary reports about the dataset.
SUMMARY_KEYS = ("name", "title", "version", "date")


def resolve_actor(study: Study, text: str) -> str:
    """An actor id from an id or a name in any language (accent- and case-insensitive).

    A name matched by several actors raises AmbiguousError with the candidates, unless exactly
    one actor has it as a whole name (its own or its territory's).
    """
    G = study.graph
    if text in G and G.nodes[text]["label"] == Label.ACTOR:
        return text
    query = normalise(text)
    if not query:
        raise NotFoundError("give an actor id or name")
    words = query.split()
    exact = study.name_index.get(query, [])
    starting, whole, partial = ([], [], []) if exact else _matches(study, words)
    for group in (exact, starting, whole, partial):
        if len(group) == 1:
            return group[0]
        if group:
            listed = [f"{n} — {G.nodes[n]['name']}" for n in sorted(group)]
            raise AmbiguousError(
                f"'{text}' matches {len(group)} actors; give one of these ids:", listed
            )
    hint = suggestion(text, study.actors) or _near_miss(study, words)
    raise NotFoundError(
        f"no actor '{text}'" + (f"; {hint}" if hint else "; try govgraph actors --search")
    )


def _matches(study: Study, words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The actors ``words`` name (:func:`~govgraph.text.name_matches`): a name of the actor or
    of a territory it governs that begins with them, whole words, parts of words."""
    territories = {
        a: [normalise(study.node(t)["name"]) for t in study.territory_of.get(a, ())]
        for a in study.actors
    }
    return name_matches(words, study.actor_names, territories)


def _near_miss(study: Study, words: list[str]) -> str:
    """A "did you mean" for a misspelt name: each word replaced by the closest word of the
    actors' names ("Sierk" → "sierck"), and the actors whose names then hold every word, those
    whose names begin with them first."""
    import difflib

    vocabulary = sorted(
        {w for names in study.actor_names.values() for n in names for w in n.split()}
    )
    fixed = []
    for word in words:
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        if not close:
            return ""
        fixed.append(close[0])
    starting, whole, _ = _matches(study, fixed)
    found = sorted(starting) + sorted(set(whole) - set(starting))
    if not found:
        return ""
    names = ", ".join(f"{study.node(n)['name']} ({n})" for n in found[:3])
    return f"did you mean {names}?"


def _named(words: list[str], name: str) -> bool:
    return all(w in name for w in words)


def former_name_note(study: Study, actor: str, text: str) -> str | None:
    """The sentence saying that ``text`` found ``actor`` by a former name, or None when it is
    the actor's id or one of its current names.

    >>> from govgraph.data.dataset import read_dataset
    >>> study = Study.from_dataset(read_dataset("tests/fixtures/federal"))
    >>> former_name_note(study, resolve_actor(study, "Transpole"), "Transpole")
    "'Transpole' is a former name of Ilévia (until 2019)"
    """
    words = normalise(text).split()
    formers = study.former_names.get(actor, ())
    current = study.actor_names[actor][: len(study.actor_names[actor]) - len(formers)]
    if not words or text == actor or any(_named(words, name) for name in current):
        return None
    for former in formers:
        if _named(words, normalise(former["name"])):
            name = study.node(actor)["name"]
            return f"'{former['name']}' is a former name of {name} (until {former['valid_to']})"
    return None


def former_names_text(study: Study, actor: str) -> str | None:
    """An actor's former names with the day each ended: ``Transpole (until 2019)``."""
    formers = study.former_names.get(actor, ())
    return "; ".join(f"{f['name']} (until {f['valid_to']})" for f in formers) or None


def check_country(study: Study, country: str) -> str:
    """``country`` (an ISO 3166-1 country or an ISO 3166-2 subdivision, e.g. ``DE-SL``)
    upper-cased if some actor is in it; else NotFoundError naming those that are."""
    code = country.strip().upper()
    if code not in study.countries and code not in study.subdivisions:
        subdivisions = (
            f"; subdivisions: {', '.join(study.subdivisions)}" if study.subdivisions else ""
        )
        raise NotFoundError(
            f"no actor in country or subdivision '{country}'; countries in the data: "
            f"{', '.join(study.countries)}{subdivisions}"
        )
    return code


def _sorted_counts(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def summary(study: Study) -> dict[str, Any]:
    """Counts of nodes and relationships by type, actors by country/tier/kind, cross-border share.

    The cross-border share is over the relationships a dataset states between actors,
    territories and initiatives (``relations.csv``): those whose two ends span several countries.
    """
    G = study.graph
    nodes = Counter(data["label"] for _, data in G.nodes(data=True))
    edges = Counter(data["type"] for _, _, data in G.edges(data=True))
    by_country: Counter[str] = Counter()
    by_tier: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    for node, data in G.nodes(data=True):
        if data["label"] != Label.ACTOR:
            continue
        by_country[";".join(data.get("countries", ()))] += 1
        by_tier[study.tier(node)[1] or "(no level)"] += 1
        by_kind[data["kind"]] += 1
    stated = {t.value for t in model.RELATIONS_FILE_TYPES}
    total = crossing = 0
    for start, end, data in G.edges(data=True):
        if data["type"] in stated:
            total += 1
            crossing += study.is_cross_border(start, end)
    return {
        "dataset": {key: G.graph.get(key) for key in SUMMARY_KEYS},
        "nodes": _sorted_counts(nodes),
        "relationships": _sorted_counts(edges),
        "actors_by_country": _sorted_counts(by_country),
        "actors_by_tier": {t: by_tier[t] for t in (*model.TIERS, "(no level)") if by_tier[t]},
        "actors_by_kind": _sorted_counts(by_kind),
        "cross_border": {
            "relationships": total,
            "cross_border": crossing,
            "share": round(crossing / total, 4) if total else 0.0,
        },
    }


def actor_row(study: Study, node: str) -> dict[str, Any]:
    """One actor as a flat record: id, name, kind, country, subdivision, level, tier, territory
    (its territories, ';'-joined), former names, source."""
    data = study.graph.nodes[node]
    level, tier = study.tier(node)
    return {
        "id": node,
        "name": data["name"],
        "kind": data["kind"],
        "country": ";".join(data.get("countries", ())),
        "subdivision": ";".join(study.subdivisions_of.get(node, ())),
        "level": level,
        "tier": tier,
        "territory": ";".join(study.territory_of.get(node, ())) or None,
        "former_names": former_names_text(study, node),
        "source": data.get("source"),
    }


def find_actors(
    study: Study,
    *,
    country: str | None = None,
    tier: str | None = None,
    kind: str | None = None,
    search: str | None = None,
) -> list[dict[str, Any]]:
    """Actors matching every given filter, sorted by country then name. ``country`` is a country
    or a subdivision (``DE-RP``).

    ``search`` is accent- and case-insensitive and matches any of the actor's names.
    """
    found = []
    for node in study.actors:
        data = study.graph.nodes[node]
        if country and not study.in_side(node, country):
            continue
        if kind and data["kind"] != kind:
            continue
        formers = [f["name"] for f in study.former_names.get(node, ())]
        if search and not matches(search, *names_of(data), node, *formers):
            continue
        row = actor_row(study, node)
        if tier and row["tier"] != tier:
            continue
        found.append(row)
    return sorted(found, key=lambda r: (r["country"], r["name"].casefold(), r["id"]))


def actor_panel(study: Study, actor: str, shown: set[str]) -> dict[str, Any]:
    """What a page's panel says about an actor (the map's boxes, the network's nodes): its
    names, kind, level and tier, website and source; each competence it holds (role, legal
    basis, source) or exercises for another (kind, for whom); its ties to the actors ``shown``.

    >>> from govgraph.study import load_study
    >>> study = load_study()
    >>> panel = actor_panel(study, "lu-atp", {"lu-atp", "lu-government"})
    >>> [(c["competence"], c["face"], c.get("for")) for c in panel["competences"]][-1]
    ('school_transport', 'exercises', 'lu-government')
    """
    data = study.node(actor)
    level, tier = study.tier(actor)
    return {
        "id": actor,
        "name": data.get("name") or actor,
        "names": {
            lang: data[f"name_{lang}"]
            for lang in model.name_languages(data)
            if data.get(f"name_{lang}")
        },
        "kind": data.get("kind"),
        "level": level,
        "tier": tier,
        "website": data.get("website"),
        "source": data.get("source"),
        "competences": _competences(study, actor),
        "ties": _ties(study, actor, shown),
    }


def _ties(study: Study, actor: str, shown: set[str]) -> list[dict[str, str]]:
    G = study.graph
    ties = []
    for _, other, data in G.out_edges(actor, data=True):
        if data["type"] in model.TIE_TYPES and other in shown:
            ties.append({"type": str(data["type"]), "to": other, "direction": "out"})
    for other, _, data in G.in_edges(actor, data=True):
        if data["type"] in model.TIE_TYPES and other in shown:
            ties.append({"type": str(data["type"]), "to": other, "direction": "in"})
    return sorted(ties, key=lambda t: (t["type"], t["direction"], t["to"]))


def _competences(study: Study, actor: str) -> list[dict[str, Any]]:
    held = [
        {
            "competence": competence,
            "role": data.get("role"),
            "face": "held",
            "legal_basis": data.get("legal_basis"),
            "source": data.get("source"),
        }
        for competence, data in sorted(study.holdings.get(actor, {}).items())
    ]
    exercised = [
        {
            "competence": data["competence"],
            "role": data["kind"],
            "face": "exercises",
            "for": holder,
            "legal_basis": data.get("legal_basis"),
            "source": data.get("source"),
        }
        for holder, data in sorted(study.exercises.get(actor, ()), key=lambda e: e[0])
    ]
    return held + exercised
