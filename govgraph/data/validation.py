"""Validation: turn raw CSV cells into typed rows, then check the dataset as a whole.

Every problem is collected (never raised one by one) as a :class:`~govgraph.errors.Problem`
``file:row: column: what is wrong — how to fix it``.

Example:
    >>> from govgraph.data.csvio import RawTable, RawRow
    >>> raw = RawTable("themes.csv", ["id", "name_en", "name_fr", "name_de", "source"],
    ...                [RawRow(2, {"id": "Bad Id", "name_en": "x", "name_fr": "x",
    ...                            "name_de": "x", "source": "https://example.org"})])
    >>> rows, problems = parse_table(raw, TABLES["themes"])
    >>> print(problems[0])
    themes.csv:2: id: 'Bad Id' is not a valid id — use lowercase letters, digits, '-', '_' or '.'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

from govgraph import model
from govgraph.data.csvio import RawTable
from govgraph.data.schema import NODE_NAMESPACES, TABLES, Column, Table
from govgraph.errors import Problem
from govgraph.text import DATASET_FORMULA_PREFIXES, did_you_mean, suggestion

__all__ = ["Row", "check_dataset", "dataset_warnings", "date_key", "parse_date", "parse_table"]

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,127}$")
_LEVEL_ID = re.compile(r"^[A-Z]{2}-[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_COFOG = re.compile(r"^(0[1-9]|10)(\.\d(\.\d)?)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Invisible formatting characters: zero-width spaces and joiners, direction marks, overrides and
#: isolates, word joiners, byte-order marks. In a name they hide or reorder what a reader sees.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_WORD = re.compile(r"\w+")
MIN_YEAR, MAX_YEAR = 800, 2100


@dataclass(frozen=True)
class Row:
    """A typed row of a dataset file: where it came from and its values (None when empty)."""

    file: str
    line: int
    values: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value is None else value


class _CellError(ValueError):
    def __init__(self, message: str, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries) | model.SUPRANATIONAL_CODES


@lru_cache(maxsize=4096)
def _subdivision_country(code: str) -> str | None:
    import pycountry

    found = pycountry.subdivisions.get(code=code)
    return found.country_code if found else None


def parse_date(text: str) -> str:
    """Check a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date and return it unchanged.

    >>> parse_date("2019-01-01")
    '2019-01-01'
    """
    match = _DATE.match(text)
    if not match:
        raise _CellError(f"'{text}' is not a date", "write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _CellError(
            f"year {year} is out of range", f"use a year from {MIN_YEAR} to {MAX_YEAR}"
        )
    try:
        date(year, month, day)
    except ValueError as exc:
        raise _CellError(
            f"'{text}' is not a real date ({exc})", "check the day and month"
        ) from None
    return text


def date_key(text: str, end: bool = False) -> tuple[int, int, int]:
    """Sortable key of a partial date; ``end`` takes the last day of a year or month."""
    year, month, day = (int(g) if g else 0 for g in _DATE.match(text).groups())  # type: ignore[union-attr]
    if end:
        return (year, month or 12, day or 31)
    return (year, month or 1, day or 1)


def _scripts(word: str) -> set[str]:
    """The scripts of the letters of a word (LATIN, CYRILLIC, GREEK…)."""
    import unicodedata

    found = set()
    for char in word:
        if char.isalpha():
            name = unicodedata.name(char, "")
            found.add(name.split(" ", 1)[0] if name else "UNKNOWN")
    return found


def _text(value: str) -> str:
    if _CONTROL.search(value):
        raise _CellError("contains control characters", "delete the invisible characters")
    hidden = _INVISIBLE.search(value)
    if hidden:
        raise _CellError(
            f"contains an invisible formatting character (U+{ord(hidden.group()):04X})",
            "delete it: it hides or reorders the text a reader sees",
        )
    for word in _WORD.findall(value):
        scripts = _scripts(word)
        if len(scripts) > 1:
            raise _CellError(
                f"'{word}' mixes {' and '.join(sorted(s.title() for s in scripts))} letters "
                "(a look-alike character?)",
                "retype the word in one alphabet",
            )
    if value.startswith(DATASET_FORMULA_PREFIXES):
        raise _CellError(
            f"'{value[:20]}' starts like a spreadsheet formula",
            "remove the leading '=', '+' or '@' (or quote the text with an apostrophe)",
        )
    return value


def _url(value: str) -> str:
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in value:
        raise _CellError(
            f"'{value[:60]}' is not an http(s) URL", "write the full https://… address"
        )
    return value


def _source(value: str) -> str:
    value = _text(value)
    for part in (p.strip() for p in value.split(" ; ")):
        if not part:
            raise _CellError("has an empty source between ' ; '", "remove the extra ' ; '")
        lowered = part.lower()
        if lowered.startswith(("http:", "https:")):
            _url(part.split()[0])  # a URL, optionally followed by a description
        elif re.match(r"^[a-z][a-z0-9+.-]*:(?!\s)", lowered) and not lowered.startswith("urn:"):
            scheme = lowered.split(":", 1)[0]
            if scheme in ("javascript", "data", "vbscript", "file"):
                raise _CellError(
                    f"'{part[:40]}' is not an acceptable source",
                    "give an http(s) URL or a legal reference",
                )
    return value


def _country(value: str) -> str:
    if value not in _countries():
        close = did_you_mean(value.upper(), sorted(_countries()))
        fix = f"did you mean '{close}'?" if close and close != value else ""
        raise _CellError(
            f"'{value}' is not an ISO 3166-1 alpha-2 country code",
            fix or "use two capital letters, e.g. FR, DE, LU",
        )
    return value


def _parse_cell(column: Column, value: str) -> Any:
    kind = column.kind
    if kind == "id":
        if not _ID.match(value):
            raise _CellError(
                f"'{value}' is not a valid id", "use lowercase letters, digits, '-', '_' or '.'"
            )
        return value
    if kind == "level_id":
        if not _LEVEL_ID.match(value):
            raise _CellError(f"'{value}' is not a valid level id", "write CC-name, e.g. FR-commune")
        return value
    if kind in ("ref", "refs"):
        parts = [p.strip() for p in value.split(";")] if kind == "refs" else [value]
        if any(not p for p in parts):
            raise _CellError("has an empty item in a ';' list", "remove the extra ';'")
        pattern = _LEVEL_ID if column.ref == "level" else _ID
        for part in parts:
            if not pattern.match(part):
                raise _CellError(
                    f"'{part}' is not a valid id", "use the id exactly as written in its own file"
                )
        return tuple(parts) if kind == "refs" else value
    if kind in ("enum", "reltype"):
        if value not in column.choices:
            close = did_you_mean(value, column.choices)
            hint = f"did you mean '{close}'? " if close else ""
            raise _CellError(
                f"unknown value '{value}'", f"{hint}use one of: {', '.join(column.choices)}"
            )
        return value
    if kind == "countries":
        parts = [p.strip() for p in value.split(";")]
        return tuple(_country(p) for p in parts)
    if kind == "country":
        return _country(value)
    if kind == "subdivision":
        if _subdivision_country(value) is None:
            raise _CellError(
                f"'{value}' is not an ISO 3166-2 subdivision code",
                "write e.g. DE-SL (Saarland) or DE-RP (Rhineland-Palatinate)",
            )
        return value
    if kind == "language":
        if not (re.fullmatch("[a-z]{2}", value) and _is_language(value)):
            raise _CellError(
                f"'{value}' is not an ISO 639-1 language code",
                "write two lowercase letters, e.g. fr, de, nl",
            )
        return value
    if kind == "date":
        return parse_date(value)
    if kind == "int":
        if not re.fullmatch(r"\d{1,12}", value):
            raise _CellError(
                f"'{value}' is not a whole number",
                "write digits only, without spaces, dots or commas",
            )
        return int(value)
    if kind == "float":
        try:
            number = float(value)
        except ValueError:
            raise _CellError(
                f"'{value}' is not a number", "write e.g. 18.5 (dot as decimal mark)"
            ) from None
        if not number >= 0 or number == float("inf"):
            raise _CellError(f"'{value}' is not a positive number", "write e.g. 18.5")
        return number
    if kind == "url":
        return _url(value)
    if kind == "source":
        return _source(value)
    if kind == "yesno":
        lowered = value.lower()
        if lowered not in ("yes", "no", "true", "false"):
            raise _CellError(f"'{value}' is not yes or no", "write yes or no")
        return lowered in ("yes", "true")
    if kind == "cofog":
        if not _COFOG.match(value):
            raise _CellError(
                f"'{value}' is not a COFOG code",
                "write a division, group or class, e.g. 04, 04.5 or 04.5.1",
            )
        return value
    return _text(value)


_NAME_COLUMN = re.compile(r"^name_([a-z]{2})$")


@lru_cache(maxsize=256)
def _is_language(code: str) -> bool:
    import pycountry

    return pycountry.languages.get(alpha_2=code) is not None


def language_columns(table: Table, header: Iterable[str]) -> list[str]:
    """The ``name_<ISO 639-1 code>`` columns of ``header`` beyond the table's own, for a table
    whose rows have names (``name_nl`` for Dutch, ``name_it`` for Italian)."""
    if "name" not in table.columns_by_name:
        return []
    return [
        h
        for h in header
        if h not in table.columns_by_name
        and (match := _NAME_COLUMN.match(h))
        and _is_language(match.group(1))
    ]


def parse_table(raw: RawTable, table: Table) -> tuple[list[Row], list[Problem]]:
    """Check the header of ``raw`` against ``table`` and parse every cell (a name column in any
    ISO 639-1 language is accepted where the table has names)."""
    problems: list[Problem] = []
    known = table.columns_by_name
    languages = language_columns(table, raw.header)
    for header in raw.header:
        if header and header not in known and header not in languages:
            if _NAME_COLUMN.match(header) and "name" in known:
                problems.append(
                    Problem(
                        raw.file,
                        1,
                        header,
                        f"'{header[5:]}' is not an ISO 639-1 language code",
                        "name the column name_ and a two-letter language code, e.g. name_nl",
                    )
                )
                continue
            hint = suggestion(header, known)
            problems.append(
                Problem(
                    raw.file,
                    1,
                    header,
                    "is not a column of this file",
                    hint or f"allowed columns: {', '.join(known)}",
                )
            )
    missing = [c.name for c in table.columns if c.required and c.name not in raw.header]
    for name in missing:
        problems.append(
            Problem(
                raw.file,
                1,
                name,
                "required column is missing",
                "add it to the header (see datasets/README.md)",
            )
        )
    if missing:
        return [], problems
    rows: list[Row] = []
    for raw_row in raw.rows:
        values: dict[str, Any] = {}
        for column in table.columns:
            cell = raw_row.cells.get(column.name, "").strip() or column.default
            if not cell:
                if column.required:
                    problems.append(
                        Problem(
                            raw.file,
                            raw_row.line,
                            column.name,
                            "is empty",
                            "fill it in: this column is required",
                        )
                    )
                values[column.name] = None
                continue
            try:
                values[column.name] = _parse_cell(column, cell)
            except _CellError as exc:
                problems.append(Problem(raw.file, raw_row.line, column.name, exc.message, exc.fix))
                values[column.name] = None
        for column_name in languages:
            cell = raw_row.cells.get(column_name, "").strip()
            try:
                values[column_name] = _parse_cell(Column(column_name), cell) if cell else None
            except _CellError as exc:
                problems.append(Problem(raw.file, raw_row.line, column_name, exc.message, exc.fix))
                values[column_name] = None
        rows.append(Row(raw.file, raw_row.line, values))
    return rows, problems


# --------------------------------------------------------------------------- whole-dataset checks


class _Index:
    """Ids by namespace, with the row that defines each."""

    def __init__(self, tables: dict[str, list[Row]]) -> None:
        self.ids: dict[str, dict[str, Row]] = {ns: {} for ns in NODE_NAMESPACES}
        self.problems: list[Problem] = []
        first_seen: dict[str, tuple[str, Row]] = {}
        collapsed: dict[str, tuple[str, Row]] = {}
        for table in TABLES.values():
            if not table.id_namespace:
                continue
            for row in tables.get(table.name, []):
                node_id = row["id"]
                if node_id is None:
                    continue
                if node_id in first_seen:
                    ns, first = first_seen[node_id]
                    self.problems.append(
                        Problem(
                            row.file,
                            row.line,
                            "id",
                            f"'{node_id}' is already used",
                            f"ids must be unique; {first.file}:{first.line} uses it for a {ns}",
                        )
                    )
                    continue
                squashed = re.sub(r"[_.]", "-", node_id)
                if squashed in collapsed:
                    other_id, other = collapsed[squashed]
                    self.problems.append(
                        Problem(
                            row.file,
                            row.line,
                            "id",
                            f"'{node_id}' differs from '{other_id}' only by "
                            "'-', '_' or '.' separators",
                            f"use one spelling ({other.file}:{other.line} has the other)",
                        )
                    )
                collapsed[squashed] = (node_id, row)
                first_seen[node_id] = (table.id_namespace, row)
                self.ids[table.id_namespace][node_id] = row

    def namespace_of(self, node_id: str) -> str | None:
        for ns, ids in self.ids.items():
            if node_id in ids:
                return ns
        return None

    def label_of(self, node_id: str) -> model.Label | None:
        ns = self.namespace_of(node_id)
        return NODE_NAMESPACES[ns] if ns else None


def _check_refs(tables: dict[str, list[Row]], index: _Index) -> Iterator[Problem]:
    node_namespaces = ("actor", "territory", "initiative")
    for table in TABLES.values():
        for column in table.columns:
            if column.kind not in ("ref", "refs"):
                continue
            for row in tables.get(table.name, []):
                value = row[column.name]
                if value is None:
                    continue
                for ref in value if isinstance(value, tuple) else (value,):
                    spaces = node_namespaces if column.ref == "node" else (column.ref,)
                    if any(ref in index.ids[ns] for ns in spaces):
                        continue
                    candidates = [i for ns in spaces for i in index.ids[ns]]
                    what = "actor, territory or initiative" if column.ref == "node" else column.ref
                    hint = suggestion(ref, candidates)
                    yield Problem(
                        row.file,
                        row.line,
                        column.name,
                        f"unknown {what} '{ref}'",
                        hint or f"add the {what} to its file, or correct the id",
                    )


def _check_relations(rows: list[Row], index: _Index) -> Iterator[Problem]:
    seen: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        start, rel, end = row["from_id"], row["type"], row["to_id"]
        if None in (start, rel, end):
            continue
        rel_type = model.RelType(rel)
        if start == end:
            yield Problem(
                row.file,
                row.line,
                "to_id",
                f"'{start}' is linked to itself",
                "a relation needs two different nodes",
            )
            continue
        allowed_from, allowed_to = model.ENDPOINTS[rel_type]
        start_label, end_label = index.label_of(start), index.label_of(end)
        if start_label and start_label not in allowed_from:
            yield Problem(
                row.file,
                row.line,
                "from_id",
                f"{rel} cannot start at {start_label} '{start}'",
                f"{rel} goes from {'/'.join(sorted(allowed_from))} "
                f"to {'/'.join(sorted(allowed_to))}",
            )
        if end_label and end_label not in allowed_to:
            yield Problem(
                row.file,
                row.line,
                "to_id",
                f"{rel} cannot end at {end_label} '{end}'",
                f"{rel} goes from {'/'.join(sorted(allowed_from))} "
                f"to {'/'.join(sorted(allowed_to))}",
            )
        ends = tuple(sorted((start, end))) if rel_type in model.SYMMETRIC else (start, end)
        key = (rel, *ends, row["theme"], row["role"], row["valid_from"])
        if key in seen:
            first = seen[key]
            yield Problem(
                row.file,
                row.line,
                "",
                f"repeats the {rel} relation of line {first.line}",
                "delete the duplicate row, or give it another role, theme or date",
            )
        else:
            seen[key] = row


def _repeated(rows: list[Row], what: str, fix: str) -> Iterator[Problem]:
    """A row with the same actor, competence and valid_from as an earlier one."""
    seen: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        key = (row["actor"], row["competence"], row["valid_from"])
        if None in key[:2]:
            continue
        if key in seen:
            yield Problem(
                row.file, row.line, "competence", f"repeats {what} of line {seen[key].line}", fix
            )
        else:
            seen[key] = row


def _check_holdings(rows: list[Row]) -> Iterator[Problem]:
    for row in rows:
        if row["status"] != "denied" and row["role"] is None:
            yield Problem(
                row.file,
                row.line,
                "role",
                "is empty",
                f"give the role ({', '.join(model.ROLES)}), or set status to denied",
            )
    yield from _repeated(rows, "the holding", "keep one row per actor, competence and valid_from")


def _check_exercises(rows: list[Row]) -> Iterator[Problem]:
    for row in rows:
        actor, formal = row["actor"], row["on_behalf_of"] or ()
        if actor is not None and actor in formal:
            yield Problem(
                row.file,
                row.line,
                "on_behalf_of",
                f"names the body itself ('{actor}')",
                "give the actor(s) that formally hold the competence the body exercises",
            )
    yield from _repeated(
        rows,
        "the row",
        "keep one row per body, competence and valid_from; list every formal holder in "
        "on_behalf_of",
    )


def _check_allocations(rows: list[Row], levels: dict[str, Row]) -> Iterator[Problem]:
    seen: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        level = levels.get(row["level"] or "")
        if level is not None and row["country"] and level["country"] != row["country"]:
            yield Problem(
                row.file,
                row.line,
                "level",
                f"level '{row['level']}' belongs to {level['country']}, not {row['country']}",
                "use a level of the row's country",
            )
        sub = row["subdivision"]
        if sub and row["country"] and _subdivision_country(sub) != row["country"]:
            yield Problem(
                row.file,
                row.line,
                "subdivision",
                f"'{sub}' is not a subdivision of {row['country']}",
                "use a subdivision code that starts with the country code",
            )
        partners = row["partners"] or ()
        if row["country"] in partners:
            yield Problem(
                row.file,
                row.line,
                "partners",
                f"lists the row's own country {row['country']}",
                "list only the countries on the other side of the border the row applies to",
            )
        if not row["legal_basis"] and row["confidence"] == "high":
            yield Problem(
                row.file,
                row.line,
                "legal_basis",
                "is empty but confidence is high",
                "give the statute or article, or, when the source states the allocation "
                "without citing one, set confidence to medium or low",
            )
        key = (row["country"], sub, row["level"], row["competence"], tuple(sorted(partners)))
        if key in seen:
            yield Problem(
                row.file,
                row.line,
                "competence",
                f"repeats the allocation of line {seen[key].line}",
                "keep one row per country, subdivision, level, competence and partners",
            )
        else:
            seen[key] = row


def _check_actors(rows: list[Row], levels: dict[str, Row]) -> Iterator[Problem]:
    for row in rows:
        countries = row["country"] or ()
        level = levels.get(row["level"] or "")
        if level is not None and countries and level["country"] not in countries:
            country_levels = sorted(i for i, lv in levels.items() if lv["country"] in countries)
            yield Problem(
                row.file,
                row.line,
                "level",
                f"{'/'.join(countries)} has no level '{row['level']}'",
                f"use one of: {', '.join(country_levels) or '(none defined)'}",
            )
        sub = row["subdivision"]
        if sub and countries and _subdivision_country(sub) not in countries:
            yield Problem(
                row.file,
                row.line,
                "subdivision",
                f"'{sub}' is not a subdivision of {'/'.join(countries)}",
                "use a subdivision code that starts with the actor's country code",
            )


def _check_row_rules(tables: dict[str, list[Row]]) -> Iterator[Problem]:
    for rows in tables.values():
        for row in rows:
            start, end = row["valid_from"], row["valid_to"]
            if start and end and date_key(start) > date_key(end, end=True):
                yield Problem(
                    row.file,
                    row.line,
                    "valid_to",
                    f"{end} is before valid_from {start}",
                    "swap the two dates or correct one",
                )
            if row["code"] and not row["code_scheme"]:
                yield Problem(
                    row.file,
                    row.line,
                    "code_scheme",
                    "is empty but code is given",
                    f"say which scheme the code is in: {', '.join(model.CODE_SCHEMES)}",
                )


def _check_cycles(rows: list[Row], column: str, what: str) -> Iterator[Problem]:
    parents: dict[str, tuple[str, ...]] = {}
    by_id: dict[str, Row] = {}
    for row in rows:
        if row["id"] is None or row[column] is None:
            continue
        value = row[column]
        parents[row["id"]] = value if isinstance(value, tuple) else (value,)
        by_id[row["id"]] = row
    reported: set[frozenset[str]] = set()
    state: dict[str, int] = {}
    for start in sorted(parents):
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(parents.get(start, ())))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            if state.get(child) == 1:
                cycle = path[path.index(child) :] + [child]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    row = by_id[cycle[0]]
                    yield Problem(
                        row.file,
                        row.line,
                        column,
                        f"{what} cycle: {' → '.join(cycle)}",
                        f"a {what} chain must end at a top element; remove one link",
                    )
            elif not state.get(child) and child in parents:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(parents[child])))


def dataset_warnings(tables: dict[str, list[Row]]) -> list[Problem]:
    """What a valid dataset should still mend: a fact it may state, but a reader cannot weigh
    (a population without the date of its figure)."""
    return [
        Problem(
            row.file,
            row.line,
            "population_date",
            "is empty but population is given (the figure is read as undated)",
            "give the reference date of the population figure",
        )
        for row in tables.get("territories", [])
        if row["population"] is not None and not row["population_date"]
    ]


def check_dataset(tables: dict[str, list[Row]]) -> list[Problem]:
    """Every cross-row problem of a dataset whose cells have been parsed."""
    index = _Index(tables)
    problems = list(index.problems)
    levels = index.ids["level"]
    problems += _check_refs(tables, index)
    problems += _check_relations(tables.get("relations", []), index)
    problems += _check_holdings(tables.get("holdings", []))
    problems += _check_exercises(tables.get("exercises", []))
    problems += _check_allocations(tables.get("allocations", []), levels)
    problems += _check_actors(tables.get("actors", []), levels)
    problems += _check_row_rules(tables)
    problems += _check_cycles(tables.get("territories", []), "part_of", "PART_OF")
    problems += _check_cycles(tables.get("competences", []), "parent", "competence parent")
    problems += _check_cycles(tables.get("initiatives", []), "part_of", "initiative part_of")
    return problems
