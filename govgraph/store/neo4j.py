"""The Neo4j store: write a dataset's graph idempotently (load), read it back (pull, datasets).

Every node and relationship carries ``dataset`` (the dataset's name); nodes are keyed by
``(dataset, id)`` and relationships by their endpoints and ``key`` (the networkx edge key), so a
load knows which rows are already there, and several datasets live side by side. Labels and
relationship types come only from :mod:`govgraph.model`; values always travel as query
parameters.

A load marks the dataset's ``Dataset`` node ``status: 'loading'``, compares what it is about to
write with what is stored and writes only the difference, in batched ``UNWIND`` statements inside
managed transactions, two at once (:data:`WRITERS`): rows new to the dataset are created, rows
whose ``fingerprint`` (a hash of their properties) changed are updated, rows the new version no
longer has are deleted; then it marks the dataset ``complete``. The ``Dataset`` node keeps one
content hash per label and per relationship type of its last complete load (``content_hashes``),
so a reload reads only the groups that changed, and a reload without any change reads and writes
no row. Interrupted at any point, the dataset stays marked ``loading`` with no content hashes,
and re-running the load compares every row and completes it without duplicates.

Connecting is :mod:`govgraph.store.settings`; the one-load-at-a-time lock on the dataset's
``Dataset`` node is :mod:`govgraph.store.lock`.

Example:
    >>> schema_statements()[0]
    'CREATE CONSTRAINT dataset_name IF NOT EXISTS FOR (d:Dataset) REQUIRE d.name IS UNIQUE'
    >>> LoadSummary("three-borders", "1.0.0", nodes_created=3).as_dict()["nodes_created"]
    3
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import hashlib
import json
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.data.schema import GRAPH_ATTRIBUTES, TABLES
from govgraph.model import ENDPOINTS, Label, RelType
from govgraph.progress import Advance, step
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
#: Batches written at once, each by a session of its own (the server writes a transaction on
#: one core; a deadlock between two batches is retried by the driver).
WRITERS = 2
#: The way rows are stored, part of every fingerprint and content hash: bump it with any change
#: to how a row becomes stored properties, and the next load rewrites every row (4: DATE values).
STORE_FORMAT = "4"

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


#: The properties that hold dates (every ``date`` column of the dataset files): stored as Neo4j
#: DATE values, a partial date ("1979-05", "1990") as its first day (``valid_to``: its last)
#: with ``<name>_precision`` ``month`` or ``year``; a pull gives back the dataset's spelling.
DATE_PROPERTIES = frozenset(
    column.name for table in TABLES.values() for column in table.columns if column.kind == "date"
)
_PRECISIONS = {1: "year", 2: "month"}


def _typed_dates(props: dict[str, Any]) -> dict[str, Any]:
    """``props`` with each date as a DATE (and the precision of a partial one)."""
    dates = DATE_PROPERTIES & props.keys()
    if not dates:
        return props
    typed = dict(props)
    for name in dates:
        value = props[name]
        if not isinstance(value, str):
            continue
        parts = [int(part) for part in value.split("-")]
        year, month, day = (*parts, 0, 0)[:3]
        if name == "valid_to":  # the period ends on its last day
            month = month or 12
            day = day or calendar.monthrange(year, month)[1]
        typed[name] = datetime.date(year, month or 1, day or 1)
        if len(parts) in _PRECISIONS:
            typed[f"{name}_precision"] = _PRECISIONS[len(parts)]
    return typed


def _spelled_dates(props: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`_typed_dates`: each date spelled as the dataset spells it."""
    dates = DATE_PROPERTIES & props.keys()
    if not dates:
        return props
    spelled = dict(props)
    for name in dates:
        value = props[name]
        if not hasattr(value, "iso_format") and not hasattr(value, "isoformat"):
            continue
        text = value.iso_format() if hasattr(value, "iso_format") else value.isoformat()
        precision = spelled.pop(f"{name}_precision", None)
        spelled[name] = (
            text[:4] if precision == "year" else text[:7] if precision == "month" else text
        )
    return spelled


_CANONICAL = json.JSONEncoder(
    sort_keys=True, ensure_ascii=False, separators=(",", ":"), check_circular=False, default=str
)


def _fingerprint(props: Mapping[str, Any]) -> str:
    """A hash of a row's properties (their canonical JSON) and of the way rows are stored
    (:data:`STORE_FORMAT`: a new way rewrites every row)."""
    encoded = (STORE_FORMAT + _CANONICAL.encode(props)).encode("utf-8")
    return hashlib.sha1(encoded, usedforsecurity=False).hexdigest()


