"""Writing a graph as a dataset folder, GraphML and GEXF, and reading each back."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

import govgraph
from govgraph.data.build import build_graph
from govgraph.data.dataset import read_dataset
from govgraph.data.export import write_dataset, write_network
from govgraph.files import OutputExistsError


def canon(G):
    nodes = sorted(
        json.dumps([n, d], sort_keys=True, ensure_ascii=False) for n, d in G.nodes(data=True)
    )
    edges = sorted(
        json.dumps([a, b, k, d], sort_keys=True, ensure_ascii=False)
        for a, b, k, d in G.edges(keys=True, data=True)
    )
    return nodes, edges


@pytest.fixture(scope="module")
def G():
    return govgraph.load_graph()


def test_dataset_round_trip_keeps_every_fact(G, tmp_path: Path):
    out = tmp_path / "copy"
    write_dataset(G, out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reference"] == "included"
    again = build_graph(read_dataset(out))
    assert canon(again) == canon(G)
    assert again.graph == G.graph


def test_a_federal_border_survives_the_round_trip(tmp_path: Path):
    """Former names (names.csv), actors with several territories, a dataset's own levels and
    scoped allocation rows, names in Dutch."""
    from conftest import FEDERAL

    G = build_graph(read_dataset(FEDERAL))
    write_dataset(G, tmp_path / "out")
    assert (tmp_path / "out" / "names.csv").read_text(encoding="utf-8").count("\n") == 3
    header = (tmp_path / "out" / "actors.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert "name_nl" in header.split(",") and "former_names" not in header
    again = build_graph(read_dataset(tmp_path / "out"))
    assert canon(again) == canon(G)


def test_denied_holdings_survive_the_round_trip(minimal: Path, reference: Path, tmp_path: Path):
    from conftest import read_rows, write_rows

    rows = read_rows(minimal / "holdings.csv")
    rows.append({**rows[0], "competence": "tourism_promotion", "role": "", "status": "denied"})
    write_rows(minimal / "holdings.csv", rows)
    G = build_graph(read_dataset(minimal, reference=reference))
    write_dataset(G, tmp_path / "out")
    again = build_graph(read_dataset(tmp_path / "out"))
    assert again.graph["denied_holdings"] == G.graph["denied_holdings"]
    assert canon(again) == canon(G)


def test_existing_output_needs_force(G, tmp_path: Path):
    out = tmp_path / "copy"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(
        OutputExistsError, match="already exists: choose another path or pass --force"
    ):
        write_dataset(G, out)
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    write_dataset(G, out, force=True)
    assert not (out / "keep.txt").exists()


def test_graphml_reads_back_with_attributes(G, tmp_path: Path):
    path = tmp_path / "g.graphml"
    write_network(G, path, "graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()
    apach = back.nodes["t-fr-apach"]
    assert apach["node_label"] == "Territory" and apach["code"] == "57026"
    assert apach["countries"] == "FR"
    assert int(back.nodes["t-fr-bouzonville"]["population"]) == 3824
    types = {d["type"] for _, _, d in back.edges(data=True)}
    assert {"HOLDS", "BORDERS", "MEMBER_OF", "PART_OF"} <= types


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_countries_and_themes_are_one_boolean_each_for_gephi(G, tmp_path: Path, fmt: str):
    """A list attribute arrives in Gephi as one text; its values also come as booleans, so a
    partition by country or a filter on one theme works."""
    path = tmp_path / f"g.{fmt}"
    write_network(G, path, fmt)
    back = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    schengen, perl = back.nodes["lu-schengen"], back.nodes["de-perl"]
    assert schengen["country_LU"] is True and schengen["country_DE"] is False
    assert perl["country_DE"] is True and perl["country_LU"] is False
    ccpd = back.nodes["xb-ccpd-luxembourg"]  # a body of four countries has four flags up
    assert sorted(k for k, v in ccpd.items() if k.startswith("country_") and v is True) == [
        "country_BE",
        "country_DE",
        "country_FR",
        "country_LU",
    ]
    themed = [d for _, _, d in back.edges(data=True) if d.get("theme")]
    assert themed and all(d[f"theme_{d['theme'].split(';')[0]}"] is True for d in themed)


def test_gexf_reads_back_with_names_as_labels(G, tmp_path: Path):
    path = tmp_path / "g.gexf"
    write_network(G, path, "gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()
    node = back.nodes["fr-bouzonville"]
    assert node["label"] == "Commune de Bouzonville" and node["node_label"] == "Actor"


def test_network_output_needs_force(G, tmp_path: Path):
    path = tmp_path / "g.gexf"
    path.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        write_network(G, path, "gexf")
    assert path.read_text(encoding="utf-8") == "mine"


def test_row_order_ignores_the_order_of_ids_in_a_list_cell():
    """Two rows of one body and competence keep the same edge keys through an export, whatever
    order a file lists their formal holders in."""
    from govgraph.data.schema import row_order

    first = {"actor": "b", "competence": "c", "on_behalf_of": ["y", "x"], "kind": "organ"}
    assert row_order("exercises", first) == row_order(
        "exercises", {**first, "on_behalf_of": ["x", "y"]}
    )
    later = {**first, "on_behalf_of": ["x", "z"]}
    assert row_order("exercises", first) < row_order("exercises", later)
