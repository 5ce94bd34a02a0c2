"""HTML pages: metadata, main text without page furniture, and the wire dateline."""

from pathlib import Path

import pytest
from conftest import FIXTURES

from counterclaim.pipeline import ingest

PAGE = FIXTURES / "ingest" / "reuters_article.html"
CANONICAL = (
    "https://www.reuters.com/article/uk-britain-usa-crash/"
    "uk-urges-us-to-waive-immunity-for-diplomats-wife-after-fatal-crash-idUSKBN1WP0XY"
)
PARAGRAPH_STARTS = (
    "LONDON, Oct 10 (Reuters) - Prime Minister Boris Johnson on Monday joined calls",
    "Johnson was questioned about the case while speaking to the press",
    '"I hope that Anne Sacoolas will come back',
    "Dunn, 19, was struck by a Volvo XC90",
    "Northamptonshire's chief constable Nick Adderley wrote",
    "Foreign Secretary Dominic Raab urged the embassy",
)


def ingest_page(conn, path: Path) -> dict:
    report = ingest(conn, [str(path)])
    assert report.rejects == []
    (row,) = conn.execute("SELECT * FROM articles").fetchall()
    return dict(row)


def variant(tmp_path: Path, replacements: dict[str, str], drop: tuple[str, ...] = ()) -> Path:
    """A copy of the fixture page with some text replaced and the lines containing `drop` gone."""
    html = PAGE.read_text("utf-8")
    for old, new in replacements.items():
        assert old in html
        html = html.replace(old, new)
    lines = [line for line in html.splitlines() if not any(d in line for d in drop)]
    path = tmp_path / "saved_page.html"
    path.write_text("\n".join(lines), "utf-8")
    return path


@pytest.fixture
def page(conn) -> dict:
    return ingest_page(conn, PAGE)


def test_html_metadata(page):
    assert page["title"] == "UK urges US to waive immunity for diplomat's wife after fatal crash"
    assert page["url"] == CANONICAL
    assert page["published"] == "2019-10-10"
    assert page["published_source"] == "metadata"
    assert page["author"] == "Jane Whitfield"
    assert page["language"] == "en"
    assert page["source"] == str(PAGE)


@pytest.mark.parametrize(
    ("drop", "url", "outlet_source"),
    [
        ((), CANONICAL, "url"),
        # a page saved without its canonical URL: og:site_name "Reuters" names the outlet
        (('rel="canonical"', 'property="og:url"'), None, "site name"),
    ],
    ids=["canonical-url", "site-name-only"],
)
def test_html_outlet(conn, tmp_path, drop, url, outlet_source):
    row = ingest_page(conn, variant(tmp_path, {}, drop))
    assert row["url"] == url
    assert (row["outlet_id"], row["outlet_source"]) == ("reuters", outlet_source)
    outlet = conn.execute("SELECT * FROM outlets WHERE id = 'reuters'").fetchone()
    assert (outlet["name"], outlet["kind"], outlet["country"]) == ("Reuters", "wire", "GB")


def test_html_text_is_the_article_paragraphs_in_order(page):
    paragraphs = page["text"].split("\n")
    assert len(paragraphs) == len(PARAGRAPH_STARTS)
    for paragraph, start in zip(paragraphs, PARAGRAPH_STARTS, strict=True):
        assert paragraph.startswith(start)
    assert page["text"].endswith('"intense attention at senior levels".')


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Skip to main content",  # skip link
        "Breakingviews",  # main menu
        "Sign In",  # account menu
        "Subscribe to our daily briefing",  # header ticker
        "United Kingdom",  # breadcrumb (the article itself says "Britain")
        "By Jane Whitfield",  # byline: stored as the author, not in the text
        "9:41 AM UTC",  # time stamp
        "Read Next",  # related links
        "Johnson sets out final Brexit offer",
        "Privacy Policy",  # footer menu
        "All quotes delayed",  # footer
        "All rights reserved",
        "dataLayer",  # script
    ],
)
def test_html_boilerplate_not_in_text(page, boilerplate):
    assert boilerplate not in page["text"]


def test_html_headline_not_repeated_in_text(page):
    assert page["title"] not in page["text"]


def test_html_wire_dateline_of_own_outlet(page):
    start, end = page["dateline_start"], page["dateline_end"]
    assert page["text"][start:end].rstrip() == "LONDON, Oct 10 (Reuters) -"
    assert page["dateline_place"] == "London"
    assert page["dateline_agency"] == "Reuters"
    assert page["dateline_date"] == "2019-10-10"
    # Reuters' own dateline on a Reuters page: the article was not taken from anyone else
    assert page["origin_name"] is None and page["origin_evidence"] is None


def test_html_wire_dateline_on_another_site_is_the_origin(conn, tmp_path):
    path = variant(
        tmp_path,
        {
            "https://www.reuters.com/": "https://www.dailyexample.co.uk/",
            'og:site_name" content="Reuters"': 'og:site_name" content="The Daily Example"',
        },
    )
    row = ingest_page(conn, path)
    assert row["outlet_id"] == "dailyexample.co.uk"
    assert row["dateline_agency"] == "Reuters"
    assert (row["origin_name"], row["origin_outlet_id"]) == ("Reuters", "reuters")
    assert row["origin_evidence"] == "dateline"
    assert (row["origin_start"], row["origin_end"]) == (row["dateline_start"], row["dateline_end"])


def test_html_page_without_article_text_is_rejected(conn, tmp_path):
    path = tmp_path / "video.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Watch live</title></head><body>"
        '<script src="/player.js"></script><div id="player"><img src="/poster.jpg" alt=""></div>'
        "</body></html>"
    )
    report = ingest(conn, [str(PAGE), str(path)])
    assert [(r.source, r.reason) for r in report.rejects] == [
        (str(path), "no main text found in the HTML")
    ]
    assert report.new_articles == 1


def test_html_declared_legacy_encoding(conn, tmp_path):
    path = variant(
        tmp_path,
        {
            '<meta charset="utf-8">': '<meta charset="windows-1252">',
            "Boris Johnson on Monday joined": "Boris Johnson, at a café on Monday, joined",
        },
    )
    path.write_bytes(path.read_text("utf-8").encode("cp1252"))
    row = ingest_page(conn, path)
    assert "Boris Johnson, at a café on Monday, joined" in row["text"]
