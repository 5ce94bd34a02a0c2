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

The package, by job: `patterns.py` (the expressions and word lists, as data), `gates.py` (is
this match a date here?), `tense.py` (the tense of a date's clause, from the parse),
`resolve.py` (one resolver per kind), `ranges.py` (joining two dates into one range),
`find.py` (`find_dates`), `saying.py` (`said_on`). The arithmetic and the one function that
chooses a year for a month and day (`month_day_near`, with a policy) are in `ingest.calendar`,
shared with the datelines of `ingest.metadata` and the batch years of the pipeline.
"""

from counterclaim.extract.dates.find import find_dates
from counterclaim.extract.dates.resolve import (
    AFTER_ANCHOR_DAYS,
    LEAN_AHEAD_DAYS,
    LEAN_BACK_DAYS,
    PRODUCER,
)
from counterclaim.extract.dates.saying import said_on

__all__ = [
    "AFTER_ANCHOR_DAYS",
    "LEAN_AHEAD_DAYS",
    "LEAN_BACK_DAYS",
    "PRODUCER",
    "find_dates",
    "said_on",
]
