"""`ingest`, `analyze`, `run` and `demo`."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

import click

from counterclaim.cli.options import config_option, db_option, open_db, quiet_option, stderr
from counterclaim.cli.progress import StageProgress, command_line
from counterclaim.cli.serve import serve_in_fresh_process
from counterclaim.ingest.fetch import FetchOptions
from counterclaim.ingest.readers import ReadOptions
from counterclaim.model import Reject
from counterclaim.pipeline import IngestOptions, IngestReport, analyze, ingest
from counterclaim.store.articles import counts

EXIT_OK, EXIT_REJECTS, EXIT_INTERRUPTED = 0, 1, 130


def ingest_options(func: Callable) -> Callable:
    options = [
        click.option(
            "--outlets",
            "outlets_file",
            type=click.Path(exists=True, dir_okay=False),
            envvar="COUNTERCLAIM_OUTLETS",
            help="Your outlet registry (TOML), laid over the bundled one.",
        ),
        click.option(
            "--allow-private",
            is_flag=True,
            help="Fetch URLs that resolve to private, loopback or link-local addresses.",
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(min=1),
            default=ReadOptions.max_bytes,
            show_default=True,
            help="Size cap of one input file or fetched page.",
        ),
        click.option(
            "--timeout",
            "timeout_s",
            type=click.FloatRange(min=0.1),
            default=FetchOptions.timeout_s,
            show_default=True,
            help="Seconds to wait for a URL.",
        ),
        click.option(
            "--force",
            is_flag=True,
            help="Re-read files already read to their end (unchanged files are skipped).",
        ),
        click.option(
            "--batch-size",
            type=click.IntRange(min=1),
            default=IngestOptions.batch_size,
            show_default=True,
            help="Articles per transaction while ingesting (analysis has batches of its own).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def ingest_option_defaults() -> dict:
    """The ingest options' defaults, as `ingest_options` gives them to a command."""

    @ingest_options
    def probe() -> None: ...

    params = probe.__click_params__  # type: ignore[attr-defined]
    return click.Command("probe", params=params).make_context("probe", []).params


def _report_reject(reject: Reject) -> None:
    where = f" ({reject.record})" if reject.record else ""
    stderr.print(f"rejected: {reject.source}{where}: {reject.reason}", markup=False)


def _interrupted() -> None:
    """Ctrl-C: what is stored, and the user's own command (same store, same options) that
    resumes."""
    stderr.print(
        "interrupted: every finished batch is stored; to resume, run the same command "
        f"again: {command_line()}",
        markup=False,
    )
    sys.exit(EXIT_INTERRUPTED)


def options_from(kwargs: dict) -> IngestOptions:
    return IngestOptions(
        # a record inside a container is never allowed more than a whole file
        read=ReadOptions(
            max_bytes=kwargs["max_bytes"],
            max_record_bytes=min(ReadOptions.max_record_bytes, kwargs["max_bytes"]),
        ),
        fetch=FetchOptions(
            allow_private=kwargs["allow_private"],
            timeout_s=kwargs["timeout_s"],
            max_bytes=kwargs["max_bytes"],
        ),
        batch_size=kwargs["batch_size"],
        force=kwargs["force"],
        outlets_file=kwargs["outlets_file"],
    )


def run_ingest(
    conn: sqlite3.Connection,
    inputs: Sequence[str],
    quiet: bool,
    read: Callable | None = None,
    **kwargs,
) -> IngestReport:
    options = options_from(kwargs)
    progress = StageProgress("ingest", "inputs", stderr, quiet)

    def on_input(item, total: int) -> None:
        progress.update(progress.done + 1, total, getattr(item, "name", ""))

    try:
        with progress:
            report = ingest(
                conn, inputs, options, on_reject=_report_reject, on_input=on_input, read=read
            )
    except KeyboardInterrupt:
        _interrupted()
    if not quiet:
        stderr.print(
            f"ingested {report.inputs} input(s): {report.new_articles} new article(s), "
            f"{report.known_articles} already stored, {len(report.rejects)} rejected"
            + (f", {report.skipped} unchanged file(s) skipped" if report.skipped else "")
        )
    return report


def run_analysis(
    conn: sqlite3.Connection,
    quiet: bool,
    force: bool = False,
    extract: Callable | None = None,
    config_file: str | None = None,
) -> None:
    if config_file:
        from counterclaim.link.options import LinkOptions  # numpy: only when a file is given

        try:  # a malformed file, or a key that is no option: one line, before any work
            LinkOptions.load(config_file)
        except ValueError as exc:
            raise click.ClickException(f"{config_file}: {exc}") from exc
    progress = StageProgress("analyze", "articles", stderr, quiet)
    try:
        with progress:
            results = analyze(
                conn,
                force=force,
                nlp_config=config_file,
                extract=extract,
                on_progress=progress.update,
            )
    except KeyboardInterrupt:
        _interrupted()
    if not quiet:
        for name, summary in results:
            stderr.print(f"{name}: {summary}")


