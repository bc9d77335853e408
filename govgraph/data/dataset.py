"""Reading a dataset folder (manifest + CSV files + the bundled reference data) into typed rows.

Example:
    >>> from govgraph.data.dataset import read_dataset, default_dataset_path
    >>> ds = read_dataset(default_dataset_path())
    >>> ds.name
    'three-borders'
    >>> len(ds.tables["actors"]) >= 100
    True
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.data.csvio import read_csv
from govgraph.data.schema import (
    MANIFEST_FILE,
    MANIFEST_OPTIONAL,
    MANIFEST_REQUIRED,
    REFERENCE_MODES,
    TABLES,
)
from govgraph.data.validation import (
    Row,
    check_dataset,
    dataset_warnings,
    parse_date,
    parse_table,
)
from govgraph.errors import DatasetError, Problem
from govgraph.progress import Advance, step

__all__ = [
    "DEFAULT_DATASET",
    "Dataset",
    "cypher_path",
    "data_root",
    "default_dataset_path",
    "read_dataset",
    "read_manifest_name",
    "reference_path",
]

logger = logging.getLogger(__name__)

DEFAULT_DATASET = "three-borders"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def data_root() -> Path:
    """The folder that holds ``datasets/`` and ``cypher/``: inside the installed wheel, or the
    checkout's root when running from source."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "_data"
    if (packaged / "datasets").is_dir():
        return packaged
    return package.parent


def reference_path() -> Path:
    """The bundled reference data (competences, themes, levels, allocations)."""
    return data_root() / "datasets" / "reference"


def default_dataset_path() -> Path:
    """The bundled Three Borders dataset, the default of every command."""
    return data_root() / "datasets" / DEFAULT_DATASET


def cypher_path() -> Path:
    """The bundled ``cypher/`` folder."""
    return data_root() / "cypher"


@dataclass(frozen=True)
class Dataset:
    """A validated dataset: its manifest and its typed rows, by table name.

    Reference tables hold the bundled reference rows followed by the dataset's own extra rows.
    """

    path: Path
    manifest: dict[str, Any]
    tables: dict[str, tuple[Row, ...]]
    #: what the dataset should still mend, though valid (``govgraph validate`` lists them)
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    @property
    def name(self) -> str:
        return str(self.manifest["name"])


def _read_manifest(folder: Path, label: str) -> tuple[dict[str, Any], list[Problem]]:
    file = f"{label}/{MANIFEST_FILE}"
    problems: list[Problem] = []
    try:
        text = (folder / MANIFEST_FILE).read_text(encoding="utf-8-sig")
        if not text.strip():
            return {}, [
                Problem(
                    file,
                    0,
                    "",
                    "is empty",
                    "write the manifest (see datasets/README.md for an example)",
                )
            ]
        manifest = json.loads(text)
    except UnicodeDecodeError:
        return {}, [Problem(file, 0, "", "is not UTF-8", "re-encode it as UTF-8")]
    except json.JSONDecodeError as exc:
        return {}, [
            Problem(
                file,
                exc.lineno,
                "",
                f"is not valid JSON ({exc.msg})",
                "fix the JSON syntax (see datasets/README.md for an example)",
            )
        ]
    except OSError as exc:
        return {}, [
            Problem(
                file,
                0,
                "",
                f"cannot be read ({exc.strerror})",
                "check that the file exists and is readable",
            )
        ]
    if not isinstance(manifest, dict):
        return {}, [Problem(file, 0, "", "must be a JSON object", "see datasets/README.md")]
    for key in MANIFEST_REQUIRED:
        if manifest.get(key) in (None, "", []):
            problems.append(
                Problem(file, 0, key, "is missing or empty", "add it (see datasets/README.md)")
            )
    for key in manifest:
        if key not in MANIFEST_REQUIRED + MANIFEST_OPTIONAL:
            problems.append(
                Problem(
                    file,
                    0,
                    key,
                    "is not a manifest key",
                    f"allowed keys: {', '.join(MANIFEST_REQUIRED + MANIFEST_OPTIONAL)}",
                )
            )
    name = manifest.get("name")
    if isinstance(name, str) and name and not _NAME.match(name):
        problems.append(
            Problem(
                file,
                0,
                "name",
                f"'{name}' is not a valid dataset name",
                "use lowercase letters, digits and '-'",
            )
        )
    for key in ("countries", "sources"):
        value = manifest.get(key)
        if value and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            problems.append(
                Problem(file, 0, key, "must be a list of strings", 'write e.g. ["FR", "DE"]')
            )
    for key in ("title", "description", "version", "licence"):
        if key in manifest and not isinstance(manifest[key], str):
            problems.append(Problem(file, 0, key, "must be a string", "put the value in quotes"))
    if manifest.get("reference", "bundled") not in REFERENCE_MODES:
        problems.append(
            Problem(
                file,
                0,
                "reference",
                f"'{manifest['reference']}' is not allowed",
                f"use one of: {', '.join(REFERENCE_MODES)}",
            )
        )
    if isinstance(manifest.get("date"), str):
        try:
            parse_date(manifest["date"])
        except ValueError as exc:
            problems.append(Problem(file, 0, "date", str(exc), "write YYYY-MM-DD"))
    return manifest, problems


