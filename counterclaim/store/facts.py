"""Reading and writing what the analysis stages extract (statements now; more to come)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

from counterclaim.model import Statement

STATEMENT_COLUMNS = (
    "id", "article_id", "speaker_start", "speaker_end", "speaker_text", "speaker_name",
    "speaker_role", "speaker_organisation", "speaker_entity_id", "cue_start", "cue_end",
    "cue_text", "cue_lemma", "content_start", "content_end", "content_text", "kind", "act",
    "targets", "said_on", "confidence", "producer",
)  # fmt: skip


def pending_articles(
    conn: sqlite3.Connection, stage: str, version: str, limit: int
) -> list[tuple[str, str]]:
    """(id, text) of articles the stage has not analysed in this version, first seen first."""
    rows = conn.execute(
        "SELECT a.id, a.text FROM articles a LEFT JOIN analysis_runs r "
        "ON r.article_id = a.id AND r.stage = ? "
        "WHERE r.version IS NULL OR r.version != ? ORDER BY a.seq LIMIT ?",
        (stage, version, limit),
    )
    return [(r[0], r[1]) for r in rows]


def count_pending(conn: sqlite3.Connection, stage: str, version: str) -> int:
    return conn.execute(
        "SELECT count(*) FROM articles a LEFT JOIN analysis_runs r "
        "ON r.article_id = a.id AND r.stage = ? WHERE r.version IS NULL OR r.version != ?",
        (stage, version),
    ).fetchone()[0]


def statement_row(statement: Statement, text: str) -> tuple:
    speaker = statement.speaker
    return (
        statement.id, statement.article_id,
        speaker.span.start if speaker else None, speaker.span.end if speaker else None,
        speaker.text if speaker else None, speaker.name if speaker else None,
        speaker.role if speaker else None, speaker.organisation if speaker else None,
        speaker.entity_id if speaker else None,
        statement.cue.start, statement.cue.end, statement.cue.of(text), statement.cue_lemma,
        statement.content.start, statement.content.end, statement.content.of(text),
        statement.kind, statement.act, json.dumps(list(statement.targets), ensure_ascii=False),
        statement.said_on.isoformat() if statement.said_on else None,
        statement.provenance.confidence, statement.provenance.producer,
    )  # fmt: skip


def save_article_facts(
    conn: sqlite3.Connection,
    stage: str,
    version: str,
    texts: dict[str, str],
    statements: Iterable[Statement],
) -> None:
    """Replace the facts of the analysed articles, in the caller's transaction."""
    ids = [(article_id,) for article_id in texts]
    conn.executemany("DELETE FROM statements WHERE article_id = ?", ids)
    placeholders = ", ".join("?" for _ in STATEMENT_COLUMNS)
    conn.executemany(
        f"INSERT OR REPLACE INTO statements ({', '.join(STATEMENT_COLUMNS)}) "
        f"VALUES ({placeholders})",
        [statement_row(s, texts[s.article_id]) for s in statements],
    )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    conn.executemany(
        "INSERT INTO analysis_runs (article_id, stage, version, done_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(article_id, stage) DO UPDATE SET version = excluded.version, "
        "done_at = excluded.done_at",
        [(article_id, stage, version, now) for article_id in texts],
    )


def iter_statements(
    conn: sqlite3.Connection, article_ids: Sequence[str] | None = None
) -> Iterator[dict]:
    """Statements as plain dicts, in article order then text order."""
    query = (
        "SELECT s.* FROM statements s JOIN articles a ON a.id = s.article_id "
        "{where} ORDER BY a.seq, s.cue_start, s.content_start"
    )
    if article_ids is None:
        yield from (dict(r) for r in conn.execute(query.format(where="")))
        return
    for article_id in article_ids:
        rows = conn.execute(query.format(where="WHERE s.article_id = ?"), (article_id,))
        yield from (dict(r) for r in rows)
