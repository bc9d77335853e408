"""The synthetic benchmark generator at a small size: valid, shaped by its knobs, deterministic."""

from __future__ import annotations

from pathlib import Path

import govgraph
from govgraph.data.dataset import read_dataset
from govgraph.data.synth import COUNTRIES, STRUCTURES, write_synthetic
from govgraph.study import Study


def test_small_synthetic_dataset_is_valid_and_shaped_by_its_knobs(tmp_path: Path):
    counts = write_synthetic(tmp_path / "a", actors=2000, seed=3)
    dataset = read_dataset(tmp_path / "a")  # passes validation
    assert dataset.manifest["title"].startswith("SYNTHETIC")
    assert counts["actors"] == len(dataset.tables["actors"]) >= 2000
    assert len(COUNTRIES) >= 25
    G = govgraph.load_graph(tmp_path / "a")
    tiers_by_country: dict[str, set[str]] = {}
    for _, data in G.nodes(data=True):
        if data["label"] == "Level":
            tiers_by_country.setdefault(data["country"], set()).add(data["tier"])
    shapes = {frozenset(t) for t in tiers_by_country.values()}
    assert len(shapes) >= 3  # federal, with and without an intermediate tier
    assert any("intermediate" not in t and "regional" not in t for t in shapes)
    study = Study(G.copy())
    crossing = [
        (a, b)
        for a, b, d in G.edges(data=True)
        if d["type"] == "BORDERS" and study.is_cross_border(a, b)
    ]
    assert crossing  # borders along national boundaries
    assert any(d.get("kind") == "cross_border_body" for _, d in G.nodes(data=True))
    assert any(d["type"] == "COOPERATES_WITH" for _, _, d in G.edges(data=True))
    assert set(STRUCTURES) == {"federal", "regions_and_counties", "regions_only", "no_intermediate"}


def test_same_seed_same_files_and_size_knob(tmp_path: Path):
    write_synthetic(tmp_path / "a", actors=1000, seed=5)
    write_synthetic(tmp_path / "b", actors=1000, seed=5)
    for name in ("actors.csv", "relations.csv", "allocations.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    small = write_synthetic(tmp_path / "c", actors=1000, seed=5)["actors"]
    large = write_synthetic(tmp_path / "d", actors=4000, seed=5)["actors"]
    assert 3 < large / small < 5
