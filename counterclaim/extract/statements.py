"""Statements: who said what, with which cue, quoted or reported, over the dependency parse.

`extract_statements(doc, article_id)` finds, for every reporting cue (`said`, `told`,
`accused`, `according to`, ...), its speaker and its content:

- direct quotes next to the cue (`"...," X said`, `X said: "..."`, `"A," he said, "B."`),
  including quotes over several sentences and paragraphs;
- reported speech: the cue's clausal complement (`X said (that) ...`, `X warned that ...`),
  or its object (`X denied complicity ...`, `X accused Y of ...`, `X called on Y to ...`),
  or the main clause around `according to X`;
- mixed: reported speech with a quoted fragment inside.

Direct quotes of several sentences become one statement per sentence, sharing speaker and
cue, so that each sentence gets its own speech act. Speakers are resolved afterwards by
`extract.speakers.resolve_speakers`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from counterclaim.extract.acts import CUE_ACTS, classify_act
from counterclaim.extract.countries import load_countries
from counterclaim.extract.cues import (
    SHORT_CONTENT_WORDS,
    clause_cue_verbs,
    is_reporting_cue,
    reports_short_content,
    speaker_nouns,
)
from counterclaim.extract.dates.patterns import WEEKDAYS
from counterclaim.extract.mentions import article_script, in_other_script
from counterclaim.extract.speakers import ORG_NOUNS, ROLE_NOUNS
from counterclaim.model import CharSpan, Provenance, Speaker, Statement, StatementKind
from counterclaim.text import PARAGRAPH_BREAK

PRODUCER = "rule:attribution@1"

# Nouns for things said: `commenting on a statement made by X, saying ...` - the `saying`
# clause is the statement's, not the commenter's.
_SPEECH_NOUNS = {
    "statement",
    "remark",  # the lemma of `remarks`
    "remarks",
    "comments",
    "comment",
    "report",
    "letter",
    "claim",
    "claims",
    "message",
    "post",
    "tweet",
    "interview",
    "speech",
    "communique",
}
_OBJECT_CUES = {
    "accuse",
    "blame",
    "charge",
    "condemn",
    "criticize",
    "criticise",
    "deny",
    "reject",
    "dismiss",
    "refute",
    "rebuff",
    "dispute",
    "urge",
    "encourage",
    "call",
    "ask",
    "demand",
    "confirm",
    "acknowledge",
    "admit",
    "announce",
    "denounce",
    "slam",
    "allege",
}
# cues whose object is who was told, not what: `told Sputnik`, `warned the United States
# that`, `assured reporters`, `briefed the council`
_ADDRESSEE_CUES = {
    "tell", "warn", "inform", "assure", "remind", "caution", "brief", "notify", "advise",
}  # fmt: skip
_BETWEEN_QUOTE_AND_CUE = 12  # tokens allowed between a quote and its cue (the speaker's NP)


@dataclass(frozen=True)
class AttributionOptions:
    split_quotes_by_sentence: bool = True
    min_content_chars: int = 3


def _trim(text: str, start: int, end: int, strip_period: bool = False) -> CharSpan | None:
    """A character span with surrounding whitespace, commas and quotation marks cut away;
    with `strip_period`, a sentence's final stop too. A leading `that` stays, as in PolNeAR's
    content spans (cutting it cost 8 points of exact content F1 on PolNeAR dev).
    (`text` is the Doc's text, computed once: spaCy rebuilds `doc.text` on every access.)"""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-\"“”'‘’"):
        start += 1
    tail = ",;:—–-\"“”'‘’" + ("." if strip_period else "")
    while end > start and (text[end - 1].isspace() or text[end - 1] in tail):
        if _closes_quotation(text, start, end):
            break  # `described as “an act of sabotage”`: the quotation closes
        end -= 1
    return CharSpan(start, end) if end > start else None


def _closes_quotation(text: str, start: int, end: int) -> bool:
    """The mark at `end - 1` closes a quotation opened inside the content after words of its
    own (`described as “an act of sabotage”`). A quotation that is the whole content, or
    follows its `that` (`that "the main obstacle ..."`), loses its marks as direct quotes do."""
    mark = text[end - 1]
    if mark == "”":
        opened = text.count("“", start, end) > text.count("”", start, end - 1)
        opening = text.rfind("“", start, end - 1)
    else:
        opened = mark == '"' and text.count('"', start, end - 1) % 2 == 1
        opening = text.rfind('"', start, end - 1)
    return opened and text[start:opening].strip().lower() not in ("", "that")


def _subtree_span(token: Token) -> tuple[int, int]:
    return token.left_edge.idx, token.right_edge.idx + len(token.right_edge)


def _is_passive(token: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in token.children)


def _cue_tokens(token: Token) -> list[Token] | None:
    """The cue's tokens when `token` starts a reporting cue, else None."""
    if token.lower_ == "according" and token.i + 1 < len(token.doc):
        following = token.doc[token.i + 1]
        return [token, following] if following.lower_ == "to" else None
    if token.pos_ != "VERB" or _is_passive(token):
        return None
    if token.lemma_.lower() not in CUE_ACTS and not _learned_clause_cue(token):
        return None
    if token.lemma_.lower() == "call":
        particle = [
            c
            for c in token.children
            if c.lower_ in ("on", "upon", "for") and c.dep_ in ("prt", "prep") and c.i > token.i
        ]
        if particle:
            return [token, particle[0]]
        # naming: `calling the charge "slander"`, `called the report a fabrication`
        children = {c.dep_ for c in token.children if c.i > token.i}
        return [token] if "dobj" in children and children & {"oprd", "ccomp", "xcomp"} else None
    return [token]


def _learned_clause_cue(token: Token) -> bool:
    """A verb the PolNeAR lexicon has as a cue (cues.clause_cue_verbs) with a subject and a
    clause after it: `Zakharova complained the allegations were not backed up`."""
    if token.lemma_.lower() not in clause_cue_verbs():
        return False
    children = {c.dep_ for c in token.children}
    return "nsubj" in children and any(
        c.dep_ == "ccomp" and c.i > token.i and c.pos_ in ("VERB", "AUX") for c in token.children
    )


def _in_quote(token: Token, quotes: Sequence[CharSpan]) -> bool:
    return any(q.start < token.idx < q.end for q in quotes)


def _speaker_token(cue: Token, quotes: Sequence[CharSpan] = ()) -> Token | None:
    if cue.lower_ == "according":
        to = cue.doc[cue.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        return objects[0] if objects else None
    relayed = _quoted_as(cue)
    if relayed is not None:
        return relayed
    # `..., saying ...` and `... and added ...` take the subject of the verb they hang on,
    # one step up only: further up the parse is too often someone else's clause
    up = cue.head if cue.dep_ in ("advcl", "conj", "xcomp") else None
    if (
        up is not None
        and cue.dep_ == "conj"
        and up.dep_ == "ccomp"
        and up.head.lemma_.lower() in CUE_ACTS
    ):
        # `He claimed a vaccine was near and said ...`: the parse joins `said` to the
        # claim's verb; a second saying goes with the first one, whose subject says it
        up = up.head
    for verb in (cue, up):
        if verb is None:
            return None
        if verb is not cue:
            between = cue.doc[min(verb.i, cue.i) + 1 : max(verb.i, cue.i)]
            speech_nouns = [t for t in between if t.lemma_.lower() in _SPEECH_NOUNS]
            if speech_nouns:
                agents = [
                    t
                    for t in speech_nouns[-1].subtree
                    if t.dep_ == "pobj" and t.head.dep_ == "agent"
                ]
                return agents[0] if agents else None
        # a subject inside a quotation is the quote's own (`"..., the mayor confirmed ...,"
        # said the ministry`: the parse gives `said` both)
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and not _in_quote(c, quotes)]
        if subjects:
            # two subjects on one verb are a misparse (`said a spokesman hours after
            # President X deny ...`): the one next to the verb is its own
            before = [c for c in subjects if c.i < verb.i]
            subject = before[-1] if len(subjects) > 1 and before else subjects[0]
            if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head  # `the minister, who said ...`
            if verb is not cue and verb.dep_ == "relcl":
                # `Y was quoted as mocking the assertion of the team that it has established
                # X, suggesting ...`: the parse hangs the participle on the relative clause,
                # whose subject is the one talked about; the speaker is the subject of the
                # clause the relative clause sits in (None when there is none: the
                # tagger's nearest source is then the better guess)
                return _main_clause_subject(verb)
            return subject
    return None


_RELAY_VERBS = {"quote", "cite"}


def _main_clause_subject(relative: Token) -> Token | None:
    """The subject of the nearest verb above a relative clause (for `Y was quoted as ...`,
    the one quoted), or None."""
    # ancestors, not a `while token.head is not token` walk: that never ended on a root
    # whose head came back as a new Token object (the demo corpus hung there)
    for token in relative.head.ancestors:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        for child in token.children:
            if child.dep_ == "nsubj" or (
                child.dep_ == "nsubjpass" and token.lemma_.lower() in _RELAY_VERBS
            ):
                return child
        if any(c.dep_ == "nsubjpass" for c in token.children):
            return None
    return None


def _quoted_as(cue: Token) -> Token | None:
    """Y in `X quoted Y as saying ...`, `Y was quoted by X as saying ...`, `X cited Y as
    saying ...`: the one quoted said it, not the one quoting."""
    verb = cue.head
    if verb.lower_ == "as" and verb.head is not verb:
        verb = verb.head
    if verb is cue or verb.lemma_.lower() not in _RELAY_VERBS:
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    return None


def _speaker_span(text: str, subject: Token) -> CharSpan | None:
    start, end = _subtree_span(subject)
    # a relative clause on the speaker (`..., who ...`) is not part of the name
    for child in subject.children:
        if child.dep_ == "relcl" and child.i > subject.i:
            end = min(end, child.left_edge.idx)
    # `OSLO (Nordpress) – Norway`: a dateline the parse took into the subject
    for separator in ("–", "—", " - ", ":"):
        cut = text.find(separator, start, end)
        if cut > start and _dateline_like(text, start, cut):
            start = cut + len(separator)
            break
    return _trim(text, start, end)


def _quote_contents(cue: list[Token], sent: Span, quotes: list[CharSpan]) -> list[CharSpan]:
    """Quotes that are this cue's content: the one ending just before the cue's clause
    (`"...," X said`) and the one starting just after it (`X said: "..."`); both for a quote
    split around its cue."""
    doc = sent.doc
    first, last = cue[0], cue[-1]
    before = after = None
    for quote in quotes:
        if sent.start_char - 1 <= quote.end <= first.idx:
            between = doc.char_span(quote.end, first.idx, alignment_mode="expand")
            if (
                between is not None
                and len(between) <= _BETWEEN_QUOTE_AND_CUE
                and not any(t.pos_ in ("VERB", "AUX") and t.i != first.i for t in between)
            ):
                before = quote  # the last such quote wins
        # a quote opening where the sentence ends is the next sentence's, unless the
        # sentence ends by announcing it (`a spokesman said on Saturday:` and a new line)
        elif after is None and (
            last.idx + len(last) <= quote.start < sent.end_char
            or (quote.start == sent.end_char and sent.text.rstrip().rstrip(".").endswith(":"))
        ):
            between = doc.char_span(last.idx + len(last), quote.start, alignment_mode="expand")
            if between is None or (
                len(between) <= 6
                and not any(t.pos_ in ("VERB", "AUX") or t.lower_ == "that" for t in between)
            ):
                after = quote
    return [q for q in (before, after) if q is not None]


def _scare_quote(doc: Doc, text: str, quote: CharSpan) -> bool:
    """A quoted word or two inside a sentence (`alleged "genocide" in Xinjiang`, `rejected
    as "blatant lies"`): the writer marks the speaker's word, the proposition is the clause
    around it. A short quote that opens its sentence (`"Absolutely," he said`) is a reply."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None or len(re.findall(r"\w+", quote.of(text))) > 2:
        return False
    opening = text[max(span.sent.start_char, _paragraph_start(text, quote.start)) : quote.start]
    return any(c.isalnum() for c in opening)


def _clause_content(text: str, cue: list[Token], lemma: str) -> CharSpan | None:
    """The complement or object that carries what was said."""
    doc = cue[0].doc
    head = cue[0]
    if head.lower_ == "according":
        to = doc[head.i + 1]
        phrase_start, phrase_end = head.idx, _subtree_span(to)[1]
        sent = head.sent
        if phrase_start - sent.start_char < 3:  # `According to X, ...`
            return _trim(text, phrase_end, sent.end_char, strip_period=True)
        return _trim(text, sent.start_char, phrase_start)  # `..., according to X.`
    if lemma == "call" and len(cue) > 1:  # `called on X to do Y`: X is part of the content
        parts = [c for c in cue[-1].children if c.dep_ == "pobj"] + [
            c for c in head.children if c.dep_ == "xcomp" and c.i > cue[-1].i
        ]
    else:
        # clausal complements after the cue; else before it (`The aim is X, a spokesperson
        # told Sputnik`); an open complement (`urged them to ...`) only when there is no clause
        clauses = [c for c in head.children if c.dep_ == "ccomp"]
        parts = (
            [c for c in clauses if c.i > head.i]
            or clauses
            or [c for c in head.children if c.dep_ == "xcomp" and c.i > head.i]
        )
    if not parts:
        relative = _relative_content(text, head, lemma)
        if relative is not None:
            return relative
    if not parts and lemma in _OBJECT_CUES:
        parts = [
            c
            for c in head.children
            if c.i > cue[-1].i
            and c.dep_ in ("dobj", "obj", "prep", "pobj", "attr", "oprd", "ccomp", "xcomp")
            and not (c.dep_ == "prep" and c.lower_ in ("on", "in", "at", "during"))
        ]
    if not parts:
        return None
    if lemma in _ADDRESSEE_CUES:
        parts = [p for p in parts if p.dep_ not in ("dobj", "dative", "obj")]
    start = min(_subtree_span(p)[0] for p in parts)
    end = max(_subtree_span(p)[1] for p in parts)
    # `claimed a deal was close and said voters ...`: the second saying the parse joined to
    # the claim's verb is a cue of its own (see `_speaker_token`), not part of the claim
    for part in parts:
        for joined in part.children:
            if joined.dep_ == "conj" and joined.lemma_.lower() in CUE_ACTS and joined.i > head.i:
                joint = min([joined.left_edge.i, *(c.i for c in part.children if c.dep_ == "cc")])
                end = min(end, doc[joint].idx)
    return _trim(text, _after_leading_time(doc, start, end), end)


def _relative_content(text: str, head: Token, lemma: str) -> CharSpan | None:
    """What a cue in a relative clause reports: `what Germany says was an attempt to kill
    him` (the predicate of the free relative), `a gunbattle ... that Pristina has blamed on
    Belgrade` (the noun phrase the clause is on, when its object is the relative word)."""
    relative = [c for c in head.children if c.dep_ == "dobj" and c.i < head.i]
    if not relative or relative[0].tag_ not in ("WP", "WDT", "IN"):
        return None
    if relative[0].lower_ == "what" and head.dep_ == "csubj" and head.head.lemma_ == "be":
        predicate = [c for c in head.head.children if c.dep_ in ("attr", "acomp") and c.i > head.i]
        if predicate:
            return _trim(text, *_subtree_span(predicate[0]))
        return None
    if head.dep_ != "relcl" or lemma not in _OBJECT_CUES or relative[0].lower_ == "what":
        return None
    noun = head.head
    # `a gunbattle at a monastery ... that`: the parse hangs the clause on the nearest noun;
    # the phrase meant is the whole one it ends
    while noun.dep_ == "pobj" and noun.head.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head.head
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    return _trim(text, noun.left_edge.idx, relative[0].idx)


def _after_leading_time(doc: Doc, start: int, end: int) -> int:
    """Skip a time expression that opens the content: `said Tuesday his actions ...`,
    `told Sputnik on Friday it encouraged ...` (it dates the saying, not the content)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start
    index = 0
    while index < len(span) and (
        span[index].ent_type_ in ("DATE", "TIME")
        or (
            span[index].lower_ in ("on", "at", "in", "late", "early")
            and index + 1 < len(span)
            and span[index + 1].ent_type_ in ("DATE", "TIME")
        )
    ):
        index += 1
    return span[index].idx if 0 < index < len(span) else start


def _kind(content: CharSpan, quotes: list[CharSpan], text: str) -> StatementKind:
    body = text[content.start : content.end]
    lead = len(body) - len(body.lstrip())
    if body.lstrip().lower().startswith("that "):
        lead += 5
    start = content.start + lead
    for quote in quotes:
        if quote.start - 1 <= start and content.end <= quote.end + 1:
            return "direct"
    if any(content.start <= q.start and q.end <= content.end + 1 for q in quotes) or any(
        q.start < content.end and content.start < q.end for q in quotes
    ):
        return "mixed"
    return "indirect"


def _by_sentence(doc: Doc, text: str, content: CharSpan) -> list[CharSpan]:
    """A quotation cut into its sentences; a piece that does not end a sentence (a parser's
    split inside `ISIS [Daesh] and ...`) is joined to the next."""
    pieces: list[CharSpan] = []
    joining: int | None = None
    for sent in doc.char_span(content.start, content.end, alignment_mode="expand").sents:
        piece = _trim(text, max(sent.start_char, content.start), min(sent.end_char, content.end))
        if piece is None:
            continue
        start = piece.start if joining is None else joining
        ends_sentence = (
            text[sent.start_char : sent.end_char].rstrip(" \n\"”’',").endswith((".", "!", "?"))
        )
        if ends_sentence or sent.end_char >= content.end:
            pieces.append(CharSpan(start, piece.end))
            joining = None
        else:
            joining = start
    return pieces or [content]


# words that carry no proposition alone: a content of nothing else is a misparse. Names
# and personal pronouns are left alone (`criticized Clinton`, `don't like it` are PolNeAR
# contents: replacing them cost PolNeAR dev 1.7 points of exact content F1)
_NON_PROPOSITION_POS = {"DET", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "NUM"}
_DENIAL_OBJECT_CUES = {"deny", "reject", "dismiss", "refute", "rebuff", "dispute"}


def _quote_left_open(passage: str) -> bool:
    """Whether a quotation opened in the passage is not closed in it."""
    return (
        passage.count("“") > passage.count("”")
        or passage.count('"') % 2 == 1
        or passage.count("«") > passage.count("»")
    )


def _within_paragraph(text: str, content: CharSpan, cue: CharSpan) -> CharSpan | None:
    """The part of a content in the cue's paragraph (a photo caption or the next paragraph
    is not what was said). A quotation left open at a paragraph's end that runs on into a
    paragraph opening with a quotation mark is one quote, and stays whole; after a
    paragraph of reported speech, a quoted paragraph is someone's next statement."""
    body = content.of(text)
    if "\n" not in body:
        return content
    pieces, start = [], content.start
    for line in body.split("\n"):
        end = start + len(line)
        pieces.append(CharSpan(start, end))
        start = end + 1
    joined: list[CharSpan] = []
    previous: CharSpan | None = None  # the last line read, from its paragraph's start
    for piece in pieces:
        if not piece.of(text).strip():
            continue
        opens_quote = piece.of(text).lstrip()[:1] in '"“«'
        if joined and opens_quote and previous and _quote_left_open(previous.of(text)):
            joined[-1] = CharSpan(joined[-1].start, piece.end)
        else:
            joined.append(piece)
        previous = CharSpan(_paragraph_start(text, piece.start), piece.end)
    if len(joined) == 1:
        return _trim(text, joined[0].start, joined[0].end)
    # the piece nearest the cue
    best = min(joined, key=lambda p: max(0, p.start - cue.end, cue.start - p.end))
    return _trim(text, best.start, best.end)


def _not_a_proposition(doc: Doc, content: CharSpan) -> bool:
    """A lone name, pronoun, determiner or relative word (`which`, `that`, `each`,
    `Huawei says`): not what anybody claimed."""
    span = doc.char_span(content.start, content.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words or len(words) > 2:
        return False
    if all(
        t.pos_ in _NON_PROPOSITION_POS
        or t.tag_ in ("WDT", "WP", "WP$", "PRP$")  # `his`: whose, not what
        or (t.pos_ == "PRON" and t.lower_ in ("that", "this", "which", "each", "these", "those"))
        or t.lower_ in ("other", "another", "others", "both", "all")
        for t in words
    ):
        return True
    # `Huawei says`: a name and a reporting verb, the speaker of another cue
    return any(t.pos_ == "VERB" and t.lemma_.lower() in CUE_ACTS for t in words) and any(
        t.pos_ in ("PROPN", "NOUN", "PRON") for t in words
    )  # `to comment` (declined to comment) is a content


def _rest_of_clause(
    doc: Doc, text: str, cue: CharSpan, speaker: CharSpan | None, content: CharSpan
) -> CharSpan | None:
    """What the cue's sentence says beside the cue and its speaker: the words after the
    cue, else those before the speaker; None when neither is a proposition."""
    cue_span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if cue_span is None:
        return None
    sent = cue_span.sent
    after_start = max(cue.end, speaker.end if speaker and speaker.start >= cue.end else cue.end)
    candidates = [
        _trim(text, after_start, sent.end_char, strip_period=True),
        _trim(text, sent.start_char, min(cue.start, speaker.start if speaker else cue.start)),
    ]
    for candidate in candidates:
        if candidate is None:
            continue
        candidate = _within_paragraph(text, candidate, cue)
        if candidate is None:
            continue
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        wordy = span is not None and any(t.pos_ in ("VERB", "AUX", "NOUN", "ADJ") for t in span)
        if wordy and not _not_a_proposition(doc, candidate):
            return candidate
    return None


def _names_no_saying(doc: Doc, cue: CharSpan) -> bool:
    """A cue that is a participle describing a noun (`a company called Silvercorp USA`,
    `another country mentioned in the report`): the noun is named, not said. (The subject
    of a passive, `The incident has been described as ...`, is a PolNeAR content often
    enough: dropping the short ones cost PolNeAR dev 0.2 points of exact content F1.)"""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "acl"


def _words_span(doc: Doc, content: CharSpan) -> Span | None:
    """The tokens of a content without the punctuation at its ends (a closing quotation mark
    hangs on the cue's verb, and would be the span's root)."""
    span = doc.char_span(content.start, content.end, alignment_mode="expand")
    while span is not None and len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    while span is not None and len(span) > 1 and span[0].is_punct:
        span = span[1:]
    return span


def _is_circumstance(doc: Doc, content: CharSpan, cue: CharSpan, speaker: CharSpan | None) -> bool:
    """A phrase in a preposition before the speaker and the cue, on the cue's verb (`On
    CNBC's "Fast Money," Blair said`, `In an interview with the BBC, he said`): where or
    when it was said, not what."""
    if speaker is None or not (content.end <= speaker.start and content.end <= cue.start):
        return False
    span = _words_span(doc, content)
    cue_doc = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None or cue_doc is None or any(t.pos_ in ("VERB", "AUX") for t in span):
        return False
    token = span.root
    while token.dep_ == "pobj" and token.head.dep_ == "prep":  # `In an interview with X`
        if token.head.head == cue_doc.root:
            return True
        token = token.head.head
    return False


def _is_bare_object(doc: Doc, content: CharSpan, cue: CharSpan) -> bool:
    """A noun phrase right after a denial cue (`complicity with Daesh`), or a gerund's
    (`denies hacking Sony`: no one said `hacking Sony`), not a clause."""
    span = _words_span(doc, content)
    if span is None or content.start < cue.end or content.start - cue.end > 3:
        return False
    if span[0].tag_ == "VBG" and span[0].dep_ in ("xcomp", "ccomp", "dobj", "pcomp"):
        return True
    if span[0].lower_ == "that" or any(t.pos_ in ("VERB", "AUX") for t in span[:1]):
        return False
    return span.root.pos_ in ("NOUN", "PROPN") and span.root.dep_ in ("dobj", "obj", "pobj")


def _is_addressee(doc: Doc, content: CharSpan, verb: Token | None) -> bool:
    """A content that is the noun phrase a telling cue addresses (`told the Globe and Mail
    newspaper`, `assured reporters`): the hearer, never what was said."""
    if verb is None or verb.lemma_.lower() not in _ADDRESSEE_CUES:
        return False
    span = _words_span(doc, content)
    return (
        span is not None
        and span.root.head == verb
        and span.root.dep_ in ("dobj", "dative", "iobj")
        and span.root.pos_ in ("NOUN", "PROPN", "PRON")
        and not any(t.pos_ in ("VERB", "AUX") for t in span)
        # `informed the Secretary General about the attack`: what about is what was said
        and not any(t.pos_ == "ADP" for t in span)
    )


def _before_judged_remarks(doc: Doc, text: str, content: CharSpan) -> CharSpan:
    """A content cut before a phrase naming the remarks themselves and what another made of
    them (`accused X of Y in remarks Belgrade quickly rejected as "blatant lies"`,
    `in comments that Beijing called interference`): how the saying was met, not what it
    said. Only where a clause with a subject of its own follows the remarks (the parse
    hangs it on the remarks or on the cue, so the subject's place decides)."""
    span = _words_span(doc, content)
    if span is None:
        return content
    for token in span[1:-1]:
        if not (
            token.lemma_.lower() in _SPEECH_NOUNS
            and token.dep_ == "pobj"
            and token.head.lower_ in ("in", "during")
            and token.head.i > span.start
        ):
            continue
        after = doc[token.i + 1]
        if after.lower_ in ("that", "which") and after.i + 1 < span.end:
            after = doc[after.i + 1]
        subject = after
        while subject.dep_ in ("det", "compound", "amod", "poss") and subject.head.i > subject.i:
            subject = subject.head
        if (
            subject.dep_ == "nsubj"
            and subject.head.pos_ in ("VERB", "AUX")
            and subject.head.i > subject.i
            and subject.head.i < span.end
        ):
            return CharSpan(content.start, len(text[: token.head.idx].rstrip()))
    return content


# verbs that judge what they take `as` something: `dismissed a post ... as "utterly false"`
_VERDICT_CUES = {
    "dismiss", "reject", "brand", "describe", "denounce", "deride", "label", "decry",
    "condemn", "characterize", "characterise", "portray", "slam", "blast", "rebuff",
}  # fmt: skip


def _before_outer_verdict(
    doc: Doc, text: str, content: CharSpan, cue: CharSpan, speaker: CharSpan | None
) -> CharSpan:
    """A nested content cut before the `as ...` of the verb that judges it (`dismissed a
    blog post by a journalist alleging X as "utterly false"`: the journalist alleged X; the
    verdict is the dismisser's). Not where the judge is the content's own speaker: the
    verdict is what the speaker said."""
    span = _words_span(doc, content)
    cue_doc = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None or cue_doc is None or speaker is None or len(span) < 4:
        return content

    def judges_by_another(verb: Token) -> bool:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        spans = [_subtree_span(c) for c in subjects]
        return bool(spans) and not any(
            start < speaker.end and speaker.start < end for start, end in spans
        )

    judged = any(
        t.lemma_.lower() in _VERDICT_CUES and t.pos_ == "VERB" and judges_by_another(t)
        for t in doc[cue_doc.sent.start : cue_doc.start]
    )
    if not judged:
        return content
    for token in reversed(span[2:]):
        if token.lower_ != "as" or token.dep_ != "prep":
            continue
        before, tail = doc[token.i - 1], doc[token.i + 1 : span.end]
        if before.lower_ in ("such", "well", "as", "so") or not 0 < len(tail) <= 8:
            return content
        if tail[0].lower_ in ("well", "soon", "much", "many", "long", "if", "though"):
            return content
        return CharSpan(content.start, len(text[: token.idx].rstrip()))
    return content


def _supposed(verb: Token | None) -> bool:
    """A verb only supposed (`could deny`, `might reject`), not done."""
    return verb is not None and any(
        c.dep_ == "aux" and c.lower_ in ("could", "might", "may") for c in verb.children
    )


def _before_agent(text: str, content: CharSpan, speaker: CharSpan) -> CharSpan | None:
    """A content that runs on to `by` and its speaker (or to `by` alone, the speaker right
    after it), cut before `by`; None otherwise."""
    head = text[content.start : speaker.start]
    if speaker.end < content.end - 1 or not head.rstrip().lower().endswith(" by"):
        return None
    return _trim(text, content.start, content.start + len(head.rstrip()) - 3)


def _before_cue_sentence(doc: Doc, content: CharSpan, cue: CharSpan) -> bool:
    """A content that ends before the cue's sentence begins: a phrase of another sentence
    (`This contradicts a statement from X. Pakistan denied at the time that ...`)."""
    cue_doc = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return cue_doc is not None and content.end <= cue_doc.sent.start_char


def _passive_subject(doc: Doc, content: CharSpan, verb: Token | None) -> Token | None:
    """The passive cue's subject, when the content is it (`The incident has been described
    as ...`): what the saying is about, when the cue has what was said besides."""
    span = _words_span(doc, content)
    if (
        verb is not None
        and span is not None
        and span.root.head == verb
        and span.root.dep_ == "nsubjpass"
        and span.root.tag_ not in ("WDT", "WP")  # `which is believed to be ...`
    ):
        return span.root
    return None


# cues whose passive subject is who was told or asked (`were advised to`, `was urged to`)
_TELLING = _ADDRESSEE_CUES | {"ask", "urge", "order", "instruct", "request"}


def _told_subject(verb: Token | None, speaker: CharSpan) -> bool:
    """The speaker is the passive telling cue's subject (`were advised`), with no agent."""
    if verb is None or verb.lemma_.lower() not in _TELLING or not _is_passive(verb):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return (
        subject is not None
        and _agent_object(verb) is None
        and speaker.start <= subject.idx < speaker.end
    )


_DECLINING = ("decline", "refuse", "fail")


def _negated(verb: Token | None) -> bool:
    """A cue said not to have happened: `has not confirmed`, `did not deny`, `declined to
    comment`, `refused to confirm`."""
    if verb is None:
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if verb.lemma_.lower() in _DECLINING and any(c.dep_ == "xcomp" for c in verb.children):
        return True  # the cue is `declined to confirm` itself
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _DECLINING


def _cue_verb(doc: Doc, cue: CharSpan) -> Token | None:
    """The verb a cue is (its root), None for a nominal or prepositional cue."""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return span.root if span is not None and span.root.pos_ == "VERB" else None


def _asked_of_another(verb: Token | None) -> bool:
    """`He urged the UN to condemn these actions`: the cue (its verb) is what the speaker
    asks of its object, not what anybody said."""
    return (
        verb is not None
        and verb.dep_ == "xcomp"
        and any(c.dep_ == "dobj" for c in verb.head.children)
    )


def _declared(doc: Doc, content: CharSpan, verb: Token | None, lemma: str) -> bool:
    """A declaration's object with no clause (`declared martial law`, `a moratorium was
    declared`): an act performed by declaring it, not a report of words. (`announce`
    and `proclaim` keep theirs: PolNeAR has `announced the arrest of ...`, `proclaimed a
    goal of ...`.)"""
    if (
        verb is None
        or lemma != "declare"
        or any(c.dep_ in ("ccomp", "xcomp", "oprd", "acomp", "advcl") for c in verb.children)
    ):
        return False
    # (`a moratorium was declared`: the passive's subject is the object declared)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"]
    span = doc.char_span(content.start, content.end, alignment_mode="expand")
    return bool(objects) and span is not None and span.start <= objects[0].i < span.end


def _with_charge(
    text: str, content: CharSpan, cue: CharSpan, verb: Token | None, lemma: str
) -> CharSpan:
    """`accused Maduro ... of conducting a "massacre"`: an accusation's short content that
    stops at the accused runs on to what they are accused of (`of`, `for`)."""
    if verb is None or CUE_ACTS.get(lemma) != "accuse" or content.start < cue.end:
        return content
    charges = (
        [
            c
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.idx >= content.start
        ]
        or [  # the parse hung `of conducting ...` on a noun in between
            t
            for t in verb.sent
            if t.i > verb.i
            and t.idx >= content.start
            and t.lower_ in ("of", "for")
            and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in t.children)
        ][:1]
    )
    if not charges or charges[0].right_edge.idx + len(charges[0].right_edge) <= content.end:
        return content
    end = charges[0].right_edge
    return _trim(text, content.start, end.idx + len(end)) or content


def _speaker_core(doc: Doc, text: str, speaker: CharSpan) -> CharSpan:
    """The speaker without what the tagger or the parse took in before it: a participial
    clause (`Rejecting India's claim that ..., ISPR chief Asif Ghafoor`), whose names are
    the ones answered, not the speaker's side; a day (`Thursday Wilbert Paulissen`)."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return speaker
    start = span.start
    first = span[0]
    if first.tag_ in ("VBG", "VBN") and first.is_title:
        # the clause ends at the last comma within the participle's subtree (one past it: a
        # misparse may hang the name's first words on the clause too)
        clause_end = max(t.i for t in first.subtree)
        commas = [t.i for t in span if t.text == ","]
        cut = max((c for c in commas if c <= clause_end + 1), default=None)
        if cut is not None and cut + 1 < span.end:
            start = cut + 1
    while (
        start + 1 < span.end
        and (doc[start].lower_ in WEEKDAYS or doc[start].ent_type_ in ("DATE", "TIME"))
        and doc[start + 1].tag_ != "POS"  # `Monday's statement` is the speaker
    ):
        start += 1
    # (trimmed even when nothing is cut: the tagger's span may end on the comma of an aside,
    # `The North's foreign ministry,`)
    return _trim(text, doc[start].idx, speaker.end) or speaker


def statement_id(article_id: str, cue: CharSpan, content: CharSpan) -> str:
    key = f"{article_id}:{cue.start}:{cue.end}:{content.start}:{content.end}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def _build(
    doc: Doc,
    text: str,
    article_id: str,
    cue_span: CharSpan,
    cue_lemma: str,
    speaker_span: CharSpan | None,
    contents: list[CharSpan],
    quotes: list[CharSpan],
    options: AttributionOptions,
    producer: str,
) -> list[Statement]:
    """Statements of one cue: kind, speech act, and quotes cut into their sentences."""
    built = []
    lemma = cue_lemma.split()[0] if cue_lemma != "according to" else "according"
    if speaker_span is not None:
        speaker_span = _speaker_core(doc, text, speaker_span)
    cue_verb = _cue_verb(doc, cue_span)
    # `The incident has been described as "an act of sabotage"`: the passive subject is
    # what the saying is about, one claim with what follows the cue
    subject, subject_token = next(
        ((c, token) for c in contents if (token := _passive_subject(doc, c, cue_verb)) is not None),
        (None, None),
    )
    merged_from = None  # where the claim starts when the subject joins what follows the cue
    said = any(c.start >= cue_span.end for c in contents)
    if subject is not None and said and _words(text, subject) <= SHORT_CONTENT_WORDS:
        contents = [c for c in contents if c != subject]
        # from the subject's first word (`No Huawei employee is allowed`)
        merged_from = min(subject.start, subject_token.left_edge.idx)
    for content in contents:
        content = _trim(text, content.start, content.end)
        if content is not None and merged_from is not None and content.start >= cue_span.end:
            content = CharSpan(merged_from, content.end)
            merged_from = None
        if content is not None:
            content = _within_paragraph(text, content, cue_span)
        if content is not None and _kind(content, quotes, text) != "direct":
            content = _before_judged_remarks(doc, text, content)
            content = _before_outer_verdict(doc, text, content, cue_span, speaker_span)
        if (
            content is not None
            and _kind(content, quotes, text) != "direct"  # a quoted word is the speaker's own
            and _not_a_proposition(doc, content)
        ):
            content = _rest_of_clause(doc, text, cue_span, speaker_span, content)
        if content is None or content.end - content.start < options.min_content_chars:
            continue
        if lemma in _DENIAL_OBJECT_CUES and _is_bare_object(doc, content, cue_span):
            if _supposed(cue_verb):
                continue  # `because it could easily deny involvement`: nobody denied it
            # `denied complicity with Daesh`: the speaker denied it, never said it
            content = CharSpan(cue_span.start, content.end)
        if speaker_span and content.start < speaker_span.start <= content.end + 1:
            # `as "an act of sabotage" by the US and NATO`: the agent ends the content
            content = _before_agent(text, content, speaker_span) or content
        if speaker_span and speaker_span.start < content.end and content.start < speaker_span.end:
            continue  # the speaker inside its own content: a misparse
        kind = _kind(content, quotes, text)
        if kind != "direct" and _words(text, content) <= SHORT_CONTENT_WORDS:
            content = _with_charge(text, content, cue_span, cue_verb, lemma)
            kind = _kind(content, quotes, text)
        if _is_circumstance(doc, content, cue_span, speaker_span):
            continue  # `On CNBC's "Fast Money," Blair said ...`: where, not what
        if kind != "direct" and _is_addressee(doc, content, cue_verb):
            continue  # `told the Globe and Mail newspaper`: to whom, not what
        words = content.of(text).split()
        if (
            kind != "direct"
            and len(words) <= SHORT_CONTENT_WORDS
            and words[0].lower() != "as"  # `opposed as xenophobic`: what it was called
            and (
                not reports_short_content(lemma)
                or _names_no_saying(doc, cue_span)
                or _asked_of_another(cue_verb)
            )
        ):
            continue  # `adopted the Convention`: an act, not what anybody said
        if kind != "direct" and _declared(doc, content, cue_verb, lemma):
            continue  # `declared martial law`: done by declaring it
        if (
            kind != "direct"
            and len(words) <= SHORT_CONTENT_WORDS
            and _before_cue_sentence(doc, content, cue_span)
        ):
            continue  # `This contradicts a statement ... Pakistan denied that ...`
        pieces = (
            _by_sentence(doc, text, content)
            if kind == "direct" and options.split_quotes_by_sentence
            else [content]
        )
        speaker = Speaker(speaker_span, speaker_span.of(text)) if speaker_span else None
        negated = _negated(cue_verb)
        for piece in pieces:
            act, confidence, evidence = classify_act(
                lemma, text[piece.start : piece.end], cue_span.of(text), negated
            )
            built.append(
                Statement(
                    id=statement_id(article_id, cue_span, piece),
                    article_id=article_id,
                    speaker=speaker,
                    cue=cue_span,
                    cue_lemma=cue_lemma,
                    content=piece,
                    kind=kind,
                    act=act,
                    provenance=Provenance(
                        producer, round(confidence * (1.0 if speaker else 0.7), 3)
                    ),
                    act_evidence=evidence or None,
                )
            )
    return built


def extract_statements(
    doc: Doc, article_id: str, options: AttributionOptions = AttributionOptions()
) -> list[Statement]:
    """Every statement of the article, speakers as written (see `resolve_speakers`).

    With the attribution tagger's spans in the Doc (`cc_cue`, `cc_source`, `cc_content`),
    its relations come first and the parse rules add only cues it did not find."""
    rules = rule_statements(doc, article_id, options)
    parsed = {(s.cue.start, s.cue.end): s.speaker.span for s in rules if s.speaker}
    tagged = statements_from_spans(doc, article_id, options, parsed)
    tagged = _fuller_from_parse(doc, doc.text, tagged, rules)
    taken = [s.cue for s in tagged]
    said = [s.content for s in tagged]
    found = tagged + [
        s
        for s in rules
        if not any(c.start < s.cue.end and s.cue.start < c.end for c in taken)
        and not _nested_rule(doc, s, said, taken)
    ]
    # a noun of saying another cue holds is its source's own claim all the same when that
    # cue is another speaker's (`Iran rejected charges by Pompeo that ...`: the tagger's cue
    # `rejected charges` is Iran's, the charge Pompeo's)
    nominal = [
        s
        for s in nominal_statements(doc, article_id, options)
        if not any(
            x.cue.start < s.cue.end
            and s.cue.start < x.cue.end
            and not _other_speakers(x.speaker, s.speaker)
            for x in found
        )
    ]
    found += nominal
    found += [
        s
        for s in anaphoric_passives(doc, article_id, options)
        if not any(
            x.content.start < s.content.end and s.content.start < x.content.end for x in found
        )
    ]
    # a signature is the post's own attribution: it stands beside any cue inside the post
    found += [
        s for s in signed_posts(doc, article_id, options) if s.id not in {x.id for x in found}
    ]
    found += continued_quotes(doc, article_id, found, options)
    return transcript_turns(doc, article_id, found, options)


def _other_speakers(one: Speaker | None, other: Speaker | None) -> bool:
    """Two speakers written apart (neither span overlapping the other)."""
    return (
        one is not None
        and other is not None
        and not (one.span.start < other.span.end and other.span.start < one.span.end)
    )


# an embedded post signed at its end: `... we would proceed! — Jane Doe (@janedoe) May 5, 2020`
_SIGNATURE = re.compile(
    r"\s(?P<dash>[—–]|--?)\s*(?P<name>[A-Z][\w.'’ -]{1,60}?)\s*\(@\w{1,30}\)"
    r"(?:\s*[A-Z][a-z]+\.? \d{1,2}, \d{4})?\s*$"
)


def signed_posts(
    doc: Doc, article_id: str, options: AttributionOptions = AttributionOptions()
) -> list[Statement]:
    """A paragraph that is an embedded post, signed `— Name (@handle) date` at its end: the
    paragraph before the signature is what the signer wrote."""
    text = doc.text
    statements: list[Statement] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        found = _SIGNATURE.search(line)
        if found:
            content = _trim(text, start, start + found.start())
            name = CharSpan(start + found.start("name"), start + found.end("name"))
            dash = CharSpan(start + found.start("dash"), start + found.end("dash"))
            if content is not None and len(content.of(text).split()) >= 3:
                statements += _build(
                    doc, text, article_id, dash, "write", name, [content], [], options, PRODUCER
                )
        start = end + 1
    return statements


def _passive_source(verb: Token) -> Token | None:
    """Who a passive saying is by: `stated by X`, or the body a document is of (`stated in
    an official statement published on the website of the X department`)."""
    if any(c.dep_ == "agent" for c in verb.children):
        return _agent_object(verb)
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ not in ("in", "on"):
            continue
        document = next((c for c in child.children if c.dep_ == "pobj"), None)
        if document is None or document.lemma_.lower() not in _SPEECH_NOUNS | {
            "statement",
            "communique",
            "release",
        }:
            continue
        named = [
            t
            for t in document.subtree
            if t.dep_ in ("pobj", "poss")
            and t is not document
            and any(x.ent_type_ in _SOURCE_LABELS for x in t.subtree)
        ]
        return named[-1] if named else None
    return None


def anaphoric_passives(
    doc: Doc, article_id: str, options: AttributionOptions = AttributionOptions()
) -> list[Statement]:
    """`This was stated by X.`, `This is stated in a statement of the X ministry.`: what
    `this` points back to - the paragraph before the sentence, else the sentence before -
    is what X said."""
    text = doc.text
    quotes = [CharSpan(s.start_char, s.end_char) for s in doc.spans.get("cc_quotes", [])]
    statements: list[Statement] = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in CUE_ACTS or not _is_passive(token):
            continue
        subject = [c for c in token.children if c.dep_ == "nsubjpass"]
        if (
            not subject
            or subject[0].lower_ not in ("this", "that")
            or subject[0].i != token.sent.start
        ):
            continue
        source = _passive_source(token)
        if source is None:
            continue
        sent = token.sent
        paragraph = _paragraph_start(text, sent.start_char)
        if text[paragraph : sent.start_char].strip():
            content = _trim(text, paragraph, sent.start_char, strip_period=True)
        elif sent.start > 0:
            before = doc[sent.start - 1].sent
            content = _trim(text, before.start_char, before.end_char, strip_period=True)
        else:
            content = None
        speaker = _speaker_span(text, source)
        if content is None or speaker is None:
            continue
        auxiliaries = [c for c in token.children if c.dep_ == "auxpass"]
        cue = CharSpan(min([token.idx] + [a.idx for a in auxiliaries]), token.idx + len(token))
        statements += _build(
            doc,
            text,
            article_id,
            cue,
            token.lemma_.lower(),
            speaker,
            [content],
            quotes,
            options,
            PRODUCER,
        )
    return statements


# Nouns of saying and the verb whose act they carry (general English): `Ukraine's accusations
# regarding ...`, `a statement from X that ...`, `the charge by the FBI that ...`.
_SPEECH_ACT_NOUNS = {
    "accusation": "accuse",
    "allegation": "allege",
    "claim": "claim",
    "charge": "charge",
    "assertion": "assert",
    "statement": "state",
    "denial": "deny",
    "warning": "warn",
    "demand": "demand",
    "assessment": "assess",
    "insistence": "insist",
    "contention": "contend",
}
_NOMINAL_CONTENT_PREPS = {"of", "regarding", "about", "over", "against", "concerning", "on"}
_SOURCE_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def _nominal_source(noun: Token) -> Token | None:
    """Whose claim a noun of saying is: its possessor (`Ukraine's accusations`), a state
    named before it (`US claims`, `Russian accusations`), or the object of `by`/`from` after
    it (`the charge by the FBI`, `a statement from X`), which the parse may hang on the verb
    whose object the noun is (`rejected the accusation by Kyiv that ...`)."""
    for child in noun.children:
        if child.dep_ == "poss" and (child.ent_type_ in _SOURCE_LABELS or child.pos_ == "PROPN"):
            return child
    states = load_countries().by_word
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and child.i < noun.i and child.text in states:
            return child
    for child in _by_phrases(noun):
        if child.lower_ in ("by", "from"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and (
                objects[0].ent_type_ in _SOURCE_LABELS
                or objects[0].pos_ == "PROPN"
                or _is_role_noun(objects[0])
            ):
                return objects[0]
    return None


def _by_phrases(noun: Token) -> list[Token]:
    """The prepositions after the noun that may say whose it is: its own, and the one right
    after it that the parse hung on the verb the noun is the object of."""
    own = [c for c in noun.children if c.dep_ == "prep" and c.i > noun.i]
    if noun.dep_ not in ("dobj", "obj"):
        return own
    after = noun.right_edge.i + 1
    return own + [c for c in noun.head.children if c.dep_ == "prep" and c.i == after]


def _is_role_noun(token: Token) -> bool:
    return token.lemma_.lower() in ROLE_NOUNS | ORG_NOUNS


def _that_clause(token: Token) -> Token | None:
    for child in token.children:
        if (
            child.dep_ in ("acl", "ccomp", "relcl", "appos")
            and child.i > token.i
            and child.pos_ in ("VERB", "AUX")
            and any(c.lower_ == "that" and c.dep_ == "mark" for c in child.children)
        ):
            return child
    return None


def _before_absolute(clause: Token, end: int) -> int:
    """Where a clause ends before an absolute `, with X doing ...` that the parse hung on it
    (`that it was responsible for the attacks, with the minister dismissing the remarks`):
    the reporter's account of another saying, not part of the claim."""
    for token in clause.subtree:
        if token.lower_ != "with" or token.dep_ != "prep" or token.i == 0:
            continue
        comma = token.doc[token.i - 1]
        clauses = [c for c in token.children if c.dep_ in ("pcomp", "pobj")]
        has_subject = any(c.dep_ == "nsubj" for verb in clauses for c in verb.children) or any(
            c.dep_ in ("acl", "relcl") and c.tag_ == "VBG" for n in clauses for c in n.children
        )
        if comma.text == "," and has_subject:
            return min(end, comma.idx)
    return end


def _verb_that_clause(noun: Token, source: Token) -> Token | None:
    """The `that` clause the parse hung on the verb whose object the noun is, right after
    the noun's source (`rejected the accusation by Kyiv that its forces fired`)."""
    if noun.dep_ not in ("dobj", "obj") or source.i < noun.i:
        return None
    clause = _that_clause(noun.head)
    if clause is None or clause.dep_ != "ccomp":
        return None
    first = min(t.i for t in clause.subtree)
    return clause if first == source.right_edge.i + 1 else None


def nominal_statements(
    doc: Doc, article_id: str, options: AttributionOptions = AttributionOptions()
) -> list[Statement]:
    """Claims named by a noun of saying with its source and its proposition: `Ukraine's
    accusations regarding the killings`, `a statement from X that India downed a jet`."""
    text = doc.text
    quotes = [CharSpan(s.start_char, s.end_char) for s in doc.spans.get("cc_quotes", [])]
    dateline = doc.spans.get("cc_dateline")
    skip_before = dateline[0].end_char if dateline else 0
    statements: list[Statement] = []
    for token in doc:
        verb = _SPEECH_ACT_NOUNS.get(token.lemma_.lower())
        if verb is None or token.pos_ != "NOUN" or token.idx < skip_before:
            continue
        if _in_quote(token, quotes):
            continue
        source = _nominal_source(token)
        if source is None:
            continue
        # the proposition: a `that` clause on the noun (or on the source the parse hung it
        # on: `a statement from X that ...`), else the topic phrase (`accusations of ...`)
        clause = (
            _that_clause(token)
            or (_that_clause(source) if source.i > token.i else None)
            or _verb_that_clause(token, source)
        )
        if clause is not None:
            start, end = _subtree_span(clause)
            end = _before_absolute(clause, end)
        else:
            topics = [
                c
                for c in token.children
                if c.dep_ == "prep" and c.lower_ in _NOMINAL_CONTENT_PREPS and c.i > token.i
            ]
            if not topics or not any(c.dep_ == "pobj" for c in topics[0].children):
                continue
            start, end = _subtree_span(topics[0])
        content = _trim(text, start, end)
        speaker = _speaker_span(text, source)
        owner_mark = [c for c in source.children if c.dep_ == "case"]
        if speaker is not None and owner_mark:  # `Ukraine's`: the name without its `'s`
            speaker = _trim(text, speaker.start, owner_mark[0].idx)
        if content is None or speaker is None:
            continue
        if speaker.start < content.end and content.start < speaker.end:
            continue
        cue = CharSpan(token.idx, token.idx + len(token))
        statements += _build(
            doc, text, article_id, cue, verb, speaker, [content], quotes, options, PRODUCER
        )
    return statements


def _paragraph_of(text: str, at: int) -> CharSpan:
    start = _paragraph_start(text, at)
    end = text.find("\n", at)
    return CharSpan(start, len(text) if end < 0 else end)


def continued_quotes(
    doc: Doc, article_id: str, statements: list[Statement], options: AttributionOptions
) -> list[Statement]:
    """A paragraph that is all one quotation, with no cue of its own, goes on with the
    quotation of the paragraph before: the same speaker and cue (news convention: `"...,"
    she said.` then a paragraph `"..."`, and `X said:` then two quoted paragraphs)."""
    text = doc.text
    quotes = [CharSpan(s.start_char, s.end_char) for s in doc.spans.get("cc_quotes", [])]
    known = list(statements)
    added: list[Statement] = []
    for quote in quotes:
        paragraph = _paragraph_of(text, quote.start)
        if text[paragraph.start : quote.start].strip():
            continue  # the quote does not open its paragraph
        if text[quote.end : _paragraph_of(text, quote.end).end].strip(" .,;:”\"'’"):
            continue  # words after the quote: its own cue, if any, is there
        if any(s.content.start < quote.end and quote.start < s.content.end for s in known):
            continue
        # the paragraph before (skipping blank lines) must hold a quoted statement
        before = text[: paragraph.start].rstrip()
        if not before:
            continue
        previous = _paragraph_of(text, len(before) - 1)
        earlier = [
            s
            for s in known
            if s.speaker is not None
            and s.kind in ("direct", "mixed")
            and previous.start <= s.content.end
            and s.content.start < previous.end
        ]
        if not earlier:
            continue
        last = max(earlier, key=lambda s: (s.content.end, s.cue.start))
        built = _build(
            doc,
            text,
            article_id,
            last.cue,
            last.cue_lemma,
            last.speaker.span,
            [quote],
            quotes,
            options,
            last.provenance.producer,
        )
        added += built
        known += built
    return added


# A turn label opening a paragraph of a transcript: `((Aparna Garg))  Yeah, ...` (Wikinews
# interviews), `Hua Chunying (in translation): ...`, `Q: ...`; the name, then the turn.
_TURN_LABEL = re.compile(
    r"(?m)^[ \t]*(?:\(\((?P<bracketed>[^()\n]{1,60})\)\)|(?P<named>[A-Z][^\n:()]{0,60}?)"
    r"(?:\s*\([^()\n]{1,40}\))?\s*:)[ \t]+(?=\S)"
)


_NAME_PARTICLES = {"al", "el", "bin", "ibn", "de", "da", "di", "van", "von", "der", "la", "le"}

# The last word of an image caption or a credit line (`Elizabeth Warren Image: U.S. Senate.`,
# `Photo: Reuters`): what follows its colon is a credit, never a turn.
_CAPTION_WORDS = {
    "image",
    "images",
    "photo",
    "photos",
    "photograph",
    "picture",
    "pictures",
    "credit",
    "credits",
    "source",
    "sources",
    "video",
    "file",
    "caption",
    "courtesy",
    "illustration",
    "graphic",
    "map",
}


@dataclass(frozen=True)
class _Turn:
    name: CharSpan  # the label's name as written
    label: CharSpan  # the whole label, up to the turn's first word
    body: CharSpan  # what the labelled one says
    asks: bool  # the interviewer's: its turns are questions


def _turns(doc: Doc) -> list[_Turn]:
    """The turns of a transcript, each from its label to the next label (the last one to
    the end of its paragraph block, where a blank line ends it). A `Name:` label counts when
    it labels two turns or more, or names a person (the NER's) introduced before it; a
    `((Name))` always."""
    text = doc.text
    found = list(_TURN_LABEL.finditer(text))
    named_count: dict[str, int] = {}
    for match in found:
        if match["named"]:
            named_count[match["named"].strip()] = named_count.get(match["named"].strip(), 0) + 1
    # paragraphs headed `Gunman: ...`, `Killed: ...`, `Race: ...` (photo captions, a
    # glossary): most of their labels head one paragraph each, and one that heads two is no
    # speaker for that alone
    once = sum(count == 1 for count in named_count.values())
    headed = once > 2 * max(1, sum(count > 1 for count in named_count.values()))
    labels = []
    for match in found:
        group = "bracketed" if match["bracketed"] else "named"
        start, end = match.start(group), match.end(group)
        name = CharSpan(start, start + len(match[group].rstrip()))
        if name.of(text).split()[-1].lower() in _CAPTION_WORDS:
            continue  # `Kamala Harris Image: U.S. Senate.` credits a photo
        if group == "named" and not all(
            w[:1].isupper() or w in _NAME_PARTICLES for w in match["named"].split()
        ):
            continue  # `Limbaugh continued: ...` is a cue and its quote, not a label
        if group == "named" and (named_count[match["named"].strip()] < 2 or headed):
            # one `Name:` alone is a transcript only when the person was introduced before
            # it: a headline's `Pat Doe: Voters are worried` (PolNeAR) is no turn
            introduced = name.of(text).split()[-1] in text[: _paragraph_start(text, name.start)]
            if not (introduced and _is_a_person(doc, name)):
                continue
        labels.append((name, CharSpan(match.start(), match.end())))
    # a label's first paragraph (to a blank line): the interviewer's turns are questions
    # that end there, the answers after them unlabelled or under the other's label
    first: dict[str, list[bool]] = {}
    for name, label in labels:
        block = _BLANK_LINE.search(text, label.end)
        paragraph = text[label.end : block.start() if block else len(text)].rstrip()
        first.setdefault(name.of(text).lower(), []).append(paragraph.endswith("?"))
    asking = {n for n, asked in first.items() if sum(asked) * 2 > len(asked)}
    turns = []
    for index, (name, label) in enumerate(labels):
        block = _BLANK_LINE.search(text, label.end)
        end = block.start() if block else len(text)
        if index + 1 < len(labels) and name.of(text).lower() not in asking:
            end = labels[index + 1][1].start
        body = _trim(text, label.end, min(end, len(text)))
        if body is not None:
            turns.append(_Turn(name, label, body, name.of(text).lower() in asking))
    return turns


_BLANK_LINE = re.compile(r"\n[ \t\xa0]*\n")


def _is_a_person(doc: Doc, name: CharSpan) -> bool:
    """A label's name that is a person (the NER's) and nothing more: every word of it, apart
    from particles (`bin`, `van`), inside a PERSON entity (`Anna Keller`, not `Anna Keller
    Image` nor `Keller Foundation`)."""
    span = doc.char_span(name.start, name.end, alignment_mode="expand")
    if span is None:
        return False
    people = [
        e
        for e in doc.ents
        if e.label_ == "PERSON" and e.start_char < name.end and name.start < e.end_char
    ]
    return bool(people) and all(
        any(e.start <= t.i < e.end for e in people) or t.lower_ in _NAME_PARTICLES or t.is_punct
        for t in span
    )


def _initials_person(doc: Doc, label: CharSpan) -> CharSpan | None:
    """`NG:` in an interview with Natasha Gownaris: the person named in the article whose
    initials the label is (the first such mention), when only one person has them."""
    initials = label.of(doc.text)
    if not (initials.isalpha() and initials.isupper() and 2 <= len(initials) <= 4):
        return None
    people = {
        e.text: e
        for e in doc.ents
        if e.label_ == "PERSON" and "".join(w[0] for w in e.text.split()).upper() == initials
    }
    if len(people) != 1:
        return None
    ent = next(iter(people.values()))
    return CharSpan(ent.start_char, ent.end_char)


def transcript_turns(
    doc: Doc,
    article_id: str,
    statements: list[Statement],
    options: AttributionOptions = AttributionOptions(),
) -> list[Statement]:
    """The statements with a transcript's turns read as their speakers': each claim of an
    answer (`_is_claim`, with the sentences that carry it on, `_continues`) is what its
    label names said (kind direct: the words are the speaker's own), unless a cue of
    another speaker reports it; a label whose turns are mostly questions is the
    interviewer's (`((WN))`), and what is said in those turns is no claim."""
    text = doc.text
    turns = _turns(doc)
    if not turns:
        return statements
    script = article_script(text)  # once per article: it reads the first 20,000 characters
    kept = [
        s
        for s in statements
        if not any(t.label.start <= s.cue.start < t.body.end for t in turns if t.asks)
    ]
    added = []
    for turn in turns:
        if turn.asks:
            continue
        speaker = _initials_person(doc, turn.name) or turn.name
        # the cue is the label's mark after the name (`:`, `))`, `(in translation):`)
        mark = text[turn.name.end : turn.label.end].rstrip()
        cue = CharSpan(turn.name.end, turn.name.end + len(mark)) if mark else turn.name
        for piece in _turn_claims(doc, turn, kept, script, options):
            act, confidence, evidence = classify_act("say", piece.of(text), "")
            added.append(
                Statement(
                    id=statement_id(article_id, cue, piece),
                    article_id=article_id,
                    # the label names the person: no pronoun or role to resolve
                    speaker=Speaker(speaker, speaker.of(text), name=speaker.of(text)),
                    cue=cue,
                    cue_lemma="say",
                    content=piece,
                    kind="direct",
                    act=act,
                    provenance=Provenance(PRODUCER_TURNS, round(confidence, 3)),
                    act_evidence=evidence or None,
                )
            )
    return kept + added


PRODUCER_TURNS = "rule:transcript-turns@2"


def with_sayers(doc: Doc, statements: list[Statement]) -> list[Statement]:
    """Without what a misparse makes of a thing and a word or two (`in a situation that
    accused Warsaw`): an unresolved speaker headed by a noun that no source of PolNeAR train
    is, with a short unquoted content. A report or a poll (sources there) stays, flagged."""
    text = doc.text
    kept = []
    for statement in statements:
        speaker = statement.speaker
        if (
            speaker is not None
            and speaker.unresolved
            and statement.kind == "indirect"
            and _words(text, statement.content) <= SHORT_CONTENT_WORDS
        ):
            span = doc.char_span(speaker.span.start, speaker.span.end, alignment_mode="expand")
            head = span.root if span is not None else None
            if (
                head is not None
                and head.pos_ == "NOUN"
                and head.lemma_.lower() not in speaker_nouns()
            ):
                continue
        kept.append(statement)
    return kept


_FIRST_PERSON = {"i", "we", "me", "us"}


def first_person_in_turns(doc: Doc, statements: list[Statement]) -> list[Statement]:
    """The statements with `I` or `we` inside a transcript's answer named as whoever has
    the turn (`((Anna Keller))  ... So we believe that ...`), as its label names them. Run
    after `resolve_speakers`: the turn's speaker is not remembered as the last one
    speaking, so a `she` in the answer stays the woman it speaks of."""
    turns = [t for t in _turns(doc) if not t.asks]
    if not turns:
        return statements
    named: dict[int, Speaker] = {}
    for statement in statements:
        if statement.provenance.producer == PRODUCER_TURNS and statement.speaker:
            named[statement.cue.start] = statement.speaker  # the label's, resolved
    found = []
    for statement in statements:
        speaker = statement.speaker
        turn = None
        if speaker is not None and speaker.text.strip().lower() in _FIRST_PERSON:
            turn = next((t for t in turns if t.body.start <= speaker.span.start < t.body.end), None)
        if turn is None or statement.provenance.producer == PRODUCER_TURNS:
            found.append(statement)
            continue
        label = _initials_person(doc, turn.name) or turn.name  # `((NG))`: Natasha Gownaris
        resolved = named.get(turn.name.end) or Speaker(label, label.of(doc.text))
        found.append(
            replace(
                statement,
                speaker=replace(
                    speaker,
                    name=resolved.name or label.of(doc.text),
                    role=resolved.role,
                    organisation=resolved.organisation,
                    entity_id=resolved.entity_id,
                    unresolved=False,
                ),
            )
        )
    return found


# One claim of a turn with the sentences carrying it on (`... And it ...`) is one
# statement, up to this many sentences and characters: a long answer is several claims.
_TURN_CLAIM_SENTENCES = 3
_TURN_CLAIM_CHARS = 600


def _turn_claims(
    doc: Doc,
    turn: _Turn,
    reported: list[Statement],
    script: str,
    options: AttributionOptions,
) -> list[CharSpan]:
    """The claims of an answer: each sentence that is one (`_is_claim`), joined with the
    sentences after it that carry it on (`_continues`) within its paragraph; a sentence in
    another script than the article's (`script`) is none."""
    text = doc.text
    body = doc.char_span(turn.body.start, turn.body.end, alignment_mode="contract")
    if body is None:
        return []
    claims: list[CharSpan] = []
    joined = 0  # sentences in the last claim; 0: the sentence before was no claim
    for sent in body.sents:
        piece = _trim(
            text, max(sent.start_char, turn.body.start), min(sent.end_char, turn.body.end)
        )
        if piece is None or piece.end - piece.start < options.min_content_chars:
            joined = 0
            continue
        if any(s.speaker is not None and piece.start <= s.cue.start < piece.end for s in reported):
            joined = 0  # `The State Department released ..., accusing ...`: reported
            continue
        if in_other_script(piece.of(text), script):
            joined = 0  # an answer in Hindi within an English article: the parse cannot judge it
            continue
        sentence = doc.char_span(piece.start, piece.end, alignment_mode="expand")
        if sentence is None:
            joined = 0
            continue
        last = claims[-1] if claims else None
        if (
            joined
            and last is not None
            and joined < _TURN_CLAIM_SENTENCES
            and piece.end - last.start <= _TURN_CLAIM_CHARS
            and "\n" not in text[last.end : piece.start]
            and not _asks(sentence)
            and _continues(sentence)
        ):
            claims[-1] = CharSpan(last.start, piece.end)
            joined += 1
        elif _is_claim(doc, sentence):
            claims.append(piece)
            joined = 1
        else:
            joined = 0
    return claims


# Words a sentence opens on when it carries on the one before (`And ...`, `But ...`).
_CONNECTIVES = {
    "and",
    "but",
    "or",
    "so",
    "yet",
    "also",
    "plus",
    "still",
    "then",
    "however",
    "moreover",
    "furthermore",
    "besides",
    "because",
    "therefore",
    "thus",
    "otherwise",
}
# Subjects that point back at what the sentence before said (`It was ...`, `This means ...`).
_ANAPHORS = {"it", "this", "that", "these", "those"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}


def _continues(sentence: Span) -> bool:
    """A sentence that carries on the one before: it opens on a connective, or on a
    subject pointing back at it."""
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    if not words:
        return False
    first = words[0]
    return first.lower_ in _CONNECTIVES or (first.lower_ in _ANAPHORS and first.dep_ in _SUBJECTS)


def _asks(sentence: Span) -> bool:
    return sentence.text.rstrip(" \"'”’)]").endswith("?")


# Small talk of an interview (`Thank you.`, `It was a pleasure.`, `You are welcome.`):
# generic English courtesy, whatever the parse says of it.
_COURTESY_VERBS = {"thank", "welcome", "appreciate", "congratulate", "greet", "apologize"}
_COURTESY_WORDS = {
    "thank",
    "thanks",
    "welcome",
    "pleasure",
    "privilege",
    "honour",
    "honor",
    "grateful",
    "thankful",
    "hello",
    "hi",
    "goodbye",
    "bye",
    "congratulations",
    "cheers",
}
# A clause a pronoun's sentence frames (`I think they lied`, `We know what happened`):
# what is claimed is in it.
_FRAMED_CLAUSES = {"ccomp", "csubj", "csubjpass", "relcl", "advcl"}
_MIN_CLAIM_WORDS = 4


def _is_claim(doc: Doc, sentence: Span) -> bool:
    """An answer's sentence that claims something: a statement of a few words, not a
    question nor a subordinate clause alone (`If I were ...`), with a finite verb and its
    subject, no courtesy; with a pronoun for subject (`It was great.`) it must name
    something (a name, a number) or frame a clause (`I think that ...`)."""
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    if len(words) < _MIN_CLAIM_WORDS or _asks(sentence):
        return False
    if _not_a_proposition(doc, CharSpan(sentence.start_char, sentence.end_char)):
        return False
    root = sentence.root
    if any(c.dep_ == "mark" for c in root.children):
        return False  # `If I were in their place.`, `Whether it was all-women.`
    predicates = [t for t in words if _finite(t) and any(c.dep_ in _SUBJECTS for c in t.children)]
    if not predicates:
        return False
    if words[0].lower_ in _COURTESY_WORDS or root.lemma_.lower() in _COURTESY_VERBS:
        return False  # `Thanks for having me.`, `I thank you all.`
    if any(c.lemma_.lower() in _COURTESY_WORDS for c in root.children if c.dep_ != "ccomp"):
        return False  # `It was a pleasure.`, `You are welcome.`
    main = min(predicates, key=lambda t: sum(1 for _ in t.ancestors))
    subject = next(c for c in main.children if c.dep_ in _SUBJECTS)
    if subject.pos_ != "PRON":
        return True
    names = any(t.ent_type_ or t.pos_ in ("PROPN", "NUM") for t in words)
    frames = any(t.dep_ in _FRAMED_CLAUSES for t in words)
    return names or frames


def _finite(token: Token) -> bool:
    """A verb in a tense (`said`, `is`), or one with a tensed auxiliary (`will say`)."""

    def tensed(t: Token) -> bool:
        return "Fin" in t.morph.get("VerbForm") or t.tag_ == "MD"

    return token.pos_ in ("VERB", "AUX") and (
        tensed(token) or any(c.dep_ in ("aux", "auxpass") and tensed(c) for c in token.children)
    )


def _words(text: str, span: CharSpan) -> int:
    return len(re.findall(r"\w+", span.of(text)))


def _fuller_from_parse(
    doc: Doc, text: str, tagged: list[Statement], rules: list[Statement]
) -> list[Statement]:
    """A tagged content of one or two words that is not a quotation (`accused Maduro`, `has
    said consistently`, `reject these allegations`) gives way to the parse's content of the
    same cue when that is a clause or phrase of three words or more: the tagger cut the
    head short, the parse has its object, complement or clause whole."""
    kept: list[Statement] = []
    for statement in tagged:
        if statement.kind != "direct" and _words(text, statement.content) <= 2:
            fuller = [
                r
                for r in rules
                if r.cue.start < statement.cue.end
                and statement.cue.start < r.cue.end
                and _words(text, r.content) >= 3
            ]
            if fuller:
                parsed = fuller[0]
                statement = replace(
                    statement,
                    id=statement_id(statement.article_id, statement.cue, parsed.content),
                    content=parsed.content,
                    kind=parsed.kind,
                    act=parsed.act,
                    act_evidence=parsed.act_evidence,
                )
        kept.append(statement)
    return kept


def _nested_rule(
    doc: Doc, statement: Statement, said: list[CharSpan], taken: list[CharSpan]
) -> bool:
    """A statement the rules alone found that PolNeAR train shows is seldom an attribution:
    one whose neutral cue lies inside a content the tagger found (`he said she believes
    ...`: 4 of 224 such cues are gold cues in the first 300 articles of PolNeAR train), or
    one without any speaker (4 of 54). A nested cue that carries an act (`said it had
    warned ...`) stays, and so do the tagger's own nested cues. So do three kinds that are
    not embedded in what the outer speaker said: a quote's own cue after it (`"...,"
    states the summary`), a cue coordinated with the tagger's cue (`X called on Germany
    ... and Zakharova complained ...`, the tagger's content running on across the `and`)
    and a free relative the writer attributes (`after what Germany
    says was an attempt to kill him`)."""
    if statement.speaker is None:
        return True
    if CUE_ACTS.get(statement.cue_lemma.split()[0]):
        return False  # `said that it had warned ...`: a nested denial or warning is kept
    if statement.kind == "direct" and statement.content.end <= statement.cue.start:
        # `"...," states the report's summary, according to CNN`: the tagger's content ran
        # on over the quote's own cue after it; that cue attributes the quote, it is not
        # a saying inside it
        return False
    cue = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    if cue is not None:
        verb = cue[0]
        if verb.dep_ == "conj" and any(
            c.start <= verb.head.idx < c.end for c in taken if c != statement.cue
        ):
            return False
        if verb.dep_ == "csubj" and any(
            c.dep_ == "dobj" and c.lower_ == "what" and c.i < verb.i for c in verb.children
        ):
            return False
        if verb.dep_ == "relcl" and any(
            c.dep_ == "nsubj" and c.lower_ == "who" and c.i > 0 and doc[c.i - 1].text == ","
            for c in verb.children
        ):
            return False  # `statements of Navalny's allies, who believe that ...`
    return any(c.start <= statement.cue.start and statement.cue.end <= c.end for c in said)


PRODUCER_TAGGER = "model:attribution-tagger@1"
_RELATION_WINDOW = 400  # characters around a cue in which its source and content are sought


def _distance(a: CharSpan, b: CharSpan) -> int:
    return max(0, b.start - a.end, a.start - b.end)


def _addressees(doc: Doc) -> list[CharSpan]:
    """Whom something was told (`told Sputnik`): never the one who said it."""
    spans = []
    for token in doc:
        if token.lemma_.lower() in _ADDRESSEE_CUES:
            for child in token.children:
                if child.dep_ in ("dobj", "dative"):
                    spans.append(CharSpan(*_subtree_span(child)))
    return spans


def _as_saying(token: Token) -> bool:
    """`as saying`, `as having said`: not `as an example`, `as the reason`."""
    return token.lower_ == "as" and any(
        c.pos_ == "VERB" and c.dep_ in ("pcomp", "pobj", "advcl") for c in token.children
    )


# a paragraph-initial place line: `BEIJING`, `SEOUL/WASHINGTON (Reuters)`, `MOSCOW (AP)`
_DATELINE = re.compile(r"[A-Z][A-Z'./ -]*[A-Z](?:,? [A-Z][a-z]+ \d{1,2})?(?:\s*\([A-Za-z .]+\))?")


def _paragraph_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _dateline_like(text: str, start: int, end: int) -> bool:
    """A span that is a dateline the dateline component missed: it opens its paragraph and is
    a place in capitals, with its agency in brackets."""
    if text[_paragraph_start(text, start) : start].strip():
        return False
    written = text[start:end]
    # `NATO said` opens a paragraph too: a dateline has its agency or a separator after it
    separated = (
        "(" in written
        or written.rstrip()[-1:] in (":", "–", "—", "-")
        or text[end:].lstrip()[:1] in (":", "–", "—", "-")
    )
    return separated and _DATELINE.fullmatch(written.strip(" :–-—")) is not None


def _relayed_speaker(doc: Doc, text: str, cue: CharSpan) -> CharSpan | None:
    """The one quoted when the tagger's cue is the relaying verb or its `as saying`."""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None:
        return None
    for token in span:
        if token.lemma_.lower() in _RELAY_VERBS:
            # only `quoted/cited Y as saying`: in `cited the audit as the reason ...` the
            # object is the content, and taking it for the speaker dropped the statement
            # (the speaker inside its content): PolNeAR dev exact cue F1 .7095 -> .7128
            if not any(_as_saying(c) for c in token.children):
                return None
            quoted = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            return _speaker_span(text, quoted[0]) if quoted else None
        if token.lemma_.lower() in CUE_ACTS:
            quoted_by = _quoted_as(token)
            if quoted_by is not None:
                return _speaker_span(text, quoted_by)
    return None


def _saying_agent(verb: Token) -> Token | None:
    """Who a passive saying is by (`was told by doctors`, `was accused by Ostria`): its
    subject is who heard it or whom it is about. Not a relay (`quoted by X as saying`)."""
    if verb.lemma_.lower() in _RELAY_VERBS:
        return None
    return _agent_object(verb)


def _agent_object(verb: Token) -> Token | None:
    """The object of a passive verb's `by` (`stated by X`: X), or None."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is None and _is_passive(verb):
        # `was described as "an act of sabotage" by the US`: the parse hangs `by` on the
        # noun of `as`
        agent = next(
            (
                by
                for prep in verb.children
                if prep.dep_ == "prep" and prep.lower_ == "as"
                for noun in prep.children
                if noun.dep_ == "pobj"
                for by in noun.children
                if by.dep_ == "prep" and by.lower_ == "by"
            ),
            None,
        )
    if agent is None:
        return None
    return next((c for c in agent.children if c.dep_ == "pobj"), None)


def _own_subject(verb: Token) -> Token | None:
    """The verb's own subject in the parse, not a relative word."""
    return next(
        (c for c in verb.children if c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT")), None
    )


def _another_verbs_subject(doc: Doc, verb: Token | None, source: CharSpan) -> bool:
    """A source that is the subject of another verb is that verb's, for a cue with a subject
    of its own (`The treaty, which most nations signed, obligates ...`: not `most nations`)
    or a passive cue with no agent (`Police are believed to be preparing raids, but a
    spokesperson would not confirm ...`), which has no speaker in its sentence. (`verb`:
    the cue's.)"""
    if verb is None or any(c.dep_ == "agent" for c in verb.children):
        return False
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if not passive and _own_subject(verb) is None:
        return False
    span = doc.char_span(source.start, source.end, alignment_mode="expand")
    return (
        span is not None
        and span.root.dep_ in ("nsubj", "nsubjpass")
        and span.root.head != verb
        and span.root.head.pos_ in ("VERB", "AUX")
    )


def statements_from_spans(
    doc: Doc,
    article_id: str,
    options: AttributionOptions = AttributionOptions(),
    parsed_speakers: dict[tuple[int, int], CharSpan] | None = None,
) -> list[Statement]:
    """Relations from the tagger's role spans: each content joins its nearest cue (in the
    same paragraph, within a window); a cue takes the speaker the parse gives it
    (`parsed_speakers`, by cue span) or else the nearest source, in its own sentence first;
    a cue with no content is no statement. Kind, act and quotes are decided as for the
    rules."""
    text = doc.text
    cues = [
        CharSpan(s.start_char, s.end_char)
        for s in doc.spans.get("cc_cue", [])
        if any(c.isalpha() for c in s.text)
        or not _dateline_like(text, _paragraph_start(text, s.start_char), s.start_char)
    ]  # `BEIJING: The US alleged ...`: the colon of a dateline reports nothing
    if not cues:
        return []
    dateline = doc.spans.get("cc_dateline")
    dateline_end = dateline[0].end_char if dateline else 0
    quotes = [CharSpan(s.start_char, s.end_char) for s in doc.spans.get("cc_quotes", [])]
    addressed = _addressees(doc)
    sources = [
        CharSpan(s.start_char, s.end_char)
        for s in doc.spans.get("cc_source", [])
        if s.start_char >= dateline_end
        and not _dateline_like(text, s.start_char, s.end_char)
        and not any(a.start <= s.start_char and s.end_char <= a.end for a in addressed)
        # a word that can name someone (`the Indian claim`), not `having` or `a`
        and any(t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or t.ent_type_ for t in s)
    ]
    contents = [
        CharSpan(max(s.start_char, dateline_end), s.end_char)
        for s in doc.spans.get("cc_content", [])
        if s.end_char > dateline_end
    ]
    # by sentence: `token.sent` looks its sentence up again for every token
    sentence_of = {t.idx: sent.start_char for sent in doc.sents for t in sent}

    def sentence(span: CharSpan) -> int | None:
        return sentence_of.get(span.start)

    def same_paragraph(a: CharSpan, b: CharSpan) -> bool:
        # a line break after a finished sentence is a paragraph break too (pages copied
        # from the web often have single newlines between paragraphs); after `said:` or a
        # signature line it is not
        low, high = min(a.end, b.end), max(a.start, b.start)
        # (from the span's last character: a content may end with its sentence's stop)
        return not PARAGRAPH_BREAK.search(text[max(0, low - 1) : high]) if low < high else True

    by_cue: dict[int, list[CharSpan]] = {}
    for content in contents:
        # a `that` clause takes a cue of its own sentence first: `A source told X that Y is
        # not worth $72m. The source believes ...` (`believes` is nearer, and another
        # sentence's); a quotation may run over sentences to its cue
        own_sentence = text.startswith("that ", content.start)
        # an unquoted content after a cue of its own sentence is that cue's, not a later
        # sentence's (`... was ordered by the CDC to quarantine turkeys. The CDC has
        # confirmed ...`: `confirmed` is nearer)
        after_own_cue = not any(
            q.start <= content.start and content.end <= q.end for q in quotes
        ) and any(sentence(c) == sentence(content) and c.end <= content.start for c in cues)
        near = [
            (
                i,
                (
                    sentence(cue) != sentence(content)
                    and (own_sentence or (after_own_cue and cue.start >= content.end)),
                    _distance(cue, content),
                ),
            )
            for i, cue in enumerate(cues)
            if _distance(cue, content) <= _RELATION_WINDOW and same_paragraph(cue, content)
        ]
        if near:
            by_cue.setdefault(min(near, key=lambda pair: pair[1])[0], []).append(content)
    statements: list[Statement] = []
    for index, cue in enumerate(cues):
        if index not in by_cue:
            continue
        speaker = next(
            (
                span
                for (start, end), span in (parsed_speakers or {}).items()
                if start < cue.end and cue.start < end
            ),
            None,
        )
        if speaker is not None and _dateline_like(text, speaker.start, speaker.end):
            speaker = None  # the parse took the dateline for the subject
        if speaker is None:
            speaker = _relayed_speaker(doc, text, cue)
        sourced = speaker is not None
        if speaker is None:
            near_sources = [
                (sentence(source) != sentence(cue), _distance(cue, source), source)
                for source in sources
                if _distance(cue, source) <= _RELATION_WINDOW // 2 and same_paragraph(cue, source)
            ]
            sourced = bool(near_sources)
            by_nearness = sorted(near_sources, key=lambda n: (n[0], n[1], n[2].start))
            verb = _cue_verb(doc, cue)
            kept = [n for n in by_nearness if not _another_verbs_subject(doc, verb, n[2])]
            speaker = kept[0][2] if kept else None
            own = _own_subject(verb) if verb is not None else None
            agent = _saying_agent(verb) if verb is not None else None
            if agent is not None and not _in_quote(agent, quotes):
                # `X was told by doctors that ...`: the doctors said it, not X
                speaker = _speaker_span(text, agent)
            elif own is not None and kept[:1] != by_nearness[:1] and not _in_quote(own, quotes):
                # the nearest source was another verb's: the cue's own subject speaks
                speaker = _speaker_span(text, own)
            elif speaker is not None and _told_subject(verb, speaker):
                # `Affected travelers were advised to contact their airlines`: who was told
                # said nothing, and nobody is said to have told them
                speaker, sourced = None, False
        cue_doc = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        words = max(len(text[c.start : c.end].split()) for c in by_cue[index])
        # (a source near the cue, even another verb's, tells the tagger's cue is a report)
        if cue_doc is not None and not is_reporting_cue(cue_doc, words, sourced):
            continue
        root = cue_doc.root if cue_doc is not None else None
        lemma = root.lemma_.lower() if root is not None else cue.of(text).lower()
        if cue.of(text).lower().startswith("according to"):
            lemma = "according to"
        statements += _build(
            doc,
            text,
            article_id,
            cue,
            lemma,
            speaker,
            sorted(by_cue[index], key=lambda c: c.start),
            quotes,
            options,
            PRODUCER_TAGGER,
        )
    return statements


def rule_statements(
    doc: Doc, article_id: str, options: AttributionOptions = AttributionOptions()
) -> list[Statement]:
    """Statements found by the rules over the dependency parse alone."""
    text = doc.text
    quotes = [CharSpan(s.start_char, s.end_char) for s in doc.spans.get("cc_quotes", [])]
    dateline = doc.spans.get("cc_dateline")
    skip_before = dateline[0].end_char if dateline else 0
    # `alleged "genocide" in ...`: a scare quote is never a cue's whole content
    said_quotes = [q for q in quotes if not _scare_quote(doc, text, q)]
    statements: list[Statement] = []
    for token in doc:
        if token.idx < skip_before:
            continue
        cue = _cue_tokens(token)
        if not cue or _in_quote(token, quotes):
            continue  # a reporting verb inside a quotation is part of the quoted words
        lemma = cue[0].lemma_.lower()
        cue_lemma = (
            "according to"
            if lemma == "according"
            else (f"{lemma} {cue[-1].lower_}" if len(cue) > 1 else lemma)
        )
        subject = _speaker_token(cue[0], quotes)
        speaker_span = _speaker_span(text, subject) if subject is not None else None
        contents = _quote_contents(cue, cue[0].sent, said_quotes)
        clause = _clause_content(text, cue, lemma) if not contents else None
        if clause is not None:
            # a complement that is (almost) all one quotation is that quotation
            for quote in quotes:
                overlap = min(quote.end, clause.end) - max(quote.start, clause.start)
                if overlap > 0.8 * (quote.end - quote.start) and overlap > 0.6 * (
                    clause.end - clause.start
                ):
                    clause = CharSpan(min(clause.start, quote.start), max(clause.end, quote.end))
            contents = [clause]
        cue_span = CharSpan(cue[0].idx, cue[-1].idx + len(cue[-1]))
        statements += _build(
            doc,
            text,
            article_id,
            cue_span,
            cue_lemma,
            speaker_span,
            contents,
            quotes,
            options,
            PRODUCER,
        )
    return statements


TARGET_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def find_targets(doc: Doc, statement: Statement) -> tuple[str, ...]:
    """The parties a statement is about: the accused or addressed object of the cue first
    (`accused the U.S. forces of ...`), then the named entities of its content, without the
    speaker and without repeats."""
    speaker = statement.speaker
    own = (
        {w.lower() for w in ((speaker.name or "") + " " + (speaker.organisation or "")).split()}
        if speaker
        else set()
    )
    found: list[str] = []
    cue = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    # the cue's object is the accused or addressed party - except whom something was told
    addressed = cue is not None and cue.root.lemma_.lower() not in ("tell", "inform")
    objects = [c for c in cue.root.children if c.dep_ in ("dobj", "dative")] if addressed else []
    content = doc.char_span(statement.content.start, statement.content.end, alignment_mode="expand")
    candidates = [e for o in objects for e in doc[o.left_edge.i : o.right_edge.i + 1].ents]
    candidates += list(content.ents) if content is not None else []
    for ent in candidates:
        surface = ent.text.removeprefix("the ").removeprefix("The ")
        if surface.count("(") != surface.count(")"):  # `Islamic State (Daesh`: NER cut
            surface = surface.split("(")[0].strip()
        if ent.label_ not in TARGET_LABELS or surface in found:
            continue
        if own and set(surface.lower().split()) <= own:
            continue
        found.append(surface)
    return tuple(found)
