"""`links`: the links between statements (disputes, supports, repeats, answers) with why each
was made, and the user's corrections: a link marked wrong stays gone after re-analysis."""

from __future__ import annotations

import json

import click
from rich.markup import escape
from rich.table import Table

from counterclaim.cli.options import db_option, open_db, stdout_console
from counterclaim.store.db import transaction

RELATIONS = ("disputes", "supports", "repeats", "responds_to", "copy_of")


@click.group("links")
def links_group() -> None:
    """Links between statements, why each was made, and marking one wrong.

    \b
    Examples:
        counterclaim links list --story s0041e0305641 --relation disputes
        counterclaim links show 3f2a9c0d1e4b5a6c
        counterclaim links reject 3f2a9c0d1e4b5a6c --note "not about the same strike"
        counterclaim links list --rejected
        counterclaim links restore 3f2a9c0d1e4b5a6c
    """


def _who(row: dict | None) -> str:
    from counterclaim.link.summary import speaker_label  # numpy: only in the commands

    return speaker_label(row) if row else "?"


def _statement(conn, statement_id: str) -> dict | None:
    row = conn.execute("SELECT * FROM statements WHERE id = ?", (statement_id,)).fetchone()
    return dict(row) if row else None


def _link_rows(conn, story: str | None, relation: str | None, limit: int) -> list[dict]:
    conditions, params = ["from_kind = 'statement'"], []
    if story:
        conditions.append("story_id = ?")
        params.append(story)
    if relation:
        conditions.append("relation = ?")
        params.append(relation)
    sql = (
        "SELECT * FROM links WHERE "  # noqa: S608 (fixed fragments; values bound)
        + " AND ".join(conditions)
        + " ORDER BY story_id, relation, score DESC, id LIMIT ?"
    )
    return [
        {**dict(r), "evidence": json.loads(r["evidence"] or "{}")}
        for r in conn.execute(sql, [*params, limit])
    ]


def _record(conn, link: dict) -> dict:
    from counterclaim.present.evidence import describe_link

    source, target = _statement(conn, link["from_id"]), _statement(conn, link["to_id"])
    return {
        **describe_link(link),
        "story_id": link.get("story_id"),
        "from": {
            "id": link["from_id"],
            "speaker": _who(source),
            "text": source["content_text"] if source else None,
        },
        "to": {
            "id": link["to_id"],
            "speaker": _who(target),
            "text": target["content_text"] if target else None,
        },
    }


@links_group.command("list")
@db_option
@click.option("--story", help="Only the links of this story.")
@click.option("--relation", type=click.Choice(RELATIONS), help="Only links of this relation.")
@click.option("--rejected", is_flag=True, help="The links marked wrong instead.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=100, show_default=True, help="At most N links."
)
@click.option("--json", "as_json", is_flag=True, help="Print the links as JSON.")
def links_list(
    db_path: str,
    story: str | None,
    relation: str | None,
    rejected: bool,
    limit: int,
    as_json: bool,
) -> None:
    """Links between statements: id, relation, score, who answers whom. `--rejected`: the
    links marked wrong, with the evidence they had.

    \b
    Example:
        counterclaim links list --story s0041e0305641 --relation disputes
    """
    from counterclaim.store.links import list_overrides

    conn = open_db(db_path, readonly=True)
    if rejected:
        rows = [
            o for o in list_overrides(conn, story) if relation is None or o["relation"] == relation
        ][:limit]
        records = [
            {
                **_record(conn, {**o, "id": o["link_id"]}),
                "rejected_at": o["created_at"],
                "note": o["note"],
            }
            for o in rows
        ]
    else:
        records = [_record(conn, link) for link in _link_rows(conn, story, relation, limit)]
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    table = Table("id", "relation", "score", "from", "to", "story")
    for r in records:
        table.add_row(
            r["id"],
            r["relation"],
            f"{r['score']:.2f}",
            escape(f"{r['from']['speaker']}: {(r['from']['text'] or '')[:50]}"),
            escape(f"{r['to']['speaker']}: {(r['to']['text'] or '')[:50]}"),
            r["story_id"] or "",
        )
    stdout_console().print(table)


@links_group.command("show")
@click.argument("link_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the link as JSON.")
def links_show(link_id: str, db_path: str, as_json: bool) -> None:
    """One link: the two statements and why the link was made, in words.

    \b
    Example:
        counterclaim links show 3f2a9c0d1e4b5a6c
    """
    conn = open_db(db_path, readonly=True)
    row = conn.execute("SELECT * FROM links WHERE id = ?", (link_id,)).fetchone()
    if row is None:
        raise click.ClickException(f"{link_id}: no such link")
    record = _record(conn, {**dict(row), "evidence": json.loads(row["evidence"] or "{}")})
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    console = stdout_console()
    console.print(
        f"[bold]{escape(record['from']['speaker'])}[/bold] “{escape(record['from']['text'] or '')}”"
    )
    console.print(f"  [bold]{record['relation']}[/bold] ({record['score']:.2f})")
    console.print(
        f"[bold]{escape(record['to']['speaker'])}[/bold] “{escape(record['to']['text'] or '')}”"
    )
    console.print(f"why ({escape(record['producer'] or '?')}):")
    for line in record["why"]:
        console.print(f"  • {escape(line)}")


@links_group.command("reject")
@click.argument("link_ids", nargs=-1, required=True)
@db_option
@click.option("--note", help="Why the link is wrong (kept with the correction).")
def links_reject(link_ids: tuple[str, ...], db_path: str, note: str | None) -> None:
    """Mark links wrong: they are deleted, and re-analysis (`analyze --force`) that finds
    them again drops them again. `links restore` undoes it.

    \b
    Example:
        counterclaim links reject 3f2a9c0d1e4b5a6c --note "not about the same strike"
    """
    from counterclaim.store.links import LinkOverrideError, reject_link

    conn = open_db(db_path)
    try:
        with transaction(conn):
            for link_id in link_ids:
                reject_link(conn, link_id, note)
    except LinkOverrideError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"marked {len(link_ids)} link(s) wrong")


@links_group.command("restore")
@click.argument("link_ids", nargs=-1, required=True)
@db_option
def links_restore(link_ids: tuple[str, ...], db_path: str) -> None:
    """Undo `links reject`: the link is shown again (and re-analysis keeps it).

    \b
    Example:
        counterclaim links restore 3f2a9c0d1e4b5a6c
    """
    from counterclaim.store.links import LinkOverrideError, restore_link

    conn = open_db(db_path)
    try:
        with transaction(conn):
            for link_id in link_ids:
                restore_link(conn, link_id)
    except LinkOverrideError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"restored {len(link_ids)} link(s)")


COMMANDS = (links_group,)
