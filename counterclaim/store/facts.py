"""Reading and writing what the analysis stages extract (statements now; more to come)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import islice

from counterclaim.model import (
    ArticleFacts,
    CharSpan,
    Provenance,
    Speaker,
    Statement,
    StoredStatement,
)

STATEMENT_COLUMNS = (
    "id", "article_id", "speaker_start", "speaker_end", "speaker_text", "speaker_name",
    "speaker_role", "speaker_organisation", "speaker_entity_id", "cue_start", "cue_end",
    "cue_text", "cue_lemma", "content_start", "content_end", "content_text", "kind", "act",
    "targets", "said_on", "confidence", "producer", "speaker_unresolved", "speaker_via",
    "act_evidence",
)  # fmt: skip
# the `statements` table's columns in its order (what `SELECT s.*` reads)
_TABLE_COLUMNS = (
    *STATEMENT_COLUMNS[: STATEMENT_COLUMNS.index("targets") + 1],
    "target_entity_ids",
    *STATEMENT_COLUMNS[STATEMENT_COLUMNS.index("targets") + 1 :],
)


@dataclass(frozen=True)
class PendingArticle:
    id: str
    text: str
    anchor: date | None  # the dateline's date, else the publication date


def pending_articles(
    conn: sqlite3.Connection, stage: str, version: str, limit: int
) -> list[PendingArticle]:
    """Articles the stage has not analysed in this version, first seen first."""
    return list(islice(iter_pending_articles(conn, stage, version), limit))


def iter_pending_articles(
    conn: sqlite3.Connection, stage: str, version: str
) -> Iterator[PendingArticle]:
    """Every article the stage has not analysed in this version, first seen first, streamed."""
    rows = conn.execute(
        "SELECT a.id, a.text, coalesce(a.dateline_date, a.published) AS anchor "
        "FROM articles a LEFT JOIN analysis_runs r ON r.article_id = a.id AND r.stage = ? "
        "WHERE r.version IS NULL OR r.version != ? ORDER BY a.seq",
        (stage, version),
    )
    for r in rows:
        yield PendingArticle(r[0], r[1], date.fromisoformat(r[2]) if r[2] else None)


def count_pending(conn: sqlite3.Connection, stage: str, version: str) -> int:
    return conn.execute(
        "SELECT count(*) FROM articles a LEFT JOIN analysis_runs r "
        "ON r.article_id = a.id AND r.stage = ? WHERE r.version IS NULL OR r.version != ?",
        (stage, version),
    ).fetchone()[0]


def statement_row(statement: Statement, text: str) -> tuple:
    """The `STATEMENT_COLUMNS` of a statement of the article `text`."""
    return _statement_values(statement, statement.cue.of(text), statement.content.of(text))


def _statement_values(statement: Statement, cue_text: str, content_text: str) -> tuple:
    speaker = statement.speaker
    return (
        statement.id, statement.article_id,
        speaker.span.start if speaker else None, speaker.span.end if speaker else None,
        speaker.text if speaker else None, speaker.name if speaker else None,
        speaker.role if speaker else None, speaker.organisation if speaker else None,
        speaker.entity_id if speaker else None,
        statement.cue.start, statement.cue.end, cue_text, statement.cue_lemma,
        statement.content.start, statement.content.end, content_text,
        statement.kind, statement.act, json.dumps(list(statement.targets), ensure_ascii=False),
        statement.said_on.isoformat() if statement.said_on else None,
        statement.provenance.confidence, statement.provenance.producer,
        int(speaker.unresolved) if speaker else 0, speaker.via if speaker else None,
        statement.act_evidence,
    )  # fmt: skip


def statement_from_row(row: Mapping) -> Statement:
    """The `Statement` of a `statements` row: the inverse of `statement_row` (the texts it
    stores beside the spans are read from the article, so they are left out)."""
    speaker = None
    if row["speaker_start"] is not None:
        speaker = Speaker(
            span=CharSpan(row["speaker_start"], row["speaker_end"]),
            text=row["speaker_text"],
            name=row["speaker_name"],
            role=row["speaker_role"],
            organisation=row["speaker_organisation"],
            entity_id=row["speaker_entity_id"],
            unresolved=bool(row.get("speaker_unresolved")),
            via=row.get("speaker_via"),
        )
    said_on = row["said_on"]
    return Statement(
        id=row["id"],
        article_id=row["article_id"],
        speaker=speaker,
        cue=CharSpan(row["cue_start"], row["cue_end"]),
        cue_lemma=row["cue_lemma"],
        content=CharSpan(row["content_start"], row["content_end"]),
        kind=row["kind"],
        act=row["act"],
        provenance=Provenance(row["producer"], row["confidence"]),
        targets=tuple(json.loads(row["targets"] or "[]")),
        said_on=date.fromisoformat(said_on) if said_on else None,
        act_evidence=row.get("act_evidence"),
    )


def stored_statement(row: Mapping) -> StoredStatement:
    """A `statements` row (with, when selected, its article's `seq`, `outlet_id`, `outlet`
    and `published`) as a `StoredStatement`."""
    return StoredStatement(
        statement=statement_from_row(row),
        cue_text=row["cue_text"],
        content_text=row["content_text"],
        target_entity_ids=tuple(json.loads(row.get("target_entity_ids") or "[]")),
        seq=row.get("seq"),
        outlet_id=row.get("outlet_id"),
        outlet=row.get("outlet"),
        published=row.get("published"),
    )


def stored_statement_row(stored: StoredStatement, article: bool = True) -> dict:
    """The row `stored_statement` read: every `statements` column and, with `article`, the
    article's `seq`, `outlet_id`, `published` and `outlet`."""
    values = dict(
        zip(
            STATEMENT_COLUMNS,
            _statement_values(stored.statement, stored.cue_text, stored.content_text),
            strict=True,
        )
    )
    values["target_entity_ids"] = json.dumps(list(stored.target_entity_ids))
    row = {column: values[column] for column in _TABLE_COLUMNS}  # the table's order: `s.*`
    if article:
        row |= {
            "seq": stored.seq,
            "outlet_id": stored.outlet_id,
            "published": stored.published,
            "outlet": stored.outlet,
        }
    return row