def _node_rows(G: nx.MultiDiGraph, labels: set[Label]) -> dict[Label, list[dict[str, Any]]]:
    """The rows to store of the nodes with these labels."""
    wanted = {label.value for label in labels}
    rows: dict[Label, list[dict[str, Any]]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        if data["label"] not in wanted:
            continue
        props = {k: v for k, v in data.items() if k != "label"}
        rows[Label(data["label"])].append(
            {"id": node, "props": _typed_dates(props), "fp": _fingerprint(props)}
        )
    return rows


def _edge_rows(
    G: nx.MultiDiGraph, types: set[RelType]
) -> dict[tuple[Label, RelType, Label], list[dict[str, Any]]]:
    """The rows to store of the relationships of these types, by (start label, type, end
    label); StoreError for a kind of relationship the data model does not have."""
    wanted = {rel.value for rel in types}
    labels = {node: data["label"] for node, data in G.nodes(data=True)}
    rows: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for start, end, key, data in G.edges(keys=True, data=True):
        if data["type"] not in wanted:
            continue
        props = data.copy()
        rel = props.pop("type")
        rows[(labels[start], rel, labels[end])].append(
            {
                "start": start,
                "end": end,
                "key": key,
                "props": _typed_dates(props),
                "fp": _fingerprint(props),
            }
        )
    grouped: dict[tuple[Label, RelType, Label], list[dict[str, Any]]] = {}
    for (start_label, rel, end_label), group in rows.items():  # checked once per kind of row
        typed = (Label(start_label), RelType(rel), Label(end_label))
        allowed_from, allowed_to = ENDPOINTS[typed[1]]
        if typed[0] not in allowed_from or typed[2] not in allowed_to:
            raise StoreError(f"{rel} from {start_label} to {end_label} is not in the data model")
        grouped[typed] = group
    return grouped


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


def _create_nodes(label: Label) -> str:
    return (
        f"UNWIND $rows AS row CREATE (n:{label.value}) "
        "SET n = row.props SET n.dataset = $dataset, n.id = row.id, n.fingerprint = row.fp"
    )


def _create_edges(start: Label, rel: RelType, end: Label) -> str:
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{start.value} {{dataset: $dataset, id: row.start}}) "
        f"MATCH (b:{end.value} {{dataset: $dataset, id: row.end}}) "
        f"CREATE (a)-[r:{rel.value}]->(b) "
        "SET r = row.props SET r.dataset = $dataset, r.key = row.key, r.fingerprint = row.fp"
    )


_UPDATE_NODES = (
    "UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.eid "
    "SET n = row.props SET n.dataset = $dataset, n.id = row.id, n.fingerprint = row.fp"
)
_UPDATE_EDGES = (
    "UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.eid "
    "SET r = row.props SET r.dataset = $dataset, r.key = row.key, r.fingerprint = row.fp"
)
_DELETE_EDGES = "UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.eid DELETE r"
_DELETE_NODES = "UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.eid DETACH DELETE n"


