"""JSONL, JSON and CSV: one article per record, documented and alternative column names."""

import json
from pathlib import Path

import pytest
from conftest import FIXTURES

from counterclaim.ingest.readers import ReadOptions
from counterclaim.ingest.tabular import read_csv, record_to_raw
from counterclaim.model import RawArticle, Reject
from counterclaim.pipeline import IngestOptions, ingest

INGEST = FIXTURES / "ingest"
WIKINEWS = "https://en.wikinews.org/wiki/"

# (file, record, url, title, published, outlet id, outlet evidence, author, text start)
EXPECTED = [
    (
        "articles.jsonl",
        "line 1",
        WIKINEWS + "Russia%27s_Navalny_airlifted_to_Germany",
        "Russia's Navalny airlifted to Germany",
        "2020-08-22",
        "wikinews",
        "metadata",
        None,
        "Today, Russian opposition leader Alexei Navalny was airlifted",
    ),
    (
        "articles.jsonl",
        "line 2",  # link, headline, body, pubDate (RFC 2822), byline
        WIKINEWS + "Iran_admits_downing_Ukrainian_jet,_cites_%27human_error%27",
        "Iran admits downing Ukrainian jet, cites 'human error'",
        "2020-01-13",
        "wikinews",
        "url",
        "Wikinews contributors",
        "On Saturday morning, representatives from Iran acknowledged",
    ),
    (
        "articles.jsonl",
        "line 3",  # a mirror's URL, but the record says Sputnik
        "https://news-mirror.example/world/2020/09/05/navalny-novichok",
        "Germany says Alexei Navalny poisoned with Novichok",
        "2020-09-05",
        "sputnik",
        "metadata",
        None,
        "On Wednesday, the German government said",
    ),
    (
        "articles.json",
        "item 1",  # source_url, headline, articleBody, datePublished, authors (a list), site_name
        WIKINEWS + "British_mathematician_Richard_K._Guy_dies_at_103",
        "British mathematician Richard K. Guy dies at 103",
        "2020-03-12",
        "wikinews",
        "metadata",
        "Wikinews contributors",
        "Richard Kenneth Guy, a British mathematician",
    ),
    (
        "articles.json",
        "item 2",  # content, date_publish, publisher
        "https://mirror.example.net/politics/sanders-endorses-biden",
        "Bernie Sanders endorses Joe Biden in 2020 United States presidential election",
        "2020-04-15",
        "sputnik",
        "metadata",
        None,
        "On Monday, United States Senator from Vermont Bernie Sanders",
    ),
    (
        "articles.csv",
        "row ending on line 6",  # a quoted text of three paragraphs spans lines 2 to 6
        WIKINEWS + "U.S._House_to_decide_on_submitting_articles_of_impeachment_to_Senate",
        "U.S. House to decide on submitting articles of impeachment to Senate",
        "2020-01-15",
        "wikinews",
        "metadata",
        None,
        "Yesterday, United States House of Representatives Speaker Nancy Pelosi",
    ),
    (
        "articles.csv",
        "row ending on line 9",
        "https://mirror.example.net/health/one-million",
        "SARS-CoV-2 surpasses one million confirmed infections in the United States",
        "2020-04-29",
        "sputnik",
        "metadata",
        None,
        "Yesterday, the total number of confirmed cases of the SARS-CoV-2 coronavirus",
    ),
    (
        "articles.csv",
        "row ending on line 12",  # empty published and outlet: outlet from the URL, no date
        WIKINEWS + "Chilean_authorities_report_first_COVID-19_outbreak_in_Antarctica",
        "Chilean authorities report first COVID-19 outbreak in Antarctica",
        None,
        "wikinews",
        "url",
        None,
        "On Sunday, Chilean military authorities reported 36 infections",
    ),
]


@pytest.fixture
def tabular_rows(conn) -> dict[tuple[str, str], dict]:
    files = [str(INGEST / name) for name in ("articles.jsonl", "articles.json", "articles.csv")]
    report = ingest(conn, files)
    assert report.rejects == []
    rows = conn.execute("SELECT * FROM articles ORDER BY seq").fetchall()
    return {(Path(r["source"]).name, r["record"]): dict(r) for r in rows}


def test_tabular_every_record_is_one_article(tabular_rows):
    assert sorted(tabular_rows) == sorted((e[0], e[1]) for e in EXPECTED)


