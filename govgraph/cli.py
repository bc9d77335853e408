"""The ``govgraph`` command line: a thin layer over the library.

Every command reads a dataset (``--dataset DIR``, default: the bundled Three Borders dataset),
calls one library function and prints its plain data as a table, JSON or CSV. User errors become
one clear message on stderr and a non-zero exit status, never a traceback.

Example:
    $ govgraph actors --country LU --search schengen
"""

from __future__ import annotations

import functools
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from govgraph import model
from govgraph.errors import AmbiguousError, DatasetError, GovgraphError
from govgraph.version import __version__

if TYPE_CHECKING:
    import networkx as nx
    from neo4j import Driver

    from govgraph.store.settings import Neo4jSettings
    from govgraph.study import Study

F = TypeVar("F", bound=Callable[..., Any])

EXIT_USER_ERROR = 1
EXIT_AMBIGUOUS = 2
EXIT_INTERRUPTED = 130


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
        except KeyboardInterrupt:
            click.echo(
                "interrupted; if a load was running, its dataset is marked as partly loaded: "
                "run the same govgraph load again",
                err=True,
            )
            ctx.exit(EXIT_INTERRUPTED)


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
    from govgraph.render.tables import FORMATS

    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)


@dataclass(frozen=True)
class Connection:
    """Neo4j connection options; the password comes from NEO4J_PASSWORD, NEO4J_PASSWORD_FILE or
    a hidden prompt."""

    uri: str | None = None
    username: str | None = None
    database: str | None = None

    def settings(self) -> Neo4jSettings:
        from govgraph.store.settings import Neo4jSettings

        env = dict(os.environ)
        if (
            not env.get("NEO4J_PASSWORD")
            and not env.get("NEO4J_PASSWORD_FILE")
            and sys.stdin.isatty()
        ):
            env["NEO4J_PASSWORD"] = click.prompt("Neo4j password", hide_input=True, err=True)
        return Neo4jSettings.from_mapping(
            env, uri=self.uri, username=self.username, database=self.database
        )

    @contextmanager
    def driver(self) -> Iterator[tuple[Driver, str | None]]:
        """An open driver and the database name; closed on exit."""
        from govgraph.store.settings import connect

        settings = self.settings()
        driver = connect(settings)
        try:
            yield driver, settings.database
        finally:
            driver.close()


@dataclass(frozen=True)
class GraphSource:
    """Where a command reads its graph: a dataset folder, or a dataset in Neo4j (``--neo4j``)."""

    dataset_dir: Path | None = None
    neo4j: bool = False
    dataset_name: str | None = None
    connection: Connection = Connection()
    as_of: str | None = None

    def graph(self) -> nx.MultiDiGraph:
        """The whole graph (every fact, whatever its dates) of the dataset folder, or of the
        dataset as loaded in Neo4j."""
        import govgraph

        if not self.neo4j:
            return govgraph.load_graph(self.dataset_dir)
        from govgraph.data.dataset import default_dataset_path, read_manifest_name
        from govgraph.store.neo4j import pull

        name = self.dataset_name or read_manifest_name(self.dataset_dir or default_dataset_path())
        with self.connection.driver() as (driver, database):
            return pull(driver, name, database=database)

    def study(self) -> Study:
        """The study of the graph on ``--as-of`` (default: the dataset's date, else today)."""
        from govgraph.study import Study, check_day, default_day

        day = check_day(self.as_of) if self.as_of else None
        G = self.graph()
        return Study(G, day or default_day(G))


def connection_options(func: F) -> F:
    """``--uri``, ``--username``, ``--database`` (default: NEO4J_URI, NEO4J_USERNAME,
    NEO4J_DATABASE); passed on as ``connection``."""

    @functools.wraps(func)
    def wrapper(
        *args: Any, uri: str | None, username: str | None, database: str | None, **kwargs: Any
    ) -> Any:
        return func(*args, connection=Connection(uri, username, database), **kwargs)

    for name, help_text in (
        ("--database", "Neo4j database (default: NEO4J_DATABASE, or the server's default)."),
        ("--username", "Neo4j user (default: NEO4J_USERNAME, or neo4j)."),
        ("--uri", "Neo4j URI, bolt:// or neo4j:// (default: NEO4J_URI)."),
    ):
        wrapper = click.option(name, default=None, help=help_text)(wrapper)
    return wrapper  # type: ignore[return-value]


def lang_option(help_text: str) -> Callable[[F], F]:
    """``--lang en|fr|de`` for a command that writes a page."""
    return click.option(
        "--lang",
        type=click.Choice(["en", "fr", "de"]),
        default="en",
        show_default=True,
        help=help_text,
    )


