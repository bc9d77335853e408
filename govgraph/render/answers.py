"""Each analysis answer as the text the CLI prints: a table (with headings per country or pair
where the answer has them), JSON or CSV. Records are flattened to rows here, once, for every
format.

Example:
    >>> from govgraph.study import load_study
    >>> from govgraph.analysis.counterparts import counterparts
    >>> study = load_study()
    >>> rows = counterparts(study, "fr-apach", countries=["DE"], top=1)
    >>> print(counterparts_text(study, "fr-apach", rows, "csv").splitlines()[1][:15])
    DE,1,de-perl,Ge
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govgraph.render.tables import csv_text, json_text, prose, table_text

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = [
    "counterparts_rows",
    "counterparts_text",
    "coverage_rows",
    "gap_rows",
    "gaps_text",
    "level_rows",
    "levels_text",
    "metrics_text",
    "summary_text",
    "who_rows",
    "who_text",
]


def joined(items: list[Any]) -> str:
    """List items as one cell."""
    return "; ".join(str(i) for i in items)


# --------------------------------------------------------------------------- info


def summary_text(data: dict[str, Any], fmt: str) -> str:
    """The dataset summary (:func:`~govgraph.analysis.actors.summary`)."""
    if fmt == "json":
        return json_text(data)
    rows = [
        {"section": section, "key": key, "value": value}
        for section, values in data.items()
        for key, value in values.items()
    ]
    if fmt == "csv":
        return csv_text(rows)
    ds = data["dataset"]
    lines = [f"{ds['title']} — {ds['name']} {ds['version']} ({ds['date'] or 'undated'})"]
    for section, values in data.items():
        if section == "dataset":
            continue
        lines.append(f"\n{section.replace('_', ' ')}:")
        lines += [f"  {key:<28} {value}" for key, value in values.items()]
    return "\n".join(prose(line, "  ") for line in "\n".join(lines).split("\n"))


# --------------------------------------------------------------------------- who


def who_rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One flat row per holder (:func:`~govgraph.analysis.counterparts.who`)."""
    return [
        {
            "country": r["country"],
            "side": r["side"],
            "holder": r["holder"],
            "name": r["name"],
            "level": r["level"],
            "tier": r["tier"],
            "distance": r["distance"],
            "holds": joined([_held(h) for h in r["holds"]]),
            "sources": joined(sorted({h["source"] for h in r["holds"] if h["source"]})),
        }
        for r in records
    ]


def _held(holding: dict[str, Any]) -> str:
    """One holding in a cell: "public_transport (exclusive, organ for Gouvernement …)"."""
    if holding.get("on_behalf_of"):
        formal = ", ".join(h["name"] for h in holding["on_behalf_of"])
        return f"{holding['competence']} ({holding['role']}, {holding['kind']} for {formal})"
    return f"{holding['competence']} ({holding['role']}, {holding['provenance']})"


def who_text(records: list[dict[str, Any]], fmt: str) -> str:
    """Who holds what, one table per country."""
    if fmt == "json":
        return json_text(records)
    flat = who_rows(records)
    if fmt == "csv":
        return csv_text(flat)
    parts = []
    for country in dict.fromkeys(r["country"] for r in flat):
        chosen = [f for f in flat if f["country"] == country]
        parts.append(f"\n{country} ({chosen[0]['side']} side)")
        parts.append(table_text(chosen, ("holder", "name", "level", "tier", "distance", "holds")))
    return "\n".join(parts)


# --------------------------------------------------------------------------- levels


