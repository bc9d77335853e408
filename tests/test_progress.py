"""Progress of the long steps: each reports what it does and reaches its total; the CLI draws
bars on a terminal only."""

from __future__ import annotations

import contextlib
import os
import pty
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL, Recorder

import govgraph
from govgraph.data.export import write_dataset
from govgraph.data.synth import write_synthetic
from govgraph.progress import reporting, step

ROOT = Path(__file__).resolve().parents[1]


def test_a_step_without_a_listener_does_nothing():
    with step("alone", 3) as advance:
        advance()
        advance(2)


def test_reading_building_and_indexing_each_report_to_the_end():
    recorder = Recorder()
    with reporting(recorder):
        govgraph.load_study(MINIMAL)
    assert recorder.finished() == {
        f"reading {MINIMAL.name}": True,
        "building the graph": True,
        "indexing the study": True,
    }


def test_export_and_synthetic_data_report_to_the_end(tmp_path):
    recorder = Recorder()
    G = govgraph.load_graph(MINIMAL)
    with reporting(recorder):
        write_dataset(G, tmp_path / "out")
        write_synthetic(tmp_path / "synth", actors=300, seed=2)
    assert recorder.finished() == {
        "exporting to out": True,
        "generating 300 synthetic actors": True,
    }


def test_the_listener_is_only_inside_its_block():
    recorder = Recorder()
    with reporting(recorder):
        pass
    govgraph.load_graph(MINIMAL)
    assert recorder.steps == {}


def _stderr_on_a_terminal(args: list[str]) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal; its exit status and what the terminal got."""
    main, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, str(ROOT / "cli.py"), *args],
            stdout=subprocess.DEVNULL,
            stderr=terminal,
            timeout=300,
            check=False,
        )
    finally:
        os.close(terminal)
    shown = b""
    with contextlib.suppress(OSError):  # the terminal closes when it is read empty
        while chunk := os.read(main, 65536):
            shown += chunk
    os.close(main)
    return done.returncode, shown.decode(errors="replace")


def test_the_cli_draws_bars_on_a_terminal_and_nothing_in_a_pipe(tmp_path):
    status, shown = _stderr_on_a_terminal(["export", "--out", str(tmp_path / "a")])
    assert status == 0
    assert "reading three-borders" in shown and "100%" in shown
    assert "exporting to a" in shown
    status, quiet = _stderr_on_a_terminal(["--quiet", "export", "--out", str(tmp_path / "b")])
    assert status == 0 and "exporting" not in quiet
    piped = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "export", "--out", str(tmp_path / "c")],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert "exporting" not in piped.stderr and "%" not in piped.stderr