def source_options(func: F) -> F:
    """``--dataset DIR`` or ``--neo4j [--dataset-name NAME]`` plus the connection options;
    passed on as ``source``."""

    @functools.wraps(func)
    def wrapper(
        *args: Any,
        dataset_dir: Path | None,
        neo4j: bool,
        dataset_name: str | None,
        connection: Connection,
        as_of: str | None,
        **kwargs: Any,
    ) -> Any:
        source = GraphSource(dataset_dir, neo4j, dataset_name, connection, as_of)
        return func(*args, source=source, **kwargs)

    wrapper = connection_options(wrapper)
    wrapper = click.option(
        "--as-of",
        "as_of",
        default=None,
        metavar="YYYY-MM-DD",
        help="The day the answer is about: bodies, holdings and ties not valid then are left "
        "out. Default: the dataset's date, else today (export: every fact).",
    )(wrapper)
    wrapper = click.option(
        "--dataset-name",
        default=None,
        help="With --neo4j: the dataset's name in Neo4j (default: the --dataset's name).",
    )(wrapper)
    wrapper = click.option(
        "--neo4j", is_flag=True, help="Read the graph from Neo4j instead of the CSV files."
    )(wrapper)
    return dataset_option(wrapper)  # type: ignore[return-value]


class _WarningEcho(logging.Handler):
    """govgraph's log records on stderr, one line each: ``warning: …`` (``info: …`` with -v)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"{record.levelname.lower()}: {record.getMessage()}", err=True)


_WARNINGS = _WarningEcho(logging.WARNING)
logging.getLogger("govgraph").addHandler(_WARNINGS)


def _terminal_width() -> int | None:
    """The width tables fit: COLUMNS, else the terminal's; None in a pipe (no limit)."""
    import os
    import shutil

    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


@click.group(cls=GovgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="govgraph")
@click.option("--wide", is_flag=True, help="Tables at full width (default: they fit the terminal).")
@click.option("-v", "--verbose", is_flag=True, help="Also log what each step does (info).")
@click.option("--quiet", is_flag=True, help="Log only errors (no warnings).")
def main(wide: bool, verbose: bool, quiet: bool) -> None:
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
    from govgraph.render.tables import TABLE_WIDTH

    if verbose and quiet:
        raise click.UsageError("give --verbose or --quiet, not both")
    TABLE_WIDTH.set(None if wide else _terminal_width())
    level = logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING
    logging.getLogger("govgraph").setLevel(level)
    _WARNINGS.setLevel(level)
    if sys.stderr.isatty() and not quiet:  # bars on a terminal, nothing in a pipe or a log
        from govgraph.progress import reporting

        click.get_current_context().with_resource(reporting(_terminal_bar))


@contextmanager
def _terminal_bar(label: str, total: int) -> Iterator[Callable[..., None]]:
    """A long step of the library as a bar on stderr (see :mod:`govgraph.progress`)."""
    with click.progressbar(length=max(total, 1), label=label, file=sys.stderr) as bar:
        yield lambda done=1: bar.update(done)


def _read_quietly(path: Path) -> Any:
    """The dataset at ``path``, its warnings not logged (the caller lists them)."""
    from govgraph.data.dataset import read_dataset

    before = _WARNINGS.level
    _WARNINGS.setLevel(logging.ERROR)
    try:
        return read_dataset(path)
    finally:
        _WARNINGS.setLevel(before)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path), required=False)
@dataset_option
@click.option("--strict", is_flag=True, help="Warnings about sources are errors (exit status 1).")
def validate(directory: Path | None, dataset_dir: Path | None, strict: bool) -> None:
    """Check a dataset folder and report every problem, then every warning.

    Exit status 0 and a one-line summary when the dataset is valid; 1 and every problem (as
    file:row: column: what is wrong — how to fix it) when it is not. Warnings (a population
    without its date; sources a reader can't trust: a mirror or scraper site, a bare homepage
    for a specific fact, an allocation whose legal basis names no article, a confidence high on
    an encyclopaedia or the press alone) are listed after; with --strict the source warnings
    make the exit status 1.

    \b
    Examples:
      govgraph validate                       # the bundled dataset
      govgraph validate datasets/greater-geneva --strict
    """
    from govgraph.data.dataset import default_dataset_path
    from govgraph.data.sources import manifest_source_warnings, source_warnings

    path = directory or dataset_dir or default_dataset_path()
    dataset = _read_quietly(path)
    counts = ", ".join(
        f"{len(dataset.tables[t])} {t}"
        for t in ("actors", "territories", "initiatives", "holdings", "relations")
    )
    click.echo(f"valid: {dataset.name} {dataset.manifest['version']} ({path}) — {counts}")
    manifest_file = str(dataset.path / "manifest.json")
    judged = sorted(source_warnings(dataset.tables)) + list(
        manifest_source_warnings(dataset.manifest, manifest_file)
    )
    for title, warnings in (("", dataset.warnings), ("about sources ", judged)):
        if warnings:
            noun = "warning" if len(warnings) == 1 else "warnings"
            click.echo(f"{len(warnings)} {noun} {title}(valid, but worth mending):")
            for warning in warnings:
                click.echo(f"  {warning}")
    if strict and judged:
        noun = "warning" if len(judged) == 1 else "warnings"
        click.echo(f"error: {len(judged)} {noun} about sources (--strict)", err=True)
        sys.exit(EXIT_USER_ERROR)


