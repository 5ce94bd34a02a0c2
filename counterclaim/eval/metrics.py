"""Span and classification metrics shared by the evaluations."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# A span is (document id, start, end), end exclusive.
DocSpan = tuple[str, int, int]

_TOKEN_RE = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class PRF:
    p: float
    r: float
    f1: float

    @classmethod
    def of(cls, true_positive: float, predicted: float, gold: float) -> PRF:
        p = true_positive / predicted if predicted else 0.0
        r = true_positive / gold if gold else 0.0
        return cls(round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0)

    def as_dict(self) -> dict[str, float]:
        return {"p": self.p, "r": self.r, "f1": self.f1}


def _is_trimmable(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut surrounding whitespace and punctuation (quotes, commas, stops, dashes). A span of
    punctuation only (PolNeAR has cues that are a colon or a dash) loses white space only."""
    trimmed_start, trimmed_end = start, end
    while trimmed_start < trimmed_end and _is_trimmable(text[trimmed_start]):
        trimmed_start += 1
    while trimmed_end > trimmed_start and _is_trimmable(text[trimmed_end - 1]):
        trimmed_end -= 1
    if trimmed_end > trimmed_start:
        return trimmed_start, trimmed_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def exact_prf(predicted: Iterable[DocSpan], gold: Iterable[DocSpan], texts: dict[str, str]) -> PRF:
    """A predicted span counts when its trimmed boundaries equal a gold span's."""

    def normal(spans: Iterable[DocSpan]) -> set[DocSpan]:
        result = set()
        for doc_id, start, end in spans:
            trimmed = trim_span(texts[doc_id], start, end)
            if trimmed[1] > trimmed[0]:
                result.add((doc_id, *trimmed))
        return result

    predicted_set, gold_set = normal(predicted), normal(gold)
    return PRF.of(len(predicted_set & gold_set), len(predicted_set), len(gold_set))


def token_positions(spans: Iterable[DocSpan], texts: dict[str, str]) -> set[tuple[str, int]]:
    """The (document, token start) of every word or punctuation token inside the spans."""
    covered: set[tuple[str, int]] = set()
    for doc_id, start, end in spans:
        for match in _TOKEN_RE.finditer(texts[doc_id], start, end):
            if not _is_trimmable(match.group()[0]) or match.group().isalnum():
                covered.add((doc_id, match.start()))
    return covered


def overlap_prf(
    predicted: Iterable[DocSpan], gold: Iterable[DocSpan], texts: dict[str, str]
) -> PRF:
    """Token-level: the share of predicted tokens inside gold spans, and of gold tokens found
    (punctuation tokens are not counted)."""
    predicted_tokens = token_positions(predicted, texts)
    gold_tokens = token_positions(gold, texts)
    return PRF.of(len(predicted_tokens & gold_tokens), len(predicted_tokens), len(gold_tokens))
