"""Answers as DataFrames: one row per record, nested records as dotted columns."""

from __future__ import annotations

import pytest

import govgraph
from govgraph.analysis.actors import summary
from govgraph.analysis.counterparts import counterparts, who
from govgraph.analysis.gaps import find_gaps
from govgraph.analysis.metrics import coverage
from govgraph.errors import GovgraphError

CCB3F = "fr-cc-bouzonvillois-trois-frontieres"


@pytest.fixture(scope="module")
def study():
    return govgraph.load_study()


def test_counterparts_frame_has_one_row_per_candidate_and_flat_parts(study):
    rows = counterparts(study, CCB3F, top=3)
    df = govgraph.frame(rows)
    assert len(df) == len(rows)
    assert list(df["candidate"]) == [r["candidate"] for r in rows]
    assert list(df["parts.tier"]) == [r["parts"]["tier"] for r in rows]
    assert df.loc[0, "shared"] == rows[0]["shared"]  # lists stay lists


def test_who_and_gaps_frames(study):
    held = who(study, CCB3F, competence="public_transport")
    assert set(govgraph.frame(held)["country"]) == {r["country"] for r in held}
    gaps = find_gaps(study, around=CCB3F)
    df = govgraph.frame(gaps)
    assert len(df) == len(gaps) and "side_a.country" in df.columns


def test_a_table_per_theme_gets_a_theme_column(study):
    table = coverage(study, around=CCB3F)
    df = govgraph.frame(table)
    assert len(df) == sum(len(rows) for rows in table.values())
    assert set(df["theme"]) == set(table)


def test_one_record_is_one_row(study):
    df = govgraph.frame(summary(study))
    assert len(df) == 1 and df.loc[0, "dataset.name"] == "three-borders"


def test_not_records_is_a_clear_error():
    with pytest.raises(GovgraphError, match="list of records"):
        govgraph.frame([1, 2])


def test_a_dataset_reads_into_typed_validated_frames(minimal, reference):
    """One DataFrame per file, typed (integers, tuples, missing cells), with each row's line;
    a broken dataset is refused with every problem, no frames."""
    import pandas as pd
    from conftest import read_rows, write_rows

    import govgraph
    from govgraph.errors import DatasetError

    frames = govgraph.read_frames()
    assert {"actors", "territories", "holdings", "allocations", "competences"} <= set(frames)
    territories = frames["territories"]
    assert territories["population"].dtype == pd.Int64Dtype()
    apach = territories.set_index("id").loc["t-fr-apach"]
    assert apach["population"] > 0 and apach["country"] == ("FR",)
    assert int(territories["line"].min()) == 2  # the first data row of the file
    rows = read_rows(minimal / "territories.csv")
    rows[0]["population"] = "many"
    write_rows(minimal / "territories.csv", rows)
    with pytest.raises(DatasetError) as caught:
        govgraph.read_frames(minimal)
    assert "population" in str(caught.value.problems[0])
