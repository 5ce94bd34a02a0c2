"""Quotation spans by marks alone."""

from counterclaim.nlp.quotes import find_quotes


def _quotes(text):
    return [q.of(text) for q in find_quotes(text)]


def test_quotes_straight_marks_continue_into_the_next_quoted_paragraph():
    # news convention: an open quote at a paragraph end goes on in the next paragraph, whose
    # opening mark (with straight quotes the same character as the closing one) opens nothing
    text = 'He said: "We found graves.\n\n"They were civilians." Then he left.'
    assert _quotes(text) == ['"We found graves.\n\n"They were civilians."']


def test_quotes_curly_marks_continue_and_a_stray_mark_stops():
    text = "“A first part.\n\n“A second part.” Plain. “Stray\n\nNot quoted."
    assert _quotes(text) == ["“A first part.\n\n“A second part.”"]


def test_quotes_a_straight_opening_mark_closes_with_a_curly_one():
    text = '"We managed,” the ministry said.\n"They are guarded.”\nNext.'
    assert _quotes(text) == ['"We managed,”', '"They are guarded.”']
