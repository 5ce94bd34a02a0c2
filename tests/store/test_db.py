import sqlite3

import pytest

from counterclaim.ingest.metadata import enrich
from counterclaim.ingest.outlets import load_registry
from counterclaim.model import RawArticle
from counterclaim.store.articles import counts, save_batch, search
from counterclaim.store.db import StoreError, connect, transaction
from counterclaim.store.migrations import MIGRATIONS

REGISTRY = load_registry()


def article(text: str, url: str | None = "https://www.reuters.com/a", title: str = "T"):
    return enrich(RawArticle(source="t", record=None, text=text, url=url, title=title), REGISTRY)[0]


def test_db_migrations_recorded_once(db_path):
    connect(db_path).close()
    conn = connect(db_path)
    names = [r[0] for r in conn.execute("SELECT name FROM schema_migrations")]
    assert names == [name for name, _ in MIGRATIONS]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_db_wal_and_foreign_keys(conn):
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO articles (id, content_hash, text, outlet_id, ingested_at) "
            "VALUES ('x', 'h', 't', 'no-such-outlet', 'now')"
        )


def test_db_same_text_twice_is_one_article(conn):
    a = article("The ministry said on Wednesday that the talks failed.")
    with transaction(conn):
        assert save_batch(conn, [a], []) == 1
    with transaction(conn):
        assert save_batch(conn, [a], []) == 0
    assert counts(conn)["articles"] == 1


def test_db_same_url_changed_text_keeps_both_versions(conn):
    first = article("The ministry said on Wednesday that the talks failed.")
    second = article("The ministry said on Wednesday that the talks failed, officials added.")
    with transaction(conn):
        save_batch(conn, [first, second], [])
    rows = conn.execute("SELECT url, text FROM articles ORDER BY seq").fetchall()
    assert [r["url"] for r in rows] == [first.url, first.url]
    assert [r["text"] for r in rows] == [first.text, second.text]


def test_db_same_text_other_url_is_another_copy(conn):
    with transaction(conn):
        save_batch(
            conn,
            [
                article("Same words.", "https://a.example/1"),
                article("Same words.", "https://b.example/1"),
            ],
            [],
        )
    assert counts(conn)["articles"] == 2


def test_db_failed_batch_rolls_back(conn):
    with pytest.raises(RuntimeError), transaction(conn):
        save_batch(conn, [article("Kept only if committed.")], [])
        raise RuntimeError("interrupted")
    assert counts(conn)["articles"] == 0


def test_db_fts_search_and_phrase_fallback(conn):
    with transaction(conn):
        save_batch(
            conn,
            [article('Washington is clearly "flirting" with the group.', title="Flirting claims")],
            [],
        )
    assert [h["title"] for h in search(conn, "flirting")] == ["Flirting claims"]
    # not valid FTS5 syntax: searched as a phrase instead of failing
    assert [h["title"] for h in search(conn, 'clearly "flirting')] == ["Flirting claims"]
    assert search(conn, "nothing-like-this") == []


def test_db_readonly_refuses_writes(db_path):
    connect(db_path).close()
    ro = connect(db_path, readonly=True)
    with pytest.raises(sqlite3.OperationalError):
        ro.execute("DELETE FROM articles")


def test_db_not_a_database(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="bad.db"):
        connect(bad)


def test_db_readonly_missing_file(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        connect(tmp_path / "missing.db", readonly=True)


def test_db_statement_rows_map_back_to_the_statements_stored(analysed_seeds):
    """`statement_from_row` inverts `statement_row` on every statement of the seeds, and a
    flat export row (the Dask shards' wire shape) maps back to the same `Statement`."""
    from counterclaim.store.facts import (
        STATEMENT_COLUMNS,
        iter_statements,
        statement_from_row,
        statement_row,
    )
    from counterclaim.store.records import flat_statement, unflatten_statement

    conn = connect(analysed_seeds)
    texts = dict(conn.execute("SELECT id, text FROM articles").fetchall())
    rows = list(iter_statements(conn))
    assert len(rows) > 5
    assert any(r["speaker_start"] is not None for r in rows)
    assert any(r["said_on"] for r in rows)
    for row in rows:
        statement = statement_from_row(row)
        stored = statement_row(statement, texts[row["article_id"]])
        again = dict(zip(STATEMENT_COLUMNS, stored, strict=True))
        assert again == {column: row[column] for column in STATEMENT_COLUMNS}
        assert statement_from_row(unflatten_statement(flat_statement(row))) == statement
