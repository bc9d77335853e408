"""Exception types of govgraph. The library raises these; only the CLI turns them into messages.

Example:
    >>> p = Problem("actors.csv", 12, "kind", "unknown value 'town'", "use one of: municipality, …")
    >>> str(p)
    "actors.csv:12: kind: unknown value 'town' — use one of: municipality, …"
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AmbiguousError", "DatasetError", "GovgraphError", "NotFoundError", "Problem"]


class GovgraphError(Exception):
    """Base class of every error govgraph raises on purpose (a user error, not a bug)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a dataset, located as precisely as possible.

    ``row`` is the line of the file where the record starts (the header is line 1); 0 when the
    problem concerns the whole file.
    """

    file: str
    row: int
    column: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row else self.file
        column = f" {self.column}:" if self.column else ""
        fix = f" — {self.fix}" if self.fix else ""
        return f"{where}:{column} {self.message}{fix}"


class DatasetError(GovgraphError):
    """A dataset could not be read or is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem], dataset: str = "") -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.row, p.column, p.message))
        self.dataset = dataset
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        where = f" in {dataset}" if dataset else ""
        super().__init__(f"{count} {noun}{where}")


class NotFoundError(GovgraphError):
    """Something the user named (an actor, a country, a competence) is not in the data."""


class AmbiguousError(GovgraphError):
    """A name matched several things; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates
