"""Checking the counterparts ranking against a labelled file of expected answers.

Each case names an actor, an optional competence or theme, a target country and the acceptable
first counterparts (any one of them counts), with the source that says so. A case is a top-k hit
when one of its expected actors is among the first k candidates.

Example:
    >>> from govgraph.study import load_study
    >>> cases = [{"case": "1", "actor": "fr-apach", "competence": "", "theme": "",
    ...           "country": "DE", "expected": "de-perl", "source": "x", "note": ""}]
    >>> evaluate(load_study(), cases)["top1"]
    1.0
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.analysis.counterparts import counterparts

if TYPE_CHECKING:
    from govgraph.study import Study

__all__ = ["evaluate", "read_cases"]


def read_cases(path: str | Path) -> list[dict[str, str]]:
    """The cases of a CSV file with columns case, actor, competence, theme, country, expected
    (';'-separated ids), source, note."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def evaluate(study: Study, cases: list[dict[str, str]], top: int = 3) -> dict[str, Any]:
    """Top-1 and top-``top`` hit rates, and each case's ranking."""
    results = []
    for case in cases:
        expected = [e.strip() for e in case["expected"].split(";") if e.strip()]
        rows = counterparts(
            study,
            case["actor"],
            countries=[case["country"]],
            competence=case.get("competence") or None,
            theme=case.get("theme") or None,
            top=top,
        )
        ranked = [r["candidate"] for r in rows]
        hit_rank = next((i + 1 for i, c in enumerate(ranked) if c in expected), None)
        results.append({**case, "ranked": ranked, "hit_rank": hit_rank})
    count = len(results)
    top1 = sum(1 for r in results if r["hit_rank"] == 1)
    topk = sum(1 for r in results if r["hit_rank"] is not None)
    return {
        "cases": count,
        "top1": round(top1 / count, 4) if count else 0.0,
        f"top{top}": round(topk / count, 4) if count else 0.0,
        "results": results,
    }
