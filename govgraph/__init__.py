"""govgraph: graph-based governance analysis for cross-border cooperation.

Example:
    >>> import govgraph
    >>> G = govgraph.load_graph()          # the bundled Three Borders dataset
    >>> G.graph["name"]
    'three-borders'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    import networkx as nx


def load_graph(path: str | Path | None = None) -> nx.MultiDiGraph:
    """Read, validate and build the dataset at ``path`` (default: the bundled dataset)."""
    from govgraph.data.build import build_graph
    from govgraph.data.dataset import default_dataset_path, read_dataset

    return build_graph(read_dataset(path if path is not None else default_dataset_path()))


__all__ = ["__version__", "load_graph"]
