"""Connection settings and failures that need no server."""

from __future__ import annotations

import socket
import time

import pytest

from govgraph.store.settings import URI_SCHEMES, Neo4jSettings, StoreError, connect, new_driver


def test_settings_come_from_the_mapping_and_overrides_win():
    env = {
        "NEO4J_URI": "bolt://127.0.0.1:7687",
        "NEO4J_PASSWORD": "s3cret",
        "NEO4J_DATABASE": "neo4j",
    }
    settings = Neo4jSettings.from_mapping(env, uri="neo4j+s://db.example.org", database=None)
    assert settings.uri == "neo4j+s://db.example.org"
    assert settings.username == "neo4j"
    assert settings.database == "neo4j"
    assert "s3cret" not in repr(settings) and "s3cret" not in str(settings)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "no Neo4j server given: set NEO4J_URI"),
        ({"NEO4J_URI": "http://localhost:7474", "NEO4J_PASSWORD": "x"}, "NEO4J_URI must start"),
        ({"NEO4J_URI": "bolt://localhost:7687"}, "no Neo4j password given"),
    ],
)
def test_missing_or_bad_settings(env, message):
    with pytest.raises(StoreError, match=message):
        Neo4jSettings.from_mapping(env)


def test_no_server_fails_fast_with_one_message():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = Neo4jSettings(f"bolt://127.0.0.1:{port}", "neo4j", "secret-password")
    started = time.monotonic()
    with pytest.raises(StoreError) as caught:
        connect(settings)
    assert time.monotonic() - started < 15
    assert str(caught.value).startswith(f"cannot reach Neo4j at bolt://127.0.0.1:{port}")
    assert "secret-password" not in str(caught.value)


@pytest.mark.parametrize("scheme", URI_SCHEMES)
def test_every_scheme_makes_a_driver_routing_for_neo4j_uris(scheme):
    """bolt:// talks to one server; neo4j:// (a cluster, a hosted instance) routes; +s and +ssc
    encrypt. The driver is made without a server (it connects on first use)."""
    settings = Neo4jSettings.from_mapping(
        {"NEO4J_URI": f"{scheme}://db.example.org:7687", "NEO4J_PASSWORD": "x"}
    )
    driver = new_driver(settings)
    try:
        routing = type(driver).__name__ == "Neo4jDriver"
        assert routing == scheme.startswith("neo4j")
        assert driver.encrypted == ("+" in scheme)
    finally:
        driver.close()


def test_a_routing_uri_with_no_cluster_behind_fails_with_one_message():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = Neo4jSettings(f"neo4j://127.0.0.1:{port}", "neo4j", "secret-password")
    with pytest.raises(StoreError) as caught:
        connect(settings)
    assert str(caught.value).startswith(f"cannot reach Neo4j at neo4j://127.0.0.1:{port}")
    assert "secret-password" not in str(caught.value)


def test_password_from_a_file_only_its_owner_can_read(tmp_path):
    secret = tmp_path / "pw"
    secret.write_text("from-a-file\n", encoding="utf-8")
    secret.chmod(0o600)
    env = {"NEO4J_URI": "bolt://127.0.0.1:7687", "NEO4J_PASSWORD_FILE": str(secret)}
    assert Neo4jSettings.from_mapping(env).password == "from-a-file"
    secret.chmod(0o644)
    with pytest.raises(StoreError, match=f"can be read by other users: chmod 600 {secret}"):
        Neo4jSettings.from_mapping(env)
    env["NEO4J_PASSWORD_FILE"] = str(tmp_path / "missing")
    with pytest.raises(StoreError, match="cannot read NEO4J_PASSWORD_FILE"):
        Neo4jSettings.from_mapping(env)
