"""All per-article extraction from one parsed Doc: the one place the extractors are called."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from counterclaim.extract.mentions import find_mentions
from counterclaim.extract.speakers import resolve_speakers
from counterclaim.extract.statements import (
    AttributionOptions,
    extract_statements,
    find_targets,
)
from counterclaim.model import ArticleFacts

# Bump when any extractor's output changes, so that `analyze` redoes stored articles.
EXTRACTION_VERSION = "2"


def extract_article(
    doc: Doc, article_id: str, options: AttributionOptions | None = None
) -> ArticleFacts:
    statements = extract_statements(doc, article_id, options or AttributionOptions())
    statements = resolve_speakers(doc, statements)
    statements = [replace(s, targets=find_targets(doc, s)) for s in statements]
    return ArticleFacts(
        article_id=article_id,
        statements=tuple(statements),
        mentions=tuple(find_mentions(doc, article_id)),
    )
