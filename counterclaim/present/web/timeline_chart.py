"""The geometry of a story's timeline chart, drawn by the template as inline SVG.

One row per event (reports of the same event share a row), in date order. A day is a dot;
a month or a year is a bar as long as the period, so a date's precision is visible.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH = 960
ROW_HEIGHT = 28
TOP = 34  # room for the axis labels
LEFT, RIGHT = 16, 16
LABEL_CHARS = 80


@dataclass(frozen=True, slots=True)
class ChartRow:
    y: float
    x1: float
    x2: float
    is_day: bool
    label: str  # date and number of sources
    text: str  # the event, shortened
    label_x: float
    label_anchor: str  # start | end
    anchor: str  # the event list item it links to


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    ticks: list[tuple[float, str]]
    rows: list[ChartRow]


def period_end(start: date, precision: str) -> date:
    if precision == "year":
        return date(start.year, 12, 31)
    if precision == "month":
        return date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start


def format_date(value: date, precision: str) -> str:
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return value.strftime("%b %Y")
    return f"{value.day} {value.strftime('%b %Y')}"


def _ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Axis ticks, each with the precision to label it with: years over a long span, else
    months, else days."""
    if (last - first).days > 3 * 365:
        return [(date(y, 1, 1), "year") for y in range(first.year + 1, last.year + 1)]
    months = []
    cursor = date(first.year, first.month, 1)
    while cursor <= last:
        if cursor >= first:
            months.append(cursor)
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    if len(months) >= 2:
        step = max(1, len(months) // 8)
        return [(m, "year" if m.month == 1 else "month") for m in months[::step]]
    days = max(1, (last - first).days // 6)
    return [(first + timedelta(days=d), "day") for d in range(0, (last - first).days + 1, days)]


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def timeline_chart(events: list[dict]) -> Chart | None:
    """`events`: dicts with `group_id`, `date` (ISO), `precision`, `text`, `outlet`,
    `article_id`. None when there is nothing to draw."""
    groups: dict[str, list[dict]] = {}
    for event in events:
        groups.setdefault(event["group_id"], []).append(event)
    if not groups:
        return None
    ordered = sorted(groups.values(), key=lambda g: (g[0]["date"], g[0]["group_id"]))
    starts = [date.fromisoformat(g[0]["date"]) for g in ordered]
    ends = [period_end(s, g[0]["precision"]) for s, g in zip(starts, ordered, strict=True)]
    first, last = min(starts), max(ends)
    span_days = max((last - first).days, 1)
    pad = span_days * 0.02

    def x(value: date) -> float:
        share = ((value - first).days + pad) / (span_days + 2 * pad)
        return round(LEFT + share * (WIDTH - LEFT - RIGHT), 1)

    rows = []
    for index, (group, start, end) in enumerate(zip(ordered, starts, ends, strict=True)):
        precision = group[0]["precision"]
        articles = {e["article_id"] for e in group}
        x1, x2 = x(start), x(end + timedelta(days=1) if precision != "day" else end)
        label = f"{format_date(start, precision)} · {len(articles)} source" + (
            "s" if len(articles) != 1 else ""
        )
        on_right = x2 < WIDTH * 0.55
        rows.append(
            ChartRow(
                y=TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2,
                x1=x1,
                x2=max(x2, x1 + 1),
                is_day=precision == "day",
                label=label,
                text=_shorten(group[0]["text"]),
                label_x=x2 + 10 if on_right else x1 - 10,
                label_anchor="start" if on_right else "end",
                anchor=f"ev-{group[0]['group_id']}",
            )
        )
    ticks = [(x(tick), format_date(tick, precision)) for tick, precision in _ticks(first, last)]
    return Chart(WIDTH, int(TOP + len(rows) * ROW_HEIGHT + 8), ticks, rows)
