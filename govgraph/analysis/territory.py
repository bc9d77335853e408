"""Where actors are: territories, what contains what, what borders what, and how far apart.

An actor serves the territory it governs; a body that governs none (a syndicat, a transport
association) serves the territories of its members. Distances are counted in BORDERS steps
between the territories inside two actors' territories: a
French communauté de communes whose commune Apach borders Perl is 1 step from Perl, from
Landkreis Merzig-Wadern (which contains Perl) and from the Saarland. A territory that contains the
actor's territory (its département, its country) is 0 steps away. The search is bounded: only
territories within ``max_distance`` steps are visited, never all pairs.

The index of a graph is built once and kept while the graph keeps its numbers of nodes and of
linked node pairs; after changing a graph in place, call :func:`forget` (or build a new graph).

Example:
    >>> import govgraph
    >>> G = govgraph.load_graph()
    >>> area = Area.around(G, "fr-cc-bouzonvillois-trois-frontieres")
    >>> area.distance_to("de-perl"), area.distance_to("de-lk-merzig-wadern")
    (1, 1)
"""

from __future__ import annotations

import functools
import weakref
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from govgraph.errors import GovgraphError
from govgraph.model import Label, RelType

if TYPE_CHECKING:
    import networkx as nx

DEFAULT_MAX_DISTANCE = 3


@dataclass
class Index:
    """Lookup tables of one graph, for fast bounded searches."""

    size: tuple[int, int]
    territory_of: dict[str, str] = field(default_factory=dict)
    serves: dict[str, list[str]] = field(default_factory=dict)
    actors_in: dict[str, list[str]] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    borders: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    level_of: dict[str, str] = field(default_factory=dict)
    holdings: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    competence_parent: dict[str, str] = field(default_factory=dict)
    theme_competences: dict[str, set[str]] = field(default_factory=dict)
    ties: Any = None  # the cooperation network, built on first use (govgraph.analysis.gaps)
    countries: list[str] | None = None  # countries of the actors (govgraph.analysis.actors)
    matches: dict[tuple[str, str], float] = field(default_factory=dict)  # competence matches


_INDEXES: weakref.WeakKeyDictionary[Any, Index] = weakref.WeakKeyDictionary()
_FROZEN: weakref.WeakSet[Any] = weakref.WeakSet()


@contextmanager
def frozen(G: nx.MultiDiGraph) -> Iterator[Index]:
    """Within this block ``G`` is not changed, so :func:`index` skips its size check (counting
    a multigraph's edges costs as much as reading them)."""
    idx = index(G)
    if G in _FROZEN:
        yield idx
        return
    _FROZEN.add(G)
    try:
        yield idx
    finally:
        _FROZEN.discard(G)


F = TypeVar("F", bound=Callable[..., Any])


