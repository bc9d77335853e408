import csv
import io
import json

from govgraph.render.tables import csv_text, json_text, neutralise_formula, render, table_text


def test_table_aligns_columns_and_shows_empty_cells():
    text = table_text([{"a": "x", "b": None}, {"a": "longer", "b": 2}])
    lines = text.splitlines()
    assert lines[0].split() == ["a", "b"]
    assert lines[2].rstrip() == "x"
    assert lines[3].split() == ["longer", "2"]


def test_csv_neutralises_formulas_and_round_trips():
    rows = [
        {"name": "=cmd|' /C calc'!A0", "note": "plain, with comma"},
        {"name": "-1", "note": "@x"},
    ]
    parsed = list(csv.DictReader(io.StringIO(csv_text(rows))))
    assert parsed[0]["name"] == "'=cmd|' /C calc'!A0"
    assert parsed[0]["note"] == "plain, with comma"
    assert parsed[1] == {"name": "'-1", "note": "'@x"}


def test_neutralise_formula_leaves_text_alone():
    assert neutralise_formula("Perl") == "Perl"
    assert neutralise_formula("+33") == "'+33"


def test_json_keeps_unicode_and_lists():
    data = json.loads(render([{"name": "Überherrn", "c": ["FR", "DE"]}], "json"))
    assert data == [{"name": "Überherrn", "c": ["FR", "DE"]}]
    assert "Überherrn" in json_text({"name": "Überherrn"})


def test_a_table_wraps_to_the_width_and_leaves_out_what_cannot_fit():
    from govgraph.render.tables import table_text

    rows = [{"id": "fr-apach", "name": "Commune d'Apach " * 4, "note": "x" * 60}]
    full = table_text(rows)
    assert max(len(line) for line in full.splitlines()) > 60
    fitted = table_text(rows, width=60)
    assert all(len(line) <= 60 for line in fitted.splitlines())
    assert "Commune" in fitted and fitted.count("\n") > full.count("\n")  # wrapped, not cut
    narrow = table_text(rows, width=30)
    assert all(len(line) <= 30 for line in narrow.splitlines())
    assert "--wide shows them" in narrow  # the last columns are left out, and it says so
