"""Entity mentions: spaCy's named entities plus the alias registry's forms.

A registry form wins over an overlapping spaCy entity (it knows `Daesh` is the Islamic
State); an actor-only form (`Washington` for the United States) counts only where it acts:
the subject or object of a verb, or a possessor, never in the dateline.

spaCy's entities that are not names are dropped (`is_junk`): a transcript's speaker label
(`Q:`, an interviewer's initials at the start of paragraphs), text in another script than the
article's, @handles and #hashtags, and spans of common lowercase words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from spacy.tokens import Doc, Span

from counterclaim.extract.speakers import TITLE_WORDS
from counterclaim.model import CharSpan, Mention, Provenance

LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
PRODUCER_NER = "model:spacy-ner@en_core_web_sm-3.8"
PRODUCER_ALIAS = "rule:alias-registry@1"
_ACTOR_DEPS = ("nsubj", "nsubjpass", "dobj", "poss", "dative")


def _acts(span: Span) -> bool:
    root = span.root
    if root.dep_ in _ACTOR_DEPS:
        return True
    return root.dep_ == "pobj" and root.head.dep_ == "agent"  # `... by Damascus`


def _surface(span: Span) -> tuple[int, int]:
    """Without a leading `the`, a trailing possessive `'s`, or punctuation and line breaks
    that the NER took in at either end (`Bruce Township - -`)."""
    tokens = list(span)
    while len(tokens) > 1 and (
        tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].tag_ == "POS"
    ):
        tokens = tokens[:-1]
    while len(tokens) > 1 and (
        tokens[0].is_punct or tokens[0].is_space or tokens[0].lower_ == "the"
    ):
        tokens = tokens[1:]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text.rstrip())


@cache  # called for every letter of every article: a few hundred distinct letters
def _script(char: str) -> str:
    """The script of a letter, as the first word of its Unicode name: LATIN, CYRILLIC, ..."""
    return unicodedata.name(char, "UNKNOWN").split()[0]


def article_script(text: str) -> str:
    """The script most of the article's letters are written in."""
    counts = Counter(_script(c) for c in text[:20000] if c.isalpha())
    return counts.most_common(1)[0][0] if counts else "LATIN"


def in_other_script(text: str, script: str) -> bool:
    """Most of the text's letters are written in another script than `script`."""
    letters = [c for c in text if c.isalpha()]
    return sum(_script(c) != script for c in letters) * 2 > len(letters)


def speaker_labels(text: str) -> set[str]:
    """Transcript labels: a short all-capitals token opening two or more paragraphs,
    followed by a colon (`WN:`, `Q:`) or in double brackets (Wikinews' `((WN))`), the way
    interviews mark who is speaking."""
    found = re.findall(r"(?m)^[ \t]*(?:\(\(([A-Z]{1,4})\)\)|([A-Z]{1,4})[ \t]*:)", text)
    labels = Counter(bracketed or colon for bracketed, colon in found)
    return {label for label, n in labels.items() if n >= 2}


def is_junk(span: Span, script: str, labels: set[str]) -> bool:
    """True for an entity span that is not a name (see the module's docstring)."""
    text = span.text.strip()
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    if text in labels:
        return True
    if in_other_script(text, script):
        return True
    # the character before the span, without `doc.text` (which joins the whole doc anew on
    # every call: a tenth of the pipeline's time when read once per entity)
    before = span.doc[span.start - 1].text_with_ws[-1:] if span.start else ""
    if text[0] in "@#" or before in ("@", "#"):
        return True
    # lowercase words that are all common words (`are being`): not a name, however tagged
    words = [t for t in span if not t.is_punct and not t.is_space]
    return all(t.is_lower and (t.is_stop or t.pos_ not in ("PROPN", "NOUN")) for t in words)


def find_mentions(doc: Doc, article_id: str) -> list[Mention]:
    text = doc.text
    script = article_script(text)
    labels = speaker_labels(text)
    dateline = doc.spans.get("cc_dateline")
    dateline_end = dateline[0].end_char if dateline else 0
    taken: set[int] = set()
    mentions: list[Mention] = []
    for span in doc.spans.get("cc_aliases", []):
        entity_id, _, actor_only = span.label_.partition("|")
        if actor_only and (span.start_char < dateline_end or not _acts(span)):
            continue
        start, end = _surface(span)
        mentions.append(
            Mention(
                article_id,
                CharSpan(start, end),
                text[start:end],
                _label_of(span),
                Provenance(PRODUCER_ALIAS, 0.95),
                entity_id,
            )
        )
        taken.update(range(span.start, span.end))
    for ent in doc.ents:
        if ent.label_ not in LABELS or taken.intersection(range(ent.start, ent.end)):
            continue
        if is_junk(ent, script, labels):
            continue
        start, end = _surface(ent)
        mentions.append(
            Mention(
                article_id,
                CharSpan(start, end),
                text[start:end],
                ent.label_,
                Provenance(PRODUCER_NER, 0.8),
            )
        )
    return sorted(mentions, key=lambda m: m.span.start)


def _label_of(span: Span) -> str:
    """The NER label of a registry match where spaCy agrees on the span, else the registry
    entity's own type is looked up by the linker (`ALIAS`)."""
    for ent in span.doc.ents:
        if ent.start <= span.root.i < ent.end and ent.label_ in LABELS:
            return ent.label_
    return "ALIAS"


# Titles and honorifics written before a name, beyond the speakers' role words: ranks,
# courtesy and religious titles, and the qualifiers of a title (`Rear Admiral`, `acting`).
HONORIFICS = TITLE_WORDS | {
    "maj", "rear", "air", "marshal", "brig", "brigadier", "field", "cmdr", "commodore",
    "lieut", "cpl", "corporal", "pvt", "private", "staff", "sgt", "warrant", "officer",
    "crown", "princess", "emir", "amir", "sultan", "sheikh", "sheik", "sheikha", "sayyid",
    "sayed", "seyed", "seyyed", "syed", "ayatollah", "grand", "imam", "mullah", "hajji", "haji",
    "rev", "reverend", "father", "bishop", "archbishop", "cardinal", "rabbi", "pastor",
    "hon", "honorable", "honourable", "dame", "lord", "lady", "madam", "madame", "miss",
    "mx", "prof", "professor", "monsieur", "mme", "herr", "frau", "senor", "señor",
    "first", "former", "ex", "acting", "interim", "outgoing", "incoming", "then",
    "congressman", "congresswoman", "assemblyman", "councillor", "councilman",
    "councilwoman", "speaker", "attorney", "foreign", "interior", "finance", "health",
}  # fmt: skip


def person_name(surface: str) -> str:
    """A person's name without titles: `Major General Igor Konashenkov` → `Igor Konashenkov`,
    `Rear Adm. Tomas Berg` → `Tomas Berg`."""
    words = surface.split()
    while len(words) > 1 and words[0].lower().strip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)
