"""Counterparts, holders and level equivalence: exact records on small data, behaviour on the
bundled dataset, and every user error."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL, read_rows, write_rows

import govgraph
from govgraph.analysis.actors import resolve_actor
from govgraph.analysis.counterparts import (
    HOLDER_WEIGHTS,
    Weights,
    asked_part,
    counterparts,
    holder_strength,
    level_equivalence,
    profile_similarity,
    residual_taker,
    who,
)
from govgraph.data.dataset import read_dataset, reference_path
from govgraph.errors import AmbiguousError, GovgraphError, NotFoundError
from govgraph.study import Study

CCB3F = "fr-cc-bouzonvillois-trois-frontieres"


@pytest.fixture(scope="module")
def study():
    return govgraph.load_study()


@pytest.fixture
def small(minimal: Path, reference: Path):
    return Study.from_dataset(read_dataset(minimal, reference=reference))


# ------------------------------------------------------------------ exact records on small data


def test_a_question_is_about_the_part_of_the_competence_the_actor_holds(minimal):
    """Perl builds primary schools, the State of Luxembourg teaches in them: Perl's counterpart
    for primary education is the commune that builds them; once Perl holds teaching too the
    question is about the whole competence again (on the bundled catalogue, which splits it)."""
    reference = reference_path()
    study = Study.from_dataset(read_dataset(minimal, reference=reference))
    assert asked_part(study, "de-perl", "primary_education") == ["primary_school_buildings"]
    assert asked_part(study, "de-perl", "primary_school_buildings") is None  # the whole of it
    assert asked_part(study, "de-perl", "police") is None  # holds none of it
    rows = counterparts(study, "de-perl", competence="primary_education", countries=["LU"])
    assert [r["candidate"] for r in rows] == ["lu-schengen"]
    assert any("holds only part of primary_education" in n for n in rows[0]["notes"])

    holdings = read_rows(minimal / "holdings.csv")
    teaching = dict(holdings[0], actor="de-perl", competence="primary_teaching", role="support")
    write_rows(minimal / "holdings.csv", [*holdings, teaching])
    both = Study.from_dataset(read_dataset(minimal, reference=reference))
    assert asked_part(both, "de-perl", "primary_education") is None
    rows = counterparts(both, "de-perl", competence="primary_education", countries=["LU"])
    assert "lu-government" in [r["candidate"] for r in rows]
    assert not any("holds only part" in n for r in rows for n in r["notes"])


def test_score_is_the_weighted_mean_of_the_known_parts(small):
    rows = counterparts(small, "fr-apach", countries=["DE"])
    perl = rows[0]
    assert perl["candidate"] == "de-perl" and perl["rank"] == 1
    scale = 1 - abs(math.log10(1071) - math.log10(8992)) / 3
    assert perl["parts"] == {
        "competence": None,
        "tier": 1.0,
        "proximity": 0.5,
        "scale": round(scale, 4),
        "kind": 1.0,
    }
    expected = (0.20 * 1.0 + 0.15 * 0.5 + 0.10 * scale + 0.10 * 1.0) / (0.20 + 0.15 + 0.10 + 0.10)
    assert perl["score"] == round(expected, 4)
    assert perl["notes"] == [
        "fr-apach holds no competence in the data for this question: ranked by the other parts"
    ]
    assert perl["border_path"] == ["t-fr-apach → t-de-perl"]
    assert "https://de.wikipedia.org/wiki/Apach" in perl["sources"]  # the BORDERS fact used
    border = [f for f in perl["facts"] if f["fact"] == "t-fr-apach borders t-de-perl"]
    assert [f["source"] for f in border] == ["https://de.wikipedia.org/wiki/Apach"]  # its own
    holding = {f["fact"]: f["source"] for f in perl["facts"] if " holds " in f["fact"]}
    assert holding == {}  # no competence compared for this question, so no holding fact


def test_default_countries_are_those_within_reach(small):
    rows = counterparts(small, "fr-apach")
    assert sorted({r["country"] for r in rows}) == ["DE", "LU"]
    assert [r["rank"] for r in rows if r["country"] == "LU"] == [1, 2]


def test_a_counterpart_at_another_tier_says_so(small):
    rows = counterparts(small, "fr-cc-bouzonvillois-trois-frontieres", countries=["LU"])
    government = next(r for r in rows if r["candidate"] == "lu-government")
    assert (
        "this counterpart sits at the national tier (État), not the intermunicipal tier"
        in (government["notes"][0])
    )


def test_profile_similarity_bounds(study):
    profile = {"public_transport": 1.0, "waste_collection": 0.8}
    assert profile_similarity(study, profile, profile) == pytest.approx(1.0)
    assert profile_similarity(study, profile, {}) == 0.0
    assert profile_similarity(study, {}, profile) is None
    related = profile_similarity(study, {"bus_transport": 1.0}, {"rail_transport": 1.0})
    assert related == pytest.approx(0.5)  # siblings under public transport


def test_holder_strength_prefers_who_holds_more_of_the_competence(study):
    from govgraph.analysis.counterparts import wanted_competences

    scope = wanted_competences(study, "public_transport")
    state = holder_strength(study, "lu-government", scope)
    administration = holder_strength(study, "lu-atp", scope)
    commune = holder_strength(study, "lu-schengen", scope)
    assert administration > commune > 0
    assert state == 0  # its organs (the ministry, the ATP) exercise it: they answer for it
    assert holder_strength(study, "lu-police", scope) == 0


# ------------------------------------------------------------------ the bundled case


def test_public_transport_counterparts_are_asymmetric(study):
    rows = counterparts(study, CCB3F, competence="public_transport", top=3)
    first = {r["country"]: r for r in rows if r["rank"] == 1}
    # the organ that exercises it answers for the Luxembourg State, and says so
    assert first["LU"]["candidate"] in {"lu-atp", "lu-ministere-mobilite-travaux-publics"}
    assert {f["formal_holder"] for f in first["LU"]["on_behalf_of"]} == {"lu-government"}
    assert first["DE"]["candidate"] in {"de-zps", "de-lk-trier-saarburg", "de-lk-merzig-wadern"}


def test_ranking_is_deterministic_and_ordered(study):
    first = counterparts(study, CCB3F, top=10)
    assert counterparts(study, CCB3F, top=10) == first
    for country in ("DE", "LU"):
        scores = [r["score"] for r in first if r["country"] == country]
        assert scores == sorted(scores, reverse=True)
    merzig, mettlach = (
        next(r for r in first if r["candidate"] == c) for c in ("de-merzig", "de-mettlach")
    )
    assert merzig["parts"]["competence"] == mettlach["parts"]["competence"]
    assert merzig["rank"] < mettlach["rank"]  # higher score (scale) first


def test_weights_change_the_ranking(study):
    default = counterparts(study, CCB3F, countries=["DE"], top=1)[0]["candidate"]
    near = counterparts(
        study, CCB3F, countries=["DE"], top=1, weights=Weights.from_mapping({"proximity": 5})
    )[0]
    assert default == "de-vg-saarburg-kell"
    nearest = min(r["distance"] for r in counterparts(study, CCB3F, countries=["DE"], top=500))
    assert near["distance"] == nearest < 2  # the Verbandsgemeinde is 2 steps away


def test_theme_filter_restricts_the_profiles(study):
    rows = counterparts(study, CCB3F, theme="tourism_attractiveness", countries=["DE"], top=1)
    shared = {s["competence"] for s in rows[0]["shared"]}
    assert shared <= {
        "tourism_promotion",
        "economic_development",
        "culture",
        "cross_border_cooperation",
    }


def test_who_lists_every_side_nearest_first(study):
    rows = who(study, CCB3F, competence="public_transport")
    assert [r["side"] for r in rows] == sorted((r["side"] for r in rows), key=lambda s: s != "own")
    for country in ("DE", "LU"):
        distances = [r["distance"] for r in rows if r["country"] == country]
        assert distances == sorted(distances)
    zps = next(r for r in rows if r["holder"] == "de-zps")
    assert {h["competence"] for h in zps["holds"]} == {
        "public_transport",
        "bus_transport",
        "interurban_bus",
        "rail_transport",
    }
    assert all(h["source"] for r in rows for h in r["holds"])
    assert {
        r["country"] for r in who(study, CCB3F, competence="public_transport", countries=["LU"])
    } == {"LU"}


def test_level_equivalence_puts_peers_first(study):
    rows = level_equivalence(study, ["FR", "DE", "LU"])
    best = {}
    for r in rows:
        best.setdefault((r["level_a"], r["country_b"]), r)
    assert best[("FR-commune", "DE")]["level_b"].startswith("DE-gemeinde")
    assert best[("FR-region", "DE")]["level_b"].startswith("DE-land")
    assert set(rows[0]["by_theme"]) == {
        "environment_mobility",
        "tourism_attractiveness",
        "public_services_healthcare",
    }
    assert all(0 <= r["score"] <= 1 for r in rows)


def test_levels_of_two_lands_are_compared_like_two_countries(study):
    rows = level_equivalence(study, ["DE-SL", "DE-RP"])
    assert {(r["country_a"], r["country_b"]) for r in rows} == {("DE-SL", "DE-RP")}
    best = {}
    for r in rows:
        best.setdefault(r["level_a"], r)
    assert best["DE-land (DE-SL)"]["level_b"] == "DE-land (DE-RP)"
    # the Verbandsgemeinde exists in Rhineland-Palatinate only
    assert not [r for r in rows if r["level_a"].startswith("DE-verbandsgemeinde")]
    assert "DE-verbandsgemeinde (DE-RP)" in {r["level_b"] for r in rows}
    # one level under one rule is not compared with itself
    assert not [r for r in rows if r["level_a"] == "DE-bund (DE-SL)" and r["name_b"] == "Bund"]
    with pytest.raises(NotFoundError, match="no actor in subdivision 'DE-BY'"):
        level_equivalence(study, ["DE-BY", "FR"])


# ------------------------------------------------------------------ names and user errors


def test_resolve_actor_by_id_or_name_in_any_language(study):
    assert resolve_actor(study, CCB3F) == CCB3F
    assert resolve_actor(study, "Bouzonville") == "fr-bouzonville"
    assert resolve_actor(study, "busendorf") == "fr-bouzonville"
    assert resolve_actor(study, "UBERHERRN") == "de-ueberherrn"
    assert resolve_actor(study, "landkreis merzig-wadern") == "de-lk-merzig-wadern"


def test_ambiguous_and_unknown_names(study):
    with pytest.raises(AmbiguousError) as caught:
        resolve_actor(study, "lès-Sierck")  # three communes are "…-lès-Sierck"
    assert "fr-kirsch-les-sierck — Commune de Kirsch-lès-Sierck" in caught.value.candidates
    with pytest.raises(NotFoundError, match="did you mean 'fr-bouzonville'"):
        resolve_actor(study, "fr-bouzonvile")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"competence": "public_transprt"},
            "no competence 'public_transprt'; did you mean 'public_transport'",
        ),
        ({"theme": "sports"}, "no theme 'sports'; themes: environment_mobility"),
        ({"countries": ["IT"]}, "no actor in country or subdivision 'IT'"),
        ({"competence": "roads", "theme": "environment_mobility"}, "not both"),
    ],
)
def test_bad_questions_name_the_allowed_values(study, kwargs, message):
    with pytest.raises(GovgraphError, match=message):
        counterparts(study, CCB3F, **kwargs)


def test_weights_are_checked():
    assert Weights.from_mapping({"tier": "0.3"}).tier == 0.3
    assert Weights.from_mapping({"tier": 0}, HOLDER_WEIGHTS).competence == HOLDER_WEIGHTS.competence
    for bad, message in [
        ({"size": 1}, "unknown weight 'size'"),
        ({"tier": -1}, "zero or more"),
        ({"tier": "x"}, "must be a number"),
        (
            dict.fromkeys(("competence", "tier", "proximity", "scale", "kind"), 0),
            "at least one weight",
        ),
    ]:
        with pytest.raises(GovgraphError, match=message):
            Weights.from_mapping(bad)


def test_level_equivalence_errors(study):
    with pytest.raises(GovgraphError, match="at least two countries"):
        level_equivalence(study, ["FR"])
    with pytest.raises(NotFoundError, match="no levels for country 'IT'"):
        level_equivalence(study, ["FR", "IT"])


def test_a_land_is_a_target_like_a_country(study):
    """Asked for Rhineland-Palatinate, a Luxembourg commune on the Moselle meets the bodies of
    that Land only (the Verbandsgemeinde builds the primary schools there), each record naming
    its subdivision; asked for Germany, it meets the Saarland Gemeinden too."""
    question = {"competence": "primary_education", "top": 10}
    rows = counterparts(study, "lu-stadtbredimus", countries=["de-rp"], **question)
    assert rows and all(r["country"] == "DE-RP" for r in rows)
    assert all("DE-RP" in r["subdivisions"] for r in rows)
    assert "de-vg-saarburg-kell" in [r["candidate"] for r in rows]
    germany = counterparts(study, "lu-stadtbredimus", countries=["DE"], **question)
    assert {"DE-SL", "DE-RP"} <= {s for r in germany for s in r["subdivisions"]}
    held = who(study, "lu-stadtbredimus", competence="primary_education", countries=["DE-RP"])
    assert held and all("DE-RP" in r["subdivisions"] and r["country"] == "DE" for r in held)


def test_each_fact_of_a_record_keeps_its_own_source():
    study = govgraph.load_study()
    [perl] = counterparts(study, "fr-apach", countries=["DE"], top=1)
    facts = {f["fact"]: f["source"] for f in perl["facts"]}
    for shared in perl["shared"]:
        c = shared["competence"]
        mine = facts[
            f"fr-apach holds {c} ({shared['actor_role']}, "
            f"{study.holdings['fr-apach'][c]['provenance']})"
        ]
        theirs = [s for f, s in facts.items() if f.startswith(f"de-perl holds {c} (")]
        assert mine == study.holdings["fr-apach"][c]["source"]
        assert theirs == [study.holdings["de-perl"][c]["source"]]
    assert facts["t-fr-apach borders t-de-perl"] is not None
    assert facts["de-perl: Gemeinde Perl (municipality)"] == study.node("de-perl")["source"]
    merged = {p for s in facts.values() if s for p in s.split(" ; ")}
    assert set(perl["sources"]) == merged


def test_a_liaison_body_answers_across_the_border_for_what_it_coordinates(minimal):
    """The police and customs cooperation centre exercises no police of its own, but it is the
    body the other side deals with: counted in full for police, as the police itself is, and
    its record says why; held as mere support it comes after the police and says nothing."""

    actors = read_rows(minimal / "actors.csv")
    holdings = read_rows(minimal / "holdings.csv")

    def ranked(role: str) -> list[dict]:
        police = dict(
            actors[-1],
            id="lu-police",
            name="Police grand-ducale",
            name_de="",
            kind="state_agency",
            level="",
            territory="t-lu",
        )
        centre = dict(police, id="xb-ccpd-luxembourg", name="CCPD de Luxembourg")
        write_rows(minimal / "actors.csv", [*actors, police, centre])
        rows = [
            dict(holdings[0], actor="lu-police", competence="police", role="exclusive"),
            dict(
                holdings[0],
                actor="xb-ccpd-luxembourg",
                competence="police",
                role=role,
                legal_basis="Accord du 24 octobre 2008",
            ),
        ]
        write_rows(minimal / "holdings.csv", [*holdings, *rows])
        study = Study.from_dataset(read_dataset(minimal, reference=reference_path()))
        return counterparts(study, "de-perl", competence="police", countries=["LU"])

    liaison = {r["candidate"]: r for r in ranked("liaison")}
    centre, police = liaison["xb-ccpd-luxembourg"], liaison["lu-police"]
    assert centre["parts"]["competence"] == police["parts"]["competence"] == 1.0
    assert any(
        "liaison body for police across the border (Accord du 24 octobre 2008)" in note
        for note in centre["notes"]
    )
    support = ranked("support")
    order = [r["candidate"] for r in support]
    assert order.index("lu-police") < order.index("xb-ccpd-luxembourg")
    assert not any("liaison" in n for r in support for n in r["notes"])


def test_the_body_of_the_land_across_the_border_comes_before_the_next_lands(minimal):
    """Apach faces Perl, in the Saarland. A Rhineland-Palatinate body two steps away holding
    waste collection exclusively scores above the Saarland body holding it shared, one step
    away; a practitioner calls the Saarland body, and so does govgraph once the two Länder have
    governments in the data (a subdivision with a government of its own), with a note for the
    other. Without the Land governments the codes are bare and the score decides."""
    actors = read_rows(minimal / "actors.csv")
    territories = read_rows(minimal / "territories.csv")
    relations = read_rows(minimal / "relations.csv")
    holdings = read_rows(minimal / "holdings.csv")
    land = dict(territories[1], kind="region", part_of="t-de", population="")
    saarland = dict(land, id="t-de-saarland", name="Saarland", code="DE-SL")
    palatinate = dict(land, id="t-de-rheinland-pfalz", name="Rheinland-Pfalz", code="DE-RP")
    for each in (saarland, palatinate):
        each["code_scheme"] = "ISO3166-2"
    kirf = dict(territories[-2], id="t-de-kirf", name="Kirf", code="", code_scheme="")
    kirf.update(part_of="t-de-rheinland-pfalz", population="")
    counties = [
        dict(t, part_of="t-de-saarland") if t["id"] == "t-de-lk-merzig-wadern" else t
        for t in territories
    ]
    write_rows(minimal / "territories.csv", [*counties, saarland, palatinate, kirf])
    border = dict(relations[1], from_id="t-de-perl", to_id="t-de-kirf")
    write_rows(minimal / "relations.csv", [*relations, border])
    body = dict(actors[2], kind="special_purpose_body", level="", name_de="")
    saar_body = dict(body, id="de-sl-verband", name="Verband Saar", territory="t-de-saarland")
    rp_body = dict(body, id="de-rp-verband", name="Verband Kirf", territory="t-de-kirf")
    rp_body["subdivision"] = "DE-RP"
    rows = [
        dict(holdings[0], actor="de-sl-verband", role="shared"),
        dict(holdings[0], actor="de-rp-verband", role="exclusive"),
    ]
    write_rows(minimal / "holdings.csv", [*holdings, *rows])

    def ranked(with_governments: bool) -> list[dict]:
        governments = [
            dict(body, id="de-saarland", name="Saarland", kind="federated_state"),
            dict(body, id="de-rheinland-pfalz", name="Rheinland-Pfalz", kind="federated_state"),
        ]
        governments[0].update(level="DE-land", territory="t-de-saarland")
        governments[1].update(
            level="DE-land", territory="t-de-rheinland-pfalz", subdivision="DE-RP"
        )
        extra = governments if with_governments else []
        write_rows(minimal / "actors.csv", [*actors, saar_body, rp_body, *extra])
        study = Study.from_dataset(read_dataset(minimal, reference=reference_path()))
        return [
            r
            for r in counterparts(
                study, "fr-apach", competence="waste_collection", countries=["DE"], top=20
            )
            if r["candidate"].endswith("verband")
        ]

    bare = ranked(with_governments=False)
    assert [r["candidate"] for r in bare] == ["de-rp-verband", "de-sl-verband"]
    assert not any("faces" in n for r in bare for n in r["notes"])
    governed = ranked(with_governments=True)
    assert [r["candidate"] for r in governed] == ["de-sl-verband", "de-rp-verband"]
    assert governed[0]["score"] < governed[1]["score"]  # the Land decides, not the score
    assert (
        "de-rp-verband serves DE-RP, not the DE-SL that fr-apach faces: ranked after the bodies "
        "that serve it"
    ) in governed[1]["notes"]


def test_a_residual_holding_yields_where_another_body_took_the_competence(
    minimal: Path, reference: Path
):
    """The CC holds bus transport only where no other body does (``residual_to``, as the French
    région is the local mobility authority where no communauté took it): it answers Perl until a
    bus syndicate that Apach joined holds it, then the syndicate answers and the CC does not."""
    src = "https://example.org/law"
    write_rows(
        minimal / "allocations.csv",
        [
            {
                "country": "FR",
                "level": "FR-epci",
                "competence": "bus_transport",
                "role": "shared",
                "legal_basis": "Law art. 2",
                "residual_to": "bus_transport",
                "source": src,
            }
        ],
        [
            "country",
            "subdivision",
            "level",
            "competence",
            "role",
            "legal_basis",
            "partners",
            "residual_to",
            "source",
            "confidence",
            "note",
        ],
    )
    before = Study.from_dataset(read_dataset(minimal, reference=reference))
    holders = [r["holder"] for r in who(before, "de-perl", competence="bus_transport")]
    assert CCB3F in holders
    assert before.holdings[CCB3F]["bus_transport"]["residual_to"] == "bus_transport"

    actors = read_rows(minimal / "actors.csv")
    syndicate = {
        **actors[0],
        "id": "fr-bus-syndicate",
        "name": "Bus Syndicate",
        "level": "",
        "kind": "special_purpose_body",
        "territory": "",
        "source": src,
    }
    write_rows(minimal / "actors.csv", [*actors, syndicate])
    holdings = read_rows(minimal / "holdings.csv")
    write_rows(
        minimal / "holdings.csv",
        [
            *holdings,
            {
                **holdings[0],
                "actor": "fr-bus-syndicate",
                "competence": "bus_transport",
                "legal_basis": "Statutes art. 1",
                "source": src,
            },
        ],
    )
    relations = read_rows(minimal / "relations.csv")
    write_rows(
        minimal / "relations.csv",
        [*relations, {**relations[0], "to_id": "fr-bus-syndicate", "source": src}],
    )
    after = Study.from_dataset(read_dataset(minimal, reference=reference))
    rows = who(after, "de-perl", competence="bus_transport")
    holders = [r["holder"] for r in rows]
    assert "fr-bus-syndicate" in holders and CCB3F not in holders
    ranked = counterparts(after, "de-perl", competence="bus_transport", countries=["FR"])
    assert [r["candidate"] for r in ranked] == ["fr-bus-syndicate"]
    reach = {CCB3F: 1, "fr-bus-syndicate": 1}
    holding = after.holdings[CCB3F]["bus_transport"]
    assert residual_taker(after, CCB3F, holding, reach) == "fr-bus-syndicate"
    assert residual_taker(after, CCB3F, holding, {CCB3F: 1, "fr-bus-syndicate": 2}) is None


def _add_twin_town(folder: Path, population: str, borders_perl: bool) -> None:
    """A second French commune beside Apach, with its population, bordering Perl or Apach
    only; Apach and it both hold tourism promotion."""
    src = "https://example.org/gazetteer"
    territories = read_rows(folder / "territories.csv")
    apach = next(t for t in territories if t["id"] == "t-fr-apach")
    twin = {
        **apach,
        "id": "t-fr-twin",
        "name": "Twinville",
        "code": "57999",
        "population": population,
        "source": src,
    }
    write_rows(folder / "territories.csv", [*territories, twin])
    actors = read_rows(folder / "actors.csv")
    apach_actor = next(a for a in actors if a["id"] == "fr-apach")
    write_rows(
        folder / "actors.csv",
        [
            *actors,
            {
                **apach_actor,
                "id": "fr-twin",
                "name": "Commune de Twinville",
                "territory": "t-fr-twin",
                "source": src,
            },
        ],
    )
    relations = read_rows(folder / "relations.csv")
    border = next(r for r in relations if r["type"] == "BORDERS")
    neighbour = "t-de-perl" if borders_perl else "t-fr-apach"
    write_rows(
        folder / "relations.csv",
        [*relations, {**border, "from_id": "t-fr-twin", "to_id": neighbour, "source": src}],
    )
    holdings = read_rows(folder / "holdings.csv")
    write_rows(
        folder / "holdings.csv",
        [
            *holdings,
            *(
                {
                    **holdings[0],
                    "actor": who_,
                    "competence": "tourism_promotion",
                    "role": "shared",
                    "legal_basis": "Statutes art. 3",
                    "source": src,
                }
                for who_ in ("fr-apach", "fr-twin")
            ),
        ],
    )


def test_twins_come_in_the_order_of_the_border_they_face(minimal: Path, reference: Path):
    """Two communes hold tourism promotion alike; the one far bigger than Perl scores lower on
    scale, but once it borders Perl it faces most of the people across, and comes first; while
    it borders only Apach, Apach faces all of Perl's side and stays first."""
    _add_twin_town(minimal, "200000", borders_perl=True)
    study = Study.from_dataset(read_dataset(minimal, reference=reference))
    rows = counterparts(study, "de-perl", competence="tourism_promotion", countries=["FR"])
    by_id = {r["candidate"]: r for r in rows}
    assert by_id["fr-twin"]["score"] < by_id["fr-apach"]["score"]  # scale favours Apach
    order = [r["candidate"] for r in rows if r["candidate"] in ("fr-apach", "fr-twin")]
    assert order == ["fr-twin", "fr-apach"]
    assert any("fr-twin serves 99% of the people across" in n for n in by_id["fr-twin"]["notes"])

    other = minimal.parent / "apart"
    shutil.copytree(MINIMAL, other)
    _add_twin_town(other, "200000", borders_perl=False)
    study = Study.from_dataset(read_dataset(other, reference=reference))
    rows = counterparts(study, "de-perl", competence="tourism_promotion", countries=["FR"])
    order = [r["candidate"] for r in rows if r["candidate"] in ("fr-apach", "fr-twin")]
    assert order == ["fr-apach", "fr-twin"]


