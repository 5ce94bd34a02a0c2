"""Inputs named on the command line: folders, globs, stdin, missing paths, unknown suffixes."""

import dataclasses
import io
import json
from pathlib import Path

import pytest
from conftest import FIXTURES
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from counterclaim.ingest import sources as sources_module
from counterclaim.ingest.sources import InputItem, expand_inputs
from counterclaim.model import Reject
from counterclaim.pipeline import ingest

INGEST = FIXTURES / "ingest"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.fixture
def archive(tmp_path) -> Path:
    """A folder tree with visible articles and hidden files and folders."""
    root = tmp_path / "archive"
    write(root / "2020" / "quake.txt", "Quake hits coast\n\nAn earthquake struck on Monday.")
    write(root / "2020" / "01" / "storm.md", "# Storm\n\nA storm arrived on Tuesday.")
    write(root / "floods.txt", "Floods recede\n\nThe water went down on Friday.")
    write(root / ".draft.txt", "Draft\n\nNot finished, never ingested.")
    write(root / ".cache" / "copy.txt", "Copy\n\nA cached copy, never ingested.")
    write(root / "2020" / ".git" / "notes.txt", "Notes\n\nVersion control, never ingested.")
    return root


def sources(conn) -> list[str]:
    return [r[0] for r in conn.execute("SELECT source FROM articles ORDER BY source")]


def test_sources_directory_is_read_recursively_without_hidden_files(conn, archive):
    report = ingest(conn, [str(archive)])
    assert report.rejects == []
    assert sources(conn) == [
        str(archive / "2020" / "01" / "storm.md"),
        str(archive / "2020" / "quake.txt"),
        str(archive / "floods.txt"),
    ]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("*.txt", ["floods.txt"]),
        ("2020/*", ["2020/01/storm.md", "2020/quake.txt"]),  # a matched folder is read whole
        ("**/*.txt", ["2020/quake.txt", "floods.txt"]),
        ("**/*.md", ["2020/01/storm.md"]),
    ],
)
def test_sources_glob(conn, archive, pattern, expected):
    report = ingest(conn, [f"{archive}/{pattern}"])
    assert report.rejects == []
    assert sources(conn) == [str(archive / name) for name in expected]


def test_sources_missing_path_is_rejected_and_the_rest_read(conn, archive):
    missing = str(archive / "no-such-file.txt")
    report = ingest(conn, [missing, str(archive / "floods.txt"), f"{archive}/*.csv"])
    assert [(r.source, r.record, r.reason) for r in report.rejects] == [
        (missing, None, "no such file, directory or glob match"),
        (f"{archive}/*.csv", None, "no such file, directory or glob match"),
    ]
    assert sources(conn) == [str(archive / "floods.txt")]
    stored = conn.execute("SELECT source, record, reason FROM rejects ORDER BY id").fetchall()
    assert [tuple(r) for r in stored] == [
        (missing, "", "no such file, directory or glob match"),
        (f"{archive}/*.csv", "", "no such file, directory or glob match"),
    ]


def test_sources_expand_inputs_kinds(archive):
    items = list(expand_inputs(["-", "https://example.org/a.html", str(archive / "floods.txt")]))
    assert items == [
        InputItem("-", "stdin"),
        InputItem("https://example.org/a.html", "url"),
        InputItem(str(archive / "floods.txt"), "file", archive / "floods.txt"),
    ]
    assert list(expand_inputs([str(archive / "nope")])) == [
        Reject(str(archive / "nope"), None, "no such file, directory or glob match")
    ]


def _warc_gz() -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    page = (INGEST / "reuters_article.html").read_bytes()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://www.reuters.com/world/uk/immunity/",
            "response",
            payload=io.BytesIO(page),
            http_headers=headers,
        )
    )
    return out.getvalue()


