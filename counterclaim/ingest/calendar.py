"""Calendar arithmetic, and the one answer to "which year does 5 October belong to".

A month and day written without a year (a dateline's `Moscow, October 5`, an article's `On
September 28`) has a reading in each year around an anchor date; `month_day_near` picks one by
a `YearPolicy`. Ingest (datelines), the pipeline (a batch's missing years) and extract (dates in
the text, `extract.dates`) all call it, each with its own policy. It lives in `ingest/` because
that is the earliest stage that needs it and every later one may import it
(docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal


@dataclass(frozen=True)
class YearPolicy:
    """How to choose between the latest reading up to the anchor (`recent`) and the first
    from the anchor on (`upcoming`).

    - `prefer="recent"` / `"upcoming"` with `within_days=None`: that reading; `upcoming`, when
      there is none, falls back to the recent one, `recent` does not;
    - with `within_days`: the preferred reading unless it lies further than that from the
      anchor, and then the other one;
    - `prefer="nearest"`: the one nearer the anchor, the earlier on a tie.

    `after_days`: how far after the anchor a reading still counts as recent (a dateline a day
    or two ahead of the publication date; a preview of a vote a few days off).
    """

    prefer: Literal["recent", "upcoming", "nearest"]
    after_days: int = 0
    within_days: int | None = None


# A dateline written on the 31st of December can stand on an article published on the 1st of
# January, and time zones put a dateline a day ahead of the publication date.
DATELINE = YearPolicy("recent", after_days=2)
# A batch's missing year: the reading nearest the other articles' dates.
NEAREST = YearPolicy("nearest")


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(year: int, month: int, months: int) -> date:
    """The first of the month `months` after (or before) `year`-`month`."""
    index = year * 12 + (month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(first: date) -> date:
    return add_months(first.year, first.month, 1) - timedelta(days=1)


def choose_reading(
    recent: date | None, upcoming: date | None, anchor: date, policy: YearPolicy
) -> date | None:
    """Between the latest reading up to the anchor and the first from it on, by `policy`."""
    if upcoming is None or (policy.prefer == "recent" and policy.within_days is None):
        return recent
    if recent is None or (policy.prefer == "upcoming" and policy.within_days is None):
        return upcoming
    if policy.prefer == "nearest":
        return recent if (anchor - recent).days <= (upcoming - anchor).days else upcoming
    assert policy.within_days is not None
    if policy.prefer == "upcoming":
        return upcoming if (upcoming - anchor).days <= policy.within_days else recent
    return recent if (anchor - recent).days <= policy.within_days else upcoming


def readings(
    candidates: list[date], anchor: date, after_days: int
) -> tuple[date | None, date | None]:
    """The latest of `candidates` (in order) at most `after_days` after the anchor, and the
    first on or after it."""
    limit = anchor + timedelta(days=after_days)
    recent = [c for c in candidates if c <= limit]
    upcoming = [c for c in candidates if c >= anchor]
    return (recent[-1] if recent else None), (upcoming[0] if upcoming else None)


def month_day_near(month: int, day: int, anchor: date, policy: YearPolicy) -> date | None:
    """The date of a month and day without a year: its reading in the anchor's year, the one
    before or the one after, chosen by `policy`; None when none exists (29 February)."""
    candidates = [
        c
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (c := safe_date(y, month, day))
    ]
    recent, upcoming = readings(candidates, anchor, policy.after_days)
    return choose_reading(recent, upcoming, anchor, policy)
