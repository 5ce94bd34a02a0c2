"""Score `find_dates` and dateparser on the hand-checked table of date expressions.

    .venv/bin/python scripts/compare_dates.py

Both get each expression of tests/extract/date_table.py with the sentence's publication date as
anchor. Ours reads the whole sentence with the counterclaim pipeline and is scored on the date
mention covering the expression; dateparser is given the expression alone, as written, with
`RELATIVE_BASE` = the anchor and `PREFER_DATES_FROM` = past (`DateDataParser.get_date_data`,
which is what `dateparser.parse` calls, so as to read its `period` too). A case is right when
the first day and the precision are: dateparser's day, week or time period counts as a day,
and a month or year is compared by its first day. Ranges are scored on their first day (the
`end` column is for ours only). The non-dates of the table are counted apart: how many each
tool turns into a date.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "extract"))

from date_table import DATE_TABLE, NON_DATES, DateCase  # noqa: E402
from dateparser.date import DateDataParser  # noqa: E402

from counterclaim.extract.dates import find_dates  # noqa: E402
from counterclaim.model import DateMention  # noqa: E402
from counterclaim.nlp.pipeline import load_nlp  # noqa: E402

_PERIODS = {"day": "day", "week": "day", "time": "day", "month": "month", "year": "year"}


@dataclass(frozen=True)
class Reading:
    date: date | None
    precision: str | None
    end: date | None = None
    span: str | None = None  # ours: the text of the mention that covers the expression

    def show(self) -> str:
        if self.date is None:
            return "nothing"
        end = f"..{self.end}" if self.end else ""
        return f"{self.date}{end} {self.precision}"


def _first_day(day: date, precision: str) -> date:
    if precision == "year":
        return day.replace(month=1, day=1)
    if precision == "month":
        return day.replace(day=1)
    return day


def _covering(mentions: list[DateMention], start: int, end: int) -> DateMention | None:
    """The mention spanning the expression exactly, else the one overlapping it most."""
    best, overlap = None, 0
    for mention in mentions:
        if (mention.span.start, mention.span.end) == (start, end):
            return mention
        shared = min(end, mention.span.end) - max(start, mention.span.start)
        if shared > overlap:
            best, overlap = mention, shared
    return best


def ours(nlp, sentence: str, expression: str, anchor: date) -> Reading:
    doc = nlp(sentence)
    start = sentence.index(expression)
    mention = _covering(find_dates(doc, "table", anchor), start, start + len(expression))
    if mention is None:
        return Reading(None, None)
    return Reading(mention.date, mention.precision, mention.end, mention.span.of(sentence))


def theirs(expression: str, anchor: date) -> Reading:
    settings = {
        "RELATIVE_BASE": datetime.combine(anchor, time()),
        "PREFER_DATES_FROM": "past",
    }
    data = DateDataParser(settings=settings).get_date_data(expression)
    if data.date_obj is None:
        return Reading(None, None)
    precision = _PERIODS.get(data.period or "day", "day")
    return Reading(_first_day(data.date_obj.date(), precision), precision)


def right(case: DateCase, reading: Reading) -> bool:
    return reading.date == case.expected and reading.precision == case.precision


def _line(case: DateCase, ours_: Reading, theirs_: Reading) -> str:
    expected = f"{case.expected}{'..' + str(case.end) if case.end else ''} {case.precision}"
    return (
        f"  {case.published} {case.published.strftime('%a')} | {case.expression!r}: "
        f"expected {expected}; ours {ours_.show()}; dateparser {theirs_.show()}"
    )


def main() -> None:
    nlp = load_nlp()
    rows = [
        (case, ours(nlp, case.sentence, case.expression, case.published), None)
        for case in DATE_TABLE
    ]
    rows = [(case, mine, theirs(case.expression, case.published)) for case, mine, _ in rows]
    total = len(rows)
    ours_right = [r for r in rows if right(r[0], r[1])]
    theirs_right = [r for r in rows if right(r[0], r[2])]
    spans = sum(1 for case, mine, _ in rows if mine.span == case.expression)
    ranges = [r for r in rows if r[0].end is not None]
    ends = sum(1 for case, mine, _ in ranges if right(case, mine) and mine.end == case.end)
    sentences = len({case.sentence for case, _, _ in rows})

    print(f"date table: {total} expressions in {sentences} sentences")
    print(f"ours:       {len(ours_right)}/{total} right ({len(ours_right) / total:.1%})")
    print(f"dateparser: {len(theirs_right)}/{total} right ({len(theirs_right) / total:.1%})")
    print(f"ours, span exactly the expression: {spans}/{total}")
    print(f"ours, ranges with the right end too: {ends}/{len(ranges)}")

    groups = [
        ("ours right, dateparser wrong", lambda c, m, t: right(c, m) and not right(c, t)),
        ("dateparser right, ours wrong", lambda c, m, t: right(c, t) and not right(c, m)),
        ("both wrong", lambda c, m, t: not right(c, m) and not right(c, t)),
    ]
    for title, test in groups:
        chosen = [r for r in rows if test(*r)]
        print(f"\n{title} ({len(chosen)}):")
        for row in chosen:
            print(_line(*row))

    print(f"\nnon-dates ({len(NON_DATES)}), read as a date:")
    for case in NON_DATES:
        mine = ours(nlp, case.sentence, case.expression, case.published)
        them = theirs(case.expression, case.published)
        print(f"  {case.expression!r} ({case.note}): ours {mine.show()}; dateparser {them.show()}")


if __name__ == "__main__":
    main()
