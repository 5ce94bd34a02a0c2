"""The one function that chooses the year of a month and day, under each caller's policy."""

from datetime import date

import pytest

from counterclaim.extract.dates import AFTER_ANCHOR_DAYS, LEAN_BACK_DAYS
from counterclaim.ingest.calendar import (
    DATELINE,
    NEAREST,
    YearPolicy,
    add_months,
    month_day_near,
    month_end,
)


@pytest.mark.parametrize(
    ("month", "day", "anchor", "expected"),
    [
        (10, 5, date(2017, 10, 5), date(2017, 10, 5)),
        (12, 31, date(2018, 1, 1), date(2017, 12, 31)),
        (1, 5, date(2017, 12, 31), date(2017, 1, 5)),
        (10, 6, date(2017, 10, 5), date(2017, 10, 6)),  # a day ahead: time zones
        (10, 8, date(2017, 10, 5), date(2016, 10, 8)),  # three days ahead: last year's
    ],
)
def test_calendar_dateline_policy(month, day, anchor, expected):
    assert month_day_near(month, day, anchor, DATELINE) == expected


@pytest.mark.parametrize(
    ("month", "day", "anchor", "expected"),
    [
        (10, 5, date(2017, 10, 5), date(2017, 10, 5)),
        (1, 5, date(2017, 12, 31), date(2018, 1, 5)),  # nearer ahead than back
        (12, 30, date(2018, 1, 2), date(2017, 12, 30)),
        (1, 1, date(2016, 7, 2), date(2016, 1, 1)),  # 183 days either way: the earlier
        (2, 29, date(2019, 6, 1), date(2020, 2, 29)),  # the one leap year around
    ],
)
def test_calendar_nearest_policy(month, day, anchor, expected):
    assert month_day_near(month, day, anchor, NEAREST) == expected


def test_calendar_no_reading_gives_none():
    assert month_day_near(2, 29, date(2022, 6, 1), NEAREST) is None
    assert month_day_near(2, 30, date(2020, 6, 1), DATELINE) is None


def test_calendar_tense_policies():
    anchor = date(2017, 8, 28)
    past = YearPolicy("recent", AFTER_ANCHOR_DAYS)
    future = YearPolicy("upcoming", AFTER_ANCHOR_DAYS)
    lean_back = YearPolicy("recent", AFTER_ANCHOR_DAYS, LEAN_BACK_DAYS)
    assert month_day_near(9, 2, anchor, past) == date(2017, 9, 2)  # within the days after
    assert month_day_near(9, 28, anchor, past) == date(2016, 9, 28)
    assert month_day_near(8, 1, anchor, future) == date(2018, 8, 1)
    # `the Nov. 8 general election` in an article of August 28: the past one is too far back
    assert month_day_near(11, 8, anchor, lean_back) == date(2017, 11, 8)
    assert month_day_near(3, 1, anchor, lean_back) == date(2017, 3, 1)


def test_calendar_month_arithmetic():
    assert add_months(2017, 11, 3) == date(2018, 2, 1)
    assert add_months(2017, 1, -1) == date(2016, 12, 1)
    assert month_end(date(2020, 2, 1)) == date(2020, 2, 29)
