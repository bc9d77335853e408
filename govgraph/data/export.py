"""Writing a governance graph back as a dataset folder (CSV files and a manifest).

The folder holds the whole reference it was built with (``"reference": "included"`` in the
manifest), so reading it back gives the same graph: CSV → graph → (Neo4j →) CSV keeps every fact.
Files are written to a temporary folder first and moved in place at the end, so a failed export
leaves nothing half-written.

Example:
    >>> import govgraph, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "copy"
    >>> write_dataset(govgraph.load_graph(), out)
    >>> sorted(p.name for p in out.iterdir())[:3]
    ['actors.csv', 'allocations.csv', 'competences.csv']
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.data.schema import MANIFEST_FILE, MANIFEST_REQUIRED, TABLES, row_order
from govgraph.data.validation import language_columns
from govgraph.errors import GovgraphError
from govgraph.files import atomic_file, atomic_folder, check_output
from govgraph.model import RELATIONS_FILE_TYPES, Label, RelType
from govgraph.progress import step
from govgraph.text import cell_text

if TYPE_CHECKING:
    import networkx as nx


__all__ = ["write_dataset", "write_network"]

_LABEL_TABLE = {
    Label.THEME: "themes",
    Label.COMPETENCE: "competences",
    Label.LEVEL: "levels",
    Label.TERRITORY: "territories",
    Label.ACTOR: "actors",
    Label.INITIATIVE: "initiatives",
}


#: Node properties that are not columns of the node's own file (former names go to names.csv).
_NOT_COLUMNS = ("label", "former_names", "former_names_facts")


def _targets(G: nx.MultiDiGraph, node: str, rel: RelType) -> list[str]:
    return sorted(str(t) for _, t, d in G.out_edges(node, data=True) if d["type"] == rel)


def _node_rows(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        label = Label(data["label"])
        row = {k: v for k, v in data.items() if k not in _NOT_COLUMNS}
        row["id"] = node
        for name in json.loads(data.get("former_names_facts") or "[]"):
            rows["names"].append({"node": node, **name})
        if "countries" in row and label in (Label.ACTOR, Label.TERRITORY):
            row["country"] = row.pop("countries")
        if label == Label.TERRITORY:
            row["part_of"] = _targets(G, node, RelType.PART_OF)
        elif label == Label.ACTOR:
            levels = _targets(G, node, RelType.AT_LEVEL)
            row["level"] = levels[0] if levels else None
            row["territory"] = _targets(G, node, RelType.GOVERNS)
        elif label == Label.COMPETENCE:
            parents = _targets(G, node, RelType.BROADER)
            row["parent"] = parents[0] if parents else None
            row["themes"] = _targets(G, node, RelType.IN_THEME)
        elif label == Label.INITIATIVE:
            row["themes"] = _targets(G, node, RelType.IN_THEME)
        rows[_LABEL_TABLE[label]].append(row)
    return rows


def _edge_rows(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    stated = {t.value for t in RELATIONS_FILE_TYPES}
    for start, end, data in G.edges(data=True):
        kind = data["type"]
        props = {k: v for k, v in data.items() if k != "type"}
        if kind in stated:
            rows["relations"].append({"from_id": start, "type": kind, "to_id": end, **props})
        elif kind == RelType.HOLDS and props.get("provenance") == "asserted":
            rows["holdings"].append({"actor": start, "competence": end, **props})
        elif kind == RelType.ALLOCATES:
            country = G.nodes[start]["country"]
            rows["allocations"].append(
                {"level": start, "competence": end, "country": country, **props}
            )
    for denied in G.graph.get("denied_holdings", []):
        rows["holdings"].append(dict(denied))
    rows["exercises"] = _exercise_rows(G)
    return rows


def _exercise_rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One row per body, competence and fact, its formal holders joined in ``on_behalf_of``
    (the graph has an EXERCISES edge per formal holder)."""
    grouped: dict[tuple[Any, ...], dict[str, Any]] = {}
    for start, end, data in G.edges(data=True):
        if data["type"] != RelType.EXERCISES:
            continue
        props = {k: v for k, v in data.items() if k != "type"}
        key = (start, *(cell_text(props.get(k)) for k in sorted(props)))
        row = grouped.setdefault(key, {"actor": start, **props, "on_behalf_of": []})
        row["on_behalf_of"].append(end)
    return list(grouped.values())


