"""Dates on real sentences (the hand-checked table in date_table.py), the seed articles whole,
and the date of a saying; real spaCy model."""

from datetime import date

import pytest
from conftest import SEEDS
from date_table import DATE_TABLE, NON_DATES, DateCase

from counterclaim.extract.dates import PRODUCER, find_dates, said_on
from counterclaim.model import CharSpan

FIRST_SEED = SEEDS / "000_40f56addfa937b60.txt"  # dateline `Moscow, October 5 (RHC)--`
SECOND_SEED = SEEDS / "003_a351751347c4defc.txt"  # `date 2017-10-07`
FIRST_ANCHOR = date(2017, 10, 5)  # a Thursday
SECOND_ANCHOR = date(2017, 10, 7)  # a Saturday


def _mention_at(mentions, text, expression):
    start = text.index(expression)
    return next((m for m in mentions if m.span.start == start), None)


@pytest.fixture(scope="module", autouse=True)
def _parsed(parse):
    """Every sentence of the tables parsed in one batch (the date extractor reads the parse,
    the entities and the quotation spans, not the learned heads)."""
    parse.warm([c.sentence for c in (*DATE_TABLE, *NON_DATES)])


def _table_param(case: DateCase):
    marks = pytest.mark.xfail(strict=True, reason=case.note) if case.known_miss else ()
    return pytest.param(case, id=f"{case.published}-{case.expression}", marks=marks)


@pytest.mark.parametrize("case", [_table_param(c) for c in DATE_TABLE])
def test_dates_resolve_as_checked_by_hand(parse, case):
    mentions = find_dates(parse(case.sentence), "test", case.published)
    mention = _mention_at(mentions, case.sentence, case.expression)
    found = [m.span.of(case.sentence) for m in mentions]
    assert mention is not None, f"{case.expression!r} not among {found}"
    assert mention.span.of(case.sentence) == case.expression, found
    assert (mention.date, mention.precision, mention.end) == (
        case.expected,
        case.precision,
        case.end,
    ), case.note


@pytest.mark.parametrize("case", NON_DATES, ids=lambda c: f"{c.published}-{c.expression}")
def test_dates_skip_non_dates(parse, case):
    start = case.sentence.index(case.expression)
    end = start + len(case.expression)
    mentions = find_dates(parse(case.sentence), "test", case.published)
    overlapping = [
        m.span.of(case.sentence) for m in mentions if m.span.start < end and start < m.span.end
    ]
    assert overlapping == [], case.note


def test_dates_table_is_real_and_large_enough():
    assert len({c.sentence for c in DATE_TABLE}) >= 60
    sources = ("seeds/", "wikinews_2019.csv: ", "wikinews_2020.csv: ", "polnear/train/text/")
    for case in DATE_TABLE:
        assert case.source.startswith(sources), case.source
        assert case.expression in case.sentence
        assert case.precision in ("day", "month", "year")
        assert case.end is None or case.end > case.expected
    for case in DATE_TABLE:
        if case.source.startswith("polnear/"):
            assert case.source.split("_")[1] == case.published.isoformat()  # date in the name


@pytest.mark.parametrize(
    ("path", "anchor", "expression", "expected", "precision"),
    [
        (FIRST_SEED, FIRST_ANCHOR, "on Wednesday", date(2017, 10, 4), "day"),
        (FIRST_SEED, FIRST_ANCHOR, "in September 2015", date(2015, 9, 1), "month"),
        (FIRST_SEED, FIRST_ANCHOR, "last month", date(2017, 9, 1), "month"),
        (FIRST_SEED, FIRST_ANCHOR, "over the past two years", date(2015, 1, 1), "year"),
        (SECOND_SEED, SECOND_ANCHOR, "on Friday", date(2017, 10, 6), "day"),
        (SECOND_SEED, SECOND_ANCHOR, "on Wednesday", date(2017, 10, 4), "day"),
        (SECOND_SEED, SECOND_ANCHOR, "The same day", date(2017, 10, 4), "day"),
        (SECOND_SEED, SECOND_ANCHOR, "On September 28", date(2017, 9, 28), "day"),
        (SECOND_SEED, SECOND_ANCHOR, "On the same day", date(2017, 9, 28), "day"),
        (SECOND_SEED, SECOND_ANCHOR, "Earlier in September", date(2017, 9, 1), "month"),
    ],
)
def test_dates_resolve_in_the_seed_articles(parse, path, anchor, expression, expected, precision):
    text = path.read_text("utf-8")
    mention = _mention_at(find_dates(parse(text), "seed", anchor), text, expression)
    assert mention is not None
    assert mention.span.of(text) == expression
    assert (mention.date, mention.precision, mention.anchor) == (expected, precision, anchor)


def test_dates_past_two_years_is_a_range_ending_at_the_anchor(parse):
    text = FIRST_SEED.read_text("utf-8")
    mention = _mention_at(find_dates(parse(text), "seed", FIRST_ANCHOR), text, "over the past")
    assert (mention.date, mention.end) == (date(2015, 1, 1), FIRST_ANCHOR)


