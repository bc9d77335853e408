"""Where actors are: the territories around an actor, and how far apart, in BORDERS steps.

An actor serves the territory it governs; a body that governs none (a syndicat, a transport
association) serves the territories of its members. Distances are counted in BORDERS steps
between the territories inside two actors' territories: a French communauté de communes whose
commune Apach borders Perl is 1 step from Perl, from Landkreis Merzig-Wadern (which contains
Perl) and from the Saarland. A territory that contains the actor's territory (its département,
its country) is 0 steps away. The search is bounded: only territories within ``max_distance``
steps are visited, never all pairs.

Example:
    >>> from govgraph.study import load_study
    >>> area = Area.around(load_study(), "fr-cc-bouzonvillois-trois-frontieres")
    >>> area.distance_to("de-perl"), area.distance_to("de-lk-merzig-wadern")
    (1, 1)
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govgraph.errors import GovgraphError

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["DEFAULT_MAX_DISTANCE", "Area", "NoTerritoryError", "neighbouring_countries"]

DEFAULT_MAX_DISTANCE = 3


class NoTerritoryError(GovgraphError):
    """The actor governs no territory in the data, so nothing can be 'around' it."""


@dataclass
class Area:
    """The territories around an actor (or along the borders), each with its distance in
    BORDERS steps."""

    actor: str | None
    territories: list[str]
    distance: dict[str, int]
    via: dict[str, tuple[str, str | None]]
    study: Study
    reached: set[str] = field(default_factory=set)
    _actors: dict[str, int] | None = field(default=None, repr=False, compare=False)
    _inner: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def around(
        cls,
        study: Study,
        actor: str,
        max_distance: int = DEFAULT_MAX_DISTANCE,
        *,
        through_parents: bool = False,
    ) -> Area:
        """Breadth-first search over BORDERS from every territory inside the actor's own (with
        ``through_parents``, inside the territories that directly contain its own too: an inland
        commune reaches the border through its intermunicipal area)."""
        served = study.serves.get(actor)
        if not served:
            raise NoTerritoryError(
                f"actor '{actor}' governs no territory and has no member with one, so nothing "
                "is around it: give it a territory in actors.csv"
            )
        start: set[str] = set()
        for territory in served:
            start |= study.inside(territory)
            if through_parents:
                for parent in study.parents.get(territory, ()):
                    start |= study.inside(parent)
        return cls._search(study, actor, served, start, max_distance)

    @classmethod
    def border_zone(cls, study: Study, max_distance: int = 2) -> Area:
        """Every territory within ``max_distance`` BORDERS steps of a border between two
        countries (a BORDERS fact whose two territories are in different countries)."""
        start: set[str] = set()
        for territory, neighbours in study.borders.items():
            countries = study.countries_of(territory)
            for neighbour, _ in neighbours:
                other = study.countries_of(neighbour)
                if len(countries) == 1 and len(other) == 1 and countries != other:
                    start.add(territory)
        return cls._search(study, None, [], start, max_distance)

    @classmethod
    def _search(
        cls,
        study: Study,
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
            for neighbour, source in study.borders.get(current, ()):
                if neighbour not in distance:
                    distance[neighbour] = distance[current] + 1
                    via[neighbour] = (current, source)
                    queue.append(neighbour)
        # a territory is as near as the nearest territory inside it
        reach = dict(distance)
        for node, steps in distance.items():
            for parent in study.containing(node):
                if steps < reach.get(parent, max_distance + 1):
                    reach[parent] = steps
        for territory in served:
            for parent in study.containing(territory):
                reach[parent] = 0
        return cls(actor, served, reach, via, study, set(distance))

    def distance_to(self, actor: str) -> int | None:
        """BORDERS steps from this area to the nearest territory ``actor`` serves; None when out
        of reach."""
        steps = [self.distance[t] for t in self.study.serves.get(actor, ()) if t in self.distance]
        return min(steps) if steps else None

    def actors(self) -> dict[str, int]:
        """Every actor whose territory is within reach, with its distance (computed once: a
        query reads it for every candidate; not to be changed by the caller)."""
        if self._actors is None:
            found: dict[str, int] = {}
            for territory, steps in self.distance.items():
                for actor in self.study.actors_in.get(territory, ()):
                    if steps < found.get(actor, steps + 1):
                        found[actor] = steps
            self._actors = found
        return self._actors

    def local_actors(self) -> set[str]:
        """Actors serving a territory the search itself reached (the area's own municipalities
        and bodies), not only a territory that contains the area (a région, a State)."""
        return {
            actor for territory in self.reached for actor in self.study.actors_in.get(territory, ())
        }

    def path_to(self, territory: str) -> list[tuple[str, str, str | None]]:
        """The BORDERS steps (from, to, source) that lead to ``territory`` or into it."""
        target = territory
        if target not in self.via:
            # the reached territories inside it (bounded by the area, not by its size)
            if self._inner is None:
                self._inner = {}
                for reached in self.via:
                    for parent in self.study.containing(reached):
                        self._inner.setdefault(parent, []).append(reached)
            inner = self._inner.get(territory)
            if not inner:
                return []
            target = min(inner, key=lambda t: (self.distance[t], t))
        steps = []
        while target in self.via:
            previous, source = self.via[target]
            steps.append((previous, target, source))
            target = previous
        return list(reversed(steps))


def neighbouring_countries(area: Area, own: set[str]) -> list[str]:
    """Countries, other than ``own``, of the single-country territories within the area's
    reach (a commune one step from the border reaches the other side in two steps)."""
    found: set[str] = set()
    for territory in area.distance:
        country = area.study.single_country(territory)
        if country is not None and country not in own:
            found.add(country)
    return sorted(found)
