"""RSS 2.0 and Atom feeds: each entry with content or a summary is one article."""

import re
from pathlib import Path

import pytest
from conftest import FIXTURES

from counterclaim.pipeline import ingest

INGEST = FIXTURES / "ingest"
WIKINEWS = "https://en.wikinews.org/wiki/"

# (file, record, url, title, published, author, first words, last words, paragraphs)
ENTRIES = [
    (
        "world_news.rss",
        "entry 1",  # content:encoded wins over the description
        WIKINEWS
        + "Stampede_during_funeral_procession_of_Qasem_Soleimani_causes_deaths,_delays_burial",
        "Stampede during funeral procession of Qasem Soleimani causes deaths, delays burial",
        "2020-01-09",
        "Wikinews World Desk",
        "During the funeral of Iranian commander General Qasem Soleimani on Tuesday",
        "Mourners in Kerman.",
        5,  # three <p>, one <br/>, one figure caption
    ),
    (
        "world_news.rss",
        "entry 2",
        WIKINEWS + "Former_Egyptian_President_Hosni_Mubarak_dies",
        "Former Egyptian President Hosni Mubarak dies",
        "2020-02-27",
        "Wikinews Africa Desk",
        "On Tuesday, Hosni Mubarak, the former President of Egypt, died aged 91",
        "A military funeral was held for Mubarak on Wednesday.",
        2,
    ),
    (
        "world_news.rss",
        "entry 3",  # only an entity-escaped HTML description
        WIKINEWS
        + "Ukrainian_president_rejects_prime_minister%27s_resignation_over_leaked_audio_recording",
        "Ukrainian president rejects prime minister's resignation over leaked audio recording",
        "2020-01-18",
        None,
        "Yesterday, Ukrainian President Volodymyr Zelensky declined",
        'Zelensky said he decided to give the government "a chance".',
        2,
    ),
    (
        "health_news.atom",
        "entry 1",  # content type="html" wins over the text summary
        WIKINEWS + "German_authorities_confirm_first_case_of_novel_coronavirus_in_Germany",
        "German authorities confirm first case of novel coronavirus in Germany",
        "2020-01-28",
        "Wikinews Health Desk",
        "Yesterday evening, the Bavarian State Ministry of Public Health",
        'global risk assessment from "moderate" to "high".',
        2,
    ),
    (
        "health_news.atom",
        "entry 2",  # summary type="xhtml" only
        WIKINEWS + "German_authorities_confirm_first_case_of_novel_coronavirus_in_Germany#who",
        "WHO uncertain whether coronavirus spreads before symptoms show",
        "2020-01-29",
        "Wikinews Health Desk",
        "According to the official WHO report, there had been 2741 confirmed cases",
        "infectious before symptoms show, during the incubation period.",
        2,
    ),
]


@pytest.fixture
def feed_rows(conn) -> dict[tuple[str, str], dict]:
    report = ingest(conn, [str(INGEST / "world_news.rss"), str(INGEST / "health_news.atom")])
    assert report.rejects == []
    rows = conn.execute("SELECT * FROM articles ORDER BY seq").fetchall()
    return {(Path(r["source"]).name, r["record"]): dict(r) for r in rows}


def test_feed_every_entry_is_one_article(feed_rows):
    assert list(feed_rows) == [(e[0], e[1]) for e in ENTRIES]


@pytest.mark.parametrize(
    ("name", "record", "url", "title", "published", "author", "first", "last", "paragraphs"),
    ENTRIES,
    ids=[f"{e[0]}:{e[1]}" for e in ENTRIES],
)
def test_feed_entry(
    feed_rows, name, record, url, title, published, author, first, last, paragraphs
):
    row = feed_rows[(name, record)]
    assert row["url"] == url
    assert row["title"] == title
    assert (row["published"], row["published_source"]) == (published, "metadata")
    assert row["author"] == author
    assert (row["outlet_id"], row["outlet_source"]) == ("wikinews", "url")
    text = row["text"]
    assert text.startswith(first)
    assert text.endswith(last)
    assert len(text.split("\n\n")) == paragraphs
    # no markup, escaped or not, and no doubled spaces from the removed tags
    assert not re.search(r"<|>|&(?:lt|gt|amp|quot|#\d+);", text)
    assert "  " not in text


@pytest.mark.parametrize(
    ("content", "rejects"),
    [
        (
            '<rss version="2.0"><channel><title>Quiet</title></channel></rss>',
            [(None, "feed has no entries")],
        ),
        (
            '<rss version="2.0"><channel><title>T</title>'
            "<item><title>Photo only</title><link>https://a.example/1</link>"
            '<description>&lt;img src="p.jpg"&gt;</description></item>'
            "<item><title>Words</title><description>Text of the second entry.</description></item>"
            "</channel></rss>",
            [("entry 1", "empty text")],
        ),
    ],
    ids=["no-entries", "entry-without-text"],
)
def test_feed_unusable_entries(conn, tmp_path, content, rejects):
    path = tmp_path / "feed.rss"
    path.write_text(content)
    report = ingest(conn, [str(path)])
    assert [(r.source, r.record, r.reason) for r in report.rejects] == [
        (str(path), record, reason) for record, reason in rejects
    ]


@pytest.mark.parametrize(
    ("name", "cut_before", "kept", "cut_entry"),
    [
        # in the middle of the first entry's CDATA content: its description must not stand in
        ("world_news.rss", "It was to have been the last", 0, "entry 1"),
        ("world_news.rss", "Zelensky said he decided", 2, "entry 3"),
        ("world_news.rss", "</channel>", 3, None),  # every entry whole, the end missing
        ("health_news.atom", "WHO said they are uncertain", 1, "entry 2"),
    ],
)
def test_feed_truncated(conn, tmp_path, name, cut_before, kept, cut_entry):
    data = (INGEST / name).read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: data.index(cut_before.encode())])
    report = ingest(conn, [str(path)])
    assert [(r.source, r.record, r.reason) for r in report.rejects] == [
        (str(path), cut_entry, "truncated feed: it ends before its closing tag")
    ]
    assert report.new_articles == kept


def test_feed_not_well_formed_but_complete_is_read(conn, tmp_path):
    # a bare "&" makes the XML invalid; feedparser reads it leniently and nothing is lost
    path = tmp_path / "sloppy.rss"
    path.write_text(
        '<rss version="2.0"><channel><title>Sloppy & Sons</title>'
        "<item><title>Salt & pepper</title><description>Prices of salt & pepper rose.</description>"
        "</item></channel></rss>\n"
    )
    report = ingest(conn, [str(path)])
    assert report.rejects == []
    row = conn.execute("SELECT title, text FROM articles").fetchone()
    assert tuple(row) == ("Salt & pepper", "Prices of salt & pepper rose.")


def test_feed_out_of_line_content_falls_back_to_the_summary(conn, tmp_path):
    path = tmp_path / "video.atom"
    path.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Video desk</title><id>v</id>'
        "<updated>2020-01-01T00:00:00Z</updated><entry><title>Flood footage</title>"
        '<link href="https://video.example/flood"/><id>v1</id><updated>2020-01-01T00:00:00Z</updated>'
        "<summary>Footage shows the river bursting its banks on Friday.</summary>"
        '<content type="video/mp4" src="https://video.example/flood.mp4"/></entry></feed>'
    )
    assert ingest(conn, [str(path)]).rejects == []
    row = conn.execute("SELECT url, title, text FROM articles").fetchone()
    assert tuple(row) == (
        "https://video.example/flood",
        "Flood footage",
        "Footage shows the river bursting its banks on Friday.",
    )
