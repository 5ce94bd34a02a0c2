"""Which of the tagger's cues report speech or an attitude: the lexicon learned from PolNeAR
train (counterclaim/data/cue_lexicon.tsv, written by scripts/learn_cues.py) says, for each
cue word, how often it is a cue when written (`rate`) and how often what it reports is a
proposition of five words or more (`proposition`).

A cue is rejected when it is a passive with nobody saying it (`was revealed`, `is
allowed`, `was kept highly classified`), or when a word that never was a cue in PolNeAR
train reports no proposition (`registered a candidate`, `imposed sanctions`). Words that
PolNeAR has as cues, however seldom (`named`, `adopted`), are kept: see is_reporting_cue.
Cues that carry a speech act (acts.py: `denied`, `accused`) always count.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from spacy.tokens import Span

from counterclaim.extract.acts import CUE_ACTS

PROPOSITION_WORDS = 5  # the learning script's threshold for a proposition
# A content of this many words or fewer (`adopted the Convention`, `imposed martial law`) is
# what was said only after a word PolNeAR train has as a cue in this share of its occurrences
# or more (`said the same`, `accused Maduro`: a speech act's cue always counts).
SHORT_CONTENT_WORDS = 2
SHORT_CONTENT_CUE_RATE = 0.45
SHORT_CONTENT_CUE_COUNT = 5
_SKIP = {"be", "have", "do", "will", "would", "can", "could", "may", "might", "shall", "should"}
_SKIP |= {"must", "not", "also", "get", "go", "make", "take", "give", "come", "let", "seem"}


@cache
def _lexicon_rows() -> tuple[tuple[str, str, int, float, float], ...]:
    """The lexicon's rows: (lemma, pos, times a cue, rate, proposition share)."""
    text = resources.files("counterclaim.data").joinpath("cue_lexicon.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        lemma, pos, count, _seen, rate, proposition = line.split("\t")
        rows.append((lemma, pos, int(count), float(rate), float(proposition)))
    return tuple(rows)


@cache
def cue_lexicon() -> dict[str, tuple[float, float]]:
    """lemma → (rate, proposition share), verbs and nouns together."""
    found: dict[str, tuple[float, float]] = {}
    for lemma, _pos, _count, rate, proposition in _lexicon_rows():
        previous = found.get(lemma, (0.0, 0.0))
        found[lemma] = (max(previous[0], rate), max(previous[1], proposition))
    return found


# A verb PolNeAR train has as a cue at least this often (count, share of its occurrences),
# reporting a proposition this often, is a cue of the parse rules too when it takes a
# subject and a clause (`Zakharova complained the allegations were not backed up`). With
# ten occurrences or more the share is not one article's habit.
LEARNED_CUE_COUNT = 10
LEARNED_CUE_RATE = 0.6
LEARNED_CUE_PROPOSITION = 0.85


@cache
def clause_cue_verbs() -> frozenset[str]:
    """Verb lemmas the lexicon shows are reporting cues (see the thresholds above)."""
    return frozenset(
        lemma
        for lemma, pos, count, rate, proposition in _lexicon_rows()
        if pos == "verb"
        and count >= LEARNED_CUE_COUNT
        and rate >= LEARNED_CUE_RATE
        and proposition >= LEARNED_CUE_PROPOSITION
    )


def cue_head(cue: Span) -> str | None:
    """The cue's word, found as the learning script found it: its first verb that is not an
    auxiliary, else its first noun."""
    tokens = [t for t in cue if t.is_alpha and t.lemma_.lower() not in _SKIP]
    head = next((t for t in tokens if t.pos_ == "VERB"), None)
    head = head or next((t for t in tokens if t.pos_ == "NOUN"), None)
    return head.lemma_.lower() if head is not None else None


def is_reporting_cue(cue: Span, content_words: int, has_speaker: bool) -> bool:
    """Whether the tagger's cue reports what someone said or thinks."""
    lemma = cue_head(cue)
    if lemma is None or lemma == "accord" or cue.text.lower().startswith("according"):
        return True  # `according to`, or a cue of function words only: leave it be
    if CUE_ACTS.get(lemma):
        return True
    passive = any(t.dep_ == "auxpass" for t in cue) or any(
        c.dep_ == "auxpass" for t in cue for c in t.children
    )
    if passive and not has_speaker and lemma not in CUE_ACTS:
        return False
    entry = cue_lexicon().get(lemma)
    if entry is None:  # never a cue in PolNeAR train: only when it reports a proposition
        return lemma in CUE_ACTS or content_words >= PROPOSITION_WORDS
    # a word PolNeAR train has as a cue stays one: rejecting the rare ones that report no
    # proposition (`named him minister`) also rejected `supported Clinton`-style attitude
    # cues and cost PolNeAR dev 1.3 points of exact cue F1
    return True


@cache
def _short_content_cues() -> frozenset[str]:
    """Lemmas PolNeAR train has as cues at least `SHORT_CONTENT_CUE_COUNT` times and in
    `SHORT_CONTENT_CUE_RATE` of their occurrences (a word seen once is no evidence)."""
    return frozenset(
        lemma
        for lemma, _pos, count, rate, _proposition in _lexicon_rows()
        if count >= SHORT_CONTENT_CUE_COUNT and rate >= SHORT_CONTENT_CUE_RATE
    )


@cache
def speaker_nouns() -> frozenset[str]:
    """Common nouns PolNeAR train has heading a source (speaker_nouns.tsv, learned by
    scripts/learn_cues.py): `official`, `advocate`, `union`, `poll`."""
    text = resources.files("counterclaim.data").joinpath("speaker_nouns.tsv").read_text("utf-8")
    return frozenset(
        line.split("\t")[0] for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def reports_short_content(lemma: str) -> bool:
    """Whether a cue word reports what was said even in one or two words: a speech act's
    cue, or a word PolNeAR train has often as a cue (`show`, `appear`, `release`, `react`
    are mostly not: `shows no signs of stopping`, `was released`)."""
    return bool(CUE_ACTS.get(lemma)) or lemma == "according" or lemma in _short_content_cues()
