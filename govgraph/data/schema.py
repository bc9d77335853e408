"""The dataset format: which CSV files exist, their columns, and what each column may hold.

This is the single definition that `datasets/README.md` documents and that validation enforces.

Example:
    >>> from govgraph.data.schema import TABLES
    >>> TABLES["actors"].column("kind").choices[:2]
    ('municipality', 'intermunicipal_body')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from govgraph import model
from govgraph.text import cell_text

__all__ = [
    "GRAPH_ATTRIBUTES",
    "MANIFEST_FILE",
    "MANIFEST_OPTIONAL",
    "MANIFEST_REQUIRED",
    "NODE_NAMESPACES",
    "REFERENCE_MODES",
    "TABLES",
    "Column",
    "Table",
    "row_order",
]


@dataclass(frozen=True)
class Column:
    """One column of a dataset file.

    ``kind`` says how a cell is parsed: ``id``, ``level_id``, ``ref``/``refs`` (reference(s) to the
    id namespace ``ref``), ``text``, ``enum`` (from ``choices``), ``country``/``countries``,
    ``subdivision``, ``language`` (ISO 639-1), ``date``, ``int``, ``float``, ``url``,
    ``source``, ``yesno``, ``cofog``, ``reltype``.
    """

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str = ""
    default: str = ""
    help: str = ""


@dataclass(frozen=True)
class Table:
    """One CSV file of a dataset."""

    name: str
    columns: tuple[Column, ...]
    required_file: bool = False
    reference: bool = False
    id_namespace: str = ""
    columns_by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns_by_name", {c.name: c for c in self.columns})

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        return self.columns_by_name[name]


def _names() -> tuple[Column, ...]:
    return tuple(Column(f"name_{lang}") for lang in model.NAME_LANGUAGES)


def _provenance(confidence: bool = True) -> tuple[Column, ...]:
    columns = [Column("source", "source", required=True)]
    if confidence:
        columns += [
            Column("confidence", "enum", choices=model.CONFIDENCES, default="high"),
            Column("note"),
        ]
    return tuple(columns)


_VALIDITY = (Column("valid_from", "date"), Column("valid_to", "date"))

TERRITORIES = Table(
    "territories",
    (
        Column("id", "id", required=True),
        Column("name", required=True),
        *_names(),
        Column("kind", "enum", required=True, choices=model.TERRITORY_KINDS),
        Column("country", "countries", required=True),
        Column("code"),
        Column("code_scheme", "enum", choices=model.CODE_SCHEMES),
        Column("part_of", "refs", ref="territory"),
        Column("population", "int"),
        Column("population_date", "date"),
        Column("area_km2", "float"),
        *_VALIDITY,
        *_provenance(),
    ),
    required_file=True,
    id_namespace="territory",
)

ACTORS = Table(
    "actors",
    (
        Column("id", "id", required=True),
        Column("name", required=True),
        *_names(),
        Column("kind", "enum", required=True, choices=model.ACTOR_KINDS),
        Column("country", "countries", required=True),
        Column("subdivision", "subdivision"),
        Column("level", "ref", ref="level"),
        Column("territory", "refs", ref="territory"),
        Column("website", "url"),
        *_VALIDITY,
        *_provenance(),
    ),
    required_file=True,
    id_namespace="actor",
)

HOLDINGS = Table(
    "holdings",
    (
        Column("actor", "ref", required=True, ref="actor"),
        Column("competence", "ref", required=True, ref="competence"),
        Column("role", "enum", choices=model.ROLES),
        Column("status", "enum", choices=model.HOLDING_STATUSES, default="asserted"),
        Column("legal_basis"),
        *_VALIDITY,
        *_provenance(),
    ),
)

EXERCISES = Table(
    "exercises",
    (
        Column("actor", "ref", required=True, ref="actor"),
        Column("competence", "ref", required=True, ref="competence"),
        Column("on_behalf_of", "refs", required=True, ref="actor"),
        Column("kind", "enum", required=True, choices=model.EXERCISE_KINDS),
        Column("legal_basis"),
        *_VALIDITY,
        *_provenance(),
    ),
)
RELATIONS = Table(
    "relations",
    (
        Column("from_id", "ref", required=True, ref="node"),
        Column("type", "reltype", required=True, choices=model.RELATIONS_FILE_TYPES),
        Column("to_id", "ref", required=True, ref="node"),
        Column("role"),
        Column("theme", "refs", ref="theme"),
        Column("formal", "yesno"),
        *_VALIDITY,
        *_provenance(),
    ),
)

NAMES = Table(
    "names",
    (
        Column("node", "ref", required=True, ref="node"),
        Column("name", required=True),
        Column("language", "language"),
        Column("valid_from", "date"),
        Column("valid_to", "date", required=True),
        *_provenance(),
    ),
)

INITIATIVES = Table(
    "initiatives",
    (
        Column("id", "id", required=True),
        Column("name", required=True),
        *_names(),
        Column("kind", "enum", required=True, choices=model.INITIATIVE_KINDS),
        Column("themes", "refs", ref="theme"),
        Column("countries", "countries", required=True),
        Column("territory", "refs", ref="territory"),
        Column("part_of", "ref", ref="initiative"),
        Column("instrument_type"),
        *_VALIDITY,
        Column("website", "url"),
        *_provenance(),
    ),
    id_namespace="initiative",
)

COMPETENCES = Table(
    "competences",
    (
        Column("id", "id", required=True),
        Column("parent", "ref", ref="competence"),
        Column("cofog", "cofog", required=True),
        Column("name_en", required=True),
        Column("name_fr", required=True),
        Column("name_de", required=True),
        Column("themes", "refs", ref="theme"),
        Column("description"),
        *_provenance(confidence=False),
    ),
    reference=True,
    id_namespace="competence",
)

THEMES = Table(
    "themes",
    (
        Column("id", "id", required=True),
        Column("name_en", required=True),
        Column("name_fr", required=True),
        Column("name_de", required=True),
        Column("description"),
        *_provenance(confidence=False),
    ),
    reference=True,
    id_namespace="theme",
)

LEVELS = Table(
    "levels",
    (
        Column("id", "level_id", required=True),
        Column("country", "country", required=True),
        Column("name", required=True),
        Column("name_en", required=True),
        Column("tier", "enum", required=True, choices=model.TIERS),
        Column("legal_basis"),
        Column("description"),
        *_provenance(confidence=False),
    ),
    reference=True,
    id_namespace="level",
)

ALLOCATIONS = Table(
    "allocations",
    (
        Column("country", "country", required=True),
        Column("subdivision", "subdivision"),
        Column("level", "ref", required=True, ref="level"),
        Column("competence", "ref", required=True, ref="competence"),
        Column("role", "enum", required=True, choices=model.ROLES),
        Column("legal_basis"),
        Column("partners", "countries"),
        Column("residual_to", "ref", ref="competence"),
        *_provenance(),
    ),
    reference=True,
)

#: Every table, in the order files are read and reported.
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        THEMES,
        COMPETENCES,
        LEVELS,
        ALLOCATIONS,
        TERRITORIES,
        ACTORS,
        INITIATIVES,
        NAMES,
        HOLDINGS,
        EXERCISES,
        RELATIONS,
    )
}

#: The id namespaces whose ids must be unique across each other (they share one graph).
NODE_NAMESPACES: dict[str, model.Label] = {
    "territory": model.Label.TERRITORY,
    "actor": model.Label.ACTOR,
    "initiative": model.Label.INITIATIVE,
    "competence": model.Label.COMPETENCE,
    "theme": model.Label.THEME,
    "level": model.Label.LEVEL,
}


def row_order(table: str, values: Mapping[str, Any]) -> tuple[str, ...]:
    """Sort key of a row: its cells in column order (a list cell sorted), so neither the order of
    the rows in a file nor the order of the ids in a list cell matters."""
    return tuple(
        cell_text(sorted(v) if isinstance(v := values.get(c.name), list | tuple) else v)
        for c in TABLES[table].columns
    )


MANIFEST_FILE = "manifest.json"
MANIFEST_REQUIRED: tuple[str, ...] = (
    "name",
    "title",
    "description",
    "version",
    "licence",
    "countries",
    "sources",
)
MANIFEST_OPTIONAL: tuple[str, ...] = ("date", "reference")
#: The manifest keys a built graph keeps in ``G.graph`` (and Neo4j on the Dataset node).
GRAPH_ATTRIBUTES: tuple[str, ...] = (*MANIFEST_REQUIRED, "date")
#: ``reference``: "bundled" (default) reads govgraph's reference data first; "included" means the
#: dataset folder holds its whole reference (as ``govgraph export`` writes it).
REFERENCE_MODES: tuple[str, ...] = ("bundled", "included")
