"""WARC and WARC.gz: HTML response records become articles; damaged archives are rejected."""

import csv
import gzip
import io
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLE
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from counterclaim.ingest.readers import ReadOptions
from counterclaim.pipeline import IngestOptions, ingest

REUTERS_URL = "https://www.reuters.com/world/uk/immunity-diplomats-wife-2019-10-10/"


def wikinews_page(title_prefix: str) -> tuple[str, str, bytes]:
    """(URL, title, HTML page) of a Wikinews article from the bundled sample CSV."""
    with (SAMPLE / "wikinews" / "wikinews_2019.csv").open(newline="", encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["title"].startswith(title_prefix))
    paragraphs = [" ".join(p.split()) for p in row["text"].split("\n\n") if p.strip()][1:]
    html = (
        f"<!DOCTYPE html><html><head><title>{row['title']} - Wikinews</title></head><body>"
        '<nav><a href="/wiki/Main_Page">Main page</a> <a href="/wiki/Special:Random">Random</a>'
        f"</nav><article><h1>{row['title']}</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article><footer>Content is available under CC BY 2.5.</footer></body></html>"
    )
    return row["url"], row["title"], html.encode("utf-8")


WATERLOO = wikinews_page("Engineer killed while working on travelator")
PROROGATION = wikinews_page("UK Supreme Court rules prorogation")
REUTERS_PAGE = (FIXTURES / "ingest" / "reuters_article.html").read_bytes()


def http_headers(status: str, content_type: str) -> StatusAndHeaders:
    return StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")


def write_warc(path: Path, records: list[tuple]) -> list[int]:
    """Write ("response", url, status, content type, body) and ("request", url) records after a
    warcinfo record. Returns the offset of each given record."""
    offsets = []
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "pytest"}))
        for kind, url, *rest in records:
            offsets.append(f.tell())
            if kind == "request":
                headers = StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
                )
                record = writer.create_warc_record(
                    url, "request", payload=io.BytesIO(b""), http_headers=headers
                )
            else:
                status, content_type, body = rest
                record = writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=http_headers(status, content_type),
                )
            writer.write_record(record)
    return offsets


