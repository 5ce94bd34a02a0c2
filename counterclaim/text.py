"""Text utilities shared by the stages: name folding, URL hosts (under every stage, like
`model`: imports nothing of counterclaim)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# a blank line, or a line break after a finished sentence or quote (web copy often has
# single newlines between paragraphs; after `said:` or a signature line it is no break)
PARAGRAPH_BREAK = re.compile(r"\n[ \t\xa0]*\n|[.!?\"”’][ \t\xa0]*\n")


def fold(surface: str) -> str:
    """Case, accents and punctuation folded: `U.S.` → `us`, `the Pentagon` → `pentagon`."""
    text = unicodedata.normalize("NFKD", surface)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’`]s\b", "", text)
    text = re.sub(r"[.'’`]", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    return text.removeprefix("the ").strip()


def domain_of(url: str | None) -> str | None:
    """The lower-cased host of a URL without `www.`, or None."""
    if not url:
        return None
    url = url.strip()
    # a bare domain (`sputniknews.com` in an outlet column) has no scheme to split on
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:  # `http://[oops`, `RT [Russia Today]`: not a host at all
        return None
    if not host:
        return None
    host = host.rstrip(".").lower()
    return host[4:] if host.startswith("www.") else host


def word_set(words: str) -> frozenset[str]:
    """A word list written as one space-separated string (how our small lexicons are kept)."""
    return frozenset(words.split())
