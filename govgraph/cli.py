"""The ``govgraph`` command line: a thin layer over the library.

Every command reads a dataset (``--dataset DIR``, default: the bundled Three Borders dataset),
calls one library function and prints its plain data as a table, JSON or CSV. User errors become
one clear message on stderr and a non-zero exit status, never a traceback.

Example:
    $ govgraph actors --country LU --search schengen
"""

from __future__ import annotations

import functools
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

from govgraph import __version__, model
from govgraph.errors import AmbiguousError, DatasetError, GovgraphError

if TYPE_CHECKING:
    import networkx as nx
    from neo4j import Driver

    from govgraph.store.neo4j import Neo4jSettings

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
        from govgraph.store.neo4j import Neo4jSettings

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
        from govgraph.store.neo4j import connect

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

    def graph(self) -> nx.MultiDiGraph:
        from govgraph import load_graph

        if not self.neo4j:
            return load_graph(self.dataset_dir)
        from govgraph.data.dataset import default_dataset_path, read_manifest_name
        from govgraph.store.neo4j import pull

        name = self.dataset_name or read_manifest_name(self.dataset_dir or default_dataset_path())
        with self.connection.driver() as (driver, database):
            return pull(driver, name, database=database)


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
        **kwargs: Any,
    ) -> Any:
        source = GraphSource(dataset_dir, neo4j, dataset_name, connection)
        return func(*args, source=source, **kwargs)

    wrapper = connection_options(wrapper)
    wrapper = click.option(
        "--dataset-name",
        default=None,
        help="With --neo4j: the dataset's name in Neo4j (default: the --dataset's name).",
    )(wrapper)
    wrapper = click.option(
        "--neo4j", is_flag=True, help="Read the graph from Neo4j instead of the CSV files."
    )(wrapper)
    return dataset_option(wrapper)  # type: ignore[return-value]


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
    from govgraph.data.dataset import default_dataset_path, read_dataset

    path = directory or dataset_dir or default_dataset_path()
    dataset = read_dataset(path)
    counts = ", ".join(
        f"{len(dataset.tables[t])} {t}"
        for t in ("actors", "territories", "initiatives", "holdings", "relations")
    )
    click.echo(f"valid: {dataset.name} {dataset.manifest['version']} ({path}) — {counts}")


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
    _print_summary(source.graph(), fmt)


