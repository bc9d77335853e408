"""Bounded territorial search: distances, containment, bodies served through their members."""

from __future__ import annotations

from pathlib import Path

import pytest

import govgraph
from govgraph.analysis.territory import (
    Area,
    NoTerritoryError,
    index,
    neighbouring_countries,
    population,
)
from govgraph.data.build import build_graph
from govgraph.data.dataset import read_dataset


@pytest.fixture
def small(minimal: Path, reference: Path):
    return build_graph(read_dataset(minimal, reference=reference))


def test_distances_around_a_border_commune(small):
    area = Area.around(small, "fr-apach")
    assert area.distance["t-fr-apach"] == 0
    assert area.distance["t-fr-cc-bouzonvillois-trois-frontieres"] == 0  # contains Apach
    assert area.distance["t-fr"] == 0
    assert area.distance["t-de-perl"] == 1
    assert area.distance["t-de-lk-merzig-wadern"] == 1  # contains Perl
    assert area.distance["t-lu"] == 1
    assert area.actors() == {
        "fr-apach": 0,
        "fr-cc-bouzonvillois-trois-frontieres": 0,
        "de-perl": 1,
        "de-lk-merzig-wadern": 1,
        "lu-schengen": 1,
        "lu-government": 1,
    }
    assert area.path_to("t-de-lk-merzig-wadern") == [
        ("t-fr-apach", "t-de-perl", "https://de.m.wiki.x.io/wiki/Apach")
    ]
    assert neighbouring_countries(small, area, {"FR"}) == ["DE", "LU"]


def test_the_search_is_bounded(small):
    area = Area.around(small, "fr-apach", max_distance=0)
    assert "t-de-perl" not in area.distance
    assert set(area.actors()) == {"fr-apach", "fr-cc-bouzonvillois-trois-frontieres"}


def test_an_intermunicipal_body_reaches_across_through_its_communes(small):
    area = Area.around(small, "fr-cc-bouzonvillois-trois-frontieres")
    assert area.distance_to("de-perl") == 1
    assert area.distance_to("lu-government") == 1


def test_bundled_distances():
    G = govgraph.load_graph()
    area = Area.around(G, "fr-cc-bouzonvillois-trois-frontieres", max_distance=1)
    assert area.distance_to("de-lk-merzig-wadern") == 1
    assert area.distance_to("de-lk-trier-saarburg") is None  # two steps away: out of reach
    assert (
        Area.around(G, "fr-cc-bouzonvillois-trois-frontieres").distance_to("de-lk-trier-saarburg")
        == 2
    )


def test_a_body_without_territory_serves_its_members_territories():
    G = govgraph.load_graph()
    idx = index(G)
    assert "fr-temo" not in idx.territory_of
    assert "t-fr-cc-cattenom-et-environs" in idx.serves["fr-temo"]
    assert population(G, "fr-temo") == sum(G.nodes[t]["population"] for t in idx.serves["fr-temo"])


def test_an_actor_with_nothing_to_stand_on(small):
    small.remove_edge("fr-apach", "t-fr-apach", "GOVERNS")
    with pytest.raises(NoTerritoryError, match="actor 'fr-apach' governs no territory"):
        Area.around(small, "fr-apach")
