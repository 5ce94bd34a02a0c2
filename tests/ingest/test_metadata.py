from datetime import date

import pytest

from counterclaim.ingest.metadata import (
    enrich,
    find_byline,
    find_credit,
    find_dateline,
    parse_date,
)
from counterclaim.ingest.outlets import load_registry
from counterclaim.model import RawArticle

REGISTRY = load_registry()


@pytest.mark.parametrize(
    ("text", "place", "month_day", "year", "agency"),
    [
        ("Moscow, October 5 (RHC)-- Russia has accused", "Moscow", (10, 5), None, "RHC"),
        (
            "WASHINGTON (Sputnik) – The aim of the US-led coalition",
            "Washington",
            None,
            None,
            "Sputnik",
        ),
        (
            "LONDON, Oct 5 (Reuters) - Britain's finance minister",
            "London",
            (10, 5),
            None,
            "Reuters",
        ),
        ("BEIJING, Oct. 5 (Xinhua) -- China on Thursday", "Beijing", (10, 5), None, "Xinhua"),
        ("MOSCOW, October 5. /TASS/. Russia's Defense Ministry", "Moscow", (10, 5), None, "TASS"),
        ("WASHINGTON (AP) — The Senate voted", "Washington", None, None, "AP"),
        ("NEW YORK, Jan. 3, 2019 (AP) — Stocks fell", "New York", (1, 3), 2019, "AP"),
        ("WASHINGTON, Oct 5 — Officials said", "Washington", (10, 5), None, None),
        ("SAN JUAN, Puerto Rico (AP) — Crews restored", "San Juan, Puerto Rico", None, None, "AP"),
        # a copy that dropped the agency and its dash
        ("HANOI Mar 14 Vietnam proposed talks", "Hanoi", (3, 14), None, None),
    ],
)
def test_metadata_dateline_parses(text, place, month_day, year, agency):
    match = find_dateline(text)
    assert match is not None
    assert match.place == place
    assert (match.month, match.day) == (month_day or (None, None))
    assert match.year == year
    assert match.agency == agency
    assert match.span.start == 0 and text[match.span.end :].strip()[0].isalpha()


@pytest.mark.parametrize(
    "text",
    [
        "Russia has accused the U.S. forces of providing intelligence (RHC) to terrorists.",
        "The President said on Monday - in a speech - that taxes would rise.",
        "Washington, the capital, is quiet - for now.",
        "An apartment building collapsed on Monday in Magnitogorsk.",
        "UN Jan 6 Committee hearings resumed.",
        "Madrid Mar 14 Vietnam proposed talks",  # no agency, no dash: only capitals read so
    ],
)
def test_metadata_dateline_not_found_in_ordinary_sentences(text):
    assert find_dateline(text) is None


def test_metadata_dateline_found_in_second_paragraph():
    text = "Breaking news\n\nMOSCOW, October 5 (Sputnik) - The ministry said."
    match = find_dateline(text)
    assert match is not None and match.agency == "Sputnik"
    assert text[match.span.start :].startswith("MOSCOW")


@pytest.mark.parametrize(
    ("text", "outlet", "published"),
    [
        (
            "**Radio Habana Cuba** date 2017-10-07 WASHINGTON (Sputnik) –",
            "Radio Habana Cuba",
            date(2017, 10, 7),
        ),
        (" date 2017-10-07 WASHINGTON (Sputnik) – The aim", None, date(2017, 10, 7)),
        # a saved page's line, capitalised as written
        ("Published: 2022-08-06\n\nMOSCOW (AP) — The Kremlin", None, date(2022, 8, 6)),
        ("POSTED 2019-04-09 Islamabad", None, date(2019, 4, 9)),
        ("Friday, January 4, 2019\xa0\n\n\nAn apartment building", None, date(2019, 1, 4)),
        ("**Reuters**\nLONDON (Reuters) - Text", "Reuters", None),
    ],
)
def test_metadata_byline(text, outlet, published):
    byline = find_byline(text)
    assert byline is not None
    assert (byline.outlet, byline.published) == (outlet, published)