@pytest.mark.parametrize(
    ("name", "record", "url", "title", "published", "outlet", "evidence", "author", "start"),
    EXPECTED,
    ids=[f"{e[0]}:{e[1]}" for e in EXPECTED],
)
def test_tabular_record_fields(
    tabular_rows, name, record, url, title, published, outlet, evidence, author, start
):
    row = tabular_rows[(name, record)]
    assert row["url"] == url
    assert row["title"] == title
    assert row["published"] == published
    assert (row["outlet_id"], row["outlet_source"]) == (outlet, evidence)
    assert row["author"] == author
    assert row["text"].startswith(start)


def test_tabular_sputnik_outlet_is_the_registered_one(tabular_rows, conn):
    sputnik = [key for key, row in tabular_rows.items() if row["outlet_id"] == "sputnik"]
    assert len(sputnik) == 3
    outlet = conn.execute("SELECT * FROM outlets WHERE id = 'sputnik'").fetchone()
    assert (outlet["name"], outlet["country"], outlet["state_affiliated"]) == ("Sputnik", "RU", 1)


def test_tabular_csv_multiline_text_keeps_its_paragraphs(tabular_rows):
    text = tabular_rows[("articles.csv", "row ending on line 6")]["text"]
    assert text.count("\n\n") == 2
    assert "\n\nMitch McConnell, the Senate Majority Leader" in text


def test_tabular_wikinews_csv_row(conn):
    report = ingest(conn, [str(INGEST / "wikinews_row.csv")])
    assert report.rejects == []
    (row,) = conn.execute("SELECT * FROM articles").fetchall()
    assert row["url"] == (
        "https://en.wikinews.org//wiki/"
        "Engineer_killed_while_working_on_travelator_at_London_Waterloo_station"
    )
    assert row["title"] == "Engineer killed while working on travelator at London Waterloo station"
    assert (row["published"], row["published_source"]) == ("2019-09-20", "metadata")
    assert (row["outlet_id"], row["outlet_source"]) == ("wikinews", "url")
    assert row["record"] == "row ending on line 19"
    # the leading "Friday, September 20, 2019" line is date evidence, not article text
    assert row["text"].startswith("Very early Wednesday morning, an engineer was killed")
    assert row["text"].endswith('ensure it cannot happen again."')


@pytest.mark.parametrize(
    ("row", "field", "value"),
    [
        ({"maintext": "T.", "source_url": "https://a.example/1"}, "url", "https://a.example/1"),
        ({"content": "T.", "headline": "H"}, "title", "H"),
        ({"articleBody": "T.", "published_at": "2020-01-02"}, "published", "2020-01-02"),
        (
            {"text": "T.", "datePublished": "2020-01-02T03:04:05Z"},
            "published",
            "2020-01-02T03:04:05Z",
        ),
        ({"text": "T.", "site": "RT"}, "outlet", "RT"),
        ({"text": "T.", "domain": "tass.com"}, "outlet", "tass.com"),
        ({"text": "T.", "authors": ["A. One", "", "B. Two"]}, "author", "A. One, B. Two"),
        # schema.org objects stand for their name
        ({"text": "T.", "author": {"@type": "Person", "name": "Ann Lee"}}, "author", "Ann Lee"),
        (
            {"text": "T.", "authors": [{"name": "A. One"}, {"name": "B. Two"}]},
            "author",
            "A. One, B. Two",
        ),
        ({"text": "T.", "publisher": {"@type": "Organization", "name": "TASS"}}, "outlet", "TASS"),
        ({"text": "T.", "source": {"id": None, "name": "Reuters"}}, "outlet", "Reuters"),
        # a list of paragraphs
        ({"text": ["First paragraph.", "", "Second."]}, "text", "First paragraph.\n\nSecond."),
        # the documented name wins over an alternative
        ({"text": "T.", "body": "other", "title": "doc", "headline": "alt"}, "title", "doc"),
        ({"text": "T.", "body": "other"}, "text", "T."),
        # an empty documented field falls through to the next name
        ({"text": "", "body": "B."}, "text", "B."),
    ],
)
def test_tabular_alternative_column_names(row, field, value):
    raw = record_to_raw(row, "in.jsonl", "line 1", ReadOptions())
    assert isinstance(raw, RawArticle)
    assert getattr(raw, field) == value


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ({"title": "No text"}, "empty text"),
        ({"text": "  \n "}, "empty text"),
        ([1, 2], "expected an object, got list"),
        ("just a string", "expected an object, got str"),
        ({"text": "é" * 600}, "text larger than 1,000 bytes"),
    ],
)
def test_tabular_record_rejected(row, reason):
    assert record_to_raw(row, "in.jsonl", "line 7", ReadOptions(max_record_bytes=1000)) == Reject(
        "in.jsonl", "line 7", reason
    )


