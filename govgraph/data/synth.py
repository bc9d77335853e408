"""A synthetic, Europe-size dataset for benchmarks: seeded, deterministic, and clearly not real.

Twenty-seven countries on a grid, each with one of four level structures (federal; regions and
counties; regions only; no intermediate tier), municipalities as grid cells (BORDERS between
neighbouring cells, across national boundaries too), intermunicipal bodies, transport
associations, ministries, cross-border bodies along the borders, cross-border cooperation and
projects. Its reference (levels and competence allocations per country) is its own; competences
are govgraph's catalogue. Every row says it is synthetic. The folder passes ``govgraph validate``.

Example:
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "synth"
    >>> write_synthetic(out, actors=1000, seed=1)["actors"] >= 1000
    True
"""

from __future__ import annotations

import csv
import json
import math
import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from govgraph.data.schema import TABLES
from govgraph.files import atomic_folder
from govgraph.progress import Advance, step

__all__ = ["COUNTRIES", "STRUCTURES", "write_synthetic"]

COUNTRIES = (
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
)
#: Level structures: the tiers each country has below the national one.
STRUCTURES = {
    "federal": ("regional", "intermediate", "intermunicipal", "local"),
    "regions_and_counties": ("regional", "intermediate", "intermunicipal", "local"),
    "regions_only": ("regional", "intermunicipal", "local"),
    "no_intermediate": ("intermunicipal", "local"),
}
#: Competences each tier typically holds (a country then moves some up or down a tier).
TYPICAL = {
    "local": (
        "primary_education",
        "water_supply",
        "waste_collection",
        "roads",
        "culture",
        "land_use_planning",
        "childcare",
        "fire_rescue",
        "cross_border_cooperation",
    ),
    "intermunicipal": (
        "waste_management",
        "wastewater",
        "tourism_promotion",
        "economic_development",
        "local_mobility_organisation",
    ),
    "intermediate": (
        "social_assistance",
        "secondary_education",
        "bus_transport",
        "elderly_care",
        "school_transport",
        "roads",
    ),
    "regional": (
        "rail_transport",
        "spatial_planning",
        "health_planning",
        "nature_protection",
        "economic_development",
        "flood_management",
    ),
    "national": (
        "police",
        "health_insurance",
        "hospital_services",
        "civil_protection",
        "municipal_supervision",
        "public_transport",
        "emergency_medical_services",
    ),
}
TIER_ORDER = ("local", "intermunicipal", "intermediate", "regional", "national")
KIND_OF_TIER = {
    "local": "municipality",
    "intermunicipal": "intermunicipal_body",
    "intermediate": "county",
    "regional": "region",
    "national": "national_government",
}
TERRITORY_KIND = {
    "local": "municipality",
    "intermunicipal": "intermunicipal_area",
    "intermediate": "county",
    "regional": "region",
    "national": "country",
}
MINISTRIES = ("interior", "mobility", "health", "economy", "environment", "planning")
GROUP = 4  # cells per side of an intermunicipal area (16 municipalities)


def _write(folder: Path, table: str, rows: Iterable[dict[str, Any]], advance: Advance) -> int:
    columns = [c.name for c in TABLES[table].columns]
    count = 0
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
            count += 1
    advance()
    return count


def write_synthetic(out: str | Path, *, actors: int = 10_000, seed: int = 1) -> dict[str, int]:
    """Write a synthetic dataset of about ``actors`` actors to ``out`` (whole or not at all);
    return row counts."""
    with (
        step(f"generating {actors:,} synthetic actors", 8) as advance,
        atomic_folder(out) as staging,
    ):
        return _write_synthetic(staging, actors, seed, advance)


