"""The bulk importer's files: what they hold, and, into a real server of their own, that they
store exactly what a Cypher load stores, so a load afterwards writes nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FEDERAL, drop_dataset, rename_dataset
from test_neo4j import freeze, graph_edges, graph_nodes

import govgraph
from govgraph.data.build import build_graph
from govgraph.data.dataset import read_dataset
from govgraph.store.bulk import write_import
from govgraph.store.neo4j import load, pull
from govgraph.store.settings import Neo4jSettings, StoreError, connect

ROOT = Path(__file__).resolve().parents[2]
NEO4J_LOCAL = ROOT / "scripts" / "neo4j-local"


def test_the_files_type_each_property_and_list_the_files(tmp_path):
    G = govgraph.load_study().graph
    folder = write_import(G, tmp_path / "bulk")
    manifest = json.loads((folder / "import.json").read_text(encoding="utf-8"))
    assert manifest["dataset"] == "three-borders"
    assert ["Dataset", "nodes-Dataset.csv"] in manifest["nodes"]
    assert ["HOLDS", "rels-HOLDS-Actor-Competence.csv"] in manifest["relationships"]
    head = (folder / "nodes-Territory.csv").read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("id:ID(three-borders|Territory),area_km2:double,")
    assert "population:long" in head and "population_date:date" in head
    assert "countries:string[]" in head and ",dataset," in head and ",fingerprint," in head
    lines = sum(
        len((folder / file).read_text(encoding="utf-8").splitlines()) - 1
        for _, file in manifest["relationships"]
    )
    assert lines >= G.number_of_edges()  # a note may span several lines, none is missing


def test_a_value_the_importer_cannot_store_is_refused_before_anything_is_written(tmp_path):
    G = govgraph.load_study("datasets/minimal").graph.copy()
    actor = next(n for n, d in G.nodes(data=True) if d["label"] == "Actor")
    G.nodes[actor]["countries"] = ["FR;DE"]
    with pytest.raises(StoreError, match="has an item containing ';'"):
        write_import(G, tmp_path / "bulk")
    assert not (tmp_path / "bulk").exists()


def _local(state: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GOVGRAPH_NEO4J_STATE": str(state)}
    return subprocess.run(
        [sys.executable, str(NEO4J_LOCAL), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.fixture
def bulk_server(tmp_path, neo4j_settings):
    """A server of its own (the suite's keeps running), stopped at the end."""
    state = tmp_path / "state"
    yield state
    _local(state, "stop")


def _stored(driver, name):
    """Every stored node and relationship of a dataset, as the server holds them (typed)."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n {dataset: $name}) RETURN labels(n) AS l, properties(n) AS p", name=name
    )
    edges, _, _ = driver.execute_query(
        "MATCH (a)-[r {dataset: $name}]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, "
        "properties(r) AS p",
        name=name,
    )
    return (
        sorted(repr((r["l"], sorted(r["p"].items()))) for r in nodes),
        sorted(repr((r["a"], r["t"], r["b"], sorted(r["p"].items()))) for r in edges),
    )


@pytest.mark.neo4j
def test_a_bulk_import_stores_what_a_load_stores(tmp_path, driver, dataset_name, bulk_server):
    """Two datasets written by the importer into a server of their own hold the same nodes and
    relationships, with the same typed properties, as a Cypher load of them into the suite's
    server; a load afterwards writes nothing, and a pull gives back each graph."""
    folder = tmp_path / dataset_name
    shutil.copytree(FEDERAL, folder)
    federal = build_graph(read_dataset(rename_dataset(folder, dataset_name)))
    shutil.copytree(ROOT / "datasets" / "three-borders", tmp_path / "tb")
    bundled = build_graph(read_dataset(rename_dataset(tmp_path / "tb", f"{dataset_name}-tb")))
    folders = [write_import(G, tmp_path / f"import-{i}") for i, G in enumerate((federal, bundled))]

    refused = _local(bulk_server, "import", str(folders[0]), str(folders[0]))
    assert refused.returncode == 1 and "two folders hold dataset" in refused.stderr
    imported = _local(bulk_server, "import", *map(str, folders))
    assert imported.returncode == 0, imported.stderr
    assert "imported " in imported.stderr and " relationships into the local database" in (
        imported.stderr
    )
    started = _local(bulk_server, "start")
    assert started.returncode == 0, started.stderr
    env = dict(
        line.removeprefix("export ").split("=", 1)
        for line in started.stdout.splitlines()
        if line.startswith("export ")
    )
    again = _local(bulk_server, "import", str(folders[0]))
    assert again.returncode == 1 and "the server is running; stop it first" in again.stderr

    bulk = connect(Neo4jSettings.from_mapping(env))
    try:
        try:
            for G in (federal, bundled):
                summary = load(driver, G)  # the suite's server, by Cypher
                assert summary.nodes_created == G.number_of_nodes()
                nothing = load(bulk, G).as_dict()
                assert all(v == 0 for k, v in nothing.items() if k not in ("dataset", "version"))
                name = G.graph["name"]
                assert _stored(bulk, name) == _stored(driver, name)
                H = pull(bulk, name)
                assert graph_nodes(H) == graph_nodes(G) and graph_edges(H) == graph_edges(G)
                assert freeze(H.graph) == freeze(G.graph)
            records, _, _ = bulk.execute_query(
                "MATCH (d:Dataset {name: $name}) RETURN d.status AS s, d.content_hashes AS h",
                name=dataset_name,
            )
            assert records[0]["s"] == "complete" and json.loads(records[0]["h"])
        finally:
            drop_dataset(driver, f"{dataset_name}-tb")
    finally:
        bulk.close()
