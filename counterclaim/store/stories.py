"""Reading and writing stories, their linking state, provenance fingerprints and links.

The story clusterer's state (`linker_state`) is a cache of what `story_signals` and
`story_articles` hold: articles whose signals are stored but that the saved state does not
know (a run interrupted between two saves) are replayed in the order first seen.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

import numpy as np

from counterclaim.model import Link, StoredStatement, Story, link_id
from counterclaim.store.facts import stored_statement

STORY_STATE = "stories"
SIGNALS_PRODUCER = "story-signals@1"
MAIN_ENTITIES = 12


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- signals -----------------------------------------------------------------------------------


def save_signals(
    conn: sqlite3.Connection,
    signals: Iterable[tuple[str, np.ndarray, Sequence[str], date | None, str | None]],
) -> None:
    """Each article's story signals: (article id, vector, keys, date, title)."""
    conn.executemany(
        "INSERT OR REPLACE INTO story_signals (article_id, vector, keys, date, title, producer) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                np.asarray(vector, dtype=np.float16).tobytes(),
                json.dumps(list(keys), ensure_ascii=False),
                day.isoformat() if day else None,
                title,
                SIGNALS_PRODUCER,
            )
            for article_id, vector, keys, day, title in signals
        ],
    )


Signals = tuple[str, np.ndarray, list[str], date | None, str | None, bool]


def _signals_from_row(row: sqlite3.Row | tuple) -> Signals:
    article_id, vector, keys, day, title, titled = row
    return (
        article_id,
        np.frombuffer(vector, dtype=np.float16).astype(np.float32),
        json.loads(keys),
        date.fromisoformat(day) if day else None,
        title,
        bool(titled),
    )


def unlinked_signals(conn: sqlite3.Connection, known: set[str]) -> list[Signals]:
    """Signals of articles not in `known` (the clusterer's articles), first seen first:
    (article id, vector, keys, date, title, whether the article has a title), the arguments
    of `extract.signals.ArticleSignals.from_keys`."""
    rows = conn.execute(
        "SELECT s.article_id, s.vector, s.keys, s.date, s.title, "
        "coalesce(trim(a.title), '') != '' FROM story_signals s "
        "JOIN articles a ON a.id = s.article_id ORDER BY a.seq"
    )
    return [_signals_from_row(r) for r in rows if r[0] not in known]


# --- the clusterer's state ---------------------------------------------------------------------


def load_state(conn: sqlite3.Connection, name: str = STORY_STATE) -> bytes | None:
    """The saved state of a linker (`link.stories.StoryClusterer.to_bytes`), if any."""
    row = conn.execute("SELECT state FROM linker_state WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def save_state(
    conn: sqlite3.Connection, state: bytes, articles: int, name: str = STORY_STATE
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO linker_state (name, state, articles, updated_at) "
        "VALUES (?, ?, ?, ?)",
        (name, state, articles, _now()),
    )


def reset_stories(conn: sqlite3.Connection) -> None:
    """Forget every story (not the user's overrides): `analyze --force` builds them again."""
    for table in ("linker_state", "story_articles", "stories", "story_entities"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("DELETE FROM links WHERE relation != 'copy_of'")


# --- stories -----------------------------------------------------------------------------------


def save_decisions(
    conn: sqlite3.Connection, decisions: Iterable[tuple[str, str, float | None]], producer: str
) -> None:
    """Where each article went: (article id, story id, score)."""
    conn.executemany(
        "INSERT OR REPLACE INTO story_articles (article_id, story_id, score, producer) "
        "VALUES (?, ?, ?, ?)",
        [(article_id, story_id, score, producer) for article_id, story_id, score in decisions],
    )


def delete_story(conn: sqlite3.Connection, story_id: str) -> None:
    """A story merged away."""
    conn.execute("DELETE FROM story_entities WHERE story_id = ?", (story_id,))
    conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))


def set_story_articles(conn: sqlite3.Connection, story_id: str, members: Iterable[str]) -> None:
    conn.executemany(
        "UPDATE story_articles SET story_id = ? WHERE article_id = ?",
        [(story_id, a) for a in members],
    )


def story_texts(conn: sqlite3.Connection, story_id: str) -> list[tuple[str | None, str]]:
    """(title, text) of the story's articles."""
    return [
        (title, text)
        for title, text in conn.execute(
            "SELECT a.title, a.text FROM story_articles s JOIN articles a "
            "ON a.id = s.article_id WHERE s.story_id = ?",
            (story_id,),
        )
    ]


