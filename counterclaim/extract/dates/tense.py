"""The tense of the clause a date is in, read from the parse: which way a date without its
year (or a weekday, a month alone) points from the anchor."""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Span, Token

from counterclaim.extract.dates.patterns import (
    BACKWARD_WORDS,
    FORWARD_WORDS,
    FUTURE_AUX,
    MODAL_AUX,
    PAST_EVENT_NOUNS,
    PLAN_ADJECTIVES,
    PLAN_LEMMAS,
    SCHEDULE_LEMMAS,
    WEAK_FORWARD_WORDS,
)

# `future_in_past`: `would`, `was to`, `was expected to` - a plan as seen from a past
# saying, most often already carried out by publication (`predicted that the storm would pass
# Bermuda Wednesday night`, in an article of Thursday); `modal`: `could`, `may`, `should`.
Tense = Literal["past", "future", "present", "future_in_past", "modal"]
FUTURE_LIKE = ("future", "present", "modal")
# Dependencies of a non-finite verb whose head sets its time: `plans to meet`, `scheduled`.
_NON_FINITE_DEPS = ("xcomp", "advcl", "conj", "acl", "ccomp", "pcomp", "relcl")


def _governing_verb(span: Span) -> Token | None:
    token = span.root
    for _ in range(len(span.doc)):
        if token.head.i == token.i:
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX") and not span.start <= token.i < span.end:
            return token
    return None


def _adjacent_tense(span: Span) -> Tense | None:
    """`said Tuesday`, `tweeted on Wednesday`, `Trump on Monday said`: a past-tense verb right
    next to the date dates it, whatever the parser hung the date on."""
    doc = span.doc
    for i in (span.start - 1, span.end):
        if 0 <= i < len(doc) and doc[i].tag_ == "VBD" and doc[i].pos_ == "VERB":
            return "past"
    return None


def clause_tense(span: Span) -> Tense | None:
    """The tense of the clause a date is in, from the verbs above the date's tokens: the
    nearest verb, and through non-finite verbs (`to meet`, `scheduled`) the one they hang on;
    for a date on a noun, the noun and its preposition first (`ahead of Tuesday's vote`,
    `after Tuesday's primary`, `Tuesday's results`)."""
    adjacent = _adjacent_tense(span)
    if adjacent is not None:
        return adjacent
    tense = _verb_tense(span)
    nouns = _nominal_heads(span)
    if tense in ("past", "future_in_past") and not nouns:
        return tense
    cue = _preposition_cue(span)
    if cue is not None and not (
        cue == "future" and tense in ("past", "future_in_past") and _weak_forward(span)
    ):
        return cue
    if tense in ("past", "future_in_past"):
        return tense
    if nouns and (
        tense in ("present", "modal") or any(n.lemma_.lower() in PAST_EVENT_NOUNS for n in nouns)
    ):
        # a date on a noun (`his Tuesday wins`, `Monday's debate might not move mountains`)
        # in a present-tense or modal clause names a past event as often as a coming one
        return None
    return tense


def _weak_forward(span: Span) -> bool:
    """`kept going until nearly 2 a.m. Friday`: `until` ends a past action as readily as a
    coming one, so a past tense wins over it (`before Tuesday's primary` is not so)."""
    doc = span.doc
    window = doc[max(0, span.start - 4) : span.start]
    return any(t.lower_ in WEAK_FORWARD_WORDS for t in window)


def _nominal_heads(span: Span) -> list[Token]:
    """The nouns a date modifies, up to the verb: `the results of Tuesday's primaries`."""
    nouns = []
    token = span.root
    for _ in range(8):
        if token.head.i == token.i or token.head.pos_ in ("VERB", "AUX"):
            break
        token = token.head
        if token.pos_ in ("NOUN", "PROPN", "PRON") and not span.start <= token.i < span.end:
            nouns.append(token)
    return nouns


