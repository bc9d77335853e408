"""Rendering plain data as a text table, JSON or CSV (safe to open in a spreadsheet).

Example:
    >>> print(render([{"id": "fr-apach", "name": "Apach"}], "table"))
    id        name
    --------  -----
    fr-apach  Apach
    >>> render([{"name": "=cmd|' /C calc'!A0"}], "csv").splitlines()[1]
    "'=cmd|' /C calc'!A0"
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from govgraph.text import FORMULA_PREFIXES, cell_text

__all__ = ["FORMATS", "csv_text", "json_text", "neutralise_formula", "render", "table_text"]

FORMATS = ("table", "json", "csv")


def _cell(value: Any) -> str:
    return cell_text(value, separator="; ", digits=4)


def neutralise_formula(text: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with an apostrophe."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _columns(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None) -> list[str]:
    if columns:
        return list(columns)
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def table_text(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """A plain fixed-width table with a header and a rule."""
    cols = _columns(rows, columns)
    cells = [[_cell(row.get(c)).replace("\n", " ") for c in cols] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def csv_text(rows: Iterable[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """CSV with formulas neutralised."""
    rows = list(rows)
    cols = _columns(rows, columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow([neutralise_formula(_cell(row.get(c))) for c in cols])
    return buffer.getvalue().rstrip("\n")


def json_text(data: Any) -> str:
    """Indented JSON, keys in insertion order, non-ASCII kept."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """``rows`` in ``fmt`` (table, json or csv)."""
    if fmt == "json":
        return json_text(list(rows))
    if fmt == "csv":
        return csv_text(rows, columns)
    return table_text(rows, columns)