def _add_tourism_body(
    folder: Path, body: dict[str, str], holders: tuple[str, ...], role: str = "shared"
) -> None:
    """A body serving the CC's territory (``body``: its id, name, kind, countries), and a row
    of tourism promotion with ``role`` for it and for each other of ``holders``."""
    src = "https://example.org/statutes"
    actors = read_rows(folder / "actors.csv")
    cc = next(a for a in actors if a["id"] == CCB3F)
    write_rows(folder / "actors.csv", [*actors, {**cc, "level": "", "source": src, **body}])
    holdings = read_rows(folder / "holdings.csv")
    rows = [
        {
            **holdings[0],
            "actor": holder,
            "competence": "tourism_promotion",
            "role": role,
            "legal_basis": "Statutes art. 1",
            "source": src,
        }
        for holder in (body["id"], *holders)
    ]
    write_rows(folder / "holdings.csv", [*holdings, *rows])


def _add_tourist_office(folder: Path, cc_documented: bool) -> None:
    """A tourist office serving the CC's territory holds tourism promotion (shared) by its own
    row; the CC holds it through its level's allocation, or also by a row of its own."""
    office = {
        "id": "fr-tourist-office",
        "name": "Office de tourisme",
        "kind": "special_purpose_body",
    }
    _add_tourism_body(folder, office, (CCB3F,) if cc_documented else ())


