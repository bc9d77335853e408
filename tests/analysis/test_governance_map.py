"""The governance map's data: where each box goes and which face of a competence it shows."""

from __future__ import annotations

import pytest
from conftest import read_rows, write_rows

import govgraph
from govgraph.analysis.governance_map import NO_BAND, governance_map
from govgraph.data.dataset import read_dataset, reference_path
from govgraph.errors import GovgraphError, NotFoundError
from govgraph.model import CROSS_BORDER
from govgraph.study import Study, short_name

CCB3F = "fr-cc-bouzonvillois-trois-frontieres"
EXERCISES_HEADER = [
    "actor", "competence", "on_behalf_of", "kind", "legal_basis", "valid_from", "valid_to",
    "source", "confidence", "note",
]  # fmt: skip


@pytest.fixture(scope="module")
def study():
    return govgraph.load_study()


def _with_transport_administration(minimal, organ: bool) -> Study:
    """The minimal dataset with the Administration des transports publics, exercising public
    transport for the Luxembourg Government as its organ (``organ``) or not at all."""
    actors = read_rows(minimal / "actors.csv")
    atp = dict(
        actors[-1], id="lu-atp", name="Administration des transports publics", name_de="",
        kind="state_agency", level="", territory="",
        source="https://transports.public.lu/fr/secteurs/transports-publics.html",
    )  # fmt: skip
    write_rows(minimal / "actors.csv", [*actors, atp])
    rows = [
        {
            "actor": "lu-atp",
            "competence": "public_transport",
            "on_behalf_of": "lu-government",
            "kind": "organ",
            "legal_basis": "Loi du 5 février 2021 sur les transports publics",
            "valid_from": "2021",
            "valid_to": "",
            "source": "https://transports.public.lu/fr/secteurs/transports-publics.html",
            "confidence": "high",
            "note": "",
        }  # fmt: skip
    ]
    write_rows(minimal / "exercises.csv", rows if organ else [], header=EXERCISES_HEADER)
    return Study.from_dataset(read_dataset(minimal, reference=reference_path()))


def test_an_organ_sits_next_to_its_government_and_does_the_job(minimal):
    plan = governance_map(_with_transport_administration(minimal, organ=True))
    atp, government = plan["boxes"]["lu-atp"], plan["boxes"]["lu-government"]
    assert (atp["band"], atp["side"], atp["next_to"]) == ("national", "LU", "lu-government")
    assert atp["faces"]["public_transport"] == "operational"
    assert government["faces"]["public_transport"] == "formal"
    order = plan["order"]
    assert order.index("lu-atp") == order.index("lu-government") + 1


def test_without_the_organ_the_government_does_the_job_and_the_body_has_no_place(minimal):
    plan = governance_map(_with_transport_administration(minimal, organ=False))
    atp, government = plan["boxes"]["lu-atp"], plan["boxes"]["lu-government"]
    assert government["faces"]["public_transport"] == "operational"
    assert (atp["band"], atp["next_to"]) == (NO_BAND, None)
    assert plan["bands"][-1] == NO_BAND


def test_bands_run_from_national_to_local_and_federated_countries_split(study):
    plan = governance_map(study, around="CC Bouzonvillois")
    assert plan["bands"][:5] == ["national", "regional", "intermediate", "intermunicipal", "local"]
    columns = [c["id"] for c in plan["columns"]]
    assert columns[0] == "FR"  # the focus actor's country first
    assert {"DE", "DE-SL", "DE-RP"} <= set(columns) and columns[-1] == CROSS_BORDER
    boxes = plan["boxes"]
    assert boxes["de-perl"]["side"] == "DE-SL" and boxes["de-palzem"]["side"] == "DE-RP"
    assert boxes["de-perl"]["band"] == "local"
    assert boxes["de-saarland"]["band"] == "regional"
    # a syndicate of several communes sits in the intermunicipal band
    assert boxes["lu-sidest"]["band"] == "intermunicipal"
    # a cross-border body has the highest tier of its members
    assert boxes["xb-sommet-grande-region"]["band"] == "national"


def test_the_focus_links_to_its_counterparts_and_gaps_are_marked(study):
    plan = governance_map(study, around="CC Bouzonvillois", competence="waste_collection")
    assert plan["focus"] == CCB3F and plan["competence"] == "waste_collection"
    assert plan["links"] and all(link["from"] == CCB3F for link in plan["links"])
    assert {link["country"] for link in plan["links"]} == {"DE", "LU"}
    assert plan["gaps"]
    for gap in plan["gaps"]:
        marked = [a for a, b in plan["boxes"].items() if gap["number"] in b["gaps"]]
        assert marked, f"gap {gap['number']} is marked nowhere"
    no_focus = governance_map(study, countries=["LU"])
    assert no_focus["links"] == [] and no_focus["gaps"] == []
    assert {b["side"] for b in no_focus["boxes"].values()} <= {"LU", CROSS_BORDER}


def test_a_holder_that_transferred_a_competence_is_no_longer_lit(study):
    plan = governance_map(study, around="Perl")
    faces = {a: b["faces"].get("waste_collection") for a, b in plan["boxes"].items()}
    assert faces["de-evs"] == "operational"
    assert faces.get("de-perl") != "operational"


def test_short_names(study):
    assert short_name(study, "fr-bouzonville") == "Bouzonville"
    assert short_name(study, CCB3F).startswith("CC ")
    assert short_name(study, "lu-ministere-mobilite-travaux-publics").startswith("Min. ")


def test_bad_choices_are_clear_errors(study):
    with pytest.raises(NotFoundError, match="unknown theme 'weather'"):
        governance_map(study, theme="weather")
    with pytest.raises(GovgraphError, match="no actor in country or subdivision 'IT'"):
        governance_map(study, countries=["IT"])
    with pytest.raises(GovgraphError, match="no actor 'Nowhere'"):
        governance_map(study, around="Nowhere")


def test_a_focus_outside_the_chosen_countries_still_gives_a_map(study):
    plan = governance_map(study, around="CC Bouzonvillois", countries=["LU"])
    assert CCB3F not in plan["boxes"] and plan["boxes"]
    assert {b["side"] for b in plan["boxes"].values()} <= {"LU", CROSS_BORDER}
    marked = {n for b in plan["boxes"].values() for n in b["gaps"]}
    assert marked <= {g["number"] for g in plan["gaps"]}