def _print_summary(G: nx.MultiDiGraph, fmt: str) -> None:
    from govgraph.analysis.actors import summary
    from govgraph.render.tables import csv_text, json_text

    data = summary(G)
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
@source_options
@click.option("--country", help="ISO country code, e.g. FR, DE, LU.")
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

    G = source.graph()
    code = check_country(G, country) if country else None
    rows = find_actors(G, country=code, tier=tier, kind=kind, search=search)
    if not rows:
        click.echo("no actor matches", err=True)
        sys.exit(EXIT_USER_ERROR)
    columns = ("id", "name", "kind", "country", "level", "tier")
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
def load_command(
    directory: Path | None, dataset_dir: Path | None, connection: Connection, batch_size: int
) -> None:
    """Validate a dataset and write it into Neo4j (idempotent).

    Constraints and indexes first (cypher/schema.cypher), then nodes and relationships in batched
    UNWIND statements. Loading again changes nothing; loading a changed dataset leaves exactly its
    new version and never touches other datasets in the same database. The connection comes from
    NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE (or the options).

    \b
    Examples:
      eval "$(scripts/neo4j-local start)"
      govgraph load                           # the bundled dataset
      govgraph load path/to/my-border --database neo4j
    """
    from govgraph import load_graph
    from govgraph.store.neo4j import load

    G = load_graph(directory or dataset_dir)
    total = G.number_of_nodes() + G.number_of_edges()
    with connection.driver() as (driver, database), interrupt_between_batches() as stop_point:
        if sys.stderr.isatty():
            with click.progressbar(length=total, label="loading", file=sys.stderr) as bar:
                done = [0]

                def progress(count: int, _total: int) -> None:
                    bar.update(count - done[0])
                    done[0] = count
                    stop_point()

                summary = load(
                    driver, G, database=database, batch_size=batch_size, progress=progress
                )
        else:
            summary = load(
                driver,
                G,
                database=database,
                batch_size=batch_size,
                progress=lambda _count, _total: stop_point(),
            )
    data = summary.as_dict()
    click.echo(
        f"loaded {data['dataset']} {data['version']}: nodes {data['nodes_created']} created, "
        f"{data['nodes_updated']} updated, {data['nodes_removed']} removed; relationships "
        f"{data['relationships_created']} created, {data['relationships_updated']} updated, "
        f"{data['relationships_removed']} removed"
    )


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
    _print_summary(GraphSource(None, True, dataset_name, connection).graph(), fmt)


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
    help="Folder (dataset) or file (graphml, gexf) to write.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("dataset", "graphml", "gexf")),
    default="dataset",
    show_default=True,
    help="What to write.",
)
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
def export(source: GraphSource, from_neo4j: str | None, out: Path, fmt: str, force: bool) -> None:
    """Write the graph as a dataset folder (CSV), or as GraphML or GEXF for Gephi, yEd, Cytoscape.

    A dataset folder holds the whole reference it was built with, so reading it back gives the
    same graph. Refuses to overwrite an existing --out unless --force is given.

    \b
    Examples:
      govgraph export --from-neo4j three-borders --out edited-in-neo4j/
      govgraph export --format graphml --out three-borders.graphml
      govgraph export --format gexf --out three-borders.gexf --force
    """
    from govgraph.data.export import check_output, write_dataset, write_network

    check_output(out, force)
    if from_neo4j:
        source = GraphSource(None, True, from_neo4j, source.connection)
    G = source.graph()
    if fmt == "dataset":
        write_dataset(G, out, force=force)
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
    from govgraph.store.cypher import parse_params, query_text, run_query

    text = query_text(query)
    values = parse_params(list(params))
    with connection.driver() as (driver, database):
        rows = run_query(driver, text, values, write=write, database=database)
    if not rows and fmt == "table":
        click.echo("(no rows)")
        return
    click.echo(render(rows, fmt))


def _weights(weight_file: Path | None, pairs: tuple[str, ...], holder_mode: bool) -> Any:
    """Counterpart weights from a JSON or TOML file and ``--weight part=value`` options."""
    import json
    import tomllib

    from govgraph.analysis.counterparts import HOLDER_WEIGHTS, Weights

    values: dict[str, Any] = {}
    if weight_file is not None:
        try:
            text = weight_file.read_text(encoding="utf-8")
            loaded = tomllib.loads(text) if weight_file.suffix == ".toml" else json.loads(text)
        except (OSError, ValueError) as exc:
            raise GovgraphError(f"cannot read weights from {weight_file}: {exc}") from None
        if not isinstance(loaded, dict):
            raise GovgraphError(f"{weight_file} must hold a table of weights, e.g. tier = 0.3")
        values.update(loaded)
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise GovgraphError(f"--weight '{pair}' must be written part=value, e.g. tier=0.3")
        values[name.strip()] = value.strip()
    base = HOLDER_WEIGHTS if holder_mode else Weights()
    return Weights.from_mapping(values, base) if values else base


def _joined(items: list[Any]) -> str:
    return "; ".join(str(i) for i in items)


