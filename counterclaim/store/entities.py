"""The entity index in SQLite (keys, overrides) and reads for exports and the CLI."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from counterclaim.model import Linked
from counterclaim.text import fold


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SqliteEntityIndex:
    """`link.entities.EntityIndex` over the store; used inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._redirects = dict(
            conn.execute(
                "SELECT other_id, entity_id FROM entity_overrides WHERE action = 'merge' "
                "ORDER BY id"
            ).fetchall()
        )
        self._splits = {
            (r[0], r[1]): r[2]
            for r in conn.execute(
                "SELECT entity_id, surface_key, other_id FROM entity_overrides "
                "WHERE action = 'split'"
            )
        }

    def lookup(self, key: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT entity_id FROM entity_keys WHERE key = ? ORDER BY rowid", (key,)
        )
        return list(dict.fromkeys(self.redirect(r[0]) for r in rows))

    def create(self, entity_id: str, name: str, type: str, source: str, keys: list[str]) -> None:
        self.conn.execute(
            "INSERT INTO entities (id, name, type, source, created_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO NOTHING",
            (entity_id, name, type, source, _now()),
        )
        self.add_keys(entity_id, keys)

    def add_keys(self, entity_id: str, keys: list[str]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO entity_keys (key, entity_id) VALUES (?, ?)",
            [(key, entity_id) for key in keys],
        )

    def name_of(self, entity_id: str) -> str | None:
        row = self.conn.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return row[0] if row else None

    def rename(self, entity_id: str, name: str) -> None:
        """A fuller canonical name (a surname's entity named in full later)."""
        self.conn.execute("UPDATE entities SET name = ? WHERE id = ?", (name, entity_id))

    def type_of(self, entity_id: str) -> str | None:
        row = self.conn.execute("SELECT type FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return row[0] if row else None

    def redirect(self, entity_id: str) -> str:
        seen = set()
        while entity_id in self._redirects and entity_id not in seen:
            seen.add(entity_id)
            entity_id = self._redirects[entity_id]
        return entity_id

    def split_for(self, entity_id: str, surface_key: str) -> str | None:
        return self._splits.get((entity_id, surface_key))

    def cooccurring(self, entity_id: str) -> set[str]:
        """Entities mentioned in the (latest 50) articles that mention this one."""
        rows = self.conn.execute(
            "SELECT DISTINCT m2.entity_id FROM mentions m2 WHERE m2.article_id IN ("
            "SELECT DISTINCT article_id FROM mentions WHERE entity_id = ? "
            "ORDER BY id DESC LIMIT 50)",
            (entity_id,),
        )
        return {r[0] for r in rows} - {entity_id}


def save_mentions(
    conn: sqlite3.Connection, article_ids: Iterable[str], linked: Iterable[Linked]
) -> None:
    """Replace the mentions of these articles, in the caller's transaction."""
    conn.executemany("DELETE FROM mentions WHERE article_id = ?", [(a,) for a in article_ids])
    conn.executemany(
        "INSERT OR REPLACE INTO mentions (article_id, start, end, surface, label, entity_id, "
        "rule, producer, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                x.mention.article_id,
                x.mention.span.start,
                x.mention.span.end,
                x.mention.surface,
                x.mention.label,
                x.mention.entity_id,
                x.rule,
                x.mention.provenance.producer,
                round(min(x.confidence, x.mention.provenance.confidence), 3),
            )
            for x in linked
        ],
    )


def record_override(
    conn: sqlite3.Connection,
    action: str,
    entity_id: str,
    other_id: str,
    surface_key: str | None = None,
) -> None:
    conn.execute(
        "INSERT INTO entity_overrides (action, entity_id, other_id, surface_key, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (action, entity_id, other_id, surface_key, _now()),
    )


def merge_entities(conn: sqlite3.Connection, keep: str, merged: str) -> int:
    """Move `merged` into `keep` (mentions, keys, statements); recorded so re-analysis keeps
    it. Returns the mentions moved."""
    moved = conn.execute(
        "UPDATE mentions SET entity_id = ?, rule = rule || '+override-merge' WHERE entity_id = ?",
        (keep, merged),
    ).rowcount
    conn.execute(
        "UPDATE OR IGNORE entity_keys SET entity_id = ? WHERE entity_id = ?", (keep, merged)
    )
    conn.execute(
        "UPDATE statements SET speaker_entity_id = ? WHERE speaker_entity_id = ?", (keep, merged)
    )
    record_override(conn, "merge", keep, merged)
    return moved


def split_entity(
    conn: sqlite3.Connection, entity_id: str, surface_key: str, new_id: str, name: str, type: str
) -> int:
    """Move the mentions of `entity_id` written `surface_key` (folded) into a new entity."""
    conn.execute(
        "INSERT INTO entities (id, name, type, source, created_at) VALUES (?, ?, ?, 'user', ?) "
        "ON CONFLICT(id) DO NOTHING",
        (new_id, name, type, _now()),
    )
    rows = conn.execute("SELECT id, surface FROM mentions WHERE entity_id = ?", (entity_id,))
    ids = [(new_id, r[0]) for r in rows.fetchall() if fold(r[1]) == surface_key]
    conn.executemany("UPDATE mentions SET entity_id = ?, rule = 'override-split' WHERE id = ?", ids)
    record_override(conn, "split", entity_id, new_id, surface_key)
    return len(ids)


def iter_entities(conn: sqlite3.Connection) -> Iterator[dict]:
    """Entities that have mentions, with their mentions (and each mention's outlet)."""
    entities = conn.execute(
        "SELECT e.* FROM entities e WHERE EXISTS (SELECT 1 FROM mentions m "
        "WHERE m.entity_id = e.id) ORDER BY e.name"
    ).fetchall()
    for entity in entities:
        yield {**dict(entity), "mentions": entity_mentions(conn, entity["id"])}


def entity_mentions(conn: sqlite3.Connection, entity_id: str) -> list[dict]:
    """The entity's mentions in article order, each with its article's outlet and origin."""
    mentions = conn.execute(
        "SELECT m.article_id, m.start, m.end, m.surface, m.rule, m.confidence, "
        "o.name AS outlet, a.origin_name AS origin "
        "FROM mentions m JOIN articles a ON a.id = m.article_id "
        "LEFT JOIN outlets o ON o.id = a.outlet_id WHERE m.entity_id = ? "
        "ORDER BY a.seq, m.start",
        (entity_id,),
    ).fetchall()
    return [dict(m) for m in mentions]


def entity_ids_at(conn: sqlite3.Connection, article_id: str) -> list[dict]:
    rows = conn.execute(
        "SELECT start, end, surface, entity_id FROM mentions WHERE article_id = ? ORDER BY start",
        (article_id,),
    )
    return [dict(r) for r in rows]


def set_statement_entities(
    conn: sqlite3.Connection, links: Iterable[tuple[str, str | None, list[str | None]]]
) -> None:
    conn.executemany(
        "UPDATE statements SET speaker_entity_id = ?, target_entity_ids = ? WHERE id = ?",
        [(speaker, json.dumps(targets), statement_id) for statement_id, speaker, targets in links],
    )
