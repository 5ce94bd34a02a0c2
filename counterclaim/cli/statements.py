"""`statements`: who said what in one article, from a file or from the store."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.markup import escape

from counterclaim.cli.options import db_option, open_db, stdout_console


def _from_file(path: Path) -> list[dict]:
    """Read and analyse one file in memory (nothing is stored)."""
    from counterclaim.extract.article import extract_article
    from counterclaim.ingest.fetch import FetchOptions
    from counterclaim.ingest.metadata import enrich
    from counterclaim.ingest.outlets import load_registry
    from counterclaim.ingest.readers import ReadOptions
    from counterclaim.ingest.sources import InputItem, read_input
    from counterclaim.model import Reject
    from counterclaim.nlp.pipeline import load_nlp
    from counterclaim.store.facts import STATEMENT_COLUMNS, statement_row
    from counterclaim.store.records import statement_record

    registry = load_registry()
    nlp = load_nlp()
    records = []
    for raw in read_input(InputItem(str(path), "file", path), ReadOptions(), FetchOptions()):
        if isinstance(raw, Reject):
            raise click.ClickException(f"{raw.source}: {raw.reason}")
        article, _ = enrich(raw, registry)
        for statement in extract_article(nlp(article.text), article.id).statements:
            row = dict(zip(STATEMENT_COLUMNS, statement_row(statement, article.text), strict=True))
            records.append(statement_record(row))
    return records


def _from_store(db_path: str, article_id: str) -> list[dict]:
    from counterclaim.store.facts import iter_statements
    from counterclaim.store.records import statement_record

    conn = open_db(db_path, readonly=True)
    matches = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM articles WHERE substr(id, 1, ?) = ? LIMIT 2",
            (len(article_id), article_id),
        )
    ]
    if not matches:
        raise click.ClickException(f"{article_id}: no such file or stored article id")
    if len(matches) > 1:
        raise click.ClickException(f"{article_id}: more than one article id starts so")
    return [statement_record(r) for r in iter_statements(conn, matches)]


@click.command("statements")
@click.argument("file_or_article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the statements as JSON.")
def statements_command(file_or_article_id: str, db_path: str, as_json: bool) -> None:
    """Who said what: the statements of one article file, or of a stored article (its id or
    the start of it).

    \b
    Examples:
        counterclaim statements counterclaim/data/sample/seeds/000_40f56addfa937b60.txt
        counterclaim statements 795bbfcb --json
    """
    path = Path(file_or_article_id)
    records = _from_file(path) if path.is_file() else _from_store(db_path, file_or_article_id)
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    console = stdout_console()
    if not records:
        console.print("no statements found")
    for record in records:
        speaker = record["speaker"] or {}
        who = speaker.get("name") or speaker.get("organisation") or speaker.get("text") or "?"
        details = ", ".join(
            x for x in (speaker.get("role"), speaker.get("organisation")) if x and x != who
        )
        written = speaker.get("text")
        line = f"[bold]{escape(who)}[/bold]" + (f" ({escape(details)})" if details else "")
        if written and written != who:
            line += f" [dim]written “{escape(written)}”[/dim]"
        console.print(line)
        said_on = f" · said {record['said_on']}" if record["said_on"] else ""
        console.print(
            f"  {escape(record['cue']['text'])} · {record['kind']} · "
            f"{record['act']} · {record['confidence']:.2f}{said_on}"
        )
        console.print(f"  “{escape(record['content']['text'])}”", soft_wrap=True)
        targets = [t["text"] for t in record["targets"] if t["text"]]
        if targets:
            console.print(f"  [dim]about: {escape(', '.join(targets))}[/dim]")


COMMANDS = (statements_command,)
