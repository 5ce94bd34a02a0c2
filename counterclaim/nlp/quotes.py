"""Quotation spans: where direct speech is, by quotation marks alone (no parse needed)."""

from __future__ import annotations

import re

from counterclaim.model import CharSpan

OPENING = "“„«"
CLOSING = "”“»"
_PAIRS = {"“": "”", "„": "“", "«": "»", '"': '"'}
# copy-edited text mixes its marks: a straight opening quote closed by a curly one
_ALSO_CLOSES = {'"': "”"}
_PARAGRAPH_RE = re.compile(r"\n\s*\n|\n")


def find_quotes(text: str) -> list[CharSpan]:
    """Double-quoted spans, the marks included. A quote left open at the end of a paragraph
    continues when the next paragraph opens with a quotation mark (news convention)."""
    quotes: list[CharSpan] = []
    open_at: int | None = None
    closing = ""
    reopened = -1  # the opening mark of a paragraph that continues an open quote
    for index, char in enumerate(text):
        if open_at is None:
            if char in _PAIRS:
                open_at, closing = index, _PAIRS[char]
            continue
        if index == reopened:
            continue  # with straight quotes the mark that reopens would read as the close
        if char == closing or char == _ALSO_CLOSES.get(text[open_at]):
            quotes.append(CharSpan(open_at, index + 1))
            open_at = None
        elif char == "\n":
            # an unclosed quote at a paragraph end: continue only into a paragraph that opens
            # with a quotation mark; otherwise the opening mark was stray
            rest = text[index:].lstrip()
            if not rest or rest[0] not in _PAIRS:
                open_at = None
            else:
                reopened = index + len(text[index:]) - len(rest)
    return [q for q in quotes if q.end - q.start > 2]


def inside(span: CharSpan, quotes: list[CharSpan]) -> CharSpan | None:
    """The quote that contains `span`, if any."""
    for quote in quotes:
        if quote.start <= span.start and span.end <= quote.end:
            return quote
    return None
