"""The timeline chart's geometry: one row per event, a date's precision drawn as its length."""

from counterclaim.present.web.timeline_chart import timeline_chart


def _event(group, day, precision="day", article="a1"):
    return {
        "group_id": group,
        "date": day,
        "precision": precision,
        "text": group,
        "article_id": article,
    }


def test_timeline_chart_rows_in_date_order_with_sources():
    chart = timeline_chart(
        [
            _event("later", "2017-10-06", article="a1"),
            _event("later", "2017-10-06", article="a2"),
            _event("earlier", "2017-10-04"),
        ]
    )
    assert [row.text for row in chart.rows] == ["earlier", "later"]
    assert chart.rows[0].x1 < chart.rows[1].x1
    assert chart.rows[1].label == "6 Oct 2017 · 2 sources"
    assert [label for _, label in chart.ticks][0] == "4 Oct 2017"  # a few days: day ticks


def test_timeline_chart_month_is_a_bar_a_day_a_dot():
    chart = timeline_chart(
        [_event("month", "2017-09-01", "month"), _event("day", "2017-10-04", "day")]
    )
    month, day = chart.rows
    assert not month.is_day and day.is_day
    assert month.x2 - month.x1 > 10 * (day.x2 - day.x1)
    assert month.label.startswith("Sep 2017 ·")


def test_timeline_chart_nothing_to_draw():
    assert timeline_chart([]) is None
