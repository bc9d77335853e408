"""The Neo4j store against a real server: load, reload, change, side by side, pull, faults."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL, REFERENCE, Recorder, read_rows, rename_dataset, write_rows

from govgraph.data.build import build_graph
from govgraph.data.dataset import read_dataset
from govgraph.store.neo4j import STORE_PROPERTIES, datasets, load, pull
from govgraph.store.settings import Neo4jSettings, StoreError, connect

pytestmark = pytest.mark.neo4j


def graph_of(folder: Path):
    return build_graph(read_dataset(folder, reference=REFERENCE))


def copy_minimal(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(MINIMAL, folder)
    return rename_dataset(folder, name)


def freeze(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def spelled(props):
    """Stored properties as the dataset spells them: a DATE back to its text at its precision."""
    out = {}
    for key, value in props.items():
        if key.endswith("_precision"):
            continue
        if hasattr(value, "iso_format"):
            text = value.iso_format()
            size = {"year": 4, "month": 7}.get(props.get(f"{key}_precision"), 10)
            value = text[:size]
        out[key] = value
    return out


def db_nodes(driver, name):
    records, _, _ = driver.execute_query(
        "MATCH (n {dataset: $name}) RETURN labels(n) AS labels, properties(n) AS p", name=name
    )
    out = set()
    for r in records:
        props = spelled({k: v for k, v in r["p"].items() if k not in STORE_PROPERTIES})
        out.add((tuple(r["labels"]), props.pop("id"), freeze(props)))
    return out


def db_edges(driver, name):
    records, _, _ = driver.execute_query(
        "MATCH (a)-[r {dataset: $name}]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, "
        "properties(r) AS p",
        name=name,
    )
    out = set()
    for r in records:
        props = spelled({k: v for k, v in r["p"].items() if k not in STORE_PROPERTIES})
        out.add((r["a"], r["t"], r["b"], props.pop("key"), freeze(props)))
    return out


def graph_nodes(G):
    return {
        ((d["label"],), n, freeze({k: v for k, v in d.items() if k != "label"}))
        for n, d in G.nodes(data=True)
    }


def graph_edges(G):
    return {
        (a, d["type"], b, k, freeze({x: y for x, y in d.items() if x != "type"}))
        for a, b, k, d in G.edges(keys=True, data=True)
    }


def test_load_writes_exactly_the_graph(driver, tmp_path, dataset_name):
    G = graph_of(copy_minimal(tmp_path, dataset_name))
    summary = load(driver, G)
    assert summary.nodes_created == G.number_of_nodes()
    assert summary.relationships_created == G.number_of_edges()
    assert db_nodes(driver, dataset_name) == graph_nodes(G)
    assert db_edges(driver, dataset_name) == graph_edges(G)
    assert {"name": dataset_name, "version": "0.1.0", "status": "complete"} in datasets(driver)


def test_batches_written_at_once_write_every_row(driver, dataset_name):
    """Sixty competences in one theme, a batch per row: the theme is the last node written
    (its label sorts last), and every relationship joins it. Two batches are written at once;
    every row is written, none twice, and the load waits for the last batch."""
    import networkx as nx

    G = nx.MultiDiGraph(name=dataset_name, version="0.1.0", denied_holdings=[])
    G.add_node("z-theme", label="Theme", name_en="Theme", source="https://example.org")
    for i in range(60):
        G.add_node(f"c{i:02}", label="Competence", name_en=f"C{i}", source="https://example.org")
        G.add_edge(f"c{i:02}", "z-theme", key="IN_THEME", type="IN_THEME")
    summary = load(driver, G, batch_size=1)
    assert summary.relationships_created == 60
    assert db_edges(driver, dataset_name) == graph_edges(G)


def test_loading_twice_changes_nothing(driver, tmp_path, dataset_name):
    G = graph_of(copy_minimal(tmp_path, dataset_name))
    load(driver, G)
    before = (db_nodes(driver, dataset_name), db_edges(driver, dataset_name))
    summary = load(driver, G)
    assert (summary.nodes_created, summary.nodes_updated, summary.nodes_removed) == (0, 0, 0)
    assert (
        summary.relationships_created,
        summary.relationships_updated,
        summary.relationships_removed,
    ) == (0, 0, 0)
    assert (db_nodes(driver, dataset_name), db_edges(driver, dataset_name)) == before


def test_reloading_a_changed_dataset_leaves_exactly_the_new_version(driver, tmp_path, dataset_name):
    folder = copy_minimal(tmp_path, dataset_name)
    load(driver, graph_of(folder))
    territories = read_rows(folder / "territories.csv")
    territories[4]["population"] = "1100"  # Apach: one property changes
    write_rows(folder / "territories.csv", territories)
    relations = read_rows(folder / "relations.csv")
    write_rows(folder / "relations.csv", relations[:-1])  # one relation goes
    new = graph_of(folder)
    summary = load(driver, new)
    assert (summary.nodes_created, summary.nodes_updated, summary.nodes_removed) == (0, 1, 0)
    assert summary.relationships_removed == 1
    assert db_nodes(driver, dataset_name) == graph_nodes(new)
    assert db_edges(driver, dataset_name) == graph_edges(new)


def _mark_every_row(driver, name):
    """A property govgraph never writes, on every stored row (a row a load writes loses it)."""
    driver.execute_query("MATCH (n {dataset: $name}) SET n.probe = 1", name=name)
    driver.execute_query("MATCH ()-[r {dataset: $name}]->() SET r.probe = 1", name=name)


def _unmarked(driver, name):
    nodes, _, _ = driver.execute_query(
        "MATCH (n {dataset: $name}) WHERE n.probe IS NULL RETURN n.id AS id", name=name
    )
    edges, _, _ = driver.execute_query(
        "MATCH (a)-[r {dataset: $name}]->(b) WHERE r.probe IS NULL "
        "RETURN a.id + ' ' + type(r) + ' ' + b.id AS id",
        name=name,
    )
    return {r["id"] for r in nodes}, {r["id"] for r in edges}


def test_a_reload_without_change_writes_no_row(driver, tmp_path, dataset_name):
    G = graph_of(copy_minimal(tmp_path, dataset_name))
    load(driver, G)
    _mark_every_row(driver, dataset_name)
    summary = load(driver, G)
    assert summary.nodes_created + summary.nodes_updated + summary.nodes_removed == 0
    assert _unmarked(driver, dataset_name) == (set(), set())  # not one row rewritten
    assert {d["name"]: d["status"] for d in datasets(driver)}[dataset_name] == "complete"


def test_a_change_writes_only_the_changed_rows(driver, tmp_path, dataset_name):
    folder = copy_minimal(tmp_path, dataset_name)
    load(driver, graph_of(folder))
    _mark_every_row(driver, dataset_name)
    territories = read_rows(folder / "territories.csv")
    changed = territories[4]["id"]
    territories[4]["population"] = "1100"
    write_rows(folder / "territories.csv", territories)
    relations = read_rows(folder / "relations.csv")
    write_rows(folder / "relations.csv", relations[:-1])
    new = graph_of(folder)
    summary = load(driver, new)
    assert (summary.nodes_created, summary.nodes_updated, summary.nodes_removed) == (0, 1, 0)
    assert summary.relationships_removed == 1
    assert _unmarked(driver, dataset_name) == ({changed}, set())  # the rest left as it was
    driver.execute_query("MATCH (n {dataset: $name}) REMOVE n.probe", name=dataset_name)
    driver.execute_query("MATCH ()-[r {dataset: $name}]->() REMOVE r.probe", name=dataset_name)
    assert db_nodes(driver, dataset_name) == graph_nodes(new)
    assert db_edges(driver, dataset_name) == graph_edges(new)


def test_a_full_load_repairs_rows_changed_in_neo4j_by_hand(driver, tmp_path, dataset_name):
    G = graph_of(copy_minimal(tmp_path, dataset_name))
    load(driver, G)
    driver.execute_query(
        "MATCH (n:Territory {dataset: $name}) WITH n LIMIT 1 DETACH DELETE n", name=dataset_name
    )
    driver.execute_query(
        "MATCH (n:Actor {dataset: $name}) WITH n LIMIT 1 SET n.name = 'edited'", name=dataset_name
    )
    assert db_nodes(driver, dataset_name) != graph_nodes(G)
    # a plain reload trusts the last load's content hashes: it reads no unchanged group
    quiet = load(driver, G)
    assert (quiet.nodes_created, quiet.nodes_updated, quiet.relationships_created) == (0, 0, 0)
    summary = load(driver, G, rewrite_all=True)
    assert summary.nodes_created == 1
    assert summary.nodes_updated == G.number_of_nodes() - 1  # every stored row written again
    assert db_nodes(driver, dataset_name) == graph_nodes(G)
    assert db_edges(driver, dataset_name) == graph_edges(G)


def test_load_and_pull_report_their_progress(driver, tmp_path, dataset_name):
    from govgraph.progress import reporting

    G = graph_of(copy_minimal(tmp_path, dataset_name))
    shown = Recorder()
    with reporting(shown):
        load(driver, G)
        pull(driver, dataset_name)
    assert shown.finished() == {
        f"comparing {dataset_name} with Neo4j": True,
        f"reading {dataset_name} from Neo4j": True,
    }


def test_two_datasets_side_by_side_stay_independent(driver, tmp_path, dataset_name):
    other = dataset_name + "-b"
    try:
        first = graph_of(copy_minimal(tmp_path, dataset_name))
        folder_b = copy_minimal(tmp_path, other)
        actors = read_rows(folder_b / "actors.csv")
        write_rows(folder_b / "actors.csv", actors[:-1])  # b lacks lu-government
        second = graph_of(folder_b)
        load(driver, first)
        load(driver, second)
        assert db_nodes(driver, dataset_name) == graph_nodes(first)
        assert db_nodes(driver, other) == graph_nodes(second)
        load(driver, first)  # reloading one never touches the other
        assert db_edges(driver, other) == graph_edges(second)
    finally:
        from conftest import drop_dataset

        drop_dataset(driver, other)


def test_pull_gives_back_the_same_graph(driver, tmp_path, dataset_name):
    G = graph_of(copy_minimal(tmp_path, dataset_name))
    load(driver, G)
    H = pull(driver, dataset_name)
    assert graph_nodes(H) == graph_nodes(G)
    assert graph_edges(H) == graph_edges(G)
    assert H.graph == G.graph


def test_round_trip_csv_neo4j_csv_keeps_every_fact(driver, tmp_path, dataset_name):
    from govgraph.data.export import write_dataset

    G = graph_of(copy_minimal(tmp_path, dataset_name))
    load(driver, G)
    out = tmp_path / "exported"
    write_dataset(pull(driver, dataset_name), out)
    again = build_graph(read_dataset(out))  # the export includes its reference
    assert graph_nodes(again) == graph_nodes(G)
    assert graph_edges(again) == graph_edges(G)


def test_a_federal_border_survives_csv_neo4j_csv(driver, tmp_path, dataset_name):
    """Former names, several territories per actor and scoped allocations through Neo4j; the
    former names stay queryable there as a list."""
    from conftest import FEDERAL

    from govgraph.data.export import write_dataset

    folder = tmp_path / dataset_name
    shutil.copytree(FEDERAL, folder)
    G = build_graph(read_dataset(rename_dataset(folder, dataset_name)))
    load(driver, G)
    records, _, _ = driver.execute_query(
        "MATCH (a:Actor {dataset: $name}) WHERE 'Transpole' IN a.former_names RETURN a.id AS id",
        name=dataset_name,
    )
    assert [r["id"] for r in records] == ["fr-ilevia"]
    H = pull(driver, dataset_name)
    assert graph_nodes(H) == graph_nodes(G) and graph_edges(H) == graph_edges(G)
    write_dataset(H, tmp_path / "exported")
    again = build_graph(read_dataset(tmp_path / "exported"))
    assert graph_nodes(again) == graph_nodes(G) and graph_edges(again) == graph_edges(G)


def test_both_bundled_borders_live_side_by_side(driver, tmp_path, dataset_name):
    """Three Borders and Greater Geneva in one database: each complete, each read back whole,
    neither touching the other."""
    import govgraph

    folder = tmp_path / dataset_name
    shutil.copytree(Path(govgraph.__file__).parents[1] / "datasets" / "greater-geneva", folder)
    geneva = build_graph(read_dataset(rename_dataset(folder, dataset_name)))
    three = govgraph.load_graph()
    load(driver, three)
    load(driver, geneva)
    status = {d["name"]: d["status"] for d in datasets(driver)}
    assert status[dataset_name] == status["three-borders"] == "complete"
    assert db_nodes(driver, dataset_name) == graph_nodes(geneva)
    assert db_nodes(driver, "three-borders") == graph_nodes(three)
    back = pull(driver, dataset_name)
    assert graph_nodes(back) == graph_nodes(geneva) and graph_edges(back) == graph_edges(geneva)
    records, _, _ = driver.execute_query(
        "MATCH (a:Actor {dataset: $name})-[:MEMBER_OF]->(:Actor {id: 'xb-glct-grand-geneve'}) "
        "RETURN count(DISTINCT a) AS members",
        name=dataset_name,
    )
    assert records[0]["members"] == 10


def test_dates_are_neo4j_dates_with_their_precision(driver):
    """Full dates are DATE values, a partial one its first day (an end: its last) with its
    precision, so `valid_to < date(...)` and "valid on a day" work in Cypher; a pull spells them
    as the dataset does."""
    import govgraph
    from govgraph.data.validation import date_key

    three = govgraph.load_graph()
    load(driver, three)
    records, _, _ = driver.execute_query(
        "MATCH (a:Actor {dataset: 'three-borders'}) WHERE a.valid_to < date('2012-01-01') "
        "RETURN a.id AS id"
    )
    ended = {
        n
        for n, d in three.nodes(data=True)
        if d["label"] == "Actor"
        and d.get("valid_to")
        and date_key(d["valid_to"], True) < (2012, 1, 1)
    }
    assert ended and {r["id"] for r in records} == ended
    records, _, _ = driver.execute_query(
        "MATCH (a:Actor {dataset: 'three-borders', id: 'de-zrf-saar'}) "
        "RETURN a.valid_from = date('2009-09-01') AS first_day, a.valid_from_precision AS p"
    )
    assert (records[0]["first_day"], records[0]["p"]) == (True, "month")
    day = "2020-06-01"
    records, _, _ = driver.execute_query(
        "MATCH (a:Actor {dataset: 'three-borders'}) "
        "WHERE coalesce(a.valid_from, date($day)) <= date($day) "
        "AND date($day) <= coalesce(a.valid_to, date($day)) RETURN a.id AS id",
        day=day,
    )
    valid = {
        n
        for n, d in three.nodes(data=True)
        if d["label"] == "Actor"
        and date_key(d.get("valid_from") or day) <= date_key(day)
        and date_key(day) <= date_key(d.get("valid_to") or day, True)
    }
    assert {r["id"] for r in records} == valid and ended - valid == ended
    back = pull(driver, "three-borders")
    assert back.nodes["de-zrf-saar"]["valid_from"] == "2009-09"
    assert graph_edges(back) == graph_edges(three)


HOSTILE = [
    'O\'Brien "quoted"',
    "back`tick`) DETACH DELETE n //",
    "x'})-[:HOLDS]->(y) MATCH (n) DETACH DELETE n //",
    "line one\nline two",
    "<script>alert(1)</script>",
]


def test_hostile_values_are_stored_verbatim_and_run_nothing(driver, tmp_path, dataset_name):
    folder = copy_minimal(tmp_path, dataset_name)
    actors = read_rows(folder / "actors.csv")
    for row, text in zip(actors, HOSTILE, strict=False):
        row["note"] = text
    actors[0]["name"] = HOSTILE[2]
    write_rows(folder / "actors.csv", actors)
    labels_before, _, _ = driver.execute_query("CALL db.labels() YIELD label RETURN collect(label)")
    G = graph_of(folder)
    load(driver, G)
    records, _, _ = driver.execute_query(
        "MATCH (a:Actor {dataset: $name}) RETURN a.id AS id, a.name AS name, a.note AS note",
        name=dataset_name,
    )
    stored = {r["id"]: (r["name"], r["note"]) for r in records}
    assert stored["fr-apach"] == (HOSTILE[2], HOSTILE[0])
    assert [stored[r["id"]][1] for r in actors[: len(HOSTILE)]] == HOSTILE
    assert db_nodes(driver, dataset_name) == graph_nodes(G)  # nothing deleted, nothing added
    labels_after, _, _ = driver.execute_query("CALL db.labels() YIELD label RETURN collect(label)")
    assert set(labels_after[0][0]) <= set(labels_before[0][0]) | {
        "Actor",
        "Territory",
        "Level",
        "Competence",
        "Theme",
        "Initiative",
        "Dataset",
    }


def test_interrupted_load_is_marked_and_completes_on_rerun(driver, tmp_path, dataset_name):
    G = graph_of(copy_minimal(tmp_path, dataset_name))

    def stop_midway(done: int, total: int) -> None:
        if done > 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load(driver, G, batch_size=5, progress=stop_midway)
    status = {d["name"]: d["status"] for d in datasets(driver)}
    assert status[dataset_name] == "loading"
    with pytest.raises(StoreError, match="only partly loaded"):
        pull(driver, dataset_name)
    load(driver, G, batch_size=5)
    assert db_nodes(driver, dataset_name) == graph_nodes(G)
    assert db_edges(driver, dataset_name) == graph_edges(G)
    assert {d["name"]: d["status"] for d in datasets(driver)}[dataset_name] == "complete"


def test_pull_of_an_unknown_dataset_names_those_there(driver, dataset_name):
    with pytest.raises(StoreError, match=f"no dataset '{dataset_name}' in Neo4j"):
        pull(driver, dataset_name)


def test_wrong_password_is_one_clear_error(neo4j_settings):
    bad = Neo4jSettings(neo4j_settings.uri, neo4j_settings.username, "not-the-password")
    with pytest.raises(StoreError) as caught:
        connect(bad)
    assert "refused user 'neo4j'" in str(caught.value)
    assert "not-the-password" not in str(caught.value)


def test_wrong_database_is_one_clear_error(neo4j_settings):
    bad = Neo4jSettings(
        neo4j_settings.uri, neo4j_settings.username, neo4j_settings.password, "nosuchdb"
    )
    with pytest.raises(StoreError, match="has no database 'nosuchdb'"):
        connect(bad)


def test_neo4j_scheme_works_like_bolt(neo4j_settings):
    uri = neo4j_settings.uri.replace("bolt://", "neo4j://")
    drv = connect(Neo4jSettings(uri, neo4j_settings.username, neo4j_settings.password))
    try:
        records, _, _ = drv.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1
    finally:
        drv.close()