def test_a_body_the_data_shows_doing_the_job_comes_before_one_its_level_lets_do_it(
    minimal: Path, reference: Path
):
    """The CC holds tourism promotion with others only because the reference allocates it to
    its level (shared); a tourist office holds it by its own row: the office comes first, and
    the CC's record says why. Once the CC's own row documents it, the CC counts in full and
    comes first again."""
    _add_tourist_office(minimal, cc_documented=False)
    study = Study.from_dataset(read_dataset(minimal, reference=reference))
    assert study.holdings[CCB3F]["tourism_promotion"]["provenance"] == "inferred"
    rows = counterparts(study, "de-perl", competence="tourism_promotion", countries=["FR"])
    assert [r["candidate"] for r in rows] == ["fr-tourist-office", CCB3F]
    assert rows[1]["parts"]["competence"] == pytest.approx(0.6)  # 0.8 (shared) × 0.75
    assert (
        f"{CCB3F} holds tourism_promotion only through its level's allocation, with others "
        "(shared): counted at 0.75 of its role, after a body the data shows doing the job"
    ) in rows[1]["notes"]
    assert not any("level's allocation" in n for n in rows[0]["notes"])

    other = minimal.parent / "documented"
    shutil.copytree(MINIMAL, other)
    _add_tourist_office(other, cc_documented=True)
    study = Study.from_dataset(read_dataset(other, reference=reference))
    rows = counterparts(study, "de-perl", competence="tourism_promotion", countries=["FR"])
    assert [r["candidate"] for r in rows] == [CCB3F, "fr-tourist-office"]
    assert rows[0]["parts"]["competence"] == pytest.approx(0.8)


