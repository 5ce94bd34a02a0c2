"""Reading and writing articles, outlets, rejects and the ingest bookkeeping."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime

from counterclaim.model import Article, Outlet, Reject

ARTICLE_COLUMNS = (
    "id", "content_hash", "url", "title", "text", "published", "published_source", "outlet_id",
    "outlet_source",
    "dateline_place", "dateline_date", "dateline_agency", "dateline_start", "dateline_end",
    "origin_name", "origin_outlet_id", "origin_evidence", "origin_start", "origin_end",
    "origin_producer", "origin_confidence", "language", "author", "source", "record",
    "ingested_at",
)  # fmt: skip

# A re-ingest of a known article only fills what was unknown before (a dateline year learnt
# from a larger batch, say); it never overwrites what is stored.
_FILLABLE = (
    "published",
    "published_source",
    "dateline_date",
    "title",
    "language",
    "author",
    "outlet_id",
    "outlet_source",
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def outlet_row(outlet: Outlet) -> tuple:
    sa = None if outlet.state_affiliated is None else int(outlet.state_affiliated)
    return (
        outlet.id,
        outlet.name,
        json.dumps(list(outlet.domains)),
        outlet.country,
        outlet.kind,
        sa,
    )


def article_row(article: Article, ingested_at: str) -> tuple:
    dl, origin = article.dateline, article.origin
    return (
        article.id, article.content_hash, article.url, article.title, article.text,
        _iso(article.published), article.published_source,
        article.outlet.id if article.outlet else None, article.outlet_source,
        dl.place if dl else None, _iso(dl.date) if dl else None, dl.agency if dl else None,
        dl.span.start if dl else None, dl.span.end if dl else None,
        origin.name if origin else None, origin.outlet_id if origin else None,
        origin.evidence if origin else None,
        origin.span.start if origin and origin.span else None,
        origin.span.end if origin and origin.span else None,
        origin.provenance.producer if origin else None,
        origin.provenance.confidence if origin else None,
        article.language, article.author, article.source, article.record, ingested_at,
    )  # fmt: skip


def save_batch(
    conn: sqlite3.Connection,
    articles: Iterable[Article],
    rejects: Iterable[Reject],
    outlets: Iterable[Outlet] = (),
) -> int:
    """Write one batch in the caller's transaction. Returns how many articles were new."""
    now = _now()
    outlets = {o.id: o for o in outlets}
    articles = list(articles)
    for article in articles:
        if article.outlet:
            outlets.setdefault(article.outlet.id, article.outlet)
    conn.executemany(
        "INSERT INTO outlets (id, name, domains, country, kind, state_affiliated) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
        "domains = excluded.domains, country = excluded.country, kind = excluded.kind, "
        "state_affiliated = excluded.state_affiliated",
        [outlet_row(o) for o in outlets.values()],
    )
    placeholders = ", ".join("?" for _ in ARTICLE_COLUMNS)
    fill = ", ".join(f"{c} = COALESCE(articles.{c}, excluded.{c})" for c in _FILLABLE)
    upsert = (
        f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({placeholders}) "
        f"ON CONFLICT(id) DO UPDATE SET {fill}"
    )
    new = 0
    for article in articles:
        known = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone()
        conn.execute(upsert, article_row(article, now))
        new += known is None
    conn.executemany(
        "INSERT INTO rejects (source, record, reason, first_seen, last_seen) "
        "VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(source, record, reason) DO UPDATE SET last_seen = excluded.last_seen",
        [(r.source, r.record or "", r.reason, now, now) for r in rejects],
    )
    return new


def finished_input(conn: sqlite3.Connection, source: str, size: int, mtime_ns: int) -> bool:
    row = conn.execute(
        "SELECT 1 FROM ingested_inputs WHERE source = ? AND size = ? AND mtime_ns = ?",
        (source, size, mtime_ns),
    ).fetchone()
    return row is not None


def mark_input_finished(
    conn: sqlite3.Connection, source: str, size: int, mtime_ns: int, articles: int, rejects: int
) -> None:
    conn.execute(
        "INSERT INTO ingested_inputs (source, size, mtime_ns, articles, rejects, finished_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(source) DO UPDATE SET size = excluded.size, "
        "mtime_ns = excluded.mtime_ns, articles = excluded.articles, "
        "rejects = excluded.rejects, finished_at = excluded.finished_at",
        (source, size, mtime_ns, articles, rejects, _now()),
    )


