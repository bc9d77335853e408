"""Every answer on the bundled dataset is the one pinned in tests/fixtures (scripts/pin-answers
writes it): a restructuring must not change what govgraph answers."""

from __future__ import annotations

import gzip
import importlib.machinery
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PINNED = Path(__file__).parent / "fixtures" / "pinned-answers.json.gz"


def _pin_script():
    loader = importlib.machinery.SourceFileLoader("pin_answers", str(ROOT / "scripts/pin-answers"))
    spec = importlib.util.spec_from_loader("pin_answers", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def _first_difference(old, new, path="") -> str | None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if key not in old or key not in new:
                return f"{path}/{key}: only in {'the pinned' if key in old else 'the new'} answers"
            found = _first_difference(old[key], new[key], f"{path}/{key}")
            if found:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            return f"{path}: {len(old)} pinned items, {len(new)} now"
        for number, (a, b) in enumerate(zip(old, new, strict=True)):
            found = _first_difference(a, b, f"{path}[{number}]")
            if found:
                return found
        return None
    return None if old == new else f"{path}: pinned {old!r}, now {new!r}"


def test_every_answer_is_the_pinned_one():
    pin = _pin_script()
    from govgraph.study import load_study

    new = json.loads(pin.as_json(pin.answers(load_study())))
    old = json.loads(gzip.decompress(PINNED.read_bytes()))
    assert _first_difference(old, new) is None


def test_the_comparison_sees_a_changed_answer():
    old = {"counterparts": {"a": [{"candidate": "x", "score": 0.5}]}}
    new = {"counterparts": {"a": [{"candidate": "x", "score": 0.51}]}}
    assert _first_difference(old, new) == "/counterparts/a[0]/score: pinned 0.5, now 0.51"
