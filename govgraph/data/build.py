"""Graph building: a validated dataset becomes one ``networkx.MultiDiGraph``.

Nodes carry ``label`` (a :class:`~govgraph.model.Label` value) and their properties; edges are keyed
by relationship type (``HOLDS``, ``PART_OF``…; a second edge of the same type between the same nodes
gets ``TYPE#2``) and carry ``type`` and their properties. Provenance is in ``G.graph``.
The same dataset always gives the same graph: nodes and edges are inserted in a fixed order.

Example:
    >>> from govgraph.data.dataset import read_dataset, default_dataset_path
    >>> G = build_graph(read_dataset(default_dataset_path()))
    >>> G.graph["name"], G.nodes["fr-bouzonville"]["label"]
    ('three-borders', 'Actor')
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from govgraph import model
from govgraph.data.schema import GRAPH_ATTRIBUTES, row_order
from govgraph.data.validation import Row, date_key
from govgraph.model import Label, RelType
from govgraph.progress import Advance, step
from govgraph.version import __version__

if TYPE_CHECKING:
    import networkx as nx

    from govgraph.data.dataset import Dataset


__all__ = ["build_graph"]

_ROW_META = ("id",)
_NODE_TABLES: tuple[tuple[str, Label], ...] = (
    ("themes", Label.THEME),
    ("competences", Label.COMPETENCE),
    ("levels", Label.LEVEL),
    ("territories", Label.TERRITORY),
    ("actors", Label.ACTOR),
    ("initiatives", Label.INITIATIVE),
)
# Columns that become edges rather than node properties.
_EDGE_COLUMNS = {
    "competences": ("parent", "themes"),
    "territories": ("part_of",),
    "actors": ("level", "territory"),
    "initiatives": ("themes",),
}


logger = logging.getLogger(__name__)


def _clean(values: dict[str, Any], drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """Properties without empty values; tuples become lists (JSON- and Neo4j-friendly)."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or key in drop:
            continue
        out[key] = list(value) if isinstance(value, tuple) else value
    return out


def _add_edge(G: nx.MultiDiGraph, start: str, end: str, rel: RelType, **props: Any) -> None:
    key = rel.value
    number = 1
    while G.has_edge(start, end, key):
        number += 1
        key = f"{rel.value}#{number}"
    G.add_edge(start, end, key=key, type=rel.value, **_clean(props))


_FACT_COLUMNS = ("legal_basis", "valid_from", "valid_to", "source", "confidence", "note")


def _facts(row: Row) -> dict[str, Any]:
    """The legal basis, dates and provenance of a row, as edge properties."""
    return {column: row[column] for column in _FACT_COLUMNS}


def _holding_props(row: Row, provenance: str) -> dict[str, Any]:
    return {"role": row["role"], "provenance": provenance, **_facts(row)}


def _ordered(dataset: Dataset, table: str) -> list[Row]:
    """The rows of ``table`` in a fixed order that does not depend on their order in the file."""
    return sorted(dataset.tables[table], key=lambda row: row_order(table, row.values))


def _allocations_by_level(dataset: Dataset) -> dict[tuple[str, str], list[Row]]:
    by_level: dict[tuple[str, str], list[Row]] = {}
    for row in _ordered(dataset, "allocations"):
        by_level.setdefault((row["country"], row["level"]), []).append(row)
    return by_level


def _inherited(rows: list[Row], subdivision: str | None, countries: set[str]) -> list[Row]:
    """The allocation rows an actor of a level inherits, one per competence: of the rows that
    apply to it (country-wide or of its subdivision; for every border or, with ``partners``,
    for a dataset that includes one of the partner countries), the most specific (a
    subdivision's own rule first, then a rule of this border)."""
    best: dict[str, Row] = {}
    for row in rows:
        if row["subdivision"] and row["subdivision"] != subdivision:
            continue
        if row["partners"] and not set(row["partners"]) & countries:
            continue
        rank = (bool(row["subdivision"]), bool(row["partners"]))
        held = best.get(row["competence"])
        if held is None or rank > (bool(held["subdivision"]), bool(held["partners"])):
            best[row["competence"]] = row
    return [row for row in rows if best.get(row["competence"]) is row]


