"""One timeline entry for one event: events of different articles on the same date that
involve mostly the same entities are the same event, reported several times."""

from __future__ import annotations

# Share of entities two reports of one event must have in common (Jaccard). Set on the seeds:
# the Russian ministry's Wednesday statement as reported in both articles shares half its
# entities (0.5); the Pentagon's same-day denial shares a third (0.33) and stays apart.
SAME_EVENT_OVERLAP = 0.4


def overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def choose_group(entity_ids: set[str], candidates: list[tuple[str, set[str]]]) -> str | None:
    """The group of the most similar earlier report of the same date, if similar enough."""
    best, best_score = None, SAME_EVENT_OVERLAP
    for group_id, others in candidates:
        score = overlap(entity_ids, others)
        if score >= best_score:
            best, best_score = group_id, score
    return best