def rejects_of(conn: sqlite3.Connection, source: str) -> list[Reject]:
    rows = conn.execute(
        "SELECT source, record, reason FROM rejects WHERE source = ? ORDER BY id", (source,)
    )
    return [Reject(r["source"], r["record"] or None, r["reason"]) for r in rows]


def dates_for_outlet(conn: sqlite3.Connection, outlet_id: str | None) -> list[date]:
    """Publication dates already stored for an outlet (all outlets when None), newest first."""
    query = "SELECT published FROM articles WHERE published IS NOT NULL"
    params: tuple = ()
    if outlet_id:
        query += " AND outlet_id = ?"
        params = (outlet_id,)
    rows = conn.execute(query + " ORDER BY published DESC LIMIT 200", params)
    return [date.fromisoformat(r[0]) for r in rows]


def outlets_in_folder(conn: sqlite3.Connection, folder: str) -> set[str]:
    """Outlets of stored articles read from files directly inside `folder`."""
    prefix = folder.rstrip("/") + "/"
    rows = conn.execute(
        "SELECT DISTINCT source, outlet_id FROM articles "
        "WHERE outlet_id IS NOT NULL AND substr(source, 1, ?) = ?",
        (len(prefix), prefix),
    )
    return {r["outlet_id"] for r in rows if "/" not in r["source"][len(prefix) :]}


def iter_articles(conn: sqlite3.Connection, ids: Iterable[str] | None = None) -> Iterator[dict]:
    """Articles as plain dicts with their outlet and origin joined, in first-seen order."""
    query = (
        "SELECT a.*, o.name AS outlet_name, o.domains AS outlet_domains, "
        "o.country AS outlet_country, o.kind AS outlet_kind, "
        "o.state_affiliated AS outlet_state_affiliated "
        "FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id"
    )
    if ids is None:
        yield from (dict(r) for r in conn.execute(query + " ORDER BY a.seq"))
        return
    for article_id in ids:
        row = conn.execute(query + " WHERE a.id = ?", (article_id,)).fetchone()
        if row:
            yield dict(row)


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[dict]:
    """Full-text search (FTS5 syntax; a query that is not valid FTS5 is searched as its words,
    each as a phrase, all of them required: see `browse.fts_query`)."""
    sql = (
        "SELECT a.id, a.title, a.published, a.url, o.name AS outlet, "
        "snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet "
        "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
        "LEFT JOIN outlets o ON o.id = a.outlet_id "
        "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
    )
    from counterclaim.store.browse import fts_query

    rows = conn.execute(sql, (fts_query(conn, query), limit)).fetchall()
    return [dict(r) for r in rows]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts of the user-facing tables that exist in this store."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT IN ('schema_migrations', 'ingested_inputs')"
        )
    ]
    # table names come from sqlite_master, never from input; quoted all the same
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}


def outlet_summary(conn: sqlite3.Connection) -> list[dict]:
    rows = conn.execute(
        "SELECT o.name, o.country, o.kind, o.state_affiliated, count(a.id) AS articles, "
        "min(a.published) AS first, max(a.published) AS last "
        "FROM outlets o JOIN articles a ON a.outlet_id = o.id "
        "GROUP BY o.id ORDER BY articles DESC, o.name"
    )
    return [dict(r) for r in rows]


def article_texts(conn: sqlite3.Connection, article_ids: Sequence[str]) -> list[str]:
    """The texts of these articles."""
    return [
        r[0]
        for r in conn.execute(
            f"SELECT text FROM articles WHERE id IN ({','.join('?' * len(article_ids))})",  # noqa: S608
            list(article_ids),
        )
    ]


def entity_article_texts(
    conn: sqlite3.Connection, entity_id: str, exclude: Sequence[str], limit: int = 20
) -> list[str]:
    """The texts of the latest `limit` articles that mention this entity, the `exclude`d ones
    left out: where else the archive speaks of it."""
    others = f" AND a.id NOT IN ({','.join('?' * len(exclude))})" if exclude else ""
    return [
        r[0]
        for r in conn.execute(
            "SELECT a.text FROM articles a WHERE a.id IN (SELECT article_id FROM mentions"  # noqa: S608
            f" WHERE entity_id = ?){others} ORDER BY a.seq DESC LIMIT ?",
            [entity_id, *exclude, limit],
        )
    ]


def linking_rows(conn: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, dict]:
    """What story linking reads of each article (id, seq, title, text, published), by id."""
    rows = conn.execute(
        f"SELECT id, seq, title, text, published FROM articles "  # noqa: S608
        f"WHERE id IN ({','.join('?' * len(article_ids))}) ORDER BY seq",
        list(article_ids),
    )
    return {r["id"]: dict(r) for r in rows}