def test_tabular_json_single_object(conn, tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"url": "https://a.example/1", "text": "One article."}))
    assert ingest(conn, [str(path)]).rejects == []
    row = conn.execute("SELECT url, text, record FROM articles").fetchone()
    assert tuple(row) == ("https://a.example/1", "One article.", "item 1")


def test_tabular_json_lines_under_a_json_name(conn, tmp_path):
    path = tmp_path / "lines.json"
    path.write_text('{"text": "First article."}\n\n{"text": "Second article."}\n')
    assert ingest(conn, [str(path)]).rejects == []
    rows = conn.execute("SELECT record, text FROM articles ORDER BY seq").fetchall()
    assert [tuple(r) for r in rows] == [("line 1", "First article."), ("line 3", "Second article.")]


def test_tabular_json_lines_over_the_size_cap_are_read_line_by_line(conn, tmp_path):
    path = tmp_path / "lines.json"
    path.write_text("".join(json.dumps({"text": f"Article number {n}."}) + "\n" for n in range(20)))
    options = IngestOptions(read=ReadOptions(max_bytes=100))
    report = ingest(conn, [str(path)], options)
    assert report.rejects == []
    assert report.new_articles == 20


def test_tabular_json_array_over_the_size_cap_is_rejected(conn, tmp_path):
    path = tmp_path / "big.json"
    path.write_text(json.dumps([{"text": f"Article number {n}."} for n in range(20)]))
    report = ingest(conn, [str(path)], IngestOptions(read=ReadOptions(max_bytes=100)))
    assert [(r.source, r.record, r.reason) for r in report.rejects] == [
        (str(path), None, "larger than the size cap of 100 bytes")
    ]
    assert report.new_articles == 0


def test_tabular_malformed_json_array_is_one_reject(conn, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"text": "First."},\n  {"text": "Second."\n  {"text": "Third."}\n]\n')
    report = ingest(conn, [str(path)])
    assert [(r.source, r.record, r.reason) for r in report.rejects] == [
        (str(path), None, "malformed JSON: Expecting ',' delimiter at line 4 column 3")
    ]


def test_tabular_jsonl_line_over_the_size_cap(conn, tmp_path):
    path = tmp_path / "long.jsonl"
    lines = ['{"text": "Short one."}', json.dumps({"text": "x " * 200}), '{"text": "Short two."}']
    path.write_text("\n".join(lines) + "\n")
    report = ingest(conn, [str(path)], IngestOptions(read=ReadOptions(max_bytes=100)))
    assert [(r.record, r.reason) for r in report.rejects] == [
        ("line 2", "line larger than the size cap of 100 bytes")
    ]
    texts = [r[0] for r in conn.execute("SELECT text FROM articles ORDER BY seq")]
    assert texts == ["Short one.", "Short two."]


def test_tabular_csv_undecodable_row_rejected_alone(conn, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"url,title,text\n"
        b"https://b.example/1,One,First row text.\n"
        b'https://b.example/2,Two,"Second row,\n caf\xe9 in Latin-1."\n'
        b"https://b.example/3,Three,Third row text.\n"
    )
    report = ingest(conn, [str(path)])
    assert [(r.record, r.reason) for r in report.rejects] == [
        ("row ending on line 4", "cannot decode line 4 as UTF-8")
    ]
    urls = [r[0] for r in conn.execute("SELECT url FROM articles ORDER BY seq")]
    assert urls == ["https://b.example/1", "https://b.example/3"]


def test_tabular_tsv_and_byte_order_mark(tmp_path):
    path = tmp_path / "export.tsv"
    path.write_bytes("\ufefftitle\ttext\nA tab, here\tText with, commas.\n".encode())
    with path.open("rb") as stream:
        (raw,) = read_csv(stream, str(path), ReadOptions())
    assert (raw.title, raw.text, raw.record) == (
        "A tab, here",
        "Text with, commas.",
        "row ending on line 2",
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"url,title\nhttps://a.example/1,No text column\n", "no text column"),
        (b"url,t\xe9xt\nhttps://a.example/1,x\n", "cannot decode the header row as UTF-8"),
    ],
)
def test_tabular_csv_unusable_header(conn, tmp_path, content, reason):
    path = tmp_path / "table.csv"
    path.write_bytes(content)
    (reject,) = ingest(conn, [str(path)]).rejects
    assert (reject.source, reject.record) == (str(path), None)
    assert reject.reason.startswith(reason)
