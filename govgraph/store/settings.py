"""Connecting to Neo4j: the settings (from the environment), the password file, an open driver.

:class:`StoreError` lives here, the first module of the store, so that :mod:`.lock` and
:mod:`.neo4j` build on this one without an import cycle.

Example:
    >>> settings = Neo4jSettings.from_mapping({"NEO4J_URI": "bolt://127.0.0.1:7687",
    ...                                        "NEO4J_PASSWORD": "secret"})
    >>> settings
    Neo4jSettings(uri='bolt://127.0.0.1:7687', username='neo4j', password='***', database=None)
    >>> Neo4jSettings.from_mapping(  # doctest: +ELLIPSIS
    ...     {"NEO4J_URI": "http://127.0.0.1:7474", "NEO4J_PASSWORD": "x"})
    Traceback (most recent call last):
    ...
    govgraph.store.settings.StoreError: NEO4J_URI must start with one of bolt://, ...
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govgraph.errors import GovgraphError

if TYPE_CHECKING:
    from neo4j import Driver

__all__ = ["URI_SCHEMES", "Neo4jSettings", "StoreError", "connect", "read_password_file"]

#: The URI schemes the official driver accepts (``+s``: TLS, ``+ssc``: self-signed TLS).
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


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
        if scheme not in URI_SCHEMES or "://" not in str(values["uri"]):
            raise StoreError(
                f"NEO4J_URI must start with one of {', '.join(s + '://' for s in URI_SCHEMES)}"
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


def new_driver(settings: Neo4jSettings) -> Driver:
    """The driver for ``settings``, not yet connected: a ``bolt`` URI talks to one server, a
    ``neo4j`` URI routes over a cluster (or a hosted instance such as Aura), ``+s`` with TLS
    checked against the system's certificates, ``+ssc`` accepting a self-signed one."""
    from neo4j import GraphDatabase, NotificationDisabledCategory

    return GraphDatabase.driver(
        settings.uri,
        auth=(settings.username, settings.password),
        connection_timeout=5.0,
        connection_acquisition_timeout=10.0,
        max_transaction_retry_time=10.0,
        # the bundled queries name every relationship type of the model; a dataset without one
        # (no exercises.csv) is not an error worth a warning per query
        notifications_disabled_categories=[NotificationDisabledCategory.UNRECOGNIZED],
    )


def connect(settings: Neo4jSettings) -> Driver:
    """An open driver whose server answered; StoreError (without the password) otherwise."""
    from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable

    driver = new_driver(settings)
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
