"""Running researchers' Cypher (ready queries of ``cypher/`` or any text), read-only by default.

A ready query is a ``.cypher`` file whose header comment says what it answers and its parameters::

    // Actors of a territory, by level.
    // params: dataset (string), territory (territory id)

Example:
    >>> parse_params(["dataset=three-borders", "top=5", 'countries=["DE","LU"]'])
    {'dataset': 'three-borders', 'top': 5, 'countries': ['DE', 'LU']}
    >>> query_text("actors_of_territory").startswith("//")
    True
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.errors import GovgraphError, NotFoundError

if TYPE_CHECKING:
    from neo4j import Driver


__all__ = ["QueryError", "parse_params", "query_header", "query_text", "ready_queries", "run_query"]

_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class QueryError(GovgraphError):
    """Neo4j refused a query; the message says why and what to change."""


def ready_queries() -> dict[str, Path]:
    """The bundled queries by name (file name without ``.cypher``), schema excluded."""
    from govgraph.data.dataset import cypher_path

    return {p.stem: p for p in sorted(cypher_path().glob("*.cypher")) if p.stem != "schema"}


def query_header(path: Path) -> dict[str, str]:
    """The first comment lines of a query file: ``title`` and ``params``."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("//"):
            break
        lines.append(line[2:].strip())
    params = next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("params:")), "")
    return {"title": lines[0] if lines else "", "params": params}


def query_text(query: str) -> str:
    """The text to run: a file path, a ready query's name, or the query itself."""
    path = Path(query)
    if query.endswith(".cypher"):
        if not path.is_file():
            raise NotFoundError(f"no query file {query}")
        return path.read_text(encoding="utf-8")
    ready = ready_queries()
    if query in ready:
        return ready[query].read_text(encoding="utf-8")
    if re.fullmatch(r"[a-z_]+", query):
        raise NotFoundError(f"no ready query '{query}'; ready queries: {', '.join(ready)}")
    return query


def parse_params(items: list[str]) -> dict[str, Any]:
    """``k=v`` pairs; a value that is valid JSON (number, list, true/false, null) is decoded."""
    params: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not _PARAM_NAME.match(name):
            raise GovgraphError(f"parameter '{item}' must be written name=value, e.g. top=5")
        try:
            params[name] = json.loads(value)
        except ValueError:
            params[name] = value
    return params


def _plain(value: Any) -> Any:
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def run_query(
    driver: Driver,
    query: str,
    params: dict[str, Any] | None = None,
    *,
    write: bool = False,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """Run ``query`` and return its records as plain dicts; in a read transaction unless
    ``write``, so Neo4j itself refuses a query that would change the database."""
    from neo4j.exceptions import ClientError, CypherSyntaxError, ServiceUnavailable, SessionExpired

    def work(tx: Any) -> list[dict[str, Any]]:
        result = tx.run(query, params or {})
        return [{k: _plain(v) for k, v in record.items()} for record in result]

    try:
        with driver.session(database=database) as session:
            if write:
                return session.execute_write(work)
            return session.execute_read(work)
    except (ServiceUnavailable, SessionExpired):
        raise QueryError("lost the connection to Neo4j while running the query") from None
    except CypherSyntaxError as exc:
        raise QueryError(f"the query is not valid Cypher: {exc.message}") from None
    except ClientError as exc:
        code = exc.code or ""
        if "AccessMode" in code or "read access mode" in (exc.message or ""):
            raise QueryError(
                "this query writes to the database; pass --write to allow it"
            ) from None
        if "ParameterMissing" in code:
            raise QueryError(f"{exc.message}; give it with --param name=value") from None
        raise QueryError(f"Neo4j refused the query: {exc.message}") from None


#: The parameters of the ready queries that name an actor (by id; a name is resolved).
ACTOR_PARAMS = frozenset({"actor", "from", "to"})


def resolve_actor_params(
    driver: Any, params: dict[str, Any], database: str | None = None
) -> tuple[dict[str, Any], list[str]]:
    """``params`` with each actor parameter that is not an actor id of ``params["dataset"]``
    replaced by the actor it names (the CLI's reading of names,
    :func:`~govgraph.text.name_matches`: a name that begins with the words first, accents and
    case aside),
    and the notes to show ("'CC Bouzonvillois' is fr-cc-…"). NotFoundError when it names none,
    AmbiguousError when several."""
    from govgraph.errors import AmbiguousError
    from govgraph.text import name_matches, normalise, suggestion

    dataset = params.get("dataset")
    wanted = {k: v for k, v in params.items() if k in ACTOR_PARAMS and isinstance(v, str)}
    if not dataset or not wanted:
        return params, []
    rows = run_query(
        driver,
        "MATCH (a:Actor {dataset: $dataset}) "
        "RETURN a.id AS id, [k IN keys(a) WHERE k STARTS WITH 'name' | a[k]] AS names",
        {"dataset": dataset},
        database=database,
    )
    names = {r["id"]: [normalise(str(n)) for n in r["names"] if n] for r in rows}
    resolved, notes = dict(params), []
    for key, value in wanted.items():
        if value in names:
            continue
        begins, whole, partial = name_matches(normalise(value).split(), names)
        found = next((group for group in (begins, whole, partial) if group), [])
        if len(found) == 1:
            resolved[key] = found[0]
            notes.append(f"'{value}' is {found[0]}")
        elif found:
            raise AmbiguousError(
                f"--param {key}='{value}' matches {len(found)} actors of {dataset}; "
                "give one of these ids:",
                sorted(found),
            )
        else:
            hint = suggestion(value, names)
            raise NotFoundError(
                f"--param {key}='{value}' is no actor of dataset '{dataset}'"
                + (f"; {hint}" if hint else "; find its id with govgraph actors --search")
            )
    return resolved, notes
