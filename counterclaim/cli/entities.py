"""`entities`: canonical entities, how each outlet spells them, and the user's corrections."""

from __future__ import annotations

import json

import click
from rich.markup import escape
from rich.table import Table

from counterclaim.cli.options import db_option, open_db, stdout_console


@click.group("entities")
def entities_group() -> None:
    """Canonical entities: list, show, and correct them (merge, split).

    \b
    Examples:
        counterclaim entities list --type ORG
        counterclaim entities show islamic-state
        counterclaim entities merge islamic-state e1a2b3c4d5e6f
        counterclaim entities split united-states "Washington"
    """


def _find(conn, entity_id: str) -> dict:
    row = conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        raise click.ClickException(f"{entity_id}: no such entity")
    return dict(row)


@entities_group.command("list")
@db_option
@click.option("--type", "entity_type", default=None, help="PERSON, ORG, GPE, LOC, NORP, FAC.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Entities to show."
)
@click.option("--json", "as_json", is_flag=True, help="Print the entities as JSON.")
def entities_list(db_path: str, entity_type: str | None, limit: int, as_json: bool) -> None:
    """The most mentioned entities, with their spellings.

    \b
    Example:
        counterclaim entities list --type GPE --limit 20
    """
    from counterclaim.store.entities import iter_entities
    from counterclaim.store.records import entity_record

    conn = open_db(db_path, readonly=True)
    records = [
        entity_record(e)
        for e in iter_entities(conn)
        if entity_type is None or e["type"] == entity_type
    ]
    records.sort(key=lambda r: -len(r["mentions"]))
    records = records[:limit]
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    table = Table("id", "name", "type", "mentions", "spellings")
    for record in records:
        table.add_row(
            record["id"],
            escape(record["name"]),
            record["type"],
            str(len(record["mentions"])),
            escape(", ".join(record["aliases"])),
        )
    stdout_console().print(table)


@entities_group.command("show")
@click.argument("entity_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the entity as JSON.")
def entities_show(entity_id: str, db_path: str, as_json: bool) -> None:
    """One entity: spellings per outlet, the rules that joined its mentions.

    \b
    Example:
        counterclaim entities show deir-ez-zor
    """
    from counterclaim.store.entities import iter_entities
    from counterclaim.store.records import entity_record

    conn = open_db(db_path, readonly=True)
    _find(conn, entity_id)
    record = next((entity_record(e) for e in iter_entities(conn) if e["id"] == entity_id), None)
    if record is None:
        raise click.ClickException(f"{entity_id}: no mentions stored")
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    console = stdout_console()
    console.print(
        f"[bold]{escape(record['name'])}[/bold] ({record['type']}, {record['id']}), "
        f"{len(record['mentions'])} mentions"
    )
    console.print("spellings by outlet:")
    for outlet, forms in record["spellings"].items():
        written = ", ".join(f"{escape(form)} ×{n}" for form, n in forms.items())
        console.print(f"  {escape(outlet)}: {written}")
    console.print("joined by: " + ", ".join(f"{rule} ×{n}" for rule, n in record["rules"].items()))


@entities_group.command("merge")
@click.argument("keep")
@click.argument("merged")
@db_option
def entities_merge(keep: str, merged: str, db_path: str) -> None:
    """Merge entity MERGED into KEEP. Recorded, so that re-analysis keeps it.

    \b
    Example:
        counterclaim entities merge islamic-state e1a2b3c4d5e6f
    """
    from counterclaim.store.db import transaction
    from counterclaim.store.entities import merge_entities

    conn = open_db(db_path)
    _find(conn, keep), _find(conn, merged)
    if keep == merged:
        raise click.UsageError("an entity cannot be merged into itself")
    with transaction(conn):
        moved = merge_entities(conn, keep, merged)
    click.echo(f"merged {merged} into {keep}: {moved} mention(s) moved")


@entities_group.command("split")
@click.argument("entity_id")
@click.argument("surface")
@db_option
def entities_split(entity_id: str, surface: str, db_path: str) -> None:
    """Move the mentions of ENTITY_ID written SURFACE into an entity of their own.
    Recorded, so that re-analysis keeps it.

    \b
    Example:
        counterclaim entities split united-states "Washington"
    """
    from counterclaim.link.entities import display_name, entity_id_for, fold
    from counterclaim.store.db import transaction
    from counterclaim.store.entities import split_entity

    conn = open_db(db_path)
    entity = _find(conn, entity_id)
    new_id = entity_id_for("split", f"{entity_id}:{fold(surface)}")
    with transaction(conn):
        moved = split_entity(
            conn, entity_id, fold(surface), new_id, display_name(surface), entity["type"]
        )
    if not moved:
        raise click.ClickException(f"{entity_id}: no mention is written {surface!r}")
    click.echo(f"split {moved} mention(s) written {surface!r} from {entity_id} into {new_id}")


COMMANDS = (entities_group,)