def level_rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One flat row per pair of levels
    (:func:`~govgraph.analysis.counterparts.level_equivalence`)."""
    return [
        {
            "level_a": r["level_a"],
            "level_b": r["level_b"],
            "score": r["score"],
            **r["by_theme"],
            "shared": joined(r["shared"]),
        }
        for r in records
    ]


def levels_text(records: list[dict[str, Any]], fmt: str) -> str:
    """Level equivalence, one table per pair of countries."""
    if fmt == "json":
        return json_text(records)
    flat = level_rows(records)
    if fmt == "csv":
        return csv_text(flat)
    parts = []
    for pair in dict.fromkeys((r["country_a"], r["country_b"]) for r in records):
        chosen = [
            f
            for f, r in zip(flat, records, strict=True)
            if (r["country_a"], r["country_b"]) == pair
        ]
        parts.append(f"\n{pair[0]} – {pair[1]}")
        parts.append(table_text([{k: v for k, v in f.items() if k != "shared"} for f in chosen]))
    return "\n".join(parts)


# --------------------------------------------------------------------------- gaps


def _competence_cell(value: str | list[str] | None, fmt: str) -> str | None:
    if not isinstance(value, list):
        return value
    return joined(value) if fmt == "csv" or len(value) < 3 else f"{len(value)} competences"


def _side_cell(side: dict[str, Any], fmt: str) -> str:
    """A gap's side: its country and the actors it names (in a table by name, more than three
    counted), or the places a perimeter covers or leaves out."""
    # a table names the actors and places (a file keeps their ids)
    ids = [a["id"] if fmt == "csv" else a.get("name") or a["id"] for a in side.get("actors", [])]
    for key, names, word in (
        ("covered", "covered_names", " (covers)"),
        ("not_covered", "not_covered_names", " (leaves out)"),
        ("places", "place_names", ""),
    ):
        if side.get(key):
            ids = side[key] if fmt == "csv" else side.get(names) or side[key]
            label = f"{side['country']}{word}"
            break
    else:
        label = side["country"]
    if fmt != "csv" and len(ids) > 3:
        return f"{label}: {len(ids)} ({', '.join(ids[:2])}, …)"
    return f"{label}: {joined(ids)}"


def _short(text: str | None, width: int = 40) -> str | None:
    """``text`` cut to ``width`` characters with an ellipsis."""
    if not text or len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"


def gap_rows(gaps: list[dict[str, Any]], fmt: str = "csv") -> list[dict[str, Any]]:
    """One flat row per gap (:func:`~govgraph.analysis.gaps.find_gaps`); in a table, a list of
    three or more competences is counted rather than listed."""
    return [
        {
            "kind": g["kind"],
            "severity": g["severity"],
            "competence": _competence_cell(g["competence"], fmt),
            "themes": joined(g["themes"]),
            "side_a": _side_cell(g["side_a"], fmt),
            "side_b": _side_cell(g["side_b"], fmt),
            "structure": (g.get("structure") or g.get("broker") or {}).get("id"),
            "explanation": g["explanation"],
            "severity_basis": g["severity_basis"],
            "could_close": joined([c["id"] for c in g["could_close"]]),
            "sources": joined(sorted({f["source"] for f in g["facts"] if f.get("source")})),
        }
        for g in gaps
    ]


def gaps_text(gaps: list[dict[str, Any]], fmt: str) -> str:
    """The gaps: a table, then each gap's explanation and who could close it."""
    if fmt == "json":
        return json_text(gaps)
    flat = gap_rows(gaps, fmt)
    if fmt == "csv":
        return csv_text(flat)
    if not gaps:
        return "no gap found"
    from govgraph.analysis.gaps import DOCUMENTED_KINDS

    about = [  # what each gap is about: its structure (a perimeter, a link) or its competence
        {**row, "about": _short((g.get("structure") or {}).get("name")) or row["competence"]}
        for row, g in zip(flat, gaps, strict=True)
    ]
    lines = [table_text(about, ("kind", "severity", "about", "side_a", "side_b"))]
    family = None
    for number, g in enumerate(flat, start=1):
        documented = g["kind"] in DOCUMENTED_KINDS
        if documented is not family:  # the ranking's two families, each most severe first
            family = documented
            lines += [
                "",
                "Documented obstacles (a perimeter, a link, an instrument):"
                if documented
                else "Asymmetries read from who holds what:",
            ]
        lines.append(prose(f"{number}. [{g['kind']}, severity {g['severity']}] {g['explanation']}"))
        if g["could_close"]:
            lines.append(prose(f"   could close it: {g['could_close']}", "     "))
    return "\n".join(lines)


