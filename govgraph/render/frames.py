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

    from govgraph.data.dataset import Dataset

__all__ = ["dataset_frames", "frame"]


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


def dataset_frames(dataset: Dataset) -> dict[str, pd.DataFrame]:
    """One DataFrame per file of a validated dataset (reference tables included), typed as
    validation reads them: integers and numbers as numbers, lists (``country``,
    ``territory``, ``on_behalf_of``) as tuples, empty cells as missing; a ``line`` column says
    where each row is in its file.

    >>> from govgraph.data.dataset import default_dataset_path, read_dataset
    >>> frames = dataset_frames(read_dataset(default_dataset_path()))
    >>> int(frames["territories"].set_index("id").loc["t-fr-apach", "population"]) > 0
    True
    """
    import pandas as pd

    frames = {}
    for table, rows in dataset.tables.items():
        columns: dict[str, list[Any]] = {"line": [row.line for row in rows]}
        for row in rows:
            for key in row.values:
                columns.setdefault(key, [])
        for key in list(columns)[1:]:
            columns[key] = [row.values.get(key) for row in rows]
        data = {}
        for key, values in columns.items():
            present = [v for v in values if v is not None]
            if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
                data[key] = pd.array(values, dtype="Int64")  # integers, missing kept missing
            else:
                data[key] = pd.Series(values, dtype=object if not present else None)
        frames[table] = pd.DataFrame(data)
    return frames