@main.command(name="counterparts")
@click.argument("actor")
@click.option(
    "--country",
    "countries",
    multiple=True,
    help="Target country (ISO code); repeatable. Default: every country near the actor.",
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
    from govgraph.analysis.counterparts import counterparts, resolve_actor
    from govgraph.render.tables import csv_text, json_text, table_text

    if competence and theme:
        raise click.UsageError("give --competence or --theme, not both")
    G = source.graph()
    actor_id = resolve_actor(G, actor)
    weights = _weights(weight_file, weight_pairs, holder_mode=bool(competence))
    rows = counterparts(
        G,
        actor_id,
        countries=countries or None,
        competence=competence,
        theme=theme,
        top=top,
        weights=weights,
        max_distance=max_distance,
    )
    if fmt == "json":
        click.echo(json_text(rows))
        return
    flat = [
        {
            "country": r["country"],
            "rank": r["rank"],
            "candidate": r["candidate"],
            "name": r["name"],
            "level": r["level"],
            "tier": r["tier"],
            "score": r["score"],
            **{f"{p}_part": v for p, v in r["parts"].items()},
            "distance": r["distance"],
            "shared": _joined([s["competence"] for s in r["shared"]]),
            "only_actor": _joined(r["only_actor"]),
            "only_candidate": _joined(r["only_candidate"]),
            "notes": _joined(r["notes"]),
            "sources": _joined(r["sources"]),
        }
        for r in rows
    ]
    if fmt == "csv":
        click.echo(csv_text(flat))
        return
    data = G.nodes[actor_id]
    focus = f" — competence: {competence}" if competence else f" — theme: {theme}" if theme else ""
    click.echo(f"Counterparts of {data['name']} ({actor_id}){focus}")
    for country in dict.fromkeys(r["country"] for r in rows):
        click.echo(f"\n{country}")
        chosen = [f for f in flat if f["country"] == country]
        columns = (
            "rank",
            "candidate",
            "name",
            "tier",
            "score",
            "competence_part",
            "tier_part",
            "proximity_part",
            "distance",
        )
        click.echo(table_text(chosen, columns))
        if explain:
            for r in (x for x in rows if x["country"] == country):
                click.echo(
                    f"\n  {r['rank']}. {r['name']} ({r['candidate']}): {r['level']} "
                    f"[{r['tier']}] vs {r['actor_level']} [{r['actor_tier']}]"
                )
                shared = [
                    f"{s['competence']} ({s['actor_role']}/{s['candidate_role']})"
                    for s in r["shared"]
                ]
                click.echo(f"     shared: {_joined(shared) or '—'}")
                click.echo(f"     only {actor_id}: {_joined(r['only_actor']) or '—'}")
                click.echo(f"     only {r['candidate']}: {_joined(r['only_candidate']) or '—'}")
                click.echo(
                    f"     border steps: {r['distance']} "
                    f"({_joined(r['border_path']) or 'same or containing territory'})"
                )
                for note in r["notes"]:
                    click.echo(f"     note: {note}")
                for src in r["sources"]:
                    click.echo(f"     source: {src}")


@main.command()
@click.argument("competence", required=False)
@click.option("--theme", help="Every competence of this theme instead of one competence.")
@click.option("--around", "around", required=True, help="Actor id or name.")
@click.option("--country", "countries", multiple=True, help="Only this country; repeatable.")
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
    from govgraph.render.tables import csv_text, json_text, table_text

    if bool(competence) == bool(theme):
        raise click.UsageError("give a COMPETENCE or --theme (one of them)")
    rows = who_holds(
        source.graph(),
        around,
        competence=competence,
        theme=theme,
        countries=countries or None,
        max_distance=max_distance,
    )
    if fmt == "json":
        click.echo(json_text(rows))
        return
    flat = [
        {
            "country": r["country"],
            "side": r["side"],
            "holder": r["holder"],
            "name": r["name"],
            "level": r["level"],
            "tier": r["tier"],
            "distance": r["distance"],
            "holds": _joined(
                [f"{h['competence']} ({h['role']}, {h['provenance']})" for h in r["holds"]]
            ),
            "sources": _joined(sorted({h["source"] for h in r["holds"] if h["source"]})),
        }
        for r in rows
    ]
    if fmt == "csv":
        click.echo(csv_text(flat))
        return
    if not rows:
        click.echo("no holder found around this actor", err=True)
        sys.exit(EXIT_USER_ERROR)
    for country in dict.fromkeys(r["country"] for r in flat):
        chosen = [f for f in flat if f["country"] == country]
        click.echo(f"\n{country} ({chosen[0]['side']} side)")
        click.echo(table_text(chosen, ("holder", "name", "level", "tier", "distance", "holds")))


@main.command()
@click.option(
    "--countries", default="FR,DE,LU", show_default=True, help="Comma-separated ISO codes."
)
@click.option("--theme", help="Compare only the competences of this theme.")
@source_options
@format_option
def levels(countries: str, theme: str | None, source: GraphSource, fmt: str) -> None:
    """How alike the levels of government of different countries are, by allocated competences.

    One row per pair of levels of two countries (a German level once per Land that has its own
    rules), with the score overall and per theme (0 = nothing in common, 1 = the same).

    \b
    Examples:
      govgraph levels --countries FR,DE,LU
      govgraph levels --countries FR,DE --theme environment_mobility --format json
    """
    from govgraph.analysis.counterparts import level_equivalence
    from govgraph.render.tables import csv_text, json_text, table_text

    chosen = [c.strip().upper() for c in countries.split(",") if c.strip()]
    rows = level_equivalence(source.graph(), chosen, theme=theme)
    if fmt == "json":
        click.echo(json_text(rows))
        return
    flat = [
        {
            "level_a": r["level_a"],
            "level_b": r["level_b"],
            "score": r["score"],
            **r["by_theme"],
            "shared": _joined(r["shared"]),
        }
        for r in rows
    ]
    if fmt == "csv":
        click.echo(csv_text(flat))
        return
    for pair in dict.fromkeys((r["country_a"], r["country_b"]) for r in rows):
        chosen_rows = [
            f for f, r in zip(flat, rows, strict=True) if (r["country_a"], r["country_b"]) == pair
        ]
        click.echo(f"\n{pair[0]} – {pair[1]}")
        click.echo(table_text([{k: v for k, v in f.items() if k != "shared"} for f in chosen_rows]))


def _competence_cell(value: str | list[str] | None, fmt: str) -> str | None:
    if not isinstance(value, list):
        return value
    return _joined(value) if fmt == "csv" or len(value) < 3 else f"{len(value)} competences"


@main.command()
@click.option("--theme", help="Only gaps about this theme.")
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
    kinds: tuple[str, ...],
    countries: tuple[str, ...],
    around: str | None,
    top: int,
    source: GraphSource,
    fmt: str,
) -> None:
    """Find the gaps in multi-level governance along the borders, most severe first.

    Kinds: no_counterpart, level_mismatch, missing_dialogue, missing_vertical_link,
    no_cross_border_structure, fragile_bridge, isolated_actor. Each gap says what is missing,
    how severe it is and why, the facts and sources behind it, and who could close it.

    \b
    Examples:
      govgraph gaps --around "CC Bouzonvillois" --top 10
      govgraph gaps --kind no_counterpart --kind level_mismatch --format csv
      govgraph gaps --theme public_services_healthcare --country LU --format json
    """
    from govgraph.analysis.gaps import find_gaps, has_cross_border_ties
    from govgraph.render.tables import csv_text, json_text, table_text

    G = source.graph()
    if not has_cross_border_ties(G):
        click.echo(
            "note: the dataset has no cross-border cooperation tie: every strong counterpart "
            "lacks dialogue, and no bridge can be fragile",
            err=True,
        )
    found = find_gaps(
        G, kinds=kinds or None, theme=theme, countries=countries or None, around=around
    )
    if top:
        found = found[:top]
    if fmt == "json":
        click.echo(json_text(found))
        return
    flat = [
        {
            "kind": g["kind"],
            "severity": g["severity"],
            "competence": _competence_cell(g["competence"], fmt),
            "themes": _joined(g["themes"]),
            "side_a": f"{g['side_a']['country']}: "
            + _joined([a["id"] for a in g["side_a"]["actors"]]),
            "side_b": f"{g['side_b']['country']}: "
            + _joined([a["id"] for a in g["side_b"]["actors"]]),
            "explanation": g["explanation"],
            "severity_basis": g["severity_basis"],
            "could_close": _joined([c["id"] for c in g["could_close"]]),
            "sources": _joined(sorted({f["source"] for f in g["facts"] if f.get("source")})),
        }
        for g in found
    ]
    if fmt == "csv":
        click.echo(csv_text(flat))
        return
    if not found:
        click.echo("no gap found")
        return
    click.echo(table_text(flat, ("kind", "severity", "competence", "side_a", "side_b")))
    click.echo("")
    for number, g in enumerate(flat, start=1):
        click.echo(f"{number}. [{g['kind']}, severity {g['severity']}] {g['explanation']}")
        if g["could_close"]:
            click.echo(f"   could close it: {g['could_close']}")


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
    from govgraph.render.tables import csv_text, json_text, table_text

    data = cooperation_metrics(source.graph(), around=around, countries=countries or None)
    if fmt == "json":
        click.echo(json_text(data))
        return
    coverage_rows = [
        {"theme": theme, **{k: _joined(v) if isinstance(v, list) else v for k, v in row.items()}}
        for theme, rows in data["coverage"].items()
        for row in rows
    ]
    if fmt == "csv":
        click.echo(csv_text(coverage_rows))
        return
    ties, com = data["ties"], data["communities"]
    click.echo(
        f"cooperation ties: {ties['total']}, cross-border {ties['cross_border']} "
        f"({ties['cross_border_share']:.0%})"
    )
    for kind, counts in ties["by_type"].items():
        click.echo(f"  {kind:<16} {counts['ties']:>5}  cross-border {counts['cross_border']}")
    click.echo(
        f"\ncommunities ({com['method']}): {com['count']}, mixing countries "
        f"{com['mixing_countries']} (border-crossing index {com['border_crossing_index']})"
    )
    for pair, rows in data["brokers"].items():
        click.echo(f"\nbrokers {pair} (betweenness between the two countries' actors)")
        click.echo(table_text(rows, ("id", "name", "betweenness")))
    for theme, rows in data["coverage"].items():
        click.echo(f"\nwho holds what — {theme}")
        click.echo(
            table_text(
                [
                    {
                        k: _joined(v) if isinstance(v, list) else v
                        for k, v in row.items()
                        if k != "name"
                    }
                    for row in rows
                ]
            )
        )


