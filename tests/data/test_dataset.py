"""Locating bundled data and reading a dataset folder."""

from __future__ import annotations

from pathlib import Path

from govgraph.data.dataset import (
    cypher_path,
    data_root,
    default_dataset_path,
    read_dataset,
    reference_path,
)


def test_bundled_paths_exist():
    assert (data_root() / "datasets").is_dir()
    assert (default_dataset_path() / "manifest.json").is_file()
    assert (reference_path() / "competences.csv").is_file()
    assert (cypher_path() / "schema.cypher").is_file()


def test_bundled_dataset_is_valid_and_large_enough():
    dataset = read_dataset(default_dataset_path())
    assert dataset.name == "three-borders"
    actors = dataset.tables["actors"]
    assert len(actors) >= 100
    countries = {c for row in actors for c in row["country"]}
    assert {"FR", "DE", "LU"} <= countries
    for table in ("actors", "territories", "relations", "holdings", "initiatives"):
        assert all(row["source"] for row in dataset.tables[table]), table


def test_reference_rows_come_before_the_datasets_own(minimal: Path, reference: Path):
    (minimal / "themes.csv").write_text(
        "id,name_en,name_fr,name_de,source\nborder_health,Health,Santé,Gesundheit,https://a.example\n",
        encoding="utf-8",
    )
    dataset = read_dataset(minimal, reference=reference)
    ids = [row["id"] for row in dataset.tables["themes"]]
    assert ids[-1] == "border_health" and len(ids) == 4