@main.command()
@click.argument("directory", type=click.Path(path_type=Path), required=False)
@dataset_option
@format_option
def sources(directory: Path | None, dataset_dir: Path | None, fmt: str) -> None:
    """What a dataset rests on: hosts, kinds of source, confidence, and the weak rows.

    The kinds: official (governments, public bodies, law portals), legal (a legal reference),
    encyclopaedia, press, other, mirror (a site that copies Wikipedia or documents). The table
    gives the shares, the confidence mix, the hosts and every weak row (what validate warns
    about); json gives all of it; csv one row per host.

    \b
    Examples:
      govgraph sources
      govgraph sources datasets/greater-geneva --format json
      govgraph sources --format csv > hosts.csv
    """
    from govgraph.data.dataset import default_dataset_path
    from govgraph.data.sources import source_report
    from govgraph.render.tables import json_text, render

    report = source_report(_read_quietly(directory or dataset_dir or default_dataset_path()).tables)
    if fmt == "json":
        click.echo(json_text(report))
        return
    if fmt == "csv":
        click.echo(render(report["hosts"], "csv", ("host", "kind", "count")))
        return
    kinds = [{"kind": k, **v} for k, v in report["kinds"].items()]
    mix = ", ".join(f"{c} {n}" for c, n in report["confidence"].items())
    click.echo(f"{report['rows']} rows, {report['sources']} sources; confidence: {mix}\n")
    click.echo(render(kinds, "table", ("kind", "count", "share")))
    click.echo("\nhosts (the 20 most cited):")
    click.echo(render(report["hosts"][:20], "table", ("host", "kind", "count")))
    if report["weak"]:
        click.echo(f"\n{len(report['weak'])} weak sources:")
        click.echo(render(report["weak"], "table", ("file", "row", "column", "problem", "fix")))
    else:
        click.echo("\nno weak source: every row cites what a reader can open and trust")


@main.command()
@source_options
@format_option
def info(source: GraphSource, fmt: str) -> None:
    """Counts of nodes and relationships, actors by country, tier and kind, cross-border share.

    \b
    Examples:
      govgraph info
      govgraph info --format json
      govgraph info --neo4j               # the dataset as loaded in Neo4j
    """
    _print_summary(source.study(), fmt)


def _print_summary(study: Study, fmt: str) -> None:
    from govgraph.analysis.actors import summary
    from govgraph.render.answers import summary_text

    click.echo(summary_text(summary(study), fmt))


