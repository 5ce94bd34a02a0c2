"""Ranges: two dates joined by `to`, `until`, `and` or a dash (`from 2014 to 2016`, `between
May and July`, `Oct. 30 to Nov. 8`) become one mention from the first's first day to the
second's last."""

from __future__ import annotations

from datetime import date, timedelta

from counterclaim.extract.dates.patterns import RANGE_LEAD, RANGE_LINK
from counterclaim.extract.dates.resolve import PRODUCER, Found, period_end
from counterclaim.ingest.calendar import safe_date
from counterclaim.model import CharSpan, DateMention, Provenance


def join_ranges(text: str, mentions: list[tuple[DateMention, Found, str]]) -> list[DateMention]:
    """`from 2014 to 2016`, `between May and July`, `from Monday to Wednesday`, `Oct. 30 to
    Nov. 8`: one range, from the first part's first day to the second part's last."""
    joined: list[DateMention] = []
    index = 0
    while index < len(mentions):
        first, first_found, first_kind = mentions[index]
        if index + 1 < len(mentions):
            second, second_found, second_kind = mentions[index + 1]
            window = max(0, first.span.start - 20)
            lead = RANGE_LEAD.search(text, window, first.span.start)
            link = RANGE_LINK.fullmatch(text, first.span.end, second.span.start)
            word = (link["word"] or "").lower() if link else ""
            dated = first_kind == second_kind == "month_day" and word != "and"
            if (
                link
                and (lead or dated)
                and (word != "and" or (lead and lead["lead"].lower() == "between"))
                and (end := range_end(first_found, second_found)) is not None
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


def range_end(first: Found, second: Found) -> date | None:
    """The last day of a range's second part, moved on by a week or a year when it was read
    as earlier than the first part (`from Friday to Monday`, `between November and March`)."""
    last = period_end(second)
    if last >= first.date:
        return last
    if second.explicit_year:
        return None
    if second.precision == "day" and second.end is None:
        step = 7
        while last < first.date:
            last += timedelta(days=step)
        return last
    bumped = safe_date(last.year + 1, last.month, last.day) or last + timedelta(days=365)
    return bumped if bumped >= first.date else None
