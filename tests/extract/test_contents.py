"""Contents are propositions, cut at the paragraph (sentences written for the test), real
spaCy model and attribution tagger."""

from dataclasses import replace

import pytest

from counterclaim.model import CharSpan, Provenance, Speaker, Statement

_JUNK = {"which", "that", "each", "it", "this", "those", "they", "he", "she", "what", "who"}


def _contents(analyse, text):
    text, facts = analyse(text)
    return [(s.content.of(text), s.act, s.act_evidence) for s in facts.statements]


@pytest.mark.parametrize(
    "text",
    [
        "The report, which the embassy flatly rejected, spread quickly online.",
        "Officials in the city had warned of floods, and the governor denied that.",
        "Each of the ministers accused each other, a spokesman said on Sunday.",
        "The company says each claim is checked, but Norvex says otherwise.",
        "The flood followed a storm on what the ministry said was a quiet coast near Tallport.",
        "Dorn, who was a vocal critic of the harbour board, was dismissed in May.",
    ],
)
def test_contents_never_a_lone_pronoun_or_relative_word(analyse, text):
    for content, *_ in _contents(analyse, text):
        words = content.lower().split()
        assert not (len(words) <= 2 and set(words) & _JUNK), content


@pytest.mark.parametrize(
    ("text", "not_said"),
    [
        (
            "Earlier today, Norland imposed martial law and ordered its army to mobilise.",
            "martial law",
        ),
        (
            "Another city mentioned in the report was Tallport, where the river flooded.",
            "Another city",
        ),
        ("The survey was released by the Office of Rivers on Tuesday.", "The survey"),
        ("The developments appeared to signal a change in policy.", "The developments"),
        ("The Tallport Herald has not corroborated the report, published on Friday.", "the report"),
    ],
)
def test_contents_of_two_words_only_after_words_of_saying(analyse, text, not_said):
    found = [content for content, *_ in _contents(analyse, text)]
    assert not_said not in found, found


def test_contents_of_two_words_kept_after_a_speech_act(analyse):
    found = _contents(analyse, "The harbour board accused Dorn on Tuesday.")
    assert any(act == "accuse" for _, act, _ in found)


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue", "expected"),
    [
        (
            'On CNBC\'s "Fast Money," Blair said that most orders would ship.',
            "CNBC's \"Fast Money",
            "Blair",
            "said",
            True,
        ),
        (
            "In an interview with the BBC, Dorn said the port was closed.",
            "the BBC",
            "Dorn",
            "said",
            True,
        ),
        (
            "The harbour board warned of floods on Monday.",
            "floods",
            "The harbour board",
            "warned",
            False,
        ),
        ('"The port is closed," Dorn said on Monday.', "The port is closed", "Dorn", "said", False),
    ],
)
def test_contents_where_it_was_said_is_no_content(nlp, text, content, speaker, cue, expected):
    # the tagger now and then takes the phrase before the speaker for a content
    from counterclaim.extract.statements import _is_circumstance
    from counterclaim.model import CharSpan

    def span(words: str) -> CharSpan:
        start = text.index(words)
        return CharSpan(start, start + len(words))

    found = _is_circumstance(nlp(text), span(content), span(cue), span(speaker))
    assert found is expected


def test_contents_cut_at_the_paragraph(analyse):
    text = (
        "The harbour master said the ferry would sail again in April\n\n"
        "Photo: the ferry at the quay in Tallport, March 2021"
    )
    found = _contents(analyse, text)
    assert found and all("Photo" not in content for content, *_ in found)


def test_contents_indirect_denial_keeps_its_cue(analyse):
    text = "The mining company denied any wrongdoing in the tender for the northern field."
    found = _contents(analyse, text)
    denial = [c for c, act, _ in found if act == "deny"]
    assert denial and denial[0].startswith("denied any wrongdoing")


def test_contents_denial_keeps_its_evidence(analyse):
    text = 'The spokesman told reporters: "These stories are complete fiction."'
    found = _contents(analyse, text)
    assert any(act == "deny" and evidence and "fiction" in evidence for _, act, evidence in found)


def test_contents_scare_quotes_are_told_from_replies(nlp):
    from counterclaim.extract.statements import _scare_quote
    from counterclaim.model import CharSpan

    text = 'Belgrade rejected the remarks as "blatant lies." "Absolutely," he said.'
    doc = nlp(text)
    scare = text.index('"blatant')
    reply = text.index('"Absolutely')
    assert _scare_quote(doc, text, CharSpan(scare, text.index('."') + 2))
    assert not _scare_quote(doc, text, CharSpan(reply, text.index(',"') + 2))


