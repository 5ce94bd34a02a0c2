"""Speech acts from cue and words: rejection in its usual forms is a denial (sentences
written for the test)."""

import pytest

from counterclaim.extract.acts import classify_act


@pytest.mark.parametrize(
    ("lemma", "cue", "content"),
    [
        ("say", "said", "the reports simply cannot be true"),
        ("say", "said", "the story was pure fiction from start to finish"),
        ("say", "said", "it is just noise and nothing more"),
        ("say", "said", "the video is another provocation by the rebels"),
        ("say", "said", "the charges are a lie"),
        ("see", "saw no grounds for", "opening an inquiry into the mayor"),
        ("call", "called", "the newspaper's account completely false"),
        ("describe", "described", "the article as complete fiction"),
        ("assure", "assured", "no civilian in the village was harmed"),
        ("say", "said", "there was no evidence that the company paid anyone"),
        ("dismiss", "dismissed", "the allegations"),
        ("say", "said", "the ministry had nothing to do with the leak"),
    ],
)
def test_acts_rejection_forms_are_denials(lemma, cue, content):
    act, _, evidence = classify_act(lemma, content, cue)
    assert act == "deny"
    assert evidence  # the words or cue that decided it are kept


@pytest.mark.parametrize(
    ("lemma", "cue", "content", "act"),
    [
        ("call", "called on", "the rebels to lay down their arms", "urge"),
        ("say", "said", "the bridge will reopen in June", "assert"),
        ("accuse", "accused", "the governor of lying to voters", "accuse"),
        ("assure", "assured", "the bridge will reopen in June", "other"),
        # a provocative post is no denial; calling something a provocation is
        ("think", "think", "even when a post is not meant to be provocative", "assert"),
        # destruction reported or reasoned about is no threat; one promised is
        ("say", "said", "the blast destroyed three buildings in the old town", "assert"),
        ("want", "want", "to show that a hydrogen atmosphere need not destroy life", "other"),
        ("say", "said", "the army will destroy any force that crosses the line", "threaten"),
        # rejection words that are not the speaker rejecting: what someone could do, an act
        # talked about; a provocation done is an accusation
        ("say", "said", "the company could easily deny that it knew", "assert"),
        ("say", "said", "the regime has a long history of denying responsibility", "assert"),
        ("say", "said", "the rebels have once again committed a provocation", "accuse"),
        ("say", "said", "the clip was another provocation by the rebels", "deny"),
        # a group claiming a deed as its own accuses no one; blaming another does
        ("say", "said", "they were responsible for the bombing of the depot", "assert"),
        ("claim", "claimed", "responsibility for the bombing of the depot", "assert"),
        ("say", "said", "the militia was responsible for the bombing of the depot", "accuse"),
    ],
)
def test_acts_other_acts_stay(lemma, cue, content, act):
    assert classify_act(lemma, content, cue)[0] == act


@pytest.mark.parametrize(
    ("lemma", "cue", "content"),
    [
        ("vote", "voted", "to reject the budget and to dismiss the board"),
        ("approve", "approved", "sanctions against the companies behind the attack"),
        ("endorse", "endorsed", "the denial of the permit"),
    ],
)
def test_acts_an_action_cue_is_no_denial_or_accusation(lemma, cue, content):
    # the words of what was voted on or approved are not the actor's own speech act
    assert classify_act(lemma, content, cue)[0] == "other"
