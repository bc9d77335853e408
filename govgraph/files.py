"""Writing output files whole or not at all: a reader never sees a half-written file or folder.

Example:
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "page.html"
    >>> write_atomically(out, "<p>hello</p>")
    >>> out.read_text(encoding="utf-8")
    '<p>hello</p>'
    >>> check_output(out, force=False)
    Traceback (most recent call last):
    ...
    govgraph.files.OutputExistsError: ... already exists: choose another path or pass --force
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from govgraph.errors import GovgraphError

__all__ = ["OutputExistsError", "atomic_file", "atomic_folder", "check_output", "write_atomically"]


class OutputExistsError(GovgraphError):
    """The output path exists and overwriting was not allowed."""


def check_output(path: str | Path, force: bool) -> None:
    """Refuse to overwrite ``path`` unless ``force``, and to write into a folder that does not
    exist (a typo would otherwise create a folder tree nobody asked for)."""
    folder = Path(path).parent
    if not folder.is_dir():
        raise GovgraphError(
            f"cannot write {path}: the folder {folder} does not exist — create it first "
            f"(mkdir -p {folder}) or choose another path"
        )
    if Path(path).exists() and not force:
        raise OutputExistsError(f"{path} already exists: choose another path or pass --force")


@contextmanager
def atomic_file(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to; it replaces ``target`` when the block
    ends without an error, and is removed otherwise."""
    final = Path(target)
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(f".{final.name}.partial")
    try:
        yield partial
        partial.replace(final)
    finally:
        partial.unlink(missing_ok=True)


def write_atomically(target: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` whole or not at all."""
    with atomic_file(target) as partial:
        partial.write_text(text, encoding="utf-8")


@contextmanager
def atomic_folder(target: str | Path) -> Iterator[Path]:
    """A staging folder beside ``target`` to fill; it replaces ``target`` (file or folder) when
    the block ends without an error, and is removed otherwise."""
    final = Path(target)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=final.parent))
    try:
        yield staging
        if final.is_dir() and not final.is_symlink():
            shutil.rmtree(final)
        elif final.exists() or final.is_symlink():
            final.unlink()
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
