"""The Neo4j store: write a dataset's graph idempotently (load), read it back (pull, datasets).

Every node and relationship carries ``dataset`` (the dataset's name); nodes are keyed by
``(dataset, id)`` and relationships by their endpoints and ``key`` (the networkx edge key), so a
load MERGEs instead of creating, and several datasets live side by side. Labels and relationship
types come only from :mod:`govgraph.model`; values always travel as query parameters.

A load marks the dataset's ``Dataset`` node ``status: 'loading'``, writes every node and
relationship in batched ``UNWIND`` statements inside managed transactions (each stamped with the
load's id), deletes what the new version no longer has, and marks the dataset ``complete``.
Interrupted at any point, the dataset stays marked ``loading`` and re-running the load completes it
without duplicates.

Connecting is :mod:`govgraph.store.settings`; the one-load-at-a-time lock on the dataset's
``Dataset`` node is :mod:`govgraph.store.lock`.

Example:
    >>> schema_statements()[0]
    'CREATE CONSTRAINT dataset_name IF NOT EXISTS FOR (d:Dataset) REQUIRE d.name IS UNIQUE'
    >>> LoadSummary("three-borders", "1.0.0", nodes_created=3).as_dict()["nodes_created"]
    3
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.data.schema import GRAPH_ATTRIBUTES
from govgraph.model import ENDPOINTS, Label, RelType
from govgraph.store.lock import DATASET_LABEL, LoadInProgress, abandon, acquire, heartbeat
from govgraph.store.settings import StoreError

if TYPE_CHECKING:
    import networkx as nx
    from neo4j import Driver, ManagedTransaction

__all__ = [
    "DEFAULT_BATCH",
    "GRAPH_KEYS",
    "STORE_PROPERTIES",
    "LoadSummary",
    "Progress",
    "apply_schema",
    "datasets",
    "load",
    "pull",
    "schema_statements",
]

#: Properties the store adds to every node and relationship (not part of the model).
STORE_PROPERTIES = ("dataset", "load_id", "fingerprint")
DEFAULT_BATCH = 2000

Progress = Callable[[int, int], None]


def schema_statements(path: Path | None = None) -> list[str]:
    """The statements of ``cypher/schema.cypher`` (comments removed)."""
    from govgraph.data.dataset import cypher_path

    text = (path or cypher_path() / "schema.cypher").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def apply_schema(driver: Driver, database: str | None = None) -> None:
    """Create the constraints and indexes (idempotent: IF NOT EXISTS)."""
    for statement in schema_statements():
        driver.execute_query(statement, database_=database)


# --------------------------------------------------------------------------- graph → rows


def _fingerprint(props: Mapping[str, Any]) -> str:
    encoded = json.dumps(props, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(encoded.encode("utf-8"), usedforsecurity=False).hexdigest()


def _node_rows(G: nx.MultiDiGraph) -> dict[Label, list[dict[str, Any]]]:
    rows: dict[Label, list[dict[str, Any]]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        props = {k: v for k, v in data.items() if k != "label"}
        rows[Label(data["label"])].append({"id": node, "props": props, "fp": _fingerprint(props)})
    return rows


def _edge_rows(G: nx.MultiDiGraph) -> dict[tuple[Label, RelType, Label], list[dict[str, Any]]]:
    rows: dict[tuple[Label, RelType, Label], list[dict[str, Any]]] = defaultdict(list)
    for start, end, key, data in G.edges(keys=True, data=True):
        rel = RelType(data["type"])
        start_label, end_label = Label(G.nodes[start]["label"]), Label(G.nodes[end]["label"])
        allowed_from, allowed_to = ENDPOINTS[rel]
        if start_label not in allowed_from or end_label not in allowed_to:
            raise StoreError(f"{rel} from {start_label} to {end_label} is not in the data model")
        props = {k: v for k, v in data.items() if k != "type"}
        rows[(start_label, rel, end_label)].append(
            {"start": start, "end": end, "key": key, "props": props, "fp": _fingerprint(props)}
        )
    return rows


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


# --------------------------------------------------------------------------- load


@dataclass
class LoadSummary:
    """What a load changed: nodes and relationships created, updated, removed."""

    dataset: str
    version: str
    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_removed: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    relationships_removed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _node_statement(label: Label) -> str:
    return (
        f"UNWIND $rows AS row MERGE (n:{label.value} {{dataset: $dataset, id: row.id}}) "
        "WITH n, row, n.fingerprint AS old "
        "SET n = row.props SET n.dataset = $dataset, n.id = row.id, n.fingerprint = row.fp, "
        "n.load_id = $load "
        "RETURN count(CASE WHEN old IS NULL THEN 1 END) AS created, "
        "count(CASE WHEN old IS NOT NULL AND old <> row.fp THEN 1 END) AS updated"
    )


def _edge_statement(start: Label, rel: RelType, end: Label) -> str:
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{start.value} {{dataset: $dataset, id: row.start}}) "
        f"MATCH (b:{end.value} {{dataset: $dataset, id: row.end}}) "
        f"MERGE (a)-[r:{rel.value} {{dataset: $dataset, key: row.key}}]->(b) "
        "WITH r, row, r.fingerprint AS old "
        "SET r = row.props SET r.dataset = $dataset, r.key = row.key, r.fingerprint = row.fp, "
        "r.load_id = $load "
        "RETURN count(CASE WHEN old IS NULL THEN 1 END) AS created, "
        "count(CASE WHEN old IS NOT NULL AND old <> row.fp THEN 1 END) AS updated"
    )


def _write_batch(tx: ManagedTransaction, statement: str, params: dict[str, Any]) -> tuple[int, int]:
    """One batch, and the load's heartbeat on its lock, in one transaction."""
    heartbeat(tx, params["dataset"], params["load"])
    record = tx.run(statement, params).single(strict=True)
    return int(record["created"]), int(record["updated"])


