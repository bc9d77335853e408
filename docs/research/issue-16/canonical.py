"""Rewrite the bundled data's sources to what a reader can open and trust, with govgraph's own
rules (govgraph.data.sources): a Wikipedia mirror becomes the canonical article it copies; a row
left resting only on an encyclopaedia or the press is at most confidence medium, with a note.

Run from the repository root: .venv/bin/python docs/research/issue-16/canonical.py
"""

import csv
import io
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from govgraph.data.sources import canonical, kind_of, parts  # noqa: E402

FOLDERS = ("datasets/reference", "datasets/three-borders", "datasets/greater-geneva",
           "datasets/minimal", "tests/fixtures/federal")
NOTE = "Rests on an encyclopaedia or the press only (medium)."


def main() -> None:
    counts: Counter[str] = Counter()
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).glob("*.csv")):
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                header, rows = reader.fieldnames, list(reader)
            if "source" not in (header or []):
                continue
            changed = False
            for row in rows:
                cell = parts(row["source"])
                new = []
                for part in cell:
                    url, *rest = part.split(" ", 1)
                    better = canonical(url)
                    if better:
                        counts["mirror URL → canonical"] += kind_of(url) == "mirror"
                        counts["mobile/http Wikipedia → canonical"] += kind_of(url) != "mirror"
                        part = " ".join([better, *rest])
                    if part not in new:
                        new.append(part)
                if new != cell:
                    row["source"] = " ; ".join(new)
                    changed = True
                kinds = [kind_of(p) for p in new]
                weak = kinds and all(k in ("encyclopaedia", "press") for k in kinds)
                if weak and (row.get("confidence") or "high") == "high" and "confidence" in header:
                    row["confidence"] = "medium"
                    row["note"] = f"{row.get('note') or ''} {NOTE}".strip()
                    counts["high → medium (encyclopaedia or press only)"] += 1
                    changed = True
            if changed:
                buf = io.StringIO()
                writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
                path.write_text(buf.getvalue(), encoding="utf-8")
    for what, n in counts.items():
        print(f"{n:5d}  {what}")


if __name__ == "__main__":
    main()
