"""Read-only queries behind the web UI and the JSON API: filtered, paginated lists and the
rows of one article, entity or story.

Every filter is a fixed SQL fragment with bound parameters; user text only ever travels as
a parameter (an FTS query that is not valid FTS5 syntax is searched as a phrase).
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

StorySort = Literal["recent", "disputed"]
# Control characters cannot occur in stored text, so they mark the matched words of a
# snippet unambiguously; the presenter splits on them and escapes each piece.
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"
ENTITY_CHOICES = 200
# Search queries: FTS5's cost grows with the square of the terms. 32 words cover any
# name, phrase or boolean query a person types; the web answers 422 past them.
MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32
# Wall time one web request's statements may take before SQLite interrupts them.
QUERY_SECONDS = 10.0
# Python's `\s` misses no control character but leaves NUL and the like in: drop them all.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_POSSESSIVE_RE = re.compile(r"(?<=\w)['’]s\b")
_PUNCTUATION = "'’‘\".,;:!?()[]{}<>«»“”"


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    """What the stories and articles lists can be narrowed by (None: no condition)."""

    query: str | None = None  # FTS5 over titles and texts
    outlet: str | None = None  # outlet id
    country: str | None = None  # ISO 3166-1 alpha-2 of the outlet
    state_affiliated: bool | None = None
    date_from: str | None = None  # ISO date, inclusive, of publication
    date_to: str | None = None
    entity: str | None = None  # an entity mentioned in the article


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: its rows, and how many rows the whole list has."""

    items: list[dict]
    total: int
    limit: int
    offset: int
    extra: dict = field(default_factory=dict)


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)
    ).fetchone()
    return row is not None


def query_problem(query: str) -> str | None:
    """Why a search query is refused, or None. FTS5's work grows with the square of the
    terms (issue 17: 100 words took 21 s of CPU on a large store; 2,000 never finished)."""
    if len(query) > MAX_QUERY_CHARS:
        return f"at most {MAX_QUERY_CHARS} characters ({len(query):,} given)"
    words = len(query.split())
    if words > MAX_QUERY_WORDS:
        return f"at most {MAX_QUERY_WORDS} words ({words:,} given)"
    return None


def clean_query(query: str) -> str:
    """The query without control characters (a NUL ends SQLite's reading of the string, and
    none can occur in stored text) and with possessives dropped outside quoted phrases:
    `Kayla Mueller's` searches for Kayla Mueller."""
    query = " ".join(_CONTROL_RE.sub(" ", query).split())
    if '"' not in query:
        query = _POSSESSIVE_RE.sub("", query)
    return query


def fts_query(conn: sqlite3.Connection, query: str) -> str:
    """`query` when SQLite accepts it as FTS5 syntax, else its words, each as a phrase (all
    must occur). Cut to MAX_QUERY_WORDS words for callers that did not check it."""
    query = " ".join(clean_query(query).split()[:MAX_QUERY_WORDS])
    try:
        conn.execute(
            "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)
        ).fetchall()
        return query
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise
    words = [w.strip(_PUNCTUATION) for w in query.split()]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words if w) or '""'


def limit_query_time(conn: sqlite3.Connection, seconds: float | None = None) -> None:
    """Interrupt any statement of `conn` still running `seconds` (QUERY_SECONDS) from now:
    SQLite raises `OperationalError('interrupted')`. A server thread then never stays busy
    with a query its client gave up on, nor holds up a SIGTERM."""
    deadline = time.monotonic() + (QUERY_SECONDS if seconds is None else seconds)
    conn.set_progress_handler(lambda: time.monotonic() > deadline, 1000)


def _conditions(pairs: list[tuple[str, object]]) -> tuple[list[str], list[object]]:
    """The SQL fragments whose value is given (not None), and those values as parameters."""
    kept = [(fragment, value) for fragment, value in pairs if value is not None]
    return [fragment for fragment, _ in kept], [value for _, value in kept]


def _article_conditions(
    conn: sqlite3.Connection, filters: ArticleFilters
) -> tuple[list[str], list[object]]:
    """WHERE conditions over `articles a LEFT JOIN outlets o`, and their parameters."""
    state = filters.state_affiliated
    return _conditions(
        [
            (
                "a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                fts_query(conn, filters.query) if filters.query else None,
            ),
            ("a.outlet_id = ?", filters.outlet),
            ("o.country = ?", filters.country.upper() if filters.country else None),
            ("o.state_affiliated = ?", None if state is None else int(state)),
            ("a.published >= ?", filters.date_from),
            ("a.published <= ?", filters.date_to),
            ("a.id IN (SELECT article_id FROM mentions WHERE entity_id = ?)", filters.entity),
        ]
    )


