"""The ``govgraph`` command line: a thin layer over the library.

Every command reads a dataset (``--dataset DIR``, default: the bundled Three Borders dataset),
calls one library function and prints its plain data as a table, JSON or CSV. User errors become
one clear message on stderr and a non-zero exit status, never a traceback.

Example:
    $ govgraph actors --country LU --search schengen
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from govgraph import __version__, model
from govgraph.errors import AmbiguousError, DatasetError, GovgraphError

if TYPE_CHECKING:
    import networkx as nx

F = TypeVar("F", bound=Callable[..., Any])

EXIT_USER_ERROR = 1
EXIT_AMBIGUOUS = 2


class GovgraphGroup(click.Group):
    """A click group that turns govgraph's own errors into messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DatasetError as exc:
            click.echo(f"error: {exc}:", err=True)
            for problem in exc.problems:
                click.echo(f"  {problem}", err=True)
            ctx.exit(EXIT_USER_ERROR)
        except AmbiguousError as exc:
            click.echo(f"error: {exc}", err=True)
            for candidate in exc.candidates:
                click.echo(f"  {candidate}", err=True)
            ctx.exit(EXIT_AMBIGUOUS)
        except GovgraphError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_USER_ERROR)


def dataset_option(func: F) -> F:
    """``--dataset DIR`` (default: the bundled Three Borders dataset)."""
    return click.option(
        "--dataset",
        "dataset_dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Dataset folder (default: the bundled Three Borders dataset).",
    )(func)


def format_option(func: F) -> F:
    """``--format table|json|csv``."""
    from govgraph.output import FORMATS

    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)


def load(dataset_dir: Path | None) -> nx.MultiDiGraph:
    """Read, validate and build the dataset (the bundled one when ``dataset_dir`` is None)."""
    from govgraph import load_graph

    return load_graph(dataset_dir)


@click.group(cls=GovgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="govgraph")
def main() -> None:
    """govgraph: who is my counterpart across the border, and where does governance fall through?

    Actors, territories and competences of a border region as one graph, from a dataset folder
    (CSV files and a manifest). Without --dataset, commands use the bundled Three Borders dataset
    (Bouzonville and Sierck-les-Bains, FR-DE-LU).

    \b
    Examples:
      govgraph info
      govgraph actors --country DE --search merzig
      govgraph validate path/to/my-border
    """


@main.command()
@click.argument("directory", type=click.Path(path_type=Path), required=False)
@dataset_option
def validate(directory: Path | None, dataset_dir: Path | None) -> None:
    """Check a dataset folder and report every problem.

    Exit status 0 and a one-line summary when the dataset is valid; 1 and every problem (as
    file:row: column: what is wrong — how to fix it) when it is not.

    \b
    Examples:
      govgraph validate                       # the bundled dataset
      govgraph validate datasets/three-borders
    """
    from govgraph.dataset import default_dataset_path, read_dataset

    path = directory or dataset_dir or default_dataset_path()
    dataset = read_dataset(path)
    counts = ", ".join(
        f"{len(dataset.tables[t])} {t}"
        for t in ("actors", "territories", "initiatives", "holdings", "relations")
    )
    click.echo(f"valid: {dataset.name} {dataset.manifest['version']} ({path}) — {counts}")


@main.command()
@dataset_option
@format_option
def info(dataset_dir: Path | None, fmt: str) -> None:
    """Counts of nodes and relationships, actors by country, tier and kind, cross-border share.

    \b
    Examples:
      govgraph info
      govgraph info --format json
    """
    from govgraph.explore import summary
    from govgraph.output import csv_text, json_text

    data = summary(load(dataset_dir))
    if fmt == "json":
        click.echo(json_text(data))
        return
    rows = [
        {"section": section, "key": key, "value": value}
        for section, values in data.items()
        for key, value in values.items()
    ]
    if fmt == "csv":
        click.echo(csv_text(rows))
        return
    ds = data["dataset"]
    click.echo(f"{ds['title']} — {ds['name']} {ds['version']} ({ds['date'] or 'undated'})")
    for section, values in data.items():
        if section == "dataset":
            continue
        click.echo(f"\n{section.replace('_', ' ')}:")
        for key, value in values.items():
            click.echo(f"  {key:<28} {value}")


@main.command()
@dataset_option
@click.option("--country", help="ISO country code, e.g. FR, DE, LU.")
@click.option("--tier", type=click.Choice(model.TIERS), help="Harmonised tier.")
@click.option("--kind", type=click.Choice(model.ACTOR_KINDS), help="Kind of actor.")
@click.option("--search", help="Text in any of the actor's names (accents and case ignored).")
@format_option
def actors(
    dataset_dir: Path | None,
    country: str | None,
    tier: str | None,
    kind: str | None,
    search: str | None,
    fmt: str,
) -> None:
    """Find actors by country, tier, kind or name.

    \b
    Examples:
      govgraph actors --search sierck
      govgraph actors --search "merzig wadern"
      govgraph actors --country LU --tier national --format csv
    """
    from govgraph.explore import check_country, find_actors
    from govgraph.output import render

    G = load(dataset_dir)
    code = check_country(G, country) if country else None
    rows = find_actors(G, country=code, tier=tier, kind=kind, search=search)
    if not rows:
        click.echo("no actor matches", err=True)
        sys.exit(EXIT_USER_ERROR)
    columns = ("id", "name", "kind", "country", "level", "tier")
    click.echo(render(rows, fmt, None if fmt != "table" else columns))
