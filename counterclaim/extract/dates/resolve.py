"""Resolution: a match of each kind, read against the anchor (and the dates before it in the
article), becomes a date, a precision and a confidence. One function per kind (`RESOLVERS`);
the date arithmetic and the choice of a year are `ingest.calendar`'s."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from counterclaim.extract.dates.gates import next_word
from counterclaim.extract.dates.patterns import NINE_ELEVEN, NUMBERS, WEEKDAYS
from counterclaim.extract.dates.tense import FUTURE_LIKE, Tense, clause_tense
from counterclaim.ingest.calendar import (
    YearPolicy,
    add_months,
    choose_reading,
    month_day_near,
    month_end,
    readings,
    safe_date,
)
from counterclaim.ingest.metadata import MONTHS
from counterclaim.model import DateMention, DatePrecision

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

# How a tense chooses the year (or month) of a date written without it: a past tense the latest
# reading up to `AFTER_ANCHOR_DAYS` after the anchor, a `will` future the first from the anchor
# on, any other tense the one it leans to unless that lies further off than `LEAN_BACK_DAYS` /
# `LEAN_AHEAD_DAYS`.
_PAST = YearPolicy("recent", AFTER_ANCHOR_DAYS)
_LEAN_BACK = YearPolicy("recent", AFTER_ANCHOR_DAYS, LEAN_BACK_DAYS)
_LEAN_AHEAD = YearPolicy("upcoming", AFTER_ANCHOR_DAYS, LEAN_AHEAD_DAYS)
_YEAR_POLICY: dict[Tense | None, YearPolicy] = {
    "past": _PAST,
    "future": YearPolicy("upcoming", AFTER_ANCHOR_DAYS),
    "present": _LEAN_AHEAD,
    "modal": _LEAN_AHEAD,
    None: _LEAN_BACK,
    "future_in_past": _LEAN_BACK,
}

# How much a resolution is trusted, by what its reading rests on.
EXPLICIT = 0.95  # the text gives the year
TENSE_FACTOR: dict[Tense | None, float] = {
    "past": 1.0,
    "future": 0.95,
    None: 0.9,  # no tense found: the past-leaning default
    "present": 0.7,  # `the trial begins on Monday`: usually a schedule
    "future_in_past": 0.6,
    "modal": 0.6,
}


@dataclass(frozen=True)
class Found:
    """A match resolved: its (first) date, precision, confidence and, for a range, last day."""

    date: date
    precision: DatePrecision
    confidence: float
    end: date | None = None
    explicit_year: bool = False


@dataclass
class Context:
    """What a resolver reads besides its match: the Doc, its text, the anchor and the dates
    already found before the match (for `the same day`, `the next day`)."""

    doc: Doc
    text: str
    anchor: date | None
    earlier: list[DateMention]


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def period_end(found: Found) -> date:
    if found.end is not None:
        return found.end
    if found.precision == "year":
        return date(found.date.year, 12, 31)
    if found.precision == "month":
        return month_end(found.date)
    return found.date


def tense_factor(tense: Tense | None) -> float:
    return TENSE_FACTOR[tense]


# --- one function per kind -------------------------------------------------------------------


def tense_of(ctx: Context, start: int, end: int) -> Tense | None:
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return clause_tense(span) if span is not None else None


def _iso(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
    day = safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return Found(day, "day", EXPLICIT, explicit_year=True) if day else None


def _month_day(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
    month, day = month_number(m["month"]), int(m["day"])
    day2 = int(m["day2"]) if m["day2"] else None
    if m["year"]:
        first = safe_date(int(m["year"]), month, day)
        confidence, explicit = EXPLICIT, True
    elif (month, day) == (9, 11) and next_word(ctx.text, end).lower() in NINE_ELEVEN:
        first, confidence, explicit = date(2001, 9, 11), 0.8, False  # `the Sept. 11 attacks`
    else:
        if ctx.anchor is None:
            return None
        tense = tense_of(ctx, start, end)
        first = month_day_near(month, day, ctx.anchor, _YEAR_POLICY[tense])
        confidence, explicit = 0.9 * tense_factor(tense), False
        if first is not None and first.year != ctx.anchor.year:
            confidence *= 0.9
        if m["weekday"]:  # `Saturday, April 4`: the year whose April 4 is a Saturday
            weekday = WEEKDAYS[m["weekday"].lower()]
            years = [ctx.anchor.year + k for k in (0, -1, 1)]
            fitting = [
                c for y in years if (c := safe_date(y, month, day)) and c.weekday() == weekday
            ]
            if fitting:
                first, confidence = fitting[0], 0.9
    if first is None:
        return None
    last = safe_date(first.year, month, day2) if day2 else None
    if day2 and (last is None or last <= first):
        return None
    return Found(first, "day", round(confidence, 2), last, explicit)


def _month_year(m: re.Match[str], ctx: Context, start: int, end: int) -> Found:
    return Found(date(int(m["year"]), month_number(m["month"]), 1), "month", EXPLICIT, None, True)


def _month_alone(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    month = month_number(m["month"])
    mod = (m["mod"] or "").lower().split()
    tense = None if mod else tense_of(ctx, start, end)
    this_year = date(anchor.year, month, 1)
    current = date(anchor.year, anchor.month, 1)
    if mod == ["next"]:
        first = this_year if this_year > current else date(anchor.year + 1, month, 1)
        return Found(first, "month", 0.85)
    if mod in (["last"], ["this", "past"]):
        first = this_year if this_year < current else date(anchor.year - 1, month, 1)
        return Found(first, "month", 0.85)
    if mod == ["this"]:
        return Found(this_year, "month", 0.85)
    upcoming = this_year if this_year >= current else date(anchor.year + 1, month, 1)
    recent = this_year if this_year <= current else date(anchor.year - 1, month, 1)
    first = choose_reading(recent, upcoming, anchor, _YEAR_POLICY[tense])
    confidence = 0.9 * tense_factor(tense) * (1.0 if first.year == anchor.year else 0.9)
    return Found(first, "month", round(confidence, 2))


def _year(m: re.Match[str], ctx: Context, start: int, end: int) -> Found:
    return Found(date(int(m["year"]), 1, 1), "year", EXPLICIT, None, True)


def _year_range(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
    first = int(m["year"])
    last = int(m["year2"])
    if last < 100:
        last += first // 100 * 100
    if last <= first or last - first > 100:
        return None
    return Found(date(first, 1, 1), "year", EXPLICIT, date(last, 12, 31), True)


def _decade(m: re.Match[str], ctx: Context, start: int, end: int) -> Found:
    decade = int(m["decade"])
    part = (m["part"] or "").lower().strip(" -")
    first, last = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(part, (0, 9))
    return Found(
        date(decade + first, 1, 1), "year", round(EXPLICIT * 0.9, 2), date(decade + last, 12, 31)
    )


def _weekday(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    weekday = WEEKDAYS[m["weekday"].lower()]
    # AP style names the day of the week instead of `today`: a weekday is the anchor's own day
    # whichever way the clause looks (`is expected to speak on Thursday`, in an article of
    # Thursday, is that Thursday); `next` and `last` move off it.
    back = (anchor.weekday() - weekday) % 7  # days back to the latest such day, 0 = anchor
    ahead = (weekday - anchor.weekday()) % 7  # days on to the next such day, 0 = anchor
    mod = " ".join((m["mod"] or "").lower().split())
    if mod == "next":
        return Found(anchor + timedelta(days=ahead or 7), "day", 0.85)
    if mod in ("last", "this past"):
        return Found(anchor - timedelta(days=back or 7), "day", 0.85)
    tense = tense_of(ctx, start, end)
    if mod == "this" and (tense is None or tense in FUTURE_LIKE):
        return Found(anchor + timedelta(days=ahead), "day", 0.7)
    if tense in FUTURE_LIKE:
        return Found(anchor + timedelta(days=ahead), "day", round(0.9 * tense_factor(tense), 2))
    return Found(anchor - timedelta(days=back), "day", round(0.9 * tense_factor(tense), 2))


def _day_word(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
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
    return Found(anchor + timedelta(days=offset), "day", confidence)


def _week(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
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
    return Found(first, "day", 0.85, last)


def _weekend(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
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
        tense = tense_of(ctx, start, end)
        future = tense in FUTURE_LIKE or (rel == "this" and tense is None)
        saturday = upcoming if future else latest
        confidence = round(0.85 * tense_factor(tense), 2)
    return Found(saturday, "day", confidence, saturday + timedelta(days=1))


def _month_rel(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    step = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return Found(add_months(anchor.year, anchor.month, step), "month", 0.9)


def _year_rel(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    step = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return Found(date(anchor.year + step, 1, 1), "year", 0.9)


def _number(text: str | None) -> int | None:
    if text is None:
        return 1
    text = " ".join(text.lower().split())
    return int(text) if text.isdigit() else NUMBERS.get(text)


def _units_back(anchor: date, n: int, unit: str) -> Found | None:
    """The point `n units ago` denotes, at the unit's precision."""
    if unit == "hour":
        return Found(anchor - timedelta(days=(n + 23) // 24), "day", 0.8)
    if unit == "day":
        return Found(anchor - timedelta(days=n), "day", 0.85)
    if unit == "week":
        return Found(anchor - timedelta(days=7 * n), "day", 0.6)
    if unit == "month":
        return Found(add_months(anchor.year, anchor.month, -n), "month", 0.8)
    years = n * (10 if unit == "decade" else 1)
    if years > anchor.year - 1:
        return None
    return Found(date(anchor.year - years, 1, 1), "year", 0.8 if unit == "year" else 0.6)


def _counted_back(m: re.Match[str], ctx: Context) -> Found | None:
    """`three years ago`, `the past two decades`: the match's count of units before the anchor."""
    n = _number(m["n"])
    if ctx.anchor is None or not n:
        return None
    return _units_back(ctx.anchor, n, m["unit"])


def _ago(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
    found = _counted_back(m, ctx)
    if found is None:
        return None
    confidence = found.confidence * (0.8 if m["approx"] else 1.0)
    return Found(found.date, found.precision, round(confidence, 2))


def _past_span(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
    found = _counted_back(m, ctx)
    if found is None:
        return None
    return Found(found.date, found.precision, round(found.confidence * 0.8, 2), ctx.anchor)


def _latest_day(ctx: Context) -> DateMention | None:
    days = [d for d in ctx.earlier if d.precision == "day" and d.end is None]
    return days[-1] if days else None


def _same_day(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
    previous = _latest_day(ctx)
    if previous is not None:
        return Found(previous.date, "day", 0.8)
    return Found(ctx.anchor, "day", 0.5) if ctx.anchor else None


def _day_offset(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
    ref = " ".join(m["ref"].lower().split())
    n = _number(m["n"]) if m["n"] else 1
    if not n:
        return None
    backwards = any(w in ref for w in ("previous", "preceding", "before", "earlier"))
    previous = _latest_day(ctx)
    if previous is None:
        return None
    return Found(previous.date + timedelta(days=-n if backwards else n), "day", 0.7)


def _ordinal_day(m: re.Match[str], ctx: Context, start: int, end: int) -> Found | None:
    anchor = ctx.anchor
    if anchor is None:
        return None
    day = int(m["day"])
    tense = tense_of(ctx, start, end)
    months = [add_months(anchor.year, anchor.month, k) for k in (-2, -1, 0, 1, 2)]
    candidates = [c for f in months if (c := safe_date(f.year, f.month, day))]
    recent, upcoming = readings(candidates, anchor, AFTER_ANCHOR_DAYS)
    picked = choose_reading(recent, upcoming, anchor, _YEAR_POLICY[tense])
    if picked is None:
        return None
    return Found(picked, "day", round(0.75 * tense_factor(tense), 2))


_Resolver = Callable[[re.Match[str], Context, int, int], "Found | None"]
RESOLVERS: dict[str, _Resolver] = {
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
