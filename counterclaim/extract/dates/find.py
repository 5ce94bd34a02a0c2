"""The extractor: every match of the patterns that passes its gate, overlaps resolved,
resolved against the anchor, then joined into ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc

from counterclaim.extract.dates.gates import is_date_here
from counterclaim.extract.dates.patterns import PATTERNS
from counterclaim.extract.dates.ranges import join_ranges
from counterclaim.extract.dates.resolve import PRODUCER, RESOLVERS, Context, Found
from counterclaim.model import CharSpan, DateMention, Provenance


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str
    match: re.Match[str]


def candidates(ctx: Context) -> list[Candidate]:
    """Every match that is a date in its context, overlaps resolved: the longest wins, then
    the earliest, then the first pattern."""
    found: list[tuple[int, int, int, Candidate]] = []
    for order, (kind, pattern) in enumerate(PATTERNS):
        for match in pattern.finditer(ctx.text):
            start, end = match.span()
            if end > start and is_date_here(kind, match, ctx.doc, ctx.text):
                found.append((-(end - start), start, order, Candidate(start, end, kind, match)))
    taken: list[Candidate] = []
    for _, _, _, candidate in sorted(found, key=lambda f: f[:3]):
        if all(candidate.end <= t.start or t.end <= candidate.start for t in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start)


def find_dates(doc: Doc, article_id: str, anchor: date | None) -> list[DateMention]:
    """Every date expression of the article, resolved against `anchor`, in text order."""
    ctx = Context(doc=doc, text=doc.text, anchor=anchor, earlier=[])
    resolved: list[tuple[DateMention, Found, str]] = []
    quotes = [(q.start_char, q.end_char) for q in doc.spans.get("cc_quotes", [])]
    for candidate in candidates(ctx):
        found = RESOLVERS[candidate.kind](candidate.match, ctx, candidate.start, candidate.end)
        if found is None:
            continue
        if not found.explicit_year and any(q0 < candidate.start < q1 for q0, q1 in quotes):
            # quoted words count from when they were said, which may not be the anchor
            found = replace(found, confidence=round(found.confidence * 0.8, 2))
        mention = DateMention(
            article_id=article_id,
            span=CharSpan(candidate.start, candidate.end),
            date=found.date,
            precision=found.precision,
            provenance=Provenance(PRODUCER, found.confidence),
            end=found.end,
            anchor=anchor,
        )
        ctx.earlier.append(mention)
        resolved.append(
            (mention, found, "month_day" if candidate.kind == "day_month" else candidate.kind)
        )
    return join_ranges(ctx.text, resolved)
