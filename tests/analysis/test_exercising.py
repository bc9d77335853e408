"""Who exercises a competence for whom: an organ answers for its government, a transfer leaves
the members, a delegation keeps the delegator with a lesser role, a body without a territory is
reached through those it serves, a broader holding answers a narrower question, and an empty
answer says why. Each effect on a copy of the minimal dataset, present and then absent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import read_rows, write_rows

from govgraph.analysis.counterparts import counterparts, who, why_empty
from govgraph.data.dataset import read_dataset
from govgraph.errors import DatasetError
from govgraph.study import Study

SRC = "https://example.org/statute"
EXERCISES_HEADER = [
    "actor",
    "competence",
    "on_behalf_of",
    "kind",
    "legal_basis",
    "valid_from",
    "valid_to",
    "source",
    "confidence",
    "note",
]


def _body(actor_id: str, name: str, kind: str, country: str, territory: str = "") -> dict:
    return {
        "id": actor_id,
        "name": name,
        "name_de": "",
        "kind": kind,
        "country": country,
        "subdivision": "",
        "level": "",
        "territory": territory,
        "website": "",
        "source": SRC,
        "confidence": "",
        "note": "",
    }


def _exercise(actor, competence, on_behalf_of, kind, basis="Law art. 1") -> dict:
    row = dict.fromkeys(EXERCISES_HEADER, "")
    row.update(
        actor=actor,
        competence=competence,
        on_behalf_of=on_behalf_of,
        kind=kind,
        legal_basis=basis,
        source=SRC,
    )
    return row


@pytest.fixture
def border(minimal: Path) -> Path:
    """The minimal dataset with four bodies that have no territory of their own: a Luxembourg
    ministry, a French waste syndicate, a German bus operator and a German transport
    association."""
    actors = read_rows(minimal / "actors.csv")
    actors += [
        _body("lu-ministry-mobility", "Ministry of Mobility", "ministry", "LU"),
        _body("fr-waste-syndicate", "Waste Syndicate", "special_purpose_body", "FR"),
        _body("de-bus-company", "Bus Company", "public_company", "DE"),
        _body("de-transport-association", "Transport Association", "special_purpose_body", "DE"),
    ]
    write_rows(minimal / "actors.csv", actors)
    return minimal


def study_of(folder: Path, reference: Path, exercises: list[dict] | None = None) -> Study:
    target = folder / "exercises.csv"
    if exercises is None:
        target.unlink(missing_ok=True)
    else:
        write_rows(target, exercises, EXERCISES_HEADER)
    return Study.from_dataset(read_dataset(folder, reference=reference))


ORGAN = _exercise("lu-ministry-mobility", "public_transport", "lu-government", "organ")
TRANSFER = _exercise(
    "fr-waste-syndicate", "waste_collection", "fr-cc-bouzonvillois-trois-frontieres", "transfer"
)
BROADER = _exercise("de-transport-association", "mobility", "de-lk-merzig-wadern", "transfer")
CONCESSION = _exercise("de-bus-company", "bus_transport", "de-lk-merzig-wadern", "concession")


def test_an_organ_answers_for_its_government(border, reference):
    without = study_of(border, reference)
    ranked = [
        r["candidate"]
        for r in counterparts(without, "fr-apach", competence="public_transport", countries=["LU"])
    ]
    assert ranked[0] == "lu-government" and "lu-ministry-mobility" not in ranked

    study = study_of(border, reference, [ORGAN])
    rows = counterparts(study, "fr-apach", competence="public_transport", countries=["LU"])
    assert [r["candidate"] for r in rows][0] == "lu-ministry-mobility"
    assert "lu-government" not in [r["candidate"] for r in rows]  # not a separate competitor
    [face] = rows[0]["on_behalf_of"]
    assert face["formal_holder"] == "lu-government" and face["kind"] == "organ"
    assert any("exercises public_transport for" in note for note in rows[0]["notes"])
    assert SRC in rows[0]["sources"]
    # the ministry inherits the government's role and serves the government's territory
    assert (
        study.holdings["lu-ministry-mobility"]["public_transport"]["role"]
        == (study.holdings["lu-government"]["public_transport"]["role"])
    )
    assert study.serves["lu-ministry-mobility"] == study.serves["lu-government"]


def test_who_names_the_formal_holder_in_the_operational_record(border, reference):
    study = study_of(border, reference, [ORGAN])
    rows = who(study, "fr-apach", competence="public_transport", countries=["LU"])
    holders = [r["holder"] for r in rows]
    assert "lu-ministry-mobility" in holders and "lu-government" not in holders
    record = next(r for r in rows if r["holder"] == "lu-ministry-mobility")
    [holding] = record["holds"]
    assert holding["on_behalf_of"] == [
        {"id": "lu-government", "name": study.node("lu-government")["name"]}
    ]
    assert holding["provenance"] == "exercised"
    without = study_of(border, reference)
    assert "lu-government" in [
        r["holder"]
        for r in who(without, "fr-apach", competence="public_transport", countries=["LU"])
    ]


def test_a_transfer_leaves_the_members(border, reference):
    ccb3f = "fr-cc-bouzonvillois-trois-frontieres"
    without = study_of(border, reference)
    assert "waste_collection" in without.holdings[ccb3f]
    ranked = [
        r["candidate"]
        for r in counterparts(without, "de-perl", competence="waste_collection", countries=["FR"])
    ]
    assert ranked == [ccb3f]
    study = study_of(border, reference, [TRANSFER])
    assert "waste_collection" not in study.holdings.get(ccb3f, {})
    assert "waste_collection" in study.transferred[ccb3f]
    ranked = [
        r["candidate"]
        for r in counterparts(study, "de-perl", competence="waste_collection", countries=["FR"])
    ]
    assert ranked == ["fr-waste-syndicate"]  # reached through the members it serves
    assert study.serves["fr-waste-syndicate"] == study.serves[ccb3f]


def test_a_broader_holding_answers_a_narrower_question(border, reference):
    study = study_of(border, reference, [BROADER])
    lk = "de-lk-merzig-wadern"
    # the transfer of mobility takes its narrower bus transport from the Landkreis too
    assert "bus_transport" in study.transferred[lk]
    rows = counterparts(study, "fr-apach", competence="bus_transport", countries=["DE"])
    assert [r["candidate"] for r in rows] == ["de-transport-association"]
    assert rows[0]["parts"]["competence"] == 0.5  # mobility answers for bus transport, at half
    held = who(study, "fr-apach", competence="bus_transport", countries=["DE"])
    assert [r["holder"] for r in held] == ["de-transport-association"]
    assert [h["competence"] for h in held[0]["holds"]] == ["mobility"]


def test_a_concession_keeps_the_holder_with_a_lesser_role(border, reference):
    without = study_of(border, reference)
    first = counterparts(without, "fr-apach", competence="bus_transport", countries=["DE"])
    before = {r["candidate"]: r["parts"]["competence"] for r in first}
    study = study_of(border, reference, [CONCESSION])
    rows = counterparts(study, "fr-apach", competence="bus_transport", countries=["DE"])
    after = {r["candidate"]: r["parts"]["competence"] for r in rows}
    assert "de-bus-company" in after
    assert after["de-lk-merzig-wadern"] == pytest.approx(before["de-lk-merzig-wadern"] / 2)
    record = next(r for r in rows if r["candidate"] == "de-lk-merzig-wadern")
    assert record["exercised_by"][0]["body"] == "de-bus-company"
    # the operator does the job: it answers with the holder's role
    assert (
        study.holdings["de-bus-company"]["bus_transport"]["role"]
        == (study.holdings["de-lk-merzig-wadern"]["bus_transport"]["role"])
    )


def test_an_authority_with_its_own_operator_meets_the_authority_before_the_operator(
    border, reference
):
    """Asked by the CC, which has its buses run under concession, or by its operator, the German
    bus company that runs the Landkreis's buses under concession counts at half its role and
    the Landkreis that ordered them in full (its concession no longer halves it); asked by a
    commune with no operator, or by the CC before its concession, the company counts in full
    and the Landkreis at half."""
    actors = read_rows(border / "actors.csv")
    write_rows(
        border / "actors.csv",
        [*actors, _body("fr-bus-operator", "French Bus Operator", "public_company", "FR")],
    )
    ccb3f = "fr-cc-bouzonvillois-trois-frontieres"
    own = _exercise("fr-bus-operator", "bus_transport", ccb3f, "concession")

    def parts(study: Study, asker: str) -> dict[str, float]:
        rows = counterparts(study, asker, competence="bus_transport", countries=["DE"])
        return {r["candidate"]: r["parts"]["competence"] for r in rows}

    operator_only = study_of(border, reference, [CONCESSION])
    before = parts(operator_only, ccb3f)
    study = study_of(border, reference, [CONCESSION, own])
    after = parts(study, ccb3f)
    assert after["de-bus-company"] == pytest.approx(before["de-bus-company"] / 2)
    assert after["de-lk-merzig-wadern"] == pytest.approx(before["de-lk-merzig-wadern"] * 2)
    assert parts(study, "fr-bus-operator") == pytest.approx(after)  # the operator asks alike
    record = next(
        r
        for r in counterparts(study, ccb3f, competence="bus_transport", countries=["DE"])
        if r["candidate"] == "de-bus-company"
    )
    assert any(
        "asks about services authorities order (it has its own operator, or is one)" in n
        for n in record["notes"]
    )
    assert parts(study, "fr-apach")["de-bus-company"] == pytest.approx(
        parts(operator_only, "fr-apach")["de-bus-company"]
    )


def test_a_body_without_territory_or_members_is_out_of_reach_until_it_exercises(border, reference):
    without = study_of(border, reference)
    assert "lu-ministry-mobility" not in without.serves
    study = study_of(border, reference, [ORGAN])
    assert "lu-ministry-mobility" in study.serves


def test_an_empty_answer_says_why_and_what_to_try(border, reference):
    study = study_of(border, reference, [ORGAN])
    assert (
        who(study, "fr-apach", competence="bus_transport", countries=["DE"], max_distance=0) == []
    )
    reason = why_empty(
        study, "fr-apach", competence="bus_transport", countries=["DE"], max_distance=0
    )
    assert reason == (
        "DE: no holder of bus_transport within 0 border steps of Commune d'Apach; the nearest: "
        "Landkreis Merzig-Wadern (1 border step): try --max-distance 1"
    )
    assert counterparts(study, "de-perl", competence="tourism_promotion", countries=["LU"]) == []
    reason = why_empty(study, "de-perl", competence="tourism_promotion", countries=["LU"])
    assert reason.startswith("LU: the reference data allocates tourism_promotion to no level of LU")


def test_an_actor_inland_is_answered_from_farther_and_says_so(border, reference):
    study = study_of(border, reference)
    # nothing within 0 steps: the search goes on from the territories containing Apach's
    rows = counterparts(
        study, "fr-apach", competence="bus_transport", countries=["DE"], max_distance=0
    )
    assert [r["candidate"] for r in rows] == ["de-lk-merzig-wadern"]
    assert any("the search went on" in note for note in rows[0]["notes"])
    near = counterparts(study, "fr-apach", competence="bus_transport", countries=["DE"])
    assert not any("the search went on" in note for note in near[0]["notes"])


def test_exercises_rows_are_validated(border, reference):
    bad = _exercise("lu-ministry-mobility", "public_transport", "lu-ministry-mobility", "organ")
    typo = _exercise("lu-ministry-mobility", "public_transprt", "lu-government", "organ")
    kind = _exercise("lu-ministry-mobility", "roads", "lu-government", "outsourcing")
    with pytest.raises(DatasetError) as caught:
        study_of(border, reference, [bad, typo, kind, ORGAN, dict(ORGAN)])
    messages = [str(p) for p in caught.value.problems]
    assert any("on_behalf_of: names the body itself" in m for m in messages)
    assert any("unknown competence 'public_transprt'" in m for m in messages)
    assert any("kind" in m and "outsourcing" in m for m in messages)
    assert any("repeats the row of line" in m for m in messages)


def test_exercises_go_round_the_export(border, reference, tmp_path):
    from govgraph.data.export import write_dataset

    study = study_of(border, reference, [ORGAN, TRANSFER])
    write_dataset(study.graph, tmp_path / "copy")
    rows = read_rows(tmp_path / "copy" / "exercises.csv")
    assert {(r["actor"], r["competence"], r["on_behalf_of"], r["kind"]) for r in rows} == {
        ("lu-ministry-mobility", "public_transport", "lu-government", "organ"),
        (
            "fr-waste-syndicate",
            "waste_collection",
            "fr-cc-bouzonvillois-trois-frontieres",
            "transfer",
        ),
    }
    again = Study.from_dataset(read_dataset(tmp_path / "copy"))
    assert again.transferred == study.transferred
    shutil.rmtree(tmp_path / "copy")


def test_a_body_that_exercises_a_competence_is_tied_into_the_network(border, reference):
    """An organ, a syndicate or an operator works with those it exercises for: without the
    exercises row the Luxembourg government of the minimal dataset is an isolated actor of the
    gaps analysis (and its ministry out of the area); with it neither is isolated."""
    from govgraph.analysis.gaps import find_gaps

    def isolated(study: Study) -> set[str]:
        gaps = find_gaps(study, kinds=["isolated_actor"])
        return {actor["id"] for g in gaps for actor in g["side_a"]["actors"]}

    without = study_of(border, reference)
    assert "lu-ministry-mobility" not in without.ties["lu-government"]
    study = study_of(border, reference, [ORGAN])
    assert study.ties.edges["lu-ministry-mobility", "lu-government"]["type"] == "EXERCISES"
    assert study.ties.edges["lu-ministry-mobility", "lu-government"]["source"] == SRC
    assert "lu-government" in isolated(without)
    assert not isolated(study) & {"lu-government", "lu-ministry-mobility"}


def _far_town(folder: Path) -> None:
    """A town deep inside the Landkreis (no border of its own in the data) that runs a service."""
    territories = read_rows(folder / "territories.csv")
    territories.append(
        {
            **territories[-1],
            "id": "t-de-far-town",
            "name": "Far Town",
            "country": "DE",
            "part_of": "t-de-lk-merzig-wadern",
            "population": "1000",
            "population_date": "2022-12-31",
        }
    )
    write_rows(folder / "territories.csv", territories)
    actors = read_rows(folder / "actors.csv")
    actors.append(_body("de-far-town", "Far Town", "municipality", "DE", "t-de-far-town"))
    write_rows(folder / "actors.csv", actors)


def test_a_delegation_weighs_only_where_the_delegate_serves(border, reference):
    """A town far inside the Landkreis runs its own buses by concession: for a question from
    the border the Landkreis still runs them (whole role); an operator serving the whole
    Landkreis, or the border town, leaves it with the lesser role."""
    lk = "de-lk-merzig-wadern"

    def competence_part(study: Study) -> float:
        rows = counterparts(study, "fr-apach", competence="bus_transport", countries=["DE"])
        return next(r for r in rows if r["candidate"] == lk)["parts"]["competence"]

    _far_town(border)
    whole = competence_part(study_of(border, reference))
    far = study_of(border, reference, [_exercise("de-far-town", "bus_transport", lk, "concession")])
    assert competence_part(far) == pytest.approx(whole)
    rows = counterparts(far, "fr-apach", competence="bus_transport", countries=["DE"])
    record = next(r for r in rows if r["candidate"] == lk)
    assert any("farther from this question: counted at 1 of its role" in n for n in record["notes"])
    near = study_of(border, reference, [_exercise("de-perl", "bus_transport", lk, "concession")])
    assert competence_part(near) == pytest.approx(whole / 2)
    assert competence_part(study_of(border, reference, [CONCESSION])) == pytest.approx(whole / 2)


def test_an_office_answers_for_the_department_it_belongs_to(border, reference):
    """A ministry (an organ of its government) and an office under it both exercise public
    transport for the government: the office does the job, the ministry yields to it."""
    actors = read_rows(border / "actors.csv")
    actors.append(_body("lu-transport-office", "Public Transport Office", "state_agency", "LU"))
    write_rows(border / "actors.csv", actors)
    office = _exercise("lu-transport-office", "public_transport", "lu-government", "organ")

    def ranked() -> list[str]:
        study = study_of(border, reference, [ORGAN, office])
        rows = counterparts(study, "fr-apach", competence="public_transport", countries=["LU"])
        return [r["candidate"] for r in rows]

    assert {"lu-ministry-mobility", "lu-transport-office"} <= set(ranked())
    relations = read_rows(border / "relations.csv")
    relations.append(
        {
            **relations[0],
            "from_id": "lu-transport-office",
            "type": "SUPERVISED_BY",
            "to_id": "lu-ministry-mobility",
            "role": "office of the ministry",
        }
    )
    write_rows(border / "relations.csv", relations)
    assert ranked() == ["lu-transport-office"]


def test_a_delegation_hands_over_only_the_parts_the_delegate_holds(border, reference):
    """The Landkreis delegates public transport to a transport association: its own bus
    transport, a narrower competence the association does not hold, stays whole (the Saarland
    Landkreise stay the organising authority of their local buses); once the association holds
    bus transport too, it is handed over and the Landkreis keeps half."""
    lk = "de-lk-merzig-wadern"
    association = "de-transport-association"

    def competence_part(study: Study) -> float:
        rows = counterparts(study, "fr-apach", competence="bus_transport", countries=["DE"])
        return next(r for r in rows if r["candidate"] == lk)["parts"]["competence"]

    whole = competence_part(study_of(border, reference))
    broad = _exercise(association, "public_transport", lk, "delegation")
    study = study_of(border, reference, [broad])
    assert competence_part(study) == pytest.approx(whole)
    rows = counterparts(study, "fr-apach", competence="bus_transport", countries=["DE"])
    assert (
        "public_transport is exercised by Transport Association (delegation; Law art. 1), which "
        "does not hold bus_transport: that stays whole here"
    ) in next(r for r in rows if r["candidate"] == lk)["notes"]
    buses = _exercise(association, "bus_transport", lk, "delegation")
    assert competence_part(study_of(border, reference, [broad, buses])) == pytest.approx(whole / 2)


def test_a_delegate_of_holders_that_hold_none_of_it_is_a_delegate_not_the_whole(border, reference):
    """The Landkreis holds no tourism promotion in the reference: the company it delegates it to
    exercises a delegated role, not an exclusive one; the ministry the Government makes its organ
    for tourism, which the Government holds neither, does the whole of it. Where the Landkreis
    holds the competence (bus transport), the company takes its role."""
    tourism = _exercise("de-bus-company", "tourism_promotion", "de-lk-merzig-wadern", "delegation")
    organ = _exercise("lu-ministry-mobility", "tourism_promotion", "lu-government", "organ")
    study = study_of(border, reference, [tourism, organ, CONCESSION])
    assert "tourism_promotion" not in study.holdings["de-lk-merzig-wadern"]
    assert study.holdings["de-bus-company"]["tourism_promotion"]["role"] == "delegated"
    assert study.holdings["lu-ministry-mobility"]["tourism_promotion"]["role"] == "exclusive"
    assert (
        study.holdings["de-bus-company"]["bus_transport"]["role"]
        == (study.holdings["de-lk-merzig-wadern"]["bus_transport"]["role"])
    )
    rows = counterparts(study, "fr-apach", competence="tourism_promotion", countries=["DE"])
    company = next(r for r in rows if r["candidate"] == "de-bus-company")
    assert company["parts"]["competence"] == pytest.approx(0.6)  # the delegated role's weight