def read_dataset(path: str | Path, *, reference: str | Path | None = None) -> Dataset:
    """Read and validate the dataset folder at ``path``; raise DatasetError listing every problem.

    ``reference`` is the reference folder (default: the bundled one); the dataset may extend it
    with its own ``competences.csv``, ``themes.csv``, ``levels.csv`` and ``allocations.csv``.
    """
    folder = Path(path)
    label = str(path)
    if not folder.is_dir():
        fix = "give the folder that holds manifest.json and the CSV files"
        raise DatasetError([Problem(label, 0, "", "is not a folder", fix)], label)
    if not (folder / MANIFEST_FILE).is_file():
        message = "is not a govgraph dataset (no manifest.json)"
        fix = "give a dataset folder; see datasets/README.md to start one"
        raise DatasetError([Problem(label, 0, "", message, fix)], label)
    manifest, problems = _read_manifest(folder, label)
    with step(f"reading {folder.name}", len(TABLES) + 1) as advance:
        return _read_tables(folder, label, manifest, problems, reference, advance)


def _read_tables(
    folder: Path,
    label: str,
    manifest: dict[str, Any],
    problems: list[Problem],
    reference: str | Path | None,
    advance: Advance,
) -> Dataset:
    """The tables of the dataset (and its reference), read, parsed and checked."""
    reference_folder = Path(reference) if reference is not None else reference_path()
    tables: dict[str, list[Row]] = {}
    unread: list[str] = []  # files not read whole: their rows can't be checked against others
    for table in TABLES.values():
        sources: list[tuple[Path, str]] = []
        own_reference = manifest.get("reference") == "included"
        if table.reference and not own_reference and reference_folder.resolve() != folder.resolve():
            sources.append((reference_folder / table.filename, f"reference/{table.filename}"))
        sources.append((folder / table.filename, f"{label}/{table.filename}"))
        rows: list[Row] = []
        for file_path, display in sources:
            if not file_path.exists() and not file_path.is_symlink():
                if table.required_file and file_path.parent == folder:
                    problems.append(
                        Problem(
                            display,
                            0,
                            "",
                            "is missing",
                            "create it with its header row (see datasets/README.md)",
                        )
                    )
                continue
            raw = read_csv(file_path, display)
            problems += raw.problems
            if raw.problems:
                unread.append(display)
            if raw.header:
                parsed, parse_problems = parse_table(raw, table)
                rows += parsed
                problems += parse_problems
        tables[table.name] = rows
        advance()
    if unread:  # a broken row hides the rows after it: checking references would flood
        problems += [
            Problem(
                display,
                0,
                "",
                "was not checked against the other files, as it could not be read whole",
                "fix the problem reported for this file and run govgraph validate again",
            )
            for display in unread
        ]
    else:
        problems += check_dataset(tables)
    advance()
    if problems:
        raise DatasetError(problems, label)
    warnings = sorted(dataset_warnings(tables))
    for warning in warnings:
        logger.debug("%s", warning)
    if warnings:
        noun = "warning" if len(warnings) == 1 else "warnings"
        logger.warning(
            "%s: %d %s (the first: %s); govgraph validate lists them",
            label,
            len(warnings),
            noun,
            warnings[0],
        )
    return Dataset(
        folder, manifest, {name: tuple(rows) for name, rows in tables.items()}, tuple(warnings)
    )


def read_manifest_name(path: str | Path) -> str:
    """The ``name`` in a dataset folder's manifest (without reading the CSV files)."""
    folder = Path(path)
    manifest, problems = _read_manifest(folder, str(path)) if folder.is_dir() else ({}, [])
    name = manifest.get("name")
    if problems or not isinstance(name, str) or not name:
        fix = "give a dataset folder with a valid manifest.json, or --dataset-name"
        raise DatasetError(problems or [Problem(str(path), 0, "", "has no dataset name", fix)])
    return name
