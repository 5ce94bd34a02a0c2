"""WARC and WARC.gz web archives: each HTML response record is one article."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from counterclaim.ingest.hookspecs import hookimpl
from counterclaim.ingest.html import html_to_raw
from counterclaim.ingest.readers import Reader, ReadOptions, Record
from counterclaim.model import Reject

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    stream: BinaryIO, source: str, options: ReadOptions, url: str | None = None
) -> Iterator[Record]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    iterator = ArchiveIterator(stream, arc2warc=True)
    offset = 0
    try:
        for record in iterator:
            offset = iterator.get_record_offset()
            if record.rec_type != "response" or not record.http_headers:
                continue
            media_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
            if media_type.strip().lower() not in HTML_TYPES:
                continue
            where = f"record at offset {offset}"
            payload = record.content_stream().read(options.max_record_bytes + 1)
            if len(payload) > options.max_record_bytes:
                yield Reject(source, where, f"page larger than {options.max_record_bytes:,} bytes")
                continue
            target = record.rec_headers.get_header("WARC-Target-URI")
            yield html_to_raw(payload, source, where, target)
    except (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        yield Reject(source, f"after offset {offset}", f"truncated or corrupt WARC: {reason}")


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
