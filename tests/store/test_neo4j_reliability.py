"""Faults and concurrency against the real Neo4j server: the connection cut mid-load, a
transaction failing on a constraint, Ctrl-C on the command, two loads at once, a load while
queries run. After each: the previous version, or after re-running the load exactly the new one;
no duplicates; other datasets untouched."""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import MINIMAL, REFERENCE, drop_dataset, read_rows, rename_dataset, write_rows
from test_neo4j import db_edges, db_nodes, graph_edges, graph_nodes

import govgraph
from govgraph.data.build import build_graph
from govgraph.data.dataset import read_dataset
from govgraph.store.lock import LoadInProgress
from govgraph.store.neo4j import datasets, load
from govgraph.store.settings import Neo4jSettings, StoreError, connect

pytestmark = pytest.mark.neo4j
ROOT = Path(__file__).resolve().parents[2]


def minimal_graph(tmp_path: Path, name: str):
    folder = tmp_path / name
    shutil.copytree(MINIMAL, folder)
    return build_graph(read_dataset(rename_dataset(folder, name), reference=REFERENCE))


def status(driver, name: str) -> str | None:
    return {d["name"]: d["status"] for d in datasets(driver)}.get(name)


# ------------------------------------------------------------------ the connection cut


class CuttingProxy:
    """A TCP proxy on 127.0.0.1 to the Neo4j server that can cut every connection at once."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.open = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self.open:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        try:
            while self.open:
                ready, _, _ = select.select([a, b], [], [], 0.2)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (b if sock is a else a).sendall(data)
        except OSError:
            return

    def cut(self) -> None:
        self.open = False
        for sock in [self.listener, *self.sockets]:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


def test_connection_cut_mid_load_then_rerun_completes(
    driver, neo4j_settings, tmp_path, dataset_name
):
    G = minimal_graph(tmp_path, dataset_name)
    host, port = neo4j_settings.uri.split("://", 1)[1].rsplit(":", 1)
    proxy = CuttingProxy(host, int(port))
    via_proxy = Neo4jSettings(
        f"bolt://127.0.0.1:{proxy.port}", neo4j_settings.username, neo4j_settings.password
    )
    cut_driver = connect(via_proxy)

    def cut_midway(done: int, total: int) -> None:
        if done >= 10:
            proxy.cut()

    try:
        with pytest.raises(StoreError, match="lost the connection to Neo4j during the load"):
            load(cut_driver, G, batch_size=5, progress=cut_midway)
    finally:
        cut_driver.close()
    assert status(driver, dataset_name) == "loading"
    load(driver, G, batch_size=5)  # simply re-run it
    assert status(driver, dataset_name) == "complete"
    assert db_nodes(driver, dataset_name) == graph_nodes(G)
    assert db_edges(driver, dataset_name) == graph_edges(G)


# ------------------------------------------------------------------ a constraint fails


def test_a_transaction_failing_on_a_constraint_leaves_other_datasets_untouched(
    driver, tmp_path, dataset_name
):
    other = dataset_name + "-b"
    first, second = minimal_graph(tmp_path, dataset_name), minimal_graph(tmp_path, other)
    for G in (first, second):  # a property only these two datasets have, equal in both
        G.nodes["xb-moselle3-trail"]["marker"] = f"{dataset_name}-marker"
    load(driver, first)
    before = (db_nodes(driver, dataset_name), db_edges(driver, dataset_name))
    driver.execute_query(
        "CREATE CONSTRAINT test_initiative_marker IF NOT EXISTS "
        "FOR (n:Initiative) REQUIRE n.marker IS UNIQUE"
    )
    try:
        with pytest.raises(StoreError, match=f"Neo4j refused the load of '{other}'"):
            load(driver, second)  # the same marker as the first dataset
        assert status(driver, other) == "loading"
        assert (db_nodes(driver, dataset_name), db_edges(driver, dataset_name)) == before
    finally:
        driver.execute_query("DROP CONSTRAINT test_initiative_marker IF EXISTS")
    try:
        load(driver, second)
        assert db_nodes(driver, other) == graph_nodes(second)
        assert (db_nodes(driver, dataset_name), db_edges(driver, dataset_name)) == before
    finally:
        drop_dataset(driver, other)


# ------------------------------------------------------------------ Ctrl-C


def test_ctrl_c_on_the_command_then_rerun_completes(driver, neo4j_settings, tmp_path, dataset_name):
    folder = tmp_path / dataset_name
    shutil.copytree(ROOT / "datasets" / "three-borders", folder)
    rename_dataset(folder, dataset_name)
    env = {**os.environ, "NEO4J_URI": neo4j_settings.uri, "NEO4J_PASSWORD": neo4j_settings.password}
    command = [sys.executable, str(ROOT / "cli.py"), "load", str(folder), "--batch-size", "1"]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        records, _, _ = driver.execute_query(
            "MATCH (n:Actor {dataset: $name}) RETURN count(n) AS n", name=dataset_name
        )
        if records[0]["n"] > 20:
            break
        time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, (out, err)
    assert "interrupted; if a load was running" in err and "Traceback" not in err
    assert status(driver, dataset_name) == "loading"
    rerun = subprocess.run(command[:-2], env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    G = govgraph.load_graph(folder)
    assert db_nodes(driver, dataset_name) == graph_nodes(G)
    assert db_edges(driver, dataset_name) == graph_edges(G)


# ------------------------------------------------------------------ concurrency


def test_two_loads_of_the_same_dataset_at_once(neo4j_settings, driver, tmp_path, dataset_name):
    G = minimal_graph(tmp_path, dataset_name)
    outcomes: list[str] = []

    def run() -> None:
        own = connect(neo4j_settings)
        try:
            load(own, G, batch_size=1)
            outcomes.append("loaded")
        except LoadInProgress as exc:
            outcomes.append(str(exc))
        finally:
            own.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert "loaded" in outcomes and len(outcomes) == 2
    refused = [o for o in outcomes if o != "loaded"]
    for message in refused:
        assert message.startswith(f"another load of '{dataset_name}'")
    assert status(driver, dataset_name) == "complete"
    assert db_nodes(driver, dataset_name) == graph_nodes(G)
    assert db_edges(driver, dataset_name) == graph_edges(G)


def test_a_load_while_queries_run(driver, tmp_path, dataset_name):
    folder = tmp_path / dataset_name
    shutil.copytree(MINIMAL, folder)
    rename_dataset(folder, dataset_name)
    first = build_graph(read_dataset(folder, reference=REFERENCE))
    load(driver, first)
    actors = read_rows(folder / "actors.csv")
    actors[0]["name"] = "Commune d'Apach (renamed for the test)"
    write_rows(folder / "actors.csv", actors)
    second = build_graph(read_dataset(folder, reference=REFERENCE))
    errors: list[str] = []
    counts: list[int] = []
    stop = threading.Event()

    def query() -> None:
        while not stop.is_set():
            try:
                records, _, _ = driver.execute_query(
                    "MATCH (n {dataset: $name}) RETURN count(n) AS n", name=dataset_name
                )
                counts.append(records[0]["n"])
            except Exception as exc:  # noqa: BLE001 - any error fails the test below
                errors.append(repr(exc))

    reader = threading.Thread(target=query)
    reader.start()
    try:
        load(driver, second, batch_size=1)
    finally:
        stop.set()
        reader.join(timeout=30)
    assert errors == []
    assert counts and max(counts) <= first.number_of_nodes()  # never a duplicate
    assert db_nodes(driver, dataset_name) == graph_nodes(second)


# ------------------------------------------------------------------ secrets and exposure


def test_the_password_appears_in_no_output_or_export(neo4j_settings, tmp_path, dataset_name):
    from click.testing import CliRunner

    from govgraph.cli import main

    folder = tmp_path / dataset_name
    shutil.copytree(MINIMAL, folder)
    rename_dataset(folder, dataset_name)
    runner = CliRunner()
    outputs = [
        runner.invoke(main, ["load", str(folder)]).output,
        runner.invoke(main, ["pull", "--dataset-name", dataset_name, "--format", "json"]).output,
        runner.invoke(
            main, ["export", "--from-neo4j", dataset_name, "--out", str(tmp_path / "out")]
        ).output,
        runner.invoke(
            main,
            ["html", "--neo4j", "--dataset-name", dataset_name, "--out", str(tmp_path / "n.html")],
        ).output,
    ]
    files = [p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir()]
    files.append((tmp_path / "n.html").read_text(encoding="utf-8"))
    for text in outputs + files:
        assert neo4j_settings.password not in text
    assert "loaded" in outputs[0]


def test_the_local_server_listens_on_loopback_with_a_password():
    state = _local_state()
    conf = (state / "conf" / "neo4j.conf").read_text(encoding="utf-8")
    listen = [
        line for line in conf.splitlines() if "listen_address" in line and not line.startswith("#")
    ]
    assert listen and all("127.0.0.1" in line for line in listen)
    assert "dbms.security.auth_enabled=false" not in conf
    password = state / "password"
    assert password.stat().st_mode & 0o077 == 0


def _local_state() -> Path:
    state = os.environ.get("GOVGRAPH_NEO4J_STATE")
    if not state:
        pytest.skip("the server was not started by scripts/neo4j-local")
    return Path(state)


def test_the_local_shell_runs_a_query_against_the_server(driver, tmp_path, dataset_name):
    """scripts/neo4j-local shell: cypher-shell from Maven Central, against the running server."""
    _local_state()
    load(driver, minimal_graph(tmp_path, dataset_name))
    query = f"MATCH (a:Actor {{dataset: '{dataset_name}'}}) RETURN count(a) AS actors"
    done = subprocess.run(
        [str(ROOT / "scripts" / "neo4j-local"), "shell", "--", "--format", "plain", query],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["actors", str(len(read_rows(MINIMAL / "actors.csv")))]
    assert os.environ["NEO4J_PASSWORD"] not in done.stdout + done.stderr


def test_the_local_server_serves_the_browser_and_says_where():
    """The Neo4j Browser (from Maven Central) at /browser/, its URL among the export lines."""
    import urllib.request

    state = _local_state()
    done = subprocess.run(
        [
            str(
                ROOT / "scripts" / "neo4j-local",
            ),
            "env",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={**os.environ, "GOVGRAPH_NEO4J_STATE": str(state)},
    )
    lines = dict(
        line.removeprefix("export ").split("=", 1) for line in done.stdout.splitlines() if line
    )
    url = lines["NEO4J_BROWSER_URL"]
    assert url.startswith("http://127.0.0.1:") and url.endswith("/browser/")
    with urllib.request.urlopen(url, timeout=30) as page:  # noqa: S310 - our own loopback server
        assert page.status == 200
        assert "Neo4j Browser" in page.read().decode("utf-8", errors="replace")


def test_docker_compose_binds_loopback_and_has_no_default_password():
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    ports = [
        line.strip()
        for line in text.splitlines()
        if line.strip().startswith('- "') and ":" in line and "/" not in line
    ]
    assert ports and all(p.startswith('- "127.0.0.1:') for p in ports)
    assert 'NEO4J_AUTH: "neo4j/${NEO4J_PASSWORD:?' in text
    assert json.dumps("neo4j/neo4j") not in text
