"""Timeline events: the sentences of an article that say when something happened."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from counterclaim.model import CharSpan, DateMention, Provenance, TimelineEvent

PRODUCER = "rule:timeline@1"


def timeline_events(doc: Doc, article_id: str, dates: list[DateMention]) -> list[TimelineEvent]:
    """One event per (sentence, date): the sentence is what happened then."""
    events: dict[tuple[int, str], TimelineEvent] = {}
    dateline = doc.spans.get("cc_dateline")
    dateline_end = dateline[0].end_char if dateline else 0
    for mention in dates:
        if mention.span.start < dateline_end:
            continue  # the dateline dates the report, not an event
        token = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if token is None:
            continue
        sentence = token.sent
        start = sentence.start_char
        end = start + len(sentence.text.rstrip())
        key = (start, f"{mention.date}/{mention.precision}")
        if key in events:
            continue
        digest = hashlib.sha256(f"{article_id}:{start}:{end}:{key[1]}".encode()).hexdigest()
        events[key] = TimelineEvent(
            id=digest[:20],
            article_id=article_id,
            span=CharSpan(start, end),
            date=mention.date,
            precision=mention.precision,
            text=sentence.text.strip(),
            provenance=Provenance(PRODUCER, mention.provenance.confidence),
            expression=mention.span,
        )
    return list(events.values())
