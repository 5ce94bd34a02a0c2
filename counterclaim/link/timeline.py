"""One timeline entry for one event: events of different articles on the same date that
involve mostly the same entities are the same event, reported several times."""

from __future__ import annotations

from dataclasses import dataclass

from counterclaim.config import default_options


@dataclass(frozen=True)
class TimelineOptions:
    """When two reports are of one event; the value (and why) is in default.cfg
    [link.timeline]."""

    same_event_overlap: float

    @classmethod
    def default(cls) -> TimelineOptions:
        return default_options(cls, "link.timeline")


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
