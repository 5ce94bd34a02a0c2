"""Story rows in a real store: stubs, test and navigation pages are listed last."""

from counterclaim.store.browse import ArticleFilters, list_stories
from counterclaim.store.stories import iter_stories


def _story(conn, story_id, last_date, low_content):
    conn.execute(
        "INSERT INTO stories (id, title, first_date, last_date, article_count, outlet_count, "
        "low_content, updated_at) VALUES (?, ?, ?, ?, 1, 1, ?, '2026-01-01')",
        (story_id, f"title of {story_id}", last_date, last_date, low_content),
    )


def test_stories_low_content_listed_last(conn):
    """Newest first, undated after the dated, but a story of test pages after them all."""
    _story(conn, "s-test-page", "2021-01-01", 1)
    _story(conn, "s-news", "2019-01-01", 0)
    _story(conn, "s-undated", None, 0)
    assert [s.id for s in iter_stories(conn)] == ["s-news", "s-undated", "s-test-page"]
    conn.executemany(
        "INSERT INTO articles (id, content_hash, text, ingested_at) VALUES (?, ?, 'text', 'now')",
        [("a1", "h1"), ("a2", "h2"), ("a3", "h3")],
    )
    conn.executemany(
        "INSERT INTO story_articles (article_id, story_id, producer) VALUES (?, ?, 'test')",
        [("a1", "s-test-page"), ("a2", "s-news"), ("a3", "s-undated")],
    )
    page = list_stories(conn, ArticleFilters())
    assert [s["id"] for s in page.items][0] == "s-news"
    assert [s["id"] for s in page.items][-1] == "s-test-page"


def test_store_entity_article_texts_are_the_other_articles_naming_it(browse_db):
    import sqlite3

    from counterclaim.store.articles import entity_article_texts

    conn = sqlite3.connect(browse_db)
    entity_id, first, second = conn.execute(
        "SELECT entity_id, MIN(article_id), MAX(article_id) FROM mentions GROUP BY entity_id "
        "HAVING COUNT(DISTINCT article_id) >= 2 LIMIT 1"
    ).fetchone()
    text_of = dict(conn.execute("SELECT id, text FROM articles"))
    found = entity_article_texts(conn, entity_id, [first])
    assert text_of[second] in found
    assert text_of[first] not in found
    never = entity_article_texts(conn, "no-such-entity", [])
    assert never == []
