"""A story's summary as the story page, `stories show` and the API read it: the store's rows
(`store.stories.story_summary_rows`) summarised by `link.summary`."""

from __future__ import annotations

import sqlite3

from counterclaim.link.sides import described_speakers
from counterclaim.link.summary import summarize
from counterclaim.model import StorySummary
from counterclaim.nlp.aliases import load_aliases
from counterclaim.store.articles import article_texts, entity_article_texts
from counterclaim.store.stories import load_story, story_summary_rows


def load_story_summary(conn: sqlite3.Connection, story_id: str) -> StorySummary | None:
    """Everything the story page shows: sides, claims and counterclaims, the outlets with
    their spellings of the story's main entities, the timeline, the copies."""
    story = load_story(conn, story_id)
    if story is None:
        return None
    statements, links, outlets, timeline = story_summary_rows(conn, story)
    registry = load_aliases()
    described = described_speakers(
        statements,
        lambda ids: article_texts(conn, ids),
        registry,
        lambda entity, ids: entity_article_texts(conn, entity, ids),
    )
    return summarize(story, statements, links, outlets, timeline, registry, described)
