"""Bad inputs through the CLI: each is one `rejected:` line naming it and the reason, one row in
`rejects`, and the rest of the batch is still ingested. Exit code 1 when anything was rejected."""

import io
import struct
import zlib
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import FIXTURES
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGE = (FIXTURES / "ingest" / "reuters_article.html").read_bytes()
# --max-bytes also caps each page inside a WARC: the cap lets one PAGE through, not three
CAP = len(PAGE) + 1000


def png() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def truncated_warc_gz() -> tuple[bytes, int]:
    """Two HTML responses, cut in the middle of the second; and the second's offset."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    offsets = []
    for n in (1, 2):
        offsets.append(out.tell())
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://www.reuters.com/world/story-{n}/",
            "response",
            payload=io.BytesIO(PAGE),
            http_headers=headers,
        )
        writer.write_record(record)
    data = out.getvalue()
    return data[: (offsets[1] + len(data)) // 2], offsets[1]


WARC_GZ, SECOND_OFFSET = truncated_warc_gz()


class Case(NamedTuple):
    name: str  # of the bad file
    content: bytes
    reason: str  # the start of the reject's reason
    record: str | None = None  # where inside the file
    articles: int = 0  # the file's good records, still ingested
    options: tuple[str, ...] = ()  # extra CLI options


BAD_INPUTS = [
    Case("image.png", png(), "binary file (contains NUL bytes) in no supported format"),
    Case("photo.txt", png(), "binary file (contains NUL bytes), not text"),
    Case(
        "page.html",
        PAGE.replace(b"<p>", b"<p>\x00", 1),
        "binary file (contains NUL bytes), not HTML",
    ),
    Case(
        "latin1.txt",
        "Café au lait\n\nLe café est chaud.".encode("latin-1"),
        "cannot decode as UTF-8 (invalid byte at offset 3)",
    ),
    Case(
        "crawl.warc.gz",
        WARC_GZ,
        "truncated or corrupt WARC: record cut short",
        record=f"record at offset {SECOND_OFFSET}",
        articles=1,
    ),
    Case(
        "lines.jsonl",
        b'{"text": "First line."}\n{"text": "Second" "line."}\n{"text": "Third line."}\n',
        "malformed JSON: Expecting ',' delimiter at column 19",
        record="line 2",
        articles=2,
    ),
    Case("empty.txt", b"", "empty input"),
    Case("blank.md", b"  \n\n\t\n", "empty text"),
    Case("blank.jsonl", b'{"title": "No text", "text": ""}\n', "empty text", record="line 1"),
    Case(
        "big.html",
        PAGE * 3,
        f"larger than the size cap of {CAP:,} bytes",
        options=("--max-bytes", str(CAP)),
    ),
]


def write(directory: Path, name: str, content: bytes) -> Path:
    path = directory / name
    path.write_bytes(content)
    return path


def good_inputs(tmp_path: Path) -> tuple[Path, Path]:
    good = tmp_path / "good"
    good.mkdir()
    before = write(good, "before.txt", b"Storm hits coast\n\nThe storm arrived on Monday.\n")
    after = write(good, "after.md", b"# Floods recede\n\nThe water went down on Friday.\n")
    return before, after


def table(conn, sql: str) -> list[tuple]:
    return [tuple(r) for r in conn.execute(sql)]


@pytest.mark.parametrize("case", BAD_INPUTS, ids=[case.name for case in BAD_INPUTS])
def test_bad_input_rejected_and_batch_goes_on(run_cli, db_path, conn, tmp_path, case):
    before, after = good_inputs(tmp_path)
    bad = write(tmp_path, case.name, case.content)
    result = run_cli("ingest", before, bad, after, *case.options, "--db", db_path)
    record, reason = case.record, case.reason

    assert result.exit_code == 1
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected:")]
    assert len(rejected) == 1
    assert rejected[0].startswith(f"rejected: {bad}{f' ({record})' if record else ''}: {reason}")
    ((source, stored_record, stored_reason),) = table(
        conn, "SELECT source, record, reason FROM rejects"
    )
    assert (source, stored_record) == (str(bad), record or "")
    assert stored_reason.startswith(reason)
    assert rejected[0].endswith(stored_reason)
    sources = table(conn, "SELECT source FROM articles ORDER BY seq")
    assert sources == [(str(before),)] + [(str(bad),)] * case.articles + [(str(after),)]


def test_bad_input_exit_code_zero_when_nothing_rejected(run_cli, db_path, conn, tmp_path):
    before, after = good_inputs(tmp_path)
    result = run_cli("ingest", before.parent, "--db", db_path)
    assert result.exit_code == 0, result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith("rejected:")]
    assert "0 rejected" in result.stderr
    assert table(conn, "SELECT count(*) FROM articles") == [(2,)]
    assert table(conn, "SELECT count(*) FROM rejects") == [(0,)]


@pytest.fixture
def mixed_batch(tmp_path) -> list[str]:
    """Every bad input beside two good files, and a missing path: one ingest command."""
    before, after = good_inputs(tmp_path)
    bad = tmp_path / "bad"
    bad.mkdir()
    for case in BAD_INPUTS:
        write(bad, case.name, case.content)
    return [
        str(before),
        str(bad),
        str(tmp_path / "missing.txt"),
        str(after),
        "--max-bytes",
        str(CAP),
    ]


def test_bad_input_mixed_batch(run_cli, db_path, conn, mixed_batch):
    result = run_cli("ingest", *mixed_batch, "--db", db_path)
    assert result.exit_code == 1
    expected_rejects = len(BAD_INPUTS) + 1  # and the missing path
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected:")]
    assert len(rejected) == expected_rejects
    assert f"{expected_rejects} rejected" in result.stderr
    rows = table(conn, "SELECT source, record, reason FROM rejects ORDER BY source")
    assert len(rows) == expected_rejects
    assert {Path(source).name for source, _, _ in rows} == {
        *(case.name for case in BAD_INPUTS),
        "missing.txt",
    }
    good_articles = 2 + sum(case.articles for case in BAD_INPUTS)
    assert table(conn, "SELECT count(*) FROM articles") == [(good_articles,)]


@pytest.mark.parametrize("again", [(), ("--force",)], ids=["unchanged-files", "force"])
def test_bad_input_rerun_adds_no_rows(run_cli, db_path, conn, mixed_batch, again):
    assert run_cli("ingest", *mixed_batch, "--db", db_path, "-q").exit_code == 1
    counts = "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM rejects)"
    before = table(conn, counts)
    rows_before = table(conn, "SELECT id, text FROM articles ORDER BY seq")

    result = run_cli("ingest", *mixed_batch, *again, "--db", db_path, "-q")

    # the missing path is still missing; with --force every bad file is rejected again
    assert result.exit_code == 1
    assert table(conn, counts) == before
    assert table(conn, "SELECT id, text FROM articles ORDER BY seq") == rows_before
