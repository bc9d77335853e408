"""The version of govgraph, one place for it (the package, the CLI and the files it writes)."""

__all__ = ["__version__"]

__version__ = "0.1.0"