def test_dates_carry_provenance_and_trust_explicit_years_more(parse):
    text = FIRST_SEED.read_text("utf-8")
    mentions = find_dates(parse(text), "seed", FIRST_ANCHOR)
    assert all(m.provenance.producer == PRODUCER for m in mentions)
    assert all(0 < m.provenance.confidence <= 1 for m in mentions)
    assert all(m.article_id == "seed" for m in mentions)
    explicit = _mention_at(mentions, text, "in September 2015")
    guessed = _mention_at(mentions, text, "on Wednesday")
    assert explicit.provenance.confidence > guessed.provenance.confidence


def test_dates_without_anchor_keep_only_dates_with_their_year(parse):
    text = FIRST_SEED.read_text("utf-8")
    mentions = find_dates(parse(text), "seed", None)
    assert [m.span.of(text) for m in mentions] == ["in September 2015"]
    assert mentions[0].anchor is None


def test_dates_leave_the_doc_alone_and_repeat(parse):
    doc = parse(SECOND_SEED.read_text("utf-8"))
    before = doc.to_bytes()
    first = find_dates(doc, "seed", SECOND_ANCHOR)
    assert find_dates(doc, "seed", SECOND_ANCHOR) == first
    assert doc.to_bytes() == before


@pytest.mark.parametrize(
    ("sentence", "expression", "expected"),
    [
        # no sentence of the corpora has `on the 5th`: these three are made up
        ("The vote took place on the 5th.", "on the 5th", date(2019, 1, 5)),
        ("The vote took place on the 25th.", "on the 25th", date(2018, 12, 25)),
        ("The vote will take place on the 25th.", "on the 25th", date(2019, 1, 25)),
    ],
)
def test_dates_day_of_month_alone(parse, sentence, expression, expected):
    (mention,) = find_dates(parse(sentence), "test", date(2019, 1, 10))
    assert (mention.span.of(sentence), mention.date, mention.precision) == (
        expression,
        expected,
        "day",
    )


def _cue(text: str, phrase: str, word: str) -> CharSpan:
    start = text.index(phrase) + phrase.index(word)
    return CharSpan(start, start + len(word))


@pytest.mark.parametrize(
    ("path", "anchor", "phrase", "cue", "expected"),
    [
        (FIRST_SEED, FIRST_ANCHOR, "said on Wednesday", "said", date(2017, 10, 4)),
        (
            SECOND_SEED,
            SECOND_ANCHOR,
            "told Sputnik on Friday commenting",
            "told",
            date(2017, 10, 6),
        ),
        (SECOND_SEED, SECOND_ANCHOR, "told Sputnik on Friday it", "told", date(2017, 10, 6)),
        (
            SECOND_SEED,
            SECOND_ANCHOR,
            "The Russian Defense Ministry said on Wednesday",
            "said",
            date(2017, 10, 4),
        ),
        (SECOND_SEED, SECOND_ANCHOR, "the Pentagon denied complicity", "denied", date(2017, 10, 4)),
    ],
)
def test_dates_said_on_dates_the_saying(parse, path, anchor, phrase, cue, expected):
    text = path.read_text("utf-8")
    doc = parse(text)
    mention = said_on(doc, _cue(text, phrase, cue), find_dates(doc, "seed", anchor))
    assert mention is not None
    assert mention.date == expected


@pytest.mark.parametrize(
    ("sentence", "anchor", "cue", "expected"),
    [
        # the date of the content is not the date of the saying
        (
            "The NHC predicted that Humberto would pass by Bermuda Wednesday night, before "
            "beginning to weaken on Thursday.",
            date(2019, 9, 19),
            "predicted",
            None,
        ),
        (
            'Toronto Police, which indicated on Monday a "significant development" was likely '
            "at Tuesday's hearing, face allegations they failed to react quickly enough to the "
            "series of disappearances.",
            date(2019, 2, 1),
            "indicated",
            "on Monday",
        ),
        (
            "“You just can’t equate the two, and I wasn’t meaning to equate the two,” Grassley "
            "said Wednesday afternoon.",
            date(2016, 6, 8),
            "said",
            "Wednesday afternoon",
        ),
    ],
)
def test_dates_said_on_skips_the_content(parse, sentence, anchor, cue, expected):
    doc = parse(sentence)
    mention = said_on(doc, _cue(sentence, cue, cue), find_dates(doc, "test", anchor))
    assert (mention.span.of(sentence) if mention else None) == expected


def test_dates_said_on_nothing_when_the_cue_has_no_date(parse):
    text = FIRST_SEED.read_text("utf-8")
    doc = parse(text)
    cue = _cue(text, "The Russian general said", "said")
    assert said_on(doc, cue, find_dates(doc, "seed", FIRST_ANCHOR)) is None
