"""Plain text and Markdown, including the seed format: `# Title`, body, `---`, `<URL>`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from counterclaim.ingest.hookspecs import hookimpl
from counterclaim.ingest.readers import (
    InputError,
    Reader,
    ReadOptions,
    Record,
    decode_text,
    looks_binary,
    read_capped,
)
from counterclaim.model import RawArticle, Reject

_URL_LINE_RE = re.compile(r"\A<?(?P<url>https?://[^\s<>]+)>?\Z")
_RULE_RE = re.compile(r"^\s*(?:---+|\*\*\*+|___+)\s*$", re.M)
# A lone bold line after the URL is the next saved page's masthead, cut off by the saver.
_TRAILER_RE = re.compile(r"\A(?:\s*\*\*[^*\n]{1,80}\*\*\s*)*\Z")


def parse_text_document(text: str) -> tuple[str | None, str, str | None]:
    """Split a text or Markdown document into (title, body, url)."""
    segments = [s.strip() for s in _RULE_RE.split(text)]
    segments = [s for s in segments if s]
    url = None
    if segments:
        first_line, _, trailer = segments[-1].partition("\n")
        last = _URL_LINE_RE.match(first_line.strip())
        if last and _TRAILER_RE.match(trailer):
            url = last["url"]
            segments.pop()
    body = "\n\n".join(segments)
    title = None
    first_line, _, rest = body.partition("\n")
    if first_line.startswith("#"):
        title = first_line.lstrip("#").strip().strip("*_ ").strip() or None
        body = rest.strip()
    elif (
        rest.startswith("\n")  # a short first line alone in its paragraph
        and 0 < len(first_line) <= 150
        and not first_line.rstrip().endswith((".", "!", "?", ":", ";", ","))
        and rest.strip()
    ):
        title, body = first_line.strip(), rest.strip()
    return title, body, url


def read_text(
    stream: BinaryIO, source: str, options: ReadOptions, url: str | None = None
) -> Iterator[Record]:
    try:
        data = read_capped(stream, options.max_bytes)
        if looks_binary(data):
            raise InputError("binary file (contains NUL bytes), not text")
        text = decode_text(data)
    except InputError as exc:
        yield Reject(source, None, str(exc))
        return
    title, body, found_url = parse_text_document(text)
    if not body.strip():
        yield Reject(source, None, "empty text")
        return
    yield RawArticle(source=source, record=None, text=body, url=found_url or url, title=title)


def _sniff_text(head: bytes) -> bool:
    if looks_binary(head):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the end of the sniffed head is still text
        return exc.start >= len(head) - 3
    return True


@hookimpl
def counterclaim_readers() -> list[Reader]:
    return [
        Reader(
            name="text",
            suffixes=(".txt", ".text", ".md", ".markdown"),
            sniff=_sniff_text,
            read=read_text,
            media_types=("text/plain", "text/markdown"),
        )
    ]
