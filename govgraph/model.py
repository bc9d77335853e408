"""The govgraph data model, defined once: node labels, relationship types, allowed values.

Every other module (CSV validation, graph building, Neo4j store, HTML) takes its labels, types and
vocabularies from here, so nothing user-supplied ever becomes a label or a relationship type.

Example:
    >>> from govgraph.model import RelType, ENDPOINTS, Label
    >>> ENDPOINTS[RelType.HOLDS]
    (frozenset({<Label.ACTOR: 'Actor'>}), frozenset({<Label.COMPETENCE: 'Competence'>}))
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ACTOR_KINDS",
    "CODE_SCHEMES",
    "CONFIDENCES",
    "ENDPOINTS",
    "EXERCISE_KINDS",
    "KEEPING_KINDS",
    "HOLDING_STATUSES",
    "INHERITING_KINDS",
    "INITIATIVE_KINDS",
    "Label",
    "NAME_LANGUAGES",
    "name_languages",
    "PROVENANCES",
    "RELATIONS_FILE_TYPES",
    "ROLES",
    "ASSISTING_ROLES",
    "CROSS_BORDER",
    "RelType",
    "SUPRANATIONAL_CODES",
    "SYMMETRIC",
    "TERRITORY_KINDS",
    "TIERS",
    "TIER_RANK",
    "TIE_TYPES",
]


class Label(StrEnum):
    """Node labels (Neo4j labels, the ``label`` attribute of a networkx node)."""

    ACTOR = "Actor"
    TERRITORY = "Territory"
    LEVEL = "Level"
    COMPETENCE = "Competence"
    THEME = "Theme"
    INITIATIVE = "Initiative"


class RelType(StrEnum):
    """Relationship types (Neo4j types, the key and ``type`` attribute of a networkx edge)."""

    HOLDS = "HOLDS"
    GOVERNS = "GOVERNS"
    PART_OF = "PART_OF"
    BORDERS = "BORDERS"
    AT_LEVEL = "AT_LEVEL"
    MEMBER_OF = "MEMBER_OF"
    SUPERVISED_BY = "SUPERVISED_BY"
    FUNDS = "FUNDS"
    COOPERATES_WITH = "COOPERATES_WITH"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    IN_THEME = "IN_THEME"
    BROADER = "BROADER"
    ALLOCATES = "ALLOCATES"
    EXERCISES = "EXERCISES"


def _labels(*labels: Label) -> frozenset[Label]:
    return frozenset(labels)


#: Allowed (start labels, end labels) of every relationship type.
ENDPOINTS: dict[RelType, tuple[frozenset[Label], frozenset[Label]]] = {
    RelType.HOLDS: (_labels(Label.ACTOR), _labels(Label.COMPETENCE)),
    RelType.GOVERNS: (_labels(Label.ACTOR), _labels(Label.TERRITORY)),
    RelType.PART_OF: (_labels(Label.TERRITORY), _labels(Label.TERRITORY)),
    RelType.BORDERS: (_labels(Label.TERRITORY), _labels(Label.TERRITORY)),
    RelType.AT_LEVEL: (_labels(Label.ACTOR), _labels(Label.LEVEL)),
    RelType.MEMBER_OF: (_labels(Label.ACTOR), _labels(Label.ACTOR)),
    RelType.SUPERVISED_BY: (_labels(Label.ACTOR), _labels(Label.ACTOR)),
    RelType.FUNDS: (_labels(Label.ACTOR), _labels(Label.ACTOR, Label.INITIATIVE)),
    RelType.COOPERATES_WITH: (_labels(Label.ACTOR), _labels(Label.ACTOR)),
    RelType.PARTICIPATES_IN: (_labels(Label.ACTOR), _labels(Label.INITIATIVE)),
    RelType.IN_THEME: (_labels(Label.COMPETENCE, Label.INITIATIVE), _labels(Label.THEME)),
    RelType.BROADER: (_labels(Label.COMPETENCE), _labels(Label.COMPETENCE)),
    RelType.ALLOCATES: (_labels(Label.LEVEL), _labels(Label.COMPETENCE)),
    RelType.EXERCISES: (_labels(Label.ACTOR), _labels(Label.ACTOR)),
}

#: Relationship types with no direction (stored once, read both ways).
SYMMETRIC: frozenset[RelType] = frozenset({RelType.BORDERS, RelType.COOPERATES_WITH})

#: Relationship types a dataset writes as rows of ``relations.csv``.
RELATIONS_FILE_TYPES: tuple[RelType, ...] = (
    RelType.BORDERS,
    RelType.MEMBER_OF,
    RelType.SUPERVISED_BY,
    RelType.FUNDS,
    RelType.COOPERATES_WITH,
    RelType.PARTICIPATES_IN,
)

#: Relationship types that tie actors and initiatives into the cooperation network (a body that
#: exercises a competence for another works with it: an organ, a syndicate, an operator).
TIE_TYPES: tuple[RelType, ...] = (
    RelType.MEMBER_OF,
    RelType.SUPERVISED_BY,
    RelType.FUNDS,
    RelType.COOPERATES_WITH,
    RelType.PARTICIPATES_IN,
    RelType.EXERCISES,
)

#: Harmonised tiers of government, from the most local to the widest.
TIERS: tuple[str, ...] = (
    "local",
    "intermunicipal",
    "intermediate",
    "regional",
    "national",
    "supranational",
)
TIER_RANK: dict[str, int] = {tier: rank for rank, tier in enumerate(TIERS)}

#: How an actor holds a competence. ``liaison``: the body designated to deal with the other side
#: for a competence it does not exercise itself (a liaison body of EU social security coordination,
#: Regulation (EC) No 987/2009 art. 1(2)(b); a joint police and customs cooperation centre).
ROLES: tuple[str, ...] = ("exclusive", "shared", "delegated", "support", "liaison")
#: The side of a body of several countries (a column of the map, a count of the report).
CROSS_BORDER = "cross-border"
#: Roles that help others exercise a competence without exercising it.
ASSISTING_ROLES: frozenset[str] = frozenset({"support", "liaison"})

#: Actor kinds that inherit their level's allocated competences: general-purpose governments.
#: A ministry, agency, deconcentrated service or special-purpose body holds only what the dataset
#: asserts, since its remit is set by its own statute, decree or membership.
INHERITING_KINDS: frozenset[str] = frozenset(
    {
        "municipality",
        "intermunicipal_body",
        "county",
        "region",
        "federated_state",
        "national_government",
    }
)

#: Where a HOLDS fact comes from.
PROVENANCES: tuple[str, ...] = ("inferred", "asserted", "exercised")

#: How a body comes to exercise a competence that another actor (its formal holder) holds:
#: ``organ`` — a ministry, administration or department exercising its government's competence;
#: ``transfer`` — the members transferred it (they no longer hold it: a syndicat, a Zweckverband
#: the law gives the task to); ``delegation`` — a mandate or delegation (the holder keeps a role);
#: ``concession`` — an operator or company under concession or an in-house contract.
EXERCISE_KINDS: tuple[str, ...] = ("organ", "transfer", "delegation", "concession")
#: The kinds after which the formal holder keeps the competence, with a lesser role.
KEEPING_KINDS: frozenset[str] = frozenset({"delegation", "concession"})

HOLDING_STATUSES: tuple[str, ...] = ("asserted", "denied")

CONFIDENCES: tuple[str, ...] = ("high", "medium", "low")

ACTOR_KINDS: tuple[str, ...] = (
    "municipality",
    "intermunicipal_body",
    "county",
    "region",
    "federated_state",
    "national_government",
    "ministry",
    "state_agency",
    "deconcentrated_state_service",
    "special_purpose_body",
    "social_security_body",
    "public_establishment",
    "public_company",
    "cross_border_body",
    "association",
    "programme_authority",
)

TERRITORY_KINDS: tuple[str, ...] = (
    "municipality",
    "intermunicipal_area",
    "district",
    "county",
    "region",
    "country",
    "cross_border_area",
    "functional_area",
)

INITIATIVE_KINDS: tuple[str, ...] = (
    "project",
    "agreement",
    "programme",
    "forum",
    "workshop",
    "mission",
    "network",
    "service",  # a cross-border public service (a health agreement's care, a rescue service)
    "link",  # a physical or service link: a rail or bus line, a bridge (valid_to: when cut)
    "instrument",  # a one-sided planning or service instrument (a regional plan, a health zone)
)

CODE_SCHEMES: tuple[str, ...] = (
    "INSEE",
    "SIREN",
    "AGS",
    "ARS",
    "NIS",  # Belgium: Statbel's municipality code (code INS / NIS-code)
    "BFS",  # Switzerland: the Federal Statistical Office's commune number (OFS / BFS)
    "ISTAT",  # Italy: ISTAT's municipality code
    "INE",  # Spain: INE's municipality code
    "GKZ",  # Austria: Statistik Austria's Gemeindekennziffer
    "CBS",  # the Netherlands: CBS's gemeentecode
    "TERYT",  # Poland: the TERYT register's code
    "LAU",
    "NUTS",
    "ISO3166-1",
    "ISO3166-2",
    "OTHER",
)

#: Languages every file offers a column for (``name_<lang>``); a file may add a column for any
#: other ISO 639-1 language (``name_nl``, ``name_it``).
NAME_LANGUAGES: tuple[str, ...] = ("fr", "de", "lb", "en")


def name_languages(data: dict[str, object]) -> list[str]:
    """The languages a node is named in: the usual ones first, then any other, alphabetically.

    >>> name_languages({"name": "Mouscron", "name_nl": "Moeskroen", "name_fr": "Mouscron"})
    ['fr', 'nl']
    """
    others = sorted(
        key[5:] for key in data if key.startswith("name_") and key[5:] not in NAME_LANGUAGES
    )
    return [lang for lang in (*NAME_LANGUAGES, *others) if data.get(f"name_{lang}")]


#: Pseudo country code allowed for reference levels that sit above countries (the EU).
SUPRANATIONAL_CODES: frozenset[str] = frozenset({"EU"})