def print_summary(conn: sqlite3.Connection, db_path: str) -> None:
    table_counts = counts(conn)
    outlets_with_articles = conn.execute(
        "SELECT count(DISTINCT outlet_id) FROM articles WHERE outlet_id IS NOT NULL"
    ).fetchone()[0]
    click.echo(f"store: {db_path}")
    click.echo(f"  articles    {table_counts.get('articles', 0):>8,}")
    click.echo(f"  outlets     {outlets_with_articles:>8,}")
    for table in ("stories", "statements"):
        value = table_counts.get(table)
        click.echo(
            f"  {table:<11} {value if value is not None else '—':>8}"
            + ("" if value is not None else "  (stage not available yet)")
        )
    click.echo(f"  rejects     {table_counts.get('rejects', 0):>8,}")


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@ingest_options
@quiet_option
def ingest_command(inputs: tuple[str, ...], db_path: str, quiet: bool, **kwargs) -> None:
    """Read files, folders, globs, URLs or `-` (stdin) into the store.

    Formats: text and Markdown (including the seed format), HTML, JSONL/JSON, CSV, WARC and
    WARC.gz, RSS/Atom. Re-running on the same input changes nothing.

    \b
    Example:
        counterclaim ingest archive/ feeds/*.xml https://example.org/story.html
    """
    conn = open_db(db_path)
    report = run_ingest(conn, inputs, quiet, **kwargs)
    sys.exit(EXIT_REJECTS if report.rejects else EXIT_OK)


@click.command("analyze")
@db_option
@click.option("--force", is_flag=True, help="Analyse every article again (overrides are kept).")
@config_option
@quiet_option
def analyze_command(db_path: str, force: bool, config_file: str | None, quiet: bool) -> None:
    """Run the analysis stages over the stored articles.

    \b
    Example:
        counterclaim analyze --db news.db
        counterclaim analyze --db news.db --config mine.cfg --force
    """
    run_analysis(open_db(db_path), quiet, force, config_file=config_file)


@click.command("run")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@ingest_options
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where the per-article stages run: this process, or Dask workers.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: a running scheduler (tcp://host:8786); default: a LocalCluster.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="With --engine dask and no --scheduler: worker processes of the LocalCluster.",
)
@click.option(
    "--shards",
    "shard_dir",
    type=click.Path(file_okay=False),
    help="With --engine dask: the Parquet shard folder (default: <db>.shards).",
)
@config_option
@quiet_option
def run_command(
    inputs: tuple[str, ...],
    db_path: str,
    quiet: bool,
    engine: str,
    scheduler: str | None,
    workers: int,
    shard_dir: str | None,
    config_file: str | None,
    **kwargs,
) -> None:
    """Ingest INPUTS, then analyze, then print a summary of the store.

    With `--engine dask`, ingest and analysis of each article run on Dask workers (a
    LocalCluster, or the cluster at --scheduler), which write Parquet shards; the store and
    the cross-article stages stay here.

    \b
    Examples:
        counterclaim run counterclaim/data/sample/seeds/
        counterclaim run archive/ --engine dask --workers 4 --db news.db
    """
    conn = open_db(db_path)
    if engine == "local":
        report = run_ingest(conn, inputs, quiet, **kwargs)
        run_analysis(conn, quiet, config_file=config_file)
    else:
        from counterclaim.nlp.pipeline import analysis_batch_size
        from counterclaim.scale.dask_engine import DaskEngine, DaskOptions, dask_client

        options = DaskOptions(scheduler=scheduler, workers=workers, nlp_config=config_file)
        with dask_client(options) as client:
            dask = DaskEngine(client, Path(shard_dir or f"{db_path}.shards"), options)
            read = dask.ingest_round(conn, list(inputs), options_from(kwargs))
            report = run_ingest(conn, inputs, quiet, read=read, **kwargs)
            # the workers' partitions and analyze's batches are the same batches
            batch_size = analysis_batch_size(options.nlp_config)
            run_analysis(
                conn,
                quiet,
                extract=dask.analysis_round(conn, batch_size),
                config_file=config_file,
            )
    if not quiet:
        print_summary(conn, db_path)
    sys.exit(EXIT_REJECTS if report.rejects else EXIT_OK)


def sample_inputs() -> list[str]:
    """The bundled sample corpus: the two seed articles and the Wikinews CSVs."""
    root = Path(str(resources.files("counterclaim.data").joinpath("sample")))
    return [str(root / "seeds"), *sorted(str(p) for p in (root / "wikinews").glob("*.csv"))]


@click.command("demo")
@db_option
@click.option(
    "--serve/--no-serve",
    default=True,
    show_default=True,
    envvar="COUNTERCLAIM_DEMO_SERVE",
    help="End by serving the store in the web UI (--no-serve: just build it, e.g. in CI).",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port of the web UI.",
)
@quiet_option
def demo_command(db_path: str, serve: bool, port: int, quiet: bool) -> None:
    """Ingest and analyse the bundled sample corpus, then open it in the web UI.

    \b
    Example:
        counterclaim demo --db demo.db            # ends serving http://127.0.0.1:8000/
        counterclaim demo --db demo.db --no-serve
    """
    conn = open_db(db_path)
    report = run_ingest(conn, sample_inputs(), quiet, **ingest_option_defaults())
    run_analysis(conn, quiet)
    print_summary(conn, db_path)
    db = "" if db_path == "counterclaim.db" else f" --db {db_path}"
    click.echo("\nwhere to look next:")
    click.echo(f'  counterclaim search{db} "flirting"        full-text search')
    click.echo(f"  counterclaim stats{db}                     outlets, dates, rejects")
    click.echo(f"  counterclaim export{db} --format json --out demo.json")
    click.echo(
        f"  sqlite3 {db_path} '.tables'                the store is a plain SQLite file "
        "(docs/schema.md)"
    )
    click.echo(f"  counterclaim serve{db}                     the web UI and the JSON API")
    if serve:
        click.echo("")
        conn.close()
        serve_in_fresh_process(db_path, port=port)
    sys.exit(EXIT_REJECTS if report.rejects else EXIT_OK)


COMMANDS = (ingest_command, analyze_command, run_command, demo_command)
