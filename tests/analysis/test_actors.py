"""Summary figures and actor search, on the minimal fixture and on the bundled dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

import govgraph
from govgraph.analysis.actors import (
    actor_row,
    check_country,
    find_actors,
    former_name_note,
    resolve_actor,
    summary,
)
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
        "former_names": None,
        "source": "https://de.wikipedia.org/wiki/Perl_(Mosel)",
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
    # only a body serving both Länder is in both (the police and customs cooperation centre,
    # the health insurer of Rhineland-Palatinate and the Saarland)
    for both in saarland & ids:
        assert {"DE-RP", "DE-SL"} <= set(bundled.subdivisions_of[both])
    assert saarland & ids == {"xb-ccpd-luxembourg", "de-aok-rps"}


def test_names_of_lists_every_language(small):
    assert names_of(small.node("lu-government")) == [
        "Gouvernement du Grand-Duché de Luxembourg",
        "Regierung des Großherzogtums Luxemburg",
    ]


def test_a_name_in_dutch_finds_the_actor(federal):
    assert [r["id"] for r in find_actors(federal, search="Moeskroen")] == ["be-mouscron"]
    assert resolve_actor(federal, "Stad Moeskroen") == "be-mouscron"
    assert [r["id"] for r in find_actors(federal, country="BE-WAL", search="stad")] == [
        "be-mouscron"
    ]


def test_a_former_name_finds_the_body_and_says_it_was_renamed(federal):
    [row] = find_actors(federal, search="transpole")
    assert (row["id"], row["former_names"]) == ("fr-ilevia", "Transpole (until 2019)")
    assert resolve_actor(federal, "Lille Métropole Communauté urbaine") == "fr-mel"
    assert former_name_note(federal, "fr-mel", "Lille Metropole Communaute urbaine") == (
        "'Lille Métropole Communauté urbaine' is a former name of Métropole européenne de Lille "
        "(until 2014-12-31)"
    )
    assert former_name_note(federal, "fr-mel", "Métropole européenne") is None  # its own name
    assert former_name_note(federal, "fr-mel", "fr-mel") is None
    assert actor_row(federal, "fr-mel")["former_names"] == (
        "Lille Métropole Communauté urbaine (until 2014-12-31)"
    )


def test_an_actor_row_lists_every_territory_it_serves(federal):
    row = actor_row(federal, "xb-eurometropole")
    assert row["territory"] == "t-be-kortrijk;t-be-menen;t-be-mouscron;t-fr-mel"
    assert (row["country"], row["subdivision"]) == ("FR;BE", "BE-VLG;BE-WAL")


def test_a_name_that_begins_with_the_words_is_what_is_meant():
    """'Sierck' is the town Sierck-les-Bains, not Beyren-lès-Sierck; a misspelt name gets the
    actors it probably means, the one whose name begins with it first."""
    from govgraph.errors import NotFoundError
    from govgraph.study import load_study

    study = load_study()
    assert resolve_actor(study, "Sierck") == "fr-sierck-les-bains"
    with pytest.raises(NotFoundError) as caught:
        resolve_actor(study, "Sierk")
    assert "did you mean Commune de Sierck-les-Bains (fr-sierck-les-bains)," in str(caught.value)
    with pytest.raises(NotFoundError) as caught:
        resolve_actor(study, "CC Bouzonvillos")
    assert "(fr-cc-bouzonvillois-trois-frontieres)?" in str(caught.value)
    with pytest.raises(NotFoundError) as caught:
        resolve_actor(study, "Atlantis")
    assert "try govgraph actors --search" in str(caught.value)
