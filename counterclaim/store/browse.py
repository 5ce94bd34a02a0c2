"""Read-only queries behind the web UI and the JSON API: filtered, paginated lists and the
rows of one article, entity or story.

Every filter is a fixed SQL fragment with bound parameters; user text only ever travels as
a parameter (an FTS query that is not valid FTS5 syntax is searched as a phrase).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Literal

StorySort = Literal["recent", "disputed"]
# Control characters cannot occur in stored text, so they mark the matched words of a
# snippet unambiguously; the presenter splits on them and escapes each piece.
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"
ENTITY_CHOICES = 200


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


def fts_query(conn: sqlite3.Connection, query: str) -> str:
    """`query` when SQLite accepts it as FTS5 syntax, else the same words as one phrase."""
    try:
        conn.execute(
            "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)
        ).fetchall()
        return query
    except sqlite3.OperationalError:
        return '"' + query.replace('"', '""') + '"'


def _article_conditions(
    conn: sqlite3.Connection, filters: ArticleFilters
) -> tuple[list[str], list[object]]:
    """WHERE conditions over `articles a LEFT JOIN outlets o`, and their parameters."""
    conditions: list[str] = []
    params: list[object] = []
    if filters.query:
        conditions.append("a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(fts_query(conn, filters.query))
    if filters.outlet:
        conditions.append("a.outlet_id = ?")
        params.append(filters.outlet)
    if filters.country:
        conditions.append("o.country = ?")
        params.append(filters.country.upper())
    if filters.state_affiliated is not None:
        conditions.append("o.state_affiliated = ?")
        params.append(int(filters.state_affiliated))
    if filters.date_from:
        conditions.append("a.published >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        conditions.append("a.published <= ?")
        params.append(filters.date_to)
    if filters.entity:
        conditions.append("a.id IN (SELECT article_id FROM mentions WHERE entity_id = ?)")
        params.append(filters.entity)
    return conditions, params


def _where(conditions: list[str]) -> str:
    return (" WHERE " + " AND ".join(conditions)) if conditions else ""


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
    total = conn.execute("SELECT count(*)" + base, params).fetchone()[0]
    rows = conn.execute(
        f"SELECT {ARTICLE_LIST_COLUMNS}" + base + " ORDER BY a.published DESC, a.seq DESC "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return Page([dict(r) for r in rows], total, limit, offset)


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
    rows = conn.execute(sql + " ORDER BY rank LIMIT ? OFFSET ?", params).fetchall()
    return [dict(r) for r in rows]


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
    rows = conn.execute(
        "SELECT o.id, o.name, o.country, o.state_affiliated, count(*) AS articles "
        "FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        "JOIN outlets o ON o.id = a.outlet_id WHERE sa.story_id = ? "
        "GROUP BY o.id ORDER BY articles DESC, o.name",
        (story_id,),
    )
    return [dict(r) for r in rows]


def story_main_entities(conn: sqlite3.Connection, story_id: str, limit: int = 5) -> list[dict]:
    rows = conn.execute(
        "SELECT e.id, e.name, e.type, se.mentions FROM story_entities se "
        "JOIN entities e ON e.id = se.entity_id WHERE se.story_id = ? "
        "ORDER BY se.mentions DESC, e.name LIMIT ?",
        (story_id, limit),
    )
    return [dict(r) for r in rows]


def story_article_rows(conn: sqlite3.Connection, story_id: str) -> list[dict]:
    rows = conn.execute(
        f"SELECT {ARTICLE_LIST_COLUMNS} FROM story_articles sa "
        "JOIN articles a ON a.id = sa.article_id LEFT JOIN outlets o ON o.id = a.outlet_id "
        "WHERE sa.story_id = ? ORDER BY a.published, a.seq",
        (story_id,),
    )
    return [dict(r) for r in rows]


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
    rows = conn.execute(
        "SELECT m.start, m.end, m.surface, m.label, m.entity_id, m.rule, m.confidence, "
        "e.name AS entity_name, e.type AS entity_type FROM mentions m "
        "LEFT JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start",
        (article_id,),
    )
    return [dict(r) for r in rows]


def article_dates(conn: sqlite3.Connection, article_id: str) -> list[dict]:
    rows = conn.execute(
        'SELECT start, "end", text, date, end_date, precision, anchor, producer, confidence '
        "FROM date_mentions WHERE article_id = ? ORDER BY start",
        (article_id,),
    )
    return [dict(r) for r in rows]


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
    conditions: list[str] = []
    params: list[object] = []
    if filters.article:
        conditions.append("s.article_id = ?")
        params.append(filters.article)
    if filters.speaker:
        conditions.append("s.speaker_entity_id = ?")
        params.append(filters.speaker)
    if filters.about:
        conditions.append("EXISTS (SELECT 1 FROM json_each(s.target_entity_ids) WHERE value = ?)")
        params.append(filters.about)
    if filters.act:
        conditions.append("s.act = ?")
        params.append(filters.act)
    if filters.story:
        if not has_table(conn, "story_articles"):
            return Page([], 0, limit, offset)
        conditions.append(
            "s.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)"
        )
        params.append(filters.story)
    base = (
        " FROM statements s JOIN articles a ON a.id = s.article_id "
        "LEFT JOIN outlets o ON o.id = a.outlet_id" + _where(conditions)
    )
    total = conn.execute("SELECT count(*)" + base, params).fetchone()[0]
    rows = conn.execute(
        "SELECT s.*, a.title AS article_title, a.published AS article_published, "
        "o.name AS outlet_name, o.state_affiliated AS outlet_state_affiliated"
        + base
        + " ORDER BY a.published, a.seq, s.cue_start, s.content_start LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return Page([dict(r) for r in rows], total, limit, offset)


def statement_row(conn: sqlite3.Connection, statement_id: str) -> dict | None:
    page_row = conn.execute(
        "SELECT s.*, a.title AS article_title, a.published AS article_published, "
        "o.name AS outlet_name, o.state_affiliated AS outlet_state_affiliated "
        "FROM statements s JOIN articles a ON a.id = s.article_id "
        "LEFT JOIN outlets o ON o.id = a.outlet_id WHERE s.id = ?",
        (statement_id,),
    ).fetchone()
    return dict(page_row) if page_row else None


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
    rows = conn.execute(
        "SELECT e.id, e.name, e.type, e.source, count(*) AS mentions, "
        "count(DISTINCT m.article_id) AS articles"
        + base
        + " GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return Page([dict(r) for r in rows], total, limit, offset)


def entity_row(conn: sqlite3.Connection, entity_id: str) -> dict | None:
    row = conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return dict(row) if row else None


def entity_stories(conn: sqlite3.Connection, entity_id: str, limit: int = 50) -> list[dict]:
    """Stories whose articles mention the entity, most disputed first."""
    if not has_table(conn, "stories"):
        return []
    rows = conn.execute(
        "SELECT s.id, s.title, s.first_date, s.last_date, s.article_count, s.dispute_count "
        "FROM stories s WHERE s.id IN (SELECT sa.story_id FROM story_articles sa "
        "JOIN mentions m ON m.article_id = sa.article_id WHERE m.entity_id = ?) "
        "ORDER BY s.dispute_count DESC, s.last_date DESC LIMIT ?",
        (entity_id, limit),
    )
    return [dict(r) for r in rows]


def list_timeline(
    conn: sqlite3.Connection,
    story: str | None = None,
    entity: str | None = None,
    article: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> Page:
    """Timeline events in date order, with their article's outlet."""
    conditions: list[str] = []
    params: list[object] = []
    if story:
        if not has_table(conn, "story_articles"):
            return Page([], 0, limit, offset)
        conditions.append(
            "t.article_id IN (SELECT article_id FROM story_articles WHERE story_id = ?)"
        )
        params.append(story)
    if entity:
        conditions.append("EXISTS (SELECT 1 FROM json_each(t.entity_ids) WHERE value = ?)")
        params.append(entity)
    if article:
        conditions.append("t.article_id = ?")
        params.append(article)
    base = (
        " FROM timeline_events t JOIN articles a ON a.id = t.article_id "
        "LEFT JOIN outlets o ON o.id = a.outlet_id" + _where(conditions)
    )
    total = conn.execute("SELECT count(*)" + base, params).fetchone()[0]
    rows = conn.execute(
        "SELECT t.*, o.name AS outlet, o.id AS outlet_id, a.title AS article_title"
        + base
        + " ORDER BY t.date, t.group_id, a.seq, t.start LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return Page([dict(r) for r in rows], total, limit, offset)


# --- one story's dispute view, from the tables -------------------------------------------------


def story_statement_links(conn: sqlite3.Connection, story_id: str) -> list[dict]:
    """Statement-to-statement `disputes` and `supports` links inside the story, strongest
    first."""
    if not has_table(conn, "links"):
        return []
    rows = conn.execute(
        "SELECT l.relation, l.from_id, l.to_id, l.score FROM links l "
        "WHERE l.relation IN ('disputes', 'supports') AND l.from_kind = 'statement' "
        "AND l.to_kind = 'statement' AND (l.story_id = ? OR l.to_id IN (SELECT s.id FROM "
        "statements s JOIN story_articles sa ON sa.article_id = s.article_id "
        "WHERE sa.story_id = ?)) ORDER BY l.score DESC, l.id",
        (story_id, story_id),
    )
    return [dict(r) for r in rows]


def story_copies(conn: sqlite3.Connection, story_id: str) -> list[dict]:
    """`copy_of` links between the story's articles: from the copy to its origin."""
    if not has_table(conn, "links"):
        return []
    rows = conn.execute(
        "SELECT l.from_id AS copy_id, l.to_id AS origin_id, l.score FROM links l "
        "JOIN story_articles sa ON sa.article_id = l.from_id "
        "WHERE l.relation = 'copy_of' AND l.from_kind = 'article' AND sa.story_id = ? "
        "ORDER BY l.to_id, l.from_id",
        (story_id,),
    )
    return [dict(r) for r in rows]


def story_spellings(conn: sqlite3.Connection, story_id: str, entity_ids: list[str]) -> list[dict]:
    """For each outlet of the story and each of `entity_ids`, the surfaces it used, with
    counts."""
    rows = conn.execute(
        "SELECT a.outlet_id, m.entity_id, m.surface, count(*) AS uses FROM mentions m "
        "JOIN story_articles sa ON sa.article_id = m.article_id "
        "JOIN articles a ON a.id = m.article_id "
        "WHERE sa.story_id = ? AND m.entity_id IN (SELECT value FROM json_each(?)) "
        "GROUP BY a.outlet_id, m.entity_id, m.surface ORDER BY uses DESC, m.surface",
        (story_id, json.dumps(entity_ids)),
    )
    return [dict(r) for r in rows]