def test_contents_a_scare_quote_is_not_the_whole_content(analyse):
    text = "The ministry alleged “genocide” in the northern province on the basis of old reports."
    found = [content for content, *_ in _contents(analyse, text)]
    assert found and all(len(content.split()) >= 3 for content in found), found
    assert any("genocide" in content and "province" in content for content in found)


def test_contents_an_accused_party_alone_is_not_the_content(analyse):
    text = "The opposition leader accused the governor of stealing the election in March."
    found = [(content, act) for content, act, _ in _contents(analyse, text)]
    accusations = [content for content, act in found if act == "accuse"]
    assert accusations and all("stealing" in content for content in accusations), found


def test_contents_a_neutral_cue_inside_a_content_is_no_statement_of_its_own(analyse):
    text = "The mayor said on Monday that residents think the new bridge will be finished soon."
    text, facts = analyse(text)
    cues = [s.cue.of(text) for s in facts.statements]
    assert "said" in cues and "think" not in cues, cues


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("The doctors described his condition as critical.", "his", True),
        ("The doctors described his condition as critical.", "his condition", False),
        ("The council said it would appeal.", "it would appeal", False),
    ],
)
def test_contents_a_lone_possessive_is_no_proposition(nlp, text, words, expected):
    from counterclaim.extract.statements import _not_a_proposition
    from counterclaim.model import CharSpan

    start = text.index(words)
    assert _not_a_proposition(nlp(text), CharSpan(start, start + len(words))) is expected


@pytest.mark.parametrize(
    "text",
    [
        "The two countries have long been at odds over the valley, and after Sunday's "
        "attack, Norland declared martial law and mobilised its reservists.",
        "In 1991 Vesta declared independence from Norland after a long war.",
        "After the storm a state of emergency was declared across the island.",
    ],
)
def test_contents_a_declared_object_is_an_act_not_a_statement(analyse, text):
    found = _contents(analyse, text)
    declared = ("martial law", "independence", "a state of emergency")
    assert not any(any(d in content for d in declared) for content, *_ in found), found


def test_contents_a_declaration_of_a_clause_stays_a_statement(analyse):
    found = [
        content
        for content, *_ in _contents(analyse, "Norland declared that the border was closed.")
    ]
    assert any("the border was closed" in content for content in found), found


def test_contents_what_the_speaker_asks_of_others_is_not_their_act(analyse):
    text = "The mayor urged the Harbour Council and other bodies to condemn these actions."
    found = _contents(analyse, text)
    assert not any(content == "these actions" for content, *_ in found), found
    assert any(act == "urge" for _, act, _ in found), found


def test_contents_an_accusation_cut_at_the_accused_runs_on_to_the_charge(analyse):
    text = (
        "The opposition leader accused Dorn on Tuesday during a session of the regional "
        'assembly of staging a "coup."'
    )
    accusations = [content for content, act, _ in _contents(analyse, text) if act == "accuse"]
    assert accusations and all("staging" in content for content in accusations), accusations


def test_contents_a_that_clause_belongs_to_the_cue_of_its_own_sentence(analyse):
    text = (
        "A source familiar with the story told the Tallport Herald that Dorn is not worth "
        "$72 million. The source believes it is a rumour started by his friends."
    )
    found = _contents(analyse, text)
    assert any("not worth" in content for content, *_ in found), found
    text, facts = analyse(text)
    believed = [s.content.of(text) for s in facts.statements if s.cue.of(text) == "believes"]
    assert all("not worth" not in content for content in believed), believed


def test_contents_a_passive_subject_and_what_it_was_called_are_one_claim(analyse):
    text = (
        "The fire has been described as “an act of arson” by the Tallport police. "
        "The mayor has blamed the contractors for the delays."
    )
    text, facts = analyse(text)
    described = [s for s in facts.statements if s.cue.of(text).startswith("has been described")]
    assert [s.content.of(text) for s in described] == [
        "The fire has been described as “an act of arson”"  # the quotation closes
    ]
    assert described[0].speaker.text == "the Tallport police"  # the `by` the parse hung on `as`


