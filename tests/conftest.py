"""Shared fixtures: the minimal example dataset and a frozen test reference, copied on demand."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
REFERENCE = FIXTURES / "reference"


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
