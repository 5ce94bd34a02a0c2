"""`search` and `stats`."""

from __future__ import annotations

import json

import click
from rich.table import Table

from counterclaim.cli.options import db_option, open_db, stdout_console


@click.command("search")
@click.argument("query")
@db_option
@click.option(
    "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Hits to show."
)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
def search_command(query: str, db_path: str, limit: int, as_json: bool) -> None:
    """Full-text search over titles and texts (SQLite FTS5 query syntax).

    \b
    Examples:
        counterclaim search "flirting"
        counterclaim search 'Pentagon AND denied'
    """
    from counterclaim.store.articles import search

    hits = search(open_db(db_path, readonly=True), query, limit)
    if as_json:
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2))
        return
    stdout = stdout_console()
    if not hits:
        click.echo(f"no articles match {query!r}")
        return
    for hit in hits:
        head = f"{hit['published'] or '????-??-??'}  {hit['outlet'] or 'unknown outlet'}"
        stdout.print(f"[bold]{head}[/bold]  {hit['id']}")
        stdout.print(f"  {hit['title'] or '(no title)'}", markup=False)
        stdout.print(f"  {hit['snippet']}", markup=False)


@click.command("stats")
@db_option
@click.option(
    "--techniques",
    is_flag=True,
    help="Per outlet: propaganda technique spans per thousand words (analysed articles).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats_command(db_path: str, techniques: bool, as_json: bool) -> None:
    """Counts per table and per outlet.

    \b
    Examples:
        counterclaim stats --db news.db
        counterclaim stats --techniques --db news.db
    """
    from counterclaim.store.articles import counts, outlet_summary
    from counterclaim.store.facts import techniques_per_outlet

    conn = open_db(db_path, readonly=True)
    if techniques:
        _print_techniques(techniques_per_outlet(conn), as_json)
        return
    figures = {"tables": counts(conn), "outlets": outlet_summary(conn)}
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    stdout = stdout_console()
    tables = Table("table", "rows", title="store")
    for name, value in figures["tables"].items():
        tables.add_row(name, f"{value:,}")
    stdout.print(tables)
    outlets = Table(
        "outlet", "country", "kind", "state", "articles", "first", "last", title="outlets"
    )
    for row in figures["outlets"]:
        state = {1: "yes", 0: "no"}.get(row["state_affiliated"], "?")
        outlets.add_row(
            row["name"],
            row["country"] or "",
            row["kind"] or "",
            state,
            f"{row['articles']:,}",
            row["first"] or "",
            row["last"] or "",
        )
    stdout.print(outlets)


def _print_techniques(rows: list[dict], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(
        "outlet",
        "articles",
        "words",
        "techniques",
        "per 1,000 words",
        "most frequent",
        title="propaganda techniques per outlet",
    )
    for row in rows:
        top = ", ".join(f"{name} {n}" for name, n in list(row["by_technique"].items())[:3])
        table.add_row(
            row["outlet"],
            f"{row['articles']:,}",
            f"{row['words']:,}",
            f"{row['techniques']:,}",
            f"{row['per_thousand_words']:.2f}",
            top,
        )
    stdout_console().print(table)


COMMANDS = (search_command, stats_command)


@click.command("schema")
def schema_command() -> None:
    """Print the documented schema of the store (Markdown), from a fresh database.

    \b
    Example:
        counterclaim schema > docs/schema.md
    """
    import tempfile
    from pathlib import Path

    from counterclaim.store.db import connect
    from counterclaim.store.schema_doc import schema_markdown

    with tempfile.TemporaryDirectory() as folder:
        conn = connect(Path(folder) / "schema.db")
        click.echo(schema_markdown(conn), nl=False)
        conn.close()


COMMANDS = (*COMMANDS, schema_command)
