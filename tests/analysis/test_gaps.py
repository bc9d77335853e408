"""Gaps: small hand-built graphs where each kind is present and then absent (exact records), and
the gaps a reviewer confirmed on the bundled dataset (docs/gaps.md)."""

from __future__ import annotations

import networkx as nx
import pytest

import govgraph
from govgraph.analysis.gaps import (
    DOCUMENTED_KINDS,
    GAP_KINDS,
    find_gaps,
    has_cross_border_ties,
    study_area,
)
from govgraph.errors import NotFoundError
from govgraph.study import Study

SRC = "https://example.org/source"


def scenario() -> nx.MultiDiGraph:
    """Two border municipalities (FR f1, DE d1) under their States, one theme, three
    competences (transport > bus, and waste)."""
    G = nx.MultiDiGraph(name="scenario", denied_holdings=[])

    def node(node_id: str, label: str, **props) -> None:
        G.add_node(node_id, label=label, source=SRC, **props)

    def edge(a: str, b: str, rel: str, **props) -> None:
        G.add_edge(
            a,
            b,
            key=rel if not G.has_edge(a, b, rel) else f"{rel}#2",
            type=rel,
            source=SRC,
            **props,
        )

    node("env", "Theme", name_en="Environment", name_fr="Environnement", name_de="Umwelt")
    for cid, parent, cofog in (
        ("transport", None, "04.5"),
        ("bus", "transport", "04.5.1"),
        ("waste", None, "05.1"),
    ):
        node(cid, "Competence", cofog=cofog, name_en=cid.title(), name_fr=cid, name_de=cid)
        edge(cid, "env", "IN_THEME")
        if parent:
            edge(cid, parent, "BROADER")
    for lid, country, tier in (
        ("FR-commune", "FR", "local"),
        ("FR-etat", "FR", "national"),
        ("DE-gemeinde", "DE", "local"),
        ("DE-bund", "DE", "national"),
    ):
        node(lid, "Level", country=country, name=lid.split("-")[1].title(), name_en=lid, tier=tier)
    for tid, kind, country, parent, pop in (
        ("t-fr", "country", "FR", None, 68_000_000),
        ("t-de", "country", "DE", None, 83_000_000),
        ("t-f1", "municipality", "FR", "t-fr", 1000),
        ("t-f2", "municipality", "FR", "t-fr", 1200),
        ("t-d1", "municipality", "DE", "t-de", 1100),
    ):
        node(tid, "Territory", name=tid, kind=kind, countries=[country], population=pop)
        if parent:
            edge(tid, parent, "PART_OF")
    edge("t-f1", "t-d1", "BORDERS")
    edge("t-f2", "t-f1", "BORDERS")
    for aid, kind, country, level, territory in (
        ("f1", "municipality", "FR", "FR-commune", "t-f1"),
        ("f2", "municipality", "FR", "FR-commune", "t-f2"),
        ("d1", "municipality", "DE", "DE-gemeinde", "t-d1"),
        ("fstate", "national_government", "FR", "FR-etat", "t-fr"),
        ("dstate", "national_government", "DE", "DE-bund", "t-de"),
    ):
        node(aid, "Actor", name=f"Actor {aid}", kind=kind, countries=[country])
        edge(aid, level, "AT_LEVEL")
        edge(aid, territory, "GOVERNS")
    return G


def hold(G: nx.MultiDiGraph, actor: str, competence: str, role: str = "exclusive") -> None:
    G.add_edge(
        actor, competence, key="HOLDS", type="HOLDS", role=role, provenance="asserted", source=SRC
    )


def tie(G: nx.MultiDiGraph, a: str, b: str, rel: str = "COOPERATES_WITH") -> None:
    G.add_edge(a, b, key=rel, type=rel, source=SRC)


def study_of(G: nx.MultiDiGraph) -> Study:
    """A study of a copy of ``G`` (a study freezes its graph; the test goes on editing ``G``)."""
    return Study(G.copy())


def of_kind(G: nx.MultiDiGraph, kind: str, **kwargs) -> list[dict]:
    return find_gaps(study_of(G), kinds=[kind], **kwargs)


def between(gaps: list[dict], a: str, b: str) -> list[dict]:
    """The gaps whose two sides are actors a and b (in either order)."""
    return [
        g
        for g in gaps
        if {g["side_a"]["actors"][0]["id"], g["side_b"]["actors"][0]["id"]} == {a, b}
    ]


# ------------------------------------------------------------------ no counterpart


def test_a_competence_the_reference_does_not_allocate_is_a_reference_gap():
    G = scenario()
    hold(G, "f1", "waste")
    assert of_kind(G, "no_counterpart") == []  # not a governance gap
    [gap] = of_kind(G, "reference_gap")
    assert gap["nature"] == "reference"
    assert gap["competence"] == "waste" and gap["themes"] == ["env"]
    assert gap["side_a"] == {"country": "FR", "actors": []}
    assert gap["side_b"] == {"country": "DE", "actors": [], "levels_allocated": []}
    assert gap["severity"] == 0.0
    assert gap["explanation"] == (
        "the reference data has no allocation of Waste for DE, so govgraph cannot tell who "
        "holds it on the DE side (it is held on the FR side): add the allocation rows for DE to "
        "allocations.csv, with their legal basis and source."
    )
    G.add_edge("DE-gemeinde", "waste", key="ALLOCATES", type="ALLOCATES", role="shared", source=SRC)
    assert of_kind(G, "reference_gap") == []
    assert [g["nature"] for g in of_kind(G, "no_counterpart")] == ["data"]
    hold(G, "d1", "waste", "shared")
    assert of_kind(G, "no_counterpart") == [] and of_kind(G, "reference_gap") == []


