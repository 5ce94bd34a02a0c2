"""Story signals: what story linking is told about one article (`ArticleSignals`), taken
from its text and parse by pure functions (`article_signals`), with the helpers that read an
article's headline, content and date for it (`first_line`, `is_headline`, `is_low_content`,
`event_date`, `embedding_text`).

The clusterer that uses them, its options and its state are `link.stories`; this module only
reads one article. The signals are typed keys (`ArticleSignals.keys`: `e:` entities, `p:`
surnames, `g:` places, `t:` lead terms, `n:` numbers, `y:` years, `w:` content words, `v:`
event keys, `d:` days the lead reports), which is how the store keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from counterclaim.extract.mentions import person_name
from counterclaim.ingest.metadata import find_dateline
from counterclaim.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from counterclaim.model import Mention

# Key kinds of a story's profile, each scored on its own.
KINDS = ("entity", "person", "place", "term", "number", "year", "word", "event")
KEY_PREFIX = {
    "entity": "e:",
    "person": "p:",
    "place": "g:",
    "term": "t:",
    "number": "n:",
    "year": "y:",
    "word": "w:",
    "event": "v:",
}
# Every day the text reports: not scored, only read by the time gate (`_in_time`)
DAY_PREFIX = "d:"
KIND_OF = {prefix: kind for kind, prefix in KEY_PREFIX.items()} | {DAY_PREFIX: "day"}

PLACE_LABELS = ("GPE", "LOC", "FAC")
_YEAR_RE = re.compile(r"\b(19[0-9]{2}|20[0-9]{2})\b")
_NUMBER_LABELS = ("CARDINAL", "QUANTITY", "MONEY", "PERCENT")
_NUMBER_WORDS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "dozen": "12",
}
_TERM_POS = ("NOUN", "VERB")
_WORD_POS = ("NOUN", "VERB", "PROPN", "ADJ")
_OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")  # `fire>coach`, `arrest>jackson`
_SUBJECT_DEPS = ("nsubj", "pobj")  # `police>arrest`; `pobj`: the object of an `agent`
_TRIGGER_DEPS = ("ROOT", "conj", "xcomp", "ccomp")  # the main verbs of a sentence
TRIGGER_SENTENCES = 2  # the main verbs of the first sentences name the event


@dataclass(frozen=True, slots=True)
class ArticleSignals:
    """Everything story linking needs to know about one article."""

    article_id: str
    vector: np.ndarray = field(repr=False)  # L2-normalised embedding of the title and lead
    entities: frozenset[str] = frozenset()  # canonical entity ids, or folded names
    date: date | None = None  # the event's: a date it reports, else its publication (`event_date`)
    title: str = ""  # the article's title, else its first line (see `titled`)
    people: frozenset[str] = frozenset()  # folded surnames
    places: frozenset[str] = frozenset()  # folded place names
    terms: frozenset[str] = frozenset()  # lemmas of the lead's verbs and nouns
    numbers: frozenset[str] = frozenset()  # numbers written in the lead
    # years written anywhere in the text, and the year it was published: a report is of its
    # year, and a dated article that writes no year must still share the year of its story
    # (a saved page's `Published: 2022-08-06` line gave it before ingest read that line)
    years: frozenset[int] = frozenset()
    words: frozenset[str] = frozenset()  # lemmas of the content words of the whole text
    # who did what to whom, how many: the lead's `verb>object`, `subject>verb`, `23>pirate`,
    # and the main verbs of its first sentences
    events: frozenset[str] = frozenset()
    titled: bool = True  # `title` is the article's own title, not its first line
    # the days its lead reports (its first sentences' `day` DateMentions): a later report of
    # an event names the event's day (`a jury found ... of the Sept. 9, 2010 shooting`),
    # which lets the time gate take it back to the event's story. The lead's only: a day of
    # the body is as often background (`Johnson, prime minister since July 24, ...`)
    days: frozenset[date] = frozenset()

    def keys(self) -> list[str]:
        """The typed profile keys of this article, in a stable order."""
        found: list[str] = []
        for kind, values in (
            ("entity", self.entities),
            ("person", self.people),
            ("place", self.places),
            ("term", self.terms),
            ("number", self.numbers),
            ("year", {str(y) for y in self.years}),
            ("word", self.words),
            ("event", self.events),
        ):
            found += sorted(KEY_PREFIX[kind] + v for v in values)
        return found + sorted(DAY_PREFIX + d.isoformat() for d in self.days)

    @classmethod
    def from_keys(
        cls,
        article_id: str,
        vector: np.ndarray,
        keys: Iterable[str],
        published: date | None,
        title: str,
        titled: bool = True,
    ) -> ArticleSignals:
        """The signals `keys()` was taken from (as the store keeps them)."""
        by_kind: dict[str, set[str]] = {kind: set() for kind in (*KINDS, "day")}
        for key in keys:
            by_kind[KIND_OF[key[:2]]].add(key[2:])
        return cls(
            article_id=article_id,
            vector=vector,
            entities=frozenset(by_kind["entity"]),
            date=published,
            title=title,
            people=frozenset(by_kind["person"]),
            places=frozenset(by_kind["place"]),
            terms=frozenset(by_kind["term"]),
            numbers=frozenset(by_kind["number"]),
            years=frozenset(int(y) for y in by_kind["year"]),
            words=frozenset(by_kind["word"]),
            events=frozenset(by_kind["event"]),
            titled=titled,
            days=frozenset(date.fromisoformat(d) for d in by_kind["day"]),
        )


def embedding_text(text: str, title: str | None = None) -> str:
    """What the encoder reads for story linking: the title, then the text (the encoder keeps
    the first 256 word pieces, so in practice the title and the lead)."""
    if title and not text.lstrip().startswith(title.strip()):
        return f"{title.strip()}\n{text}"
    return text


# A byline, a credit or a time stamp, not a headline: `By Jane Doe`, `Posted 2 / 3 / 2009`.
_BYLINE_RE = re.compile(
    r"^(?:by|posted|written|updated|published|reporting by|photo|image|source|credit)\b", re.I
)
HEADLINE_WORDS = (4, 40)  # fewer: a tagline or a cry (`Unbelievable!`); more: a paragraph
FIRST_LINES = 5  # lines looked at for a headline; further down is the body


def is_headline(line: str) -> bool:
    """Whether a line reads as a headline: four to forty words, not a fragment introducing
    what follows (`Breitbart Texas reports:`), not a byline, credit or time stamp. Site
    taglines (`America's Immigration Voice.`) are short, so the word count keeps them out."""
    line = " ".join(line.split()).strip("*_#> ")
    words = line.split()
    if not HEADLINE_WORDS[0] <= len(words) <= HEADLINE_WORDS[1]:
        return False
    if line.endswith((":", ";", ",", "-", "–", "—")) or _BYLINE_RE.match(line):
        return False
    return sum(ch.isalpha() for ch in line) >= 0.6 * len(line.replace(" ", ""))


# A page made to test a site, not news: `TEST PAGE: Self-publish`, `Test`, `test post`.
_TEST_PAGE_RE = re.compile(r"^\W*test(?:ing)?\W*$|\btest (?:page|article|post|story|edit)\b", re.I)
STUB_WORDS = 60  # fewer words of text: a stub (a Wikinews news brief has a hundred or more)
# Navigation only: less than this share of the words are in lines reading as sentences (a menu,
# a list of links, a cookie notice's buttons)
PROSE_SHARE = 0.3
PROSE_LINE_WORDS = 8


def is_low_content(title: str | None, text: str) -> bool:
    """Whether an article is a stub, a test page or navigation only: kept, but marked and
    listed last, not shown as a story first."""
    headline = title or first_line(text)
    if _TEST_PAGE_RE.search(headline or ""):
        return True
    words = text.split()
    if len(words) < STUB_WORDS:
        return True
    prose = sum(
        len(line.split())
        for line in text.splitlines()
        if len(line.split()) >= PROSE_LINE_WORDS and line.rstrip()[-1:] in ".!?\"'”’)"
    )
    return prose < PROSE_SHARE * len(words)


def first_line(text: str, limit: int = 120) -> str:
    """A headline for an article without a title: its first sentence that reads as one
    (`is_headline`; else its first sentence), without the dateline (`WASHINGTON (Sputnik)
    –`), cut at a word boundary."""
    dateline = find_dateline(text)
    if dateline is not None:
        text = text[dateline.span.end :]
    found: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        sentence = re.match(r".+?[.!?](?=\s+[A-Z\"“])", line)
        line = sentence.group(0) if sentence else line
        if len(line) > limit:
            line = line[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        if is_headline(line):
            return line
        found.append(line)
        if len(found) >= FIRST_LINES:
            break
    return found[0] if found else ""


def numbers_in(surface: str) -> list[str]:
    """`5. 9` (a detokenised `5.9`) → `5.9`; `150 nautical miles` → `150`; `five` → `5`."""
    text = re.sub(r"(\d)\s*([.,])\s*(\d)", r"\1\2\3", surface.lower())
    found = [n.replace(",", "") for n in re.findall(r"\d+(?:[.,]\d+)*", text)]
    found += [_NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", text) if w in _NUMBER_WORDS]
    return found


def _surname(surface: str) -> str:
    words = fold(person_name(surface)).split()
    return words[-1] if words else ""


def article_signals(
    doc: Doc,
    article_id: str,
    vector: np.ndarray,
    mentions: Sequence[Mention],
    *,
    published: date | None = None,
    title: str | None = None,
    lead_sentences: int = 5,
    reported: Sequence[tuple[date, int]] = (),
) -> ArticleSignals:
    """The signals of one parsed article (pure: the Doc and the mentions are only read).
    `reported` are the days the article's date expressions resolve to, each with the
    expression's first character, in text order (the `day` precision `DateMention`s): with
    `published` they give its date (`event_date`; an undated article's from its lead only).

    `mentions` are `find_mentions(doc, article_id)`, with `entity_id` set where the entity
    linker resolved them (elsewhere folded names stand in). The lead is the first
    `lead_sentences` sentences with text; the title is `title`, else the text's first line.
    """
    entities: set[str] = set()
    people: set[str] = set()
    places: set[str] = set()
    for mention in mentions:
        name = mention.entity_id or fold(mention.surface)
        if name:
            entities.add(name)
        if mention.label == "PERSON" and _surname(mention.surface):
            people.add(_surname(mention.surface))
        elif mention.label in PLACE_LABELS and fold(mention.surface):
            places.add(fold(mention.surface))
    terms: set[str] = set()
    numbers: set[str] = set()
    events: set[str] = set()
    lead = [s for s in doc.sents if s.text.strip()][:lead_sentences]
    lead_end = lead[-1].end_char if lead else 0
    for position, sentence in enumerate(lead):
        for token in sentence:
            lemma = token.lemma_.lower()
            if (
                token.pos_ in _TERM_POS
                and token.is_alpha
                and not token.is_stop
                and len(token.text) > 2
            ):
                terms.add(lemma)
            if token.pos_ == "VERB":
                if position < TRIGGER_SENTENCES and token.dep_ in _TRIGGER_DEPS:
                    events.add(lemma)
                for child in token.children:
                    if child.dep_ == "agent":  # `replaced by DiLeo`: the doer is its object
                        child = next((c for c in child.children if c.dep_ == "pobj"), child)
                    if not child.is_alpha:
                        continue
                    if child.dep_ in _OBJECT_DEPS:
                        events.add(f"{lemma}>{child.lemma_.lower()}")
                    elif child.dep_ in _SUBJECT_DEPS:
                        events.add(f"{child.lemma_.lower()}>{lemma}")
            elif token.like_num and token.head.pos_ in ("NOUN", "PROPN"):
                events.update(f"{n}>{token.head.lemma_.lower()}" for n in numbers_in(token.text))
        for ent in sentence.ents:
            if ent.label_ in _NUMBER_LABELS:
                numbers.update(numbers_in(ent.text))
    lead_days = [d for d, at in reported if at < lead_end]
    return ArticleSignals(
        article_id=article_id,
        vector=np.asarray(vector, dtype=np.float32),
        entities=frozenset(entities),
        date=event_date(published, [d for d, _ in reported], lead_days),
        title=title or first_line(doc.text),
        people=frozenset(people),
        places=frozenset(places),
        terms=frozenset(terms),
        numbers=frozenset(numbers),
        years=frozenset(
            [int(y) for y in _YEAR_RE.findall(doc.text)] + ([published.year] if published else [])
        ),
        words=frozenset(
            token.lemma_.lower()
            for token in doc
            if token.pos_ in _WORD_POS
            and token.is_alpha
            and not token.is_stop
            and len(token.text) > 2
        ),
        events=frozenset(events),
        titled=bool(title and title.strip()),
        days=frozenset(lead_days),
    )


EVENT_WINDOW_DAYS = 30  # a report comes at most this long after the day it reports


def event_date(
    published: date | None, reported: Sequence[date], lead: Sequence[date] | None = None
) -> date | None:
    """When the article's event happened: the first day its lead reports (`lead`, the days
    written in its first sentences: a dateline's `MOSCOW, September 27`, `on Sunday` resolved
    against it; all of `reported` when not given) that lies within `EVENT_WINDOW_DAYS` before
    its publication (or the day after: time zones); else the publication date (a day further
    back is background: `MH17 was shot down on July 17, 2014` in a report of 2018; a day only
    the body gives is as likely background, or another event of a column covering a month:
    `On the last day` 5,000 characters into the August column of a campaign diary published
    on September 30). An undated article has no such window: its date is the first day its
    lead reports, else none. A wrong date keeps the article from its story (the time gate)
    where no date leaves it to the rest of the evidence."""
    lead = reported if lead is None else lead
    if published is None:
        return lead[0] if lead else None
    for day in lead:
        if -1 <= (published - day).days <= EVENT_WINDOW_DAYS:
            return day
    return published
