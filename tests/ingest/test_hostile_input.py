"""Hostile inputs (issue 17 items 8-11): each bad file or record costs one reject row naming
the file, the record and the reason, never a traceback, a hang or the rest of its batch; every
message is short. The good files around it are stored."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from counterclaim.model import MAX_MESSAGE_CHARS

GOOD_JSONL = '{"text": "The storm reached the coast on Monday.", "url": "https://example.org/a"}\n'
LATER_JSONL = '{"text": "The water went down on Friday.", "url": "https://example.org/b"}\n'


def rss(*entries: str, encoding: str = "utf-8") -> bytes:
    items = "".join(
        f"<item><title>Entry {n}</title><link>{link}</link><description>{text}</description></item>"
        for n, (link, text) in enumerate(e.split("|", 1) for e in entries)
    )
    return (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>'
        f"<title>Feed</title>{items}</channel></rss>"
    ).encode()


def gzip_bomb(megabytes: int = 200) -> bytes:
    """About 200 MB of zeros in a couple of hundred KB of gzip, with no line break in it."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as bomb:
        chunk = b"\x00" * (1024 * 1024)
        for _ in range(megabytes):
            bomb.write(chunk)
    return out.getvalue()


def deep_json(depth: int = 10_000) -> str:
    return '{"text": ' + "[" * depth + "]" * depth + "}"


class Case(NamedTuple):
    name: str
    make: Callable[[Path], None]  # writes the hostile file (or link, FIFO) at this path
    rejects: tuple[tuple[str | None, str], ...]  # (record, start of the reason), in order
    articles: int = 0  # the bad file's good records, still stored