def test_a_broader_competence_allocated_but_not_held_is_the_gap_reported():
    G = scenario()
    hold(G, "f1", "bus")
    G.add_edge("DE-bund", "transport", key="ALLOCATES", type="ALLOCATES", role="shared", source=SRC)
    [gap] = of_kind(G, "no_counterpart")
    assert (gap["competence"], gap["nature"]) == ("transport", "data")
    assert [a["id"] for a in gap["side_a"]["actors"]] == ["f1"]
    assert gap["side_b"] == {"country": "DE", "actors": [], "levels_allocated": ["DE-bund"]}
    assert gap["facts"][0]["fact"] == "f1 holds bus (exclusive, asserted)"
    assert of_kind(G, "reference_gap") == []


def test_no_counterpart_data_gap_when_the_allocation_says_someone_should_hold_it():
    G = scenario()
    hold(G, "f1", "waste")
    G.add_edge("DE-gemeinde", "waste", key="ALLOCATES", type="ALLOCATES", role="shared", source=SRC)
    [gap] = of_kind(G, "no_counterpart")
    assert gap["nature"] == "data" and gap["severity"] == 0.3
    assert gap["side_b"]["levels_allocated"] == ["DE-gemeinde"]
    assert "the reference allocation gives it to Gemeinde in DE" in gap["explanation"]


def test_no_counterpart_points_to_the_holder_of_the_broader_competence():
    G = scenario()
    hold(G, "f1", "bus")
    hold(G, "d1", "transport", "shared")
    [gap] = of_kind(G, "no_counterpart")
    assert gap["competence"] == "bus" and gap["severity"] == 0.4
    assert [(c["id"], c["why"]) for c in gap["could_close"]] == [
        ("d1", "holds the broader competence transport")
    ]
    assert gap["nature"] == "institutional"
    assert gap["severity_basis"] == (
        "strongest role on the FR side (1) × 0.4 (institutional gap: the holders of the broader "
        "competence answer for it)"
    )
    assert gap["explanation"] == (
        "Bus is held on the FR side (Actor f1) but by no actor on the DE side of the area: "
        "DE holds only a broader competence there."
    )


# ------------------------------------------------------------------ level mismatch


def test_level_mismatch_reports_tier_distance_and_level_names():
    G = scenario()
    hold(G, "f1", "bus")
    hold(G, "dstate", "bus")
    [gap] = of_kind(G, "level_mismatch")
    assert gap["tier_distance"] == 4 and gap["severity"] == 0.8
    assert gap["explanation"] == (  # pairs are ordered alphabetically: DE, then FR
        "Bus is held at the national tier in DE (Bund: Actor dstate) but at the local tier in FR "
        "(Commune: Actor f1): these partners need multi-level coordination rather than "
        "peer-to-peer dialogue."
    )
    G = scenario()  # the same competence at the same tier on both sides
    hold(G, "f1", "bus")
    hold(G, "d1", "bus")
    assert of_kind(G, "level_mismatch") == []


def test_no_level_mismatch_when_a_tier_holds_it_on_both_sides():
    """The French communes and the French State share the competence, the German State holds
    it: the two States are peers, so there is no mismatch, though the communes are the French
    main holder (nearest, most local); without the French State there is one."""
    G = scenario()
    hold(G, "f1", "bus", "shared")
    hold(G, "fstate", "bus", "shared")
    hold(G, "dstate", "bus")
    assert of_kind(G, "level_mismatch") == []
    G.remove_edge("fstate", "bus", key="HOLDS")
    [gap] = of_kind(G, "level_mismatch")
    assert gap["tier_distance"] == 4


# ------------------------------------------------------------------ missing dialogue


def test_missing_dialogue_between_strong_counterparts_and_its_brokers():
    G = scenario()
    for actor in ("f1", "d1"):
        hold(G, actor, "waste")
        hold(G, actor, "transport", "shared")
    [gap] = between(of_kind(G, "missing_dialogue"), "f1", "d1")
    assert gap["path_length"] is None and gap["could_close"] == []
    assert gap["severity"] == gap["counterpart_score"]
    # a shared initiative two steps away closes it
    G.add_node(
        "i1",
        label="Initiative",
        name="Joint project",
        kind="project",
        countries=["FR", "DE"],
        source=SRC,
    )
    tie(G, "f1", "i1", "PARTICIPATES_IN")
    tie(G, "d1", "i1", "PARTICIPATES_IN")
    assert between(of_kind(G, "missing_dialogue"), "f1", "d1") == []


def test_a_long_path_is_a_weaker_missing_dialogue_with_brokers():
    G = scenario()
    for actor in ("f1", "d1"):
        hold(G, actor, "waste")
        hold(G, actor, "transport", "shared")
    tie(G, "f1", "f2")
    tie(G, "f2", "fstate")
    tie(G, "fstate", "d1")
    gaps = between(of_kind(G, "missing_dialogue"), "f1", "d1")
    assert gaps[0]["path_length"] == 3
    assert gaps[0]["severity"] == round(gaps[0]["counterpart_score"] * 0.5, 4)
    assert [b["id"] for b in gaps[0]["could_close"]] == ["f2", "fstate"]


