"""The Neo4j commands through click's CliRunner against the real server."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import rename_dataset

from govgraph.cli import main


@pytest.fixture
def run():
    def invoke(*args: str, env: dict[str, str] | None = None):
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)

    return invoke


@pytest.mark.neo4j
def test_load_reload_pull_export(run, minimal: Path, dataset_name: str, tmp_path: Path):
    folder = rename_dataset(minimal, dataset_name)
    # the minimal fixture uses the bundled reference here, as any user dataset does
    first = run("load", str(folder))
    assert first.exit_code == 0, first.output
    assert first.output.startswith(f"loaded {dataset_name} 0.1.0: nodes ")
    second = run("load", "--dataset", str(folder))
    assert second.output.strip() == (
        f"loaded {dataset_name} 0.1.0: nodes 0 created, 0 updated, 0 removed; relationships "
        "0 created, 0 updated, 0 removed"
    )
    info = json.loads(
        run("info", "--neo4j", "--dataset-name", dataset_name, "--format", "json").output
    )
    assert info["nodes"]["Actor"] == 6
    pulled = json.loads(run("pull", "--dataset-name", dataset_name, "--format", "json").output)
    assert pulled == info
    actors = run("actors", "--neo4j", "--dataset", str(folder), "--search", "perl")
    assert "de-perl" in actors.output
    out = tmp_path / "from-neo4j"
    exported = run("export", "--from-neo4j", dataset_name, "--out", str(out))
    assert exported.exit_code == 0
    assert run("validate", str(out)).output.startswith(f"valid: {dataset_name} ")
    again = run("export", "--from-neo4j", dataset_name, "--out", str(out))
    assert again.exit_code == 1
    assert (
        again.output.strip() == f"error: {out} already exists: choose another path or pass --force"
    )


@pytest.mark.neo4j
def test_cypher_command(run, minimal: Path, dataset_name: str):
    run("load", str(rename_dataset(minimal, dataset_name)))
    result = run(
        "cypher",
        "MATCH (a:Actor {dataset: $d}) RETURN count(a) AS actors",
        "--param",
        f"d={dataset_name}",
        "--format",
        "json",
    )
    assert result.exit_code == 0
    assert json.loads(result.output) == [{"actors": 6}]
    result = run(
        "cypher",
        "actors_of_territory",
        "--param",
        f"dataset={dataset_name}",
        "--param",
        "territory=t-fr-cc-bouzonvillois-trois-frontieres",
        "--format",
        "csv",
    )
    assert result.output.splitlines()[0] == "actor,name,kind,level,tier,territory"
    assert {line.split(",")[0] for line in result.output.splitlines()[1:]} == {
        "fr-cc-bouzonvillois-trois-frontieres",
        "fr-apach",
    }
    refused = run(
        "cypher", "MATCH (a:Actor {dataset: $d}) DETACH DELETE a", "--param", f"d={dataset_name}"
    )
    assert refused.exit_code == 1
    assert (
        refused.output.strip()
        == "error: this query writes to the database; pass --write to allow it"
    )
    assert json.loads(
        run(
            "cypher",
            "MATCH (a:Actor {dataset: $d}) RETURN count(a) AS n",
            "--param",
            f"d={dataset_name}",
            "--format",
            "json",
        ).output
    ) == [{"n": 6}]


@pytest.mark.neo4j
def test_wrong_password_is_one_line_without_the_password(run, neo4j_settings):
    env = {"NEO4J_URI": neo4j_settings.uri, "NEO4J_PASSWORD": "wrong-password-123"}
    result = run("load", env=env)
    assert result.exit_code == 1
    assert result.output.startswith(f"error: Neo4j at {neo4j_settings.uri} refused user 'neo4j'")
    assert "wrong-password-123" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_no_server_and_no_settings(run):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run("load", env={"NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": "x"})
    assert result.exit_code == 1
    assert result.output.startswith(f"error: cannot reach Neo4j at bolt://127.0.0.1:{port}")
    result = run("pull", "--dataset-name", "x", env={"NEO4J_URI": "", "NEO4J_PASSWORD": ""})
    assert result.exit_code == 1
    assert result.output.startswith("error: no Neo4j server given: set NEO4J_URI")


@pytest.mark.neo4j
def test_a_ready_query_takes_actor_names_and_says_when_nothing_matched(
    run, minimal: Path, dataset_name: str
):
    """govgraph cypher resolves an actor's name for a ready query's actor parameter (with a
    note), refuses a name that matches nothing with the fix, and an empty answer says which
    parameters matched nothing."""
    run("load", str(rename_dataset(minimal, dataset_name)))
    by_name = run(
        "cypher",
        "competence_holders_around",
        "--param",
        f"dataset={dataset_name}",
        "--param",
        "actor=Apach",
        "--param",
        "competence=waste_collection",
        "--format",
        "json",
    )
    assert by_name.exit_code == 0, by_name.output
    assert "note: 'Apach' is fr-apach" in by_name.stderr
    assert "fr-cc-bouzonvillois-trois-frontieres" in {
        r["holder"] for r in json.loads(by_name.stdout)
    }
    unknown = run(
        "cypher",
        "competence_holders_around",
        "--param",
        f"dataset={dataset_name}",
        "--param",
        "actor=Atlantis",
        "--param",
        "competence=waste_collection",
    )
    assert unknown.exit_code == 1
    assert f"--param actor='Atlantis' is no actor of dataset '{dataset_name}'" in unknown.output
    empty = run(
        "cypher",
        "cooperation_paths",
        "--param",
        f"dataset={dataset_name}",
        "--param",
        "from=Perl",
        "--param",
        "to=Schengen",
    )
    assert empty.exit_code == 0 and "(no rows)" in empty.stdout
    assert "note: 'Perl' is de-perl" in empty.stderr
    assert "no rows: the query matched nothing for dataset=" in empty.stderr
    assert "from=de-perl, to=lu-schengen" in empty.stderr
