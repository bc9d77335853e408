"""Summary figures and actor search, on the minimal fixture and on the bundled dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

import govgraph
from govgraph.analysis.actors import check_country, find_actors, summary
from govgraph.data.dataset import read_dataset
from govgraph.errors import NotFoundError
from govgraph.study import Study, names_of


@pytest.fixture(scope="module")
def bundled():
    return govgraph.load_study()


@pytest.fixture
def small(minimal: Path, reference: Path):
    return Study.from_dataset(read_dataset(minimal, reference=reference))


def test_summary_counts_the_minimal_dataset(small):
    data = summary(small)
    assert data["nodes"]["Actor"] == 6
    assert data["nodes"]["Territory"] == 8
    assert data["relationships"]["BORDERS"] == 2
    assert data["actors_by_country"] == {"DE": 2, "FR": 2, "LU": 2}
    assert data["actors_by_tier"] == {
        "local": 3,
        "intermunicipal": 1,
        "intermediate": 1,
        "national": 1,
    }
    # 4 stated relations: MEMBER_OF (FR-FR), 2 BORDERS (FR-DE, FR-LU), PARTICIPATES_IN (DE-xb)
    assert data["cross_border"] == {"relationships": 4, "cross_border": 3, "share": 0.75}


def test_search_is_accent_and_case_insensitive_in_every_language(bundled):
    assert "fr-sierck-les-bains" in [a["id"] for a in find_actors(bundled, search="sierck")]
    assert "de-lk-merzig-wadern" in [a["id"] for a in find_actors(bundled, search="merzig wadern")]
    # the German name of Bouzonville
    assert "fr-bouzonville" in [a["id"] for a in find_actors(bundled, search="busendorf")]
    assert "de-ueberherrn" in [a["id"] for a in find_actors(bundled, search="UBERHERRN")]


def test_filters_combine(bundled):
    national_lu = find_actors(bundled, country="LU", tier="national")
    assert national_lu and all(
        a["tier"] == "national" and "LU" in a["country"] for a in national_lu
    )
    counties = find_actors(bundled, kind="county")
    assert {"de-lk-merzig-wadern", "de-lk-saarlouis", "fr-departement-moselle"} <= {
        a["id"] for a in counties
    }
    assert find_actors(bundled, country="DE", search="sierck") == []


def test_actor_rows_are_sorted_and_complete(small):
    rows = find_actors(small)
    assert [r["country"] for r in rows] == sorted(r["country"] for r in rows)
    perl = next(r for r in rows if r["id"] == "de-perl")
    assert perl == {
        "id": "de-perl",
        "name": "Gemeinde Perl",
        "kind": "municipality",
        "country": "DE",
        "subdivision": "DE-SL",
        "level": "Gemeinde",
        "tier": "local",
        "territory": "t-de-perl",
        "source": "https://www.dewiki.de/Lexikon/Perl_(Mosel)",
    }


def test_countries_and_country_check(small):
    assert small.countries == ["DE", "FR", "LU"]
    assert small.subdivisions == ["DE-SL"]
    assert check_country(small, "lu") == "LU"
    assert check_country(small, " de-sl ") == "DE-SL"
    with pytest.raises(
        NotFoundError,
        match="no actor in country or subdivision 'BE'; countries in the data: DE, FR, LU; "
        "subdivisions: DE-SL",
    ):
        check_country(small, "BE")


def test_a_subdivision_filters_like_a_country(bundled):
    """A Land is asked for like a country: its actors, and only those."""
    palatinate = find_actors(bundled, country="DE-RP")
    ids = {a["id"] for a in palatinate}
    assert {"de-palzem", "de-vg-saarburg-kell", "de-rheinland-pfalz", "de-rp-lbm-trier"} <= ids
    assert "de-perl" not in ids and "de-bund" not in ids
    assert all("DE-RP" in a["subdivision"].split(";") for a in palatinate)
    saarland = {a["id"] for a in find_actors(bundled, country="DE-SL")}
    assert "de-perl" in saarland
    # only a body serving both Länder is in both (the police and customs cooperation centre)
    for both in saarland & ids:
        assert {"DE-RP", "DE-SL"} <= set(bundled.subdivisions_of[both])
    assert saarland & ids == {"xb-ccpd-luxembourg"}


def test_names_of_lists_every_language(small):
    assert names_of(small.node("lu-government")) == [
        "Gouvernement du Grand-Duché de Luxembourg",
        "Regierung des Großherzogtums Luxemburg",
    ]
