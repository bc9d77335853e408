"""Apply the helpers' source fixes to the bundled data: mirror-fixes.csv (replace a mirror by
the page a reader can trust, or lower the row) and articles.csv (name the article of a legal
basis). A replacement on a mirror host is not cited: the article then rests on a copy, and the
row is at most medium.

Run from the repository root: .venv/bin/python docs/research/issue-16/apply.py
"""

import csv
import io
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from govgraph.data.sources import kind_of, parts  # noqa: E402


def lower(conf: str, cap: str) -> str:
    order = ["high", "medium", "low"]
    return order[max(order.index(conf or "high"), order.index(cap))]


def main() -> None:
    counts: Counter[str] = Counter()
    fixes: dict[str, dict[int, list[tuple[str, dict]]]] = defaultdict(lambda: defaultdict(list))
    for name in ("mirror-fixes", "articles"):
        for fix in csv.DictReader(open(HERE / f"{name}.csv", encoding="utf-8")):
            fixes[fix["file"]][int(fix["line"])].append((name, fix))
    for file, by_line in fixes.items():
        path = ROOT / file
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = list(reader.fieldnames or []), list(reader)
        for line, items in by_line.items():
            row = rows[line - 2]
            for name, fix in items:
                cell = parts(row["source"])
                if name == "mirror-fixes":
                    drop = set(parts(fix["mirror_url"]))
                    kept = [p for p in cell if p.split()[0] not in drop and kind_of(p) != "mirror"]
                    added = [p for p in parts(fix["replacement_url"]) if kind_of(p) != "mirror"]
                    new = kept + [p for p in added if p not in kept]
                    if not new:
                        new = [row["legal_basis"]] if row.get("legal_basis") else []
                    if not new:
                        counts["left without an acceptable source (kept, low)"] += 1
                        row["confidence"] = "low"
                        row["note"] = (row.get("note", "") + " Its only source was a document "
                                       "copy; no original was found.").strip()
                        row["source"] = " ; ".join(p for p in cell)
                        continue
                    row["source"] = " ; ".join(new)
                    if added:
                        counts["mirror replaced"] += 1
                        if fix["confidence"] in ("medium", "low"):
                            row["confidence"] = lower(row.get("confidence"), fix["confidence"])
                    else:
                        counts["mirror dropped (other sources support the row)"] += 1
                else:
                    if fix["old_legal_basis"] != row["legal_basis"]:
                        counts["article skipped (legal basis changed since)"] += 1
                        continue
                    row["legal_basis"] = fix["new_legal_basis"]
                    trusted = [p for p in parts(fix["source_url"]) if kind_of(p) != "mirror"]
                    copied = [p for p in parts(fix["source_url"]) if kind_of(p) == "mirror"]
                    row["source"] = " ; ".join(cell + [p for p in trusted if p not in cell])
                    if copied:
                        row["confidence"] = lower(row.get("confidence"), "medium")
                        row["note"] = (row.get("note", "") + " The article was read on a copy of "
                                       "the text.").strip()
                    counts["article named"] += 1
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")
    for what, n in counts.items():
        print(f"{n:4d}  {what}")


if __name__ == "__main__":
    main()
