"""The expressions of dates, as data: the regular expressions of each kind and the word lists
that the gates (`find.py`) and the tense reading (`tense.py`) consult.

Each pattern is named by its kind; `resolve.RESOLVERS` holds the function that turns a match of
that kind into a date. The order of `PATTERNS` breaks ties between overlapping matches of the
same length at the same place (the first wins).
"""

from __future__ import annotations

import re

WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
NUMBERS = {
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

MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"


def _month(name: str = "month") -> str:
    return rf"\b(?P<{name}>(?:{MONTH_FULL})\b|(?:{_MONTH_ABBR})\b\.?)"


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

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
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
            rf"(?P<month>{MONTH_FULL})\b"
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
NOT_DATE_ENTS = {"PERSON", "ORG", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW", "GPE", "LOC"}
NOT_YEAR_ENTS = {"MONEY", "PERCENT", "QUANTITY", "TIME", "ORDINAL"}
BEFORE_WEEKDAY = {
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
AFTER_WEEKDAY = {
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
RANGE_START = re.compile(
    rf"\b(?i:from|between)\s+(?:{MONTH_FULL}|(?:1[89]|20)\d\d)\s+(?i:to|and|through|until)\s+$"
)
DATE_PREPOSITIONS = {"from", "between", "since", "until", "till", "through", "by", "before"}
BEFORE_TODAY = {"usa", "bbc", "russia", "rt", "china", "psychology", "nbc", "the"}

# Verbs whose complement is a plan: `plans to`, `is expected to`, `is set to`, `is to`,
# `scheduled for Friday`.
PLAN_LEMMAS = {
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
SCHEDULE_LEMMAS = {"schedule", "slate", "plan", "due", "expect", "set"}
PLAN_ADJECTIVES = {"likely", "due", "set", "poised", "ready", "sure", "certain", "expected"}
# Words that set the direction of a date on a noun, or of a date they govern.
BACKWARD_WORDS = {"since", "after", "following", "as of"}
FORWARD_WORDS = {"ahead of", "before", "until", "till", "into", "toward", "towards", "pending"}
WEAK_FORWARD_WORDS = {"until", "till", "toward", "towards"}
# Nouns for events that are over when they are reported: `Tuesday's results`.
PAST_EVENT_NOUNS = {
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
NINE_ELEVEN = {"attacks", "hijackers", "commission", "terrorists"}  # not `memorial ceremony`
FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
MODAL_AUX = {"could", "might", "may", "should", "must", "can"}
# Dependencies that start another clause: a date below one of these dates that clause.
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "csubj", "parataxis", "conj", "acl", "pcomp"}
# the words around the two parts of a range: `from 2014 to 2016`, `between May and July`
RANGE_LEAD = re.compile(r"\b(?P<lead>(?i:from|between|the\s+years))\s+$")
RANGE_LINK = re.compile(r"\s*(?:(?P<word>(?i:to|until|till|through|thru|and))|[-–—])\s*")
