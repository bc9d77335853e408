"""One load of a dataset at a time: the lock on the dataset's ``Dataset`` node.

A load takes the lock (``d.lock``: its load id, ``d.lock_owner``: ``host:pid``, ``d.lock_beat``:
when it last wrote) with :func:`acquire`, renews the beat with every batch (:func:`heartbeat`, in
the batch's own transaction) and gives the lock up when it finishes or fails. A second load of the
same dataset gets :class:`LoadInProgress` naming who holds the lock, unless that holder is gone: its
beat is older than :data:`STALE_LOCK_SECONDS`, its process on this machine no longer runs, or it is
a load of this process that failed (:func:`abandon`).

Example:
    >>> owner_gone(current_owner())  # this process runs
    False
    >>> owner_gone("another-host:12345")  # a process elsewhere is never taken as gone
    False
    >>> issubclass(LoadInProgress, StoreError)
    True
"""

from __future__ import annotations

import contextlib
import os
import socket
from typing import TYPE_CHECKING, Any

from govgraph.store.settings import StoreError

if TYPE_CHECKING:
    from neo4j import Driver, ManagedTransaction

__all__ = [
    "DATASET_LABEL",
    "RELEASE_TIMEOUT_SECONDS",
    "STALE_LOCK_SECONDS",
    "LoadInProgress",
    "abandon",
    "acquire",
    "current_owner",
    "heartbeat",
    "owner_gone",
    "release",
]

#: Label of the one node per dataset that holds its manifest and load status.
DATASET_LABEL = "Dataset"
#: A load that has not written for this long is taken as crashed, and another may take over.
STALE_LOCK_SECONDS = 60
#: How long a failed load waits for Neo4j to remove its lock before leaving it to be taken over.
RELEASE_TIMEOUT_SECONDS = 5
_ABANDONED: set[str] = set()  # loads of this process that failed without releasing their lock


class LoadInProgress(StoreError):
    """Another load of the same dataset holds its lock."""


def current_owner() -> str:
    """The owner this process writes into a lock it takes: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"


def owner_gone(owner: str | None) -> bool:
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


def acquire(session: Any, name: str, load_id: str) -> None:
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
    free = held is None or record["stale"] or held in _ABANDONED or owner_gone(owner)
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
            owner=current_owner(),
        ).single(strict=True)["taken"]
    )
    if not taken:
        raise LoadInProgress(f"another load of '{name}' started at the same moment: try again")


def heartbeat(tx: ManagedTransaction, name: str, load_id: str) -> None:
    """Renew the load's beat on its lock in ``tx``; LoadInProgress if another load took it."""
    owned = tx.run(
        f"MATCH (d:{DATASET_LABEL} {{name: $dataset}}) WHERE d.lock = $load "
        "SET d.lock_beat = datetime() RETURN count(d) AS owned",
        dataset=name,
        load=load_id,
    ).single(strict=True)["owned"]
    if not owned:
        raise LoadInProgress(f"the load of '{name}' lost its lock to another load")


def release(session: Any, name: str, load_id: str, timeout: float | None = None) -> None:
    """Remove the load's lock (if it still holds it), waiting at most ``timeout`` seconds."""
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


def abandon(driver: Driver, name: str, load_id: str, database: str | None = None) -> None:
    """Give up the lock of a load that failed; never raises.

    The load's session may be broken (an interrupt in the middle of a read) and its open
    transaction may still hold the Dataset node: the lock is released through a fresh session,
    bounded in time (else it is taken over later as its owner is gone), and a failure here never
    hides the load's own error.
    """
    _ABANDONED.add(load_id)
    with contextlib.suppress(Exception), driver.session(database=database) as fresh:
        release(fresh, name, load_id, timeout=RELEASE_TIMEOUT_SECONDS)