def save_article_facts(
    conn: sqlite3.Connection,
    stage: str,
    version: str,
    texts: dict[str, str],
    facts: Iterable[ArticleFacts],
) -> None:
    """Replace the facts of the analysed articles, in the caller's transaction."""
    facts = list(facts)
    statements = [s for f in facts for s in f.statements]
    ids = [(article_id,) for article_id in texts]
    for table in ("statements", "date_mentions", "timeline_events", "techniques"):
        conn.executemany(f"DELETE FROM {table} WHERE article_id = ?", ids)
    conn.executemany(
        "INSERT OR REPLACE INTO date_mentions (article_id, start, end, text, date, end_date, "
        "precision, anchor, producer, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                d.article_id,
                d.span.start,
                d.span.end,
                d.span.of(texts[d.article_id]),
                d.date.isoformat(),
                d.end.isoformat() if d.end else None,
                d.precision,
                d.anchor.isoformat() if d.anchor else None,
                d.provenance.producer,
                d.provenance.confidence,
            )
            for f in facts
            for d in f.dates
        ],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO timeline_events (id, article_id, start, end, text, date, "
        "precision, expression_start, expression_end, group_id, entity_ids, producer, "
        "confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?)",
        [
            (
                e.id,
                e.article_id,
                e.span.start,
                e.span.end,
                e.text,
                e.date.isoformat(),
                e.precision,
                e.expression.start if e.expression else None,
                e.expression.end if e.expression else None,
                e.id,
                e.provenance.producer,
                e.provenance.confidence,
            )
            for f in facts
            for e in f.timeline
        ],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO techniques (article_id, start, end, text, technique, confidence, "
        "producer) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                t.article_id,
                t.span.start,
                t.span.end,
                t.span.of(texts[t.article_id]),
                t.technique,
                t.provenance.confidence,
                t.provenance.producer,
            )
            for f in facts
            for t in f.techniques
        ],
    )
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


def stored_statements(
    conn: sqlite3.Connection, article_ids: Sequence[str]
) -> list[StoredStatement]:
    """The articles' statements (`iter_statements`) as `StoredStatement`s."""
    return [stored_statement(row) for row in iter_statements(conn, article_ids)]


