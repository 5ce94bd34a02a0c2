"""All per-article extraction from one parsed Doc: the one place the extractors are called."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from counterclaim.extract.dates import find_dates, said_on
from counterclaim.extract.mentions import find_mentions
from counterclaim.extract.speakers import resolve_speakers
from counterclaim.extract.statements import (
    AttributionOptions,
    extract_statements,
    find_targets,
    first_person_in_turns,
    with_sayers,
)
from counterclaim.extract.techniques import find_techniques
from counterclaim.extract.timeline import timeline_events
from counterclaim.model import ArticleFacts, DateMention, Statement

# Bump when any extractor's output changes, so that `analyze` redoes stored articles.
EXTRACTION_VERSION = "21"


def extract_article(
    doc: Doc,
    article_id: str,
    anchor: date | None = None,
    options: AttributionOptions | None = None,
) -> ArticleFacts:
    """Everything the extractors find in one parsed article. `anchor` is the date relative
    expressions are resolved against: the dateline's date, else the publication date."""
    dates = find_dates(doc, article_id, anchor)
    statements = extract_statements(doc, article_id, options or AttributionOptions())
    statements = first_person_in_turns(doc, resolve_speakers(doc, statements))
    statements = with_sayers(doc, statements)
    statements = [
        replace(s, targets=find_targets(doc, s), said_on=_said_on(doc, s, dates, anchor))
        for s in statements
    ]
    return ArticleFacts(
        article_id=article_id,
        statements=tuple(statements),
        mentions=tuple(find_mentions(doc, article_id)),
        dates=tuple(dates),
        timeline=tuple(timeline_events(doc, article_id, dates)),
        techniques=tuple(find_techniques(doc, article_id)),
    )


def _said_on(
    doc: Doc, statement: Statement, dates: list[DateMention], anchor: date | None
) -> date | None:
    """The day in the cue's clause (`said on Wednesday`), else the article's own date."""
    found = said_on(doc, statement.cue, dates)
    if found is None:
        # `told Sputnik on Friday it encouraged ...`: the parser often hangs the date on the
        # complement; one between the cue and the content (left out of it) dates the cue
        between = [
            d
            for d in dates
            if statement.cue.end <= d.span.start and d.span.end <= statement.content.start
        ]
        found = between[-1] if between else None
    if found is not None and found.precision == "day":
        return found.date
    return anchor
