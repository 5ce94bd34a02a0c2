"""The story signals of one article (`extract.signals`): headlines, low content, numbers,
event dates, and the signals of a real parsed Doc."""

from datetime import date

import numpy as np
import pytest

from counterclaim.extract.signals import (
    article_signals,
    event_date,
    is_headline,
    is_low_content,
    numbers_in,
)


def _unit(axis: int = 0, dimensions: int = 16) -> np.ndarray:
    vector = np.zeros(dimensions, dtype=np.float32)
    vector[axis] = 1.0
    return vector


@pytest.mark.parametrize(
    ("surface", "numbers"),
    [
        ("5. 9", ["5.9"]),
        ("150 nautical miles", ["150"]),
        ("1,200", ["1200"]),
        ("five", ["5"]),
        ("between 3 and 4", ["3", "4"]),
    ],
)
def test_signals_numbers_in(surface, numbers):
    assert numbers_in(surface) == numbers


def test_signals_article_signals_from_a_real_doc(nlp):
    from counterclaim.extract.mentions import find_mentions

    text = (
        "The Philadelphia 76ers fired coach Maurice Cheeks on Saturday.\n"
        "Cheeks was replaced by Tony DiLeo after a 9-14 start in 2008, the team said in "
        "Philadelphia.\n"
        "Five players were traded in 2005."
    )
    doc = nlp(text)
    signals = article_signals(
        doc, "a1", _unit(), find_mentions(doc, "a1"), published=date(2008, 12, 13)
    )
    assert {"cheeks", "dileo"} <= signals.people
    assert "philadelphia" in signals.places
    assert {"fire", "coach"} <= signals.terms
    # the main verb of the first sentence, who did it, to whom, how many
    assert {"fire", "fire>cheeks", "dileo>replace", "team>say", "5>player"} <= signals.events
    assert "fire>cheeks" not in signals.terms
    # the words of the whole text, not only the lead's first sentences
    assert {"replace", "player", "trade", "philadelphia"} <= signals.words
    assert "5" in signals.numbers  # `Five players`
    assert signals.years == {2008, 2005}
    assert signals.title == "The Philadelphia 76ers fired coach Maurice Cheeks on Saturday."
    assert signals.date == date(2008, 12, 13)


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Russia Accuses U.S. of Supporting and 'Flirting With' Daesh in Eastern Syria", True),
        ("Hickenlooper drops out of presidential race", True),
        ("Breitbart Texas reports:", False),
        ("Unbelievable!", False),
        ("America's Immigration Voice.", False),
        ("By Jane Doe and John Smith", False),
        ("Posted 2 / 3 / 2009 at 10:32", False),
        ("", False),
    ],
)
def test_signals_is_headline(line, headline):
    assert is_headline(line) is headline


@pytest.mark.parametrize(
    ("title", "text", "low"),
    [
        ("TEST PAGE: Self-publish", "This is a test of self publishing. " * 20, True),
        ("Test", "A page. " * 100, True),
        (None, "Short stub.", True),
        ("Home", "\n".join(["Home", "News", "Sport", "Weather", "Contact us"] * 20), True),
        (
            "Testing times for Europe's banks as rates rise",
            "The central bank raised its rates on Thursday, the third rise this year. " * 10,
            False,
        ),
    ],
)
def test_signals_is_low_content(title, text, low):
    assert is_low_content(title, text) is low


def test_signals_event_date_is_a_reported_day_else_the_publication():
    published = date(2018, 5, 25)
    # the report's own day first; a day years back is background (MH17, July 2014)
    assert event_date(published, [date(2014, 7, 17), date(2018, 5, 24)]) == date(2018, 5, 24)
    assert event_date(published, [date(2014, 7, 17)]) == published
    assert event_date(None, [date(2022, 4, 3), date(2022, 4, 4)]) == date(2022, 4, 3)
    assert event_date(None, []) is None
    # undated: only the lead's days count; a day of the body alone may be background
    assert event_date(None, [date(2018, 9, 28)], lead=[]) is None
    assert event_date(None, [date(2021, 2, 26), date(2018, 9, 28)], [date(2021, 2, 26)]) == (
        date(2021, 2, 26)
    )
    # a dated article too: a day of its body alone, even within the window, is not its date
    # (a monthly column's `On the last day`, deep in the text)
    assert event_date(published, [date(2018, 5, 24)], lead=[]) == published
    assert event_date(published, [date(2018, 5, 24)], lead=[date(2018, 5, 24)]) == (
        date(2018, 5, 24)
    )


def test_signals_undated_article_takes_its_date_from_its_lead_only(nlp):
    from counterclaim.extract.dates import find_dates
    from counterclaim.extract.mentions import find_mentions

    lead = "A U.S. intelligence report released on Friday found that the crown prince approved it."
    background = "The journalist was killed on Sept. 28, 2018, in Istanbul."
    for text, expected in (
        (lead + "\n" * 2 + "\n".join([lead] * 5) + "\n" + background, None),
        ("On Feb. 26, 2021, a report was released.\n" + background, date(2021, 2, 26)),
    ):
        doc = nlp(text)
        reported = [
            (d.date, d.span.start) for d in find_dates(doc, "a1", None) if d.precision == "day"
        ]
        assert date(2018, 9, 28) in [d for d, _ in reported]
        signals = article_signals(doc, "a1", _unit(), find_mentions(doc, "a1"), reported=reported)
        assert signals.date == expected


def test_signals_years_take_the_publication_year(nlp):
    """A dated report that writes no year is still of its year: two reports of one event,
    one writing the year and one not, share it."""
    from counterclaim.extract.mentions import find_mentions

    doc = nlp("Russia and Ukraine blamed each other on Saturday for the shelling of the plant.")
    mentions = find_mentions(doc, "a1")
    dated = article_signals(doc, "a1", _unit(), mentions, published=date(2022, 8, 6))
    assert dated.years == {2022}
    assert "y:2022" in set(dated.keys())
    assert article_signals(doc, "a1", _unit(), mentions).years == frozenset()
