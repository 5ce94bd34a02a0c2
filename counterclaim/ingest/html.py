"""HTML pages: main text and metadata (title, site name, date, author) with trafilatura."""

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
    looks_binary,
    read_capped,
)
from counterclaim.model import RawArticle, Reject

# an optional byte order mark, XML declaration (XHTML) and comments, then the document
_HTML_HEAD_RE = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body)\b",
    re.I | re.S,
)


def html_to_raw(html: bytes | str, source: str, record: str | None, url: str | None) -> Record:
    """One HTML page → RawArticle, or a Reject when no main text is found."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (document.text if document else "") or ""
    if not text.strip():
        return Reject(source, record, "no main text found in the HTML")
    title = document.title
    # trafilatura often repeats the headline as the first line of the text
    first_line, _, rest = text.partition("\n")
    if title and first_line.strip() == title.strip() and rest.strip():
        text = rest
    return RawArticle(
        source=source,
        record=record,
        text=text,
        url=url or document.url,
        title=title,
        published=document.date,
        site_name=document.sitename,
        author=document.author,
    )


def read_html(
    stream: BinaryIO, source: str, options: ReadOptions, url: str | None = None
) -> Iterator[Record]:
    try:
        data = read_capped(stream, options.max_bytes)
        if looks_binary(data):
            raise InputError("binary file (contains NUL bytes), not HTML")
    except InputError as exc:
        yield Reject(source, None, str(exc))
        return
    yield html_to_raw(data, source, None, url)


def html_fragment_to_text(fragment: str) -> str:
    """Text of a small HTML fragment (a feed entry's content), one paragraph per block."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    marked = re.sub(r"(?i)<\s*(br|/p|/div|/li|/h[1-6]|/blockquote)\b[^>]*>", "\n\n", fragment)
    try:
        text = lxml.html.fromstring(f"<div>{marked}</div>").text_content()
    except (ValueError, lxml.etree.ParserError):
        return ""
    paragraphs = (" ".join(p.split()) for p in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


@hookimpl
def counterclaim_readers() -> list[Reader]:
    return [
        Reader(
            name="html",
            suffixes=(".html", ".htm", ".xhtml"),
            sniff=lambda head: bool(_HTML_HEAD_RE.match(head[:4096])),
            read=read_html,
            media_types=("text/html", "application/xhtml+xml"),
        )
    ]