def test_missing_dialogues_are_one_gap_per_pair_of_sides():
    """Two French communes whose best German counterpart is the same Gemeinde, and the two
    States, none of them tied: one gap listing the three pairs (strongest first), not three;
    once one pair shares an initiative, it leaves the list."""
    G = scenario()
    for actor in ("f1", "f2", "d1"):
        hold(G, actor, "waste")
        hold(G, actor, "transport", "shared")
    [gap] = of_kind(G, "missing_dialogue")
    assert gap["pairs"] == 3  # sides in the order of their codes: DE, then FR
    ends = zip(gap["side_a"]["actors"], gap["side_b"]["actors"], strict=True)
    assert [(a["id"], b["id"]) for a, b in ends] == [
        ("d1", "f1"),
        ("d1", "f2"),
        ("dstate", "fstate"),
    ]
    assert gap["explanation"].startswith(
        "3 pairs of strong counterparts between DE and FR (Actor d1 – Actor f1; Actor d1 – "
        "Actor f2; Actor dstate – Actor fstate) show no cooperation path within 4 steps"
    )
    G.add_node("i1", label="Initiative", name="Joint project", kind="project", source=SRC)
    G.nodes["i1"]["countries"] = ["FR", "DE"]
    tie(G, "f2", "i1", "PARTICIPATES_IN")
    tie(G, "d1", "i1", "PARTICIPATES_IN")
    [left] = of_kind(G, "missing_dialogue")
    assert left["pairs"] == 2 and "f2" not in {a["id"] for a in left["side_b"]["actors"]}


# ------------------------------------------------------------------ vertical link


def test_missing_vertical_link_to_the_next_level_sharing_a_competence():
    G = scenario()
    hold(G, "f1", "waste", "shared")
    hold(G, "fstate", "waste", "exclusive")
    gaps = [
        g for g in of_kind(G, "missing_vertical_link") if g["side_a"]["actors"][0]["id"] == "f1"
    ]
    assert len(gaps) == 1
    assert gaps[0]["side_b"]["actors"][0]["id"] == "fstate"
    assert gaps[0]["competence"] == ["waste"] and gaps[0]["severity"] == 0.8
    tie(G, "f1", "fstate", "SUPERVISED_BY")
    assert [
        g for g in of_kind(G, "missing_vertical_link") if g["side_a"]["actors"][0]["id"] == "f1"
    ] == []


# ------------------------------------------------------------------ cross-border structure


def test_no_cross_border_structure_until_a_lasting_one_ties_the_area():
    G = scenario()
    hold(G, "f1", "waste")
    hold(G, "d1", "waste")
    G.edges["d1", "waste", "HOLDS"]["source"] = "https://example.de/waste-statute"
    [gap] = of_kind(G, "no_cross_border_structure")
    assert gap["themes"] == ["env"] and gap["competence"] == ["waste"]
    # each side's holding is a fact with that row's own source
    assert sorted((f["fact"].split()[0], f["source"]) for f in gap["facts"]) == [
        ("d1", "https://example.de/waste-statute"),
        ("f1", SRC),
    ]
    assert gap["severity"] == round(1 / 3, 4)  # 1 of the theme's 3 competences
    G.add_node(
        "w1",
        label="Initiative",
        name="Workshop",
        kind="workshop",
        countries=["FR", "DE"],
        source=SRC,
    )
    tie(G, "w1", "env", "IN_THEME")
    tie(G, "f1", "w1", "PARTICIPATES_IN")
    assert len(of_kind(G, "no_cross_border_structure")) == 1  # a one-off workshop is not enough
    G.add_node(
        "p1",
        label="Initiative",
        name="Programme",
        kind="programme",
        countries=["FR", "DE"],
        source=SRC,
    )
    tie(G, "p1", "env", "IN_THEME")
    tie(G, "f1", "p1", "PARTICIPATES_IN")
    assert of_kind(G, "no_cross_border_structure") == []


# ------------------------------------------------------------------ fragile bridges, isolation


def test_fragile_bridge_and_isolated_actor():
    G = scenario()
    tie(G, "f2", "f1", "MEMBER_OF")
    tie(G, "f1", "d1")
    bridges = of_kind(G, "fragile_bridge")
    # removing f1 cuts d1 off from France, and f2 off from Germany
    assert [(g["broker"]["id"], [a["id"] for a in g["side_a"]["actors"]]) for g in bridges] == [
        ("f1", ["d1"]),
        ("f1", ["f2"]),
    ]
    assert bridges[1]["explanation"] == (
        "Every cooperation tie from 1 FR actor(s) of the area to the other side runs through "
        "Actor f1: without it they have no path across the border."
    )
    # the ties through the articulation point are facts, each with its own row's source
    assert [(f["fact"], f["source"]) for f in bridges[0]["facts"][1:]] == [
        ("tie f1 – d1 (COOPERATES_WITH)", SRC),
        ("tie f1 – f2 (MEMBER_OF)", SRC),
    ]
    isolated = {g["side_a"]["actors"][0]["id"] for g in of_kind(G, "isolated_actor")}
    assert isolated == {"fstate", "dstate"}
    tie(G, "f2", "d1")
    assert of_kind(G, "fragile_bridge") == []


def test_no_cross_border_tie_is_detected():
    G = scenario()
    assert not has_cross_border_ties(study_of(G))  # a border is not a tie
    tie(G, "f1", "d1")
    assert has_cross_border_ties(study_of(G))


# ------------------------------------------------------------------ options and errors


def test_unknown_values_name_the_allowed_ones():
    study = Study(scenario())
    with pytest.raises(
        NotFoundError, match="unknown gap kind 'gap'; allowed: perimeter_stops_short"
    ):
        find_gaps(study, kinds=["gap"])
    with pytest.raises(NotFoundError, match="unknown theme 'x'; allowed: env"):
        find_gaps(study, theme="x")
    with pytest.raises(NotFoundError, match="no actor in country or subdivision 'IT'"):
        find_gaps(study, countries=["IT"])