def _preposition_cue(span: Span) -> Tense | None:
    """`since Monday`, `as of Sunday evening`, `after Tuesday's primary`, `Thursday night,
    when commentators called him` look back; `until Friday`, `ahead of Saturday's caucus`,
    `before Tuesday's vote` look forward. The word before the date, the words up its noun
    phrase to the verb, the preposition that verb hangs on (`after trouncing X in Tuesday's
    primary`), then a `when` clause right after the date."""
    doc = span.doc
    words = [doc[span.start - 1]] if span.start > 0 else []
    token = span.root
    for _ in range(8):
        if token.head.i == token.i or token.head.pos_ in ("VERB", "AUX"):
            break
        token = token.head
        words.append(token)
    verb = token.head
    if verb.pos_ in ("VERB", "AUX") and verb.dep_ == "pcomp":
        words.append(verb.head)
    for word in words:
        lower = word.lower_
        if lower == "of" and word.i > 0:  # `as of Sunday`, `ahead of Tuesday's vote`
            lower = f"{doc[word.i - 1].lower_} of"
        if lower in BACKWARD_WORDS:
            return "past"
        if lower in FORWARD_WORDS:
            return "future"
    after = span.end + (1 if span.end < len(doc) and doc[span.end].text == "," else 0)
    if after < len(doc) and doc[after].lower_ == "when" and doc[after].head.tag_ == "VBD":
        return "past"
    return None


def _verb_tense(span: Span) -> Tense | None:
    verb = _governing_verb(span)
    via_xcomp = False  # reached the verb from its open complement: `plans to meet`
    for _ in range(6):
        if verb is None:
            return None
        tense = _plan_tense(verb, via_xcomp) or _finite_tense(verb)
        if tense is not None:
            return tense
        if verb.dep_ not in _NON_FINITE_DEPS:
            return None
        # non-finite: the verb it depends on sets the time
        head = verb.head
        if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lemma_ in PLAN_ADJECTIVES:
            # `is likely to appear in court Wednesday`; `was set to receive`
            copula = head.head
            return "future_in_past" if copula.tag_ == "VBD" else "future"
        infinitive = verb.dep_ == "xcomp" or any(c.lower_ == "to" for c in verb.children)
        via_xcomp = infinitive and head.pos_ in ("VERB", "AUX")  # `expect X to win`
        verb = (
            head if head.pos_ in ("VERB", "AUX") else _governing_verb(head.doc[head.i : head.i + 1])
        )
    return None


def _auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def _is_past(verb: Token, auxes: list[Token]) -> bool:
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes)


def _plan_tense(verb: Token, via_xcomp: bool) -> Tense | None:
    """A verb of planning over the date's verb, or a schedule: the date is ahead of the
    saying (`has invited him to meet on ...`, `(has been) scheduled for Friday`)."""
    planned = (
        via_xcomp and verb.lemma_ in PLAN_LEMMAS and (verb.lemma_ != "go" or verb.tag_ == "VBG")
    )
    scheduled = verb.lemma_ in SCHEDULE_LEMMAS and verb.tag_ in ("VBN", "JJ")
    if not (planned or scheduled):
        return None
    return "future_in_past" if _is_past(verb, _auxiliaries(verb)) else "future"


def _finite_tense(verb: Token) -> Tense | None:
    """The tense of a verb from its own form and auxiliaries; None for a non-finite verb."""
    auxes = _auxiliaries(verb)
    words = {a.lower_ for a in auxes}
    if any(a.lemma_ == "have" for a in auxes):
        return "past"  # `has said`, `could not have been`
    if words & FUTURE_AUX:
        return "future"
    if words & {"would", "'d"}:
        return _would_tense(verb)
    if words & MODAL_AUX:
        return "modal"
    if _is_past(verb, auxes):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    if verb.tag_ == "VBN" and not auxes:
        return "past"  # `the attack carried out on Monday`, `less than forecast in July`
    if verb.tag_ == "MD":
        return "future" if verb.lower_ in FUTURE_AUX else "modal"
    return None


def _would_tense(verb: Token) -> Tense:
    """`says he would release it on Friday` looks forward from now; `said he would` from a
    past saying."""
    matrix = _governing_verb(verb.doc[verb.i : verb.i + 1])
    present = matrix is not None and (
        matrix.tag_ in ("VBZ", "VBP")
        or any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in matrix.children)
    )
    return "future" if present else "future_in_past"