def _ceded_by_members(dataset: Dataset) -> dict[str, set[str]]:
    """The competences each actor no longer holds by inference because a body it is a member of
    holds them exclusively (the principle of exclusivity of an EPCI, a syndicat, a
    Zweckverband): a current membership, the body's current asserted ``exclusive`` holding and
    every narrower competence. An ``exercises.csv`` row between the two for that competence says
    what happened instead (a delegation keeps the member), so it wins."""
    children: dict[str, list[str]] = {}
    for row in dataset.tables["competences"]:
        if row["parent"]:
            children.setdefault(row["parent"], []).append(row["id"])

    def narrower(competence: str) -> set[str]:
        found, stack = set(), [competence]
        while stack:
            found.add(each := stack.pop())
            stack += children.get(each, [])
        return found

    exclusive: dict[str, set[str]] = {}
    for row in dataset.tables["holdings"]:
        if row["role"] == "exclusive" and row["status"] != "denied" and not row["valid_to"]:
            exclusive.setdefault(row["actor"], set()).update(narrower(row["competence"]))
    explicit = {
        (row["actor"], holder, competence)
        for row in dataset.tables["exercises"]
        for holder in row["on_behalf_of"]
        for competence in narrower(row["competence"])
    }
    ceded: dict[str, set[str]] = {}
    for row in dataset.tables["relations"]:
        body, member = row["to_id"], row["from_id"]
        if row["type"] != RelType.MEMBER_OF or row["valid_to"] or body not in exclusive:
            continue
        ceded.setdefault(member, set()).update(
            c for c in exclusive[body] if (body, member, c) not in explicit
        )
    return ceded


def _add_holdings(G: nx.MultiDiGraph, dataset: Dataset) -> None:
    """Inferred holdings from each actor's level (none for a competence a body the actor is a
    member of holds exclusively: :func:`_ceded_by_members`), then the dataset's asserted or
    denied ones."""
    allocations = _allocations_by_level(dataset)
    countries = set(dataset.manifest.get("countries") or ())
    ceded = _ceded_by_members(dataset)
    asserted: dict[str, list[Row]] = {}
    for row in _ordered(dataset, "holdings"):
        asserted.setdefault(row["actor"], []).append(row)
    for actor in _ordered(dataset, "actors"):
        actor_id, level = actor["id"], actor["level"]
        own = asserted.get(actor_id, [])
        overridden = {row["competence"] for row in own} | ceded.get(actor_id, set())
        if level and actor["kind"] in model.INHERITING_KINDS:
            rows = allocations.get((actor["country"][0], level), [])
            for row in _inherited(rows, actor["subdivision"], countries):
                if row["competence"] not in overridden:
                    props = _holding_props(row, "inferred")
                    if row["residual_to"]:  # held only where no other body holds that one
                        props["residual_to"] = row["residual_to"]
                    _add_edge(G, actor_id, row["competence"], RelType.HOLDS, **props)
        for row in own:
            if row["status"] == "denied":
                G.graph["denied_holdings"].append(_clean(row.values))
                continue
            _add_edge(
                G, actor_id, row["competence"], RelType.HOLDS, **_holding_props(row, "asserted")
            )


_ROLE_ORDER = {role: rank for rank, role in enumerate(model.ROLES)}  # exclusive first


def _holding_edges(G: nx.MultiDiGraph, actor: str, competence: str) -> list[Any]:
    """The keys of the HOLDS edges from ``actor`` to ``competence``."""
    edges = G.get_edge_data(actor, competence) or {}
    return [key for key, data in edges.items() if data["type"] == RelType.HOLDS]


def _add_exercises(G: nx.MultiDiGraph, dataset: Dataset) -> None:
    """Who exercises a competence for whom: an EXERCISES edge from the body to each formal
    holder, and the body's operational HOLDS (provenance ``exercised``) with the formal holders'
    role (the body does the job), or where they hold none in the data ``delegated`` for a
    delegation or concession and ``exclusive`` for a transfer or an organ. What that means for
    the formal holders (a transfer leaves them, a delegation keeps them with a lesser role) is
    read by the study."""
    for row in _ordered(dataset, "exercises"):
        body, competence, kind = row["actor"], row["competence"], row["kind"]
        formal = sorted(row["on_behalf_of"])  # the same graph whatever the order in the file
        facts = _facts(row)
        roles = []
        for holder in formal:
            _add_edge(G, body, holder, RelType.EXERCISES, competence=competence, kind=kind, **facts)
            roles += [
                G.edges[holder, competence, k]["role"]
                for k in _holding_edges(G, holder, competence)
            ]
        # the body does the job: it answers with the formal holders' role; when they hold none
        # in the data, a delegate or concessionaire exercises a delegated role (the holders
        # keep the competence), a transferee or organ the whole of it
        if roles:
            role = min(roles, key=_ROLE_ORDER.__getitem__)
        else:
            role = "delegated" if kind in model.KEEPING_KINDS else "exclusive"
        own = _holding_edges(G, body, competence)
        if own:  # the body's own holding (holdings.csv) stays, at least as strong as that
            data = G.edges[body, competence, own[0]]
            data["role"] = min(data["role"], role, key=_ROLE_ORDER.__getitem__)
            data["kind"] = data.get("kind", kind)
            data["on_behalf_of"] = sorted({*data.get("on_behalf_of", []), *formal})
            continue
        _add_edge(
            G,
            body,
            competence,
            RelType.HOLDS,
            role=role,
            provenance="exercised",
            kind=kind,
            on_behalf_of=formal,
            **facts,
        )


