"""A link marked wrong (`counterclaim links reject`) on the analysed seeds: gone from the
store, the story's dispute count and the summary, kept gone by `analyze --force`, and back
with `links restore`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from counterclaim.store.db import connect
from counterclaim.store.links import LinkOverrideError, reject_link

DENIAL = "Any claims to the contrary are ridiculous."


@pytest.fixture
def seeds_copy(analysed_seeds, tmp_path) -> Path:
    db = tmp_path / "seeds.db"
    with sqlite3.connect(analysed_seeds) as source, sqlite3.connect(db) as target:
        source.backup(target)
    return db


def _denial_links(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = conn.execute(
        "SELECT l.id, l.story_id FROM links l JOIN statements s ON s.id = l.from_id "
        "WHERE l.relation = 'disputes' AND s.content_text = ?",
        (DENIAL,),
    ).fetchall()
    conn.close()
    return [dict(r) for r in rows]


def _dispute_count(db: Path, story_id: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT dispute_count FROM stories WHERE id = ?", (story_id,)
        ).fetchone()[0]


def test_links_reject_survives_analyze_force_and_restore_brings_it_back(run_cli, seeds_copy):
    (denial, *_) = _denial_links(seeds_copy)
    before = _dispute_count(seeds_copy, denial["story_id"])
    shown = run_cli("links", "show", denial["id"], "--db", seeds_copy)
    assert shown.exit_code == 0 and "why" in shown.output and DENIAL in shown.output
    result = run_cli("links", "reject", denial["id"], "--note", "test", "--db", seeds_copy)
    assert result.exit_code == 0, result.output
    assert denial["id"] not in {x["id"] for x in _denial_links(seeds_copy)}
    assert _dispute_count(seeds_copy, denial["story_id"]) == before - 1
    rejected = json.loads(
        run_cli("links", "list", "--rejected", "--json", "--db", seeds_copy).output
    )
    assert [(r["id"], r["note"]) for r in rejected] == [(denial["id"], "test")]
    assert rejected[0]["from"]["text"] == DENIAL and rejected[0]["why"]
    # re-analysis from scratch finds the link again, and drops it again
    forced = run_cli("analyze", "--force", "--db", seeds_copy, "-q")
    assert forced.exit_code == 0, forced.output
    assert denial["id"] not in {x["id"] for x in _denial_links(seeds_copy)}
    assert _dispute_count(seeds_copy, denial["story_id"]) == before - 1
    again = run_cli("links", "reject", denial["id"], "--db", seeds_copy)
    assert again.exit_code == 1 and "already marked wrong" in again.output
    restored = run_cli("links", "restore", denial["id"], "--db", seeds_copy)
    assert restored.exit_code == 0, restored.output
    assert denial["id"] in {x["id"] for x in _denial_links(seeds_copy)}
    assert _dispute_count(seeds_copy, denial["story_id"]) == before


def test_links_reject_unknown_link_is_a_clear_error(run_cli, seeds_copy):
    result = run_cli("links", "reject", "0000000000000000", "--db", seeds_copy)
    assert result.exit_code == 1 and "no such link" in result.output
    conn = connect(seeds_copy)
    with pytest.raises(LinkOverrideError, match="no such link"):
        reject_link(conn, "nope")


def test_links_rejected_link_is_found_again_when_its_statement_is_renamed(seeds_copy):
    """Re-analysis by a later extractor may move a statement's cue span, and so its id:
    the rejection follows the statement by its article and content span."""
    from counterclaim.model import link_id
    from counterclaim.store.links import rejected_ids

    (denial, *_) = _denial_links(seeds_copy)
    conn = connect(seeds_copy)
    reject_link(conn, denial["id"])
    (override,) = conn.execute("SELECT from_id, to_id, relation FROM link_overrides").fetchall()
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE statements SET id = 'renamed' WHERE id = ?", (override["from_id"],))
    assert link_id(override["relation"], "renamed", override["to_id"]) in rejected_ids(conn)
