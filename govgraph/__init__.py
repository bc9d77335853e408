"""govgraph: graph-based governance analysis for cross-border cooperation.

Example:
    >>> import govgraph
    >>> study = govgraph.load_study()      # the bundled Three Borders dataset
    >>> study.name
    'three-borders'
    >>> from govgraph.analysis.counterparts import counterparts
    >>> counterparts(study, "fr-apach", countries=["DE"], top=1)[0]["candidate"]
    'de-perl'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govgraph.version import __version__

if TYPE_CHECKING:
    from pathlib import Path

    import networkx as nx
    import pandas as pd

    from govgraph.study import Study


def load_study(path: str | Path | None = None, *, as_of: str | None = None) -> Study:
    """Read, validate and build the dataset at ``path`` (default: the bundled dataset) into a
    :class:`~govgraph.study.Study`, the object every analysis takes, as it was on ``as_of``
    (``YYYY-MM-DD``; default: the dataset's date, else today)."""
    from govgraph.study import load_study as load

    return load(path, as_of=as_of)


def load_graph(path: str | Path | None = None) -> nx.MultiDiGraph:
    """The governance graph of the dataset at ``path`` (default: the bundled dataset), not
    frozen: a plain ``networkx.MultiDiGraph`` to edit or export; ``Study(G)`` analyses it."""
    from govgraph.data.build import build_graph
    from govgraph.data.dataset import default_dataset_path, read_dataset

    return build_graph(read_dataset(path if path is not None else default_dataset_path()))


def frame(result: Any) -> pd.DataFrame:
    """Any analysis answer as a pandas DataFrame (see :func:`govgraph.render.frames.frame`)."""
    from govgraph.render.frames import frame as to_frame

    return to_frame(result)


def read_frames(path: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """The dataset at ``path`` (default: the bundled one), validated, as one pandas DataFrame per
    file (:func:`govgraph.render.frames.dataset_frames`)."""
    from govgraph.data.dataset import default_dataset_path, read_dataset
    from govgraph.render.frames import dataset_frames

    return dataset_frames(read_dataset(path or default_dataset_path()))


__all__ = ["__version__", "frame", "load_graph", "load_study", "read_frames"]