@main.command()
@source_options
@click.option("--country", help="ISO country code (FR, DE, LU) or subdivision (DE-SL, DE-RP).")
@click.option("--tier", type=click.Choice(model.TIERS), help="Harmonised tier.")
@click.option("--kind", type=click.Choice(model.ACTOR_KINDS), help="Kind of actor.")
@click.option("--search", help="Text in any of the actor's names (accents and case ignored).")
@format_option
def actors(
    source: GraphSource,
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
    from govgraph.analysis.actors import check_country, find_actors
    from govgraph.render.tables import render

    study = source.study()
    code = check_country(study, country) if country else None
    rows = find_actors(study, country=code, tier=tier, kind=kind, search=search)
    if not rows:
        click.echo("no actor matches", err=True)
        sys.exit(EXIT_USER_ERROR)
    columns = ["id", "name", "kind", "country", "level", "tier"]
    columns[4:4] = [c for c in ("subdivision",) if any(r[c] for r in rows)]
    columns += [c for c in ("former_names",) if any(r[c] for r in rows)]
    click.echo(render(rows, fmt, None if fmt != "table" else columns))


@main.command(name="load")
@click.argument("directory", type=click.Path(path_type=Path), required=False)
@dataset_option
@connection_options
@click.option(
    "--batch-size",
    default=2000,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Rows per UNWIND statement.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Write every row again, even where nothing changed since the last load (after "
    "editing the data in Neo4j by hand).",
)
def load_command(
    directory: Path | None,
    dataset_dir: Path | None,
    connection: Connection,
    batch_size: int,
    full: bool,
) -> None:
    """Validate a dataset and write it into Neo4j (idempotent), every fact whatever its dates.

    Constraints and indexes first (cypher/schema.cypher), then only what differs from the stored
    version, in batched UNWIND statements: new rows, changed rows, removed rows. Loading again
    without a change writes nothing; loading a changed dataset leaves exactly its new version and
    never touches other datasets in the same database. The connection comes from
    NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE (or the options).

    \b
    Examples:
      eval "$(scripts/neo4j-local start)"
      govgraph load                           # the bundled dataset
      govgraph load path/to/my-border --database neo4j
    """
    import govgraph
    from govgraph.store.neo4j import load

    G = govgraph.load_graph(directory or dataset_dir)  # every fact, whatever its dates
    total = G.number_of_nodes() + G.number_of_edges()
    with connection.driver() as (driver, database), load_progress(total) as progress:
        summary = load(
            driver,
            G,
            database=database,
            batch_size=batch_size,
            progress=progress,
            rewrite_all=full,
        )
    data = summary.as_dict()
    click.echo(
        f"loaded {data['dataset']} {data['version']}: nodes {data['nodes_created']} created, "
        f"{data['nodes_updated']} updated, {data['nodes_removed']} removed; relationships "
        f"{data['relationships_created']} created, {data['relationships_updated']} updated, "
        f"{data['relationships_removed']} removed"
    )


@contextmanager
def load_progress(total: int) -> Iterator[Callable[[int, int], None]]:
    """The progress callback of a load: a bar on a terminal, nothing in a pipe; either way a
    Ctrl-C takes effect at the next batch (see :func:`interrupt_between_batches`)."""
    with interrupt_between_batches() as stop_point:
        if not sys.stderr.isatty():
            yield lambda _count, _total: stop_point()
            return
        with click.progressbar(length=total, label="loading", file=sys.stderr) as bar:
            done = [0]

            def progress(count: int, rows: int) -> None:
                bar.length = max(rows, 1)  # the rows that changed, known once compared
                bar.update(count - done[0])
                done[0] = count
                stop_point()

            yield progress


@contextmanager
def interrupt_between_batches() -> Iterator[Callable[[], None]]:
    """Defer Ctrl-C to the next batch boundary of a load (yielded check raises it there).

    An interrupt in the middle of the driver's network read leaves its connection half-read and
    the open transaction holding the dataset's lock; deferring it keeps the load's own clean-up
    working. A second Ctrl-C interrupts at once.
    """
    requested = threading.Event()

    def on_interrupt(_signum: int, _frame: object) -> None:
        if requested.is_set():
            raise KeyboardInterrupt
        requested.set()

    def stop_point() -> None:
        if requested.is_set():
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield stop_point
    finally:
        signal.signal(signal.SIGINT, previous)


@main.command()
@click.option("--dataset-name", required=True, help="Name of the dataset in Neo4j.")
@connection_options
@format_option
def pull(dataset_name: str, connection: Connection, fmt: str) -> None:
    """Read a dataset back from Neo4j and summarise it (as govgraph info does).

    \b
    Examples:
      govgraph pull --dataset-name three-borders
      govgraph pull --dataset-name three-borders --format json
    """
    _print_summary(GraphSource(None, True, dataset_name, connection).study(), fmt)


@main.command()
@source_options
@click.option(
    "--from-neo4j",
    "from_neo4j",
    metavar="NAME",
    default=None,
    help="Export the dataset NAME as stored in Neo4j (same as --neo4j --dataset-name).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder (dataset, neo4j-import) or file (graphml, gexf) to write.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("dataset", "graphml", "gexf", "neo4j-import")),
    default="dataset",
    show_default=True,
    help="What to write.",
)
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
def export(source: GraphSource, from_neo4j: str | None, out: Path, fmt: str, force: bool) -> None:
    """Write the graph as a dataset folder (CSV), as GraphML or GEXF for Gephi, yEd, Cytoscape,
    or as the files of Neo4j's bulk importer.

    A dataset folder holds the whole reference it was built with, so reading it back gives the
    same graph. A neo4j-import folder holds what govgraph load stores, for a first load of the
    local server without Cypher (scripts/neo4j-local import FOLDER, docs/neo4j-local.md).
    Refuses to overwrite an existing --out unless --force is given.

    \b
    Examples:
      govgraph export --from-neo4j three-borders --out edited-in-neo4j/
      govgraph export --format graphml --out three-borders.graphml
      govgraph export --format gexf --out three-borders.gexf --force
      govgraph export --format neo4j-import --out three-borders-import/
    """
    from govgraph.data.export import write_dataset, write_network
    from govgraph.files import check_output
    from govgraph.store.bulk import write_import

    check_output(out, force)
    if from_neo4j:
        source = GraphSource(None, True, from_neo4j, source.connection, source.as_of)
    G = source.graph()
    if source.as_of:  # an export keeps the whole history unless a day is asked for
        from govgraph.study import valid_on

        G = valid_on(G, source.as_of)
    if fmt == "dataset":
        write_dataset(G, out, force=force)
    elif fmt == "neo4j-import":
        write_import(G, out, force=force)
    else:
        write_network(G, out, fmt, force=force)
    click.echo(f"wrote {out} ({fmt}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")


@main.command()
@click.argument("query")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Query parameter; JSON values (numbers, lists) are decoded. Repeatable.",
)
@click.option("--write", is_flag=True, help="Allow the query to change the database.")
@connection_options
@format_option
def cypher(
    query: str, params: tuple[str, ...], write: bool, connection: Connection, fmt: str
) -> None:
    """Run a Cypher query: a ready query of cypher/ by name, a .cypher file, or query text.

    Read-only unless --write is given: Neo4j itself refuses a write in a read transaction.
    Ready queries: actors_of_territory, competence_holders_around, counterpart_candidates,
    no_holder_on_one_side, level_mismatch, missing_dialogue, cooperation_paths (see
    cypher/README.md for their parameters).

    \b
    Examples:
      govgraph cypher counterpart_candidates --param dataset=three-borders \\
          --param actor=fr-cc-bouzonvillois-trois-frontieres --param country=DE
      govgraph cypher "MATCH (a:Actor {dataset: \\$d}) RETURN count(a) AS n" --param d=three-borders
    """
    from govgraph.render.tables import render
    from govgraph.store.cypher import (
        parse_params,
        query_text,
        ready_queries,
        resolve_actor_params,
        run_query,
    )

    text = query_text(query)
    values = parse_params(list(params))
    ready = query in ready_queries()
    with connection.driver() as (driver, database):
        if ready:  # a ready query's actor parameters take names, as the other commands do
            values, notes = resolve_actor_params(driver, values, database)
            for note in notes:
                click.echo(f"note: {note}", err=True)
        rows = run_query(driver, text, values, write=write, database=database)
    if not rows:
        given = ", ".join(f"{k}={v}" for k, v in values.items())
        click.echo(
            f"no rows: the query matched nothing for {given or 'no parameters'}"
            + (" (see cypher/README.md for what each parameter means)" if ready else ""),
            err=True,
        )
        if fmt == "table":
            click.echo("(no rows)")
            return
    click.echo(render(rows, fmt))


@main.command(name="counterparts")
@click.argument("actor")
@click.option(
    "--country",
    "countries",
    multiple=True,
    help="Target country (ISO code) or subdivision (DE-RP); repeatable. Default: every country"
    " near the actor.",
)
@click.option("--competence", help="Rank by who holds this competence (and the narrower ones).")
@click.option("--theme", help="Compare only the competences of this theme.")
@click.option(
    "--top",
    default=5,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="Candidates per country.",
)
@click.option("--explain", is_flag=True, help="Show each candidate's reasons and sources.")
@click.option(
    "--weight",
    "weight_pairs",
    multiple=True,
    metavar="PART=VALUE",
    help="Change a weight: competence, tier, proximity, scale or kind. Repeatable.",
)
@click.option(
    "--weights",
    "weight_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="JSON or TOML file of weights (see docs/counterparts.md).",
)
@click.option(
    "--max-distance",
    default=3,
    show_default=True,
    type=click.IntRange(0, 20),
    help="Border steps searched around the actor.",
)
@source_options
@format_option
def counterparts_command(
    actor: str,
    countries: tuple[str, ...],
    competence: str | None,
    theme: str | None,
    top: int,
    explain: bool,
    weight_pairs: tuple[str, ...],
    weight_file: Path | None,
    max_distance: int,
    source: GraphSource,
    fmt: str,
) -> None:
    """Rank the actors across the border by how equivalent they are to ACTOR, with the reasons.

    ACTOR is an id or a name in any language (accents and case ignored); a name that fits
    several actors lists them and exits with status 2. The score combines the competences both
    hold, how close their tiers are, how near they are (border steps), their size and their
    kind (docs/counterparts.md). With --competence the question becomes "who holds this
    competence on the other side?", and a counterpart at another tier says so.

    \b
    Examples:
      govgraph counterparts "CC Bouzonvillois" --explain
      govgraph counterparts fr-cc-bouzonvillois-trois-frontieres --competence public_transport
      govgraph counterparts Bouzonville --country DE --top 3 --format json
      govgraph counterparts "Département de la Moselle" --weight tier=0.4
    """
    from govgraph.analysis.counterparts import counterparts, weights_from_options
    from govgraph.render.answers import counterparts_text

    if competence and theme:
        raise click.UsageError("give --competence or --theme, not both")
    study = source.study()
    actor_id = _actor(study, actor)
    competence = _competence(study, competence)
    weights = weights_from_options(weight_file, weight_pairs, holder_mode=bool(competence))
    rows = counterparts(
        study,
        actor_id,
        countries=countries or None,
        competence=competence,
        theme=theme,
        top=top,
        weights=weights,
        max_distance=max_distance,
    )
    if not rows:
        _say_why_empty(study, actor_id, competence, theme, countries, max_distance, fmt)
    text = counterparts_text(
        study, actor_id, rows, fmt, competence=competence, theme=theme, explain=explain
    )
    click.echo(text)


def _competence(study: Study, text: str | None) -> str | None:
    """The competence id ``text`` names (an id or a name in any language of the catalogue);
    a note on stderr when it was a name."""
    if not text:
        return None
    from govgraph.analysis.counterparts import resolve_competence

    found = resolve_competence(study, text)
    if found != text:
        click.echo(f"note: '{text}' is the competence {found}", err=True)
    return found


def _actor(study: Study, text: str) -> str:
    """The actor named ``text`` (see ``resolve_actor``); a note on stderr when ``text`` is one of
    its former names."""
    from govgraph.analysis.actors import former_name_note, resolve_actor

    actor = resolve_actor(study, text)
    note = former_name_note(study, actor, text)
    if note:
        click.echo(f"note: {note}", err=True)
    return actor


def _say_why_empty(
    study: Study,
    actor: str,
    competence: str | None,
    theme: str | None,
    countries: tuple[str, ...],
    max_distance: int,
    fmt: str,
    own_side: bool = False,
) -> None:
    """An empty answer is a sentence on stderr: why, and what to try; a table exits 1."""
    from govgraph.analysis.counterparts import why_empty

    reason = why_empty(
        study,
        actor,
        competence=competence,
        theme=theme,
        countries=countries or None,
        max_distance=max_distance,
        own_side=own_side,
    )
    click.echo(f"no answer: {reason}", err=True)
    if fmt == "table":
        sys.exit(EXIT_USER_ERROR)


@main.command()
@click.argument("competence", required=False)
@click.option("--theme", help="Every competence of this theme instead of one competence.")
@click.option("--around", "around", required=True, help="Actor id or name.")
@click.option(
    "--country",
    "countries",
    multiple=True,
    help="Only this country or subdivision (DE-SL); repeatable.",
)
@click.option(
    "--max-distance",
    default=2,
    show_default=True,
    type=click.IntRange(0, 20),
    help="Border steps searched around the actor.",
)
@source_options
@format_option
def who(
    competence: str | None,
    theme: str | None,
    around: str,
    countries: tuple[str, ...],
    max_distance: int,
    source: GraphSource,
    fmt: str,
) -> None:
    """Who holds COMPETENCE (or a theme) around an actor, on each side of the border.

    For each country near the actor: the actors that hold the competence (or a narrower one)
    for the area, with role, national level and tier, nearest first.

    \b
    Examples:
      govgraph who public_transport --around "CC Bouzonvillois"
      govgraph who --theme public_services_healthcare --around Sierck-les-Bains --format csv
    """
    from govgraph.analysis.counterparts import who as who_holds
    from govgraph.render.answers import who_text

    if bool(competence) == bool(theme):
        raise click.UsageError("give a COMPETENCE or --theme (one of them)")
    study = source.study()
    actor = _actor(study, around)
    competence = _competence(study, competence)
    rows = who_holds(
        study,
        actor,
        competence=competence,
        theme=theme,
        countries=countries or None,
        max_distance=max_distance,
    )
    if not rows:
        _say_why_empty(study, actor, competence, theme, countries, max_distance, fmt, True)
    click.echo(who_text(rows, fmt))


@main.command()
@click.option(
    "--countries",
    help="Comma-separated ISO country or subdivision codes (DE-SL). Default: the dataset's "
    "countries (its manifest).",
)
@click.option("--theme", help="Compare only the competences of this theme.")
@source_options
@format_option
def levels(countries: str | None, theme: str | None, source: GraphSource, fmt: str) -> None:
    """How alike the levels of government of different countries are, by allocated competences.

    One row per pair of levels of two countries (a German level once per Land that has its own
    rules), with the score overall and per theme (0 = nothing in common, 1 = the same).

    \b
    Examples:
      govgraph levels --countries FR,DE,LU
      govgraph levels --countries FR,DE --theme environment_mobility --format json
    """
    from govgraph.analysis.counterparts import level_equivalence
    from govgraph.render.answers import levels_text

    study = source.study()
    if countries:
        chosen = [c.strip().upper() for c in countries.split(",") if c.strip()]
    else:
        chosen = list(study.graph.graph.get("countries") or study.countries)
    click.echo(levels_text(level_equivalence(study, chosen, theme=theme), fmt))


@main.command()
@click.option("--theme", help="Only gaps about this theme.")
@click.option(
    "--competence", help="Only gaps about this competence (id or name) or a narrower one."
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    help="Only this kind of gap; repeatable (see docs/gaps.md for the kinds).",
)
@click.option(
    "--country", "countries", multiple=True, help="Only borders of this country; repeatable."
)
@click.option("--around", help="Study the area around this actor (id or name).")
@click.option(
    "--top",
    default=0,
    type=click.IntRange(0, 100_000),
    help="Show only the N most severe gaps (0 = all).",
)
@source_options
@format_option
def gaps(
    theme: str | None,
    competence: str | None,
    kinds: tuple[str, ...],
    countries: tuple[str, ...],
    around: str | None,
    top: int,
    source: GraphSource,
    fmt: str,
) -> None:
    """Find the gaps in multi-level governance along the borders: the documented obstacles
    first, then the asymmetries read from who holds what, most severe first in each.

    Kinds: perimeter_stops_short, link_cut_or_missing, instrument_without_counterpart,
    no_counterpart, level_mismatch, missing_dialogue, no_cross_border_structure,
    fragile_bridge, isolated_actor, reference_gap (and, asked for with --kind,
    missing_vertical_link: a check of the data). Each gap says what is missing, how severe it
    is and why, the facts and sources behind it, and who could close it.

    \b
    Examples:
      govgraph gaps --around "CC Bouzonvillois" --top 10
      govgraph gaps --kind no_counterpart --kind level_mismatch --format csv
      govgraph gaps --theme public_services_healthcare --country LU --format json
    """
    from govgraph.analysis.gaps import find_gaps, has_cross_border_ties
    from govgraph.render.answers import gaps_text

    study = source.study()
    if not has_cross_border_ties(study):
        click.echo(
            "note: the dataset has no cross-border cooperation tie: every strong counterpart "
            "lacks dialogue, and no bridge can be fragile",
            err=True,
        )
    focus = _actor(study, around) if around else None
    found = find_gaps(
        study,
        kinds=kinds or None,
        theme=theme,
        countries=countries or None,
        around=focus,
        competence=_competence(study, competence),
    )
    click.echo(gaps_text(found[:top] if top else found, fmt))


@main.command()
@click.option("--theme", help="Only the competences of this theme.")
@source_options
@format_option
def competences(theme: str | None, source: GraphSource, fmt: str) -> None:
    """The competence catalogue: each competence's id, names (en, fr, de), COFOG code, parent
    and themes, and which levels of each country the reference allocates it to. Any name
    (in any of these languages) works wherever a competence is asked for.

    \b
    Examples:
      govgraph competences
      govgraph competences --theme public_services_healthcare --format csv
    """
    from govgraph.analysis.catalogue import competence_rows
    from govgraph.render.answers import competences_text

    study = source.study()
    if theme and theme not in study.themes:
        raise GovgraphError(f"unknown theme '{theme}'; allowed: {', '.join(study.themes)}")
    click.echo(competences_text(competence_rows(study, theme), list(study.countries), fmt))


@main.command()
@click.option("--around", "around", required=True, help="Actor id or name.")
@click.option("--theme", help="Only this workshop theme (default: every theme).")
@click.option(
    "--steps",
    default=5,
    show_default=True,
    type=click.IntRange(1, 100),
    help="Gaps taken up per theme, most severe first.",
)
@source_options
@format_option
def roadmap(around: str, theme: str | None, steps: int, source: GraphSource, fmt: str) -> None:
    """The roadmap of a multi-level cross-border dialogue around an actor, theme by theme:
    for each of the theme's most severe gaps, who should meet whom (the operational holders on
    each side, with their levels), through which existing body, and the evidence with its
    sources.

    \b
    Examples:
      govgraph roadmap --around "CC Bouzonvillois"
      govgraph roadmap --around Sierck-les-Bains --theme public_services_healthcare
      govgraph roadmap --around "CC Bouzonvillois" --format csv > roadmap.csv
    """
    from govgraph.analysis.roadmap import roadmap as build_roadmap
    from govgraph.analysis.roadmap import why_no_step
    from govgraph.render.answers import roadmap_text

    study = source.study()
    actor = _actor(study, around)
    found = build_roadmap(study, actor, theme=theme, per_theme=steps)
    if not found:
        click.echo(f"no answer: {why_no_step(study, actor, theme)}", err=True)
        if fmt == "table":
            sys.exit(EXIT_USER_ERROR)
    click.echo(roadmap_text(found, fmt))


@main.command()
@click.option("--country", "countries", multiple=True, help="Only borders of this country.")
@click.option("--around", help="Coverage tables for the area around this actor.")
@source_options
@format_option
def metrics(countries: tuple[str, ...], around: str | None, source: GraphSource, fmt: str) -> None:
    """Cooperation figures: cross-border share of ties, communities that cross borders, brokers
    across each border, and per theme who holds each competence on each side.

    \b
    Examples:
      govgraph metrics
      govgraph metrics --format json > metrics.json
    """
    from govgraph.analysis.metrics import cooperation_metrics
    from govgraph.render.answers import metrics_text

    study = source.study()
    focus = _actor(study, around) if around else None
    data = cooperation_metrics(study, around=focus, countries=countries or None)
    click.echo(metrics_text(data, fmt))


@main.command(name="html")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="HTML file to write.")
@click.option("--theme", help="Only actors and initiatives of this theme.")
@click.option(
    "--country",
    "countries",
    multiple=True,
    help="Only this country or subdivision (DE-SL); repeatable.",
)
@click.option("--ego", help="Only the actors within --depth ties of this actor (id or name).")
@click.option(
    "--depth", default=1, show_default=True, type=click.IntRange(1, 10), help="Ties around --ego."
)
@click.option(
    "--counterparts",
    "counterparts_of",
    metavar="ACTOR",
    help="Highlight this actor and its ranked counterparts, with the reasons.",
)
@click.option(
    "--gaps", "show_gaps", is_flag=True, help="Mark missing-dialogue pairs and level mismatches."
)
@lang_option("Language of the page's words, filters and legend.")
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@source_options
def html_command(
    out: Path,
    theme: str | None,
    countries: tuple[str, ...],
    ego: str | None,
    depth: int,
    counterparts_of: str | None,
    show_gaps: bool,
    lang: str,
    force: bool,
    source: GraphSource,
) -> None:
    """Write the cooperation network as one interactive HTML file that works offline.

    Colour = country, shape = kind of actor, size = degree centrality; thick lines cross a border.
    The page has a legend, filters (country, tier, theme, kind of tie) and a search by any name.
    Everything from the data is escaped; nothing is loaded from the internet.

    \b
    Examples:
      govgraph html --out network.html
      govgraph html --out ccb3f.html --counterparts "CC Bouzonvillois" --gaps
      govgraph html --out mobility.html --theme environment_mobility --country FR --country LU
    """
    from govgraph.analysis.counterparts import counterparts
    from govgraph.analysis.gaps import find_gaps
    from govgraph.analysis.network import select_nodes
    from govgraph.files import check_output
    from govgraph.render.network import GAP_LINKS, write_network_html

    check_output(out, force)
    study = source.study()
    nodes = select_nodes(study, theme=theme, country=countries or None, ego=ego, depth=depth)
    focus = _actor(study, counterparts_of) if counterparts_of else None
    ranked = counterparts(study, focus, top=3) if focus else []
    found = find_gaps(study, kinds=GAP_LINKS, around=focus) if show_gaps else []
    info = write_network_html(
        study, out, nodes, force=force, focus=focus, counterparts=ranked, gaps=found, lang=lang
    )
    layout = "physics" if info["physics"] else "precomputed layout"
    click.echo(
        f"wrote {out}: {info['nodes']} nodes, {info['edges']} links, "
        f"{info['bytes'] / 1e6:.1f} MB ({layout})"
    )