def test_study_area_pairs():
    study = Study(scenario())
    assert study_area(study).pairs == [("DE", "FR")]
    assert study_area(study, around="f1").pairs == [("FR", "DE")]


# ------------------------------------------------------------------ the bundled case


@pytest.fixture(scope="module")
def bundled():
    return govgraph.load_study()


def test_bundled_gaps_are_sorted_and_complete(bundled):
    """The documented obstacles first (a perimeter, a link, an instrument), most severe first,
    then the asymmetries read from who holds what, most severe first."""
    gaps = find_gaps(bundled, around="fr-cc-bouzonvillois-trois-frontieres")
    assert {g["kind"] for g in gaps} <= set(GAP_KINDS)
    documented = [g["kind"] in DOCUMENTED_KINDS for g in gaps]
    assert documented == sorted(documented, reverse=True) and any(documented)
    for family in (True, False):
        severities = [g["severity"] for g in gaps if (g["kind"] in DOCUMENTED_KINDS) is family]
        assert severities == sorted(severities, reverse=True)
    assert max(g["severity"] for g in gaps if g["kind"] not in DOCUMENTED_KINDS) > min(
        g["severity"] for g in gaps if g["kind"] in DOCUMENTED_KINDS
    )  # the families decide, not only the severity
    for gap in gaps:
        assert gap["explanation"] and gap["severity_basis"] and gap["facts"]
        assert 0 <= gap["severity"] <= 1


def test_confirmed_gap_local_mobility_authority_sits_at_another_level(bundled):
    # docs/gaps.md 1: the French AOM locale (CCB3F took the mobility competence in 2021) is
    # answered by the Saarland Landkreise and the Luxembourg State: a level mismatch, not a
    # competence without counterpart.
    gaps = [
        g
        for g in find_gaps(bundled, around="fr-cc-bouzonvillois-trois-frontieres")
        if g.get("competence") == "local_mobility_organisation"
    ]
    assert {(g["kind"], g["side_b"]["country"]) for g in gaps} == {
        ("level_mismatch", "LU"),
        ("level_mismatch", "DE-SL"),
    }
    lu = next(g for g in gaps if g["side_b"]["country"] == "LU")
    assert lu["severity"] > next(g for g in gaps if g is not lu)["severity"]
    assert [a["id"] for a in lu["side_b"]["actors"]] == ["lu-government"]
    assert "Administration des transports publics" in lu["explanation"]


def test_confirmed_gap_no_local_cross_border_health_structure(bundled):
    # docs/gaps.md 2: MOSAR's perimeter (Moselle-Est) leaves out the CCB3F; no lasting health
    # structure ties the area's own actors across either border.
    gaps = find_gaps(
        bundled,
        kinds=["no_cross_border_structure"],
        theme="public_services_healthcare",
        around="fr-cc-bouzonvillois-trois-frontieres",
    )
    assert {(g["side_a"]["country"], g["side_b"]["country"]) for g in gaps} == {
        ("FR", "DE"),
        ("FR", "LU"),
    }


def test_confirmed_gap_environment_mobility_with_luxembourg(bundled):
    # docs/gaps.md 3: the EOM joins Germany and Luxembourg only; France is not a member.
    gaps = find_gaps(
        bundled,
        kinds=["no_cross_border_structure"],
        theme="environment_mobility",
        around="fr-cc-bouzonvillois-trois-frontieres",
    )
    assert [(g["side_a"]["country"], g["side_b"]["country"]) for g in gaps] == [("FR", "LU")]


def test_confirmed_gap_waste_and_flood_at_different_tiers(bundled):
    # docs/gaps.md 4: flood management is the EPCI's (GEMAPI) in France, the State's in
    # Luxembourg.
    gaps = find_gaps(
        bundled, kinds=["level_mismatch"], around="fr-cc-bouzonvillois-trois-frontieres"
    )
    flood = next(
        g for g in gaps if g["competence"] == "flood_management" and g["side_b"]["country"] == "LU"
    )
    assert flood["side_a"]["actors"][0]["tier"] == "intermunicipal"
    assert flood["side_b"]["actors"][0]["tier"] == "national"
    assert flood["tier_distance"] == 3


def test_a_subdivision_narrows_the_gaps_to_its_side():
    study = govgraph.load_study()
    found = find_gaps(study, countries=["de-rp"])
    assert found
    for gap in found:
        sides = [gap["side_a"], gap["side_b"]]
        assert "DE-SL" not in {s["country"] for s in sides}
        assert any(
            s["country"] == "DE-RP"
            or (
                "DE" in s["country"].split(";")
                and (not s["actors"] or any(study.in_side(a["id"], "DE-RP") for a in s["actors"]))
            )
            for s in sides
        )
    assert {"DE-RP"} <= {s["country"] for g in found for s in (g["side_a"], g["side_b"])}
    assert len(found) < len(find_gaps(study, countries=["DE"]))


# ------------------------------------------------------------------ a federal border


