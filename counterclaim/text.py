"""Text utilities shared by the stages (under every stage, like `model`: imports nothing of
counterclaim)."""

from __future__ import annotations

import re
import unicodedata


def fold(surface: str) -> str:
    """Case, accents and punctuation folded: `U.S.` → `us`, `the Pentagon` → `pentagon`."""
    text = unicodedata.normalize("NFKD", surface)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’`]s\b", "", text)
    text = re.sub(r"[.'’`]", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    return text.removeprefix("the ").strip()
