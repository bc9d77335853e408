"""Progress of the long steps (reading, building, pulling, exporting, laying out), for whoever
listens: the library never draws anything itself; the CLI draws a bar on a terminal and nothing
in a pipe.

A step says what it does and how many units it has, then advances:

    >>> seen = []
    >>> @contextlib.contextmanager
    ... def recorder(label, total):
    ...     yield lambda done=1: seen.append((label, done))
    >>> with reporting(recorder):
    ...     with step("counting", 2) as advance:
    ...         advance(); advance()
    >>> seen
    [('counting', 1), ('counting', 1)]

Without a listener a step costs a function call per advance.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from contextvars import ContextVar

__all__ = ["Advance", "Reporter", "reporting", "step"]

#: Advances a step by that many units.
Advance = Callable[..., None]
#: Opens the display of one step: (what it does, its units) → its advance function.
Reporter = Callable[[str, int], AbstractContextManager[Advance]]

_REPORTER: ContextVar[Reporter | None] = ContextVar("govgraph_progress", default=None)


def _ignore(done: int = 1) -> None:
    """No listener: nothing to show."""


@contextlib.contextmanager
def step(label: str, total: int) -> Iterator[Advance]:
    """One long step of ``total`` units, shown by the current listener (if any)."""
    reporter = _REPORTER.get()
    if reporter is None:
        yield _ignore
        return
    with reporter(label, total) as advance:
        yield advance


@contextlib.contextmanager
def reporting(reporter: Reporter) -> Iterator[None]:
    """Show the steps run inside this block with ``reporter``."""
    token = _REPORTER.set(reporter)
    try:
        yield
    finally:
        _REPORTER.reset(token)
