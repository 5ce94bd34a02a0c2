"""JSONL, JSON and CSV: one article per record, columns url, title, text, published, outlet."""

from __future__ import annotations

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


def _field(row: dict, name: str) -> str | None:
    for key in FIELDS[name]:
        value = row.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if value not in (None, ""):
            return str(value)
    return None


def record_to_raw(row: object, source: str, record: str, options: ReadOptions) -> Record:
    if not isinstance(row, dict):
        return Reject(source, record, f"expected an object, got {type(row).__name__}")
    text = _field(row, "text")
    if not text or not text.strip():
        return Reject(source, record, "empty text")
    if len(text.encode("utf-8")) > options.max_record_bytes:
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


def _lines(stream: BinaryIO, source: str) -> Iterator[tuple[int, str] | Reject]:
    for number, raw_line in enumerate(stream, start=1):
        try:
            yield number, decode_text(raw_line)
        except InputError as exc:
            yield Reject(source, f"line {number}", str(exc))


def read_jsonl(
    stream: BinaryIO, source: str, options: ReadOptions, url: str | None = None
) -> Iterator[Record]:
    for item in _lines(stream, source):
        if isinstance(item, Reject):
            yield item
            continue
        number, line = item
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(
                source, f"line {number}", f"malformed JSON: {exc.msg} at column {exc.colno}"
            )
            continue
        yield record_to_raw(row, source, f"line {number}", options)


def read_json(
    stream: BinaryIO, source: str, options: ReadOptions, url: str | None = None
) -> Iterator[Record]:
    """A JSON array of records or one record; a file of JSON lines is read as JSONL."""
    data = stream.read()
    try:
        document = json.loads(decode_text(data))
    except InputError as exc:
        yield Reject(source, None, str(exc))
        return
    except json.JSONDecodeError:
        yield from read_jsonl(io.BytesIO(data), source, options, url)
        return
    rows = document if isinstance(document, list) else [document]
    for number, row in enumerate(rows, start=1):
        yield record_to_raw(row, source, f"item {number}", options)


def read_csv(
    stream: BinaryIO, source: str, options: ReadOptions, url: str | None = None
) -> Iterator[Record]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    text_stream = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(
        text_stream, dialect="excel-tab" if source.endswith(".tsv") else "excel"
    )
    try:
        if not reader.fieldnames or not any(name in reader.fieldnames for name in FIELDS["text"]):
            yield Reject(
                source, None, f"no text column (expected one of {', '.join(FIELDS['text'])})"
            )
            return
        for row in reader:
            # the reader's line_num is the physical line the record ends on
            yield record_to_raw(row, source, f"row ending on line {reader.line_num}", options)
    except UnicodeDecodeError as exc:
        yield Reject(
            source, f"after line {reader.line_num}", f"cannot decode as UTF-8: {exc.reason}"
        )
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
