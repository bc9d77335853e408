"""The labelled counterparts evaluation: well formed, sourced, and above the target."""

from __future__ import annotations

from pathlib import Path

import pytest

import govgraph
from govgraph.analysis.evaluation import evaluate, read_cases

CASES = Path(__file__).parents[1] / "fixtures" / "counterparts_eval.csv"


@pytest.fixture(scope="module")
def study():
    return govgraph.load_study()


def test_cases_are_sourced_and_name_real_actors(study):
    G = govgraph.load_graph()  # a case may accept a body that has since ended
    cases = read_cases(CASES)
    assert len(cases) >= 30
    themes = {
        "environment_mobility": 0,
        "tourism_attractiveness": 0,
        "public_services_healthcare": 0,
    }
    for case in cases:
        assert case["source"].strip(), case["case"]
        assert case["actor"] in G, case["actor"]
        for expected in case["expected"].split(";"):
            assert expected in G, expected
        competence = case["competence"]
        if competence:
            for _, theme, d in G.out_edges(competence, data=True):
                if d["type"] == "IN_THEME":
                    themes[theme] += 1
    assert all(count >= 3 for count in themes.values()), themes  # the three workshop themes


def test_expected_first_counterpart_is_in_the_top_three_for_nine_cases_in_ten(study):
    report = evaluate(study, read_cases(CASES))
    missed = [r["case"] for r in report["results"] if r["hit_rank"] is None]
    assert report["top3"] >= 0.9, f"missed cases: {missed}"
    assert report["top1"] <= report["top3"]


def test_evaluate_counts_hits_by_rank(study):
    cases = [
        {
            "case": "a",
            "actor": "fr-apach",
            "competence": "",
            "theme": "",
            "country": "DE",
            "expected": "de-perl",
            "source": "s",
            "note": "",
        },
        {
            "case": "b",
            "actor": "fr-apach",
            "competence": "",
            "theme": "",
            "country": "DE",
            "expected": "de-bund",
            "source": "s",
            "note": "",
        },
    ]
    report = evaluate(study, cases)
    assert report["cases"] == 2
    assert report["top1"] == 0.5
    assert [r["hit_rank"] for r in report["results"]] == [1, None]


def test_random_hit_rates_are_exact():
    from govgraph.analysis.evaluation import _random_hit

    assert _random_hit(10, 1, 1) == pytest.approx(0.1)
    assert _random_hit(10, 1, 3) == pytest.approx(0.3)
    assert _random_hit(10, 2, 3) == pytest.approx(1 - (8 * 7 * 6) / (10 * 9 * 8))
    assert _random_hit(3, 1, 3) == 1.0  # every order passes
    assert _random_hit(5, 0, 3) == 0.0


def test_baselines_rank_by_each_part_alone_and_flag_cases_any_order_passes(study):
    from govgraph.analysis.evaluation import baselines

    cases = read_cases(CASES)[:6]
    report = baselines(study, cases)
    assert set(report["parts"]) == {"competence", "tier", "proximity", "scale", "kind"}
    assert 0 <= report["random"]["top1"] <= report["random"]["top3"] <= 1
    for case in report["any_order"]:
        [result] = evaluate(study, [c for c in cases if c["case"] == case], top=1000)["results"]
        wrong = [c for c in result["ranked"] if c not in result["expected"].split(";")]
        assert len(wrong) < 3  # fewer wrong candidates than places in the top: any order passes


def _evaluation_script():
    import importlib.machinery
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    loader = importlib.machinery.SourceFileLoader(
        "evaluate_counterparts", str(root / "scripts/evaluate-counterparts")
    )
    spec = importlib.util.spec_from_loader("evaluate_counterparts", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_the_reported_figures_are_what_the_code_gives(study):
    """docs/counterparts.md reports tests/fixtures/evaluation-figures.json: a change of scoring,
    of a part, of the cut-off or of a case that is not reported fails here."""
    import json

    script = _evaluation_script()
    report, _ = script.figures(study)
    pinned = json.loads(
        (Path(__file__).parents[1] / "fixtures/evaluation-figures.json").read_text()
    )
    assert report == pinned
    doc = (Path(__file__).parents[2] / "docs/counterparts.md").read_text(encoding="utf-8")
    for data in report.values():
        rates = data["govgraph"]
        assert f"{rates['top1']:.0%} | {rates['top3']:.0%}" in doc
    readme = " ".join((Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8").split())
    practitioners = report["practitioners"]["govgraph"]
    assert f"top-1 {practitioners['top1']:.0%}, top-3 {practitioners['top3']:.0%}" in readme, (
        "README.md reports other figures than the evaluation"
    )
    geneva = report["greater-geneva"]["govgraph"]
    assert f"{geneva['top1']:.0%} / {geneva['top3']:.0%}" in readme


def test_the_documented_gaps_figures_are_what_the_code_gives():
    """docs/gaps.md reports tests/fixtures/gaps-figures.json (scripts/evaluate-gaps): the rank
    of every documented gap in the first 20 gaps of each bundled border; a change of a gap
    finder, of the ranking or of the cut-off that is not reported fails here."""
    import csv
    import json

    from govgraph.analysis.evaluation import GAPS_TOP, evaluate_gaps
    from govgraph.study import load_study

    root = Path(__file__).resolve().parents[2]
    reported = json.loads((root / "tests/fixtures/gaps-figures.json").read_text(encoding="utf-8"))
    docs = (root / "docs/gaps.md").read_text(encoding="utf-8")
    assert GAPS_TOP == 20
    for name, folder in (("three-borders", None), ("greater-geneva", "datasets/greater-geneva")):
        fixture = root / f"tests/fixtures/gaps_documented_{name.replace('-', '_')}.csv"
        with fixture.open(encoding="utf-8", newline="") as handle:
            cases = list(csv.DictReader(handle))
        study = load_study(root / folder) if folder else load_study()
        result = evaluate_gaps(study, cases)
        assert {c["id"]: c["rank"] for c in result["cases"]} == reported[name]["ranks"]
        assert round(result["found"], 4) == reported[name]["found"]
        assert f"{result['found']:.0%}" in docs


def test_a_documented_gap_counts_only_a_gap_of_its_kind_unless_it_is_other(study):
    """The TER Thionville–Bouzonville ended: a link gap names it. A case of that id counts it
    as a cut link or as ``other`` (an obstacle the typology has no kind for), not as a
    perimeter, and never without ids."""
    from govgraph.analysis.evaluation import evaluate_gaps

    def rank(kind: str, match: str = "fr-ter-thionville-bouzonville") -> int | None:
        case = {"id": "x", "around": "fr-bouzonville", "kind": kind, "match": match}
        return evaluate_gaps(study, [case])["cases"][0]["rank"]

    assert rank("link_cut_or_missing") is not None
    assert rank("other") == rank("link_cut_or_missing")
    assert rank("perimeter_stops_short") is None
    assert rank("other", match="") is None