@main.command(name="map")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="File to write (.html, .png, .pdf).",
)
@click.option("--around", metavar="ACTOR", help="Draw the area around this actor (id or name).")
@click.option("--theme", help="Highlight the holders of this theme's competences.")
@click.option("--competence", help="Highlight the holders of this competence (id or name).")
@click.option(
    "--countries",
    "countries",
    multiple=True,
    help="Only this country or subdivision (DE-SL); repeatable, or comma-separated.",
)
@lang_option("Language of the page.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "png", "pdf"]),
    default="html",
    show_default=True,
    help="png (1920×1080) and pdf (one A3 landscape page) need Chromium.",
)
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@source_options
def map_command(
    out: Path,
    around: str | None,
    theme: str | None,
    competence: str | None,
    countries: tuple[str, ...],
    lang: str,
    fmt: str,
    force: bool,
    source: GraphSource,
) -> None:
    """Write the governance map: tiers of government as bands (national at the top), countries
    and Länder as columns, every actor a labelled box; the holders of a chosen competence lit,
    formal and operational apart; counterparts and gaps of --around marked. One offline HTML
    page that prints on one A3 landscape sheet, or a PNG or PDF of it.

    \b
    Examples:
      govgraph map --around "CC Bouzonvillois" --out map.html
      govgraph map --around Perl --competence waste_collection --lang de --out perl.html
      govgraph map --countries FR,LU --theme tourism_attractiveness --out tourism.pdf --format pdf
    """
    from govgraph.analysis.governance_map import governance_map
    from govgraph.files import check_output
    from govgraph.render.map_page import write_map

    check_output(out, force)
    study = source.study()
    sides = [c.strip() for value in countries for c in value.split(",") if c.strip()]
    plan = governance_map(
        study, around=around, theme=theme, competence=competence, countries=sides or None
    )
    info = write_map(study, plan, out, lang=lang, fmt=fmt, force=force)
    click.echo(
        f"wrote {out}: {info['boxes']} actors in {len(plan['bands'])} tiers and "
        f"{len(plan['columns'])} columns, {len(plan['links'])} counterpart links, "
        f"{len(plan['gaps'])} gaps marked ({info['format']}, {info['bytes'] / 1e6:.1f} MB)"
    )


