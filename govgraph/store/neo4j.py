"""The Neo4j store: connect, write a dataset's graph idempotently, read it back.

Every node and relationship carries ``dataset`` (the dataset's name); nodes are keyed by
``(dataset, id)`` and relationships by their endpoints and ``key`` (the networkx edge key), so a
load MERGEs instead of creating, and several datasets live side by side. Labels and relationship
types come only from :mod:`govgraph.model`; values always travel as query parameters.

A load marks the dataset's ``Dataset`` node ``status: 'loading'``, writes every node and
relationship in batched ``UNWIND`` statements inside managed transactions (each stamped with the
load's id), deletes what the new version no longer has, and marks the dataset ``complete``.
Interrupted at any point, the dataset stays marked ``loading`` and re-running the load completes it
without duplicates.

Example:
    >>> settings = Neo4jSettings.from_mapping({"NEO4J_URI": "bolt://127.0.0.1:7687",
    ...                                        "NEO4J_PASSWORD": "secret"})
    >>> settings
    Neo4jSettings(uri='bolt://127.0.0.1:7687', username='neo4j', password='***', database=None)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.errors import GovgraphError
from govgraph.model import ENDPOINTS, Label, RelType

if TYPE_CHECKING:
    import networkx as nx
    from neo4j import Driver, ManagedTransaction

#: Label of the one node per dataset that holds its manifest and load status.
DATASET_LABEL = "Dataset"
#: Properties the store adds to every node and relationship (not part of the model).
STORE_PROPERTIES = ("dataset", "load_id", "fingerprint")
DEFAULT_BATCH = 2000
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

Progress = Callable[[int, int], None]


class StoreError(GovgraphError):
    """Neo4j could not be reached or refused an operation; the message says what to do."""


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and how to connect. The password is never shown (``repr`` masks it)."""

    uri: str
    username: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str | None = None

    def __repr__(self) -> str:
        return (
            f"Neo4jSettings(uri={self.uri!r}, username={self.username!r}, password='***', "
            f"database={self.database!r})"
        )

    @classmethod
    def from_mapping(cls, env: Mapping[str, str], **overrides: str | None) -> Neo4jSettings:
        """Settings from ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` (or
        ``NEO4J_PASSWORD_FILE``, a file only its owner can read), ``NEO4J_DATABASE`` in ``env``
        (e.g. ``os.environ``); non-empty ``overrides`` (uri, username, password, database) win."""
        values = {
            "uri": env.get("NEO4J_URI", ""),
            "username": env.get("NEO4J_USERNAME") or "neo4j",
            "password": env.get("NEO4J_PASSWORD", "")
            or read_password_file(env.get("NEO4J_PASSWORD_FILE", "")),
            "database": env.get("NEO4J_DATABASE") or None,
        }
        values.update({k: v for k, v in overrides.items() if v})
        if not values["uri"]:
            raise StoreError(
                "no Neo4j server given: set NEO4J_URI (e.g. bolt://127.0.0.1:7687) or pass --uri; "
                "scripts/neo4j-local start runs a local one"
            )
        scheme = str(values["uri"]).split("://", 1)[0]
        if scheme not in _SCHEMES or "://" not in str(values["uri"]):
            raise StoreError(
                f"NEO4J_URI must start with one of {', '.join(s + '://' for s in _SCHEMES)}"
            )
        if not values["password"]:
            raise StoreError(
                "no Neo4j password given: set NEO4J_PASSWORD or NEO4J_PASSWORD_FILE in the "
                "environment"
            )
        return cls(**values)  # type: ignore[arg-type]


def read_password_file(path: str) -> str:
    """The password in ``path`` (first line), which only its owner may read; '' for no path."""
    if not path:
        return ""
    file = Path(path)
    try:
        mode = file.stat().st_mode
        if mode & 0o077:
            raise StoreError(
                f"NEO4J_PASSWORD_FILE {path} can be read by other users: chmod 600 {path}"
            )
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise StoreError(f"cannot read NEO4J_PASSWORD_FILE {path} ({exc.strerror})") from None
    return lines[0].strip() if lines else ""


