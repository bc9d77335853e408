"""Apply the helpers' findings (found-*.csv) to the rows that failed `validate --strict`.

Run once from the repository root: python docs/research/issue-16/strict/apply.py
Each finding names the file and line of the row as it was when the todo lists were made.
- a new legal basis, source or confidence replaces the cell (confidence ``high`` is written empty);
- a note replaces the row's note where the old one said the text was "not read", else is appended;
- an allocation whose article was not found (or that no article gives) keeps its law in the note
  and an empty legal_basis, at confidence medium at most (legal_basis may be empty at medium);
- a row whose only source was a copy and that nothing official supports is dropped.
"""

import csv
import io
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parents[3]
RANK = {"": 0, "high": 0, "medium": 1, "low": 2}


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def main() -> None:
    findings = [f for name in sorted(HERE.glob("found-*.csv")) for f in read(name)[1]]
    by_file: dict[str, list[dict[str, str]]] = {}
    for finding in findings:
        by_file.setdefault(finding["file"], []).append(finding)
    for name, items in sorted(by_file.items()):
        path = ROOT / name
        header, rows = read(path)
        drop = []
        for item in items:
            row = rows[int(item["line"]) - 2]
            verdict = item["verdict"]
            if item["new_legal_basis"]:
                row["legal_basis"] = item["new_legal_basis"]
            if item["new_source"]:
                row["source"] = item["new_source"]
            if item["new_confidence"]:
                row["confidence"] = "" if item["new_confidence"] == "high" else item["new_confidence"]
            note = item["note"].strip()
            if verdict in ("not_found", "no_article_exists") and not item["new_legal_basis"]:
                if name.endswith("allocations.csv"):
                    law = row["legal_basis"]
                    row["legal_basis"] = ""
                    if RANK[row["confidence"]] < RANK["medium"]:
                        row["confidence"] = "medium"
                    note = f"Legal basis: {law} (no article found that states it). {note}"
                elif row["confidence"] == "low":
                    drop.append(row)
                    continue
            if note:
                old = row.get("note", "")
                replace = "not read" in old or "not re-read" in old or not old
                row["note"] = note if replace else f"{old} {note}"
        rows = [r for r in rows if all(r is not d for d in drop)]
        write(path, header, rows)
        print(f"{name}: {len(items)} findings, {len(drop)} rows dropped")


if __name__ == "__main__":
    main()