def test_a_competence_missing_from_a_countrys_reference_is_a_reference_gap(federal, tmp_path):
    """The bundled reference allocates every competence in Belgium: no reference gap. Without
    its Belgian culture rows, culture becomes a reference gap, not a governance gap."""
    import shutil

    from conftest import FEDERAL, read_rows, write_rows

    from govgraph.data.dataset import read_dataset, reference_path

    assert not [g for g in find_gaps(federal) if g["kind"] == "reference_gap"]
    reference = tmp_path / "reference"
    shutil.copytree(reference_path(), reference)
    rows = read_rows(reference / "allocations.csv")
    kept = [r for r in rows if not (r["country"] == "BE" and r["competence"] == "culture")]
    assert len(kept) < len(rows)
    write_rows(reference / "allocations.csv", kept)
    study = Study.from_dataset(read_dataset(FEDERAL, reference=reference), "2026-11-30")
    gaps = find_gaps(study)
    [gap] = [g for g in gaps if g["kind"] == "reference_gap"]
    assert (gap["competence"], gap["side_b"]["country"], gap["severity"]) == ("culture", "BE", 0.0)
    assert gap["explanation"].startswith("the reference data has no allocation of Culture for BE")
    assert [g["kind"] for g in gaps if g["competence"] == "culture"] == ["reference_gap"]


def test_a_side_is_the_subdivision_where_allocations_differ(federal):
    gaps = find_gaps(federal, kinds=["level_mismatch"])
    teaching = {
        g["side_a"]["country"]: g["side_a"]["actors"][0]["id"]
        for g in gaps
        if g["competence"] == "primary_teaching"
    }
    assert teaching == {  # the Flemish Government answers in Flanders, the community elsewhere
        "BE-BRU": "be-federation-wallonie-bruxelles",
        "BE-VLG": "be-vlaamse-regering",
        "BE-WAL": "be-federation-wallonie-bruxelles",
    }
    # rail is allocated alike in every region (the federal State holds it): one Belgian side
    sides = {g["side_a"]["country"] for g in gaps if g["competence"] == "rail_transport"}
    assert sides == {"BE"}
    flemish = find_gaps(federal, kinds=["level_mismatch"], countries=["BE-VLG"])
    assert {g["side_a"]["country"] for g in flemish if g["competence"] == "primary_teaching"} == {
        "BE-VLG"
    }
    assert all("be-gouvernement-wallon" not in str(g) for g in flemish)


# ------------------------------------------------------------------ documented obstacles


def _initiative(G: nx.MultiDiGraph, node_id: str, kind: str, countries, territory, **props):
    G.add_node(
        node_id,
        label="Initiative",
        name=f"Initiative {node_id}",
        kind=kind,
        countries=list(countries),
        territory=list(territory),
        source=SRC,
        **props,
    )
    tie(G, node_id, "env", "IN_THEME")  # as the build writes a row's themes


def test_a_perimeter_that_stops_short_of_the_area():
    G = scenario()
    # a health agreement covering f1 and d1 but not f2, its neighbour
    _initiative(G, "a1", "agreement", ["FR", "DE"], ["t-f1", "t-d1"])
    tie(G, "fstate", "a1", "PARTICIPATES_IN")
    [gap] = of_kind(G, "perimeter_stops_short")
    assert gap["structure"]["id"] == "a1"
    assert set(gap["side_a"]["covered"]) == {"t-f1", "t-d1"}
    assert gap["side_b"] == {
        "country": "FR",
        "actors": [],
        "not_covered": ["t-f2"],
        "not_covered_names": ["t-f2"],  # the scenario's territories are named by their ids
    }
    assert gap["severity"] == round(0.9 * 1200 / 3300, 4)  # f2's people of the area's 3300
    assert gap["facts"][0]["source"] == SRC and gap["themes"] == ["env"]
    assert "fstate" in [c.get("id") for c in gap["could_close"]]
    # with the actor to study inside the perimeter, it is not that actor's gap
    assert of_kind(G, "perimeter_stops_short", around="f1") == []
    G.nodes["a1"]["territory"] = ["t-f1", "t-f2", "t-d1"]
    assert of_kind(G, "perimeter_stops_short") == []


def test_a_project_over_an_area_has_a_perimeter_a_line_has_none():
    """A cross-border project whose perimeter is a functional area covering f1 and d1 stops
    short of f2; the same project laid out as the municipalities it runs through (a tram line
    built there) does not."""
    G = scenario()
    G.add_node("t-fa", label="Territory", name="Area", kind="functional_area", source=SRC)
    G.nodes["t-fa"]["countries"] = ["FR", "DE"]
    for municipality in ("t-f1", "t-d1"):
        tie(G, municipality, "t-fa", "PART_OF")
    _initiative(G, "p1", "project", ["FR", "DE"], ["t-fa"])
    [gap] = of_kind(G, "perimeter_stops_short")
    assert gap["structure"]["id"] == "p1" and gap["side_b"]["not_covered"] == ["t-f2"]
    G.nodes["p1"]["territory"] = ["t-f1", "t-d1"]
    assert of_kind(G, "perimeter_stops_short") == []