def _add_former_names(G: nx.MultiDiGraph, dataset: Dataset) -> None:
    """A node's former names (``names.csv``), oldest first: ``former_names`` (the names, for
    searching) and ``former_names_facts`` (each name's row as JSON: language, dates, source)."""
    by_node: dict[str, list[dict[str, Any]]] = {}
    for row in _ordered(dataset, "names"):
        by_node.setdefault(row["node"], []).append(_clean(row.values, ("node",)))
    for node, rows in by_node.items():
        rows.sort(key=lambda r: (date_key(r["valid_to"]), r["name"]))
        G.nodes[node]["former_names"] = [r["name"] for r in rows]
        G.nodes[node]["former_names_facts"] = json.dumps(rows, ensure_ascii=False)


#: The phases of a build, as its progress counts them (:func:`govgraph.progress.step`).
_BUILD_PHASES = 5


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Build the governance graph of ``dataset`` (never modifies the dataset)."""
    with step("building the graph", _BUILD_PHASES) as advance:
        return _build(dataset, advance)


def _build(dataset: Dataset, advance: Advance) -> nx.MultiDiGraph:
    import networkx as nx

    manifest = dataset.manifest
    attributes = {
        key: list(value) if isinstance(value := manifest.get(key), list | tuple) else value
        for key in GRAPH_ATTRIBUTES
    }
    G = nx.MultiDiGraph(**attributes, govgraph_version=__version__, denied_holdings=[])
    for table, label in _NODE_TABLES:
        drop = _ROW_META + _EDGE_COLUMNS.get(table, ())
        for row in sorted(dataset.tables[table], key=lambda r: r["id"]):
            props = _clean(row.values, drop)
            if "country" in props and label in (Label.ACTOR, Label.TERRITORY):
                props["countries"] = props.pop("country")
            G.add_node(row["id"], label=label.value, **props)
    _add_former_names(G, dataset)
    advance()

    for row in _ordered(dataset, "competences"):
        if row["parent"]:
            _add_edge(G, row["id"], row["parent"], RelType.BROADER, source=row["source"])
        for theme in row["themes"] or ():
            _add_edge(G, row["id"], theme, RelType.IN_THEME, source=row["source"])
    for row in _ordered(dataset, "territories"):
        for parent in row["part_of"] or ():
            _add_edge(
                G,
                row["id"],
                parent,
                RelType.PART_OF,
                source=row["source"],
                valid_from=row["valid_from"],
                valid_to=row["valid_to"],
            )
    for row in _ordered(dataset, "actors"):
        if row["level"]:
            _add_edge(G, row["id"], row["level"], RelType.AT_LEVEL, source=row["source"])
        for territory in sorted(row["territory"] or ()):
            _add_edge(
                G,
                row["id"],
                territory,
                RelType.GOVERNS,
                source=row["source"],
                valid_from=row["valid_from"],
                valid_to=row["valid_to"],
            )
    for row in _ordered(dataset, "allocations"):
        props = _clean(row.values, ("country", "level", "competence"))
        _add_edge(G, row["level"], row["competence"], RelType.ALLOCATES, **props)
    for row in _ordered(dataset, "initiatives"):
        for theme in row["themes"] or ():
            _add_edge(G, row["id"], theme, RelType.IN_THEME, source=row["source"])
    advance()
    _add_holdings(G, dataset)
    advance()
    _add_exercises(G, dataset)
    advance()
    for row in _ordered(dataset, "relations"):
        props = _clean(row.values, ("from_id", "type", "to_id"))
        _add_edge(G, row["from_id"], row["to_id"], RelType(row["type"]), **props)
    advance()
    logger.info(
        "built the graph of %s: %d nodes, %d relationships",
        dataset.manifest.get("name"),
        G.number_of_nodes(),
        G.number_of_edges(),
    )
    return G
