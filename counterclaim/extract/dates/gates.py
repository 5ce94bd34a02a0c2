"""Gates: is this match a date here? The named entities and the words around a match decide
whether `May`, `Sunday` or `2015` is a date or part of a name, an amount, a habit."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from counterclaim.extract.dates.patterns import (
    AFTER_WEEKDAY,
    BEFORE_TODAY,
    BEFORE_WEEKDAY,
    DATE_PREPOSITIONS,
    NOT_DATE_ENTS,
    NOT_YEAR_ENTS,
    RANGE_START,
)


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def previous_word(text: str, start: int) -> str:
    words = text[:start].split()
    return words[-1].strip("“\"'(").lower() if words else ""


def next_word(text: str, end: int) -> str:
    words = text[end : end + 40].split()
    return words[0].strip(",.;:”\"')") if words else ""


def _framed(text: str, match: re.Match[str], group: str, token: Token) -> bool:
    """Whether a month or year name stands where only a date can: after `in`, `last`,
    `early`, `since`, `between`, ... or, after `to`/`and`, when the tagger also read a date."""
    if any(match.groupdict().get(g) for g in ("lead", "mod", "part")):
        return True
    before = previous_word(text, match.start(group))
    if before in DATE_PREPOSITIONS:
        return True
    # the second half of `from 2009 to 2014`, `between May and July`
    return before in ("to", "and", "or", "through", "until", "-", "–") and (
        token.ent_type_ == "DATE" or bool(RANGE_START.search(text, 0, match.start(group)))
    )


def _month_gate(kind: str, match: re.Match[str], doc: Doc, text: str) -> bool:
    token = _token_at(doc, match.start("month"), match.end("month"))
    if token is None or token.ent_type_ in NOT_DATE_ENTS:
        return False
    if kind == "day_month":
        return token.lower_ != "may" or token.ent_type_ == "DATE"
    if _framed(text, match, "month", token):
        return True
    return token.ent_type_ == "DATE" and token.lower_ != "may"


def _year_gate(kind: str, match: re.Match[str], doc: Doc, text: str) -> bool:
    token = _token_at(doc, match.start("year"), match.end("year"))
    if token is None or token.ent_type_ in NOT_YEAR_ENTS:
        return False
    return token.ent_type_ == "DATE" or _framed(text, match, "year", token)


def _weekday_gate(kind: str, match: re.Match[str], doc: Doc, text: str) -> bool:
    token = _token_at(doc, match.start("weekday"), match.end("weekday"))
    if token is None or token.ent_type_ in NOT_DATE_ENTS:
        return False
    before = previous_word(text, match.start("weekday"))
    after = next_word(text, match.end("weekday"))
    return before not in BEFORE_WEEKDAY and after not in AFTER_WEEKDAY


def _day_word_gate(kind: str, match: re.Match[str], doc: Doc, text: str) -> bool:
    token = _token_at(doc, match.start("word"), match.end("word"))
    if token is None or token.ent_type_ in NOT_DATE_ENTS:
        return False
    word = match["word"].split()
    if len(word) > 1 and word[-1][0].isupper() and match.start("word") > 0:
        return False  # `CBS This Morning`: a programme's name
    if match["word"].lower() == "today":
        before = previous_word(text, match.start("word"))
        after = next_word(text, match.end("word"))
        return before not in BEFORE_TODAY and after.lower() not in ("show", "programme")
    return True


def _ordinal_day_gate(kind: str, match: re.Match[str], doc: Doc, text: str) -> bool:
    # not `on the 3rd Congressional District`, `the 11th anniversary`
    following = next((t for t in doc if t.idx >= match.end()), None)
    return following is None or following.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")


_Gate = Callable[[str, re.Match[str], Doc, str], bool]
# The kinds not listed here (`iso`, `month_day`, `month_year`, `week`, ...) are dates wherever
# they match.
_GATES: dict[str, _Gate] = {
    "month": _month_gate,
    "day_month": _month_gate,
    "year": _year_gate,
    "year_range": _year_gate,
    "weekday": _weekday_gate,
    "day_word": _day_word_gate,
    "ordinal_day": _ordinal_day_gate,
}


def is_date_here(kind: str, match: re.Match[str], doc: Doc, text: str) -> bool:
    if previous_word(text, match.start()) in ("every", "each"):
        return False  # `every December`, `each Monday`: a habit, not a date
    gate = _GATES.get(kind)
    return gate is None or gate(kind, match, doc, text)
