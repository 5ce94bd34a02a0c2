"""RSS and Atom feed files: each entry with its own content (or summary) is one article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from counterclaim.ingest.hookspecs import hookimpl
from counterclaim.ingest.html import html_fragment_to_text
from counterclaim.ingest.readers import InputError, Reader, ReadOptions, Record, read_capped
from counterclaim.model import RawArticle, Reject

# an optional byte order mark, then XML declaration, style sheets, comments and a doctype
_FEED_HEAD_RE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*"
    rb"<(?:rss|feed|rdf:RDF)\b",
    re.S,
)
# A feed cut short (an interrupted download) lacks its closing root tag; entries after the last
# closing entry tag are then incomplete, however leniently feedparser reads them.
_ROOT_END_RE = re.compile(rb"</(?:\w+:)?(?:rss|feed|RDF)\s*>\s*(?:<!--.*?-->\s*)*\Z", re.S)
_ENTRY_END_RE = re.compile(rb"</(?:\w+:)?(?:item|entry)\s*>")


_ENCODING_RE = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']")
_CHARREF_RE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _legal_charref(match: re.Match) -> bytes:
    """A character reference to what is no character (`&#xD800;`, a lone surrogate; `&#0;`)
    as U+FFFD: feedparser's fallback parser crashes on it, losing the whole feed."""
    code = int(match[1], 16) if match[1] else int(match[2])
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return b"&#xFFFD;"
    return match[0]


def _no_entries(parsed) -> str:
    """Why a parsed feed gave no entries: not a feed at all (and feedparser's reason), or
    none in it."""
    reason = "not a valid RSS/Atom feed" if parsed.bozo else "feed has no entries"
    problem = getattr(parsed, "bozo_exception", None) if parsed.bozo else None
    if isinstance(problem, UnicodeError | LookupError):
        reason += f" (cannot decode it: {type(problem).__name__})"
    elif problem:
        reason += f": {problem}"
    return reason


def read_feed(
    stream: BinaryIO, source: str, options: ReadOptions, url: str | None = None
) -> Iterator[Record]:
    import feedparser

    try:
        data = read_capped(stream, options.max_bytes)
    except InputError as exc:
        yield Reject(source, None, str(exc))
        return
    declared = _ENCODING_RE.match(data[:1024])
    if declared and not declared[1].isascii():
        # feedparser decodes the name itself as UTF-8 and crashes on it
        name = declared[1].decode("utf-8", "backslashreplace")
        yield Reject(source, None, f"feed declares an encoding that is no name ({name})")
        return
    try:
        parsed = feedparser.parse(_CHARREF_RE.sub(_legal_charref, data))
    except (UnicodeError, LookupError) as exc:
        yield Reject(source, None, f"cannot decode the feed: {type(exc).__name__}: {exc}")
        return
    if not parsed.entries:
        yield Reject(source, None, _no_entries(parsed))
        return
    site_name = parsed.feed.get("title")
    truncated = bool(parsed.bozo) and not _ROOT_END_RE.search(data[-65536:])
    complete = len(_ENTRY_END_RE.findall(data)) if truncated else len(parsed.entries)
    for number, entry in enumerate(parsed.entries[:complete], start=1):
        record = f"entry {number}"
        # out-of-line content (`<content src=...>`) has no value: the summary stands in
        contents = [c.get("value") for c in entry.get("content") or () if c.get("value")]
        html = contents[0] if contents else entry.get("summary", "")
        text = html_fragment_to_text(html or "")
        if not text:
            yield Reject(source, record, "empty text")
            continue
        if len(text.encode("utf-8", "surrogatepass")) > options.max_record_bytes:
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
    if truncated:
        cut = f"entry {complete + 1}" if len(parsed.entries) > complete else None
        yield Reject(source, cut, "truncated feed: it ends before its closing tag")


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