CRAWL = [
    ("request", REUTERS_URL),
    ("response", REUTERS_URL, "200 OK", "text/html; charset=utf-8", REUTERS_PAGE),
    ("response", "https://www.reuters.com/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
    ("response", "https://www.reuters.com/gone", "404 Not Found", "text/html", b"<html>404</html>"),
    (
        "response",
        "http://www.reuters.com/world/uk/immunity-diplomats-wife-2019-10-10",
        "301 Moved Permanently",
        "text/html",
        b"<html><body><p>This page has moved to a new address.</p></body></html>",
    ),
    ("request", WATERLOO[0]),
    ("response", WATERLOO[0], "200 OK", "text/html", WATERLOO[2]),
]


def articles(conn) -> list[dict]:
    return [dict(r) for r in conn.execute("SELECT * FROM articles ORDER BY seq")]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_articles(conn, tmp_path, name):
    path = tmp_path / name
    offsets = write_warc(path, CRAWL)
    report = ingest(conn, [str(path)])
    assert report.rejects == []
    rows = articles(conn)
    # the requests, the image, the 404 page and the redirect are not articles
    assert [r["url"] for r in rows] == [REUTERS_URL, WATERLOO[0]]
    assert [r["record"] for r in rows] == [f"record at offset {offsets[i]}" for i in (1, 6)]
    assert [r["source"] for r in rows] == [str(path), str(path)]
    reuters, waterloo = rows
    assert reuters["title"] == "UK urges US to waive immunity for diplomat's wife after fatal crash"
    assert (reuters["outlet_id"], reuters["outlet_source"]) == ("reuters", "url")
    assert reuters["published"] == "2019-10-10"
    assert reuters["text"].startswith("LONDON, Oct 10 (Reuters) - Prime Minister Boris Johnson")
    assert waterloo["title"] == WATERLOO[1]
    assert waterloo["outlet_id"] == "wikinews"
    assert waterloo["text"].startswith("Very early Wednesday morning, an engineer was killed")
    assert waterloo["text"].endswith('is underway to ensure it cannot happen again."')
    assert "Main page" not in waterloo["text"] and "CC BY 2.5" not in waterloo["text"]


THREE_PAGES = [
    ("response", REUTERS_URL, "200 OK", "text/html", REUTERS_PAGE),
    ("response", WATERLOO[0], "200 OK", "text/html", WATERLOO[2]),
    ("response", PROROGATION[0], "200 OK", "text/html", PROROGATION[2]),
]


@pytest.mark.parametrize("name", ["cut.warc.gz", "cut.warc"])
@pytest.mark.parametrize("where", ["payload", "header"])
def test_warc_truncated_archive(conn, tmp_path, name, where):
    whole = tmp_path / f"whole-{name}"
    offsets = write_warc(whole, THREE_PAGES)
    # cut the bytes in the middle of the second record, or just after its first line
    cut = (offsets[1] + offsets[2]) // 2 if where == "payload" else offsets[1] + 20
    path = tmp_path / name
    path.write_bytes(whole.read_bytes()[:cut])
    following = tmp_path / "following.jsonl"
    following.write_text('{"url": "https://a.example/next", "text": "The batch goes on."}\n')

    report = ingest(conn, [str(path), str(following)])

    assert [r["url"] for r in articles(conn)] == [REUTERS_URL, "https://a.example/next"]
    (reject,) = report.rejects
    assert reject.source == str(path)
    assert reject.reason.startswith("truncated or corrupt WARC: ")
    if where == "payload":
        assert reject.record == f"record at offset {offsets[1]}"
        assert reject.reason.endswith("bytes missing")
    stored = conn.execute("SELECT source, record, reason FROM rejects").fetchall()
    assert [tuple(r) for r in stored] == [(reject.source, reject.record, reject.reason)]


@pytest.mark.parametrize(
    ("name", "padding"),
    [("crawl.warc", b"\r\n\r\n\n"), ("crawl.warc.gz", gzip.compress(b""))],
    ids=["blank-lines", "empty-gzip-member"],
)
def test_warc_padding_after_the_last_record_is_not_damage(conn, tmp_path, name, padding):
    path = tmp_path / name
    write_warc(path, THREE_PAGES[:1])
    path.write_bytes(path.read_bytes() + padding)
    report = ingest(conn, [str(path)])
    assert report.rejects == []
    assert [r["url"] for r in articles(conn)] == [REUTERS_URL]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.warc", b"These are my notes, not a web archive.\n"),
        ("short.warc", b"hello\n"),
        ("data.warc.gz", gzip.compress(b'{"text": "JSON lines, gzipped."}\n')),
    ],
)
def test_warc_not_an_archive(conn, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    report = ingest(conn, [str(path)])
    assert [(r.source, r.record) for r in report.rejects] == [(str(path), "after offset 0")]
    assert report.rejects[0].reason.startswith("truncated or corrupt WARC: ")
    assert report.new_articles == 0


def test_warc_page_over_the_record_cap(conn, tmp_path):
    path = tmp_path / "crawl.warc.gz"
    offsets = write_warc(path, THREE_PAGES[:2])
    cap = (len(REUTERS_PAGE) + len(WATERLOO[2])) // 2  # the Reuters page is the larger one
    assert len(WATERLOO[2]) < cap < len(REUTERS_PAGE)
    report = ingest(conn, [str(path)], IngestOptions(read=ReadOptions(max_record_bytes=cap)))
    assert [(r.record, r.reason) for r in report.rejects] == [
        (f"record at offset {offsets[0]}", f"page larger than {cap:,} bytes")
    ]
    assert [r["url"] for r in articles(conn)] == [WATERLOO[0]]


def test_warc_arc_file(conn, tmp_path):
    """The older ARC format (version 1), as written by early crawlers."""
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + REUTERS_PAGE
    description = b"1 0 Crawl\nURL IP-address Archive-date Content-type Archive-length\n"
    first = b"filedesc://crawl.arc 0.0.0.0 20191010120000 text/plain %d\n" % len(description)
    second = b"%s 93.184.216.34 20191010120000 text/html %d\n" % (REUTERS_URL.encode(), len(http))
    header_record = first + description + b"\n"
    path = tmp_path / "crawl.arc"
    path.write_bytes(header_record + second + http + b"\n")
    assert ingest(conn, [str(path)]).rejects == []
    (row,) = articles(conn)
    assert (row["url"], row["record"]) == (REUTERS_URL, f"record at offset {len(header_record)}")
    assert row["title"] == "UK urges US to waive immunity for diplomat's wife after fatal crash"
