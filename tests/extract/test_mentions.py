"""Entity mentions on the real spaCy model: names kept, junk spans dropped."""

import pytest

from counterclaim.extract.mentions import article_script, find_mentions, speaker_labels

INTERVIEW = (
    "WN: What do you make of the vote in the council?\n\n"
    "Harold Finch: I think it went well for us.\n\n"
    "WN: Will you run again next year?\n\n"
    "Harold Finch: Perhaps, we will see.\n\n"
    "WN: Thank you."
)
SOCIAL = (
    "Supporters posted under #FreeHarold and tagged @HaroldFinch, while Harold Finch said "
    "the vote was stolen. In Delhi, लोग कह रहे हैं कि चुनाव चोरी हुआ."
)


def surfaces(nlp, text):
    return [m.surface for m in find_mentions(nlp(text), "a")]


def test_mentions_speaker_labels():
    assert speaker_labels(INTERVIEW) == {"WN"}
    assert speaker_labels("NATO: a one-off line.\n\nThe alliance met.") == set()
    # Wikinews writes its labels in double brackets, with no colon
    bracketed = INTERVIEW.replace("WN:", "((WN))").replace("Harold Finch:", "((Harold Finch))")
    assert speaker_labels(bracketed) == {"WN"}


def test_mentions_interviewer_label_is_not_an_entity(nlp):
    assert "WN" in {e.text for e in nlp(INTERVIEW).ents}  # spaCy tags it: the filter matters
    assert surfaces(nlp, INTERVIEW) == ["Harold Finch", "Harold Finch"]


@pytest.mark.parametrize("junk", ["@HaroldFinch", "रहे", "हैं कि", "चोरी"])
def test_mentions_handles_hashtags_and_other_scripts_dropped(nlp, junk):
    assert junk not in surfaces(nlp, SOCIAL)


def test_mentions_names_kept(nlp):
    found = surfaces(nlp, SOCIAL)
    assert "Harold Finch" in found and "Delhi" in found


def test_mentions_article_script():
    assert article_script(SOCIAL) == "LATIN"
    assert article_script("Москва заявила, что Harold Finch не прав.") == "CYRILLIC"
