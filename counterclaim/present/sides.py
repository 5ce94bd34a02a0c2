"""Which sides of a story summary are actors a reader can put in a column, and which are
speakers the analysis did not resolve: a pronoun (`who`, `they`), a description (`his
campaign`, `a vaccine`, `the ministry`), a common noun (`polls`, `records`).

The story summary has no flag saying a speaker is unresolved, so this decides from what it
has: a side the alias registry knows is an actor; otherwise its label must read as a name.
A better speaker stage makes these rules matter less; keep them general English (no name
from any corpus), and improve them here, the one place the web page and the CLI ask.
"""

from __future__ import annotations

import re

from counterclaim.model import Side
from counterclaim.nlp.aliases import AliasRegistry

PRONOUNS = frozenset(
    [
        "i",
        "me",
        "we",
        "us",
        "you",
        "he",
        "him",
        "she",
        "her",
        "it",
        "they",
        "them",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "that",
        "this",
        "these",
        "those",
        "one",
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "everyone",
        "everybody",
        "nobody",
        "none",
        "some",
        "many",
        "others",
        "other",
        "both",
        "all",
        "each",
        "either",
        "neither",
        "several",
        "few",
        "most",
        "another",
    ]
)
# Words that open a description rather than a name: `the ministry`, `his campaign`.
DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "some",
        "many",
        "several",
        "other",
        "another",
        "such",
        "no",
        "any",
        "each",
        "every",
        "both",
        "all",
        "former",
    ]
)
UNRESOLVED_LABELS = frozenset({"unattributed", "unknown"})
# Nouns for unnamed people or documents, capitalised only because they open a sentence
# (`Officials said`): never a column by themselves.
GENERIC_NOUNS = frozenset(
    [
        "official",
        "officials",
        "source",
        "sources",
        "analyst",
        "analysts",
        "expert",
        "experts",
        "critic",
        "critics",
        "resident",
        "residents",
        "witness",
        "witnesses",
        "observer",
        "observers",
        "diplomat",
        "diplomats",
        "authorities",
        "investigators",
        "prosecutors",
        "report",
        "reports",
        "media",
        "people",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "statement",
        "documents",
        "data",
        "polls",
        "records",
    ]
)
_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")
_TRAILING_JUNK_RE = re.compile(r"[\s(\[{,;:–—-]+$")


def clean_label(label: str) -> str:
    """A label without the punctuation a speaker span dragged along (`Associated Press (`)."""
    cleaned = _TRAILING_JUNK_RE.sub("", label.strip())
    return cleaned.strip("\"'“”‘’ ") or label.strip()


def reads_as_name(label: str) -> bool:
    """Whether a speaker label reads as the name of an actor: some word capitalised, and
    not a bare pronoun or a determiner opening an uncapitalised description."""
    words = _WORD_RE.findall(clean_label(label))
    if not words or label.strip().lower() in UNRESOLVED_LABELS:
        return False
    if any(len(w) > 1 and w.isupper() for w in words):  # an acronym: US, NATO, IAEA
        return True
    if len(words) == 1 and words[0].lower() in PRONOUNS | GENERIC_NOUNS:
        return False
    rest = words[1:] if words[0].lower() in DETERMINERS | PRONOUNS else words
    return any(w[0].isupper() for w in rest)


def is_actor(side: Side, registry: AliasRegistry | None = None) -> bool:
    """A side fit for a column: one the registry knows, or one whose label reads as a
    name."""
    if registry is not None and registry.get(side.id) is not None:
        return True
    return reads_as_name(side.label)