def analysis(func: F) -> F:
    """Run an analysis ``func(G, …)`` with ``G`` frozen (see :func:`frozen`)."""

    @functools.wraps(func)
    def wrapper(G: nx.MultiDiGraph, *args: Any, **kwargs: Any) -> Any:
        with frozen(G):
            return func(G, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _signature(G: nx.MultiDiGraph) -> tuple[int, int]:
    """Numbers of nodes and of linked node pairs: cheap (counting a multigraph's edges means
    reading them all), and it changes when nodes or links are added or removed."""
    return G.number_of_nodes(), sum(map(len, G.adj.values()))


def index(G: nx.MultiDiGraph) -> Index:
    """The lookup tables of ``G`` (built on first use, rebuilt when its size changes)."""
    cached = _INDEXES.get(G)
    if cached is not None and G in _FROZEN:
        return cached
    size = _signature(G)
    if cached is not None and cached.size == size:
        return cached
    idx = Index(size)
    members: dict[str, list[str]] = {}
    for start, end, data in G.edges(data=True):
        rel = data["type"]
        if rel == RelType.GOVERNS:
            idx.territory_of.setdefault(start, end)
        elif rel == RelType.MEMBER_OF:
            members.setdefault(end, []).append(start)
        elif rel == RelType.PART_OF:
            idx.parents.setdefault(start, []).append(end)
            idx.children.setdefault(end, []).append(start)
        elif rel == RelType.BORDERS:
            idx.borders.setdefault(start, []).append((end, data.get("source")))
            idx.borders.setdefault(end, []).append((start, data.get("source")))
        elif rel == RelType.AT_LEVEL:
            idx.level_of[start] = end
        elif rel == RelType.HOLDS:
            idx.holdings.setdefault(start, {})[end] = data
        elif rel == RelType.BROADER:
            idx.competence_parent[start] = end
        elif rel == RelType.IN_THEME and G.nodes[start]["label"] == Label.COMPETENCE:
            idx.theme_competences.setdefault(end, set()).add(start)
    # An actor serves the territory it governs; a body with none serves its members' territories.
    for actor, territory in idx.territory_of.items():
        idx.serves[actor] = [territory]
    for body, member_list in members.items():
        if body not in idx.territory_of:
            served = sorted({idx.territory_of[m] for m in member_list if m in idx.territory_of})
            if served:
                idx.serves[body] = served
    for actor, territories in idx.serves.items():
        for territory in territories:
            idx.actors_in.setdefault(territory, []).append(actor)
    _INDEXES[G] = idx
    return idx


def forget(G: nx.MultiDiGraph) -> None:
    """Drop the cached index of ``G`` (after changing it in place)."""
    _INDEXES.pop(G, None)


class NoTerritoryError(GovgraphError):
    """The actor governs no territory in the data, so nothing can be 'around' it."""


def _inside(idx: Index, territory: str) -> set[str]:
    """``territory`` and every territory lying in it (PART_OF, any depth)."""
    seen = {territory}
    stack = [territory]
    while stack:
        for child in idx.children.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def _containing(idx: Index, territory: str) -> set[str]:
    """Every territory that contains ``territory`` (PART_OF, any depth), not itself."""
    seen: set[str] = set()
    stack = [territory]
    while stack:
        for parent in idx.parents.get(stack.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


@dataclass
class Area:
    """The territories around an actor (or along the borders), each with its distance in
    BORDERS steps."""

    actor: str | None
    territories: list[str]
    distance: dict[str, int]
    via: dict[str, tuple[str, str | None]]
    index: Index
    reached: set[str] = field(default_factory=set)

    @classmethod
    def around(
        cls, G: nx.MultiDiGraph, actor: str, max_distance: int = DEFAULT_MAX_DISTANCE
    ) -> Area:
        """Breadth-first search over BORDERS from every territory inside the actor's own."""
        idx = index(G)
        served = idx.serves.get(actor)
        if not served:
            raise NoTerritoryError(
                f"actor '{actor}' governs no territory and has no member with one, so nothing "
                "is around it: give it a territory in actors.csv"
            )
        start: set[str] = set()
        for territory in served:
            start |= _inside(idx, territory)
        return cls._search(idx, actor, served, start, max_distance)

    @classmethod
    def border_zone(cls, G: nx.MultiDiGraph, max_distance: int = 2) -> Area:
        """Every territory within ``max_distance`` BORDERS steps of a border between two
        countries (a BORDERS fact whose two territories are in different countries)."""
        idx = index(G)
        start: set[str] = set()
        for territory, neighbours in idx.borders.items():
            countries = G.nodes[territory].get("countries", [])
            for neighbour, _ in neighbours:
                other = G.nodes[neighbour].get("countries", [])
                if len(countries) == 1 and len(other) == 1 and countries != other:
                    start.add(territory)
        return cls._search(idx, None, [], start, max_distance)

    @classmethod
    def _search(
        cls,
        idx: Index,
        actor: str | None,
        served: list[str],
        start: set[str],
        max_distance: int,
    ) -> Area:
        distance = dict.fromkeys(start, 0)
        via: dict[str, tuple[str, str | None]] = {}
        queue = deque(sorted(start))
        while queue:
            current = queue.popleft()
            if distance[current] >= max_distance:
                continue
            for neighbour, source in idx.borders.get(current, ()):
                if neighbour not in distance:
                    distance[neighbour] = distance[current] + 1
                    via[neighbour] = (current, source)
                    queue.append(neighbour)
        # a territory is as near as the nearest territory inside it
        reach = dict(distance)
        for node, steps in distance.items():
            for parent in _containing(idx, node):
                if steps < reach.get(parent, max_distance + 1):
                    reach[parent] = steps
        for territory in served:
            for parent in _containing(idx, territory):
                reach[parent] = 0
        return cls(actor, served, reach, via, idx, set(distance))

    def distance_to(self, actor: str) -> int | None:
        """BORDERS steps from this area to the nearest territory ``actor`` serves; None when out
        of reach."""
        steps = [self.distance[t] for t in self.index.serves.get(actor, ()) if t in self.distance]
        return min(steps) if steps else None

    def actors(self) -> dict[str, int]:
        """Every actor whose territory is within reach, with its distance."""
        found: dict[str, int] = {}
        for territory, steps in self.distance.items():
            for actor in self.index.actors_in.get(territory, ()):
                if steps < found.get(actor, steps + 1):
                    found[actor] = steps
        return found

    def local_actors(self) -> set[str]:
        """Actors serving a territory the search itself reached (the area's own municipalities
        and bodies), not only a territory that contains the area (a région, a State)."""
        return {
            actor for territory in self.reached for actor in self.index.actors_in.get(territory, ())
        }

    def path_to(self, territory: str) -> list[tuple[str, str, str | None]]:
        """The BORDERS steps (from, to, source) that lead to ``territory`` or into it."""
        target = territory
        if target not in self.via:
            inner = [t for t in _inside(self.index, territory) if t in self.via]
            if not inner:
                return []
            target = min(inner, key=lambda t: (self.distance[t], t))
        steps = []
        while target in self.via:
            previous, source = self.via[target]
            steps.append((previous, target, source))
            target = previous
        return list(reversed(steps))


def neighbouring_countries(G: nx.MultiDiGraph, area: Area, own: set[str]) -> list[str]:
    """Countries, other than ``own``, of the single-country territories within the area's
    reach (a commune one step from the border reaches the other side in two steps)."""
    found: set[str] = set()
    for territory in area.distance:
        countries = G.nodes[territory].get("countries", [])
        if len(countries) == 1 and countries[0] not in own:
            found.add(countries[0])
    return sorted(found)


def population(G: nx.MultiDiGraph, actor: str, idx: Index | None = None) -> int | None:
    """The population an actor serves: its territory's, or the sum of its members' territories
    when it governs none; None when any figure is missing."""
    served = (idx or index(G)).serves.get(actor, [])
    values = [G.nodes[t].get("population") for t in served]
    if not values or any(v is None for v in values):
        return None
    return int(sum(values))