def _where(conditions: list[str]) -> str:
    return (" WHERE " + " AND ".join(conditions)) if conditions else ""


def _rows(conn: sqlite3.Connection, sql: str, params: tuple | list) -> list[dict]:
    return [dict(r) for r in conn.execute(sql, params)]


def _paged(
    conn: sqlite3.Connection,
    columns: str,
    base: str,
    params: list[object],
    order: str,
    limit: int,
    offset: int,
) -> Page:
    """One page of `SELECT columns base ORDER BY order`, and the count of all its rows."""
    total = conn.execute("SELECT count(*)" + base, params).fetchone()[0]
    sql = f"SELECT {columns}{base} ORDER BY {order} LIMIT ? OFFSET ?"
    return Page(_rows(conn, sql, [*params, limit, offset]), total, limit, offset)


ARTICLE_LIST_COLUMNS = (
    "a.id, a.title, a.url, a.published, a.outlet_id, o.name AS outlet_name, "
    "o.country AS outlet_country, o.state_affiliated AS outlet_state_affiliated, "
    "a.dateline_place, a.origin_name, a.origin_evidence, substr(a.text, 1, 240) AS lead"
)


def list_articles(
    conn: sqlite3.Connection, filters: ArticleFilters, limit: int = 50, offset: int = 0
) -> Page:
    """Articles matching `filters`, newest first (best match first when searching)."""
    conditions, params = _article_conditions(conn, filters)
    base = " FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id" + _where(conditions)
    order = "a.published DESC, a.seq DESC"
    return _paged(conn, ARTICLE_LIST_COLUMNS, base, params, order, limit, offset)


def search_snippets(
    conn: sqlite3.Connection, query: str, limit: int = 10, offset: int = 0
) -> list[dict]:
    """Best matches of a full-text search, each with a snippet whose matched words sit
    between SNIPPET_OPEN and SNIPPET_CLOSE."""
    sql = (
        "SELECT a.id, a.title, a.published, o.name AS outlet_name, "
        "substr(a.text, 1, 240) AS lead, snippet(articles_fts, 1, ?, ?, '…', 24) AS snippet "
        "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
        "LEFT JOIN outlets o ON o.id = a.outlet_id WHERE articles_fts MATCH ?"
    )
    params = [SNIPPET_OPEN, SNIPPET_CLOSE, fts_query(conn, query), limit, offset]
    return _rows(conn, sql + " ORDER BY rank LIMIT ? OFFSET ?", params)


