"""Hostile requests to the web server (issue 17 item 12): NUL bytes and huge numbers in the
query string are a 4xx with the API's error shape, never a 500; search queries are bounded
in length and words; a query that runs too long is stopped by SQLite's progress handler."""

from __future__ import annotations

import sqlite3
import time

import pytest
from fastapi.testclient import TestClient

from counterclaim.present.web import create_app
from counterclaim.store import browse

LISTS = ["/api/stories", "/api/articles", "/api/statements", "/api/entities", "/api/timeline"]
PAGES_WITH_Q = ["/api/search", "/api/stories", "/api/articles", "/", "/articles"]


@pytest.fixture(scope="module")
def client(browse_db):
    return TestClient(create_app(browse_db), raise_server_exceptions=False)


@pytest.mark.parametrize("path", PAGES_WITH_Q)
@pytest.mark.parametrize("q", ["\x00", "a\x00b", "\x01\x1f", "'", '"', "Kayla Mueller's"])
def test_web_hostile_control_characters_in_q(client, path, q):
    response = client.get(path, params={"q": q})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("path", [*LISTS, "/api/search?q=syria", "/", "/articles"])
def test_web_hostile_huge_offset_is_a_422(client, path):
    joiner = "&" if "?" in path else "?"
    response = client.get(f"{path}{joiner}offset=9223372036854775808")
    assert response.status_code == 422, response.text
    if path.startswith("/api/"):
        assert response.json()["error"]["message"].startswith("offset:")


def test_web_hostile_largest_offset_still_answers(client):
    response = client.get("/api/articles", params={"offset": 2**63 - 1})
    assert response.status_code == 200
    assert response.json()["data"] == []


@pytest.mark.parametrize(
    "q",
    [" ".join(["syria"] * (browse.MAX_QUERY_WORDS + 1)), "x" * (browse.MAX_QUERY_CHARS + 1)],
    ids=["words", "chars"],
)
@pytest.mark.parametrize("path", PAGES_WITH_Q)
def test_web_hostile_oversized_search_is_a_422(client, path, q):
    started = time.monotonic()
    response = client.get(path, params={"q": q})
    assert response.status_code == 422, response.text
    assert time.monotonic() - started < 30
    if path.startswith("/api/"):
        message = response.json()["error"]["message"]
        assert message.startswith("q: ") and len(message) < 300


def test_web_hostile_possessive_search_finds_the_name(client):
    """Issue 17 item 6: `Kayla Mueller's` found nothing while `Mueller's` did."""
    plain = client.get("/api/search", params={"q": "Konashenkov"}).json()["total"]
    assert plain >= 1
    assert client.get("/api/search", params={"q": "Igor Konashenkov's"}).json()["total"] == plain
    assert client.get("/api/search", params={"q": "Konashenkov’s,"}).json()["total"] == plain


def test_web_hostile_slow_query_is_interrupted(browse_db):
    """The progress handler ends a query that runs past its time (a client that went away
    no longer keeps a worker busy, and SIGTERM is not held up by it)."""
    conn = sqlite3.connect(browse_db)
    browse.limit_query_time(conn, 0.2)
    started = time.monotonic()
    slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        conn.execute(slow).fetchone()
    assert time.monotonic() - started < 10
    conn.close()


def test_web_hostile_slow_query_is_a_503(browse_db, monkeypatch):
    monkeypatch.setattr(browse, "QUERY_SECONDS", 0.0)
    client = TestClient(create_app(browse_db), raise_server_exceptions=False)
    response = client.get("/api/statements")  # enough SQLite work to reach the handler
    assert response.status_code == 503
    assert "took too long" in response.json()["error"]["message"]