def _write_csv(path: Path, table: str, rows: list[dict[str, Any]]) -> None:
    columns = [c.name for c in TABLES[table].columns]
    columns += language_columns(TABLES[table], sorted({k for r in rows for k in r}))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in sorted(rows, key=lambda r: row_order(table, r)):
            writer.writerow([cell_text(row.get(c)) for c in columns])


def write_dataset(G: nx.MultiDiGraph, out: str | Path, *, force: bool = False) -> None:
    """Write ``G`` as a dataset folder at ``out`` (refuses an existing path unless ``force``)."""
    target = Path(out)
    check_output(target, force)
    manifest = {key: G.graph.get(key) for key in MANIFEST_REQUIRED}
    if G.graph.get("date"):
        manifest["date"] = G.graph["date"]
    manifest["reference"] = "included"
    with step(f"exporting to {target.name}", len(TABLES) + 1) as advance:
        rows = _node_rows(G)
        rows.update(_edge_rows(G))
        advance()
        with atomic_folder(target) as staging:
            (staging / MANIFEST_FILE).write_text(
                json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            for table in TABLES:
                if rows.get(table) or TABLES[table].required_file:
                    _write_csv(staging / f"{table}.csv", table, rows.get(table, []))
                advance()


def _flat(value: Any) -> Any:
    return cell_text(value) if isinstance(value, list | tuple) else value


#: List attributes with a small vocabulary, written also as one boolean per value (prefix): what
#: Gephi partitions and filters on ("country_LU": true).
PARTITIONED_LISTS = {"countries": "country", "theme": "theme", "partners": "partner"}


def _partitions(items: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """For each partitioned list attribute found, every value it takes."""
    found: dict[str, set[str]] = defaultdict(set)
    for data in items:
        for name in PARTITIONED_LISTS:
            if isinstance(data.get(name), list | tuple):
                found[name].update(str(value) for value in data[name])
    return {name: sorted(values) for name, values in found.items()}


def _flags(data: dict[str, Any], partitions: dict[str, list[str]]) -> dict[str, bool]:
    """One boolean per value of each partitioned list (false where the item lacks it)."""
    flags = {}
    for name, values in partitions.items():
        present = {str(v) for v in data.get(name) or ()}
        flags.update({f"{PARTITIONED_LISTS[name]}_{value}": value in present for value in values})
    return flags


def write_network(G: nx.MultiDiGraph, out: str | Path, fmt: str, *, force: bool = False) -> None:
    """Write ``G`` as GraphML or GEXF (``fmt``) with the model's attributes; lists become
    ';'-joined text, and the countries, themes and partners also one boolean per value
    (``country_FR``, ``theme_tourism_attractiveness``: Gephi partitions on them); the node label
    is kept as ``node_label`` and ``label`` is the node's name (what Gephi and yEd show)."""
    import networkx as nx

    target = Path(out)
    check_output(target, force)
    flat = nx.MultiDiGraph()
    flat.graph.update(
        {k: _flat(v) for k, v in G.graph.items() if k != "denied_holdings" and v is not None}
    )
    node_partitions = _partitions(data for _, data in G.nodes(data=True))
    edge_partitions = _partitions(data for _, _, data in G.edges(data=True))
    for node, data in G.nodes(data=True):
        attrs = {k: _flat(v) for k, v in data.items() if k != "label"}
        attrs["node_label"] = data["label"]
        attrs["label"] = data.get("name") or data.get("name_en") or node
        flat.add_node(node, **attrs, **_flags(data, node_partitions))
    for start, end, key, data in G.edges(keys=True, data=True):
        attrs = {k: _flat(v) for k, v in data.items()}
        flat.add_edge(start, end, key=key, **attrs, **_flags(data, edge_partitions))
    if fmt not in ("graphml", "gexf"):
        raise GovgraphError(f"unknown network format '{fmt}': use graphml or gexf")
    with atomic_file(target) as partial:
        if fmt == "graphml":
            nx.write_graphml(flat, partial)
        else:
            nx.write_gexf(flat, partial)
