"""The study: one dataset's graph, frozen, and every table derived from it, built once.

Every analysis takes a :class:`Study` first (networkx style). The graph inside is frozen: adding
or removing a node or an edge, or changing an attribute in place, raises
:class:`FrozenGraphError` instead of leaving the derived tables stale. To change the data, edit a
copy (``H = study.graph.copy()``) and build a new study from it.

Example:
    >>> study = load_study()                         # the bundled Three Borders dataset
    >>> study.name, study.territory_of["de-perl"]
    ('three-borders', ['t-de-perl'])
    >>> study.countries
    ['BE', 'DE', 'FR', 'LU']
    >>> study.graph.add_node("x")
    Traceback (most recent call last):
    ...
    govgraph.study.FrozenGraphError: this study's graph is frozen: ...
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from govgraph import model
from govgraph.errors import GovgraphError
from govgraph.model import Label, RelType
from govgraph.progress import step
from govgraph.text import normalise

if TYPE_CHECKING:
    import networkx as nx

    from govgraph.data.dataset import Dataset

__all__ = [
    "FrozenGraphError",
    "Study",
    "check_day",
    "default_day",
    "freeze",
    "load_study",
    "names_of",
    "valid_on",
]

_FROZEN_MESSAGE = (
    "this study's graph is frozen: an in-place edit would leave the study's tables stale; "
    "edit a copy (H = study.graph.copy()) and build a new Study(H)"
)


class FrozenGraphError(GovgraphError):
    """Something tried to change a study's graph in place."""