# --------------------------------------------------------------------------- metrics


def coverage_rows(coverage: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The who-holds-what tables of :func:`~govgraph.analysis.metrics.coverage` as one list."""
    return [
        {"theme": theme, **{k: joined(v) if isinstance(v, list) else v for k, v in row.items()}}
        for theme, rows in coverage.items()
        for row in rows
    ]


def metrics_text(data: dict[str, Any], fmt: str) -> str:
    """Cooperation metrics (:func:`~govgraph.analysis.metrics.cooperation_metrics`)."""
    if fmt == "json":
        return json_text(data)
    if fmt == "csv":
        return csv_text(coverage_rows(data["coverage"]))
    ties, com = data["ties"], data["communities"]
    lines = [
        f"cooperation ties: {ties['total']}, cross-border {ties['cross_border']} "
        f"({ties['cross_border_share']:.0%})"
    ]
    for kind, counts in ties["by_type"].items():
        lines.append(f"  {kind:<16} {counts['ties']:>5}  cross-border {counts['cross_border']}")
    lines.append(
        f"\ncommunities ({com['method']}): {com['count']}, mixing countries "
        f"{com['mixing_countries']} (border-crossing index {com['border_crossing_index']})"
    )
    for pair, rows in data["brokers"].items():
        lines.append(f"\nbrokers {pair} (betweenness between the two countries' actors)")
        lines.append(table_text(rows, ("id", "name", "betweenness")))
    for theme, rows in data["coverage"].items():
        lines.append(f"\nwho holds what — {theme}")
        lines.append(
            table_text(
                [
                    {
                        k: joined(v) if isinstance(v, list) else v
                        for k, v in row.items()
                        if k != "name"
                    }
                    for row in rows
                ]
            )
        )
    return "\n".join(prose(line, "  ") for line in "\n".join(lines).split("\n"))


# --------------------------------------------------------------------------- counterparts


def counterparts_rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One flat row per ranked candidate (:func:`~govgraph.analysis.counterparts.counterparts`)."""
    return [
        {
            "country": r["country"],
            "rank": r["rank"],
            "candidate": r["candidate"],
            "name": r["name"],
            "level": r["level"],
            "tier": r["tier"],
            "score": r["score"],
            **{f"{p}_part": v for p, v in r["parts"].items()},
            "distance": r["distance"],
            "shared": joined([s["competence"] for s in r["shared"]]),
            "only_actor": joined(r["only_actor"]),
            "only_candidate": joined(r["only_candidate"]),
            "notes": joined(r["notes"]),
            "sources": joined(r["sources"]),
        }
        for r in records
    ]


_COUNTERPART_COLUMNS = (
    "rank",
    "candidate",
    "name",
    "tier",
    "score",
    "competence_part",
    "tier_part",
    "proximity_part",
    "distance",
)


def _level_tier(level: str | None, tier: str | None) -> str:
    """The level and its tier, as in "Landkreis [intermediate]"; "no level" for a body the
    reference gives none."""
    if not level:
        return "no level"
    return f"{level} [{tier}]" if tier else level


def _explanation(actor: str, r: dict[str, Any]) -> list[str]:
    shared = [f"{s['competence']} ({s['actor_role']}/{s['candidate_role']})" for s in r["shared"]]
    lines = [
        f"\n  {r['rank']}. {r['name']} ({r['candidate']}): "
        f"{_level_tier(r['level'], r['tier'])} vs "
        f"{_level_tier(r['actor_level'], r['actor_tier'])}",
        f"     shared: {joined(shared) or '—'}",
        f"     only {actor}: {joined(r['only_actor']) or '—'}",
        f"     only {r['candidate']}: {joined(r['only_candidate']) or '—'}",
        f"     border steps: {r['distance']} "
        f"({joined(r['border_path']) or 'same or containing territory'})",
    ]
    lines += [f"     note: {note}" for note in r["notes"]]
    lines += [f"     fact: {f['fact']} — {f['source'] or 'no source'}" for f in r.get("facts", ())]
    return lines


def counterparts_text(
    study: Study,
    actor: str,
    records: list[dict[str, Any]],
    fmt: str,
    *,
    competence: str | None = None,
    theme: str | None = None,
    explain: bool = False,
) -> str:
    """The ranked counterparts of ``actor``, one table per country; with ``explain``, each
    candidate's reasons and sources."""
    if fmt == "json":
        return json_text(records)
    flat = counterparts_rows(records)
    if fmt == "csv":
        return csv_text(flat)
    focus = f" — competence: {competence}" if competence else f" — theme: {theme}" if theme else ""
    lines = [f"Counterparts of {study.node(actor)['name']} ({actor}){focus}"]
    for country in dict.fromkeys(r["country"] for r in records):
        lines.append(f"\n{country}")
        lines.append(table_text([f for f in flat if f["country"] == country], _COUNTERPART_COLUMNS))
        if explain:
            for r in (x for x in records if x["country"] == country):
                lines += [prose(line, "       ") for line in _explanation(actor, r)]
    return "\n".join(prose(line, "  ") for line in "\n".join(lines).split("\n"))


# --------------------------------------------------------------------------- roadmap


def _person_cell(person: dict[str, Any]) -> str:
    level = f", {person['level']}" if person.get("level") else ""
    tier = f" [{person['tier']}]" if person.get("tier") else ""
    behalf = f", for {person['for']['name']}" if person.get("for") else ""
    return f"{person['name']} ({person['side']}{level}{behalf}){tier}"


def roadmap_rows(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The roadmap (:func:`~govgraph.analysis.roadmap.roadmap`) as one flat row per step."""
    return [
        {
            "theme": s["theme"],
            "rank": s["rank"],
            "kind": s["kind"],
            "severity": s["severity"],
            "about": s["about"],
            "meet": " ; ".join(_person_cell(p) for p in s["meet"]),
            "through": " ; ".join(t["name"] or t["id"] for t in s["through"]),
            "evidence": " ; ".join(f"{f['fact']} — {f['source']}" for f in s["evidence"]),
        }
        for s in steps
    ]


def roadmap_text(steps: list[dict[str, Any]], fmt: str) -> str:
    """The roadmap, theme by theme: each step's subject, who should meet whom, through which
    body, and the evidence with its sources."""
    if fmt == "json":
        return json_text(steps)
    if fmt == "csv":
        return csv_text(roadmap_rows(steps))
    lines: list[str] = []
    theme = None
    for step in steps:
        if step["theme"] != theme:
            theme = step["theme"]
            lines += ([""] if lines else []) + [f"== {theme} ==", ""]
        lines.append(f"{step['rank']}. {step['about']} [{step['kind']}, {step['severity']}]")
        lines.append("   meet: " + " ↔ ".join(_person_cell(p) for p in step["meet"]))
        through = [f"{t['name'] or t['id']} ({t['why']})" for t in step["through"]]
        lines.append(
            "   through: " + ("; ".join(through) if through else "no existing body: one to set up")
        )
        for fact in step["evidence"][:4]:
            lines.append(f"   evidence: {fact['fact']} — {fact['source']}")
    return "\n".join(prose(line, "     ") for line in lines)


# --------------------------------------------------------------------------- competences


def competences_text(rows: list[dict[str, Any]], countries: list[str], fmt: str) -> str:
    """The competence catalogue (:func:`~govgraph.analysis.catalogue.competence_rows`); in a
    table, each country's column names its levels without their roles."""
    if fmt == "json":
        return json_text(rows)
    if fmt == "csv":
        return csv_text(
            [{k: joined(v) if isinstance(v, list) else v for k, v in r.items()} for r in rows]
        )
    flat = [
        {
            **{k: r[k] for k in ("id", "name_en", "name_fr", "name_de", "cofog")},
            **{c: joined(sorted({level.split(" (")[0] for level in r[c]})) for c in countries},
        }
        for r in rows
    ]
    return table_text(flat)
