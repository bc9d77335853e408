"""Answers as pandas DataFrames, for notebooks: one row per record, nested records flattened to
dotted columns (``parts.competence``), lists kept as lists.

Example:
    >>> from govgraph.study import load_study
    >>> from govgraph.analysis.counterparts import counterparts
    >>> df = frame(counterparts(load_study(), "fr-apach", top=2))
    >>> list(df.columns[:4]), len(df)
    (['country', 'rank', 'candidate', 'name'], 4)
    >>> "parts.competence" in df.columns
    True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from govgraph.errors import GovgraphError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["frame"]


def frame(result: Sequence[Mapping[str, Any]] | Mapping[str, Any]) -> pd.DataFrame:
    """A DataFrame of an analysis answer: a list of records (counterparts, who, gaps, levels,
    actors), a table per theme (``coverage``: a ``theme`` column is added) or one record (a
    summary: one row)."""
    import pandas as pd

    if isinstance(result, Mapping):
        values = list(result.values())
        if values and all(isinstance(v, list) for v in values):
            rows = [{"theme": key, **row} for key, table in result.items() for row in table]
            return pd.json_normalize(rows, max_level=1)
        return pd.json_normalize(dict(result), max_level=1)
    records = list(result)
    if any(not isinstance(r, Mapping) for r in records):
        raise GovgraphError("frame() takes a list of records or a record (a dict)")
    return pd.json_normalize(records, max_level=1)
