"""RSS and Atom feed files: each entry with its own content (or summary) is one article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from counterclaim.ingest.hookspecs import hookimpl
from counterclaim.ingest.html import html_fragment_to_text
from counterclaim.ingest.readers import InputError, Reader, ReadOptions, Record, read_capped
from counterclaim.model import RawArticle, Reject

_FEED_HEAD_RE = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S
)


def read_feed(
    stream: BinaryIO, source: str, options: ReadOptions, url: str | None = None
) -> Iterator[Record]:
    import feedparser

    try:
        data = read_capped(stream, options.max_bytes)
    except InputError as exc:
        yield Reject(source, None, str(exc))
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = "not a valid RSS/Atom feed" if parsed.bozo else "feed has no entries"
        if parsed.bozo and getattr(parsed, "bozo_exception", None):
            reason += f": {parsed.bozo_exception}"
        yield Reject(source, None, reason)
        return
    site_name = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        record = f"entry {number}"
        contents = entry.get("content") or []
        html = contents[0].get("value") if contents else entry.get("summary", "")
        text = html_fragment_to_text(html or "")
        if not text:
            yield Reject(source, record, "empty text")
            continue
        if len(text.encode("utf-8")) > options.max_record_bytes:
            yield Reject(source, record, f"text larger than {options.max_record_bytes:,} bytes")
            continue
        yield RawArticle(
            source=source,
            record=record,
            text=text,
            url=entry.get("link"),
            title=entry.get("title"),
            published=entry.get("published") or entry.get("updated"),
            site_name=site_name,
            author=entry.get("author"),
        )


@hookimpl
def counterclaim_readers() -> list[Reader]:
    return [
        Reader(
            name="feed",
            suffixes=(".rss", ".atom", ".xml"),
            sniff=lambda head: bool(_FEED_HEAD_RE.match(head[:4096])),
            read=read_feed,
            media_types=(
                "application/rss+xml",
                "application/atom+xml",
                "application/rdf+xml",
                "application/xml",
                "text/xml",
            ),
        )
    ]
