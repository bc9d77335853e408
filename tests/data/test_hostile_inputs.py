"""The hostile-input corpus: spreadsheets edited by many hands. Every input gets a clear error
(file, row, column, fix) or is handled correctly — never a traceback, never a hang — through the
library and through the CLI; plus property-based tests that generate more."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINIMAL, REFERENCE, read_rows, write_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govgraph.cli import main
from govgraph.data.csvio import MAX_FILE_BYTES, read_csv
from govgraph.data.dataset import read_dataset
from govgraph.errors import DatasetError


def set_cell(file: str, index: int, column: str, value: str) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        rows = read_rows(folder / file)
        header = list(rows[0]) + ([column] if column not in rows[0] else [])
        rows[index][column] = value
        write_rows(folder / file, rows, header)

    return mutate


def raw(file: str, data: bytes) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        (folder / file).write_bytes(data)

    return mutate


def add_actor(**cells: str) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        rows = read_rows(folder / "actors.csv")
        base = dict(rows[0])
        base.update(cells)
        rows.append(base)
        write_rows(folder / "actors.csv", rows)

    return mutate


def symlink_loop(folder: Path) -> None:
    (folder / "holdings.csv").unlink()
    os.symlink("holdings.csv", folder / "holdings.csv")


HEADER = b"id,name,kind,countries,source\n"

#: (mutation, file, column, words of the message) for each hostile input that must be refused.
REFUSED: dict[str, tuple[Callable[[Path], None], str, str, str]] = {
    "tab-separated": (
        raw("initiatives.csv", b"id\tname\tkind\nx\ty\tproject\n"),
        "initiatives.csv",
        "",
        "separated by tabs",
    ),
    "mixed encodings": (
        raw(
            "initiatives.csv",
            HEADER
            + "x-1,Café,project,FR,https://a.b\n".encode()
            + "y-2,Caf\xe9,project,FR,https://a.b\n".encode("latin-1"),
        ),
        "initiatives.csv",
        "",
        "is not UTF-8",
    ),
    "NUL bytes": (
        raw("initiatives.csv", HEADER + b"x-1,Tr\x00ail,project,FR,https://a.b\n"),
        "initiatives.csv",
        "",
        "NUL bytes",
    ),
    "formula injection": (
        set_cell("actors.csv", 0, "note", "=cmd|' /C calc'!A0"),
        "actors.csv",
        "note",
        "spreadsheet formula",
    ),
    "at-sign formula": (
        set_cell("actors.csv", 0, "name", "@SUM(A1:A9)"),
        "actors.csv",
        "name",
        "spreadsheet formula",
    ),
    "right-to-left override": (
        set_cell("actors.csv", 0, "name", "Apach\u202egnp.exe"),
        "actors.csv",
        "name",
        "invisible formatting character (U+202E)",
    ),
    "right-to-left mark": (
        set_cell("actors.csv", 1, "name", "Communauté\u200f"),
        "actors.csv",
        "name",
        "invisible formatting character (U+200F)",
    ),
    "zero-width space": (
        set_cell("actors.csv", 2, "name", "Gemeinde\u200bPerl"),
        "actors.csv",
        "name",
        "U+200B",
    ),
    "Cyrillic look-alike": (
        set_cell("actors.csv", 0, "name", "Commune d'\u0410pach"),
        "actors.csv",
        "name",
        "mixes Cyrillic and Latin letters",
    ),
    "ids that collide after normalisation": (
        add_actor(id="fr_apach"),
        "actors.csv",
        "id",
        "differs from 'fr-apach' only by",
    ),
    "PART_OF to itself": (
        set_cell("territories.csv", 0, "part_of", "t-fr"),
        "territories.csv",
        "part_of",
        "PART_OF cycle: t-fr → t-fr",
    ),
    "self-link": (
        set_cell("relations.csv", 0, "to_id", "fr-apach"),
        "relations.csv",
        "to_id",
        "is linked to itself",
    ),
    "date in the future": (
        set_cell("relations.csv", 3, "valid_from", "3024-01-01"),
        "relations.csv",
        "valid_from",
        "year 3024 is out of range",
    ),
    "date as text": (
        set_cell("relations.csv", 3, "valid_from", "22 May 2022"),
        "relations.csv",
        "valid_from",
        "is not a date",
    ),
    "number with a thousands separator": (
        set_cell("territories.csv", 4, "population", "1 071"),
        "territories.csv",
        "population",
        "not a whole number",
    ),
    "number as words": (
        set_cell("territories.csv", 4, "area_km2", "twelve"),
        "territories.csv",
        "area_km2",
        "is not a number",
    ),
    "empty manifest": (raw("manifest.json", b"  \n"), "manifest.json", "", "is empty"),
    "manifest that is a list": (
        raw("manifest.json", b"[]"),
        "manifest.json",
        "",
        "must be a JSON object",
    ),
    "symlink loop": (symlink_loop, "holdings.csv", "", "cannot be read"),
    "huge cell": (
        raw(
            "initiatives.csv", HEADER + b'x-1,"' + b"a" * 2_000_000 + b'",project,FR,https://a.b\n'
        ),
        "initiatives.csv",
        "",
        "longer than 100000 characters",
    ),
    "binary file": (raw("relations.csv", bytes(range(256)) * 40), "relations.csv", "", "NUL bytes"),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "hostile"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile_input_is_refused_with_file_row_column_and_fix(case: str, folder: Path):
    mutate, file, column, words = REFUSED[case]
    mutate(folder)
    with pytest.raises(DatasetError) as caught:
        read_dataset(folder, reference=REFERENCE)
    matching = [p for p in caught.value.problems if p.file.endswith(file) and words in p.message]
    assert matching, [str(p) for p in caught.value.problems]
    problem = matching[0]
    assert problem.column == column
    assert problem.fix  # every problem says how to fix it
    result = CliRunner().invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert words in result.output


def test_quotes_commas_and_newlines_inside_cells_are_kept(folder: Path):
    text = 'He said "hello, world",\nthen — left; twice'
    set_cell("actors.csv", 0, "note", text)(folder)
    dataset = read_dataset(folder, reference=REFERENCE)
    assert dataset.tables["actors"][0]["note"] == text


def test_byte_order_mark_and_windows_line_endings_are_accepted(folder: Path):
    path = folder / "actors.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert len(read_dataset(folder, reference=REFERENCE).tables["actors"]) == 6


def test_same_names_in_different_scripts_are_fine(folder: Path):
    set_cell("actors.csv", 0, "name_en", "Апач")(folder)  # a whole word in Cyrillic
    assert read_dataset(folder, reference=REFERENCE).tables["actors"][0]["name_en"] == "Апач"


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path):
    path = tmp_path / "actors.csv"
    with path.open("wb") as handle:  # a sparse file: no disk or memory is used
        handle.truncate(MAX_FILE_BYTES + 1)
    table = read_csv(path)
    assert table.rows == [] and "over the limit" in table.problems[0].message


# ------------------------------------------------------------------ generated inputs


def _check_never_crashes(folder: Path) -> None:
    try:
        read_dataset(folder, reference=REFERENCE)
    except DatasetError as exc:
        for problem in exc.problems:
            assert problem.file and problem.message
            assert str(problem)


@settings(
    max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_any_bytes_in_a_file_give_problems_not_crashes(data: bytes, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bytes") / "d"
    shutil.copytree(MINIMAL, folder)
    (folder / "relations.csv").write_bytes(data)
    _check_never_crashes(folder)


@settings(
    max_examples=80, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cell=st.text(max_size=60),
    column=st.sampled_from(
        [
            "id",
            "name",
            "kind",
            "country",
            "subdivision",
            "level",
            "territory",
            "website",
            "valid_from",
            "valid_to",
            "source",
            "confidence",
            "note",
        ]
    ),
)
def test_any_text_in_any_cell_gives_problems_not_crashes(cell: str, column: str, tmp_path_factory):
    folder = tmp_path_factory.mktemp("cells") / "d"
    shutil.copytree(MINIMAL, folder)
    rows = read_rows(folder / "actors.csv")
    rows[0][column] = cell
    write_rows(folder / "actors.csv", rows)
    _check_never_crashes(folder)


@settings(
    max_examples=40, deadline=3000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.lists(
            st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12), max_size=6
        ),
        max_size=8,
    )
)
def test_ragged_generated_tables_give_problems_not_crashes(rows, tmp_path_factory):
    import csv
    import io

    folder = tmp_path_factory.mktemp("ragged") / "d"
    shutil.copytree(MINIMAL, folder)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["from_id", "type", "to_id", "source"])
    writer.writerows(rows)
    (folder / "relations.csv").write_text(buffer.getvalue(), encoding="utf-8")
    _check_never_crashes(folder)