def connect(settings: Neo4jSettings) -> Driver:
    """An open driver whose server answered; StoreError (without the password) otherwise."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable

    driver = GraphDatabase.driver(
        settings.uri,
        auth=(settings.username, settings.password),
        connection_timeout=5.0,
        connection_acquisition_timeout=10.0,
        max_transaction_retry_time=10.0,
    )
    try:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_=settings.database)
    except AuthError:
        driver.close()
        raise StoreError(
            f"Neo4j at {settings.uri} refused user '{settings.username}' and the given password: "
            "check NEO4J_USERNAME and NEO4J_PASSWORD"
        ) from None
    except ServiceUnavailable:
        driver.close()
        raise StoreError(
            f"cannot reach Neo4j at {settings.uri}: is the server running? "
            "(scripts/neo4j-local start, or docker compose up -d)"
        ) from None
    except ClientError as exc:
        driver.close()
        if "DatabaseNotFound" in (exc.code or ""):
            raise StoreError(
                f"Neo4j at {settings.uri} has no database '{settings.database}': "
                "check NEO4J_DATABASE (Community edition has only 'neo4j')"
            ) from None
        raise StoreError(f"Neo4j refused the connection: {exc.message}") from None
    return driver


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
    owned = tx.run(
        f"MATCH (d:{DATASET_LABEL} {{name: $dataset}}) WHERE d.lock = $load "
        "SET d.lock_beat = datetime() RETURN count(d) AS owned",
        dataset=params["dataset"],
        load=params["load"],
    ).single(strict=True)["owned"]
    if not owned:
        raise LoadInProgress(f"the load of '{params['dataset']}' lost its lock to another load")
    record = tx.run(statement, params).single(strict=True)
    return int(record["created"]), int(record["updated"])


#: The graph attributes kept on the Dataset node (the manifest's, and govgraph's version).
GRAPH_KEYS = ("title", "description", "version", "licence", "countries", "sources", "date")


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


#: A load that has not written for this long is taken as crashed, and another may take over.
STALE_LOCK_SECONDS = 60
RELEASE_TIMEOUT_SECONDS = 5
_ABANDONED: set[str] = set()  # loads of this process that failed without releasing their lock


class LoadInProgress(StoreError):
    """Another load of the same dataset holds its lock."""


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _owner_gone(owner: str | None) -> bool:
    """True when the lock's owner is a process of this machine that no longer runs."""
    if not owner or ":" not in owner:
        return False
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _acquire(session: Any, name: str, load_id: str) -> None:
    """Take the dataset's load lock, or raise LoadInProgress naming who holds it."""
    record = session.execute_write(
        lambda tx: tx.run(
            f"MERGE (d:{DATASET_LABEL} {{name: $name}}) "
            "RETURN d.lock AS lock, d.lock_owner AS owner, toString(d.lock_beat) AS beat, "
            "d.lock_beat < datetime() - duration({seconds: $stale}) AS stale",
            name=name,
            stale=STALE_LOCK_SECONDS,
        ).single(strict=True)
    )
    held, owner = record["lock"], record["owner"]
    free = held is None or record["stale"] or held in _ABANDONED or _owner_gone(owner)
    if not free:
        raise LoadInProgress(
            f"another load of '{name}' is in progress (by {owner}, last active {record['beat']}): "
            f"wait for it to finish; a load that crashed is taken over after "
            f"{STALE_LOCK_SECONDS} s"
        )
    taken = session.execute_write(
        lambda tx: tx.run(
            f"MATCH (d:{DATASET_LABEL} {{name: $name}}) SET d.lock_check = $load "
            "WITH d WHERE (d.lock IS NULL AND $held IS NULL) OR d.lock = $held "
            "SET d.lock = $load, d.lock_owner = $owner, d.lock_beat = datetime(), "
            "d.status = 'loading', d.load_id = $load, d.load_started = datetime() "
            "REMOVE d.lock_check RETURN count(d) AS taken",
            name=name,
            load=load_id,
            held=held,
            owner=_owner(),
        ).single(strict=True)["taken"]
    )
    if not taken:
        raise LoadInProgress(f"another load of '{name}' started at the same moment: try again")


def _release(session: Any, name: str, load_id: str, timeout: float | None = None) -> None:
    from neo4j import unit_of_work

    @unit_of_work(timeout=timeout)
    def remove_lock(tx: Any) -> None:
        tx.run(
            f"MATCH (d:{DATASET_LABEL} {{name: $name}}) WHERE d.lock = $load "
            "REMOVE d.lock, d.lock_owner, d.lock_beat",
            name=name,
            load=load_id,
        ).consume()

    session.execute_write(remove_lock)


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
            _acquire(session, name, load_id)
            try:
                return _load(session, G, name, load_id, batch_size, progress)
            except BaseException:
                # the session may be broken (an interrupt in the middle of a read) and its open
                # transaction may still hold the Dataset node: release the lock through a fresh
                # session, bounded in time (else the lock is taken over as its owner is gone),
                # and never let a failure here hide the first error
                _ABANDONED.add(load_id)
                with contextlib.suppress(Exception), driver.session(database=database) as fresh:
                    _release(fresh, name, load_id, timeout=RELEASE_TIMEOUT_SECONDS)
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