def reported_days(
    conn: sqlite3.Connection, article_ids: Sequence[str]
) -> dict[str, list[tuple[date, int]]]:
    """The days each article's date expressions resolve to (`day` precision), each with the
    expression's first character, in text order: what story linking takes the event's date
    from."""
    found: dict[str, list[tuple[date, int]]] = {}
    for article_id in article_ids:
        found[article_id] = [
            (date.fromisoformat(r[0]), r[1])
            for r in conn.execute(
                "SELECT date, start FROM date_mentions WHERE article_id = ? AND precision = 'day' "
                "ORDER BY start",
                (article_id,),
            )
        ]
    return found


def iter_techniques(conn: sqlite3.Connection) -> Iterator[dict]:
    """Technique spans in article order, then text order."""
    rows = conn.execute(
        "SELECT t.*, o.name AS outlet FROM techniques t JOIN articles a ON a.id = t.article_id "
        "LEFT JOIN outlets o ON o.id = a.outlet_id ORDER BY a.seq, t.start, t.end, t.technique"
    )
    yield from (dict(r) for r in rows)


def techniques_per_outlet(conn: sqlite3.Connection) -> list[dict]:
    """Per outlet: analysed articles, their words, technique spans, spans per thousand words,
    and the count of each technique (outlets with most spans per word first)."""
    words: dict[str, list[int]] = {}
    for row in conn.execute(
        "SELECT coalesce(o.name, 'unknown outlet') AS outlet, a.text FROM articles a "
        "JOIN analysis_runs r ON r.article_id = a.id AND r.stage = 'article' "
        "LEFT JOIN outlets o ON o.id = a.outlet_id"
    ):
        entry = words.setdefault(row["outlet"], [0, 0])
        entry[0] += 1
        entry[1] += len(row["text"].split())
    found: dict[str, dict[str, int]] = {}
    for row in conn.execute(
        "SELECT coalesce(o.name, 'unknown outlet') AS outlet, t.technique, count(*) AS n "
        "FROM techniques t JOIN articles a ON a.id = t.article_id "
        "LEFT JOIN outlets o ON o.id = a.outlet_id GROUP BY outlet, t.technique"
    ):
        found.setdefault(row["outlet"], {})[row["technique"]] = row["n"]
    result = []
    for outlet, (articles, n_words) in words.items():
        by_technique = dict(sorted(found.get(outlet, {}).items(), key=lambda kv: (-kv[1], kv[0])))
        spans = sum(by_technique.values())
        result.append(
            {
                "outlet": outlet,
                "articles": articles,
                "words": n_words,
                "techniques": spans,
                "per_thousand_words": round(1000 * spans / n_words, 2) if n_words else 0.0,
                "by_technique": by_technique,
            }
        )
    return sorted(result, key=lambda r: (-r["per_thousand_words"], r["outlet"]))


def iter_timeline(conn: sqlite3.Connection) -> Iterator[dict]:
    """Timeline events in date order; events of one group are the same event, reported by
    several articles."""
    rows = conn.execute(
        "SELECT t.*, o.name AS outlet FROM timeline_events t "
        "JOIN articles a ON a.id = t.article_id LEFT JOIN outlets o ON o.id = a.outlet_id "
        "ORDER BY t.date, t.group_id, a.seq, t.start"
    )
    yield from (dict(r) for r in rows)


def same_day_groups(
    conn: sqlite3.Connection, day: date, precision: str, article_id: str
) -> list[tuple[str, set[str]]]:
    """The group and entities of the events of other articles on this date, at this precision
    (at most 500): the reports an event of `article_id` may join (`link.timeline`)."""
    return [
        (r["group_id"], set(json.loads(r["entity_ids"])))
        for r in conn.execute(
            "SELECT group_id, entity_ids FROM timeline_events "
            "WHERE date = ? AND precision = ? AND article_id != ? LIMIT 500",
            (day.isoformat(), precision, article_id),
        )
    ]


def set_event_group(
    conn: sqlite3.Connection, event_id: str, entity_ids: Sequence[str], group_id: str
) -> None:
    conn.execute(
        "UPDATE timeline_events SET entity_ids = ?, group_id = ? WHERE id = ?",
        (json.dumps(list(entity_ids)), group_id, event_id),
    )


def forget_runs(conn: sqlite3.Connection, stage: str) -> None:
    """Forget which articles the stage analysed: the next `analyze` reads them all again."""
    conn.execute("DELETE FROM analysis_runs WHERE stage = ?", (stage,))
