import pytest
from conftest import SEEDS

from counterclaim.ingest.text import parse_text_document


def test_text_seed_format_first_seed():
    title, body, url = parse_text_document((SEEDS / "000_40f56addfa937b60.txt").read_text())
    assert title == "Russia Accuses U.S. of Supporting and 'Flirting With' Daesh in Eastern Syria"
    assert url.startswith("https://www.radiohc.cu/index.php/en/noticias/internacionales/143502")
    assert body.startswith("Moscow, October 5 (RHC)-- Russia has accused")
    assert body.endswith("broke last month.")
    assert "---" not in body and "Radio Habana Cuba" not in body


def test_text_seed_format_second_seed():
    title, body, url = parse_text_document((SEEDS / "003_a351751347c4defc.txt").read_text())
    assert title is None and url is None
    assert body.startswith("date 2017-10-07 WASHINGTON (Sputnik)")


@pytest.mark.parametrize(
    ("text", "title", "body_start"),
    [
        ("Storm hits coast\n\nThe storm arrived on Monday.", "Storm hits coast", "The storm"),
        ("The storm arrived on Monday.\n\nIt left.", None, "The storm"),
        ("# Heading\nBody text.", "Heading", "Body text."),
        ("A single line of text.", None, "A single line"),
        ("Short line:\n\nnext paragraph.", None, "Short line:"),
    ],
)
def test_text_title_detection(text, title, body_start):
    found_title, body, url = parse_text_document(text)
    assert found_title == title
    assert body.startswith(body_start)
    assert url is None


def test_text_bare_url_footer():
    title, body, url = parse_text_document("# T\n\nBody.\n\n---\n\nhttps://example.org/a?b=1\n")
    assert (title, body, url) == ("T", "Body.", "https://example.org/a?b=1")