def _write_synthetic(folder: Path, actors: int, seed: int, advance: Advance) -> dict[str, int]:
    rng = random.Random(seed)  # noqa: S311 - reproducible benchmark data, not security
    source = f"synthetic data (govgraph synth, seed {seed}): not a real fact"
    municipalities_wanted = max(len(COUNTRIES) * GROUP * GROUP, int(actors * 0.9))  # a first guess
    per_country = municipalities_wanted / len(COUNTRIES)
    width = max(GROUP, math.ceil(math.sqrt(per_country) / GROUP) * GROUP)
    height = GROUP
    # each municipality comes with 1/16 of an intermunicipal body, each country with 7 actors
    while len(COUNTRIES) * (width * height * (1 + 1 / GROUP**2) + 1 + len(MINISTRIES)) < actors:
        height += GROUP
    per_row = 6  # countries per row of the big grid

    Rows = list[dict[str, Any]]
    levels: Rows = []
    allocations: Rows = []
    territories: Rows = []
    actor_rows: Rows = []
    holdings: Rows = []
    relations: Rows = []
    initiatives: Rows = []
    cell_country: dict[tuple[int, int], str] = {}
    cell_territory: dict[tuple[int, int], str] = {}
    cell_actor: dict[tuple[int, int], str] = {}
    unit_actor: dict[tuple[str, str, int, int], str] = {}

    for number, cc in enumerate(COUNTRIES):
        code = cc.lower()
        structure = list(STRUCTURES)[number % len(STRUCTURES)]
        tiers = ("national", *STRUCTURES[structure])
        for tier in tiers:
            levels.append(
                {
                    "id": f"{cc}-{tier}",
                    "country": cc,
                    "name": f"{cc} {tier} level",
                    "name_en": f"Synthetic {tier} level",
                    "tier": tier,
                    "description": f"synthetic {structure} structure",
                    "source": source,
                }
            )
        # allocations: the typical competences of each tier, some moved up or down one tier
        allocated: set[tuple[str, str]] = set()
        for tier in tiers:
            for competence in TYPICAL[tier]:
                target = tier
                if rng.random() < 0.25:
                    position = tiers.index(tier) + rng.choice((-1, 1))
                    if 0 <= position < len(tiers):
                        target = tiers[position]
                if (target, competence) in allocated:
                    continue
                allocated.add((target, competence))
                allocations.append(
                    {
                        "country": cc,
                        "level": f"{cc}-{target}",
                        "competence": competence,
                        "role": rng.choice(("exclusive", "shared", "shared", "delegated")),
                        "legal_basis": "synthetic",
                        "source": source,
                    }
                )
        origin_x, origin_y = (number % per_row) * width, (number // per_row) * height
        country_t = f"t-{code}"
        territories.append(
            {
                "id": country_t,
                "name": f"Synthetic {cc}",
                "kind": "country",
                "country": cc,
                "source": source,
            }
        )
        actor_rows.append(
            {
                "id": f"{code}-government",
                "name": f"Government of synthetic {cc}",
                "kind": "national_government",
                "country": cc,
                "level": f"{cc}-national",
                "territory": country_t,
                "source": source,
            }
        )
        for ministry in MINISTRIES:
            mid = f"{code}-ministry-{ministry}"
            actor_rows.append(
                {
                    "id": mid,
                    "name": f"Synthetic {cc} ministry of {ministry}",
                    "kind": "ministry",
                    "country": cc,
                    "level": f"{cc}-national",
                    "territory": country_t,
                    "source": source,
                }
            )
            relations.append(
                {
                    "from_id": mid,
                    "type": "MEMBER_OF",
                    "to_id": f"{code}-government",
                    "role": "ministry",
                    "source": source,
                }
            )
        for competence in TYPICAL["national"][:3]:
            holdings.append(
                {
                    "actor": f"{code}-ministry-interior",
                    "competence": competence,
                    "role": "shared",
                    "source": source,
                }
            )
        holdings.append(
            {
                "actor": f"{code}-ministry-mobility",
                "competence": "public_transport",
                "role": "shared",
                "source": source,
            }
        )
        # units: regional (half the country), intermediate (quarters of a region), groups of cells
        half = max(GROUP, max(width, height) // 2)
        for gx in range(0, width, GROUP):
            for gy in range(0, height, GROUP):
                chain = country_t
                for tier, size in (("regional", half), ("intermediate", max(GROUP, half // 2))):
                    if tier not in tiers:
                        continue
                    ux, uy = gx // size, gy // size
                    key = (cc, tier, ux, uy)
                    tid = f"t-{code}-{tier[:3]}-{ux}-{uy}"
                    if key not in unit_actor:
                        territories.append(
                            {
                                "id": tid,
                                "name": f"Synthetic {cc} {tier} {ux}.{uy}",
                                "kind": TERRITORY_KIND[tier],
                                "country": cc,
                                "part_of": chain,
                                "source": source,
                            }
                        )
                        aid = f"{code}-{tier[:3]}-{ux}-{uy}"
                        actor_rows.append(
                            {
                                "id": aid,
                                "name": f"Synthetic {cc} {tier} {ux}.{uy}",
                                "kind": "federated_state"
                                if structure == "federal" and tier == "regional"
                                else KIND_OF_TIER[tier],
                                "country": cc,
                                "level": f"{cc}-{tier}",
                                "territory": tid,
                                "source": source,
                            }
                        )
                        unit_actor[key] = aid
                        if tier == "intermediate":
                            body = f"{code}-transport-{ux}-{uy}"
                            actor_rows.append(
                                {
                                    "id": body,
                                    "name": f"Synthetic transport association {cc} {ux}.{uy}",
                                    "kind": "special_purpose_body",
                                    "country": cc,
                                    "source": source,
                                }
                            )
                            holdings.append(
                                {
                                    "actor": body,
                                    "competence": "bus_transport",
                                    "role": "delegated",
                                    "source": source,
                                }
                            )
                            relations.append(
                                {
                                    "from_id": aid,
                                    "type": "MEMBER_OF",
                                    "to_id": body,
                                    "role": "member",
                                    "source": source,
                                }
                            )
                    chain = tid
                group_t = f"t-{code}-grp-{gx // GROUP}-{gy // GROUP}"
                group_a = f"{code}-grp-{gx // GROUP}-{gy // GROUP}"
                territories.append(
                    {
                        "id": group_t,
                        "name": f"Synthetic {cc} area {gx // GROUP}.{gy // GROUP}",
                        "kind": "intermunicipal_area",
                        "country": cc,
                        "part_of": chain,
                        "source": source,
                    }
                )
                actor_rows.append(
                    {
                        "id": group_a,
                        "name": f"Synthetic {cc} intermunicipal body {gx // GROUP}.{gy // GROUP}",
                        "kind": "intermunicipal_body",
                        "country": cc,
                        "level": f"{cc}-intermunicipal",
                        "territory": group_t,
                        "source": source,
                    }
                )
                supervisor = (
                    unit_actor.get(
                        (
                            cc,
                            "intermediate",
                            gx // max(GROUP, half // 2),
                            gy // max(GROUP, half // 2),
                        )
                    )
                    or f"{code}-government"
                )
                for x in range(gx, gx + GROUP):
                    for y in range(gy, gy + GROUP):
                        cell = (origin_x + x, origin_y + y)
                        tid, aid = f"t-{code}-m-{x}-{y}", f"{code}-m-{x}-{y}"
                        territories.append(
                            {
                                "id": tid,
                                "name": f"Synthetic {cc} municipality {x}.{y}",
                                "kind": "municipality",
                                "country": cc,
                                "part_of": group_t,
                                "population": rng.randint(300, 60_000),
                                "population_date": "2026",
                                "source": source,
                            }
                        )
                        actor_rows.append(
                            {
                                "id": aid,
                                "name": f"Synthetic {cc} municipality {x}.{y}",
                                "kind": "municipality",
                                "country": cc,
                                "level": f"{cc}-local",
                                "territory": tid,
                                "source": source,
                            }
                        )
                        relations.append(
                            {
                                "from_id": aid,
                                "type": "MEMBER_OF",
                                "to_id": group_a,
                                "role": "member",
                                "source": source,
                            }
                        )
                        relations.append(
                            {
                                "from_id": aid,
                                "type": "SUPERVISED_BY",
                                "to_id": supervisor,
                                "source": source,
                            }
                        )
                        cell_country[cell], cell_territory[cell], cell_actor[cell] = cc, tid, aid

    # borders between neighbouring cells, and cross-border cooperation along national borders
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for (x, y), tid in cell_territory.items():
        for other in ((x + 1, y), (x, y + 1)):
            if other in cell_territory:
                relations.append(
                    {
                        "from_id": tid,
                        "type": "BORDERS",
                        "to_id": cell_territory[other],
                        "source": source,
                    }
                )
                a, b = cell_country[(x, y)], cell_country[other]
                if a != b:
                    pairs.setdefault(tuple(sorted((a, b))), []).append(  # type: ignore[arg-type]
                        (cell_actor[(x, y)], cell_actor[other])
                    )
    for (a, b), cells in sorted(pairs.items()):
        body = f"xb-{a.lower()}-{b.lower()}-egtc"
        actor_rows.append(
            {
                "id": body,
                "name": f"Synthetic cross-border body {a}-{b}",
                "kind": "cross_border_body",
                "country": f"{a};{b}",
                "source": source,
            }
        )
        holdings.append(
            {
                "actor": body,
                "competence": "cross_border_cooperation",
                "role": "shared",
                "source": source,
            }
        )
        project = f"xb-{a.lower()}-{b.lower()}-project"
        initiatives.append(
            {
                "id": project,
                "name": f"Synthetic cross-border project {a}-{b}",
                "kind": "project",
                "themes": "environment_mobility",
                "countries": f"{a};{b}",
                "source": source,
            }
        )
        relations.append(
            {
                "from_id": body,
                "type": "PARTICIPATES_IN",
                "to_id": project,
                "role": "lead partner",
                "source": source,
            }
        )
        for left, right in cells:
            for member in (left, right):
                relations.append(
                    {
                        "from_id": member,
                        "type": "MEMBER_OF",
                        "to_id": body,
                        "role": "member",
                        "source": source,
                    }
                )
            if rng.random() < 0.3:
                relations.append(
                    {"from_id": left, "type": "COOPERATES_WITH", "to_id": right, "source": source}
                )
    # a member may border two cells of the other side: keep each membership once
    seen: set[tuple[str, str, str]] = set()
    unique_relations = []
    for row in relations:
        triple = (row["from_id"], row["type"], row["to_id"])
        if row["type"] != "BORDERS" and triple in seen:
            continue
        seen.add(triple)
        unique_relations.append(row)

    manifest = {
        "name": f"synthetic-{actors}",
        "title": f"SYNTHETIC benchmark dataset ({actors} actors, seed {seed}) — not real data",
        "description": "Generated by govgraph synth for benchmarks; every name and fact is "
        "made up.",
        "version": "1.0.0",
        "licence": "CC0-1.0",
        "countries": list(COUNTRIES),
        "sources": [source],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    advance()  # generated; each table written next
    return {
        "levels": _write(folder, "levels", levels, advance),
        "allocations": _write(folder, "allocations", allocations, advance),
        "territories": _write(folder, "territories", territories, advance),
        "actors": _write(folder, "actors", actor_rows, advance),
        "holdings": _write(folder, "holdings", holdings, advance),
        "relations": _write(folder, "relations", unique_relations, advance),
        "initiatives": _write(folder, "initiatives", initiatives, advance),
    }
