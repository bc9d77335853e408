"""Reading dataset CSV files strictly: encoding, delimiter, shape (cell meaning: validation).

Example:
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "themes.csv"
    >>> _ = p.write_text("id,name_en\\nmobility,Mobility\\n", encoding="utf-8")
    >>> table = read_csv(p)
    >>> table.header, table.rows[0].line, table.rows[0].cells, table.problems
    (['id', 'name_en'], 2, {'id': 'mobility', 'name_en': 'Mobility'}, [])
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from govgraph.errors import Problem

__all__ = ["MAX_CELL_CHARS", "MAX_FILE_BYTES", "RawRow", "RawTable", "read_csv"]

#: Longest cell accepted, in characters (a name, a note or a list of sources fits easily).
MAX_CELL_CHARS = 100_000
#: Largest file accepted, in bytes.
MAX_FILE_BYTES = 2_000_000_000

_SAVE_AS = "save the file as 'CSV UTF-8 (comma delimited)'"


@dataclass
class RawRow:
    """A data row: the line it starts on and its cells by column name (empty cells as '')."""

    line: int
    cells: dict[str, str]


@dataclass
class RawTable:
    """What a CSV file holds, before interpretation, and the problems met reading it."""

    file: str
    header: list[str] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _decode(data: bytes, name: str, table: RawTable) -> str | None:
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        table.problems.append(
            Problem(name, line, "", "contains NUL bytes: this is not a CSV text file", _SAVE_AS)
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex()
        table.problems.append(
            Problem(
                name,
                line,
                "",
                f"is not UTF-8 (byte 0x{byte}; Latin-1 or Windows-1252?)",
                "re-encode the file as UTF-8, e.g. " + _SAVE_AS,
            )
        )
        return None


def read_csv(path: Path, display_name: str | None = None) -> RawTable:
    """Read ``path`` as a UTF-8, comma-separated file with a header row.

    Never raises for bad content: every problem is recorded in the returned table.
    """
    name = display_name or path.name
    table = RawTable(name)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            table.problems.append(
                Problem(
                    name,
                    0,
                    "",
                    f"is {size} bytes, over the limit of {MAX_FILE_BYTES}",
                    "split the dataset into smaller ones",
                )
            )
            return table
        data = path.read_bytes()
    except OSError as exc:
        table.problems.append(
            Problem(
                name,
                0,
                "",
                f"cannot be read ({exc.strerror})",
                "check that the file exists and is readable",
            )
        )
        return table
    text = _decode(data, name, table)
    if text is None:
        return table
    if not text.strip():
        table.problems.append(
            Problem(name, 0, "", "is empty", "add the header row (see datasets/README.md)")
        )
        return table
    _parse(text, table)
    return table


def _parse(text: str, table: RawTable) -> None:
    name = table.file
    csv.field_size_limit(max(MAX_CELL_CHARS * 4, 1_000_000))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        table.problems.append(
            Problem(name, 1, "", f"header row is not valid CSV ({exc})", _SAVE_AS)
        )
        return
    header = [h.strip() for h in header]
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        delimiter = "semicolons" if ";" in header[0] else "tabs"
        table.problems.append(
            Problem(
                name,
                1,
                "",
                f"columns are separated by {delimiter}, not commas",
                _SAVE_AS + " (or replace the delimiter with ',')",
            )
        )
        return
    seen: set[str] = set()
    for column in header:
        if not column:
            table.problems.append(
                Problem(
                    name,
                    1,
                    "",
                    "has an empty column name in the header",
                    "name the column or delete it",
                )
            )
        elif column in seen:
            table.problems.append(
                Problem(
                    name, 1, column, "appears twice in the header", "delete one of the two columns"
                )
            )
        seen.add(column)
    table.header = header
    width = len(header)
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                table.problems.append(
                    Problem(
                        name,
                        line,
                        "",
                        f"has a cell longer than {MAX_CELL_CHARS} characters",
                        "shorten it; put long texts in a document and cite it",
                    )
                )
            else:
                table.problems.append(
                    Problem(
                        name,
                        line,
                        "",
                        f"is not valid CSV ({exc})",
                        "close the quotes of the cell, or " + _SAVE_AS,
                    )
                )
            return
        if not cells or all(not c.strip() for c in cells):
            line = reader.line_num + 1
            continue
        if len(cells) != width:
            table.problems.append(
                Problem(
                    name,
                    line,
                    "",
                    f"has {len(cells)} cells but the header has {width}",
                    "quote cells that contain commas, and give every row the header's columns",
                )
            )
        else:
            too_long = [h for h, c in zip(header, cells, strict=True) if len(c) > MAX_CELL_CHARS]
            for column in too_long:
                table.problems.append(
                    Problem(
                        name,
                        line,
                        column,
                        f"cell is longer than {MAX_CELL_CHARS} characters",
                        "shorten it; put long texts in a document and cite it",
                    )
                )
            if not too_long:
                table.rows.append(RawRow(line, dict(zip(header, cells, strict=True))))
        line = reader.line_num + 1