def _write_batch(tx: ManagedTransaction, statement: str, params: dict[str, Any]) -> None:
    """One batch, and the load's heartbeat on its lock, in one transaction: the heartbeat last,
    so that batches written at once hold the dataset's node only while they commit."""
    tx.run(statement, params).consume()
    heartbeat(tx, params["dataset"], params["load"])


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
    rewrite_all: bool = False,
) -> LoadSummary:
    """Write ``G`` as dataset ``G.graph['name']``, replacing any earlier version of it only, and
    writing only what differs from the stored version (see the module's docstring).

    One load of a dataset runs at a time (LoadInProgress for a second one). If the load fails or
    is interrupted, the dataset stays marked as partly loaded and running the same load again
    completes it. ``rewrite_all``: write every row again, whatever the content hashes and
    fingerprints say (after the data was edited in Neo4j by hand).
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
                return _load(
                    driver, session, G, name, load_id, batch_size, progress, rewrite_all, database
                )
            except BaseException:
                abandon(driver, name, load_id, database)
                raise
        finally:
            with contextlib.suppress(Exception):
                session.close()


def _load(
    driver: Driver,
    session: Any,
    G: nx.MultiDiGraph,
    name: str,
    load_id: str,
    batch_size: int,
    progress: Progress | None,
    rewrite_all: bool,
    database: str | None,
) -> LoadSummary:
    hashes = _content_hashes(G)
    stored = _take_stored_hashes(session, name)  # a load cut short leaves none behind
    if rewrite_all:
        stored = {}
    changed = {group for group, value in hashes.items() if stored.get(group) != value}
    labels = {label for label in Label if f"nodes:{label.value}" in changed}
    types = {rel for rel in RelType if f"edges:{rel.value}" in changed}
    node_rows, edge_rows = _node_rows(G, labels), _edge_rows(G, types)
    changes = _Changes(rewrite_all)
    with step(f"comparing {name} with Neo4j", len(labels) + len(types)) as advance:
        for label in sorted(labels):
            stored_nodes = _stored_nodes(session, name, label)
            changes.compare_nodes(label, node_rows.get(label, []), stored_nodes)
            advance()
        for rel in sorted(types):
            groups = {group: rows for group, rows in edge_rows.items() if group[1] == rel}
            changes.compare_edges(groups, _stored_edges(session, name, rel))
            advance()
    summary = changes.summary(name, str(G.graph.get("version", "")))
    _write(driver, database, name, load_id, batch_size, progress, changes)
    props = {**_manifest_props(G), "content_hashes": json.dumps(hashes, sort_keys=True)}
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


def _group_hash(rows: list[tuple[str, str]]) -> str:
    """A hash of (identity, content) pairs, whatever their order."""
    digest = hashlib.sha1(STORE_FORMAT.encode(), usedforsecurity=False)
    for identity, content in sorted(rows):
        digest.update(f"{identity}\x00{content}\x01".encode())
    return digest.hexdigest()


def _edge_identity(start_label: str, start: str, end_label: str, end: str, key: str) -> str:
    return f"{start_label}:{start}\x02{end_label}:{end}\x02{key}"


def _content_hashes(G: nx.MultiDiGraph) -> dict[str, str]:
    """One hash per label and per relationship type of the graph (the empty ones too), from the
    ``repr`` of each row's properties: a reload reads and writes only the groups whose hash
    differs from the stored one, and builds no row for the others. (``repr`` is about twice as
    fast as the canonical JSON of the fingerprints, and as safe here: the same properties in
    another order or form, a tuple for a list, only make a group compared row by row, by
    fingerprint, for nothing.)"""
    labels = {node: data["label"] for node, data in G.nodes(data=True)}
    nodes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    edges: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        nodes[data["label"]].append((node, repr(data)))
    for start, end, key, data in G.edges(keys=True, data=True):
        identity = _edge_identity(labels[start], start, labels[end], end, key)
        edges[data["type"]].append((identity, repr(data)))
    unknown = (set(nodes) - {label.value for label in Label}) | (
        set(edges) - {rel.value for rel in RelType}
    )
    if unknown:
        raise StoreError(f"not in the data model: {', '.join(sorted(unknown))}")
    hashes = {f"nodes:{label.value}": _group_hash(nodes.get(label.value, [])) for label in Label}
    hashes.update({f"edges:{rel.value}": _group_hash(edges.get(rel.value, [])) for rel in RelType})
    return hashes


def _take_stored_hashes(session: Any, name: str) -> dict[str, str]:
    """The content hashes of the dataset's last complete load, removed from the store until this
    load completes (so a load cut short leaves the next one comparing every row)."""
    text = session.execute_write(
        lambda tx: tx.run(
            f"MATCH (d:{DATASET_LABEL} {{name: $name}}) WITH d, d.content_hashes AS hashes "
            "REMOVE d.content_hashes RETURN hashes",
            name=name,
        ).single(strict=True)["hashes"]
    )
    return dict(json.loads(text)) if text else {}


@dataclass
class _Stored:
    """A group's stored rows: identity → (element id, fingerprint), and duplicate element ids."""

    rows: dict[Any, tuple[str, str]]
    duplicates: list[str]


def _read_stored(session: Any, query: str, name: str) -> _Stored:
    def read(tx: Any) -> _Stored:
        stored = _Stored({}, [])
        for identity, eid, fingerprint in tx.run(query, dataset=name):
            if identity in stored.rows:
                stored.duplicates.append(eid)
            else:
                stored.rows[identity] = (eid, fingerprint)
        return stored

    return session.execute_read(read)  # type: ignore[no-any-return]


def _stored_nodes(session: Any, name: str, label: Label) -> _Stored:
    return _read_stored(
        session,
        f"MATCH (n:{label.value} {{dataset: $dataset}}) "
        "RETURN n.id AS identity, elementId(n) AS eid, n.fingerprint AS fp",
        name,
    )


def _stored_edges(session: Any, name: str, rel: RelType) -> _Stored:
    # the identity is spelled as :func:`_edge_identity` spells it
    return _read_stored(
        session,
        f"MATCH (a)-[r:{rel.value} {{dataset: $dataset}}]->(b) "
        "RETURN labels(a)[0] + ':' + a.id + '\u0002' + labels(b)[0] + ':' + b.id + '\u0002' "
        "+ r.key AS identity, elementId(r) AS eid, r.fingerprint AS fp",
        name,
    )


