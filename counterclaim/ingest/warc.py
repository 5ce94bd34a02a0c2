"""WARC and WARC.gz web archives: each successful HTML response record is one article."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from counterclaim.ingest.hookspecs import hookimpl
from counterclaim.ingest.html import html_to_raw
from counterclaim.ingest.readers import Reader, ReadOptions, Record
from counterclaim.model import Reject

HTML_TYPES = ("text/html", "application/xhtml+xml")
_PEEK_BYTES = 64 * 1024  # of a gzip file, decompressed to see what it holds
_TAIL_BYTES = 64 * 1024  # more than this after the last record is never just padding


class _Corrupt(Exception):
    """The archive cannot be read past this point."""


def _html_payload(record, options: ReadOptions) -> bytes | None:
    """The page of a 2xx HTML response record, read up to one byte past the record cap;
    None for every other record."""
    if record.rec_type != "response" or not record.http_headers:
        return None
    if not (record.http_headers.get_statuscode() or "").startswith("2"):
        return None  # redirects and error pages are not articles
    media_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
    if media_type.strip().lower() not in HTML_TYPES:
        return None
    return record.content_stream().read(options.max_record_bytes + 1)


def _reason(exc: Exception) -> str:
    from warcio.exceptions import ArchiveLoadFailed

    message = str(exc).strip()
    first_line = message.splitlines()[0] if message else ""
    if isinstance(exc, ArchiveLoadFailed | _Corrupt) and first_line:
        return first_line
    # anything else is warcio tripping over a damaged record header; its own message would
    # name its internals (`'NoneType' object has no attribute ...`), not the input's problem
    return f"record header incomplete or invalid (warcio: {type(exc).__name__})"


def _trailing_data(stream: BinaryIO, end: int) -> bool:
    """Whether anything but blank lines (or an empty gzip member, which some writers add at the
    end) follows the last whole record, which ends at `end`."""
    try:
        stream.seek(end)
    except (OSError, ValueError):
        return False  # not seekable: nothing more can be checked
    tail = stream.read(_TAIL_BYTES + 1)
    if len(tail) > _TAIL_BYTES:
        return True
    if tail.startswith(b"\x1f\x8b"):
        try:
            tail = gzip.decompress(tail)
        except (OSError, EOFError, zlib.error):
            return True  # a gzip member cut short
    return bool(tail.strip())


def _not_an_archive(stream: BinaryIO, source: str) -> str | None:
    """Gzip data whose first member does not decompress to a WARC or ARC record: any other
    gzip file (or a gzip bomb: megabytes of one byte) would be decompressed whole by warcio
    looking for a header line."""
    head = stream.read(_PEEK_BYTES)
    stream.seek(0)
    if not head.startswith(b"\x1f\x8b"):
        return None
    try:
        start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _PEEK_BYTES)
    except zlib.error:
        start = b""
    if start.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://")) or not start:
        return None  # an archive, or a member too damaged to tell: the iterator says which
    if source.lower().endswith((".warc.gz", ".arc.gz")):
        return "truncated or corrupt WARC: gzip data that does not start with a WARC record"
    return "gzip file in no supported format (only .warc.gz archives are read; decompress it)"


def read_warc(
    stream: BinaryIO, source: str, options: ReadOptions, url: str | None = None
) -> Iterator[Record]:
    from warcio.archiveiterator import ArchiveIterator

    problem = _not_an_archive(stream, source)
    if problem:
        yield Reject(source, "after offset 0", problem)
        return
    iterator = ArchiveIterator(stream, arc2warc=True)
    end = 0  # where the last whole record ends
    while True:
        offset = None
        try:
            record = next(iterator, None)
            if record is None:
                break
            # warcio parses damaged headers leniently: a record without a type or a length
            # is the cut-off end of an archive, or not an archive at all
            length = record.rec_headers.get_header("Content-Length") or ""
            if not record.rec_type or not length.strip().isdigit():
                raise _Corrupt("record header incomplete or invalid")
            page = _html_payload(record, options)
            # warcio reads the rest of the record to tell its offset, so ask only now
            offset = iterator.get_record_offset()
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                raise _Corrupt(f"record cut short, {missing:,} bytes missing")
            end = offset + iterator.get_record_length()
        except Exception as exc:  # warcio raises many kinds of error on damaged input
            where = f"record at offset {offset}" if offset is not None else f"after offset {end}"
            yield Reject(source, where, f"truncated or corrupt WARC: {_reason(exc)}")
            return
        where = f"record at offset {offset}"
        if page is None:
            continue
        if len(page) > options.max_record_bytes:
            yield Reject(source, where, f"page larger than {options.max_record_bytes:,} bytes")
            continue
        target = record.rec_headers.get_header("WARC-Target-URI")
        yield html_to_raw(page, source, where, target)
    if _trailing_data(stream, end):
        yield Reject(
            source,
            f"after offset {end}",
            "truncated or corrupt WARC: data after the last whole record is not a record",
        )


@hookimpl
def counterclaim_readers() -> list[Reader]:
    return [
        Reader(
            name="warc",
            suffixes=(".warc", ".warc.gz", ".arc", ".arc.gz"),
            sniff=lambda head: head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b"),
            read=read_warc,
            container=True,
            media_types=("application/warc",),
        )
    ]
