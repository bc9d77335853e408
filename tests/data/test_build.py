"""Graph building: node and edge attributes, inferred and asserted holdings, provenance."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import networkx as nx
import pytest
from conftest import read_rows, write_rows

from govgraph.data.build import build_graph
from govgraph.data.dataset import read_dataset
from govgraph.study import Study
from govgraph.version import __version__


@pytest.fixture
def graph(minimal: Path, reference: Path) -> nx.MultiDiGraph:
    return build_graph(read_dataset(minimal, reference=reference))


def holds(G: nx.MultiDiGraph, actor: str) -> dict[str, dict]:
    return {t: d for _, t, d in G.out_edges(actor, data=True) if d["type"] == "HOLDS"}


def test_provenance_in_graph_attributes(graph):
    assert graph.graph["name"] == "minimal"
    assert graph.graph["version"] == "0.1.0"
    assert graph.graph["govgraph_version"] == __version__
    assert graph.graph["countries"] == ["FR", "DE", "LU"]


def test_nodes_carry_label_and_properties(graph):
    apach = graph.nodes["t-fr-apach"]
    assert apach["label"] == "Territory"
    assert apach["population"] == 1071
    assert apach["code"] == "57026"
    assert apach["countries"] == ["FR"]
    assert graph.nodes["FR-epci"]["tier"] == "intermunicipal"
    assert graph.nodes["bus_transport"]["label"] == "Competence"
    assert "part_of" not in apach  # became a PART_OF edge


def test_structural_edges(graph):
    assert graph.has_edge("t-fr-apach", "t-fr-cc-bouzonvillois-trois-frontieres", "PART_OF")
    assert graph.has_edge("fr-apach", "t-fr-apach", "GOVERNS")
    assert graph.has_edge("fr-apach", "FR-commune", "AT_LEVEL")
    assert graph.has_edge("bus_transport", "public_transport", "BROADER")
    assert graph.has_edge("bus_transport", "environment_mobility", "IN_THEME")
    assert graph.has_edge("xb-moselle3-trail", "tourism_attractiveness", "IN_THEME")
    study = Study(graph.copy())
    assert study.level_of["fr-apach"] == "FR-commune"
    assert study.tier("lu-government")[1] == "national"


def test_inferred_holdings_follow_level_and_subdivision(graph):
    cc = holds(graph, "fr-cc-bouzonvillois-trois-frontieres")
    assert cc["tourism_promotion"]["provenance"] == "inferred"
    assert cc["tourism_promotion"]["legal_basis"] == "CGCT art. L5214-16 I 2°"
    # The Saarland rule replaces the country-wide one for a Saarland Landkreis.
    lk = holds(graph, "de-lk-merzig-wadern")
    assert lk["bus_transport"]["role"] == "exclusive"
    assert lk["bus_transport"]["legal_basis"] == "ÖPNVG Saarland §5(2)"
    assert holds(graph, "lu-government")["public_transport"]["role"] == "exclusive"
    assert holds(graph, "fr-apach") == {}


def test_country_wide_rule_applies_without_subdivision(minimal: Path, reference: Path):
    rows = read_rows(minimal / "actors.csv")
    rows[3]["subdivision"] = ""
    write_rows(minimal / "actors.csv", rows)
    G = build_graph(read_dataset(minimal, reference=reference))
    assert holds(G, "de-lk-merzig-wadern")["bus_transport"]["role"] == "shared"


def test_asserted_holding_wins_over_inferred(graph):
    waste = holds(graph, "fr-cc-bouzonvillois-trois-frontieres")["waste_collection"]
    assert waste["provenance"] == "asserted"
    assert waste["source"] == "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000048248318"
    edges = graph.get_edge_data("fr-cc-bouzonvillois-trois-frontieres", "waste_collection")
    assert list(edges) == ["HOLDS"]


def test_denied_holding_removes_the_inferred_one(minimal: Path, reference: Path):
    rows = read_rows(minimal / "holdings.csv")
    rows.append(
        {
            **rows[0],
            "competence": "tourism_promotion",
            "role": "",
            "status": "denied",
            "note": "test denial",
        }
    )
    write_rows(minimal / "holdings.csv", rows)
    G = build_graph(read_dataset(minimal, reference=reference))
    assert "tourism_promotion" not in holds(G, "fr-cc-bouzonvillois-trois-frontieres")
    assert G.graph["denied_holdings"][0]["competence"] == "tourism_promotion"


def test_relations_keep_their_properties(graph):
    member = graph.edges["fr-apach", "fr-cc-bouzonvillois-trois-frontieres", "MEMBER_OF"]
    assert member["formal"] is True
    assert member["role"] == "member"
    trail = graph.edges["de-perl", "xb-moselle3-trail", "PARTICIPATES_IN"]
    assert trail["theme"] == ["tourism_attractiveness"]
    assert trail["valid_from"] == "2022-05-22"


def test_cross_border_is_about_countries(graph):
    study = Study(graph.copy())
    assert study.is_cross_border("t-fr-apach", "t-de-perl")
    assert not study.is_cross_border("fr-apach", "fr-cc-bouzonvillois-trois-frontieres")
    assert study.is_cross_border("de-perl", "xb-moselle3-trail")


def test_same_dataset_gives_the_same_graph(minimal: Path, reference: Path):
    dataset = read_dataset(minimal, reference=reference)
    before = copy.deepcopy(dataset.tables)
    first, second = build_graph(dataset), build_graph(dataset)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(keys=True, data=True)) == list(second.edges(keys=True, data=True))
    assert dataset.tables == before  # building never mutates its input


def test_second_edge_of_a_type_gets_a_numbered_key(minimal: Path, reference: Path):
    rows = read_rows(minimal / "relations.csv")
    rows.append({**rows[0], "role": "founding member"})
    write_rows(minimal / "relations.csv", rows)
    G = build_graph(read_dataset(minimal, reference=reference))
    keys = sorted(G.get_edge_data("fr-apach", "fr-cc-bouzonvillois-trois-frontieres"))
    assert keys == ["MEMBER_OF", "MEMBER_OF#2"]


def _legal_basis(G: nx.MultiDiGraph, actor: str, competence: str) -> str:
    return G.edges[actor, competence, "HOLDS"]["legal_basis"]


def test_a_reference_row_with_partners_applies_only_on_their_border(minimal: Path):

    from conftest import FEDERAL

    G = build_graph(read_dataset(minimal))  # FR, DE, LU: the Karlsruhe agreement applies
    assert _legal_basis(G, "fr-apach", "cross_border_cooperation").startswith("Accord de Karlsruhe")
    assert _legal_basis(G, "de-perl", "cross_border_cooperation").startswith("Karlsruher")
    federal = build_graph(read_dataset(FEDERAL))  # FR, BE: the Brussels agreement instead
    assert _legal_basis(federal, "fr-halluin", "cross_border_cooperation").startswith(
        "Accord de Bruxelles"
    )
    assert _legal_basis(federal, "be-menen", "cross_border_cooperation").startswith(
        "Accord de Bruxelles"
    )
    manifest = json.loads((minimal / "manifest.json").read_text(encoding="utf-8"))
    for countries in (["FR", "IT"], ["DE", "PL"]):  # borders neither agreement covers
        manifest["countries"] = countries
        (minimal / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        G = build_graph(read_dataset(minimal))
        if "FR" in countries:  # the general rule of French law
            assert _legal_basis(G, "fr-apach", "cross_border_cooperation") == "CGCT art. L1115-1"
        else:  # a Gemeinde has only the Karlsruhe row; the Land and the Bund their own
            assert "cross_border_cooperation" not in G["de-perl"]


def test_an_actor_governs_each_of_its_territories(minimal: Path):
    rows = read_rows(minimal / "actors.csv")
    rows[0]["territory"] = "t-fr-apach;t-de-perl"
    write_rows(minimal / "actors.csv", rows)
    G = build_graph(read_dataset(minimal))
    governs = sorted(t for _, t, d in G.out_edges("fr-apach", data=True) if d["type"] == "GOVERNS")
    assert governs == ["t-de-perl", "t-fr-apach"]
    assert Study(G).serves["fr-apach"] == ["t-de-perl", "t-fr-apach"]


def test_former_names_become_node_properties(minimal: Path):
    (minimal / "names.csv").write_text(
        "node,name,language,valid_to,source\n"
        "fr-apach,Apach-Ville,fr,1990,https://example.org/b\n"
        "fr-apach,Apach-Vieux,fr,1900,https://example.org/a\n",
        encoding="utf-8",
    )
    data = build_graph(read_dataset(minimal)).nodes["fr-apach"]
    assert data["former_names"] == ["Apach-Vieux", "Apach-Ville"]  # oldest first
    assert json.loads(data["former_names_facts"])[0] == {
        "name": "Apach-Vieux",
        "language": "fr",
        "valid_to": "1900",
        "source": "https://example.org/a",
        "confidence": "high",
    }


def _join_transport_association(minimal: Path, **membership: str) -> None:
    """The Landkreis (which inherits bus transport, exclusive in the Saarland) becomes a member
    of a transport association that holds bus transport exclusively."""
    actors = read_rows(minimal / "actors.csv")
    actors.append(
        {
            **actors[0],
            "id": "de-transport-association",
            "name": "Transport Association",
            "kind": "special_purpose_body",
            "country": "DE",
            "level": "",
            "territory": "",
            "note": "",
        }
    )
    write_rows(minimal / "actors.csv", actors)
    holdings = read_rows(minimal / "holdings.csv")
    holdings.append(
        {
            **holdings[0],
            "actor": "de-transport-association",
            "competence": "bus_transport",
            "role": "exclusive",
            "legal_basis": "Statutes art. 2",
        }
    )
    write_rows(minimal / "holdings.csv", holdings)
    relations = read_rows(minimal / "relations.csv")
    relations.append(
        {
            **relations[0],
            "from_id": "de-lk-merzig-wadern",
            "to_id": "de-transport-association",
            **membership,
        }
    )
    write_rows(minimal / "relations.csv", relations)


def test_a_member_cedes_what_its_body_holds_exclusively(minimal: Path, reference: Path):
    lk = "de-lk-merzig-wadern"
    assert "bus_transport" in holds(build_graph(read_dataset(minimal, reference=reference)), lk)
    _join_transport_association(minimal)
    G = build_graph(read_dataset(minimal, reference=reference))
    assert "bus_transport" not in holds(G, lk)  # exclusivity: the body holds it instead
    assert holds(G, "de-transport-association")["bus_transport"]["role"] == "exclusive"


def test_a_member_keeps_what_it_delegated_or_left(minimal: Path, reference: Path):
    lk = "de-lk-merzig-wadern"
    _join_transport_association(minimal, valid_to="2020-12-31")
    assert "bus_transport" in holds(build_graph(read_dataset(minimal, reference=reference)), lk)
    relations = read_rows(minimal / "relations.csv")
    relations[-1]["valid_to"] = ""  # a current membership, with a row saying what happened
    write_rows(minimal / "relations.csv", relations)
    header = "actor,competence,on_behalf_of,kind,legal_basis,source\n"
    row = f"de-transport-association,bus_transport,{lk},delegation,Statutes art. 3,https://x.de/s\n"
    (minimal / "exercises.csv").write_text(header + row, encoding="utf-8")
    assert "bus_transport" in holds(build_graph(read_dataset(minimal, reference=reference)), lk)
