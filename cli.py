"""Run govgraph from a checkout without installing it: ``python cli.py --help``.

The commands live in :mod:`govgraph.cli`, so an installed wheel (the ``govgraph`` command) works
without this file.
"""

from govgraph.cli import main

if __name__ == "__main__":
    main()
