"""Turn the evaluation helper's cases (names with proposed ids) into the fixture format of
tests/fixtures/counterparts_practitioners.csv, mapping a proposed id to the dataset's id for the
same body. The labels themselves (who a practitioner calls first) are not changed.

Run from the repository root: python docs/research/issue-15/cases_to_fixture.py
"""

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
#: The helper's proposed id → the dataset's id of the same body.
SAME_BODY = {
    "ch-dip": "ch-ge-departement-instruction-publique",
    "ch-dsm": "ch-ge-departement-sante-mobilites",
    "ch-grand-saconnex": "ch-le-grand-saconnex",
    "ch-ocppam": "ch-ge-ocppam",
    "ch-oct": "ch-ge-office-cantonal-transports",
    "ch-sis": "ch-groupement-sis",
    "ch-dgmr": "ch-vd-dgmr",
    "ch-office-de-l-urbanisme": "ch-ge-office-urbanisme",
    "fr-ch-alpes-leman": "fr-chal",
    "xb-glct-transports-publics": "xb-glct-transports-publics-transfrontaliers",
    "ch-sam": "ch-ge-service-assurance-maladie",
    "ch-ocba": "ch-ge-office-cantonal-batiments",
}


def ids(cell: str) -> list[str]:
    return [SAME_BODY.get(i, i) for i in re.findall(r"\[([a-z0-9.-]+)\]", cell or "")]


def names(cell: str) -> str:
    return re.sub(r"\s*\[[a-z0-9.-]+\]", "", cell or "").strip()


def main() -> None:
    actors = {r["id"] for r in csv.DictReader(open(ROOT / "datasets/greater-geneva/actors.csv"))}
    out = []
    for case in csv.DictReader(open(HERE / "gg-evaluation/cases.csv", encoding="utf-8")):
        [actor] = ids(case["actor"])
        [expected] = ids(case["expected"])
        also = [i for i in ids(case["also_acceptable"]) if i in actors]
        missing = [i for i in (actor, expected) if i not in actors]
        if missing:
            print(f"{case['case_id']}: not in the data: {', '.join(missing)}")
            continue
        out.append({
            "case": case["case_id"], "class": case["class"], "actor": actor,
            "competence": case["competence"], "theme": case["theme"], "country": case["target"],
            "expected": expected, "expected_names": names(case["expected"]),
            "also_acceptable": ";".join(also), "source": case["source"], "note": case["note"],
        })
    header = ["case", "class", "actor", "competence", "theme", "country", "expected",
              "expected_names", "also_acceptable", "source", "note"]
    with open(ROOT / "tests/fixtures/counterparts_greater_geneva.csv", "w", encoding="utf-8",
              newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    print(f"{len(out)} cases written")


if __name__ == "__main__":
    main()
