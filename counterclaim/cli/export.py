"""`export`: the store as JSON, CSV or Parquet."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from counterclaim.cli.options import db_option, open_db, stderr


@click.command("export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "parquet"]),
    default="json",
    show_default=True,
    help="json: one document, a key per table; csv, parquet: one file per table in --out.",
)
@click.option(
    "--out",
    type=click.Path(),
    default=None,
    help="JSON: a file (default stdout). CSV and Parquet: a folder (required).",
)
def export_command(db_path: str, fmt: str, out: str | None) -> None:
    """Write the store out: one JSON document with a key per table, or one file per table.

    \b
    Examples:
        counterclaim export --format json > store.json
        counterclaim export --format parquet --out exports/
    """
    from counterclaim.present.export import export_files, export_json

    conn = open_db(db_path, readonly=True)
    if fmt == "json":
        if out is None:
            export_json(conn, sys.stdout)
            return
        with open(out, "w", encoding="utf-8") as handle:
            written = export_json(conn, handle)
        stderr.print(f"wrote {out}: " + ", ".join(f"{n:,} {t}" for t, n in written.items()))
        return
    if out is None:
        raise click.UsageError(f"--format {fmt} writes one file per table: give --out DIR")
    paths = export_files(conn, fmt, Path(out))
    stderr.print("wrote " + ", ".join(str(p) for p in paths.values()))


COMMANDS = (export_command,)
