"""A first load without Cypher: the CSV files of Neo4j's bulk importer, holding what a load stores.

`neo4j-admin database import full` writes an empty database from CSV files several times faster
than any Cypher load (benchmarks/README.md). :func:`write_import` writes a dataset's graph in that
form with every property :func:`govgraph.store.neo4j.load` stores — the row's properties with
typed dates, ``dataset``, ``id`` or ``key``, each row's ``fingerprint``, and the ``Dataset`` node
marked complete with its content hashes — so a ``govgraph load`` of the same graph afterwards
finds nothing to write (it still creates the constraints and indexes). ``scripts/neo4j-local
import FOLDER`` runs the importer into the stopped local server (docs/neo4j-local.md).

The folder holds one file per label (``nodes-Actor.csv``), one per relationship type and pair of
labels (``rels-HOLDS-Actor-Competence.csv``), ``nodes-Dataset.csv`` and ``import.json``, the
list of files with their label or type, which the importer's arguments are made from.

Example:
    >>> import tempfile, govgraph
    >>> folder = write_import(govgraph.load_study("datasets/minimal").graph,
    ...                       Path(tempfile.mkdtemp()) / "bulk")
    >>> sorted(json.loads((folder / "import.json").read_text())["nodes"])[:2]
    [['Actor', 'nodes-Actor.csv'], ['Competence', 'nodes-Competence.csv']]
"""

from __future__ import annotations

import csv
import datetime
import json
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.files import atomic_folder, check_output
from govgraph.model import Label, RelType
from govgraph.store.lock import DATASET_LABEL
from govgraph.store.neo4j import _content_hashes, _edge_rows, _manifest_props, _node_rows
from govgraph.store.settings import StoreError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ARRAY_DELIMITER", "IMPORT_MANIFEST", "write_import"]

#: The importer's separator of array items (``--array-delimiter``).
ARRAY_DELIMITER = ";"
#: The folder's list of files (label or type, file name).
IMPORT_MANIFEST = "import.json"


#: The importer's type of each Python type a stored property has.
_KINDS: dict[type, str] = {
    bool: "boolean",
    int: "long",
    float: "double",
    str: "string",
    list: "string[]",
    tuple: "string[]",
    datetime.date: "date",
    datetime.datetime: "datetime",
}


def _column_types(rows: Iterable[Mapping[str, Any]], where: str) -> dict[str, str]:
    """Each property's importer type over ``rows`` (a long among doubles is a double); a
    property with two kinds of value, or of a type the importer has none for, is an error."""
    seen: dict[str, set[type]] = {}
    for row in rows:
        for name, value in row.items():
            if value is not None:
                seen.setdefault(name, set()).add(type(value))
    types = {}
    for name, found_types in sorted(seen.items()):
        unknown = found_types - _KINDS.keys()
        if unknown:
            raise StoreError(
                f"{where}: property {name} has a value of type {unknown.pop().__name__}, which "
                "the bulk import cannot store; use govgraph load"
            )
        found = {_KINDS[t] for t in found_types}
        if found == {"long", "double"}:
            found = {"double"}
        if len(found) > 1:
            raise StoreError(
                f"{where}: property {name} has values of several types ({', '.join(sorted(found))})"
                ": the bulk import needs one type per property; use govgraph load"
            )
        types[name] = found.pop()
    return types


def _cell(value: Any, kind: str, where: str) -> str:
    if value is None:
        return ""
    if kind == "string[]":
        items = [str(item) for item in value]
        if not items or any(ARRAY_DELIMITER in item for item in items):
            raise StoreError(
                f"{where}: the list {list(value)!r} is empty or has an item containing "
                f"'{ARRAY_DELIMITER}': the bulk import cannot store it; use govgraph load"
            )
        return ARRAY_DELIMITER.join(items)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    if kind in ("date", "datetime"):
        return value.isoformat()
    return str(value)


def _write(path: Path, head: list[str], rows: Iterable[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(head)
        writer.writerows(rows)


def _header(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


def _space(dataset: str, label: str) -> str:
    """The importer's id space of a dataset's label (ids are unique per label and dataset)."""
    return f"{dataset}|{label}"


def write_import(G: nx.MultiDiGraph, out: str | Path, *, force: bool = False) -> Path:
    """Write ``G`` at ``out`` (a new folder; an existing one only with ``force``) as the bulk
    importer's files; StoreError for a value the importer cannot store as the load does (an
    empty list, a list item with ``;``, a property of two types)."""
    target = Path(out)
    check_output(target, force)
    name = str(G.graph["name"])
    manifest: dict[str, Any] = {"dataset": name, "nodes": [], "relationships": []}
    with atomic_folder(target) as staging:
        for label, rows in sorted(_node_rows(G, set(Label)).items()):
            props = [{"dataset": name, "fingerprint": r["fp"], **r["props"]} for r in rows]
            types = _column_types(props, f"{label.value} nodes")
            types.pop("id", None)  # the id column below
            file = f"nodes-{label.value}.csv"
            _write(
                staging / file,
                [f"id:ID({_space(name, label.value)})", *(_header(k, t) for k, t in types.items())],
                (
                    [
                        r["id"],
                        *(_cell(p.get(k), t, f"{label.value} {r['id']}") for k, t in types.items()),
                    ]
                    for r, p in zip(rows, props, strict=True)
                ),
            )
            manifest["nodes"].append([label.value, file])
        for (start, rel, end), rows in sorted(_edge_rows(G, set(RelType)).items()):
            props = [
                {"dataset": name, "key": r["key"], "fingerprint": r["fp"], **r["props"]}
                for r in rows
            ]
            types = _column_types(props, f"{rel.value} relationships")
            file = f"rels-{rel.value}-{start.value}-{end.value}.csv"
            where = f"{rel.value} {start.value}→{end.value}"
            _write(
                staging / file,
                [
                    f":START_ID({_space(name, start.value)})",
                    f":END_ID({_space(name, end.value)})",
                    *(_header(k, t) for k, t in types.items()),
                ],
                (
                    [r["start"], r["end"], *(_cell(p.get(k), t, where) for k, t in types.items())]
                    for r, p in zip(rows, props, strict=True)
                ),
            )
            manifest["relationships"].append([rel.value, file])
        dataset = {
            **_manifest_props(G),
            "name": name,
            "status": "complete",
            "content_hashes": json.dumps(_content_hashes(G), sort_keys=True),
            "load_id": uuid.uuid4().hex,
            "loaded_at": datetime.datetime.now(datetime.UTC).replace(microsecond=0),
        }
        types = _column_types([dataset], "the Dataset node")
        _write(
            staging / "nodes-Dataset.csv",
            [f":ID({_space(name, DATASET_LABEL)})", *(_header(k, t) for k, t in types.items())],
            [
                [
                    "dataset",
                    *(_cell(dataset.get(k), t, "the Dataset node") for k, t in types.items()),
                ]
            ],
        )
        manifest["nodes"].append([DATASET_LABEL, "nodes-Dataset.csv"])
        (staging / IMPORT_MANIFEST).write_text(
            json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
        )
    return target
