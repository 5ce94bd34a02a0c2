"""One timeline entry for one event: events of different articles on the same date that
involve mostly the same entities are the same event, reported several times."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from counterclaim.config import ConfigOptions
from counterclaim.model import Linked, TimelineEvent


@dataclass(frozen=True)
class TimelineOptions(ConfigOptions):
    """When two reports are of one event; the value (and why) is in default.cfg
    [link.timeline]."""

    SECTION = "link.timeline"

    same_event_overlap: float


def overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def choose_group(
    entity_ids: set[str],
    candidates: list[tuple[str, set[str]]],
    options: TimelineOptions | None = None,
) -> str | None:
    """The group of the most similar earlier report of the same date, if similar enough."""
    options = options or TimelineOptions.default()
    best, best_score = None, options.same_event_overlap
    for group_id, others in candidates:
        score = overlap(entity_ids, others)
        if score >= best_score:
            best, best_score = group_id, score
    return best


def event_entities(
    events: Sequence[TimelineEvent], linked: Sequence[Linked]
) -> dict[str, list[str]]:
    """The entities each event involves: those of the linked mentions inside its span."""
    return {
        event.id: [
            x.mention.entity_id
            for x in linked
            if event.span.start <= x.mention.span.start < event.span.end and x.mention.entity_id
        ]
        for event in events
    }