@pytest.mark.parametrize(
    ("stdin", "title", "url"),
    [
        ("Quake hits coast\n\nAn earthquake struck on Monday.\n", "Quake hits coast", None),
        (
            json.dumps({"url": "https://a.example/1", "title": "From JSONL", "text": "Body."}),
            "From JSONL",
            "https://a.example/1",
        ),
        (
            (INGEST / "reuters_article.html").read_bytes(),
            "UK urges US to waive immunity for diplomat's wife after fatal crash",
            "https://www.reuters.com/article/uk-britain-usa-crash/"
            "uk-urges-us-to-waive-immunity-for-diplomats-wife-after-fatal-crash-idUSKBN1WP0XY",
        ),
        (
            _warc_gz(),
            "UK urges US to waive immunity for diplomat's wife after fatal crash",
            "https://www.reuters.com/world/uk/immunity/",
        ),
    ],
    ids=["text", "jsonl", "html", "warc.gz"],
)
def test_sources_stdin(run_cli, db_path, conn, stdin, title, url):
    result = run_cli("ingest", "-", "--db", db_path, "-q", input=stdin)
    assert result.exit_code == 0, result.stderr
    (row,) = conn.execute("SELECT source, title, url FROM articles").fetchall()
    assert tuple(row) == ("-", title, url)


def test_sources_stdin_empty_is_rejected(run_cli, db_path, conn):
    result = run_cli("ingest", "-", "--db", db_path, "-q", input=b"")
    assert result.exit_code == 1
    assert "rejected: -: empty input" in result.stderr.splitlines()
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


BOM = b"\xef\xbb\xbf"
XML = b'<?xml version="1.0" encoding="utf-8"?>\n'
XSL = b'<?xml-stylesheet type="text/xsl" href="/feed.xsl"?>\n'


@pytest.mark.parametrize(
    ("fixture", "name", "prefix", "title"),
    [
        ("reuters_article.html", "saved-page", b"", "UK urges US to waive immunity"),
        ("reuters_article.html", "bom-page", BOM, "UK urges US to waive immunity"),
        ("reuters_article.html", "xhtml-page", XML, "UK urges US to waive immunity"),
        ("world_news.rss", "feed.download", b"", "Stampede during funeral procession"),
        ("world_news.rss", "bom-feed", BOM, "Stampede during funeral procession"),
        ("health_news.atom", "atom", b"", "German authorities confirm first case"),
        ("health_news.atom", "styled-atom", XSL, "German authorities confirm first case"),
        ("articles.jsonl", "export.ndjson.bak", b"", "Russia's Navalny airlifted"),
        ("articles.json", "export.data", b"", "British mathematician Richard K. Guy"),
    ],
)
def test_sources_format_sniffed_without_a_known_suffix(
    conn, tmp_path, fixture, name, prefix, title
):
    content = (INGEST / fixture).read_bytes()
    if prefix == XSL:  # a style sheet goes after the XML declaration
        declaration, rest = content.split(b"?>", 1)
        content = declaration + b"?>\n" + XSL + rest
    elif prefix == XML:  # an XHTML page: declaration first
        content = XML + content
    else:
        content = prefix + content
    path = tmp_path / name
    path.write_bytes(content)
    assert ingest(conn, [str(path)]).rejects == []
    first = conn.execute("SELECT title, text FROM articles ORDER BY seq").fetchone()
    assert first["title"].startswith(title)
    assert "<" not in first["text"]


def test_sources_reader_crash_is_a_reject_and_the_batch_goes_on(conn, archive, monkeypatch):
    """A parser that raises part-way through a file costs that file's remaining records only."""
    real_detect = sources_module.detect_reader

    def detect_reader(name, head, media_type=None):
        reader = real_detect(name, head, media_type)
        if not name.endswith("quake.txt"):
            return reader

        def read(*args):
            yield from reader.read(*args)
            raise RuntimeError("parser bug")

        return dataclasses.replace(reader, read=read)

    monkeypatch.setattr(sources_module, "detect_reader", detect_reader)
    quake, floods = archive / "2020" / "quake.txt", archive / "floods.txt"
    report = ingest(conn, [str(quake), str(floods)])
    assert [(r.source, r.reason) for r in report.rejects] == [
        (str(quake), "cannot read: RuntimeError: parser bug")
    ]
    assert sources(conn) == [str(quake), str(floods)]