def _nearby_egtc(G: nx.MultiDiGraph, same_region: bool) -> None:
    """An EGTC governing a cross-border area, its members f3 (FR) and d3 (DE) away from the
    area (no border with it), in the area's département and Land or elsewhere; an agreement
    whose perimeter is the EGTC's area."""
    for tid, kind, country in (
        ("t-fdep", "county", "FR"),
        ("t-fdep2", "county", "FR"),
        ("t-dland", "region", "DE"),
        ("t-dland2", "region", "DE"),
    ):
        G.add_node(tid, label="Territory", name=tid, kind=kind, countries=[country], source=SRC)
        tie(G, tid, "t-fr" if country == "FR" else "t-de", "PART_OF")
    for municipality, region in (("t-f1", "t-fdep"), ("t-f2", "t-fdep"), ("t-d1", "t-dland")):
        tie(G, municipality, region, "PART_OF")
    for tid, actor, country, region in (
        ("t-f3", "f3", "FR", "t-fdep" if same_region else "t-fdep2"),
        ("t-d3", "d3", "DE", "t-dland" if same_region else "t-dland2"),
    ):
        G.add_node(
            tid,
            label="Territory",
            name=tid,
            kind="municipality",
            countries=[country],
            population=900,
            source=SRC,
        )
        tie(G, tid, region, "PART_OF")
        G.add_node(
            actor,
            label="Actor",
            name=f"Actor {actor}",
            kind="municipality",
            countries=[country],
            source=SRC,
        )
        tie(G, actor, tid, "GOVERNS")
        tie(G, actor, "egtc", "MEMBER_OF")
    G.add_node(
        "t-xa",
        label="Territory",
        name="EGTC area",
        kind="cross_border_area",
        countries=["FR", "DE"],
        source=SRC,
    )
    G.add_node(
        "egtc",
        label="Actor",
        name="The EGTC",
        kind="cross_border_body",
        countries=["FR", "DE"],
        source=SRC,
    )
    tie(G, "egtc", "t-xa", "GOVERNS")
    _initiative(G, "a2", "agreement", ["FR", "DE"], ["t-xa"])


def test_a_perimeter_nearby_that_covers_none_of_the_area():
    """A cross-border agreement whose perimeter is an EGTC's area (its members' territories)
    in the area's département and Land, but none of the area: it stops short of it; in other
    départements and Länder it is nowhere near."""
    G = scenario()
    _nearby_egtc(G, same_region=True)
    gaps = {g["structure"]["id"]: g for g in of_kind(G, "perimeter_stops_short")}
    assert set(gaps) == {"a2", "egtc"}
    agreement = gaps["a2"]
    assert set(agreement["side_a"]["covered"]) == {"t-f3", "t-d3"}
    assert set(agreement["side_b"]["not_covered"]) == {"t-f1", "t-f2", "t-d1"}
    assert (
        agreement["severity"] == 0.9
        and "leaves out all of the area" in (agreement["severity_basis"])
    )
    assert agreement["explanation"].startswith("Initiative a2 covers nearby parts")
    far = scenario()
    _nearby_egtc(far, same_region=False)
    assert of_kind(far, "perimeter_stops_short") == []


def test_a_two_country_structure_at_a_tri_border_leaves_the_third_country_out():
    """A German-Luxembourg agreement covering d1, d2 and l1, where d1 borders the French f1: it
    stops short of France; one whose German part does not reach France leaves France alone."""
    G = scenario()
    G.add_node("t-lu", label="Territory", name="t-lu", kind="country", countries=["LU"], source=SRC)
    for tid, parent in (("t-l1", "t-lu"), ("t-d2", "t-de")):
        G.add_node(
            tid,
            label="Territory",
            name=tid,
            kind="municipality",
            countries=[parent[2:].upper()],
            population=800,
            source=SRC,
        )
        tie(G, tid, parent, "PART_OF")
    tie(G, "t-l1", "t-d1", "BORDERS")
    tie(G, "t-d2", "t-l1", "BORDERS")
    _initiative(G, "dl", "agreement", ["DE", "LU"], ["t-d1", "t-d2", "t-l1"])
    [gap] = of_kind(G, "perimeter_stops_short")
    assert gap["side_b"]["country"] == "FR" and gap["side_b"]["actors"] == []
    assert gap["side_b"]["not_covered"] == gap["side_b"]["not_covered_names"] == ["t-f1", "t-f2"]
    assert set(gap["side_a"]["covered"]) == {"t-d1", "t-d2", "t-l1"}
    G.nodes["dl"]["territory"] = ["t-d2", "t-l1"]  # its German part lies away from France
    assert all("FR" not in g["side_b"]["country"] for g in of_kind(G, "perimeter_stops_short"))


def test_a_one_country_structure_does_not_stop_short_of_the_other_country():
    G = scenario()
    _initiative(G, "a1", "service", ["FR"], ["t-f1", "t-f2"])
    assert of_kind(G, "perimeter_stops_short") == []  # Germany is not its to cover


def _pole(G: nx.MultiDiGraph, mandate: bool) -> None:
    """A French pôle of one commune, f1, holding cross-border cooperation by its own row (a
    mandate) or a French syndicate holding waste only."""
    G.add_node(
        "pole",
        label="Actor",
        name="Pôle",
        kind="special_purpose_body",
        countries=["FR"],
        source=SRC,
    )
    tie(G, "f1", "pole", "MEMBER_OF")
    hold(G, "pole", "cross_border_cooperation" if mandate else "waste", "support")
    if mandate:
        G.add_node("cross_border_cooperation", label="Competence", name_en="CBC", cofog="01.1.3")


def test_a_one_country_body_with_a_cross_border_mandate_can_stop_short():
    """A French pôle set up for cross-border cooperation covers its member f1, not f2 beside
    it: it stops short of f2 (not of Germany, which it does not cover by design); a syndicate
    of the same member with no such mandate is no cross-border structure."""
    G = scenario()
    _pole(G, mandate=True)
    [gap] = of_kind(G, "perimeter_stops_short")
    assert gap["structure"]["id"] == "pole"
    assert gap["side_a"]["covered"] == ["t-f1"]
    assert gap["side_b"]["country"] == "FR" and gap["side_b"]["not_covered"] == ["t-f2"]
    G = scenario()
    _pole(G, mandate=False)
    assert of_kind(G, "perimeter_stops_short") == []


