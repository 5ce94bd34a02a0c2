"""Dates: explicit and relative date expressions, resolved against the article's anchor.

`find_dates(doc, article_id, anchor)` finds date expressions with regular expressions over the
Doc's text, keeps those the named entities and the context agree are dates, and resolves each
against `anchor` (the dateline's date, else the publication date), reading the tense of its
clause from the parse where the direction is open:

- absolute: `September 28, 2017`, `28 September 2017`, `on Thursday, June 16, 2016`,
  `2017-10-07`, `in September 2015` (month), `in 2015` (year), `the 1990s`, `2014-2016`,
  `from 1981 until 2011`, `between May and July`, `Nov. 6 to 10`, `Oct. 30 to Nov. 8`;
- a month and day without a year (`On September 28`, `Sept. 28`, `10 September`, `on the
  5th`): in a past clause the latest such date at most `AFTER_ANCHOR_DAYS` after the anchor;
  with `will` (`is to`, `plans to`, `is expected to`) the first on or after it; otherwise the
  one the tense leans to unless it lies beyond `LEAN_BACK_DAYS`/`LEAN_AHEAD_DAYS`. `the Sept. 11
  attacks` is 2001;
- a month alone (`in September`, `Earlier in September`, `last September`, `This past
  August`): the same, by months;
- weekdays (`on Wednesday`, `said Tuesday`, `Monday night`, `early Friday`, `Tuesday's
  vote`): news convention, the latest such day on or before the anchor; in a future clause
  (`will`, `is to`, `plans to`, `is likely to`, `could`, a present tense, `ahead of`) the first
  such day on or after it - the anchor's own weekday is the anchor itself either way, as news
  style names the day (`is expected to speak on Thursday` in an article of Thursday); `next
  Wednesday` is after the anchor, `last Wednesday` before it. A date on a noun in a present
  clause (`his Tuesday wins`) or on an event that is over (`Tuesday's results`) stays past;
- relative to the anchor: `yesterday`/`today`/`tomorrow`, `last night`, `this morning`,
  `this`/`last`/`next month` or `year`, `earlier this month`, `this`/`last`/`next week`,
  `earlier`/`later this week` and the weekend (Monday-to-Sunday ranges, with `end`), `three
  days ago`/`a week ago` (day), `a month ago` (month), `two years ago` (year);
- relative to the text: `the same day`/`that day`/`that night` (the latest day-precision date
  before it in the article, else the anchor), `the next day`/`the day before`/`two days later`
  (from that date; nothing without one).

Decided, not obvious:

- `over the past two years` is a range from the point `two years ago` denotes, at that unit's
  precision (the year 2015, for an anchor in October 2017), to the anchor itself. `for three
  years`, `40 years old`, `a three-year-long siege`, `in recent years`, `a few days ago` and
  `several years ago` are durations, ages or vague, and give nothing.
- Spans take the words that belong to the expression (`on`, `in`, `during`, `over`, `earlier
  in`, `last`, `this past`, `early`, `mid-`, `the end of`, `from ... to`, `between ... and`),
  not those that change what it says (`since`, `by`, `until`, `before`, `after`): `since 2015`
  gives `2015`.
- A range's `date` is its first day and `precision` that of its start; `end` is its last day.
- Without an anchor, only expressions that carry their own year resolve.
- Confidence: 0.95 when the text gives the year; less for a year, month or week read from the
  anchor, and less again where the reading rests on a guessed direction (no tense, a present,
  `would`, `could`) or on words inside a quotation (said at another time than the anchor).

`said_on(doc, cue, dates)` picks the date that dates a statement's saying: one attached to the
reporting verb's own clause (`said on Wednesday`, `told Sputnik on Friday`, `said Tuesday`),
not one inside what was said.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from spacy.tokens import Doc, Span, Token

from counterclaim.ingest.metadata import MONTHS
from counterclaim.model import CharSpan, DateMention, DatePrecision, Provenance

PRODUCER = "rule:dates@1"

# A month and day without a year may stand up to this many days after the anchor before it is
# read as last year's: previews (`the vote on October 8` in an article of October 5) and
# publication dates a day or two later than the dateline. Checked on tests/extract/date_table.py;
# re-run scripts/compare_dates.py after changing it.
AFTER_ANCHOR_DAYS = 7
# A date written without its year is seldom far from the anchor: where the tense does not
# decide (no tense, a present, `could`, `would`), the reading the tense leans to wins unless it
# lies further off than these, and then the other one does. Past-leaning: `the Nov. 8 general
# election` in an article of August 28 is the coming one (the past one is 294 days back).
# Future-leaning: `this fiscal year, which ends Sept. 30` in one of January 20 is the coming
# one (254 days ahead), `Sessions' column on Aug. 10 ... may` in one of August 16 the past one.
# Set from such cases in the corpora of tests/extract/date_table.py; re-run
# scripts/compare_dates.py after changing them.
LEAN_BACK_DAYS = 240
LEAN_AHEAD_DAYS = 300

# `future_in_past`: `would`, `was to`, `was expected to` - a plan as seen from a past
# saying, most often already carried out by publication (`predicted that the storm would pass
# Bermuda Wednesday night`, in an article of Thursday); `modal`: `could`, `may`, `should`.
Tense = Literal["past", "future", "present", "future_in_past", "modal"]
_FUTURE_LIKE = ("future", "present", "modal")

# How much a resolution is trusted, by what its reading rests on.
_EXPLICIT = 0.95  # the text gives the year
_TENSE_FACTOR: dict[Tense | None, float] = {
    "past": 1.0,
    "future": 0.95,
    None: 0.9,  # no tense found: the past-leaning default
    "present": 0.7,  # `the trial begins on Monday`: usually a schedule
    "future_in_past": 0.6,
    "modal": 0.6,
}

_MONTHS = MONTHS  # one month table for the whole package (ingest/metadata.py)
_WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a couple of": 2,
}

# --- the expressions -------------------------------------------------------------------------

_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"


def _month(name: str = "month") -> str:
    return rf"\b(?P<{name}>(?:{_MONTH_FULL})\b|(?:{_MONTH_ABBR})\b\.?)"


def _day(name: str = "day") -> str:
    return rf"(?P<{name}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"


def _year(name: str = "year") -> str:
    return rf"(?<![\d$£€.,/-])(?P<{name}>(?:1[89]|20)\d\d)\b"


_WEEKDAY = r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_ON = r"(?:(?<![\w-])(?P<on>(?i:on))\s+)?"
_DAY_RANGE = (  # `Sept. 28-30`, `Nov. 6 to 10`
    r"(?:(?:\s*[-–]\s*|\s+(?:to|through)\s+)(?P<day2>[12]\d|3[01]|0?[1-9])\b"
    r"(?!\s*(?:%|percent|per\b|[.,:]\d|[ap]\.?m\b)))?"
)
_LEAD_IN = r"(?:(?<![\w-])(?P<lead>(?:(?i:earlier|later|early|late)\s+)?(?i:in|during))\s+)?"
_PART = (
    r"(?:(?P<part>(?i:early|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+middle\s+of)\s+|(?i:mid)-\s*|(?i:mid)\s+))?"
)
_NUMBER = r"\d{1,3}|(?i:a\s+couple\s+of|an?|one|two|three|four|five|six|seven|eight|nine|ten" + (
    r"|eleven|twelve|fifteen|twenty|thirty|forty|fifty)"
)
_APPROX = (
    r"(?i:about|around|roughly|nearly|almost|some|more\s+than|less\s+than|over|under|just\s+over"
    r"|just\s+under|only|just|exactly|barely)"
)
_NOT_THE = r"(?<![Tt]he\s)"  # `the next week` is the narrative's, not the anchor's

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b")),
    (
        "month_day",  # with or without a year; `Friday, January 4, 2019`; `Sept. 28-30`
        re.compile(
            rf"{_ON}(?:{_WEEKDAY},?\s+)?{_month()}\s+{_day()}{_DAY_RANGE}"
            rf"(?:,?\s+{_year()})?(?![.,]?\d)"
        ),
    ),
    (
        "day_month",  # `28 September`, `the 28th of September 2017`
        re.compile(
            rf"{_ON}(?:{_WEEKDAY},?\s+)?(?:(?i:the)\s+)?\b{_day()}{_DAY_RANGE}(?:\s+of)?\s+"
            rf"{_month()}(?:,?\s+{_year()})?"
        ),
    ),
    ("month_year", re.compile(rf"{_LEAD_IN}{_PART}{_month()},?\s+(?:of\s+)?{_year()}")),
    (
        "month",
        re.compile(
            rf"{_LEAD_IN}(?:(?<![\w-])(?P<mod>(?i:last|next|this\s+past|this))\s+)?{_PART}"
            rf"(?P<month>{_MONTH_FULL})\b"
        ),
    ),
    (
        "year_range",
        re.compile(
            rf"{_LEAD_IN}{_year()}\s*[-–—]\s*(?P<year2>(?:1[89]|20)\d\d|\d\d)\b(?![-–—]?\d)"
        ),
    ),
    ("year", re.compile(rf"{_LEAD_IN}{_PART}{_year()}(?![-–—]\d)(?!\s*%)(?!,\d)")),
    (
        "decade",
        re.compile(
            rf"{_LEAD_IN}(?:(?i:the)\s+)?(?P<part>(?i:early|mid|late)[- ]?)?"
            r"(?P<decade>(?:1[89]|20)\d0)['’]?s\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"{_ON}(?:(?<![\w-])(?P<mod>(?i:last|next|this\s+past|this|early|late|earlier"
            rf"|later))\s+)?{_WEEKDAY}(?:\s+(?P<part>morning|afternoon|evening|night)\b)?"
        ),
    ),
    (
        "day_word",
        re.compile(
            rf"(?<![\w-])(?:(?P<mod>(?i:early|late|earlier|later))\s+)?{_NOT_THE}"
            r"(?P<word>(?i:yesterday|today|tomorrow|tonight|last\s+night|this\s+morning"
            r"|this\s+afternoon|this\s+evening))"
            r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
        ),
    ),
    (
        "week",
        re.compile(
            rf"(?<![\w-])(?:(?P<mod>(?i:earlier|later|early|late))\s+)?{_NOT_THE}"
            r"(?P<rel>(?i:this|last|next))\s+week\b(?![-’'])(?!\s+of\b)"
        ),
    ),
    (
        "weekend",
        re.compile(
            r"(?<![\w-])(?:(?P<prep>(?i:over|during|at|on))\s+)?"
            r"(?P<rel>(?i:this\s+past|this|last|next|the))\s+weekend\b(?!s)"
        ),
    ),
    (
        "month_rel",
        re.compile(
            rf"(?<![\w-])(?:(?P<mod>(?i:earlier|later|early|late))\s+)?{_NOT_THE}"
            r"(?P<rel>(?i:this|last|next))\s+month\b(?![-’'])(?!\s+of\b)"
        ),
    ),
    (
        "year_rel",
        re.compile(
            rf"(?<![\w-])(?:(?P<mod>(?i:earlier|later|early|late))\s+)?{_NOT_THE}"
            r"(?P<rel>(?i:this|last|next))\s+year\b(?!-)(?!\s+of\b)"
        ),
    ),
    (
        "ago",
        re.compile(
            rf"(?<![\w-])(?:(?P<approx>{_APPROX})\s+)?(?P<n>{_NUMBER})\s+"
            r"(?P<unit>day|week|month|year|decade)s?\s+(?i:ago)\b"
        ),
    ),
    (
        "past_span",  # `over the past two years`: a range ending at the anchor
        re.compile(
            rf"(?<![\w-])(?:(?P<prep>(?i:over|in|during|for|within|throughout))\s+)?(?i:the)\s+"
            rf"(?P<rel>(?i:past|last))\s+(?:(?P<n>{_NUMBER})\s+)?"
            r"(?P<unit>hour|day|week|month|year|decade)s?\b(?![-’'])(?!\s+(?:of|in|at|on)\b)"
        ),
    ),
    (
        "same_day",
        re.compile(
            rf"{_ON}(?P<ref>(?i:the\s+same\s+(?:day|night|morning|afternoon|evening)"
            r"|that\s+(?:same\s+)?(?:day|night|morning|afternoon|evening)))\b(?![-’'])"
            r"(?!\s+(?:as|that|when)\b)"  # `on the same day as the barn event`: named after it
        ),
    ),
    (
        "day_offset",  # `the next day`, `the day before`, `two days later`: from the last date
        re.compile(
            rf"{_ON}(?P<ref>(?i:the\s+(?:next|following|previous|preceding)\s+day"
            rf"|the\s+day\s+(?:after|before)|a\s+day\s+(?:later|earlier)"
            rf"|(?P<n>{_NUMBER})\s+days\s+(?:later|earlier)))\b(?![-’'])"
            r"(?!\s+(?:the|a|an|his|her|its|their|this|that|[A-Z0-9]))"
        ),
    ),
    ("ordinal_day", re.compile(rf"(?<![\w-])(?i:on)\s+the\s+{_day()}(?<=st|nd|rd|th)")),
]

# Entity labels that make a month or weekday name part of something else: `Theresa May`,
# `Sunday Times`, `Super Tuesday`, `the March for Our Lives`.
_NOT_DATE_ENTS = {"PERSON", "ORG", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW", "GPE", "LOC"}
_NOT_YEAR_ENTS = {"MONEY", "PERCENT", "QUANTITY", "TIME", "ORDINAL"}
_BEFORE_WEEKDAY = {
    "black",
    "good",
    "super",
    "cyber",
    "ash",
    "palm",
    "easter",
    "bloody",
    "holy",
    "maundy",
    "shrove",
    "giving",
    "fat",
    "news",
    "mail",
}
_AFTER_WEEKDAY = {
    "Times",
    "Telegraph",
    "Express",
    "Mirror",
    "Herald",
    "Post",
    "Mail",
    "Night",
    "Morning",
    "Show",
    "Review",
    "Independent",
    "People",
    "Sport",
    "Football",
    "Baseball",
    "nights",
    "mornings",
    "evenings",
    "afternoons",
}
_RANGE_START = re.compile(
    rf"\b(?i:from|between)\s+(?:{_MONTH_FULL}|(?:1[89]|20)\d\d)\s+(?i:to|and|through|until)\s+$"
)
_DATE_PREPOSITIONS = {"from", "between", "since", "until", "till", "through", "by", "before"}
_BEFORE_TODAY = {"usa", "bbc", "russia", "rt", "china", "psychology", "nbc", "the"}

# Verbs whose complement is a plan: `plans to`, `is expected to`, `is set to`, `is to`,
# `scheduled for Friday`.
_PLAN_LEMMAS = {
    "plan",
    "expect",
    "intend",
    "schedule",
    "set",
    "slate",
    "due",
    "aim",
    "hope",
    "prepare",
    "promise",
    "pledge",
    "vow",
    "threaten",
    "want",
    "seek",
    "propose",
    "go",
    "be",
    "agree",
    "decide",
    "invite",
}
_SCHEDULE_LEMMAS = {"schedule", "slate", "plan", "due", "expect", "set"}
_PLAN_ADJECTIVES = {"likely", "due", "set", "poised", "ready", "sure", "certain", "expected"}
# Words that set the direction of a date on a noun, or of a date they govern.
_BACKWARD_WORDS = {"since", "after", "following", "as of"}
_FORWARD_WORDS = {"ahead of", "before", "until", "till", "into", "toward", "towards", "pending"}
_WEAK_FORWARD_WORDS = {"until", "till", "toward", "towards"}
# Nouns for events that are over when they are reported: `Tuesday's results`.
_PAST_EVENT_NOUNS = {
    "victory",
    "win",
    "loss",
    "defeat",
    "result",
    "comment",
    "remark",
    "shooting",
    "attack",
    "killing",
    "death",
    "crash",
    "explosion",
    "collapse",
    "earthquake",
    "storm",
    "performance",
    "showing",
    "finish",
    "announcement",
    "decision",
    "ruling",
    "report",
    "data",
    "figure",
    "poll",
    "survey",
    "statement",
    "interview",
}
_NINE_ELEVEN = {"attacks", "hijackers", "commission", "terrorists"}  # not `memorial ceremony`
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_MODAL_AUX = {"could", "might", "may", "should", "must", "can"}
# Dependencies that start another clause: a date below one of these dates that clause.
_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "csubj", "parataxis", "conj", "acl", "pcomp"}


@dataclass(frozen=True)
class _Found:
    date: date
    precision: DatePrecision
    confidence: float
    end: date | None = None
    explicit_year: bool = False


@dataclass
class _Context:
    doc: Doc
    text: str
    anchor: date | None
    earlier: list[DateMention]


# --- calendar helpers ------------------------------------------------------------------------


def _month_number(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _add_months(year: int, month: int, months: int) -> date:
    index = year * 12 + (month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(first: date) -> date:
    return _add_months(first.year, first.month, 1) - timedelta(days=1)


def _period_end(found: _Found) -> date:
    if found.end is not None:
        return found.end
    if found.precision == "year":
        return date(found.date.year, 12, 31)
    if found.precision == "month":
        return _month_end(found.date)
    return found.date


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _choose(
    recent: date | None, upcoming: date | None, anchor: date, tense: Tense | None
) -> date | None:
    """Between the latest reading up to the anchor and the first from the anchor on: a past
    tense takes the first, a `will` future the second, any other tense the one it leans to
    unless that lies further away than `LEAN_BACK_DAYS` / `LEAN_AHEAD_DAYS`."""
    if upcoming is None or tense == "past":
        return recent
    if recent is None or tense == "future":
        return upcoming
    if tense in ("present", "modal"):
        return upcoming if (upcoming - anchor).days <= LEAN_AHEAD_DAYS else recent
    return recent if (anchor - recent).days <= LEAN_BACK_DAYS else upcoming


def _month_day_year(month: int, day: int, anchor: date, tense: Tense | None) -> date | None:
    """The year of a month and day written without one."""
    candidates = [
        c
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (c := _safe_date(y, month, day))
    ]
    recent = [c for c in candidates if c <= anchor + timedelta(days=AFTER_ANCHOR_DAYS)]
    upcoming = [c for c in candidates if c >= anchor]
    return _choose(recent[-1] if recent else None, upcoming[0] if upcoming else None, anchor, tense)


def _tense_factor(tense: Tense | None) -> float:
    return _TENSE_FACTOR[tense]


# --- tense of the clause a date is in --------------------------------------------------------


def _governing_verb(span: Span) -> Token | None:
    token = span.root
    for _ in range(len(span.doc)):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX") and not span.start <= token.i < span.end:
            return token
    return None


def _adjacent_tense(span: Span) -> Tense | None:
    """`said Tuesday`, `tweeted on Wednesday`, `Trump on Monday said`: a past-tense verb right
    next to the date dates it, whatever the parser hung the date on."""
    doc = span.doc
    for i in (span.start - 1, span.end):
        if 0 <= i < len(doc) and doc[i].tag_ == "VBD" and doc[i].pos_ == "VERB":
            return "past"
    return None


def _clause_tense(span: Span) -> Tense | None:
    """The tense of the clause a date is in, from the verbs above the date's tokens: the
    nearest verb, and through non-finite verbs (`to meet`, `scheduled`) the one they hang on;
    for a date on a noun, the noun and its preposition first (`ahead of Tuesday's vote`,
    `after Tuesday's primary`, `Tuesday's results`)."""
    adjacent = _adjacent_tense(span)
    if adjacent is not None:
        return adjacent
    tense = _verb_tense(span)
    nouns = _nominal_heads(span)
    if tense in ("past", "future_in_past") and not nouns:
        return tense
    cue = _preposition_cue(span)
    if cue is not None and not (
        cue == "future" and tense in ("past", "future_in_past") and _weak_forward(span)
    ):
        return cue
    if tense in ("past", "future_in_past"):
        return tense
    if nouns and (
        tense in ("present", "modal") or any(n.lemma_.lower() in _PAST_EVENT_NOUNS for n in nouns)
    ):
        # a date on a noun (`his Tuesday wins`, `Monday's debate might not move mountains`)
        # in a present-tense or modal clause names a past event as often as a coming one
        return None
    return tense


def _weak_forward(span: Span) -> bool:
    """`kept going until nearly 2 a.m. Friday`: `until` ends a past action as readily as a
    coming one, so a past tense wins over it (`before Tuesday's primary` is not so)."""
    doc = span.doc
    window = doc[max(0, span.start - 4) : span.start]
    return any(t.lower_ in _WEAK_FORWARD_WORDS for t in window)


def _nominal_heads(span: Span) -> list[Token]:
    """The nouns a date modifies, up to the verb: `the results of Tuesday's primaries`."""
    nouns = []
    token = span.root
    for _ in range(8):
        if token.head.i == token.i or token.head.pos_ in ("VERB", "AUX"):
            break
        token = token.head
        if token.pos_ in ("NOUN", "PROPN", "PRON") and not span.start <= token.i < span.end:
            nouns.append(token)
    return nouns


def _preposition_cue(span: Span) -> Tense | None:
    """`since Monday`, `as of Sunday evening`, `after Tuesday's primary`, `Thursday night,
    when commentators called him` look back; `until Friday`, `ahead of Saturday's caucus`,
    `before Tuesday's vote` look forward. The word before the date, the words up its noun
    phrase to the verb, the preposition that verb hangs on (`after trouncing X in Tuesday's
    primary`), then a `when` clause right after the date."""
    doc = span.doc
    words = [doc[span.start - 1]] if span.start > 0 else []
    token = span.root
    for _ in range(8):
        if token.head.i == token.i or token.head.pos_ in ("VERB", "AUX"):
            break
        token = token.head
        words.append(token)
    verb = token.head
    if verb.pos_ in ("VERB", "AUX") and verb.dep_ == "pcomp":
        words.append(verb.head)
    for word in words:
        lower = word.lower_
        if lower == "of" and word.i > 0:  # `as of Sunday`, `ahead of Tuesday's vote`
            lower = f"{doc[word.i - 1].lower_} of"
        if lower in _BACKWARD_WORDS:
            return "past"
        if lower in _FORWARD_WORDS:
            return "future"
    after = span.end + (1 if span.end < len(doc) and doc[span.end].text == "," else 0)
    if after < len(doc) and doc[after].lower_ == "when" and doc[after].head.tag_ == "VBD":
        return "past"
    return None


def _verb_tense(span: Span) -> Tense | None:
    verb = _governing_verb(span)
    via_xcomp = False  # reached the verb from its open complement: `plans to meet`
    for _ in range(6):
        if verb is None:
            return None
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        past = verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes)
        if (
            via_xcomp
            and verb.lemma_ in _PLAN_LEMMAS
            and (verb.lemma_ != "go" or verb.tag_ == "VBG")
        ):
            return "future_in_past" if past else "future"  # `has invited him to meet on ...`
        if verb.lemma_ in _SCHEDULE_LEMMAS and verb.tag_ in ("VBN", "JJ"):
            return "future_in_past" if past else "future"  # `(has been) scheduled for Friday`
        if any(a.lemma_ == "have" for a in auxes):
            return "past"  # `has said`, `could not have been`
        if words & _FUTURE_AUX:
            return "future"
        if words & {"would", "'d"}:
            # `says he would release it on Friday` looks forward from now
            matrix = _governing_verb(verb.doc[verb.i : verb.i + 1])
            present = matrix is not None and (
                matrix.tag_ in ("VBZ", "VBP")
                or any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in matrix.children)
            )
            return "future" if present else "future_in_past"
        if words & _MODAL_AUX:
            return "modal"
        if past:
            return "past"
        if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "present"
        if verb.tag_ == "VBN" and not auxes:
            return "past"  # `the attack carried out on Monday`, `less than forecast in July`
        if verb.tag_ == "MD":
            return "future" if verb.lower_ in _FUTURE_AUX else "modal"
        # non-finite: the verb it depends on sets the time
        if verb.dep_ in ("xcomp", "advcl", "conj", "acl", "ccomp", "pcomp", "relcl"):
            head = verb.head
            if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lemma_ in _PLAN_ADJECTIVES:
                # `is likely to appear in court Wednesday`; `was set to receive`
                copula = head.head
                return "future_in_past" if copula.tag_ == "VBD" else "future"
            infinitive = verb.dep_ == "xcomp" or any(c.lower_ == "to" for c in verb.children)
            via_xcomp = infinitive and head.pos_ in ("VERB", "AUX")  # `expect X to win`
            verb = (
                head
                if head.pos_ in ("VERB", "AUX")
                else _governing_verb(head.doc[head.i : head.i + 1])
            )
            continue
        return None
    return None


# --- gates: is this match a date here? -------------------------------------------------------


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _previous_word(text: str, start: int) -> str:
    words = text[:start].split()
    return words[-1].strip("“\"'(").lower() if words else ""


def _next_word(text: str, end: int) -> str:
    words = text[end : end + 40].split()
    return words[0].strip(",.;:”\"')") if words else ""


def _framed(text: str, match: re.Match[str], group: str, token: Token) -> bool:
    """Whether a month or year name stands where only a date can: after `in`, `last`,
    `early`, `since`, `between`, ... or, after `to`/`and`, when the tagger also read a date."""
    if any(match.groupdict().get(g) for g in ("lead", "mod", "part")):
        return True
    before = _previous_word(text, match.start(group))
    if before in _DATE_PREPOSITIONS:
        return True
    # the second half of `from 2009 to 2014`, `between May and July`
    return before in ("to", "and", "or", "through", "until", "-", "–") and (
        token.ent_type_ == "DATE" or bool(_RANGE_START.search(text, 0, match.start(group)))
    )


def _is_date_here(kind: str, match: re.Match[str], ctx: _Context) -> bool:
    doc, text = ctx.doc, ctx.text
    if _previous_word(text, match.start()) in ("every", "each"):
        return False  # `every December`, `each Monday`: a habit, not a date
    if kind in ("month", "day_month"):
        token = _token_at(doc, match.start("month"), match.end("month"))
        if token is None or token.ent_type_ in _NOT_DATE_ENTS:
            return False
        if kind == "day_month":
            return token.lower_ != "may" or token.ent_type_ == "DATE"
        if _framed(text, match, "month", token):
            return True
        return token.ent_type_ == "DATE" and token.lower_ != "may"
    if kind in ("year", "year_range"):
        token = _token_at(doc, match.start("year"), match.end("year"))
        if token is None or token.ent_type_ in _NOT_YEAR_ENTS:
            return False
        return token.ent_type_ == "DATE" or _framed(text, match, "year", token)
    if kind == "weekday":
        token = _token_at(doc, match.start("weekday"), match.end("weekday"))
        if token is None or token.ent_type_ in _NOT_DATE_ENTS:
            return False
        before = _previous_word(text, match.start("weekday"))
        after = _next_word(text, match.end("weekday"))
        return before not in _BEFORE_WEEKDAY and after not in _AFTER_WEEKDAY
    if kind == "day_word":
        token = _token_at(doc, match.start("word"), match.end("word"))
        if token is None or token.ent_type_ in _NOT_DATE_ENTS:
            return False
        word = match["word"].split()
        if len(word) > 1 and word[-1][0].isupper() and match.start("word") > 0:
            return False  # `CBS This Morning`: a programme's name
        if match["word"].lower() == "today":
            before = _previous_word(text, match.start("word"))
            after = _next_word(text, match.end("word"))
            return before not in _BEFORE_TODAY and after.lower() not in ("show", "programme")
        return True
    if kind == "ordinal_day":  # not `on the 3rd Congressional District`, `the 11th anniversary`
        following = next((t for t in doc if t.idx >= match.end()), None)
        return following is None or following.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")
    return True


# --- resolution, one function per kind -------------------------------------------------------


def _tense_of(ctx: _Context, start: int, end: int) -> Tense | None:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return _clause_tense(span) if span is not None else None


def _iso(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    day = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return _Found(day, "day", _EXPLICIT, explicit_year=True) if day else None


def _month_day(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    month, day = _month_number(m["month"]), int(m["day"])
    day2 = int(m["day2"]) if m["day2"] else None
    if m["year"]:
        first = _safe_date(int(m["year"]), month, day)
        confidence, explicit = _EXPLICIT, True
    elif (month, day) == (9, 11) and _next_word(ctx.text, end).lower() in _NINE_ELEVEN:
        first, confidence, explicit = date(2001, 9, 11), 0.8, False  # `the Sept. 11 attacks`
    else:
        if ctx.anchor is None:
            return None
        tense = _tense_of(ctx, start, end)
        first = _month_day_year(month, day, ctx.anchor, tense)
        confidence, explicit = 0.9 * _tense_factor(tense), False
        if first is not None and first.year != ctx.anchor.year:
            confidence *= 0.9
        if m["weekday"]:  # `Saturday, April 4`: the year whose April 4 is a Saturday
            weekday = _WEEKDAYS[m["weekday"].lower()]
            years = [ctx.anchor.year + k for k in (0, -1, 1)]
            fitting = [
                c for y in years if (c := _safe_date(y, month, day)) and c.weekday() == weekday
            ]
            if fitting:
                first, confidence = fitting[0], 0.9
    if first is None:
        return None
    last = _safe_date(first.year, month, day2) if day2 else None
    if day2 and (last is None or last <= first):
        return None
    return _Found(first, "day", round(confidence, 2), last, explicit)


def _month_year(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found:
    return _Found(
        date(int(m["year"]), _month_number(m["month"]), 1), "month", _EXPLICIT, None, True
    )


def _month_alone(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    month = _month_number(m["month"])
    mod = (m["mod"] or "").lower().split()
    tense = None if mod else _tense_of(ctx, start, end)
    this_year = date(anchor.year, month, 1)
    current = date(anchor.year, anchor.month, 1)
    if mod == ["next"]:
        first = this_year if this_year > current else date(anchor.year + 1, month, 1)
        return _Found(first, "month", 0.85)
    if mod in (["last"], ["this", "past"]):
        first = this_year if this_year < current else date(anchor.year - 1, month, 1)
        return _Found(first, "month", 0.85)
    if mod == ["this"]:
        return _Found(this_year, "month", 0.85)
    upcoming = this_year if this_year >= current else date(anchor.year + 1, month, 1)
    recent = this_year if this_year <= current else date(anchor.year - 1, month, 1)
    first = _choose(recent, upcoming, anchor, tense)
    confidence = 0.9 * _tense_factor(tense) * (1.0 if first.year == anchor.year else 0.9)
    return _Found(first, "month", round(confidence, 2))


def _year(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found:
    return _Found(date(int(m["year"]), 1, 1), "year", _EXPLICIT, None, True)


def _year_range(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    first = int(m["year"])
    last = int(m["year2"])
    if last < 100:
        last += first // 100 * 100
    if last <= first or last - first > 100:
        return None
    return _Found(date(first, 1, 1), "year", _EXPLICIT, date(last, 12, 31), True)


def _decade(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found:
    decade = int(m["decade"])
    part = (m["part"] or "").lower().strip(" -")
    first, last = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(part, (0, 9))
    return _Found(
        date(decade + first, 1, 1), "year", round(_EXPLICIT * 0.9, 2), date(decade + last, 12, 31)
    )


def _weekday(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    weekday = _WEEKDAYS[m["weekday"].lower()]
    # AP style names the day of the week instead of `today`: a weekday is the anchor's own day
    # whichever way the clause looks (`is expected to speak on Thursday`, in an article of
    # Thursday, is that Thursday); `next` and `last` move off it.
    back = (anchor.weekday() - weekday) % 7  # days back to the latest such day, 0 = anchor
    ahead = (weekday - anchor.weekday()) % 7  # days on to the next such day, 0 = anchor
    mod = " ".join((m["mod"] or "").lower().split())
    if mod == "next":
        return _Found(anchor + timedelta(days=ahead or 7), "day", 0.85)
    if mod in ("last", "this past"):
        return _Found(anchor - timedelta(days=back or 7), "day", 0.85)
    tense = _tense_of(ctx, start, end)
    if mod == "this" and (tense is None or tense in _FUTURE_LIKE):
        return _Found(anchor + timedelta(days=ahead), "day", 0.7)
    if tense in _FUTURE_LIKE:
        return _Found(anchor + timedelta(days=ahead), "day", round(0.9 * _tense_factor(tense), 2))
    return _Found(anchor - timedelta(days=back), "day", round(0.9 * _tense_factor(tense), 2))


def _day_word(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    word = " ".join(m["word"].lower().split())
    offset, confidence = {
        "yesterday": (-1, 0.9),
        "today": (0, 0.7),  # also `nowadays`: `today's jobless rate`
        "tonight": (0, 0.85),
        "tomorrow": (1, 0.9),
        "last night": (-1, 0.75),  # or the evening of the anchor day itself
    }.get(word, (0, 0.85))
    return _Found(anchor + timedelta(days=offset), "day", confidence)


def _week(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    monday = anchor - timedelta(days=anchor.weekday())
    rel = m["rel"].lower()
    mod = (m["mod"] or "").lower()
    if rel == "last":
        monday -= timedelta(days=7)
    elif rel == "next":
        monday += timedelta(days=7)
    first, last = monday, monday + timedelta(days=6)
    if rel == "this" and mod == "earlier":
        last = max(monday, anchor - timedelta(days=1))
    elif rel == "this" and mod == "later":
        first = min(last, anchor + timedelta(days=1))
    elif mod == "early":
        last = monday + timedelta(days=2)
    elif mod == "late":
        first = monday + timedelta(days=3)
    return _Found(first, "day", 0.85, last)


def _weekend(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    rel = " ".join(m["rel"].lower().split())
    latest = anchor - timedelta(days=(anchor.weekday() - 5) % 7)  # Saturday on or before
    upcoming = latest + timedelta(days=7) if anchor.weekday() < 5 else latest
    if rel in ("last", "this past"):
        saturday = latest if latest + timedelta(days=1) < anchor else latest - timedelta(days=7)
        confidence = 0.85
    elif rel == "next":
        saturday, confidence = latest + timedelta(days=7), 0.8
    else:
        tense = _tense_of(ctx, start, end)
        future = tense in _FUTURE_LIKE or (rel == "this" and tense is None)
        saturday = upcoming if future else latest
        confidence = round(0.85 * _tense_factor(tense), 2)
    return _Found(saturday, "day", confidence, saturday + timedelta(days=1))


def _month_rel(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    step = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return _Found(_add_months(anchor.year, anchor.month, step), "month", 0.9)


def _year_rel(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    step = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return _Found(date(anchor.year + step, 1, 1), "year", 0.9)


def _number(text: str | None) -> int | None:
    if text is None:
        return 1
    text = " ".join(text.lower().split())
    return int(text) if text.isdigit() else _NUMBERS.get(text)


def _units_back(anchor: date, n: int, unit: str) -> _Found | None:
    """The point `n units ago` denotes, at the unit's precision."""
    if unit == "hour":
        return _Found(anchor - timedelta(days=(n + 23) // 24), "day", 0.8)
    if unit == "day":
        return _Found(anchor - timedelta(days=n), "day", 0.85)
    if unit == "week":
        return _Found(anchor - timedelta(days=7 * n), "day", 0.6)
    if unit == "month":
        return _Found(_add_months(anchor.year, anchor.month, -n), "month", 0.8)
    years = n * (10 if unit == "decade" else 1)
    if years > anchor.year - 1:
        return None
    return _Found(date(anchor.year - years, 1, 1), "year", 0.8 if unit == "year" else 0.6)


def _ago(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    n = _number(m["n"])
    if ctx.anchor is None or not n:
        return None
    found = _units_back(ctx.anchor, n, m["unit"])
    if found is None:
        return None
    confidence = found.confidence * (0.8 if m["approx"] else 1.0)
    return _Found(found.date, found.precision, round(confidence, 2))


def _past_span(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    n = _number(m["n"])
    if ctx.anchor is None or not n:
        return None
    found = _units_back(ctx.anchor, n, m["unit"])
    if found is None:
        return None
    return _Found(found.date, found.precision, round(found.confidence * 0.8, 2), ctx.anchor)


def _latest_day(ctx: _Context) -> DateMention | None:
    days = [d for d in ctx.earlier if d.precision == "day" and d.end is None]
    return days[-1] if days else None


def _same_day(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    previous = _latest_day(ctx)
    if previous is not None:
        return _Found(previous.date, "day", 0.8)
    return _Found(ctx.anchor, "day", 0.5) if ctx.anchor else None


def _day_offset(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    ref = " ".join(m["ref"].lower().split())
    n = _number(m["n"]) if m["n"] else 1
    if not n:
        return None
    backwards = any(w in ref for w in ("previous", "preceding", "before", "earlier"))
    previous = _latest_day(ctx)
    if previous is None:
        return None
    return _Found(previous.date + timedelta(days=-n if backwards else n), "day", 0.7)


def _ordinal_day(m: re.Match[str], ctx: _Context, start: int, end: int) -> _Found | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    day = int(m["day"])
    tense = _tense_of(ctx, start, end)
    months = [_add_months(anchor.year, anchor.month, k) for k in (-2, -1, 0, 1, 2)]
    candidates = [c for f in months if (c := _safe_date(f.year, f.month, day))]
    recent = [c for c in candidates if c <= anchor + timedelta(days=AFTER_ANCHOR_DAYS)]
    upcoming = [c for c in candidates if c >= anchor]
    picked = _choose(
        recent[-1] if recent else None, upcoming[0] if upcoming else None, anchor, tense
    )
    if picked is None:
        return None
    return _Found(picked, "day", round(0.75 * _tense_factor(tense), 2))


_Resolver = Callable[[re.Match[str], _Context, int, int], "_Found | None"]
_RESOLVERS: dict[str, _Resolver] = {
    "iso": _iso,
    "month_day": _month_day,
    "day_month": _month_day,
    "month_year": _month_year,
    "month": _month_alone,
    "year_range": _year_range,
    "year": _year,
    "decade": _decade,
    "weekday": _weekday,
    "day_word": _day_word,
    "week": _week,
    "weekend": _weekend,
    "month_rel": _month_rel,
    "year_rel": _year_rel,
    "ago": _ago,
    "past_span": _past_span,
    "same_day": _same_day,
    "day_offset": _day_offset,
    "ordinal_day": _ordinal_day,
}


# --- the extractor ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: str
    match: re.Match[str]


def _candidates(ctx: _Context) -> list[_Candidate]:
    """Every match that is a date in its context, overlaps resolved: the longest wins, then
    the earliest, then the first pattern."""
    found: list[tuple[int, int, int, _Candidate]] = []
    for order, (kind, pattern) in enumerate(_PATTERNS):
        for match in pattern.finditer(ctx.text):
            start, end = match.span()
            if end > start and _is_date_here(kind, match, ctx):
                found.append((-(end - start), start, order, _Candidate(start, end, kind, match)))
    taken: list[_Candidate] = []
    for _, _, _, candidate in sorted(found, key=lambda f: f[:3]):
        if all(candidate.end <= t.start or t.end <= candidate.start for t in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)


_RANGE_LEAD = re.compile(r"\b(?P<lead>(?i:from|between|the\s+years))\s+$")
_RANGE_LINK = re.compile(r"\s*(?:(?P<word>(?i:to|until|till|through|thru|and))|[-–—])\s*")


def _join_ranges(text: str, mentions: list[tuple[DateMention, _Found, str]]) -> list[DateMention]:
    """`from 2014 to 2016`, `between May and July`, `from Monday to Wednesday`, `Oct. 30 to
    Nov. 8`: one range, from the first part's first day to the second part's last."""
    joined: list[DateMention] = []
    index = 0
    while index < len(mentions):
        first, first_found, first_kind = mentions[index]
        if index + 1 < len(mentions):
            second, second_found, second_kind = mentions[index + 1]
            window = max(0, first.span.start - 20)
            lead = _RANGE_LEAD.search(text, window, first.span.start)
            link = _RANGE_LINK.fullmatch(text, first.span.end, second.span.start)
            word = (link["word"] or "").lower() if link else ""
            dated = first_kind == second_kind == "month_day" and word != "and"
            if (
                link
                and (lead or dated)
                and (word != "and" or (lead and lead["lead"].lower() == "between"))
                and (end := _range_end(first_found, second_found)) is not None
            ):
                joined.append(
                    DateMention(
                        article_id=first.article_id,
                        span=CharSpan(lead.start() if lead else first.span.start, second.span.end),
                        date=first.date,
                        precision=first.precision,
                        provenance=Provenance(
                            PRODUCER, min(first.provenance.confidence, second.provenance.confidence)
                        ),
                        end=end,
                        anchor=first.anchor,
                    )
                )
                index += 2
                continue
        joined.append(first)
        index += 1
    return joined


def _range_end(first: _Found, second: _Found) -> date | None:
    """The last day of a range's second part, moved on by a week or a year when it was read
    as earlier than the first part (`from Friday to Monday`, `between November and March`)."""
    last = _period_end(second)
    if last >= first.date:
        return last
    if second.explicit_year:
        return None
    if second.precision == "day" and second.end is None:
        step = 7
        while last < first.date:
            last += timedelta(days=step)
        return last
    bumped = _safe_date(last.year + 1, last.month, last.day) or last + timedelta(days=365)
    return bumped if bumped >= first.date else None


def find_dates(doc: Doc, article_id: str, anchor: date | None) -> list[DateMention]:
    """Every date expression of the article, resolved against `anchor`, in text order."""
    ctx = _Context(doc=doc, text=doc.text, anchor=anchor, earlier=[])
    resolved: list[tuple[DateMention, _Found, str]] = []
    quotes = [(q.start_char, q.end_char) for q in doc.spans.get("cc_quotes", [])]
    for candidate in _candidates(ctx):
        found = _RESOLVERS[candidate.kind](candidate.match, ctx, candidate.start, candidate.end)
        if found is None:
            continue
        if not found.explicit_year and any(q0 < candidate.start < q1 for q0, q1 in quotes):
            # quoted words count from when they were said, which may not be the anchor
            found = replace(found, confidence=round(found.confidence * 0.8, 2))
        mention = DateMention(
            article_id=article_id,
            span=CharSpan(candidate.start, candidate.end),
            date=found.date,
            precision=found.precision,
            provenance=Provenance(PRODUCER, found.confidence),
            end=found.end,
            anchor=anchor,
        )
        ctx.earlier.append(mention)
        resolved.append(
            (mention, found, "month_day" if candidate.kind == "day_month" else candidate.kind)
        )
    return _join_ranges(ctx.text, resolved)


# --- the date of a saying --------------------------------------------------------------------


def said_on(doc: Doc, statement_cue: CharSpan, dates: list[DateMention]) -> DateMention | None:
    """The date attached to the cue verb's own clause: in the verb's subtree, but not inside
    one of its clauses (the complement that was said, an adverbial or relative clause) nor
    inside a quotation. The nearest to the cue if there are several."""
    cue = doc.char_span(statement_cue.start, statement_cue.end, alignment_mode="expand")
    if cue is None or not len(cue):
        return None
    verb = cue.root
    if verb.lower_ == "according":
        return None  # `according to X`: a date in the sentence dates the content
    quotes = [(s.start_char, s.end_char) for s in doc.spans.get("cc_quotes", [])]
    best: tuple[int, DateMention] | None = None
    for mention in dates:
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None or any(q0 <= mention.span.start < q1 for q0, q1 in quotes):
            continue
        if not _attached_to(span.root, verb, span):
            continue
        distance = min(abs(span.start - verb.i), abs(span.end - 1 - verb.i))
        if best is None or distance < best[0]:
            best = (distance, mention)
    return best[1] if best else None


def _attached_to(token: Token, verb: Token, span: Span) -> bool:
    """Whether the path from `token` up to `verb` stays in the verb's own clause. A date that
    opens the verb's complement right after it (`told Sputnik on Friday it encouraged`, `said
    Tuesday his actions`) is the parser's attachment, not the speaker's words: it dates the
    saying, as `extract.statements` leaves it out of the content."""
    while token.i != verb.i:
        if token.head.i == token.i:
            return False
        if token.dep_ in _CLAUSE_DEPS and not span.start <= token.head.i < span.end:
            leading = (
                token.dep_ == "ccomp"
                and token.head.i == verb.i
                and token.left_edge.i == span.start > verb.i
            )
            if not leading:
                return False
        token = token.head
    return True