def test_metadata_byline_absent():
    assert find_byline("Moscow, October 5 (RHC)-- Russia has accused") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-10-05", date(2017, 10, 5)),
        ("2017-10-05T10:00:00Z", date(2017, 10, 5)),
        ("Thu, 05 Oct 2017 10:00:00 +0000", date(2017, 10, 5)),
        ("October 5, 2017", date(2017, 10, 5)),
        ("not a date", None),
        ("", None),
    ],
)
def test_metadata_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("The ministry said so.\n\n(Source: Sputnik)", "Sputnik"),
        ("The ministry said so.\n\nSource: TASS", "TASS"),
        ("The ministry said so, with files from AFP.", "Agence France-Presse"),
        ("The ministry said so.\n\nReuters contributed to this report.", "Reuters"),
    ],
)
def test_metadata_credit_line(text, outlet):
    found = find_credit(text, REGISTRY)
    assert found is not None
    assert found[0].name == outlet
    assert text[found[1].start : found[1].end] in {outlet, "AFP"}


def test_metadata_credit_line_needs_a_registered_outlet():
    assert find_credit("The talks went on.\n\nSource: my neighbour", REGISTRY) is None


@pytest.mark.parametrize(
    ("url", "outlet_id"),
    [
        ("https://www.radiohc.cu/index.php/en/noticias/1", "radiohc"),
        ("https://en.radiohc.cu/x", "radiohc"),
        ("https://sputniknews.com/x", "sputnik"),
        ("https://www.reuters.com/world/x", "reuters"),
        ("https://en.wikinews.org//wiki/X", "wikinews"),
        ("https://example.org/x", "example.org"),
    ],
)
def test_metadata_outlet_from_url(url, outlet_id):
    article, _ = enrich(
        RawArticle(source="x", record=None, text="Some text here.", url=url), REGISTRY
    )
    assert article.outlet is not None and article.outlet.id == outlet_id
    assert article.outlet_source == "url"


def test_metadata_origin_from_dateline_of_other_outlet():
    raw = RawArticle(
        source="x",
        record=None,
        url="https://www.radiohc.cu/a",
        text="WASHINGTON (Sputnik) – The aim of the coalition is clear.",
    )
    article, _ = enrich(raw, REGISTRY)
    assert article.origin is not None
    assert (article.origin.name, article.origin.evidence) == ("Sputnik", "dateline")
    assert article.text[article.origin.span.start :].startswith("WASHINGTON")


def test_metadata_no_origin_from_own_dateline():
    raw = RawArticle(
        source="x",
        record=None,
        url="https://www.radiohc.cu/a",
        text="Moscow, October 5 (RHC)-- Russia has accused the U.S.",
    )
    article, _ = enrich(raw, REGISTRY)
    assert article.origin is None


def test_metadata_user_registry_overrides(tmp_path):
    user = tmp_path / "outlets.toml"
    user.write_text(
        '[outlets.example]\nname = "Example Daily"\ndomains = ["example.org"]\n'
        'country = "NZ"\nkind = "newspaper"\nstate_affiliated = false\n'
        '[outlets.rt]\ncountry = "XX"\n'
    )
    registry = load_registry(user)
    assert registry.for_url("https://www.example.org/a").name == "Example Daily"
    rt = registry.by_name("Russia Today")
    assert (rt.country, rt.kind) == ("XX", "state media")


def test_metadata_user_registry_bad_file(tmp_path):
    user = tmp_path / "outlets.toml"
    user.write_text("[outlets.x\nname=")
    with pytest.raises(ValueError, match="outlets.toml"):
        load_registry(user)


def test_metadata_outlet_column_with_a_bare_domain():
    raw = RawArticle(source="x", record=None, text="Some text here.", outlet="sputniknews.com")
    article, _ = enrich(raw, REGISTRY)
    assert article.outlet.id == "sputnik"
