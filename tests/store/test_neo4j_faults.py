"""A Neo4j server killed in the middle of a load: one clear error, and a rerun completes the load.

This test starts its own server (scripts/neo4j-local with a private state folder), so killing it
does not disturb the server the other tests use.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path

import pytest
from conftest import MINIMAL, REFERENCE

from govgraph.data.build import build_graph
from govgraph.data.dataset import read_dataset
from govgraph.store.neo4j import datasets, load
from govgraph.store.settings import Neo4jSettings, StoreError, connect

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.neo4j


def local(state: Path, *args: str) -> str:
    env = {**os.environ, "GOVGRAPH_NEO4J_STATE": str(state)}
    done = subprocess.run(
        [str(ROOT / "scripts" / "neo4j-local"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout


def settings_from(exports: str) -> Neo4jSettings:
    values = dict(re.findall(r"^export (NEO4J_\w+)=(.*)$", exports, flags=re.M))
    return Neo4jSettings.from_mapping(values)


@pytest.fixture
def own_server(tmp_path: Path, neo4j_settings):  # neo4j_settings: skip/fail like the others
    state = tmp_path / "neo4j-state"
    exports = local(state, "start")
    try:
        yield state, settings_from(exports)
    finally:
        local(state, "stop")


def test_server_killed_mid_load_then_rerun_completes(own_server):
    state, settings = own_server
    G = build_graph(read_dataset(MINIMAL, reference=REFERENCE))
    pid = int((state / "run" / "neo4j.pid").read_text().strip())

    def kill_midway(done: int, total: int) -> None:
        if done >= 10:
            os.kill(pid, signal.SIGKILL)

    driver = connect(settings)
    try:
        with pytest.raises(StoreError) as caught:
            load(driver, G, batch_size=5, progress=kill_midway)
    finally:
        driver.close()
    assert str(caught.value) == (
        "lost the connection to Neo4j during the load of 'minimal'; the dataset is marked as "
        "partly loaded: run the same govgraph load again"
    )
    restarted = settings_from(local(state, "start"))
    driver = connect(restarted)
    try:
        assert {d["name"]: d["status"] for d in datasets(driver)}["minimal"] == "loading"
        load(driver, G, batch_size=5)
        assert {d["name"]: d["status"] for d in datasets(driver)}["minimal"] == "complete"
        records, _, _ = driver.execute_query(
            "MATCH (n {dataset: 'minimal'}) RETURN count(n) AS nodes, count(DISTINCT n.id) AS ids"
        )
        assert records[0]["nodes"] == records[0]["ids"] == G.number_of_nodes()
        records, _, _ = driver.execute_query(
            "MATCH ()-[r {dataset: 'minimal'}]->() RETURN count(r) AS n"
        )
        assert records[0]["n"] == G.number_of_edges()
    finally:
        driver.close()
