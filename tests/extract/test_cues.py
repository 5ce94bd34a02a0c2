"""The learned cue lexicon: speech and attitude cues count, other verbs do not (sentences
written for the test, real spaCy model)."""

import pytest

from counterclaim.extract.cues import cue_lexicon, is_reporting_cue


def _cue(nlp, text, word):
    doc = nlp(text)
    start = text.index(word)
    return doc.char_span(start, start + len(word), alignment_mode="expand")


@pytest.mark.parametrize(
    ("text", "cue", "words", "has_speaker", "expected"),
    [
        ("The mayor said the bridge would reopen in June.", "said", 6, True, True),
        ("The union denied the report.", "denied", 2, True, True),
        ("Most voters think the tax is unfair to farmers.", "think", 6, True, True),
        ("The party registered a new candidate.", "registered", 3, True, False),
        ("The bakery baked fresh bread.", "baked", 3, True, False),
        ("The workers repaired the old bridge.", "repaired", 3, True, False),
        ("The list of names was kept highly classified.", "was kept", 3, False, False),
        ("It was revealed that the files had been lost.", "was revealed", 5, False, False),
    ],
)
def test_cues_speech_and_attitude_only(nlp, text, cue, words, has_speaker, expected):
    assert is_reporting_cue(_cue(nlp, text, cue), words, has_speaker) is expected


def test_cues_lexicon_is_learned_data():
    lexicon = cue_lexicon()
    assert len(lexicon) > 100
    assert lexicon["say"][0] > 0.9  # nearly every `said` is a cue
    assert "register" not in lexicon


def test_cues_short_contents_only_after_words_of_saying():
    from counterclaim.extract.cues import reports_short_content

    assert reports_short_content("say")  # `said the same`
    assert reports_short_content("accuse")  # a speech act: `accused the mayor`
    assert not reports_short_content("adopt")  # `adopted the charter`
    assert not reports_short_content("impose")  # `imposed a curfew`
    assert not reports_short_content("release")  # `was released`
    # seen as a cue once or never in PolNeAR train: no evidence it reports a short content
    assert not reports_short_content("corroborate")
    assert not reports_short_content("bake")


def test_cues_speaker_nouns_are_learned_data():
    from counterclaim.extract.cues import speaker_nouns

    nouns = speaker_nouns()
    assert len(nouns) > 200
    assert {"official", "advocate", "union", "poll"} <= nouns  # sources in PolNeAR train
    assert not {"situation", "incident", "vaccine"} & nouns  # never a source there