def _refuse(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise FrozenGraphError(_FROZEN_MESSAGE)


class _FrozenDict(dict):  # type: ignore[type-arg]
    """An attribute dict of a frozen graph: reads as a dict, refuses every change; its list
    values become tuples, so they can't change either. Copies (``dict(d)``, ``d.copy()``,
    pickling, ``copy.deepcopy``) are plain, editable dicts."""

    def __init__(self, values: dict[Any, Any]) -> None:
        super().__init__(
            (key, tuple(value) if isinstance(value, list) else value)
            for key, value in values.items()
        )

    __setitem__ = __delitem__ = __ior__ = _refuse
    update = pop = popitem = setdefault = clear = _refuse  # type: ignore[assignment]

    def copy(self) -> dict[Any, Any]:  # type: ignore[override]
        """A plain, editable dict, its tuples lists again (as the graph was built)."""
        return {
            key: list(value) if isinstance(value, tuple) else value for key, value in self.items()
        }

    def __reduce__(self) -> tuple[type, tuple[dict[Any, Any]]]:
        return dict, (self.copy(),)


_GRAPH_EDITS = (
    "add_node",
    "add_nodes_from",
    "remove_node",
    "remove_nodes_from",
    "add_edge",
    "add_edges_from",
    "add_weighted_edges_from",
    "remove_edge",
    "remove_edges_from",
    "clear",
    "clear_edges",
    "update",
)


def freeze(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Make ``G`` read-only in place (structure and attributes) and return it.

    >>> import networkx as nx
    >>> G = freeze(nx.MultiDiGraph([(1, 2)]))
    >>> G.edges[1, 2, 0]["type"] = "X"
    Traceback (most recent call last):
    ...
    govgraph.study.FrozenGraphError: this study's graph is frozen: ...
    """
    if getattr(G, "frozen", False) is True and isinstance(G.graph, _FrozenDict):
        return G
    for name in _GRAPH_EDITS:
        setattr(G, name, _refuse)
    G.frozen = True  # what networkx.is_frozen reads
    G.__reduce_ex__ = functools.partial(_thawed_state, G)  # copies and pickles are plain
    G.graph = _FrozenDict(G.graph)
    for node, data in G._node.items():
        G._node[node] = _FrozenDict(data)
    for start, neighbours in G._succ.items():
        for end, keyed in neighbours.items():
            for key, data in keyed.items():
                frozen = _FrozenDict(data)
                keyed[key] = frozen
                G._pred[end][start][key] = frozen
    return G


_FREEZING = frozenset({*_GRAPH_EDITS, "frozen", "__reduce_ex__"})


def _thawed_state(G: nx.MultiDiGraph, _protocol: int) -> tuple[Any, ...]:
    """How ``copy.deepcopy`` and ``pickle`` rebuild a frozen graph: as a plain, editable one
    (its attribute dicts come back as plain dicts through ``_FrozenDict.__reduce__``)."""
    state = {k: v for k, v in G.__dict__.items() if k not in _FREEZING}
    return (_empty_graph, (type(G),), state)


def _empty_graph(cls: type[nx.MultiDiGraph]) -> nx.MultiDiGraph:
    return object.__new__(cls)


def names_of(data: dict[str, Any]) -> list[str]:
    """Every name of a node: ``name`` and each ``name_<lang>`` (any language)."""
    names = [data.get("name")] + [data.get(f"name_{lang}") for lang in model.name_languages(data)]
    return [n for n in names if n]


_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&.\- ]{1,11})\)\s*$")
#: A ministry's generic opening, shortened on its box (the full name is on hover and in the panel).
_MINISTRY = re.compile(
    r"^(Ministère|Ministerium|Ministry|Département|Departement|Direction générale)"
    r"\s+(?:de la |de l'|des |du |de |für |der |des |of the |of )?",
    re.IGNORECASE,
)
_GROUPINGS = (
    ("Communauté de communes ", "CC "),
    ("Communauté d'agglomération ", "CA "),
    ("Verbandsgemeinde ", "VG "),
)
_ABBREVIATION = {
    "ministère": "Min.",
    "ministerium": "Min.",
    "ministry": "Min.",
    "département": "Dép.",
    "departement": "Dep.",
    "direction générale": "DG",
}


def short_name(study: Study, actor: str) -> str:
    """The short label of an actor (a box of the map, a node of the network): a municipality by
    its place name, a body by the acronym its name ends with, a grouping or a ministry
    abbreviated ("CC …", "Min. …"), any other actor by its name.

    >>> study = load_study()
    >>> short_name(study, "fr-apach"), short_name(study, "lu-sidest")
    ('Apach', 'SIDEST')
    """
    data = study.node(actor)
    name = data.get("name") or actor
    territories = study.territory_of.get(actor, ())
    if data.get("kind") == "municipality" and len(territories) == 1:
        return str(study.node(territories[0]).get("name") or name)
    found = _ACRONYM.search(name)
    if found:
        return found.group(1).strip()
    for long, short in _GROUPINGS:
        if name.startswith(long):
            return short + name[len(long) :]
    opening = _MINISTRY.match(name)
    if opening and len(name) > 30:
        return f"{_ABBREVIATION[opening.group(1).casefold()]} {name[opening.end() :]}"
    return str(name)


class Study:
    """A frozen governance graph with its lookup tables (see the module docstring).

    Tables (plain dicts and lists, read-only by convention): ``territory_of``, ``serves``,
    ``actors_in``, ``parents``, ``children``, ``borders``, ``level_of``, ``holdings``,
    ``competence_parent``, ``competence_children``, ``theme_competences``, the competences
    related to each along the hierarchy (``kin``) or by COFOG division only (``cofog_kin``); the
    sorted ids
    ``actors``, ``competences``, ``themes``, ``countries``; the normalised names of each actor
    ``actor_names`` and the actors by whole normalised name, ``name_index`` (a municipality also
    by its territory's names; a renamed body also by its ``former_names``, each a names.csv
    row); who exercises what for whom: ``exercises`` (body → formal holders),
    ``exercised_by`` (formal holder → competence → bodies), and what follows for the formal
    holders, ``transferred``, ``organ_exercised``, ``delegated``; ``ended_initiatives`` (a link
    cut before ``as_of``). The cooperation network ``ties`` is built on first use.
    """

    def __init__(
        self, graph: nx.MultiDiGraph, as_of: str | None = None, *, copy: bool = True
    ) -> None:
        #: the day the study is about (``YYYY-MM-DD``), or None for every fact whatever its dates
        self.as_of = as_of
        #: the initiatives that ended before ``as_of`` (a link that was cut), by id: their data
        self.ended_initiatives: dict[str, dict[str, Any]] = {}
        if as_of:  # copy=False: the graph is the caller's to filter in place (a fresh build)
            from govgraph.data.validation import date_key

            self.ended_initiatives = {
                node: {  # with its themes, whose IN_THEME edges go with it
                    **data,
                    "themes": sorted(
                        end
                        for _, end, d in graph.out_edges(node, data=True)
                        if d["type"] == RelType.IN_THEME
                    ),
                }
                for node, data in graph.nodes(data=True)
                if data["label"] == Label.INITIATIVE
                and data.get("valid_to")
                and date_key(data["valid_to"], end=True) < date_key(as_of)
            }
            graph = valid_on(graph, as_of, in_place=not copy)
        self.graph = freeze(graph)
        self._attributes: dict[str, dict[str, Any]] = dict(self.graph.nodes(data=True))
        by_label: dict[str, list[str]] = {}
        for node, data in self._attributes.items():
            by_label.setdefault(data["label"], []).append(node)
        self.actors: list[str] = sorted(by_label.get(Label.ACTOR, []))
        self.competences: list[str] = sorted(by_label.get(Label.COMPETENCE, []))
        self.themes: list[str] = sorted(by_label.get(Label.THEME, []))
        self.initiatives: list[str] = sorted(by_label.get(Label.INITIATIVE, []))
        self.countries: list[str] = sorted(
            {c for a in self.actors for c in self._attributes[a].get("countries", ())}
        )
        self._narrower: dict[str, frozenset[str]] = {}
        with step("indexing the study", 6) as advance:
            self._read_edges()
            advance()
            self._index_names()
            advance()
            self._containing: dict[str, frozenset[str]] = {
                t: frozenset(_closure(t, self.parents, include_start=False)) for t in self.parents
            }
            advance()
            self.kin, self.cofog_kin = self._competence_kin()
            advance()
            self._read_exercises()
            advance()
            self._read_subdivisions()
            advance()

    def _read_edges(self) -> None:
        """The tables read from the relationships, in one pass over them."""
        self.territory_of: dict[str, list[str]] = {}
        self.parents: dict[str, list[str]] = {}
        self.children: dict[str, list[str]] = {}
        self.borders: dict[str, list[tuple[str, str | None]]] = {}
        self.level_of: dict[str, str] = {}
        self.holdings: dict[str, dict[str, dict[str, Any]]] = {}
        self.competence_parent: dict[str, str] = {}
        self.competence_children: dict[str, list[str]] = {}
        self.theme_competences: dict[str, set[str]] = {}
        self.themes_of: dict[str, list[str]] = {}
        self.exercises: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        self.exercised_by: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = {}
        self.transferred: dict[str, dict[str, dict[str, Any]]] = {}
        members: dict[str, list[str]] = {}
        self._supervisors: dict[str, list[str]] = {}
        for start, end, data in self.graph.edges(data=True):
            rel = data["type"]
            if rel == RelType.SUPERVISED_BY:
                self._supervisors.setdefault(start, []).append(end)
            elif rel == RelType.GOVERNS:
                self.territory_of.setdefault(start, []).append(end)
            elif rel == RelType.MEMBER_OF:
                members.setdefault(end, []).append(start)
            elif rel == RelType.PART_OF:
                self.parents.setdefault(start, []).append(end)
                self.children.setdefault(end, []).append(start)
            elif rel == RelType.BORDERS:
                self.borders.setdefault(start, []).append((end, data.get("source")))
                self.borders.setdefault(end, []).append((start, data.get("source")))
            elif rel == RelType.AT_LEVEL:
                self.level_of[start] = end
            elif rel == RelType.HOLDS:
                self.holdings.setdefault(start, {})[end] = data
            elif rel == RelType.EXERCISES:
                self.exercises.setdefault(start, []).append((end, data))
                by_competence = self.exercised_by.setdefault(end, {})
                by_competence.setdefault(data["competence"], []).append((start, data))
            elif rel == RelType.BROADER:
                self.competence_parent[start] = end
                self.competence_children.setdefault(end, []).append(start)
            elif rel == RelType.IN_THEME:
                self.themes_of.setdefault(start, []).append(end)
                if self._attributes[start]["label"] == Label.COMPETENCE:
                    self.theme_competences.setdefault(end, set()).add(start)
        for themes in self.themes_of.values():
            themes.sort()
        self._serve(members)

    def _serve(self, members: dict[str, list[str]]) -> None:
        """An actor serves the territory it governs; a body with none serves its members'; a
        body with neither serves the territories of those it exercises competences for (a
        ministry its State's, an operator its owners')."""
        for territories in self.territory_of.values():
            territories.sort()
        self.serves: dict[str, list[str]] = {a: list(t) for a, t in self.territory_of.items()}
        for body, member_list in members.items():
            if body not in self.territory_of:
                served = sorted({t for m in member_list for t in self.territory_of.get(m, ())})
                if served:
                    self.serves[body] = served
        for body, formal in self.exercises.items():
            if body not in self.serves:
                served = sorted({t for holder, _ in formal for t in self.serves.get(holder, ())})
                if served:
                    self.serves[body] = served
        self.actors_in: dict[str, list[str]] = {}
        for actor, territories in self.serves.items():
            for territory in territories:
                self.actors_in.setdefault(territory, []).append(actor)

    def _read_exercises(self) -> None:
        """What who-exercises-what means for the formal holders: a transferred competence (and
        its narrower ones) leaves them (``transferred``: no longer in ``holdings``); one an organ
        exercises is no longer theirs to compete for (``organ_exercised``), nor an organ's when
        an office it supervises exercises it as an organ of the same government (the department
        answers through its office); one delegated or conceded stays with a lesser role where
        its delegates serve, for the parts they hold (:meth:`_hands_over`; ``delegated``:
        competence → the bodies it delegated it to)."""
        self.organ_exercised: dict[str, set[str]] = {}
        self.delegated: dict[str, dict[str, set[str]]] = {}
        for holder, by_competence in self.exercised_by.items():
            for competence, entries in by_competence.items():
                parts = self.narrower(competence)
                kinds = {data["kind"] for _, data in entries}
                if "transfer" in kinds:
                    held = self.holdings.get(holder, {})
                    for part in parts & held.keys():
                        self.transferred.setdefault(holder, {})[part] = held.pop(part)
                if "organ" in kinds:
                    self.organ_exercised.setdefault(holder, set()).update(parts)
                delegates = {b for b, d in entries if d["kind"] in model.KEEPING_KINDS}
                if delegates:
                    by_part = self.delegated.setdefault(holder, {})
                    for part in parts:
                        doing = {b for b in delegates if self._hands_over(b, competence, part)}
                        if doing:
                            by_part.setdefault(part, set()).update(doing)
        for office, formal in self.exercises.items():
            for government, data in formal:
                if data["kind"] != "organ":
                    continue
                competence = data["competence"]
                above = {competence, *self.ancestors(competence)}
                for organ in self._supervisors.get(office, ()):
                    if any(
                        other == government and d["kind"] == "organ" and d["competence"] in above
                        for other, d in self.exercises.get(organ, ())
                    ):
                        self.organ_exercised.setdefault(organ, set()).update(
                            self.narrower(competence)
                        )

    def _hands_over(self, delegate: str, competence: str, part: str) -> bool:
        """True when a delegation of ``competence`` to ``delegate`` hands over ``part`` (the
        competence or a narrower one): the competence it names, and a narrower one only if the
        delegate holds it too (the Saarland transport association runs the Land-wide buses; the
        Landkreis stays the organising authority of its local mobility, which the association
        does not hold)."""
        return part == competence or part in self.holdings.get(delegate, {})

    def _read_subdivisions(self) -> None:
        """The ISO 3166-2 subdivisions (a German Land, a Belgian region, a Swiss canton) of each
        actor and territory: a territory's own code and those of the territories containing it,
        an actor's ``subdivision`` and those of the territories it serves."""
        attributes = self._attributes
        coded = {
            node: data["code"]
            for node, data in attributes.items()
            if data["label"] == Label.TERRITORY
            and data.get("code_scheme") == "ISO3166-2"
            and data.get("code")
        }
        self.subdivisions_of: dict[str, tuple[str, ...]] = {}
        if coded:  # each territory once; an actor reads those it serves
            for node, data in attributes.items():
                if data["label"] == Label.TERRITORY:
                    codes = {coded[t] for t in (node, *self.containing(node)) if t in coded}
                    if codes:
                        self.subdivisions_of[node] = tuple(sorted(codes))
        for actor in self.actors:
            own = attributes[actor].get("subdivision")
            served = [self.subdivisions_of.get(t, ()) for t in self.serves.get(actor, ())]
            if own or any(served):
                codes = {own} if own else set()
                codes.update(*served)
                self.subdivisions_of[actor] = tuple(sorted(codes))
        self.subdivisions: list[str] = sorted(
            {c for a in self.actors for c in self.subdivisions_of.get(a, ())}
        )
        #: the subdivisions with a government of their own (a Land, a canton), not only a code
        #: (a Luxembourg canton): the units a practitioner means by "the right Land or region"
        self.governed_subdivisions: frozenset[str] = frozenset(
            coded[territory]
            for actor, territories in self.territory_of.items()
            if attributes[actor].get("kind") in model.INHERITING_KINDS
            for territory in territories
            if territory in coded
        )

    def in_side(self, node: str, side: str) -> bool:
        """True when ``node`` is in ``side``: a country (``DE``) or a subdivision (``DE-SL``).

        >>> study = load_study()
        >>> study.in_side("de-perl", "DE-SL"), study.in_side("de-palzem", "DE-SL")
        (True, False)
        """
        sides = self._sides.get(node)
        if sides is not None:
            return side in sides
        if side in self.countries_of(node):
            return True
        return "-" in side and side in self.subdivisions_of.get(node, ())

    @functools.cached_property
    def _sides(self) -> dict[str, frozenset[str]]:
        """Every actor's countries and subdivisions (:meth:`in_side`), gathered once: a
        counterparts query asks it for every candidate and target country."""
        return {
            actor: frozenset((*self.countries_of(actor), *self.subdivisions_of.get(actor, ())))
            for actor in self.actors
        }

    def _index_names(self) -> None:
        """Each actor's names (its former names last), normalised, and the actors by whole name."""
        attributes = self._attributes
        self.former_names: dict[str, list[dict[str, Any]]] = {
            a: json.loads(attributes[a]["former_names_facts"])
            for a in self.actors
            if attributes[a].get("former_names_facts")
        }
        self.actor_names: dict[str, list[str]] = {
            a: [normalise(n) for n in names_of(attributes[a])]
            + [normalise(a)]
            + [normalise(f["name"]) for f in self.former_names.get(a, ())]
            for a in self.actors
        }
        self.name_index: dict[str, list[str]] = {}
        for actor, names in self.actor_names.items():
            own = set(names)
            if attributes[actor]["kind"] == "municipality":  # also by its place's name
                for territory in self.territory_of.get(actor, ()):
                    own |= {normalise(n) for n in names_of(attributes[territory])}
            for name in own:
                self.name_index.setdefault(name, []).append(actor)

    # ------------------------------------------------------------------ building

    @classmethod
    def from_dataset(cls, dataset: Dataset, as_of: str | None = None) -> Study:
        """The study of a validated :class:`~govgraph.data.dataset.Dataset` (on ``as_of``)."""
        from govgraph.data.build import build_graph

        return cls(build_graph(dataset), as_of, copy=False)  # a fresh graph: filtered in place

    def __repr__(self) -> str:
        return f"<Study {self.name!r}: {len(self.actors)} actors>"

    # ------------------------------------------------------------------ about the dataset

    @property
    def name(self) -> str:
        """The dataset's name (its manifest's ``name``)."""
        return str(self.graph.graph.get("name", ""))

    def node(self, node: str) -> dict[str, Any]:
        """The attributes of ``node`` (read-only)."""
        return self._attributes[node]

    def countries_of(self, node: str) -> Sequence[str]:
        """The countries of an actor, territory or initiative."""
        return self._attributes[node].get("countries", ())  # type: ignore[no-any-return]

    def single_country(self, node: str) -> str | None:
        """The node's country when it has exactly one, else None."""
        countries = self.countries_of(node)
        return countries[0] if len(countries) == 1 else None

    def is_cross_border(self, start: str, end: str) -> bool:
        """True when the two nodes together span more than one country (a tie with a
        cross-border body counts, since the body spans several)."""
        return len(set(self.countries_of(start)) | set(self.countries_of(end))) > 1

    def tier(self, actor: str) -> tuple[str | None, str | None]:
        """(level name, harmonised tier) of an actor, or (None, None)."""
        level = self.level_of.get(actor)
        if level is None:
            return None, None
        data = self._attributes[level]
        return data.get("name"), data.get("tier")

    def population(self, actor: str) -> int | None:
        """The population an actor serves: its territory's, or the sum of its members'
        territories when it governs none; None when any figure is missing.

        >>> load_study().population("fr-apach") is not None
        True
        """
        return self._populations.get(actor)

    @functools.cached_property
    def _populations(self) -> dict[str, int]:
        """Every actor's population (:meth:`population`), summed once: a counterparts query
        reads it for every candidate."""
        populations = {}
        for actor in self.actors:
            values = [self._attributes[t].get("population") for t in self.serves.get(actor, [])]
            if values and all(v is not None for v in values):
                populations[actor] = int(sum(v for v in values if v is not None))
        return populations

    # ------------------------------------------------------------------ territories

    def inside(self, territory: str) -> set[str]:
        """``territory`` and every territory lying in it (PART_OF, any depth)."""
        return _closure(territory, self.children, include_start=True)

    def containing(self, territory: str) -> frozenset[str]:
        """Every territory that contains ``territory`` (PART_OF, any depth), not itself."""
        return self._containing.get(territory, frozenset())

    # ------------------------------------------------------------------ competences

    def competence_names(self, competence: str) -> list[str]:
        """A competence's id and every name of it (``name_en``, ``name_fr``, ``name_de``…)."""
        data = self._attributes[competence]
        return [competence, *(v for k, v in sorted(data.items()) if k.startswith("name") and v)]

    def find_competence(self, text: str) -> list[str]:
        """The competences ``text`` names: its id, or any of its names in any language of the
        catalogue, whole ("Santé", "Promotion du tourisme"), else the competences whose names
        hold every word of it ("tourism", "déchets"), collapsed to the broadest one when the
        others lie under it ("waste" → waste_management). Accents and case do not matter.

        >>> study = load_study()
        >>> study.find_competence("Santé"), study.find_competence("waste")
        (['health'], ['waste_management'])
        """
        if text in self.competences:
            return [text]
        wanted = normalise(text.replace("_", " "))
        if not wanted:
            return []
        names = {
            c: [normalise(n.replace("_", " ")) for n in self.competence_names(c)]
            for c in self.competences
        }
        whole = sorted(c for c, ns in names.items() if wanted in ns)
        if whole:
            return whole
        words = wanted.split()
        for fits in (str.__eq__, str.startswith):  # whole words first, then word beginnings
            found = {
                c
                for c, ns in names.items()
                if any(all(any(fits(w, word) for w in n.split()) for word in words) for n in ns)
            }
            if found:
                return sorted(c for c in found if not set(self.ancestors(c)) & found)
        return []

    def narrower(self, competence: str) -> frozenset[str]:
        """The competence and every narrower one (BROADER, any depth)."""
        found = self._narrower.get(competence)
        if found is None:
            found = frozenset(_closure(competence, self.competence_children, include_start=True))
            self._narrower[competence] = found
        return found

    def _competence_kin(self) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        """For each competence, the others along its hierarchy (an ancestor, a descendant or a
        sibling), and the others of the same COFOG division that are not."""
        up = {c: self.ancestors(c) for c in self.competences}
        division = {c: str(self.graph.nodes[c].get("cofog", ""))[:2] for c in self.competences}
        kin: dict[str, frozenset[str]] = {}
        cofog_kin: dict[str, frozenset[str]] = {}
        for a in self.competences:
            family, same_division = set(), set()
            for b in self.competences:
                if a == b:
                    continue
                if a in up[b] or b in up[a] or (up[a] and up[b] and up[a][0] == up[b][0]):
                    family.add(b)
                elif division[a] and division[a] == division[b]:
                    same_division.add(b)
            kin[a], cofog_kin[a] = frozenset(family), frozenset(same_division)
        return kin, cofog_kin

    def ancestors(self, competence: str) -> list[str]:
        """The broader competences of ``competence``, nearest first."""
        chain: list[str] = []
        current = competence
        while current in self.competence_parent and len(chain) < 20:
            current = self.competence_parent[current]
            chain.append(current)
        return chain

    # ------------------------------------------------------------------ cooperation

    @functools.cached_property
    def ties(self) -> nx.Graph:
        """The cooperation network: actors and initiatives, joined by memberships,
        cooperation, funding, supervision and participation (no direction)."""
        import networkx as nx

        T = nx.Graph()
        T.add_nodes_from(
            n
            for n, d in self.graph.nodes(data=True)
            if d["label"] in (Label.ACTOR, Label.INITIATIVE)
        )
        for start, end, data in self.graph.edges(data=True):
            if data["type"] in model.TIE_TYPES:
                T.add_edge(start, end, type=data["type"], source=data.get("source"))
        return nx.freeze(T)


def _closure(start: str, links: dict[str, list[str]], *, include_start: bool) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        for nxt in links.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    if not include_start:
        seen.discard(start)
    return seen


def load_study(
    path: str | Path | None = None,
    *,
    reference: str | Path | None = None,
    as_of: str | None = None,
) -> Study:
    """Read, validate and build the dataset at ``path`` (default: the bundled dataset) as it was
    on ``as_of`` (``YYYY-MM-DD``; default: the dataset's date, else today): what was not valid
    that day is left out (:func:`valid_on`). ``Study(govgraph.load_graph(path))`` keeps every
    fact whatever its dates."""
    from govgraph.data.build import build_graph
    from govgraph.data.dataset import default_dataset_path, read_dataset

    folder = path if path is not None else default_dataset_path()
    G = build_graph(read_dataset(folder, reference=reference))
    return Study(G, check_day(as_of) if as_of else default_day(G), copy=False)


def check_day(text: str) -> str:
    """``text`` if it is a day written ``YYYY-MM-DD``; else GovgraphError with the fix."""
    import re
    from datetime import date

    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            raise ValueError
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise GovgraphError(f"'{text}' is not a day: write YYYY-MM-DD, e.g. 2024-01-01") from None


def default_day(G: nx.MultiDiGraph) -> str:
    """The day a question is about when none is given: the dataset's ``date`` (the last day of
    it when it is a month or a year), else today."""
    import calendar
    from datetime import date

    stated = G.graph.get("date")
    if not stated:
        return date.today().isoformat()
    parts = [int(p) for p in str(stated).split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return date(year, month, day).isoformat()


def valid_on(G: nx.MultiDiGraph, day: str, *, in_place: bool = False) -> nx.MultiDiGraph:
    """``G`` (a copy, unless ``in_place``) without the actors, territories, initiatives and
    relationships that were not valid on ``day`` (their ``valid_from`` after it or their
    ``valid_to`` before it; a partial date covers its whole year or month).

    >>> import govgraph
    >>> G, ministry = govgraph.load_graph(), "lu-ministere-interieur"  # until 2023-11-16
    >>> ministry in valid_on(G, "2023-11-16"), ministry in valid_on(G, "2024-01-01")
    (True, False)
    """
    from govgraph.data.validation import date_key

    day = check_day(day)
    key = date_key(day)

    def valid(data: dict[str, Any]) -> bool:
        start, end = data.get("valid_from"), data.get("valid_to")
        return (not start or date_key(start) <= key) and (not end or key <= date_key(end, end=True))

    H = G if in_place else G.copy()
    H.remove_nodes_from([n for n, d in G.nodes(data=True) if not valid(d)])
    dropped = []
    for a, b, k, d in H.edges(keys=True, data=True):
        if ("valid_from" in d or "valid_to" in d) and not valid(d):
            dropped.append((a, b, k))
        elif (formal := d.get("on_behalf_of")) and any(h not in H for h in formal):
            # an operational holding answers for the formal holders that remain; none: it goes
            d["on_behalf_of"] = [h for h in formal if h in H]
            if not d["on_behalf_of"] and d.get("provenance") == "exercised":
                dropped.append((a, b, k))
    H.remove_edges_from(dropped)
    H.graph["as_of"] = day
    return H
