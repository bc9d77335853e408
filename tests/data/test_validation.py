"""One broken copy of the minimal dataset per validation rule, each asserting the exact message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL as MINIMAL_DATASET
from conftest import read_rows, write_rows

from govgraph.data.dataset import read_dataset
from govgraph.data.validation import date_key, parse_date
from govgraph.errors import DatasetError


def edit(file: str, index: int, column: str, value: str) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        rows = read_rows(folder / file)
        rows[index][column] = value
        write_rows(folder / file, rows)

    return mutate


def append(file: str, **cells: str) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        rows = read_rows(folder / file)
        header = list(rows[0])
        rows.append({h: cells.get(h, "") for h in header})
        write_rows(folder / file, rows, header)

    return mutate


def rename_column(file: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        path = folder / file
        lines = path.read_text(encoding="utf-8").split("\n", 1)
        header = ",".join(new if c == old else c for c in lines[0].split(","))
        path.write_text(header + "\n" + lines[1], encoding="utf-8")

    return mutate


def drop_column(file: str, column: str) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        rows = read_rows(folder / file)
        header = [h for h in rows[0] if h != column]
        write_rows(folder / file, [{h: r[h] for h in header} for r in rows], header)

    return mutate


def write_bytes(file: str, data: bytes) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        (folder / file).write_bytes(data)

    return mutate


def delete(file: str) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        (folder / file).unlink()

    return mutate


# Actor rows: 0 fr-apach, 1 CC B3F, 2 de-perl, 3 LK Merzig-Wadern, 4 lu-schengen, 5 lu-government.
# Line numbers in messages: row index i is on line i + 2.
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "missing required file": (
        delete("actors.csv"),
        "{d}/actors.csv: is missing — create it with its header row (see datasets/README.md)",
    ),
    "missing column": (
        drop_column("actors.csv", "kind"),
        "{d}/actors.csv:1: kind: required column is missing — add it to the header "
        "(see datasets/README.md)",
    ),
    "unknown column with suggestion": (
        rename_column("actors.csv", "website", "webiste"),
        "{d}/actors.csv:1: webiste: is not a column of this file — did you mean 'website'?",
    ),
    "duplicate id": (
        edit("actors.csv", 2, "id", "fr-apach"),
        "{d}/actors.csv:4: id: 'fr-apach' is already used — ids must be unique; "
        "{d}/actors.csv:2 uses it for a actor",
    ),
    "id used by another kind of node": (
        edit("actors.csv", 2, "id", "t-fr-apach"),
        "{d}/actors.csv:4: id: 't-fr-apach' is already used — ids must be unique; "
        "{d}/territories.csv:6 uses it for a territory",
    ),
    "dangling relation with did-you-mean": (
        edit("relations.csv", 0, "to_id", "fr-cc-bouzonvillois-trois-frontiere"),
        "{d}/relations.csv:2: to_id: unknown actor, territory or initiative "
        "'fr-cc-bouzonvillois-trois-frontiere' — did you mean "
        "'fr-cc-bouzonvillois-trois-frontieres'?",
    ),
    "holding of an unknown competence": (
        edit("holdings.csv", 0, "competence", "waste_colection"),
        "{d}/holdings.csv:2: competence: unknown competence 'waste_colection' — did you mean "
        "'waste_collection'?",
    ),
    "level the country does not have": (
        edit("actors.csv", 0, "level", "DE-gemeinde"),
        "{d}/actors.csv:2: level: FR has no level 'DE-gemeinde' — use one of: FR-commune, FR-epci",
    ),
    "unknown level": (
        edit("actors.csv", 0, "level", "FR-comune"),
        "{d}/actors.csv:2: level: unknown level 'FR-comune' — did you mean 'FR-commune'?",
    ),
    "unknown kind": (
        edit("actors.csv", 0, "kind", "municipalty"),
        "{d}/actors.csv:2: kind: unknown value 'municipalty' — did you mean 'municipality'? "
        "use one of: municipality, intermunicipal_body, county, region, federated_state, "
        "national_government, ministry, state_agency, deconcentrated_state_service, "
        "special_purpose_body, social_security_body, public_establishment, public_company, "
        "cross_border_body, association, programme_authority",
    ),
    "unknown relationship type": (
        edit("relations.csv", 0, "type", "GOVERNS"),
        "{d}/relations.csv:2: type: unknown value 'GOVERNS' — use one of: BORDERS, MEMBER_OF, "
        "SUPERVISED_BY, FUNDS, COOPERATES_WITH, PARTICIPATES_IN",
    ),
    "unknown role": (
        edit("holdings.csv", 0, "role", "main"),
        "{d}/holdings.csv:2: role: unknown value 'main' — use one of: exclusive, shared, "
        "delegated, support, liaison",
    ),
    "bad country code": (
        edit("actors.csv", 0, "country", "FRA"),
        "{d}/actors.csv:2: country: 'FRA' is not an ISO 3166-1 alpha-2 country code — did you "
        "mean 'FR'?",
    ),
    "impossible date": (
        edit("relations.csv", 3, "valid_from", "2022-02-30"),
        "{d}/relations.csv:5: valid_from: '2022-02-30' is not a real date (day is out of range "
        "for month) — check the day and month",
    ),
    "date out of range": (
        edit("relations.csv", 3, "valid_from", "0022-05-22"),
        "{d}/relations.csv:5: valid_from: year 22 is out of range — use a year from 800 to 2100",
    ),
    "PART_OF cycle": (
        edit("territories.csv", 2, "part_of", "t-lu-schengen"),
        "{d}/territories.csv:4: part_of: PART_OF cycle: t-lu → t-lu-schengen → t-lu — "
        "a PART_OF chain must end at a top element; remove one link",
    ),
    "missing source": (
        edit("actors.csv", 0, "source", ""),
        "{d}/actors.csv:2: source: is empty — fill it in: this column is required",
    ),
    "javascript source": (
        edit("actors.csv", 0, "source", "javascript:alert(1)"),
        "{d}/actors.csv:2: source: 'javascript:alert(1)' is not an acceptable source — give an "
        "http(s) URL or a legal reference",
    ),
    "relation endpoint of the wrong kind": (
        edit("relations.csv", 0, "from_id", "t-fr-apach"),
        "{d}/relations.csv:2: from_id: MEMBER_OF cannot start at Territory 't-fr-apach' — "
        "MEMBER_OF goes from Actor to Actor",
    ),
    "self link": (
        edit("relations.csv", 1, "to_id", "t-fr-apach"),
        "{d}/relations.csv:3: to_id: 't-fr-apach' is linked to itself — a relation needs two "
        "different nodes",
    ),
    "duplicate symmetric relation": (
        append(
            "relations.csv",
            from_id="t-de-perl",
            type="BORDERS",
            to_id="t-fr-apach",
            source="https://de.wikipedia.org/wiki/Apach",
        ),
        "{d}/relations.csv:6: repeats the BORDERS relation of line 3 — delete the duplicate row, "
        "or give it another role, theme or date",
    ),
    "valid_to before valid_from": (
        edit("relations.csv", 3, "valid_to", "2021"),
        "{d}/relations.csv:5: valid_to: 2021 is before valid_from 2022-05-22 — swap the two dates "
        "or correct one",
    ),
    "number written as text": (
        edit("territories.csv", 4, "population", "1,071"),
        "{d}/territories.csv:6: population: '1,071' is not a whole number — write digits only, "
        "without spaces, dots or commas",
    ),
    "holding without role": (
        edit("holdings.csv", 0, "role", ""),
        "{d}/holdings.csv:2: role: is empty — give the role (exclusive, shared, delegated, "
        "support, liaison), or set status to denied",
    ),
    "subdivision of another country": (
        edit("actors.csv", 0, "subdivision", "DE-SL"),
        "{d}/actors.csv:2: subdivision: 'DE-SL' is not a subdivision of FR — use a subdivision "
        "code that starts with the actor's country code",
    ),
    "formula in a name": (
        edit("actors.csv", 0, "name", '=HYPERLINK("http://x")'),
        "{d}/actors.csv:2: name: '=HYPERLINK(\"http://x' starts like a spreadsheet formula — "
        "remove the leading '=', '+' or '@' (or quote the text with an apostrophe)",
    ),
    "bad website": (
        edit("actors.csv", 0, "website", "www.apach.fr"),
        "{d}/actors.csv:2: website: 'www.apach.fr' is not an http(s) URL — write the full "
        "https://… address",
    ),
    "code without scheme": (
        edit("territories.csv", 4, "code_scheme", ""),
        "{d}/territories.csv:6: code_scheme: is empty but code is given — say which scheme the "
        "code is in: INSEE, SIREN, AGS, ARS, NIS, BFS, ISTAT, INE, GKZ, CBS, TERYT, LAU, NUTS, "
        "ISO3166-1, ISO3166-2, OTHER",
    ),
    "semicolon-separated file": (
        write_bytes("actors.csv", b"id;name;kind\nfr-apach;Apach;municipality\n"),
        "{d}/actors.csv:1: columns are separated by semicolons, not commas — save the file as "
        "'CSV UTF-8 (comma delimited)' (or replace the delimiter with ',')",
    ),
    "latin-1 bytes": (
        write_bytes(
            "initiatives.csv",
            "id,name,kind,countries,source\nx-1,Moselle³ trail,project,FR,https://a.b\n".encode(
                "latin-1"
            ),
        ),
        "{d}/initiatives.csv:2: is not UTF-8 (byte 0xb3; Latin-1 or Windows-1252?) — re-encode "
        "the file as UTF-8, e.g. save the file as 'CSV UTF-8 (comma delimited)'",
    ),
    "empty file": (
        write_bytes("relations.csv", b""),
        "{d}/relations.csv: is empty — add the header row (see datasets/README.md)",
    ),
    "not a CSV file at all": (
        write_bytes("holdings.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "{d}/holdings.csv:3: contains NUL bytes: this is not a CSV text file — save the file as "
        "'CSV UTF-8 (comma delimited)'",
    ),
    "ragged row": (
        write_bytes("initiatives.csv", b"id,name,kind,countries,source\nx-1,Trail,project,FR\n"),
        "{d}/initiatives.csv:2: has 4 cells but the header has 5 — quote cells that contain "
        "commas, and give every row the header's columns",
    ),
    "ten megabyte cell": (
        write_bytes(
            "initiatives.csv",
            b'id,name,kind,countries,source\nx-1,"'
            + b"a" * 10_000_000
            + b'",project,FR,https://a.b\n',
        ),
        "{d}/initiatives.csv:2: has a cell longer than 100000 characters — shorten it; put long "
        "texts in a document and cite it",
    ),
    "unclosed quote": (
        write_bytes(
            "initiatives.csv", b'id,name,kind,countries,source\nx-1,"Trail,project,FR,https://a.b\n'
        ),
        "{d}/initiatives.csv:2: is not valid CSV (unexpected end of data) — close the quotes of "
        "the cell, or save the file as 'CSV UTF-8 (comma delimited)'",
    ),
    "manifest not JSON": (
        write_bytes("manifest.json", b"{name: minimal}"),
        "{d}/manifest.json:1: is not valid JSON (Expecting property name enclosed in double "
        "quotes) — fix the JSON syntax (see datasets/README.md for an example)",
    ),
    "manifest missing key": (
        write_bytes(
            "manifest.json",
            b'{"name": "minimal", "title": "t", "description": "d", "version": "1",'
            b' "countries": ["FR"], "sources": ["https://a.b"]}',
        ),
        "{d}/manifest.json: licence: is missing or empty — add it (see datasets/README.md)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_rule_reports_file_row_column_and_fix(case: str, minimal: Path, reference: Path):
    mutate, expected = CASES[case]
    mutate(minimal)
    with pytest.raises(DatasetError) as caught:
        read_dataset(minimal, reference=reference)
    messages = [str(p) for p in caught.value.problems]
    assert expected.format(d=minimal) in messages


def test_minimal_dataset_is_valid(minimal: Path, reference: Path):
    dataset = read_dataset(minimal, reference=reference)
    assert dataset.name == "minimal"
    assert {r["id"] for r in dataset.tables["actors"]} >= {"fr-apach", "de-perl", "lu-schengen"}


def test_all_problems_are_reported_together(minimal: Path, reference: Path):
    edit("actors.csv", 0, "kind", "town")(minimal)
    edit("relations.csv", 0, "to_id", "nowhere")(minimal)
    edit("territories.csv", 4, "population", "many")(minimal)
    with pytest.raises(DatasetError) as caught:
        read_dataset(minimal, reference=reference)
    columns = {(p.file.rsplit("/", 1)[-1], p.column) for p in caught.value.problems}
    assert columns == {
        ("actors.csv", "kind"),
        ("relations.csv", "to_id"),
        ("territories.csv", "population"),
    }
    assert str(caught.value) == f"3 problems in {minimal}"


def test_byte_order_mark_is_tolerated(minimal: Path, reference: Path):
    path = minimal / "actors.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(read_dataset(minimal, reference=reference).tables["actors"]) == 6


def test_quotes_and_newlines_inside_cells_are_kept(minimal: Path, reference: Path):
    edit("actors.csv", 0, "note", 'said "hello",\nthen left')(minimal)
    dataset = read_dataset(minimal, reference=reference)
    assert dataset.tables["actors"][0]["note"] == 'said "hello",\nthen left'


def test_folder_that_is_not_a_dataset(tmp_path: Path):
    with pytest.raises(DatasetError) as caught:
        read_dataset(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}: is not a govgraph dataset (no manifest.json) — give a dataset folder; "
        "see datasets/README.md to start one"
    ]


def test_path_that_is_not_a_folder(tmp_path: Path):
    with pytest.raises(DatasetError, match="1 problem"):
        read_dataset(tmp_path / "nothing")


def test_dates_parse_partially_and_sort():
    assert parse_date("2019") == "2019"
    assert date_key("2019") < date_key("2019-02") < date_key("2019-02-03")
    assert date_key("2019", end=True) == (2019, 12, 31)
    with pytest.raises(ValueError):
        parse_date("19-01-2019")


def test_a_broken_row_is_reported_once_not_as_every_reference_after_it(
    minimal: Path, reference: Path
):
    """An unclosed quote in actors.csv swallows the rest of the file: the break is reported with
    its fix, and the references to the actors after it are not (they would be noise)."""
    path = minimal / "actors.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("Commune d'Apach", "\"Commune d'Apach", 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        read_dataset(minimal, reference=reference)
    messages = sorted(str(p) for p in caught.value.problems)
    assert messages == [
        f"{minimal}/actors.csv: was not checked against the other files, as it could not be read "
        "whole — fix the problem reported for this file and run govgraph validate again",
        f"{minimal}/actors.csv:2: is not valid CSV (unexpected end of data) — close the quotes "
        "of the cell, or save the file as 'CSV UTF-8 (comma delimited)'",
    ]


def test_a_name_in_any_iso_639_1_language_is_a_column(minimal: Path, reference: Path):
    """name_nl, name_it…: kept on the node, searchable, written back by an export; a column
    that names no language is refused with the fix."""
    import govgraph
    from govgraph.analysis.actors import find_actors
    from govgraph.data.export import write_dataset

    rows = read_rows(minimal / "actors.csv")
    for row in rows:
        row["name_nl"] = "Apach (nl)" if row["id"] == "fr-apach" else ""
    write_rows(minimal / "actors.csv", rows)
    G = govgraph.load_graph(minimal)
    assert G.nodes["fr-apach"]["name_nl"] == "Apach (nl)"
    study = govgraph.load_study(minimal)
    assert [a["id"] for a in find_actors(study, search="apach (NL)")] == ["fr-apach"]
    out = minimal.parent / "exported"
    write_dataset(G, out)
    assert "name_nl" in (out / "actors.csv").read_text(encoding="utf-8").splitlines()[0]
    assert govgraph.load_graph(out).nodes["fr-apach"]["name_nl"] == "Apach (nl)"

    for row in rows:
        row["name_xq"] = row.pop("name_nl")
    write_rows(minimal / "actors.csv", rows)
    with pytest.raises(DatasetError) as caught:
        read_dataset(minimal, reference=reference)
    assert (
        f"{minimal}/actors.csv:1: name_xq: 'xq' is not an ISO 639-1 language code — name the "
        "column name_ and a two-letter language code, e.g. name_nl"
        in [str(p) for p in caught.value.problems]
    )


@pytest.mark.parametrize("scheme", ["NIS", "BFS", "ISTAT", "INE", "GKZ", "CBS", "TERYT", "LAU"])
def test_a_municipal_code_of_another_country_has_its_scheme(scheme, minimal: Path, reference: Path):
    rows = read_rows(minimal / "territories.csv")
    commune = next(r for r in rows if r["id"] == "t-fr-apach")
    commune["code"], commune["code_scheme"] = "57031", scheme
    write_rows(minimal / "territories.csv", rows)
    territory = next(
        r
        for r in read_dataset(minimal, reference=reference).tables["territories"]
        if r["id"] == "t-fr-apach"
    )
    assert territory["code_scheme"] == scheme
    commune["code_scheme"] = "KSH"  # not a scheme govgraph knows
    write_rows(minimal / "territories.csv", rows)
    with pytest.raises(DatasetError) as caught:
        read_dataset(minimal, reference=reference)
    assert {p.column for p in caught.value.problems} == {"code_scheme"}


def _write(folder: Path, file: str, text: str) -> None:
    (folder / file).write_text(text, encoding="utf-8")


ALLOCATION_HEADER = (
    "country,subdivision,level,competence,role,legal_basis,partners,source,confidence\n"
)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "FR,,FR-commune,mobility,shared,,,https://example.org/law,",
            "allocations.csv:2: legal_basis: is empty but confidence is high — give the statute "
            "or article, or, when the source states the allocation without citing one, set "
            "confidence to medium or low",
        ),
        (
            "FR,,FR-commune,mobility,shared,CGCT,FR;BE,https://example.org/law,",
            "allocations.csv:2: partners: lists the row's own country FR — list only the "
            "countries on the other side of the border the row applies to",
        ),
        (
            "FR,,FR-commune,mobility,shared,CGCT,XX,https://example.org/law,",
            "allocations.csv:2: partners: 'XX' is not an ISO 3166-1 alpha-2 country code — use "
            "two capital letters, e.g. FR, DE, LU",
        ),
    ],
)
def test_an_allocation_row_is_checked(row: str, expected: str, minimal: Path, reference: Path):
    _write(minimal, "allocations.csv", ALLOCATION_HEADER + row + "\n")
    with pytest.raises(DatasetError) as caught:
        read_dataset(minimal, reference=reference)
    assert f"{minimal}/{expected}" in [str(p) for p in caught.value.problems]


def test_an_allocation_stated_by_its_source_alone_needs_no_legal_basis(
    minimal: Path, reference: Path
):
    row = "FR,,FR-commune,mobility,shared,,,https://example.org/page,medium"
    _write(minimal, "allocations.csv", ALLOCATION_HEADER + row + "\n")
    dataset = read_dataset(minimal, reference=reference)
    [own] = [r for r in dataset.tables["allocations"] if r.file.endswith("minimal/allocations.csv")]
    assert own["legal_basis"] is None and own["confidence"] == "medium"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "fr-apach,Apach-Ville,xx,,2001,https://example.org",
            "names.csv:2: language: 'xx' is not an ISO 639-1 language code — write two "
            "lowercase letters, e.g. fr, de, nl",
        ),
        (
            "fr-apach,Apach-Ville,fr,,,https://example.org",
            "names.csv:2: valid_to: is empty — fill it in: this column is required",
        ),
        (
            "fr-nowhere,Apach-Ville,fr,,2001,https://example.org",
            "names.csv:2: node: unknown actor, territory or initiative 'fr-nowhere'",
        ),
    ],
)
def test_a_former_name_row_is_checked(row: str, expected: str, minimal: Path, reference: Path):
    _write(minimal, "names.csv", "node,name,language,valid_from,valid_to,source\n" + row + "\n")
    with pytest.raises(DatasetError) as caught:
        read_dataset(minimal, reference=reference)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith(f"{minimal}/{expected}") for m in messages), messages


def test_a_population_without_its_date_is_a_warning_not_an_error(
    minimal: Path, reference: Path, caplog
):
    edit("territories.csv", 4, "population_date", "")(minimal)
    with caplog.at_level("WARNING", logger="govgraph"):
        dataset = read_dataset(minimal, reference=reference)
    [warning] = [str(w) for w in dataset.warnings]
    assert warning == (
        f"{minimal}/territories.csv:6: population_date: is empty but population is given (the "
        "figure is read as undated) — give the reference date of the population figure"
    )
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"{minimal}: 1 warning (the first: {warning}); govgraph validate lists them"
    ]
    assert read_dataset(MINIMAL_DATASET, reference=reference).warnings == ()