def list_stories(
    conn: sqlite3.Connection,
    filters: ArticleFilters,
    sort: StorySort = "recent",
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Stories having at least one article that matches `filters`, newest first or most
    disputed first. An empty page when the store has no stories yet."""
    if not has_table(conn, "stories"):
        return Page([], 0, limit, offset, {"stories_available": False})
    conditions, params = _article_conditions(conn, filters)
    story_ids = (
        "SELECT sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "LEFT JOIN outlets o ON o.id = a.outlet_id" + _where(conditions)
    )
    base = f" FROM stories s WHERE s.id IN ({story_ids})"
    total = conn.execute("SELECT count(*)" + base, params).fetchone()[0]
    order = (
        "s.dispute_count DESC, s.last_date DESC, s.id"
        if sort == "disputed"
        else "s.last_date DESC, s.dispute_count DESC, s.id"
    )
    if any(r["name"] == "low_content" for r in conn.execute("PRAGMA table_info(stories)")):
        order = "s.low_content, " + order  # stubs, test and navigation pages last
    rows = conn.execute(
        "SELECT s.*" + base + f" ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]
    ).fetchall()
    items = [dict(r) for r in rows]
    for item in items:
        item["outlets"] = story_outlets(conn, item["id"])
        item["entities"] = story_main_entities(conn, item["id"])
    return Page(items, total, limit, offset, {"stories_available": True})


def story_row(conn: sqlite3.Connection, story_id: str) -> dict | None:
    if not has_table(conn, "stories"):
        return None
    row = conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
    return dict(row) if row else None


def story_outlets(conn: sqlite3.Connection, story_id: str) -> list[dict]:
    return _rows(
        conn,
        "SELECT o.id, o.name, o.country, o.state_affiliated, count(*) AS articles "
        "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "JOIN outlets o ON o.id = a.outlet_id WHERE sa.story_id = ? "
        "GROUP BY o.id ORDER BY articles DESC, o.name",
        (story_id,),
    )


def story_main_entities(conn: sqlite3.Connection, story_id: str, limit: int = 5) -> list[dict]:
    return _rows(
        conn,
        "SELECT e.id, e.name, e.type, se.mentions FROM story_entities se "
        "JOIN entities e ON e.id = se.entity_id WHERE se.story_id = ? "
        "ORDER BY se.mentions DESC, e.name LIMIT ?",
        (story_id, limit),
    )


def story_article_rows(conn: sqlite3.Connection, story_id: str) -> list[dict]:
    return _rows(
        conn,
        f"SELECT {ARTICLE_LIST_COLUMNS} FROM story_articles sa "
        "JOIN articles a ON a.id = sa.article_id LEFT JOIN outlets o ON o.id = a.outlet_id "
        "WHERE sa.story_id = ? ORDER BY a.published, a.seq",
        (story_id,),
    )


def story_of_article(conn: sqlite3.Connection, article_id: str) -> dict | None:
    if not has_table(conn, "story_articles"):
        return None
    row = conn.execute(
        "SELECT s.id, s.title, s.dispute_count FROM story_articles sa "
        "JOIN stories s ON s.id = sa.story_id WHERE sa.article_id = ?",
        (article_id,),
    ).fetchone()
    return dict(row) if row else None


def filter_choices(conn: sqlite3.Connection) -> dict[str, list[dict]]:
    """The outlets and countries that have articles, and the most mentioned entities, for
    the filter form."""
    outlets = conn.execute(
        "SELECT o.id, o.name, o.country, o.state_affiliated, count(*) AS articles "
        "FROM outlets o JOIN articles a ON a.outlet_id = o.id GROUP BY o.id ORDER BY o.name"
    ).fetchall()
    countries = conn.execute(
        "SELECT o.country, count(*) AS articles FROM outlets o "
        "JOIN articles a ON a.outlet_id = o.id WHERE o.country IS NOT NULL "
        "GROUP BY o.country ORDER BY o.country"
    ).fetchall()
    entities = conn.execute(
        "SELECT e.id, e.name, e.type FROM entities e JOIN mentions m ON m.entity_id = e.id "
        "GROUP BY e.id ORDER BY count(*) DESC, e.name LIMIT ?",
        (ENTITY_CHOICES,),
    ).fetchall()
    return {
        "outlets": [dict(r) for r in outlets],
        "countries": [dict(r) for r in countries],
        "entities": [dict(r) for r in entities],
    }


# --- one article -------------------------------------------------------------------------------


def article_row(conn: sqlite3.Connection, article_id: str) -> dict | None:
    """One article with its outlet joined (the shape `export.article_record` takes)."""
    row = conn.execute(
        "SELECT a.*, o.name AS outlet_name, o.domains AS outlet_domains, "
        "o.country AS outlet_country, o.kind AS outlet_kind, "
        "o.state_affiliated AS outlet_state_affiliated "
        "FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    return dict(row) if row else None


def article_mentions(conn: sqlite3.Connection, article_id: str) -> list[dict]:
    return _rows(
        conn,
        "SELECT m.start, m.end, m.surface, m.label, m.entity_id, m.rule, m.confidence, "
        "e.name AS entity_name, e.type AS entity_type FROM mentions m "
        "LEFT JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start",
        (article_id,),
    )


def article_dates(conn: sqlite3.Connection, article_id: str) -> list[dict]:
    return _rows(
        conn,
        'SELECT start, "end", text, date, end_date, precision, anchor, producer, confidence '
        "FROM date_mentions WHERE article_id = ? ORDER BY start",
        (article_id,),
    )


# --- statements, entities, timeline -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatementFilters:
    article: str | None = None
    speaker: str | None = None  # speaker entity id
    about: str | None = None  # an entity among the targets
    act: str | None = None
    story: str | None = None


def list_statements(
    conn: sqlite3.Connection, filters: StatementFilters, limit: int = 50, offset: int = 0
) -> Page:
    """Statements (with their article's outlet and date) in article order, then text order."""
    if filters.story and not has_table(conn, "story_articles"):
        return Page([], 0, limit, offset)
    conditions, params = _conditions(
        [
            ("s.article_id = ?", filters.article),
            ("s.speaker_entity_id = ?", filters.speaker),
            (
                "EXISTS (SELECT 1 FROM json_each(s.target_entity_ids) WHERE value = ?)",
                filters.about,
            ),
            ("s.act = ?", filters.act),
            (
                "s.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)",
                filters.story,
            ),
        ]
    )
    order = "a.published, a.seq, s.cue_start, s.content_start"
    base = STATEMENT_FROM + _where(conditions)
    return _paged(conn, STATEMENT_COLUMNS, base, params, order, limit, offset)


STATEMENT_COLUMNS = (
    "s.*, a.title AS article_title, a.published AS article_published, "
    "o.name AS outlet_name, o.state_affiliated AS outlet_state_affiliated"
)
STATEMENT_FROM = (
    " FROM statements s JOIN articles a ON a.id = s.article_id "
    "LEFT JOIN outlets o ON o.id = a.outlet_id"
)


def statement_row(conn: sqlite3.Connection, statement_id: str) -> dict | None:
    row = conn.execute(
        f"SELECT {STATEMENT_COLUMNS}{STATEMENT_FROM} WHERE s.id = ?", (statement_id,)
    ).fetchone()
    return dict(row) if row else None


def list_entities(
    conn: sqlite3.Connection,
    query: str | None = None,
    entity_type: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Entities that have mentions, most mentioned first; `query` matches a name or a
    spelling (case-insensitive substring)."""
    conditions = ["m.entity_id = e.id"]
    params: list[object] = []
    if entity_type:
        conditions.append("e.type = ?")
        params.append(entity_type.upper())
    if query:
        conditions.append(
            "(instr(lower(e.name), lower(?)) > 0 OR EXISTS (SELECT 1 FROM mentions m2 "
            "WHERE m2.entity_id = e.id AND instr(lower(m2.surface), lower(?)) > 0))"
        )
        params.extend([query, query])
    base = " FROM entities e JOIN mentions m" + _where(conditions)
    total = conn.execute("SELECT count(DISTINCT e.id)" + base, params).fetchone()[0]
    rows = _rows(
        conn,
        "SELECT e.id, e.name, e.type, e.source, count(*) AS mentions, "
        "count(DISTINCT m.article_id) AS articles"
        + base
        + " GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page(rows, total, limit, offset)


def entity_row(conn: sqlite3.Connection, entity_id: str) -> dict | None:
    row = conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return dict(row) if row else None


def entity_stories(conn: sqlite3.Connection, entity_id: str, limit: int = 50) -> list[dict]:
    """Stories whose articles mention the entity, most disputed first."""
    if not has_table(conn, "stories"):
        return []
    return _rows(
        conn,
        "SELECT s.id, s.title, s.first_date, s.last_date, s.article_count, s.dispute_count "
        "FROM stories s WHERE s.id IN (SELECT sa.story_id FROM story_articles sa "
        "JOIN mentions m ON m.article_id = sa.article_id WHERE m.entity_id = ?) "
        "ORDER BY s.dispute_count DESC, s.last_date DESC LIMIT ?",
        (entity_id, limit),
    )


def list_timeline(
    conn: sqlite3.Connection,
    story: str | None = None,
    entity: str | None = None,
    article: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> Page:
    """Timeline events in date order, with their article's outlet."""
    if story and not has_table(conn, "story_articles"):
        return Page([], 0, limit, offset)
    conditions, params = _conditions(
        [
            (
                "t.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)",
                story,
            ),
            ("EXISTS (SELECT 1 FROM json_each(t.entity_ids) WHERE value = ?)", entity),
            ("t.article_id = ?", article),
        ]
    )
    base = (
        " FROM timeline_events t JOIN articles a ON a.id = t.article_id "
        "LEFT JOIN outlets o ON o.id = a.outlet_id" + _where(conditions)
    )
    columns = "t.*, o.name AS outlet, o.id AS outlet_id, a.title AS article_title"
    order = "t.date, t.group_id, a.seq, t.start"
    return _paged(conn, columns, base, params, order, limit, offset)


def entity_kinds(conn: sqlite3.Connection, entity_ids: Iterable[str]) -> dict[str, dict]:
    """Name and type of each of these entities (the ones found): what threads are told."""
    wanted = sorted(set(entity_ids))
    found: dict[str, dict] = {}
    for i in range(0, len(wanted), 500):  # SQLite's bound-parameter limit
        chunk = wanted[i : i + 500]
        for row in conn.execute(
            f"SELECT id, name, type FROM entities WHERE id IN ({','.join('?' * len(chunk))})",  # noqa: S608
            chunk,
        ):
            found[row[0]] = {"name": row[1], "type": row[2]}
    return found
