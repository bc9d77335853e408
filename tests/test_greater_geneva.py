"""Facts of the bundled Greater Geneva dataset and of the Swiss and Belgian reference rows that
were checked by hand against the cited sources (datasets/greater-geneva/README.md, "Facts checked
by hand"). A later edit that breaks one of them must be deliberate."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import govgraph
from govgraph.data.dataset import read_dataset

GG = Path(__file__).resolve().parent.parent / "datasets" / "greater-geneva"


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return govgraph.load_graph(GG)


def members(G: nx.MultiDiGraph, body: str) -> dict[str, dict]:
    return {s: d for s, _, d in G.in_edges(body, data=True) if d["type"] == "MEMBER_OF"}


def holding(G: nx.MultiDiGraph, actor: str, competence: str) -> dict:
    found = [d for d in (G.get_edge_data(actor, competence) or {}).values() if d["type"] == "HOLDS"]
    assert found, f"{actor} does not hold {competence}"
    return found[0]


def test_the_dataset_is_valid_and_covers_both_sides():
    dataset = read_dataset(GG)
    actors = dataset.tables["actors"]
    assert len(actors) >= 150
    countries = {c for row in actors for c in row["country"]}
    assert countries == {"FR", "CH"}
    assert sum(1 for row in actors if row["country"] == ("FR", "CH")) >= 5  # cross-border bodies


def test_glct_grand_geneve_has_eight_partners_and_two_associates(G):
    # MOT, "Grand Genève": the canton and the Ville de Genève, the canton of Vaud, the Région de
    # Nyon, the Pôle métropolitain, the Région Auvergne-Rhône-Alpes, Ain and Haute-Savoie; the
    # Confederation and the French Republic are associate members.
    found = members(G, "xb-glct-grand-geneve")
    associates = {m for m, d in found.items() if "associ" in (d.get("role") or "")}
    assert associates == {"ch-confederation", "fr-government"}
    assert set(found) - associates == {
        "ch-canton-geneve",
        "ch-geneve",
        "ch-canton-vaud",
        "ch-region-nyon",
        "fr-pole-metropolitain-genevois-francais",
        "fr-region-auvergne-rhone-alpes",
        "fr-departement-ain",
        "fr-departement-haute-savoie",
    }


def test_the_pole_metropolitain_groups_eight_epcis(G):
    # Annemasse Agglo, "Naissance du Pôle métropolitain" (2017): eight intercommunalities of Ain
    # and Haute-Savoie, three communautés d'agglomération and five communautés de communes, the
    # Pays Bellegardien (now Terre Valserhône) among them; the CC des Quatre Rivières is not one.
    epcis = {m for m in members(G, "fr-pole-metropolitain-genevois-francais")}
    assert epcis == {
        "fr-annemasse-agglo",
        "fr-cc-genevois",
        "fr-pays-de-gex-agglo",
        "fr-thonon-agglomeration",
        "fr-cc-arve-et-saleve",
        "fr-cc-faucigny-glieres",
        "fr-cc-pays-rochois",
        "fr-cc-terre-valserhone",
    }


def test_the_communes_of_geneva_and_of_the_district_of_nyon(G):
    # 45 communes in the canton of Geneva, 47 in the district of Nyon (vd.ch, projet
    # d'agglomération Grand Genève, district de Nyon).
    def communes_in(territory: str) -> set[str]:
        return {
            t
            for t, d in G.nodes(data=True)
            if d.get("label") == "Territory"
            and d.get("kind") == "municipality"
            and territory in [p for _, p, e in G.out_edges(t, data=True) if e["type"] == "PART_OF"]
        }

    assert len(communes_in("t-ch-ge")) == 45
    assert len(communes_in("t-ch-district-nyon")) == 47


def test_tpg_run_genevas_network_for_the_canton(G):
    # Loi sur les Transports publics genevois (rsGE H 1 55) art. 1: the TPG provide the canton's
    # regular public transport under a performance contract with the State.
    assert "H 1 55" in holding(G, "ch-tpg", "public_transport")["legal_basis"]
    delegations = [
        d
        for _, holder, d in G.out_edges("ch-tpg", data=True)
        if d["type"] == "EXERCISES" and holder == "ch-canton-geneve"
    ]
    assert [d["kind"] for d in delegations if d["competence"] == "public_transport"] == [
        "delegation"
    ]


def test_french_swiss_borders_of_the_2002_convention(G):
    # Décret n° 2004-580 (convention franco-suisse du 18 janvier 2002): the rectified sectors
    # name Viry and Soral, Viry and Chancy, Valleiry and Chancy, Saint-Genis-Pouilly and Satigny.
    borders = {frozenset((a, b)) for a, b, d in G.edges(data=True) if d["type"] == "BORDERS"}
    for french, swiss in (
        ("viry", "soral"),
        ("viry", "chancy"),
        ("valleiry", "chancy"),
        ("saint-genis-pouilly", "satigny"),
    ):
        assert frozenset((f"t-fr-{french}", f"t-ch-{swiss}")) in borders


def test_swiss_reference_cantons_plan_hospitals_and_teach(G):
    # LAMal (RS 832.10) art. 39: hospitals on the cantonal list; Cst. (RS 101) art. 62: schooling
    # is a cantonal matter; national roads are the Confederation's (art. 83 al. 2).
    assert "art. 39" in holding(G, "ch-canton-vaud", "hospital_services")["legal_basis"]
    assert "art. 62" in holding(G, "ch-canton-vaud", "primary_teaching")["legal_basis"]
    assert "art. 83 al. 2" in holding(G, "ch-confederation", "roads")["legal_basis"]


def test_belgian_reference_education_belongs_to_the_communities():
    # Constitution belge art. 127 § 1er, 2°: education is a community matter; in Flanders the
    # Flemish Government exercises it (art. 137), the federal State keeps the railways.
    from conftest import FEDERAL

    federal = govgraph.load_graph(FEDERAL)
    community = holding(federal, "be-federation-wallonie-bruxelles", "primary_teaching")
    assert "art. 127" in community["legal_basis"]
    assert "art. 137" in holding(federal, "be-vlaamse-regering", "primary_teaching")["legal_basis"]
    assert "primary_teaching" not in federal["be-gouvernement-wallon"]
    assert holding(federal, "be-federal-government", "rail_transport")["role"] == "exclusive"
