"""Ingest's batch-level inference, pure over one batch of read articles: a missing year or
outlet taken from the batch's other articles (the store's, through callbacks, when the batch
has none), and the records no later stage could use."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from counterclaim.ingest.calendar import NEAREST, month_day_near
from counterclaim.ingest.metadata import DatelineMatch, find_origin
from counterclaim.ingest.outlets import OutletRegistry
from counterclaim.model import Article, RawArticle


def infer_missing_years(
    batch: list[tuple[Article, DatelineMatch | None]],
    stored_dates: Callable[[str | None], list[date]],
) -> list[Article]:
    """A dateline without a year (`Moscow, October 5 (RHC)--`) on an article without any other
    date takes the year that puts it nearest the other dates of the same outlet in the batch,
    else of the batch, else of the store. The result is marked `dateline+batch-year`."""
    result = []
    for article, match in batch:
        if article.published or not (match and match.month and match.day):
            result.append(article)
            continue
        outlet_id = article.outlet.id if article.outlet else None
        same_outlet = [
            a.published
            for a, _ in batch
            if a.published and outlet_id and a.outlet and a.outlet.id == outlet_id
        ]
        anyone = [a.published for a, _ in batch if a.published]
        anchors = same_outlet or anyone or stored_dates(outlet_id) or stored_dates(None)
        if not anchors:
            result.append(article)
            continue
        anchor = sorted(anchors)[len(anchors) // 2]
        resolved = month_day_near(match.month, match.day, anchor, NEAREST)
        dateline = replace(article.dateline, date=resolved) if article.dateline else None
        result.append(
            replace(
                article,
                published=resolved,
                published_source="dateline+batch-year",
                dateline=dateline,
            )
        )
    return result


def infer_missing_outlets(
    batch: list[tuple[Article, DatelineMatch | None]],
    registry: OutletRegistry,
    stored_outlets: Callable[[str], set[str]],
) -> list[tuple[Article, DatelineMatch | None]]:
    """An article with no outlet evidence at all, read from a folder whose other articles all
    come from one outlet, is taken to come from that outlet too (`outlet_source` = folder).
    Archives are usually saved one outlet per folder; a mixed folder leaves the outlet unknown."""
    by_folder: dict[str, set[str]] = {}
    for article, _ in batch:
        if article.outlet and article.source:
            by_folder.setdefault(os.path.dirname(article.source), set()).add(article.outlet.id)
    result = []
    for article, match in batch:
        if article.outlet or not article.source or article.source == "-":
            result.append((article, match))
            continue
        folder = os.path.dirname(article.source)
        candidates = by_folder.get(folder) or stored_outlets(folder)
        outlet = registry.by_name(next(iter(candidates))) if len(candidates) == 1 else None
        if outlet is None:
            result.append((article, match))
            continue
        origin = find_origin(match, outlet, article.text, registry)
        result.append(
            (replace(article, outlet=outlet, outlet_source="folder", origin=origin), match)
        )
    return result


# spaCy's default `max_length`: a longer text cannot be parsed in one piece, and would fail
# every later `analyze` (issue 17)
MAX_TEXT_CHARS = 1_000_000
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def unusable(raw: RawArticle) -> str | None:
    """Why a record read from an input cannot be an article, or None."""
    for name in ("text", "url", "title", "author", "published", "outlet", "site_name"):
        value = getattr(raw, name)
        found = _SURROGATE_RE.search(value) if isinstance(value, str) else None
        if found:  # `\ud800` in JSON, `&#xD800;` in XML: not text, and SQLite cannot store it
            return (
                f"invalid text: a lone surrogate (\\u{ord(found[0]):04x}) in its {name} "
                f"at character {found.start()}"
            )
    if len(raw.text) > MAX_TEXT_CHARS:
        return (
            f"text of {len(raw.text):,} characters, over the limit of {MAX_TEXT_CHARS:,} "
            "(split the article)"
        )
    return None