def write_story(conn: sqlite3.Connection, story_id: str, title: str, low_content: bool) -> None:
    """The story's row, counted again from its articles and links, and its main entities."""
    conn.execute("DELETE FROM story_entities WHERE story_id = ?", (story_id,))
    first, last, articles, outlets = conn.execute(
        "SELECT min(a.published), max(a.published), count(*), count(DISTINCT a.outlet_id) "
        "FROM story_articles s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ?",
        (story_id,),
    ).fetchone()
    disputes = conn.execute(
        "SELECT count(*) FROM links WHERE story_id = ? AND relation = 'disputes'",
        (story_id,),
    ).fetchone()[0]
    conn.execute(
        "INSERT OR REPLACE INTO stories (id, title, first_date, last_date, article_count, "
        "outlet_count, dispute_count, low_content, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (story_id, title, first, last, articles, outlets, disputes, int(low_content), _now()),
    )
    conn.execute(
        "INSERT INTO story_entities (story_id, entity_id, mentions) "
        "SELECT ?, m.entity_id, count(*) AS n FROM mentions m "
        "JOIN story_articles s ON s.article_id = m.article_id "
        "JOIN entities e ON e.id = m.entity_id "
        "WHERE s.story_id = ? AND e.type != 'DATE' "
        "GROUP BY m.entity_id ORDER BY n DESC, m.entity_id LIMIT ?",
        (story_id, story_id, MAIN_ENTITIES),
    )


def save_statement_vectors(
    conn: sqlite3.Connection, vectors: Iterable[tuple[str, np.ndarray]]
) -> None:
    """Statements' content embeddings, kept as float16 bytes (what `story_statements` reads
    back)."""
    conn.executemany(
        "INSERT OR REPLACE INTO statement_vectors (statement_id, vector) VALUES (?, ?)",
        [(statement_id, np.asarray(v).astype(np.float16).tobytes()) for statement_id, v in vectors],
    )


def story_statements(
    conn: sqlite3.Connection, story_id: str, exclude: Sequence[str] = (), limit: int = 400
) -> list[tuple[StoredStatement, np.ndarray]]:
    """The story's statements (with their article's `seq`) and their content vectors
    (float16, as stored), newest articles first, at most `limit` (a huge story is compared
    with its recent statements only)."""
    skip = set(exclude)
    rows = conn.execute(
        "SELECT s.*, a.seq, v.vector FROM story_articles m "
        "JOIN articles a ON a.id = m.article_id JOIN statements s ON s.article_id = a.id "
        "JOIN statement_vectors v ON v.statement_id = s.id "
        "WHERE m.story_id = ? ORDER BY a.seq DESC, s.content_start LIMIT ?",
        (story_id, limit + 200),
    )
    return [
        (stored_statement(dict(r)), np.frombuffer(r["vector"], np.float16))
        for r in rows
        if r["article_id"] not in skip
    ][:limit]


def reassign_articles(conn: sqlite3.Connection, assignments: Iterable[tuple[str, str]]) -> None:
    """(article id, story id) moves made by the user's overrides."""
    conn.executemany(
        "UPDATE story_articles SET story_id = ?, producer = 'user' WHERE article_id = ? "
        "AND story_id != ?",
        [(s, a, s) for a, s in assignments],
    )


def move_story_links(conn: sqlite3.Connection, old: str, new: str) -> None:
    conn.execute("UPDATE links SET story_id = ? WHERE story_id = ?", (new, old))


def story_of(conn: sqlite3.Connection, article_id: str) -> str | None:
    row = conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return row[0] if row else None


def add_override(
    conn: sqlite3.Connection,
    action: str,
    story_id: str,
    other_id: str | None,
    article_ids: Sequence[str] = (),
) -> None:
    conn.execute(
        "INSERT INTO story_overrides (action, story_id, other_id, article_ids, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (action, story_id, other_id, json.dumps(list(article_ids)), _now()),
    )


def iter_overrides(conn: sqlite3.Connection) -> list[tuple[str, str, str | None, list[str]]]:
    return [
        (r[0], r[1], r[2], json.loads(r[3]))
        for r in conn.execute(
            "SELECT action, story_id, other_id, article_ids FROM story_overrides ORDER BY id"
        )
    ]


# --- provenance fingerprints -------------------------------------------------------------------


