"""The user's corrections of links: a link marked wrong (`reject`) is deleted from `links`
and recorded in `link_overrides` with a snapshot of it, so that re-analysis, which finds it
again, drops it again (`drop_rejected`, called by `stories.save_links`), and `restore`
can put it back.

A rejected link is found again by its id (a hash of its relation and its two ends) while
its statements keep their ids; when re-analysis renames a statement (its cue or content
span moved), by the statement of the same article whose content overlaps the recorded
span the most.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from counterclaim.model import Link
from counterclaim.model import link_id as make_id

ACTIONS = ("reject",)
# How much of the shorter of two content spans must overlap for a renamed statement to be
# taken for the one the user saw: half keeps a statement whose span gained or lost a clause.
SAME_SPAN_OVERLAP = 0.5


class LinkOverrideError(ValueError):
    """The correction cannot be made; the message says why (no such link, not rejected)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def has_overrides_table(conn: sqlite3.Connection) -> bool:
    """False on a store older than the table, opened read-only (not migrated)."""
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'link_overrides'"
        ).fetchone()
        is not None
    )


def _statement_span(conn: sqlite3.Connection, statement_id: str) -> tuple | None:
    return conn.execute(
        "SELECT article_id, content_start, content_end FROM statements WHERE id = ?",
        (statement_id,),
    ).fetchone()


def reject_link(conn: sqlite3.Connection, link_id: str, note: str | None = None) -> dict:
    """Mark the link `link_id` wrong: record it, delete it, recount its story's disputes.
    Returns the recorded override. Call inside a transaction."""
    row = conn.execute("SELECT * FROM links WHERE id = ?", (link_id,)).fetchone()
    if row is None:
        if conn.execute(
            "SELECT 1 FROM link_overrides WHERE link_id = ? AND action = 'reject'", (link_id,)
        ).fetchone():
            raise LinkOverrideError(f"{link_id}: already marked wrong")
        raise LinkOverrideError(f"{link_id}: no such link")
    link = dict(row)
    ends: dict[str, tuple | None] = {"from": None, "to": None}
    for end in ends:
        if link[f"{end}_kind"] == "statement":
            ends[end] = _statement_span(conn, link[f"{end}_id"])
        else:  # an article link (copy_of): the article is its own, stable, end
            ends[end] = (link[f"{end}_id"], None, None)
    values = {
        "action": "reject",
        "link_id": link["id"],
        "relation": link["relation"],
        "from_kind": link["from_kind"],
        "from_id": link["from_id"],
        "to_kind": link["to_kind"],
        "to_id": link["to_id"],
        "from_article_id": ends["from"][0] if ends["from"] else None,
        "from_start": ends["from"][1] if ends["from"] else None,
        "from_end": ends["from"][2] if ends["from"] else None,
        "to_article_id": ends["to"][0] if ends["to"] else None,
        "to_start": ends["to"][1] if ends["to"] else None,
        "to_end": ends["to"][2] if ends["to"] else None,
        "story_id": link["story_id"],
        "score": link["score"],
        "evidence": link["evidence"],
        "producer": link["producer"],
        "note": note,
        "created_at": _now(),
    }
    columns = ", ".join(values)
    conn.execute(
        f"INSERT INTO link_overrides ({columns}) VALUES ({', '.join('?' * len(values))})",  # noqa: S608 (fixed names)
        list(values.values()),
    )
    conn.execute("DELETE FROM links WHERE id = ?", (link_id,))
    recount_disputes(conn, [link["story_id"]])
    return values


def restore_link(conn: sqlite3.Connection, link_id: str) -> dict:
    """Undo a rejection: forget the override and put the link back as it was recorded
    (onto the statements it now joins). Returns the override forgotten."""
    row = conn.execute(
        "SELECT * FROM link_overrides WHERE link_id = ? AND action = 'reject'", (link_id,)
    ).fetchone()
    if row is None:
        raise LinkOverrideError(f"{link_id}: not marked wrong")
    override = dict(row)
    conn.execute("DELETE FROM link_overrides WHERE id = ?", (override["id"],))
    ends = _current_ends(conn, override)
    if ends is not None:
        source, target = ends
        conn.execute(
            "INSERT OR REPLACE INTO links (id, relation, from_kind, from_id, to_kind, to_id, "
            "story_id, score, evidence, producer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                make_id(override["relation"], source, target),
                override["relation"],
                override["from_kind"],
                source,
                override["to_kind"],
                target,
                override["story_id"],
                override["score"],
                override["evidence"],
                override["producer"],
            ),
        )
        recount_disputes(conn, [override["story_id"]])
    return override


