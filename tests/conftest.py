"""Shared fixtures: the minimal example dataset and a frozen test reference, copied on demand;
the hand-built France–Belgium test dataset (``tests/fixtures/federal``: subdivisions, a
community serving two regions, bodies serving several territories or none, Dutch names, renamed
bodies, a dissolved région)."""

from __future__ import annotations

import contextlib
import csv
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = Path(__file__).resolve().parent.parent / "datasets" / "minimal"
REFERENCE = FIXTURES / "reference"
FEDERAL = FIXTURES / "federal"


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
    header = header or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A fresh copy of the minimal dataset that a test may break."""
    target = tmp_path / "minimal"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.fixture
def reference() -> Path:
    return REFERENCE


@pytest.fixture(scope="session")
def federal():
    """The study of the France–Belgium test dataset, as of its date."""
    from govgraph.study import load_study

    return load_study(FEDERAL)


# --------------------------------------------------------------------------- Neo4j


def _neo4j_env_or_skip() -> dict[str, str]:
    import os

    if not os.environ.get("NEO4J_URI"):
        if os.environ.get("GOVGRAPH_REQUIRE_NEO4J"):
            pytest.fail("GOVGRAPH_REQUIRE_NEO4J is set but NEO4J_URI is not: start Neo4j first")
        pytest.skip("no Neo4j server: set NEO4J_URI (scripts/test starts one)")
    return dict(os.environ)


@pytest.fixture(scope="session")
def neo4j_settings():
    from govgraph.store.settings import Neo4jSettings

    return Neo4jSettings.from_mapping(_neo4j_env_or_skip())


@pytest.fixture(scope="session")
def driver(neo4j_settings):
    from govgraph.store.settings import connect

    drv = connect(neo4j_settings)
    yield drv
    drv.close()


@pytest.fixture
def dataset_name(driver, neo4j_settings, request):
    """A unique dataset name for one test; its nodes are deleted afterwards."""
    import re
    import uuid

    slug = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")[:40]
    name = f"t-{slug}-{uuid.uuid4().hex[:8]}"
    yield name
    drop_dataset(driver, name, neo4j_settings.database)


def drop_dataset(driver, name: str, database=None) -> None:
    driver.execute_query(
        "MATCH (n {dataset: $name}) DETACH DELETE n", name=name, database_=database
    )
    driver.execute_query("MATCH (d:Dataset {name: $name}) DELETE d", name=name, database_=database)


def rename_dataset(folder: Path, name: str) -> Path:
    import json

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["name"] = name
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


class Recorder:
    """Every step opened, with its total and the units it advanced."""

    def __init__(self) -> None:
        self.steps: dict[str, list[int]] = {}

    @contextlib.contextmanager
    def __call__(self, label: str, total: int):
        self.steps[label] = [total, 0]

        def advance(done: int = 1) -> None:
            self.steps[label][1] += done

        yield advance

    def finished(self) -> dict[str, bool]:
        return {label: total == done for label, (total, done) in self.steps.items()}