def content(data: bytes | str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", errors="surrogatepass")
        else:
            path.write_bytes(data)

    return make


def symlink_loop(path: Path) -> None:
    path.symlink_to(path.name)


def dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere.txt")


CASES = [
    Case("loop.txt", symlink_loop, ((None, "symbolic link loop"),)),
    Case("dangling.txt", dangling, ((None, "dangling symbolic link"),)),
    Case("fifo.txt", os.mkfifo, ((None, "not a regular file"),)),
    Case(
        "outlet.jsonl",
        content(
            '{"text": "Russia said so on Monday.", "outlet": "RT [Russia Today]"}\n'
            '{"text": "A bad link on Tuesday.", "url": "http://[oops"}\n'
        ),
        (),
        articles=2,
    ),
    Case(
        "outlet.csv",
        content('text,outlet,url\n"Said on Monday.",RT [Russia Today],http://[oops\n'),
        (),
        articles=1,
    ),
    Case("badlink.rss", content(rss("http://[oops|Said on Monday.")), (), articles=1),
    Case(
        "surrogate.jsonl",
        content(
            GOOD_JSONL
            + '{"text": "Bad url.", "url": "https://example.org/\\ud800"}\n'
            + '{"text": "Bad title.", "title": "T\\udfff"}\n'
            + LATER_JSONL
        ),
        (
            ("line 2", "invalid text: a lone surrogate"),
            ("line 3", "invalid text: a lone surrogate"),
        ),
        articles=2,
    ),
    Case(
        "deep.jsonl",
        content(GOOD_JSONL + deep_json() + "\n" + LATER_JSONL),
        (("line 2", "malformed JSON: nested too deeply"),),
        articles=2,
    ),
    Case(
        "baddate.jsonl",
        content(
            '{"text": "date 2019-99-99\\nSaid on Monday."}\n'
            '{"text": "**RT** date 2019-02-30\\nSaid on Tuesday."}\n'
        ),
        (),
        articles=2,
    ),
    Case(
        "utf16.jsonl",
        content(GOOD_JSONL.encode("utf-16")),
        ((None, "UTF-16 text (it starts with a byte order mark): JSONL is read as UTF-8 only"),),
    ),
    Case(
        "surrogate.rss",
        # the reference that is no character is read as U+FFFD, the rest of the entry kept
        content(rss("https://example.org/1|Fine text.", "https://example.org/2|Bad &#xD800; x")),
        (),
        articles=2,
    ),
    Case(
        "encoding.rss",
        content(rss("https://example.org/1|Fine text.", encoding="no-such-encoding-\x7f")),
        (),
        articles=1,
    ),
    Case(
        # found by the fuzz run: feedparser decoded the declared name as UTF-8 and crashed
        "badname.rss",
        content(rss("https://example.org/1|Fine text.").replace(b"utf-8", b"\xfcTF-8", 1)),
        ((None, "feed declares an encoding that is no name (\\xfcTF-8)"),),
    ),
    Case(
        "utf16.txt",
        content("Storm report\n\nThe storm came on Monday.\n".encode("utf-16")),
        (),
        articles=1,
    ),
    Case(
        "cut.warc",
        content(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Len"),
        (("after offset 0", "truncated or corrupt WARC: record header incomplete or invalid"),),
    ),
    Case(
        "bomb.gz", content(gzip_bomb()), (("after offset 0", "gzip file in no supported format"),)
    ),
    Case("bomb.txt", content(gzip_bomb()), ((None, "binary file"),)),
    Case(
        "bomb.warc.gz",
        content(gzip_bomb()),
        (("after offset 0", "truncated or corrupt WARC: gzip data that does not start"),),
    ),
]


@pytest.fixture
def hang_guard():
    """A hostile input must not hang the run: fail the test after 60 s instead."""

    def fail(signum, frame):
        raise TimeoutError("ingest hung")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return [tuple(r) for r in conn.execute(sql)]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_one_reject_each_and_batch_goes_on(
    run_cli, tmp_path, db_path, hang_guard, case
):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_before.txt").write_text("Storm hits coast\n\nThe storm arrived on Monday.\n")
    (folder / "z_after.md").write_text("# Floods recede\n\nThe water went down on Friday.\n")
    bad = folder / f"m_{case.name}"
    case.make(bad)

    result = run_cli("ingest", folder, "--db", db_path)

    assert result.exit_code == (1 if case.rejects else 0), result.output
    assert "Traceback" not in result.output
    assert len(result.stderr) < 5 * MAX_MESSAGE_CHARS + 1000
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected:")]
    stored = rows(db_path, "SELECT source, record, reason FROM rejects ORDER BY rowid")
    assert len(rejected) == len(stored) == len(case.rejects), result.stderr
    for line, (source, record, reason), (want_record, want_reason) in zip(
        rejected, stored, case.rejects, strict=True
    ):
        assert source == str(bad)
        assert record == (want_record or "")
        assert reason.startswith(want_reason), reason
        assert len(reason) <= MAX_MESSAGE_CHARS
        assert line.endswith(reason)
    sources = rows(db_path, "SELECT source FROM articles ORDER BY seq")
    assert sources[0] == (str(folder / "a_before.txt"),)
    assert sources[-1] == (str(folder / "z_after.md"),)
    assert len(sources) == 2 + case.articles


def test_hostile_input_bad_url_argument(run_cli, db_path):
    result = run_cli("ingest", "http://[::1", "--db", db_path)
    assert result.exit_code == 1
    assert rows(db_path, "SELECT source, reason FROM rejects") == [
        ("http://[::1", "invalid URL: Invalid IPv6 URL")
    ]


def test_hostile_input_undecodable_file_name(run_cli, tmp_path, db_path):
    """A file name that is not UTF-8 (bytes from another system) is stored and reported with
    its bad bytes escaped, not a crash when the name is written to the store."""
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_text("Storm hits coast\n\nThe storm arrived on Monday.\n")
    (folder / os.fsdecode(b"empty\xff.txt")).write_text("")
    result = run_cli("ingest", folder, "--db", db_path)
    assert result.exit_code == 1
    ((source,),) = rows(db_path, "SELECT source FROM articles")
    assert source.endswith("caf\\xe9.txt")
    ((rejected, reason),) = rows(db_path, "SELECT source, reason FROM rejects")
    assert rejected.endswith("empty\\xff.txt") and reason == "empty input"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_hostile_input_unreadable_folder_is_said(run_cli, tmp_path, db_path):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "ok.txt").write_text("Storm hits coast\n\nThe storm arrived on Monday.\n")
    (folder / "locked").chmod(0)
    try:
        result = run_cli("ingest", folder, "--db", db_path)
    finally:
        (folder / "locked").chmod(0o755)
    assert result.exit_code == 1
    ((source, reason),) = rows(db_path, "SELECT source, reason FROM rejects")
    assert source == str(folder / "locked") and reason.startswith("cannot read folder")


def test_hostile_input_reject_messages_are_capped():
    from counterclaim.model import Reject

    reject = Reject("x" * 10_000, "y" * 10_000, "z" * 10_000_000)
    assert len(reject.reason) <= MAX_MESSAGE_CHARS
    assert len(reject.source) <= 4 * MAX_MESSAGE_CHARS
    assert reject.reason.endswith("more characters)")
    assert json.dumps(Reject("a\ud800", None, "b\udfff").reason) == '"b\\\\udfff"'


def test_hostile_input_text_over_the_parser_limit_is_rejected_at_ingest(run_cli, tmp_path, db_path):
    """Issue 17 item 11: a 1.13M-character text made every later `analyze` crash (spaCy E088)."""
    path = tmp_path / "huge.jsonl"
    huge = json.dumps({"text": "word " * 226_000, "url": "https://example.org/huge"})
    path.write_text(GOOD_JSONL + huge + "\n" + LATER_JSONL)
    result = run_cli("ingest", path, "--db", db_path)
    assert result.exit_code == 1
    ((record, reason),) = rows(db_path, "SELECT record, reason FROM rejects")
    assert record == "line 2"
    assert reason.startswith("text of 1,130,000 characters, over the limit of 1,000,000")
    assert rows(db_path, "SELECT count(*) FROM articles") == [(2,)]


def test_hostile_input_analysis_survives_a_document_the_parser_refuses(nlp):
    """An article already stored over the limit (or any document spaCy fails on) is one
    reject of the batch, not a crashed `analyze`."""
    from counterclaim.pipeline import extract_batch
    from counterclaim.store.facts import PendingArticle

    batch = [
        PendingArticle("good", "The minister said on Monday that the bridge would open.", None),
        PendingArticle("huge", "word " * 226_000, None),
        PendingArticle("also", "Police said the road was closed.", None),
    ]
    facts, failures, docs = extract_batch(nlp, batch)
    assert [f.article_id for f in facts] == ["good", "also"]
    ((reject),) = failures
    assert reject.source == "huge" and reject.reason.startswith("analysis failed: ")
    assert "E088" in reject.reason and len(reject.reason) <= MAX_MESSAGE_CHARS
    assert set(docs) == {"good", "also"}


def test_hostile_input_unlistable_folder_is_said_even_as_root(
    run_cli, tmp_path, db_path, monkeypatch
):
    """The same as above where permissions do not stop root: the listing itself fails."""
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "ok.txt").write_text("Storm hits coast\n\nThe storm arrived on Monday.\n")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run_cli("ingest", folder, "--db", db_path)
    assert result.exit_code == 1
    ((source, reason),) = rows(db_path, "SELECT source, reason FROM rejects")
    assert source == str(folder / "locked")
    assert reason == "cannot read folder: Permission denied"
    assert rows(db_path, "SELECT count(*) FROM articles") == [(1,)]