def list_overrides(conn: sqlite3.Connection, story_id: str | None = None) -> list[dict]:
    """The user's corrections, oldest first (of one story, if given), evidence decoded."""
    if not has_overrides_table(conn):
        return []
    sql = "SELECT * FROM link_overrides"
    params: list[object] = []
    if story_id:
        sql += " WHERE story_id = ?"
        params.append(story_id)
    return [
        {**dict(r), "evidence": json.loads(r["evidence"] or "{}")}
        for r in conn.execute(sql + " ORDER BY id", params)
    ]


def _statement_at(
    conn: sqlite3.Connection, known_id: str, article_id: str | None, start, end
) -> str | None:
    """The statement the user saw: the same id, else the one of its article whose content
    overlaps the recorded span the most (at least SAME_SPAN_OVERLAP of the shorter)."""
    if conn.execute("SELECT 1 FROM statements WHERE id = ?", (known_id,)).fetchone():
        return known_id
    if article_id is None or start is None or end is None:
        return None
    best, best_share = None, SAME_SPAN_OVERLAP
    for other_id, other_start, other_end in conn.execute(
        "SELECT id, content_start, content_end FROM statements WHERE article_id = ? "
        "AND content_start < ? AND content_end > ? ORDER BY content_start, id",
        (article_id, end, start),
    ):
        shared = min(end, other_end) - max(start, other_start)
        share = shared / max(1, min(end - start, other_end - other_start))
        if share >= best_share and (best is None or share > best_share):
            best, best_share = other_id, share
    return best


def _current_ends(conn: sqlite3.Connection, override: dict) -> tuple[str, str] | None:
    """The two ends the override's link would join in the store as it is now (None: one of
    them is gone)."""
    found = []
    for end in ("from", "to"):
        if override[f"{end}_kind"] != "statement":
            found.append(override[f"{end}_id"])
            continue
        statement = _statement_at(
            conn,
            override[f"{end}_id"],
            override[f"{end}_article_id"],
            override[f"{end}_start"],
            override[f"{end}_end"],
        )
        if statement is None:
            return None
        found.append(statement)
    return found[0], found[1]


def rejected_ids(conn: sqlite3.Connection) -> set[str]:
    """The ids that the user's rejected links have in the store now: the recorded id, and
    the id of the same link between renamed statements."""
    if not has_overrides_table(conn):
        return set()
    ids = set()
    for row in conn.execute("SELECT * FROM link_overrides WHERE action = 'reject'"):
        override = dict(row)
        ids.add(override["link_id"])
        ends = _current_ends(conn, override)
        if ends is not None:
            ids.add(make_id(override["relation"], *ends))
    return ids


def drop_rejected(conn: sqlite3.Connection, links: Iterable[Link]) -> list[Link]:
    """`links` without those the user marked wrong."""
    links = list(links)
    if not links:
        return links
    rejected = rejected_ids(conn)
    if not rejected:
        return links
    return [x for x in links if make_id(x.relation, x.source_id, x.target_id) not in rejected]


def recount_disputes(conn: sqlite3.Connection, story_ids: Sequence[str | None]) -> None:
    """`stories.dispute_count` of these stories, counted again from `links`."""
    conn.executemany(
        "UPDATE stories SET dispute_count = (SELECT count(*) FROM links WHERE "
        "links.story_id = stories.id AND relation = 'disputes') WHERE id = ?",
        [(s,) for s in set(story_ids) if s],
    )


def story_links(conn: sqlite3.Connection, story_id: str) -> dict[tuple[str, str, str], dict]:
    """The links from the statements of a story, by (relation, from, to): the id, score,
    evidence (decoded) and producer of each, for showing why each link was made."""
    rows = conn.execute(
        "SELECT id, relation, from_id, to_id, score, evidence, producer FROM links "
        "WHERE from_kind = 'statement' AND from_id IN (SELECT s.id FROM statements s "
        "JOIN story_articles sa ON sa.article_id = s.article_id WHERE sa.story_id = ?)",
        (story_id,),
    )
    return {
        (r["relation"], r["from_id"], r["to_id"]): {
            **dict(r),
            "evidence": json.loads(r["evidence"] or "{}"),
        }
        for r in rows
    }
