"""JSONL, JSON and CSV: one article per record, columns url, title, text, published, outlet."""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Iterator
from typing import BinaryIO

from counterclaim.ingest.hookspecs import hookimpl
from counterclaim.ingest.readers import InputError, Reader, ReadOptions, Record, decode_text
from counterclaim.model import RawArticle, Reject

# Accepted column names, first match wins: the documented names, then common alternatives.
FIELDS = {
    "text": ("text", "body", "content", "articleBody", "maintext"),
    "url": ("url", "link", "source_url"),
    "title": ("title", "headline"),
    "published": ("published", "date", "date_publish", "pubDate", "published_at", "datePublished"),
    "outlet": ("outlet", "source", "site", "site_name", "publisher", "domain"),
    "author": ("author", "authors", "byline"),
}


def _plain(value: object, separator: str) -> str | None:
    """A field's value as text: a list joined, a schema.org object (`{"name": ...}`) by name."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        value = separator.join(p for p in (_plain(v, separator) for v in value) if p)
    return None if value in (None, "") else str(value)


def _field(row: dict, name: str) -> str | None:
    separator = "\n\n" if name == "text" else ", "  # a list of paragraphs, or of names
    for key in FIELDS[name]:
        value = _plain(row.get(key), separator)
        if value is not None:
            return value
    return None


def record_to_raw(row: object, source: str, record: str, options: ReadOptions) -> Record:
    if not isinstance(row, dict):
        return Reject(source, record, f"expected an object, got {type(row).__name__}")
    text = _field(row, "text")
    if not text or not text.strip():
        return Reject(source, record, "empty text")
    if len(text.encode("utf-8", "surrogatepass")) > options.max_record_bytes:
        return Reject(source, record, f"text larger than {options.max_record_bytes:,} bytes")
    return RawArticle(
        source=source,
        record=record,
        text=text,
        url=_field(row, "url"),
        title=_field(row, "title"),
        published=_field(row, "published"),
        outlet=_field(row, "outlet"),
        author=_field(row, "author"),
    )


def _lines(stream: BinaryIO, source: str, limit: int) -> Iterator[tuple[int, str] | Reject]:
    """Numbered lines, none held in memory past `limit` bytes."""
    number = 0
    while raw_line := stream.readline(limit + 1):
        number += 1
        if len(raw_line) > limit and not raw_line.endswith(b"\n"):
            while (rest := stream.readline(64 * 1024)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the over-long line
            yield Reject(
                source, f"line {number}", f"line larger than the size cap of {limit:,} bytes"
            )
            continue
        try:
            yield number, decode_text(raw_line)
        except InputError as exc:
            yield Reject(source, f"line {number}", str(exc))


def read_jsonl(
    stream: BinaryIO, source: str, options: ReadOptions, url: str | None = None
) -> Iterator[Record]:
    for item in _lines(stream, source, options.max_bytes):
        if isinstance(item, Reject):
            yield item
            continue
        number, line = item
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            yield record_to_raw(row, source, f"line {number}", options)
        except json.JSONDecodeError as exc:
            yield Reject(
                source, f"line {number}", f"malformed JSON: {exc.msg} at column {exc.colno}"
            )
        except RecursionError:  # `[[[[...` 10,000 deep: one bad line, not the rest of the file
            yield Reject(source, f"line {number}", "malformed JSON: nested too deeply")


def read_json(
    stream: BinaryIO, source: str, options: ReadOptions, url: str | None = None
) -> Iterator[Record]:
    """A JSON array of records or one record; a file of JSON lines is read as JSONL."""
    data = stream.read(options.max_bytes + 1)
    is_array = data.lstrip().startswith(b"[")
    if len(data) > options.max_bytes:
        if is_array:  # an array is parsed whole, so it must fit under the cap
            yield Reject(source, None, f"larger than the size cap of {options.max_bytes:,} bytes")
            return
        stream.seek(0)  # JSON lines under a .json name: read line by line
        yield from read_jsonl(stream, source, options, url)
        return
    try:
        document = json.loads(decode_text(data))
    except InputError as exc:
        yield Reject(source, None, str(exc))
        return
    except RecursionError:
        yield Reject(source, None, "malformed JSON: nested too deeply")
        return
    except json.JSONDecodeError as exc:
        if is_array:  # one damaged array is one reject, not one per line
            yield Reject(
                source,
                None,
                f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
            )
            return
        yield from read_jsonl(io.BytesIO(data), source, options, url)
        return
    rows = document if isinstance(document, list) else [document]
    for number, row in enumerate(rows, start=1):
        try:
            yield record_to_raw(row, source, f"item {number}", options)
        except RecursionError:
            yield Reject(source, f"item {number}", "malformed JSON: nested too deeply")


def _decoded_lines(stream: BinaryIO, bad_lines: set[int]) -> Iterator[str]:
    """Each physical line decoded on its own, so that one bad byte costs one row, not the rest
    of the file. An undecodable line goes on with U+FFFD in it and its number in `bad_lines`."""
    for number, raw_line in enumerate(stream, start=1):
        if number == 1:
            raw_line = raw_line.removeprefix(codecs.BOM_UTF8)
        try:
            yield raw_line.decode("utf-8")
        except UnicodeDecodeError:
            bad_lines.add(number)
            yield raw_line.decode("utf-8", errors="replace")


def read_csv(
    stream: BinaryIO, source: str, options: ReadOptions, url: str | None = None
) -> Iterator[Record]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    bad_lines: set[int] = set()
    reader = csv.DictReader(
        _decoded_lines(stream, bad_lines),
        dialect="excel-tab" if source.endswith(".tsv") else "excel",
    )
    try:
        fieldnames = reader.fieldnames  # reads the header row
        if bad_lines:
            yield Reject(source, None, "cannot decode the header row as UTF-8")
            return
        if not fieldnames or not any(name in fieldnames for name in FIELDS["text"]):
            yield Reject(
                source, None, f"no text column (expected one of {', '.join(FIELDS['text'])})"
            )
            return
        first_line = reader.line_num + 1
        for row in reader:
            # the reader's line_num is the physical line the record ends on
            where = f"row ending on line {reader.line_num}"
            bad = sorted(n for n in bad_lines if first_line <= n <= reader.line_num)
            first_line = reader.line_num + 1
            if bad:
                yield Reject(source, where, f"cannot decode line {bad[0]} as UTF-8")
                continue
            yield record_to_raw(row, source, where, options)
    except csv.Error as exc:
        yield Reject(source, f"line {reader.line_num}", f"malformed CSV: {exc}")


@hookimpl
def counterclaim_readers() -> list[Reader]:
    return [
        Reader(
            name="jsonl",
            suffixes=(".jsonl", ".ndjson"),
            sniff=lambda head: head.lstrip()[:1] == b"{",
            read=read_jsonl,
            container=True,
            media_types=("application/x-ndjson", "application/jsonl"),
        ),
        Reader(
            name="json",
            suffixes=(".json",),
            sniff=lambda head: head.lstrip()[:1] == b"[",
            read=read_json,
            container=True,
            media_types=("application/json",),
        ),
        Reader(
            name="csv",
            suffixes=(".csv", ".tsv"),
            sniff=lambda head: False,  # a CSV cannot be told from text by its first bytes
            read=read_csv,
            container=True,
            media_types=("text/csv",),
        ),
    ]