def save_fingerprint(
    conn: sqlite3.Connection,
    article_id: str,
    signature: bytes,
    shingles: int,
    buckets: Iterable[tuple[int, int]],
) -> None:
    """An article's MinHash signature and its (band, bucket) pairs (`link.provenance`)."""
    conn.execute(
        "INSERT OR REPLACE INTO minhashes (article_id, signature, shingles) VALUES (?, ?, ?)",
        (article_id, signature, shingles),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO minhash_bands (band, bucket, article_id) VALUES (?, ?, ?)",
        [(band, bucket, article_id) for band, bucket in buckets],
    )


def copy_candidates(
    conn: sqlite3.Connection, article_id: str, buckets: Iterable[tuple[int, int]]
) -> list[tuple[str, np.ndarray, int]]:
    """Stored articles sharing a band with these buckets, first seen first: (article id,
    signature, shingles)."""
    found: set[str] = set()
    for band, bucket in buckets:
        found.update(
            r[0]
            for r in conn.execute(
                "SELECT article_id FROM minhash_bands WHERE band = ? AND bucket = ?",
                (band, bucket),
            )
        )
    found.discard(article_id)
    if not found:
        return []
    marks = ",".join("?" * len(found))
    rows = conn.execute(
        f"SELECT m.article_id, m.signature, m.shingles FROM minhashes m "  # noqa: S608 (marks only)
        f"JOIN articles a ON a.id = m.article_id WHERE m.article_id IN ({marks}) ORDER BY a.seq",
        sorted(found),
    )
    return [(r[0], np.frombuffer(r[1], dtype=np.uint32), r[2]) for r in rows]


# --- links -------------------------------------------------------------------------------------


def save_links(conn: sqlite3.Connection, links: Iterable[Link]) -> None:
    """Store the links found, except those the user marked wrong (`links reject`): a
    re-analysis that finds one again drops it again."""
    from counterclaim.store.links import drop_rejected

    links = drop_rejected(conn, links)

    conn.executemany(
        "INSERT OR REPLACE INTO links (id, relation, from_kind, from_id, to_kind, to_id, "
        "story_id, score, evidence, producer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                link_id(x.relation, x.source_id, x.target_id),
                x.relation,
                x.kind,
                x.source_id,
                x.kind,
                x.target_id,
                x.story_id,
                x.score,
                json.dumps(x.evidence, ensure_ascii=False, sort_keys=True),
                x.provenance.producer,
            )
            for x in links
        ],
    )


def delete_statement_links(conn: sqlite3.Connection, article_ids: Sequence[str]) -> None:
    """Links from or to the statements of these articles (analysed again)."""
    conn.executemany(
        "DELETE FROM links WHERE from_kind = 'statement' AND (from_id IN "
        "(SELECT id FROM statements WHERE article_id = ?) OR to_id IN "
        "(SELECT id FROM statements WHERE article_id = ?))",
        [(a, a) for a in article_ids],
    )


# --- reading a story ---------------------------------------------------------------------------


def load_story(conn: sqlite3.Connection, story_id: str) -> Story | None:
    row = conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    articles = [
        r[0]
        for r in conn.execute(
            "SELECT a.id FROM story_articles s JOIN articles a ON a.id = s.article_id "
            "WHERE s.story_id = ? ORDER BY a.seq",
            (story_id,),
        )
    ]
    entities = [
        r[0]
        for r in conn.execute(
            "SELECT entity_id FROM story_entities WHERE story_id = ? "
            "ORDER BY mentions DESC, entity_id",
            (story_id,),
        )
    ]
    return Story(
        id=row["id"],
        title=row["title"],
        article_ids=tuple(articles),
        first_date=date.fromisoformat(row["first_date"]) if row["first_date"] else None,
        last_date=date.fromisoformat(row["last_date"]) if row["last_date"] else None,
        entity_ids=tuple(entities),
    )


def iter_stories(conn: sqlite3.Connection) -> list[Story]:
    """Every story, latest first; stubs, test and navigation pages (`low_content`) last."""
    low = "low_content, " if _has_column(conn, "stories", "low_content") else ""
    ids = [
        r[0]
        for r in conn.execute(
            f"SELECT id FROM stories ORDER BY {low}last_date DESC NULLS LAST, "  # noqa: S608
            "dispute_count DESC, id"
        )
    ]
    return [story for story in (load_story(conn, i) for i in ids) if story]


def _has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    """A store opened read-only may predate a migration."""
    return any(r[1] == column for r in conn.execute(f"PRAGMA table_info({table})"))


