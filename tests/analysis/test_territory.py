"""Bounded territorial search: distances, containment, bodies served through their members."""

from __future__ import annotations

from pathlib import Path

import pytest

import govgraph
from govgraph.analysis.territory import Area, NoTerritoryError, neighbouring_countries
from govgraph.data.build import build_graph
from govgraph.data.dataset import read_dataset
from govgraph.study import FrozenGraphError, Study


@pytest.fixture
def small(minimal: Path, reference: Path):
    return Study.from_dataset(read_dataset(minimal, reference=reference))


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
        ("t-fr-apach", "t-de-perl", "https://de.wikipedia.org/wiki/Apach")
    ]
    assert neighbouring_countries(area, {"FR"}) == ["DE", "LU"]


def test_the_search_is_bounded(small):
    area = Area.around(small, "fr-apach", max_distance=0)
    assert "t-de-perl" not in area.distance
    assert set(area.actors()) == {"fr-apach", "fr-cc-bouzonvillois-trois-frontieres"}


def test_an_intermunicipal_body_reaches_across_through_its_communes(small):
    area = Area.around(small, "fr-cc-bouzonvillois-trois-frontieres")
    assert area.distance_to("de-perl") == 1
    assert area.distance_to("lu-government") == 1


def test_bundled_distances():
    study = govgraph.load_study()
    area = Area.around(study, "fr-cc-bouzonvillois-trois-frontieres", max_distance=1)
    assert area.distance_to("de-lk-merzig-wadern") == 1
    assert area.distance_to("de-lk-trier-saarburg") is None  # two steps away: out of reach
    assert (
        Area.around(study, "fr-cc-bouzonvillois-trois-frontieres").distance_to(
            "de-lk-trier-saarburg"
        )
        == 2
    )


def test_a_body_without_territory_serves_its_members_territories():
    study = govgraph.load_study()
    assert "fr-temo" not in study.territory_of
    assert "t-fr-cc-cattenom-et-environs" in study.serves["fr-temo"]
    assert study.population("fr-temo") == sum(
        study.node(t)["population"] for t in study.serves["fr-temo"]
    )


def test_an_actor_with_nothing_to_stand_on(minimal: Path, reference: Path):
    G = build_graph(read_dataset(minimal, reference=reference))
    G.remove_edge("fr-apach", "t-fr-apach", "GOVERNS")
    with pytest.raises(NoTerritoryError, match="actor 'fr-apach' governs no territory"):
        Area.around(Study(G), "fr-apach")


def test_an_edit_needs_a_new_study(small):
    # the study's graph refuses the edit, so its tables cannot go stale
    with pytest.raises(FrozenGraphError, match="graph is frozen"):
        small.graph.remove_edge("fr-apach", "t-fr-apach", "GOVERNS")
    assert Area.around(small, "fr-apach").distance["t-fr-apach"] == 0
    # a study of an edited copy sees the edit; the first study is unchanged
    H = small.graph.copy()
    H.remove_edge("fr-apach", "t-fr-apach", "GOVERNS")
    with pytest.raises(NoTerritoryError, match="actor 'fr-apach' governs no territory"):
        Area.around(Study(H), "fr-apach")
    assert Area.around(small, "fr-apach").distance_to("de-perl") == 1
