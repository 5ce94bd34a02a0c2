"""Exports of the store: one JSON document, or one CSV/Parquet file per table.

JSON nests (an article's outlet, dateline, origin); CSV and Parquet are flat, one column per
field, so that DuckDB, pandas or a spreadsheet read them as they are.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from counterclaim.store.articles import iter_articles
from counterclaim.store.entities import iter_entities
from counterclaim.store.facts import iter_statements, iter_techniques, iter_timeline
from counterclaim.store.records import (
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    LINK_COLUMNS,
    MENTION_COLUMNS,
    REJECT_COLUMNS,
    STATEMENT_COLUMNS,
    STORY_COLUMNS,
    TECHNIQUE_COLUMNS,
    TIMELINE_COLUMNS,
    article_record,
    entity_record,
    flat_article,
    flat_entity,
    flat_link,
    flat_statement,
    flat_story,
    flat_technique,
    flat_timeline,
    link_record,
    statement_record,
    story_record,
    technique_record,
    timeline_record,
    write_parquet,
)
from counterclaim.store.stories import iter_links, iter_stories


def flat_mentions(conn: sqlite3.Connection) -> Iterator[dict]:
    for entity in iter_entities(conn):
        for mention in entity_record(entity)["mentions"]:
            yield {"entity_id": entity["id"], **mention, "span": json.dumps(mention["span"])}


def iter_rejects(conn: sqlite3.Connection) -> Iterator[dict]:
    for row in conn.execute(f"SELECT {', '.join(REJECT_COLUMNS)} FROM rejects ORDER BY id"):
        yield dict(row)


# table name → (columns of the flat form, rows in the nested JSON form, rows in the flat form)
def _tables(
    conn: sqlite3.Connection,
) -> dict[str, tuple[tuple[str, ...], Iterator | None, Iterator]]:
    return {
        "articles": (
            ARTICLE_COLUMNS,
            (article_record(r) for r in iter_articles(conn)),
            (flat_article(r) for r in iter_articles(conn)),
        ),
        "statements": (
            STATEMENT_COLUMNS,
            (statement_record(r) for r in iter_statements(conn)),
            (flat_statement(r) for r in iter_statements(conn)),
        ),
        "entities": (
            ENTITY_COLUMNS,
            (entity_record(e) for e in iter_entities(conn)),
            (flat_entity(e) for e in iter_entities(conn)),
        ),
        "timeline": (
            TIMELINE_COLUMNS,
            (timeline_record(r) for r in iter_timeline(conn)),
            (flat_timeline(r) for r in iter_timeline(conn)),
        ),
        "stories": (
            STORY_COLUMNS,
            (story_record(x) for x in iter_stories(conn)),
            (flat_story(x) for x in iter_stories(conn)),
        ),
        "links": (
            LINK_COLUMNS,
            (link_record(r) for r in iter_links(conn)),
            (flat_link(r) for r in iter_links(conn)),
        ),
        "techniques": (
            TECHNIQUE_COLUMNS,
            (technique_record(r) for r in iter_techniques(conn)),
            (flat_technique(r) for r in iter_techniques(conn)),
        ),
        # JSON nests mentions in their entities; the flat formats give them a table
        "mentions": (MENTION_COLUMNS, None, flat_mentions(conn)),
        "rejects": (REJECT_COLUMNS, iter_rejects(conn), iter_rejects(conn)),
    }


def export_json(conn: sqlite3.Connection, out: TextIO) -> dict[str, int]:
    """Write one JSON object with a key per table, streaming rows. Returns rows per table."""
    written: dict[str, int] = {}
    out.write("{")
    tables = [(name, nested) for name, (_, nested, _) in _tables(conn).items() if nested]
    for index, (table, nested) in enumerate(tables):
        out.write(("," if index else "") + f"\n{json.dumps(table)}: [")
        count = 0
        for count, record in enumerate(nested, start=1):
            out.write(("," if count > 1 else "") + "\n  " + json.dumps(record, ensure_ascii=False))
        out.write("\n]")
        written[table] = count
    out.write("\n}\n")
    return written


def export_files(conn: sqlite3.Connection, fmt: str, out_dir: Path) -> dict[str, Path]:
    """One `<table>.csv` or `<table>.parquet` per table in `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for table, (columns, _nested, flat) in _tables(conn).items():
        path = out_dir / f"{table}.{fmt}"
        (_write_csv if fmt == "csv" else write_parquet)(path, columns, flat)
        paths[table] = path
    return paths


def _write_csv(path: Path, columns: tuple[str, ...], rows: Iterator[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