def iter_links(conn: sqlite3.Connection) -> list[dict]:
    return [
        {**dict(r), "evidence": json.loads(r["evidence"])}
        for r in conn.execute("SELECT * FROM links ORDER BY story_id, relation, from_id, to_id")
    ]


def story_summary_rows(
    conn: sqlite3.Connection, story: Story
) -> tuple[list[StoredStatement], list[dict], list[dict], list[dict]]:
    """What the story page is made of (`link.summary.summarize`): the story's statements
    (with `seq`, `outlet_id`, `published`, `outlet`), its links and the copies among its
    articles, its outlets with their spellings of the story's main entities, and its
    timeline events (each with the number of reports of its group, `sources`)."""
    members = list(story.article_ids)
    marks = ",".join("?" * len(members))
    statements = [
        stored_statement(dict(r))
        for r in conn.execute(
            f"SELECT s.*, a.seq, a.outlet_id, a.published, o.name AS outlet "  # noqa: S608
            f"FROM statements s JOIN articles a ON a.id = s.article_id "
            f"LEFT JOIN outlets o ON o.id = a.outlet_id WHERE s.article_id IN ({marks}) "
            f"ORDER BY a.seq, s.content_start",
            members,
        )
    ]
    ids = [s.id for s in statements]
    links = [
        dict(r)
        for r in conn.execute(
            f"SELECT * FROM links WHERE story_id = ? OR (relation = 'copy_of' AND "  # noqa: S608
            f"from_id IN ({marks}))",
            [story.id, *members],
        )
    ]
    linked = {x["id"] for x in links}
    links += [
        dict(r)
        for r in conn.execute(
            f"SELECT * FROM links WHERE from_kind = 'statement' AND "  # noqa: S608
            f"from_id IN ({','.join('?' * len(ids))})",
            ids,
        )
        if r["id"] not in linked
    ]
    outlets: dict[str, dict] = {}
    for r in conn.execute(
        f"SELECT a.id, coalesce(a.outlet_id, '') AS outlet_id, o.name, o.country, "  # noqa: S608
        f"o.state_affiliated FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id "
        f"WHERE a.id IN ({marks}) ORDER BY a.seq",
        members,
    ):
        outlet = outlets.setdefault(
            r["outlet_id"],
            {
                "id": r["outlet_id"] or None,
                "name": r["name"] or "unknown outlet",
                "country": r["country"],
                "state_affiliated": r["state_affiliated"],
                "article_ids": [],
                "spellings": {},
            },
        )
        outlet["article_ids"].append(r["id"])
    main = set(story.entity_ids)
    for r in conn.execute(
        f"SELECT coalesce(a.outlet_id, '') AS outlet_id, m.entity_id, m.surface, "  # noqa: S608
        f"count(*) AS n FROM mentions m JOIN articles a ON a.id = m.article_id "
        f"WHERE m.article_id IN ({marks}) GROUP BY 1, 2, 3 ORDER BY n DESC, m.surface",
        members,
    ):
        if r["entity_id"] in main:
            spellings = outlets[r["outlet_id"]]["spellings"].setdefault(r["entity_id"], [])
            spellings.append(r["surface"])
    timeline = [
        dict(r)
        for r in conn.execute(
            f"SELECT t.*, o.name AS outlet FROM timeline_events t "  # noqa: S608
            f"JOIN articles a ON a.id = t.article_id LEFT JOIN outlets o ON o.id = a.outlet_id "
            f"WHERE t.article_id IN ({marks}) ORDER BY t.date, t.group_id, a.seq, t.start",
            members,
        )
    ]
    sources = Counter(t["group_id"] for t in timeline)
    for event in timeline:
        event["sources"] = sources[event["group_id"]]
    return statements, links, list(outlets.values()), timeline


def set_last_override_other(conn: sqlite3.Connection, other_id: str) -> None:
    """The new story of the latest split."""
    conn.execute(
        "UPDATE story_overrides SET other_id = ? WHERE id = (SELECT max(id) FROM story_overrides)",
        (other_id,),
    )


def link_counts(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """(stories, disputes, copies) in the store: `analyze`'s closing summary."""
    row = conn.execute(
        "SELECT (SELECT count(*) FROM stories), (SELECT count(*) FROM links "
        "WHERE relation = 'disputes'), (SELECT count(*) FROM links WHERE relation = 'copy_of')"
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])