def test_an_instrument_a_structure_takes_part_in_can_cover_only_some_of_its_members():
    """A French pôle of f1 and f2 with a cross-border mandate takes part in a plan for f1 only:
    the plan stops short of f2, told by members; a plan for both, or one the pôle does not
    take part in, is no such gap."""
    G = scenario()
    _pole(G, mandate=True)
    tie(G, "f2", "pole", "MEMBER_OF")
    _initiative(G, "plan", "instrument", ["FR"], ["t-f1"], instrument_type="regional_plan")
    tie(G, "pole", "plan", "PARTICIPATES_IN")
    [gap] = of_kind(G, "perimeter_stops_short")
    assert gap["structure"]["id"] == "plan"
    assert [a["id"] for a in gap["side_a"]["actors"]] == ["f1"]
    assert gap["side_b"]["not_covered"] == ["t-f2"]
    assert gap["severity"] == round(0.9 * 1200 / 2200, 4)  # f2's people of the members' 2200
    assert "covers 1 of its 2 members" in gap["explanation"]
    assert {f["source"] for f in gap["facts"]} == {SRC}
    assert [c["id"] for c in gap["could_close"]] == ["pole"]  # once, though it takes part
    assert of_kind(G, "perimeter_stops_short", around="f1") == []  # f1 is covered
    G.nodes["plan"]["territory"] = ["t-f1", "t-f2"]
    assert of_kind(G, "perimeter_stops_short") == []
    G.nodes["plan"]["territory"] = ["t-f1"]
    G.remove_edge("pole", "plan", key="PARTICIPATES_IN")
    assert of_kind(G, "perimeter_stops_short") == []


def test_a_line_that_stops_at_the_border_its_extension_a_project_is_a_missing_link():
    """A German tram to d1, at the border, and a project to extend it to f1: the link is
    missing across the border until a running one serves the project's places."""
    G = scenario()
    _initiative(G, "tram", "link", ["DE"], ["t-d1"], valid_from="2011-04-30")
    _initiative(G, "ext", "project", ["DE", "FR"], ["t-d1", "t-f1"], part_of="tram")

    def missing() -> list[dict]:
        return find_gaps(Study(G.copy(), "2026-01-01"), kinds=["link_cut_or_missing"])

    [gap] = missing()
    assert gap["structure"]["id"] == "ext" and gap["missing_since"] == "2011-04-30"
    assert gap["side_a"]["places"] == ["t-d1"] and gap["side_b"]["places"] == ["t-f1"]
    assert "stops at the border" in gap["explanation"] and "to t-f1" in gap["explanation"]
    assert [f["fact"].split(":")[0] for f in gap["facts"]] == ["tram", "ext"]
    # dropped, with a bus project across the same border under way: still missing, the bus
    # could close it
    G.nodes["ext"]["valid_to"] = "2018-09"
    _initiative(G, "bus", "project", ["DE", "FR"], ["t-d1", "t-f1"], valid_from="2018-09")
    [gap] = missing()
    assert gap["structure"]["id"] == "ext" and "(dropped, until 2018-09)" in gap["explanation"]
    assert [c["id"] for c in gap["could_close"]] == ["bus"]
    G.remove_node("bus")
    del G.nodes["ext"]["valid_to"]
    G.nodes["ext"]["countries"] = ["DE"]  # an extension within the line's country
    assert missing() == []
    G.nodes["ext"]["countries"] = ["DE", "FR"]
    _initiative(G, "built", "link", ["DE", "FR"], ["t-d1", "t-f1"], valid_from="2020")
    assert missing() == []  # the crossing runs


def test_a_mismatch_reads_the_role_a_holder_does_the_job_with():
    """The French State only supports the bus service by law, and a French operator runs it
    for the State exclusively: the State does the job at the national tier, as the German
    State does, so there is no mismatch with the German communes' level; without the
    operator, the communes (the only French holder that does it) face the German State."""
    G = scenario()
    hold(G, "f1", "bus", "shared")
    hold(G, "fstate", "bus", "support")
    hold(G, "dstate", "bus")
    assert of_kind(G, "level_mismatch")[0]["side_a"]["actors"][0]["id"] == "dstate"
    G.add_node(
        "op", label="Actor", name="Operator", kind="public_company", countries=["FR"], source=SRC
    )
    hold(G, "op", "bus", "exclusive")
    G.add_edge(
        "op",
        "fstate",
        key="EXERCISES",
        type="EXERCISES",
        competence="bus",
        kind="delegation",
        source=SRC,
    )
    assert of_kind(G, "level_mismatch") == []


def test_a_residual_holding_taken_in_the_area_is_not_the_sides_holder():
    """The French State runs buses only where no commune took them (``residual_to``): once f1,
    at the border, takes them, the French side holds buses at the local tier and faces the
    German State; while no commune does, the two States are peers and there is no mismatch."""
    G = scenario()
    hold(G, "fstate", "bus", "shared")
    G.edges["fstate", "bus", "HOLDS"]["residual_to"] = "bus"
    hold(G, "dstate", "bus")
    assert of_kind(G, "level_mismatch") == []
    hold(G, "f1", "bus")
    [gap] = of_kind(G, "level_mismatch")
    assert [a["id"] for a in gap["side_b"]["actors"]] == ["f1"]
    assert gap["side_a"]["actors"][0]["id"] == "dstate"


