"""Facts of the bundled Three Borders dataset that a reviewer checked by hand against the cited
sources (see datasets/three-borders/README.md, "Facts checked by hand"). A later edit that breaks
one of them must be deliberate."""

from __future__ import annotations

import networkx as nx
import pytest

import govgraph


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return govgraph.load_graph()


def holding(G: nx.MultiDiGraph, actor: str, competence: str) -> dict:
    edges = G.get_edge_data(actor, competence) or {}
    found = [d for d in edges.values() if d["type"] == "HOLDS"]
    assert found, f"{actor} does not hold {competence}"
    return found[0]


def test_public_transport_in_saarland_rail_land_buses_landkreis(G):
    # ÖPNVG Saarland (Gesetz Nr. 1908) § 5 (1) rail: the Land; (2) the rest: the Landkreise.
    rail = holding(G, "de-saarland", "rail_transport")
    assert "§ 5 Abs. 1" in rail["legal_basis"] and rail["provenance"] == "inferred"
    for buses in ("urban_bus", "interurban_bus"):
        bus = holding(G, "de-lk-merzig-wadern", buses)
        assert "§ 5 Abs. 2" in bus["legal_basis"]
        assert holding(G, "de-lk-saarlouis", buses)["legal_basis"] == bus["legal_basis"]


def test_public_transport_in_france_the_region(G):
    # Loi NOTRe n° 2015-991 art. 15: interurban and school transport moved to the régions.
    coaches = holding(G, "fr-region-grand-est", "interurban_bus")
    assert "NOTRe" in coaches["legal_basis"] and coaches["role"] == "exclusive"
    assert "NOTRe" in holding(G, "fr-region-grand-est", "school_transport")["legal_basis"]
    assert holding(G, "fr-region-grand-est", "rail_transport")["role"] == "exclusive"


def test_public_transport_in_luxembourg_the_state(G):
    # Loi du 5 février 2021 sur les transports publics; its chapter 2 creates the ATP.
    basis = holding(G, "lu-government", "public_transport")["legal_basis"]
    assert basis.startswith("Loi du 5 février 2021 sur les transports publics, art. 1er")
    assert holding(G, "lu-atp", "public_transport")["provenance"] == "asserted"


def test_ccb3f_members(G):
    # DGCL composition of EPCIs: 40 member communes since 2022; Contz-les-Bains and Haute-Kontz
    # moved to the CC de Cattenom et Environs.
    members = {
        s: d
        for s, _, d in G.in_edges("fr-cc-bouzonvillois-trois-frontieres", data=True)
        if d["type"] == "MEMBER_OF"
    }
    current = {s for s, d in members.items() if not d.get("valid_to")}
    assert len(current) == 40
    assert {"fr-bouzonville", "fr-sierck-les-bains", "fr-apach"} <= current
    assert members["fr-contz-les-bains"]["valid_to"] == "2021-12-31"
    assert G.has_edge("fr-contz-les-bains", "fr-cc-cattenom-et-environs", "MEMBER_OF")


def test_bouzonville_code_and_twinning(G):
    assert G.nodes["t-fr-bouzonville"]["code"] == "57106"
    assert G.nodes["t-fr-bouzonville"]["name_de"] == "Busendorf"
    # Saarbrücker Zeitung: twin towns since 1979.
    tie = G.edges["fr-bouzonville", "de-rehlingen-siersburg", "COOPERATES_WITH"]
    assert tie["valid_from"] == "1979-05" and tie["formal"] is True


def test_tripoint_commune_borders_germany_and_luxembourg(G):
    neighbours = {t for _, t, d in G.out_edges("t-fr-apach", data=True) if d["type"] == "BORDERS"}
    neighbours |= {s for s, _, d in G.in_edges("t-fr-apach", data=True) if d["type"] == "BORDERS"}
    assert {"t-de-perl", "t-lu-schengen"} <= neighbours