#: The graph attributes kept on the Dataset node (the manifest's, and govgraph's version).
GRAPH_KEYS = tuple(key for key in GRAPH_ATTRIBUTES if key != "name")  # the name is the key


def _manifest_props(G: nx.MultiDiGraph) -> dict[str, Any]:
    props = {
        key: G.graph.get(key)
        for key in (*GRAPH_KEYS, "govgraph_version")
        if G.graph.get(key) is not None
    }
    props["denied_holdings"] = json.dumps(G.graph.get("denied_holdings", []), ensure_ascii=False)
    return props


@contextmanager
def _neo4j_errors(what: str, after_loss: str = "") -> Iterator[None]:
    """Turn the driver's exceptions into one StoreError saying what failed and what to do."""
    from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

    try:
        yield
    except (ServiceUnavailable, SessionExpired):
        raise StoreError(f"lost the connection to Neo4j during {what}{after_loss}") from None
    except Neo4jError as exc:
        raise StoreError(f"Neo4j refused {what}: {exc.message}") from None
    except DriverError as exc:
        raise StoreError(f"the Neo4j driver failed during {what}: {exc}") from None


def load(
    driver: Driver,
    G: nx.MultiDiGraph,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> LoadSummary:
    """Write ``G`` as dataset ``G.graph['name']``, replacing any earlier version of it only.

    One load of a dataset runs at a time (LoadInProgress for a second one). If the load fails or
    is interrupted, the dataset stays marked as partly loaded and running the same load again
    completes it.
    """
    name = str(G.graph["name"])
    rerun = "; the dataset is marked as partly loaded: run the same govgraph load again"
    load_id = uuid.uuid4().hex
    with _neo4j_errors(f"the load of '{name}'", rerun):
        apply_schema(driver, database)
        session = driver.session(database=database)
        try:
            acquire(session, name, load_id)
            try:
                return _load(session, G, name, load_id, batch_size, progress)
            except BaseException:
                abandon(driver, name, load_id, database)
                raise
        finally:
            with contextlib.suppress(Exception):
                session.close()


def _load(
    session: Any,
    G: nx.MultiDiGraph,
    name: str,
    load_id: str,
    batch_size: int,
    progress: Progress | None,
) -> LoadSummary:
    summary = LoadSummary(name, str(G.graph.get("version", "")))
    node_rows, edge_rows = _node_rows(G), _edge_rows(G)
    total = G.number_of_nodes() + G.number_of_edges()
    done = 0
    for label in sorted(node_rows):
        statement = _node_statement(label)
        for batch in _batches(sorted(node_rows[label], key=lambda r: r["id"]), batch_size):
            params = {"rows": batch, "dataset": name, "load": load_id}
            created, updated = session.execute_write(_write_batch, statement, params)
            summary.nodes_created += created
            summary.nodes_updated += updated
            done += len(batch)
            if progress:
                progress(done, total)
    for (start, rel, end), rows in sorted(edge_rows.items()):
        statement = _edge_statement(start, rel, end)
        for batch in _batches(rows, batch_size):
            params = {"rows": batch, "dataset": name, "load": load_id}
            created, updated = session.execute_write(_write_batch, statement, params)
            summary.relationships_created += created
            summary.relationships_updated += updated
            done += len(batch)
            if progress:
                progress(done, total)
    for rel in RelType:
        result = session.run(
            f"MATCH ()-[r:{rel.value} {{dataset: $dataset}}]->() WHERE r.load_id <> $load "
            "CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS RETURN count(*) AS removed",
            dataset=name,
            load=load_id,
        ).single(strict=True)
        summary.relationships_removed += int(result["removed"])
    for label in Label:
        result = session.run(
            f"MATCH (n:{label.value} {{dataset: $dataset}}) WHERE n.load_id <> $load "
            "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS "
            "RETURN count(*) AS removed",
            dataset=name,
            load=load_id,
        ).single(strict=True)
        summary.nodes_removed += int(result["removed"])
    props = _manifest_props(G)
    finished = session.execute_write(
        lambda tx: tx.run(
            f"MATCH (d:{DATASET_LABEL} {{name: $name}}) WHERE d.lock = $load "
            "SET d += $props, d.status = 'complete', d.loaded_at = datetime() "
            "REMOVE d.lock, d.lock_owner, d.lock_beat RETURN count(d) AS done",
            name=name,
            load=load_id,
            props=props,
        ).single(strict=True)["done"]
    )
    if not finished:
        raise LoadInProgress(f"the load of '{name}' lost its lock to another load")
    return summary


# --------------------------------------------------------------------------- pull


def datasets(driver: Driver, database: str | None = None) -> list[dict[str, Any]]:
    """The datasets in the database: name, version, status."""
    with _neo4j_errors("the listing of datasets"):
        records, _, _ = driver.execute_query(
            f"MATCH (d:{DATASET_LABEL}) RETURN d.name AS name, d.version AS version, "
            "d.status AS status ORDER BY name",
            database_=database,
        )
    return [dict(r) for r in records]


def _dataset_properties(stored: Mapping[str, Any]) -> dict[str, Any]:
    """The properties of a stored node or relationship, without the ones govgraph's loader adds."""
    return {k: v for k, v in stored.items() if k not in STORE_PROPERTIES}


def pull(driver: Driver, name: str, *, database: str | None = None) -> nx.MultiDiGraph:
    """Read dataset ``name`` back into the graph :func:`govgraph.data.build.build_graph` builds."""
    with _neo4j_errors(f"the reading of '{name}'"):
        return _pull(driver, name, database)


def _pull(driver: Driver, name: str, database: str | None) -> nx.MultiDiGraph:
    import networkx as nx

    records, _, _ = driver.execute_query(
        f"MATCH (d:{DATASET_LABEL} {{name: $name}}) RETURN properties(d) AS d",
        name=name,
        database_=database,
    )
    if not records:
        known = ", ".join(d["name"] for d in datasets(driver, database)) or "none"
        raise StoreError(f"no dataset '{name}' in Neo4j (datasets there: {known})")
    meta = dict(records[0]["d"])
    if meta.get("status") != "complete":
        if meta.get("lock"):
            raise StoreError(
                f"a load of dataset '{name}' is in progress: try again when it has finished"
            )
        raise StoreError(
            f"dataset '{name}' is only partly loaded (an interrupted load): run govgraph load again"
        )
    graph_attrs: dict[str, Any] = {"name": name}
    for key in GRAPH_KEYS:
        graph_attrs[key] = meta.get(key)
    graph_attrs["govgraph_version"] = meta.get("govgraph_version")
    graph_attrs["denied_holdings"] = json.loads(meta.get("denied_holdings") or "[]")
    G = nx.MultiDiGraph(**graph_attrs)
    nodes: list[tuple[str, dict[str, Any]]] = []
    for label in Label:
        records, _, _ = driver.execute_query(
            f"MATCH (n:{label.value} {{dataset: $name}}) RETURN properties(n) AS p",
            name=name,
            database_=database,
        )
        for record in records:
            props = _dataset_properties(record["p"])
            node_id = props.pop("id")
            nodes.append((node_id, {"label": label.value, **props}))
    order = {
        label.value: i
        for i, label in enumerate(
            (
                Label.THEME,
                Label.COMPETENCE,
                Label.LEVEL,
                Label.TERRITORY,
                Label.ACTOR,
                Label.INITIATIVE,
            )
        )
    }
    for node_id, props in sorted(nodes, key=lambda n: (order[n[1]["label"]], n[0])):
        G.add_node(node_id, **props)
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for rel in RelType:
        records, _, _ = driver.execute_query(
            f"MATCH (a)-[r:{rel.value} {{dataset: $name}}]->(b) "
            "RETURN a.id AS start, b.id AS end, properties(r) AS p",
            name=name,
            database_=database,
        )
        for record in records:
            props = _dataset_properties(record["p"])
            key = props.pop("key")
            edges.append((record["start"], record["end"], key, {"type": rel.value, **props}))
    for start, end, key, props in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        G.add_edge(start, end, key=key, **props)
    return G