def test_of_two_gaps_alike_the_one_about_more_of_the_job_comes_first():
    """Two level mismatches of the same severity: the one over transport (bus under it) before
    the one over waste, whatever their names; with transport's narrower bus gone, by name."""
    G = scenario()
    for competence in ("transport", "waste"):
        hold(G, "f1", competence)
        hold(G, "dstate", competence)
    G.nodes["transport"]["name_en"] = "Zebra transport"  # its name would put it last
    gaps = of_kind(G, "level_mismatch")
    assert [g["competence"] for g in gaps] == ["transport", "waste"]
    G.remove_edge("bus", "transport", key="BROADER")
    gaps = of_kind(G, "level_mismatch")
    assert [g["competence"] for g in gaps] == ["waste", "transport"]


def test_a_cut_link_until_a_running_one_serves_the_same_places():
    G = scenario()
    _initiative(G, "l1", "link", ["FR", "DE"], ["t-f1", "t-d1"], valid_to="2010-12-31")

    def cut() -> list[dict]:
        return find_gaps(Study(G.copy(), "2026-01-01"), kinds=["link_cut_or_missing"])

    [gap] = cut()
    assert gap["structure"]["id"] == "l1" and gap["cut_on"] == "2010-12-31"
    assert gap["severity"] == 0.9 and gap["facts"][0]["source"] == SRC
    assert gap["themes"] == ["env"]  # an ended link keeps its themes (--theme finds it)
    assert "was cut on 2010-12-31" in gap["explanation"]
    # a link is a fact of its time: as of 2009 it ran
    assert find_gaps(Study(G.copy(), "2009-06-01"), kinds=["link_cut_or_missing"]) == []
    _initiative(G, "l2", "link", ["FR", "DE"], ["t-f1", "t-d1", "t-f2"], valid_from="2015")
    assert cut() == []  # a running line serves the same places


def test_an_instrument_without_counterpart_on_the_other_side():
    G = scenario()
    _initiative(G, "p1", "instrument", ["DE"], ["t-de"], instrument_type="regional_plan")
    # France's data has no regional plan at all: not surveyed, so no gap can be told
    assert of_kind(G, "instrument_without_counterpart") == []
    G.add_node("t-far", label="Territory", name="t-far", kind="municipality", countries=["FR"])
    _initiative(G, "p0", "instrument", ["FR"], ["t-far"], instrument_type="regional_plan")
    [gap] = of_kind(G, "instrument_without_counterpart")
    assert (gap["side_a"]["country"], gap["side_b"]["country"]) == ("DE", "FR")
    assert gap["structure"]["kind"] == "regional_plan"
    assert "no regional plan applies on the FR side" in gap["explanation"]
    # where it applies, and the other side's places where none does
    assert gap["side_a"]["places"] == ["t-d1"] and gap["side_b"]["places"] == ["t-f1", "t-f2"]
    _initiative(G, "p2", "instrument", ["FR"], ["t-f1"], instrument_type="regional_plan")
    assert of_kind(G, "instrument_without_counterpart") == []


def test_the_noise_is_collapsed():
    """A vertical link is asked for, not reported by default (most often missing data); a
    bridge is one gap per broker and country, not one per member it ties across."""
    G = scenario()
    hold(G, "f1", "waste", "shared")
    hold(G, "fstate", "waste", "shared")
    assert of_kind(G, "missing_vertical_link")  # asked for: reported
    assert [g for g in find_gaps(study_of(G)) if g["kind"] == "missing_vertical_link"] == []
    G.add_node("f3", label="Actor", name="Actor f3", kind="municipality", countries=["FR"])
    G.add_edge("f3", "FR-commune", key="AT_LEVEL", type="AT_LEVEL", source=SRC)
    G.add_edge("f3", "t-f2", key="GOVERNS", type="GOVERNS", source=SRC)
    tie(G, "f1", "d1")
    tie(G, "f2", "f1", "MEMBER_OF")
    tie(G, "f3", "f1", "MEMBER_OF")
    bridges = [g for g in of_kind(G, "fragile_bridge") if g["side_a"]["country"] == "FR"]
    assert [(g["broker"]["id"], [a["id"] for a in g["side_a"]["actors"]]) for g in bridges] == [
        ("f1", ["f2", "f3"])
    ]


def test_a_body_with_a_cooperation_mandate_or_working_on_the_theme_is_a_structure():
    """Positive controls: an EGTC whose mandate is cross-border cooperation, or a body whose
    ties are about the theme, covers it; a body with neither does not."""
    G = scenario()
    hold(G, "f1", "waste")
    hold(G, "d1", "waste")
    G.add_node("cbc", label="Competence", cofog="01.3", name_en="CBC", source=SRC)
    G.add_node("egtc", label="Actor", name="EGTC", kind="cross_border_body", countries=["FR", "DE"])
    tie(G, "f1", "egtc", "MEMBER_OF")
    tie(G, "d1", "egtc", "MEMBER_OF")
    assert len(of_kind(G, "no_cross_border_structure")) == 1  # a body with no mandate
    hold(G, "egtc", "cbc")
    G.nodes["cbc"]["name_en"] = "Cross-border cooperation"
    nx.relabel_nodes(G, {"cbc": "cross_border_cooperation"}, copy=False)
    assert of_kind(G, "no_cross_border_structure") == []  # its general mandate covers the theme
    G.remove_edge("egtc", "cross_border_cooperation", "HOLDS")
    G.add_edge("egtc", "f1", key="COOPERATES_WITH", type="COOPERATES_WITH", theme=["env"])
    assert of_kind(G, "no_cross_border_structure") == []  # it works on the theme