def test_an_exclusive_allocation_counts_in_full(study):
    """The law gives an exclusive competence to its level alone: each body of the level does
    the job, inferred or not."""
    cattenom = "fr-cc-cattenom-et-environs"
    holding = study.holdings[cattenom]["waste_collection"]
    assert (holding["provenance"], holding["role"]) == ("inferred", "exclusive")
    assert holder_strength(study, cattenom, {"waste_collection"}) == 1.0


def _add_grouping(folder: Path, perl_member: bool, role: str = "shared") -> None:
    """A Franco-German grouping serving the CC's territory holds tourism promotion by its own
    row; Perl is one of its members, or not."""
    grouping = {"id": "xb-grouping", "name": "Grouping", "kind": "cross_border_body"}
    _add_tourism_body(folder, {**grouping, "country": "FR;DE"}, (), role)
    if perl_member:
        relations = read_rows(folder / "relations.csv")
        member = {**relations[0], "from_id": "de-perl", "to_id": "xb-grouping"}
        write_rows(folder / "relations.csv", [*relations, member])


def test_the_askers_own_body_comes_after_its_counterparts(minimal: Path, reference: Path):
    """A grouping holding tourism promotion by its own row comes before the CC, which holds it
    only through its level's allocation; once Perl is a member of the grouping, the grouping is
    Perl's own body and comes after the CC, saying why; a liaison body stays first, members or
    not (it is the designated contact)."""
    _add_grouping(minimal, perl_member=False)
    study = Study.from_dataset(read_dataset(minimal, reference=reference))
    rows = counterparts(study, "de-perl", competence="tourism_promotion", countries=["FR"])
    assert [r["candidate"] for r in rows][:2] == ["xb-grouping", CCB3F]
    for member, role, first in ((True, "shared", CCB3F), (True, "liaison", "xb-grouping")):
        folder = minimal.parent / f"{role}-{member}"
        shutil.copytree(MINIMAL, folder)
        _add_grouping(folder, perl_member=member, role=role)
        study = Study.from_dataset(read_dataset(folder, reference=reference))
        rows = counterparts(study, "de-perl", competence="tourism_promotion", countries=["FR"])
        assert rows[0]["candidate"] == first, role
    grouping = next(
        r
        for r in counterparts(
            Study.from_dataset(read_dataset(minimal.parent / "shared-True", reference=reference)),
            "de-perl",
            competence="tourism_promotion",
            countries=["FR"],
        )
        if r["candidate"] == "xb-grouping"
    )
    assert (
        "de-perl is a member of xb-grouping: its own body, ranked after its counterparts"
        in grouping["notes"]
    )