def test_eurodistrict_saarmoselle_does_not_include_the_ccb3f(G):
    members = {
        s
        for s, _, d in G.in_edges("xb-eurodistrict-saarmoselle", data=True)
        if d["type"] == "MEMBER_OF"
    }
    assert "de-regionalverband-saarbruecken" in members
    assert "fr-cc-bouzonvillois-trois-frontieres" not in members


def test_the_2022_mission_and_its_three_workshops(G):
    mission = G.nodes["xb-mot-mission-2022"]
    assert mission["kind"] == "mission"
    workshops = [
        n
        for n, d in G.nodes(data=True)
        if d.get("part_of") == "xb-mot-mission-2022" and d["kind"] == "workshop"
    ]
    themes = {
        t for w in workshops for _, t, d in G.out_edges(w, data=True) if d["type"] == "IN_THEME"
    }
    assert themes == {
        "environment_mobility",
        "tourism_attractiveness",
        "public_services_healthcare",
    }


def test_every_territory_reaches_its_country(G):
    part_of = nx.DiGraph([(a, b) for a, b, d in G.edges(data=True) if d["type"] == "PART_OF"])
    countries = {n for n, d in G.nodes(data=True) if d.get("kind") == "country"}
    for node, data in G.nodes(data=True):
        if data["label"] != "Territory" or data["kind"] in (
            "country",
            "cross_border_area",
            "functional_area",
        ):
            continue
        reached = nx.descendants(part_of, node) if node in part_of else set()
        assert reached & countries, f"{node} has no PART_OF chain to a country"


def test_every_actor_and_relation_has_a_source(G):
    for node, data in G.nodes(data=True):
        assert data.get("source"), node
    for a, b, k, data in G.edges(keys=True, data=True):
        assert data.get("source"), (a, b, k)


def test_a_treatment_syndicate_leaves_the_communities_their_collection():
    """The SMTTDMA treats the household waste of the CC de Cattenom et Environs (CGCT art.
    L2224-13 al. 2): the CC still collects it, so a Luxembourg commune across the border meets
    the CC for waste collection and the syndicate for treatment."""
    from govgraph.analysis.counterparts import counterparts
    from govgraph.study import load_study

    study = load_study()
    assert "waste_collection" in study.holdings["fr-cc-cattenom-et-environs"]
    assert "waste_treatment" in study.holdings["fr-smttdma-lorraine-nord"]
    collection = counterparts(
        study, "lu-mondorf-les-bains", competence="waste_collection", countries=["FR"]
    )
    assert "fr-cc-cattenom-et-environs" in [r["candidate"] for r in collection]
    treatment = counterparts(
        study, "lu-mondorf-les-bains", competence="waste_treatment", countries=["FR"]
    )
    assert treatment[0]["candidate"] == "fr-smttdma-lorraine-nord"


def test_the_gaps_around_the_ccb3f_lead_with_evidence_not_noise():
    """Issue 17: at most 3 vertical-link gaps in the top 20 around the CC Bouzonvillois, no
    holder named as "the first commune and N others", and every fact cites a row's own source
    (or, for an absence, the file that lacks the row)."""
    from govgraph.analysis.gaps import find_gaps
    from govgraph.study import load_study

    gaps = find_gaps(load_study(), around="fr-cc-bouzonvillois-trois-frontieres")
    top = gaps[:20]
    assert sum(g["kind"] == "missing_vertical_link" for g in top) <= 3
    assert not any("other(s) at that level" in g["explanation"] for g in gaps)
    structures = [g for g in gaps if g["kind"] == "no_cross_border_structure"]
    assert structures and all(g["side_a"]["actors"] and g["side_b"]["actors"] for g in structures)
    for gap in gaps:
        for fact in gap["facts"]:
            source = fact["source"] or ""
            assert (
                source.endswith(".csv") or "http" in source or "art." in source or "§" in source
            ), (
                gap["kind"],
                fact,
            )