@main.command(name="html")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="HTML file to write.")
@click.option("--theme", help="Only actors and initiatives of this theme.")
@click.option("--country", "countries", multiple=True, help="Only this country; repeatable.")
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
    from govgraph.render.network import write_network_html

    info = write_network_html(
        source.graph(),
        out,
        force=force,
        theme=theme,
        country=countries or None,
        ego=ego,
        depth=depth,
        counterparts_of=counterparts_of,
        gaps=show_gaps,
    )
    layout = "physics" if info["physics"] else "precomputed layout"
    click.echo(
        f"wrote {out}: {info['nodes']} nodes, {info['edges']} links, "
        f"{info['bytes'] / 1e6:.1f} MB ({layout})"
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
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@source_options
def report(
    out: Path, themes: tuple[str, ...], around: tuple[str, ...], force: bool, source: GraphSource
) -> None:
    """Write the roadmap report: per theme, who holds what on each side, counterparts, gaps
    ranked with sources, and the network view — one printable, offline HTML file.

    \b
    Examples:
      govgraph report --out roadmap.html --around "CC Bouzonvillois"
      govgraph report --out health.html --theme public_services_healthcare
    """
    from govgraph.render.report import write_report

    info = write_report(
        source.graph(), out, themes=themes or None, around=around or None, force=force
    )
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
    from govgraph.data.export import check_output
    from govgraph.data.synth import write_synthetic

    check_output(out, force)
    counts = write_synthetic(out, actors=actors, seed=seed)
    click.echo(f"wrote {out}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
