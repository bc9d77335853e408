"""Checking the counterparts ranking against labelled cases, beside rankings that know less.

Each case names an actor, an optional competence or theme, a target country and the acceptable
first counterparts (any one of them counts), with the source that says so. A case is a top-k hit
when one of its expected actors is among the first k candidates. :func:`baselines` ranks the same
candidates by each part of the score alone, and gives the hit rates a random order would have
(exactly, from the number of candidates), so a figure can be read against what any order achieves.

Example:
    >>> from govgraph.study import load_study
    >>> cases = [{"case": "1", "actor": "fr-apach", "competence": "", "theme": "",
    ...           "country": "DE", "expected": "de-perl", "source": "x", "note": ""}]
    >>> evaluate(load_study(), cases)["top1"]
    1.0
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.analysis.counterparts import PARTS, Weights, counterparts
from govgraph.errors import GovgraphError

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["GAPS_TOP", "TOP", "baselines", "evaluate", "evaluate_gaps", "gap_names", "read_cases"]

#: The cut-off of a "top" hit.
TOP = 3
#: Candidates ranked per case to measure the random baseline and the ranks of every part.
ALL_CANDIDATES = 1000


def read_cases(path: str | Path) -> list[dict[str, str]]:
    """The cases of a CSV file with columns case, actor, competence, theme, country, expected
    (';'-separated ids), source, note (and any others, kept)."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _expected(case: dict[str, str]) -> list[str]:
    return [e.strip() for e in case["expected"].split(";") if e.strip()]


def _ranked(
    study: Study, case: dict[str, str], top: int, weights: Weights | None = None
) -> list[str]:
    try:
        rows = counterparts(
            study,
            case["actor"],
            countries=[case["country"]],
            competence=case.get("competence") or None,
            # a case may name the theme its competence belongs to: the competence is the question
            theme=None if case.get("competence") else case.get("theme") or None,
            top=top,
            weights=weights,
        )
    except GovgraphError:
        return []  # the question cannot be asked of the data: a miss, reported as such
    return [r["candidate"] for r in rows]


def _rates(hit_ranks: Iterable[int | None], count: int, top: int) -> dict[str, float]:
    ranks = list(hit_ranks)
    return {
        "top1": round(sum(1 for r in ranks if r == 1) / count, 4) if count else 0.0,
        f"top{top}": round(sum(1 for r in ranks if r is not None) / count, 4) if count else 0.0,
    }


def evaluate(
    study: Study, cases: list[dict[str, str]], top: int = TOP, weights: Weights | None = None
) -> dict[str, Any]:
    """Top-1 and top-``top`` hit rates, and each case's ranking (``weights``: the default
    weights of the question when None)."""
    results: list[dict[str, Any]] = []
    hit_ranks: list[int | None] = []
    for case in cases:
        expected = _expected(case)
        ranked = _ranked(study, case, top, weights)
        hit_rank = next((i + 1 for i, c in enumerate(ranked) if c in expected), None)
        hit_ranks.append(hit_rank)
        results.append({**case, "ranked": ranked, "hit_rank": hit_rank})
    return {"cases": len(results), **_rates(hit_ranks, len(results), top), "results": results}


def _random_hit(candidates: int, expected: int, top: int) -> float:
    """The chance that a random order puts one of ``expected`` of ``candidates`` in the top."""
    if candidates == 0 or expected == 0:
        return 0.0
    if candidates - expected < top:
        return 1.0
    return 1 - math.comb(candidates - expected, top) / math.comb(candidates, top)


def baselines(study: Study, cases: list[dict[str, str]], top: int = TOP) -> dict[str, Any]:
    """The same cases ranked by each part of the score alone (``parts``), and the expected hit
    rates of a random order of the same candidates (``random``); ``any_order`` lists the cases
    that every order passes (all the candidates fit in the top, or all are acceptable)."""
    random_top1 = random_topk = 0.0
    any_order = []
    for case in cases:
        candidates = _ranked(study, case, ALL_CANDIDATES)
        expected = len(set(_expected(case)) & set(candidates))
        random_top1 += _random_hit(len(candidates), expected, 1)
        random_topk += _random_hit(len(candidates), expected, top)
        if candidates and _random_hit(len(candidates), expected, top) == 1.0:
            any_order.append(case["case"])
    count = len(cases)
    parts = {}
    for part in PARTS:
        alone = Weights(**{p: 1.0 if p == part else 0.0 for p in PARTS})
        report = evaluate(study, cases, top, alone)
        parts[part] = {"top1": report["top1"], f"top{top}": report[f"top{top}"]}
    return {
        "random": {
            "top1": round(random_top1 / count, 4) if count else 0.0,
            f"top{top}": round(random_topk / count, 4) if count else 0.0,
        },
        "parts": parts,
        "any_order": any_order,
    }


# --------------------------------------------------------------------------- documented gaps

#: The cut-off of a documented gap found by ``govgraph gaps`` (a planner reads the first 20).
GAPS_TOP = 20


def gap_names(gap: dict[str, Any]) -> set[str]:
    """What a gap is about, for matching a documented gap: its structure's id and type, its
    competences, its themes."""
    names = set(gap.get("themes") or ())
    structure = gap.get("structure") or {}
    names |= {v for v in (structure.get("id"), structure.get("kind")) if v}
    competence = gap.get("competence")
    names |= {competence} if isinstance(competence, str) else set(competence or ())
    return names


#: The kind of a documented gap that fits none of the typology's kinds.
OTHER_KIND = "other"


def evaluate_gaps(
    study: Study, cases: Iterable[dict[str, str]], top: int = GAPS_TOP
) -> dict[str, Any]:
    """Which documented gaps (``id``, ``around``: the actor whose area is studied, empty for the
    whole border zone; ``kind``; ``match``: the ids, separated by ``;``, a gap of that kind must
    name — its structure, instrument type, competence or theme; empty when the data cannot carry
    it) are among the first ``top`` gaps: ``found`` (a share), ``cases`` (each with ``rank``,
    None when missed). A case of kind ``other`` (the sources' obstacle fits no kind of the
    typology) is found by a gap of any kind that names its ids.

    >>> from govgraph.study import load_study
    >>> case = {"id": "x", "around": "fr-bouzonville", "kind": "link_cut_or_missing",
    ...         "match": "fr-ter-thionville-bouzonville"}
    >>> evaluate_gaps(load_study(), [case])["cases"][0]["rank"] is not None
    True
    """
    from govgraph.analysis.gaps import find_gaps

    found_by_area: dict[str, list[dict[str, Any]]] = {}
    results = []
    for case in cases:
        around = case.get("around") or ""
        if around not in found_by_area:
            found_by_area[around] = find_gaps(study, around=around or None)[:top]
        wanted = {m for m in (case.get("match") or "").split(";") if m}
        rank = next(
            (
                number
                for number, gap in enumerate(found_by_area[around], start=1)
                if wanted and case["kind"] in (gap["kind"], OTHER_KIND) and wanted & gap_names(gap)
            ),
            None,
        )
        results.append({**case, "rank": rank})
    hits = sum(r["rank"] is not None for r in results)
    return {"found": hits / len(results) if results else 0.0, "cases": results, "top": top}
