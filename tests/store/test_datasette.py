"""The store opened with datasette itself (issue 17 item 4): its full-text search on the
articles table finds the matching rows only (it returned every row, not seeing the FTS index
because of how the index named its content table)."""

from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor

from datasette.app import Datasette


def datasette_get(db, path: str) -> dict | list:
    async def get():
        ds = Datasette([str(db)])
        response = await ds.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    # in a thread of its own: a browser test's event loop may still run in this one
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, get()).result()


def test_datasette_search_on_articles_finds_the_matches(analysed_seeds, tmp_path):
    db = tmp_path / "store.db"
    with sqlite3.connect(analysed_seeds) as source, sqlite3.connect(db) as target:
        source.backup(target)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO articles (id, content_hash, text, ingested_at) "
            "VALUES ('other', 'h', 'A storm hit the coast on Monday.', '2020-01-01')"
        )
        titles = dict(conn.execute("SELECT id, title FROM articles").fetchall())
    assert len(titles) == 3
    every = datasette_get(db, "/store/articles.json?_shape=array&_col=id")
    assert len(every) == 3
    found = datasette_get(db, "/store/articles.json?_search=ridiculous&_shape=array&_col=id")
    assert [row["id"] for row in found] == ["3ba9f36ca0c34871a691"]
    storm = datasette_get(db, "/store/articles.json?_search=storm&_shape=array&_col=id")
    assert [row["id"] for row in storm] == ["other"]