@main.command()
@click.option("--out", type=click.Path(path_type=Path), required=True, help="HTML file to write.")
@click.option("--theme", "themes", multiple=True, help="Only this theme; repeatable.")
@click.option(
    "--around",
    "around",
    multiple=True,
    help="Focus actor (id or name); repeatable. Default: the general-purpose "
    "governments above the municipal tier along the borders.",
)
@lang_option("Language of the report's words and names.")
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@source_options
def report(
    out: Path,
    themes: tuple[str, ...],
    around: tuple[str, ...],
    lang: str,
    force: bool,
    source: GraphSource,
) -> None:
    """Write the roadmap report: per theme, who holds what on each side, counterparts, gaps
    ranked with sources, and the network view — one printable, offline HTML file.

    \b
    Examples:
      govgraph report --out roadmap.html --around "CC Bouzonvillois"
      govgraph report --out health.html --theme public_services_healthcare
      govgraph report --out feuille-de-route.html --around "CC Bouzonvillois" --lang fr
    """
    from govgraph.analysis.briefing import briefing
    from govgraph.files import check_output
    from govgraph.render.report import write_report

    check_output(out, force)
    study = source.study()
    brief = briefing(study, themes=themes or None, around=around or None)
    info = write_report(study, brief, out, force=force, lang=lang)
    click.echo(
        f"wrote {out}: {info['themes']} theme(s), {info['focus']} focus actor(s), "
        f"{info['bytes'] / 1e6:.1f} MB"
    )


@main.command()
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Folder to write.")
@click.option(
    "--actors",
    default=10_000,
    show_default=True,
    type=click.IntRange(500, 2_000_000),
    help="About how many actors (1k, 10k, 100k for the benchmarks).",
)
@click.option("--seed", default=1, show_default=True, help="Random seed (same seed, same data).")
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
def synth(out: Path, actors: int, seed: int, force: bool) -> None:
    """Write a SYNTHETIC Europe-size dataset for benchmarks (every name and fact is made up).

    27 countries with four level structures, municipalities on a grid with borders across
    national boundaries, intermunicipal bodies, transport associations, ministries, cross-border
    bodies, cooperation and projects. The folder passes govgraph validate.

    \b
    Examples:
      govgraph synth --out /tmp/synth-10k --actors 10000
      govgraph synth --out /tmp/synth-100k --actors 100000 --seed 7
    """
    from govgraph.data.synth import write_synthetic
    from govgraph.files import check_output

    check_output(out, force)
    counts = write_synthetic(out, actors=actors, seed=seed)
    click.echo(f"wrote {out}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