@dataclass
class _Changes:
    """What a load writes: rows to create (by statement), to update and to delete; with
    ``rewrite``, every stored row is updated, changed or not."""

    rewrite: bool = False
    node_creates: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    edge_creates: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    node_updates: list[dict[str, Any]] = field(default_factory=list)
    edge_updates: list[dict[str, Any]] = field(default_factory=list)
    stale_nodes: list[dict[str, Any]] = field(default_factory=list)
    stale_edges: list[dict[str, Any]] = field(default_factory=list)

    def compare_nodes(self, label: Label, rows: list[dict[str, Any]], stored: _Stored) -> None:
        for row in sorted(rows, key=lambda r: r["id"]):
            found = stored.rows.pop(row["id"], None)
            if found is None:
                self.node_creates.setdefault(_create_nodes(label), []).append(row)
            elif self.rewrite or found[1] != row["fp"]:
                self.node_updates.append({**row, "eid": found[0]})
        self.stale_nodes += [{"eid": eid} for eid, _ in stored.rows.values()]
        self.stale_nodes += [{"eid": eid} for eid in stored.duplicates]

    def compare_edges(
        self,
        groups: Mapping[tuple[Label, RelType, Label], list[dict[str, Any]]],
        stored: _Stored,
    ) -> None:
        for (start, rel, end), rows in sorted(groups.items()):
            for row in rows:
                identity = _edge_identity(
                    start.value, row["start"], end.value, row["end"], row["key"]
                )
                found = stored.rows.pop(identity, None)
                if found is None:
                    self.edge_creates.setdefault(_create_edges(start, rel, end), []).append(row)
                elif self.rewrite or found[1] != row["fp"]:
                    self.edge_updates.append({**row, "eid": found[0]})
        self.stale_edges += [{"eid": eid} for eid, _ in stored.rows.values()]
        self.stale_edges += [{"eid": eid} for eid in stored.duplicates]

    def summary(self, name: str, version: str) -> LoadSummary:
        return LoadSummary(
            name,
            version,
            nodes_created=sum(len(rows) for rows in self.node_creates.values()),
            nodes_updated=len(self.node_updates),
            nodes_removed=len(self.stale_nodes),
            relationships_created=sum(len(rows) for rows in self.edge_creates.values()),
            relationships_updated=len(self.edge_updates),
            relationships_removed=len(self.stale_edges),
        )

    def phases(self) -> list[list[tuple[str, list[dict[str, Any]]]]]:
        """The writes in a safe order of phases, each written whole before the next starts:
        stale relationships, stale nodes, new and changed nodes, then new and changed
        relationships (whose ends exist by then)."""
        return [
            [(_DELETE_EDGES, self.stale_edges)],
            [(_DELETE_NODES, self.stale_nodes)],
            [*sorted(self.node_creates.items()), (_UPDATE_NODES, self.node_updates)],
            [*sorted(self.edge_creates.items()), (_UPDATE_EDGES, self.edge_updates)],
        ]


def _write(
    driver: Driver,
    database: str | None,
    name: str,
    load_id: str,
    batch_size: int,
    progress: Progress | None,
    changes: _Changes,
) -> None:
    """Every change, in batches of ``batch_size`` rows, each batch its own transaction, up to
    :data:`WRITERS` at once within a phase (see :meth:`_Changes.phases`). Progress is reported
    here, as batches complete; an error or an interrupt stops the batches not yet started."""
    phases = [[(st, rows) for st, rows in phase if rows] for phase in changes.phases()]
    total = sum(len(rows) for phase in phases for _, rows in phase)
    done = 0
    if progress:
        progress(done, total)
    own = threading.local()
    opened: list[Any] = []

    def write(statement: str, batch: list[dict[str, Any]]) -> int:
        writer = getattr(own, "session", None)
        if writer is None:  # a session per writer: sessions are not shared between threads
            writer = own.session = driver.session(database=database)
            opened.append(writer)
        params = {"rows": batch, "dataset": name, "load": load_id}
        writer.execute_write(_write_batch, statement, params)
        return len(batch)

    pool = ThreadPoolExecutor(WRITERS, thread_name_prefix="govgraph-load")
    try:
        for phase in phases:
            futures = [
                pool.submit(write, statement, batch)
                for statement, rows in phase
                for batch in _batches(rows, batch_size)
            ]
            for future in as_completed(futures):
                done += future.result()
                if progress:
                    progress(done, total)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        for writer in opened:
            with contextlib.suppress(Exception):
                writer.close()


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
    """The properties of a stored node or relationship as the dataset has them: without the ones
    govgraph's loader adds, dates spelled back."""
    return _spelled_dates({k: v for k, v in stored.items() if k not in STORE_PROPERTIES})


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
    with step(f"reading {name} from Neo4j", len(Label) + len(RelType)) as advance:
        return _pull_rows(driver, name, database, G, advance)


def _pull_rows(
    driver: Driver, name: str, database: str | None, G: nx.MultiDiGraph, advance: Advance
) -> nx.MultiDiGraph:
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
        advance()
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
        advance()
    for start, end, key, props in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        G.add_edge(start, end, key=key, **props)
    return G
