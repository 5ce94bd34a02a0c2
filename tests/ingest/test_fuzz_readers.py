"""A seeded fuzz run over every reader (issue 17: 32,377 inputs found 46 unhandled exceptions
of 5 kinds). Small valid samples of each format are mutated (bytes flipped, cut, repeated,
hostile tokens spliced in) and read through the same path as `ingest` (`read_item`: reader,
record checks, metadata). Nothing may escape as an exception, no reader may crash into the
safety net of `read_input`, and every record must be storable: its text encodable as UTF-8,
within the parser's limit, and every reject's message short.

Measured (2 shared cores): 10,000 inputs in about 60 s. FUZZ_INPUTS and FUZZ_SEED set in
the environment run a longer or another campaign.
"""

from __future__ import annotations

import gzip
import io
import os
import random
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, SEEDS
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from counterclaim.ingest.batch import MAX_TEXT_CHARS, unusable
from counterclaim.ingest.outlets import load_registry
from counterclaim.ingest.sources import InputItem, read_input
from counterclaim.model import MAX_MESSAGE_CHARS, Article, RawArticle, Reject
from counterclaim.pipeline import IngestOptions, read_item
from counterclaim.store.browse import fts_query

INPUTS = int(os.environ.get("FUZZ_INPUTS", "10000"))
# trafilatura takes ~40 ms a page and feedparser ~30 ms a feed, the other readers 1-3 ms an
# input: HTML pages (alone or in a WARC) and feeds get a sixth of the share of the others,
# so the run stays near a minute
SLOW_WEIGHT, OTHER_WEIGHT = 1, 6
# metadata (`enrich`, language detection ~6 ms an article) runs on one input in ENRICH_EVERY
ENRICH_EVERY = 3
SEED = int(os.environ.get("FUZZ_SEED", "17"))
# small on purpose: a mutant stays small, and a record over the cap is a path to test too
OPTIONS = IngestOptions()

SMALL_HTML = (
    b"<!doctype html><html><head><title>Floods recede</title>"
    b'<meta property="og:site_name" content="Example News">'
    b'<meta name="date" content="2019-10-05"></head><body><article><h1>Floods recede</h1>'
    b"<p>MOSCOW, October 5 (RHC)-- The water went down on Friday, officials said.</p>"
    b"<p>\xe2\x80\x9cWe are safe now,\xe2\x80\x9d the mayor said on Thursday.</p>"
    b"</article></body></html>"
)


def warc(pages: list[tuple[str, bytes]], compress: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for url, page in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(page), http_headers=headers
        )
        writer.write_record(record)
    return out.getvalue()


def samples() -> dict[str, bytes]:
    """One small valid input per reader (the name's suffix picks the reader)."""
    seed = sorted(SEEDS.glob("*.txt"))[0].read_bytes()
    pages = [("https://example.org/a", SMALL_HTML), ("https://example.org/b", SMALL_HTML[:-40])]
    found = {
        "seed.txt": seed[:1500] + seed[-200:],
        "note.md": b"# Storm\n\n**RHC** date 2019-10-05\n\nLONDON, Oct 5 (Reuters) - Rain.\n\n"
        b"---\n\n<https://example.org/storm>\n",
        "page.html": SMALL_HTML,
        "rows.jsonl": (FIXTURES / "ingest" / "articles.jsonl").read_bytes()[:1200],
        "rows.json": (FIXTURES / "ingest" / "articles.json").read_bytes(),
        "rows.csv": (FIXTURES / "ingest" / "articles.csv").read_bytes(),
        "crawl.warc": warc(pages, compress=False),
        "crawl.warc.gz": warc(pages, compress=True),
        "news.rss": (FIXTURES / "ingest" / "world_news.rss").read_bytes(),
        "news.atom": (FIXTURES / "ingest" / "health_news.atom").read_bytes(),
    }
    # no suffix: the reader is chosen by sniffing the first bytes
    for name in ("page.html", "rows.jsonl", "news.rss", "crawl.warc"):
        found[name.split(".")[0] + "_sniffed"] = found[name]
    return found


# spliced into samples: what broke readers before, and the usual suspects
TOKENS = [
    b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x80", b"\xc3", b"\xed\xa0\x80",
    b"\\ud800", b"\\udfff", b'"\\ud83d"', b"&#xD800;", b"&#0;", b"&#x110000;", b"&#99999999;",
    b"&", b"<", b"]]>", b"<![CDATA[", b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", b"&a;",
    b"[" * 3000, b"{" * 3000, b'{"text": ' * 200, b"\r", b"\r\n", b"\n" * 50, b"\t",
    b"http://[oops", b"http://[::1", b"RT [Russia Today]", b"https://[64:ff9b::7f00:1]/",
    b"date 2019-99-99", b"**X** date 2019-02-30", b"Friday, February 30, 2019\n",
    b"Moscow, October 99 (RHC)--", b"WASHINGTON, Feb 30 (Sputnik) -",
    b'"published": "99999-99-99"', b'"published": 1e400', b'"url": {"a": 1}', b'"text": []',
    b"WARC/1.0\r\n", b"Content-Length: 99999999999999999999\r\n", b"Content-Length: -1\r\n",
    b"\x1f\x8b\x08\x00", b'encoding="utf-16"', b'encoding="x-nonsense"', b'encoding="utf-7"',
    b'<?xml version="1.0" encoding="utf-32"?>', b"\xe2\x80\xae", b"\xf0\x9f\x92\xa9", b",",
    b'"', b'""', b",,,,\n", b"'", b"\\", b"\x1a",
]  # fmt: skip