def test_contents_a_denial_only_supposed_is_no_statement(analyse):
    found = _contents(
        analyse, "The agency picked the route because it could easily deny involvement."
    )
    assert not any(content == "deny involvement" for content, *_ in found), found
    found = _contents(analyse, "The agency picked the route, and it denied involvement.")
    assert any(content == "denied involvement" for content, *_ in found), found


def test_contents_a_thing_with_a_word_or_two_says_nothing(nlp):
    from counterclaim.extract.statements import with_sayers

    def statement(text, speaker, content):
        start = text.index(speaker)
        at = text.index(content, start)
        return Statement(
            id=speaker,
            article_id="a",
            speaker=Speaker(CharSpan(start, start + len(speaker)), speaker, unresolved=True),
            cue=CharSpan(0, 0),
            cue_lemma="accuse",
            content=CharSpan(at, at + len(content)),
            kind="indirect",
            act="accuse",
            provenance=Provenance("test"),
        )

    text = (
        "Migrants waited for days in a situation that accused Tallport. The union accused Tallport."
    )
    thing = statement(text, "a situation", "Tallport")
    union = statement(text, "The union", "Tallport")
    clause = replace(thing, id="clause", content=CharSpan(0, text.index(" in a")))
    kept = with_sayers(nlp(text), [thing, union, clause])
    # a situation never spoke; a union does (PolNeAR train has unions as sources), and a
    # thing with a clause is kept, flagged unresolved
    assert [s.id for s in kept] == ["The union", "clause"]


def test_contents_a_phrase_of_the_sentence_before_the_cue_is_not_its_content(nlp):
    from counterclaim.extract.statements import _before_cue_sentence

    text = "This contradicts a statement from the mayor. Norland denied that this was the case."
    doc = nlp(text)
    cue = CharSpan(text.index("denied"), text.index("denied") + 6)

    def phrase(words):
        return CharSpan(text.index(words), text.index(words) + len(words))

    assert _before_cue_sentence(doc, phrase("a statement"), cue)
    assert not _before_cue_sentence(doc, phrase("that this was the case"), cue)


def test_contents_a_quotation_keeps_its_closing_mark_only_inside_other_words():
    from counterclaim.extract.statements import _trim

    def trimmed(text):
        span = _trim(text, 0, len(text))
        return text[span.start : span.end]

    assert trimmed("as “an act of sabotage”") == "as “an act of sabotage”"
    assert trimmed('called it "a lie"') == 'called it "a lie"'
    # a quotation that is the content, or follows its `that`, is shown without its marks
    assert trimmed('that "the plan failed."') == 'that "the plan failed.'
    assert trimmed("“The plan failed.”") == "The plan failed."


def test_contents_end_before_the_remarks_another_side_judged(analyse):
    found = _contents(
        analyse,
        "Prime Minister Anna Holm has accused a criminal gang from the north with government "
        "ties of being behind a deadly attack at a monastery in remarks Tallport quickly "
        'rejected as "fabrications."',
    )
    accusation = [content for content, act, _ in found if act == "accuse"]
    assert accusation == [
        "a criminal gang from the north with government ties of being behind a deadly attack "
        "at a monastery"
    ], found
    # the rejection stays a statement of its own
    assert any(act == "deny" and "fabrications" in content for content, act, _ in found), found
    # remarks without a clause of another subject are part of what was said
    found = _contents(analyse, "The minister said the rebels lied in remarks to reporters.")
    assert any("lied in remarks to reporters" in content for content, *_ in found), found


def test_contents_a_nested_claim_ends_before_the_verdict_on_it(nlp):
    from counterclaim.extract.statements import _before_outer_verdict

    def span(text, words):
        return CharSpan(text.index(words), text.index(words) + len(words))

    text = (
        "The ministry on Tuesday dismissed a blog post by a veteran investigative reporter "
        'alleging the navy was behind the sinking of the ferry as "utterly false."'
    )
    alleged = _before_outer_verdict(
        nlp(text),
        text,
        span(text, 'the navy was behind the sinking of the ferry as "utterly false."'),
        span(text, "alleging"),
        span(text, "a veteran investigative reporter"),
    )
    assert alleged.of(text) == "the navy was behind the sinking of the ferry"
    # the judge's own words keep the verdict: it is what the judge said
    text = 'The spokeswoman described the report, published on a blog, as "complete fiction".'
    own = span(text, 'a blog, as "complete fiction"')
    cut = _before_outer_verdict(
        nlp(text), text, own, span(text, "published on"), span(text, "The spokeswoman")
    )
    assert cut == own
