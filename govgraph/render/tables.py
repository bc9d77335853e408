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
import textwrap
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from typing import Any

from govgraph.text import FORMULA_PREFIXES, cell_text

__all__ = [
    "FORMATS",
    "TABLE_WIDTH",
    "csv_text",
    "json_text",
    "neutralise_formula",
    "prose",
    "render",
    "table_text",
]

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


#: The width tables must fit, or None for no limit. The CLI sets it from the terminal (or
#: COLUMNS) unless --wide is given; the library leaves it unset.
TABLE_WIDTH: ContextVar[int | None] = ContextVar("TABLE_WIDTH", default=None)
#: The narrowest a column is wrapped to.
MIN_COLUMN = 12


def _fit(widths: list[int], heads: list[str], limit: int) -> tuple[list[int], int]:
    """Column widths that fit ``limit`` (the widest shrunk first, down to their header or
    ``MIN_COLUMN``), and how many leading columns are kept when even that is too wide."""
    widths = list(widths)
    floor = [max(min(len(h), 20), MIN_COLUMN) for h in heads]
    floor = [min(f, w) for f, w in zip(floor, widths, strict=True)]

    def total(ws: list[int]) -> int:
        return sum(ws) + 2 * (len(ws) - 1)

    while total(widths) > limit:
        widest = max(range(len(widths)), key=lambda i: widths[i] - floor[i])
        if widths[widest] <= floor[widest]:
            break
        widths[widest] -= 1
    kept = len(widths)
    while kept > 1 and total(widths[:kept]) > limit:
        kept -= 1
    return widths, kept


def table_text(
    rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None, width: int | None = None
) -> str:
    """A plain fixed-width table with a header and a rule. With ``width`` (default
    ``TABLE_WIDTH``), long cells wrap onto more lines so that every line fits, and the last
    columns are left out (with a note) when even wrapped they do not."""
    cols = _columns(rows, columns)
    cells = [[_cell(row.get(c)).replace("\n", " ") for c in cols] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    limit = width if width is not None else TABLE_WIDTH.get()
    if not limit or sum(widths) + 2 * (len(widths) - 1) <= limit:
        lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += [
            "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells
        ]
        return "\n".join(lines)
    widths, kept = _fit(widths, cols, limit)
    cols, widths = cols[:kept], widths[:kept]

    def block(values: list[str]) -> list[str]:
        wrapped = [
            textwrap.wrap(v, w, break_on_hyphens=False) or [""]
            for v, w in zip(values, widths, strict=False)
        ]
        height = max(len(w) for w in wrapped)
        return [
            "  ".join(
                (w[i] if i < len(w) else "").ljust(width_)
                for w, width_ in zip(wrapped, widths, strict=True)
            ).rstrip()
            for i in range(height)
        ]

    lines = block(cols) + ["  ".join("-" * w for w in widths)]
    for row in cells:
        lines += block(row[:kept])
    if kept < len(_columns(rows, columns)):
        left = _columns(rows, columns)[kept:]
        note = f"({len(left)} more column(s): {', '.join(left)}; --wide shows them)"
        lines += textwrap.wrap(note, limit)
    return "\n".join(lines)


def prose(line: str, indent: str = "   ") -> str:
    """A line of text wrapped to ``TABLE_WIDTH`` (continuation lines indented), or as is."""
    limit = TABLE_WIDTH.get()
    if not limit or len(line) <= limit:
        return line
    return textwrap.fill(line, limit, subsequent_indent=indent, break_on_hyphens=False)


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