def mutate(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 4)):
        if not data:
            data = rng.choice(TOKENS)
            continue
        at = rng.randrange(len(data) + 1)
        kind = rng.randrange(7)
        if kind == 0:  # flip bytes
            buf = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                buf[rng.randrange(len(buf))] = rng.randrange(256)
            data = bytes(buf)
        elif kind in (1, 2):  # splice a token in
            data = data[:at] + rng.choice(TOKENS) + data[at:]
        elif kind == 3:  # cut a range out
            data = data[:at] + data[at + rng.randint(1, 200) :]
        elif kind == 4:  # truncate
            data = data[:at]
        elif kind == 5:  # repeat a range
            piece = data[at : at + rng.randint(1, 300)]
            data = data[:at] + piece * rng.randint(2, 20) + data[at:]
        else:  # replace a range by a token repeated
            data = data[:at] + rng.choice(TOKENS) * rng.randint(1, 50) + data[at + 20 :]
    return data


def check_record(record: object, problems: list[str], where: str) -> None:
    if isinstance(record, Reject):
        for value in (record.source, record.record or "", record.reason):
            value.encode("utf-8")
        if len(record.reason) > MAX_MESSAGE_CHARS:
            problems.append(f"{where}: reject reason of {len(record.reason)} characters")
        if record.reason.startswith("cannot read: ") and "Error" in record.reason:
            # read_input's safety net caught a reader's crash: a bug to fix in that reader
            problems.append(f"{where}: reader crashed: {record.reason[:200]}")
        return
    article, _ = record
    assert isinstance(article, Article | RawArticle)
    for value in (article.text, article.url, article.title, article.author, article.source):
        if value is not None:
            value.encode("utf-8")  # SQLite stores it
    if len(article.text) > MAX_TEXT_CHARS:
        problems.append(f"{where}: text of {len(article.text)} characters")


def _checked(raw: RawArticle) -> Reject | tuple[RawArticle, None]:
    problem = unusable(raw)
    return Reject(raw.source, raw.record, problem) if problem else (raw, None)


@pytest.fixture
def time_limit():
    def fail(signum, frame):
        raise TimeoutError("the fuzz run hung or ran past 300 s")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(300)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_fuzz_readers_no_unhandled_exceptions(tmp_path: Path, time_limit):
    rng = random.Random(SEED)
    registry = load_registry()
    base = samples()
    names = sorted(base)
    weights = [
        SLOW_WEIGHT if name.startswith(("page", "crawl", "news")) else OTHER_WEIGHT
        for name in names
    ]
    unhandled: Counter[str] = Counter()
    examples: dict[str, str] = {}
    problems: list[str] = []
    kinds: Counter[str] = Counter()
    started, cpu = time.monotonic(), time.process_time()
    for n in range(INPUTS):
        name = rng.choices(names, weights)[0]
        data = base[name]
        if name.endswith(".gz") and rng.random() < 0.5:  # mutate inside the compression too
            data = gzip.compress(mutate(gzip.decompress(data), rng), compresslevel=1)
        else:
            data = mutate(data, rng)
        path = tmp_path / f"{n % 50}_{name}"
        path.write_bytes(data)
        where = f"input {n} ({name}, seed {SEED})"
        item = InputItem(str(path), "file", path)
        try:
            if n % ENRICH_EVERY:  # the readers, and the checks `read_item` makes of a record
                records = (
                    r if isinstance(r, Reject) else _checked(r)
                    for r in read_input(item, OPTIONS.read, OPTIONS.fetch)
                )
            else:
                records = read_item(item, OPTIONS, registry)
            for record in records:
                check_record(record, problems, where)
                kinds["reject" if isinstance(record, Reject) else "article"] += 1
        except Exception as exc:  # noqa: BLE001 - what the test counts
            key = f"{type(exc).__name__} on {name}"
            unhandled[key] += 1
            examples.setdefault(key, f"{where}: {exc!r:.300}")
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    print(f"{INPUTS} inputs in {elapsed:.1f} s ({cpu:.1f} s of CPU): {dict(kinds)}")
    assert not unhandled, f"{sum(unhandled.values())} unhandled: {examples}"
    assert not problems, problems[:20]
    assert kinds["article"] > INPUTS // 10  # the mutants are not all rejected outright


@pytest.mark.parametrize(
    "query",
    ["Kayla Mueller's", "\x00", '"unbalanced', "a AND", "NEAR(", "x* OR -y", "(((", "^", "a:b"],
)
def test_fuzz_readers_search_query_always_runs(conn, query):
    """Any text typed into search is a query SQLite runs (FTS5 syntax or its words)."""
    conn.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (fts_query(conn, query),)
    ).fetchone()
