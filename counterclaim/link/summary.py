"""A story's summary: its sides, their claims with the counterclaims beside them, who
covered it, its timeline and its provenance chains. Pure: rows in, `StorySummary` out
(`present.summary.load_story_summary` gathers the rows)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from counterclaim.link.disputes import side_of
from counterclaim.link.sides import SideFinder, side_finder
from counterclaim.model import (
    CharSpan,
    Claim,
    Reply,
    Side,
    Speaker,
    StoredStatement,
    Story,
    StorySummary,
)
from counterclaim.nlp.aliases import AliasRegistry

_SUPPORTING = ("supports", "repeats")
UNATTRIBUTED = "unattributed"  # the column of statements whose speaker is no actor


def speaker_label(row: Mapping) -> str:
    """The speaker of a statement row (or record columns) as resolved: the person's name,
    else the organisation, else as written."""
    return label_of(
        Speaker(
            CharSpan(0, 0),
            row.get("speaker_text") or "",
            row.get("speaker_name"),
            organisation=row.get("speaker_organisation"),
        )
    )


def label_of(speaker: Speaker | None) -> str:
    """The speaker as resolved: the person's name, else the organisation, else as written."""
    if speaker is None:
        return "unattributed"
    return speaker.name or speaker.organisation or speaker.text or "unattributed"


def _replies_by_claim(
    statements: Sequence[StoredStatement], links: Sequence[Mapping]
) -> dict[str, list[Reply]]:
    """Each statement's replies: the statement links (`links` rows) into it."""
    by_id = {s.id: s for s in statements}
    replies: dict[str, list[Reply]] = defaultdict(list)
    for link in links:
        if link["from_kind"] != "statement":
            continue
        reply, claim = by_id.get(link["from_id"]), by_id.get(link["to_id"])
        if reply and claim:
            replies[claim.id].append(Reply(reply, link["relation"], float(link["score"])))
    return replies


def _side_label(
    side_id: str, actors: Counter[str], registry: AliasRegistry, finder: SideFinder
) -> str:
    """A side's column label: the registry's name of a state, party or group, else the name
    its speakers go by most (a side known only by its text or organisation)."""
    if side_id == UNATTRIBUTED:
        return "unattributed"
    if side_id.startswith(("text:", "org:", "statement:")) or not (
        registry.get(side_id) or finder.is_state(side_id) or side_id.startswith("group:")
    ):
        return actors.most_common(1)[0][0]
    return finder.label(side_id)


def summarize(
    story: Story,
    statements: Sequence[StoredStatement],
    links: Sequence[Mapping],
    outlets: Sequence[dict],
    timeline: Sequence[dict],
    registry: AliasRegistry,
    described: Mapping[str, str] | None = None,
) -> StorySummary:
    """`statements`: the story's statements with `seq`, `outlet_id`; `links`: `links`
    rows of the story; `outlets`: one dict per outlet (id, name, country, state_affiliated,
    article_ids, spellings); `timeline`: `timeline_events` rows of the story's articles;
    `described`: the side each named speaker is described with in the story's articles.
    A side is the state or party the speakers speak for (`disputes.side_of`): a person and
    an organisation of one state are one column; statements whose speaker is no actor (an
    unresolved pronoun) go to one `UNATTRIBUTED` column, last."""
    finder = side_finder(registry)
    replies = _replies_by_claim(statements, links)
    groups: dict[str, list[StoredStatement]] = defaultdict(list)
    for row in statements:
        groups[side_of(row, registry, described) or UNATTRIBUTED].append(row)

    def contested(statement: StoredStatement) -> tuple:
        answers = replies.get(statement.id, [])
        return (
            -sum(r.relation == "disputes" for r in answers),
            -len(answers),
            statement.seq or 0,
            statement.statement.content.start,
        )

    sides = []
    for side_id, rows in groups.items():
        actors = Counter(label_of(r.speaker) for r in rows)
        label = _side_label(side_id, actors, registry, finder)
        claims = []
        for row in sorted(rows, key=contested):
            answers = sorted(replies.get(row.id, []), key=lambda r: -r.score)
            claims.append(
                Claim(
                    statement=row,
                    disputed_by=tuple(r for r in answers if r.relation == "disputes"),
                    supported_by=tuple(r for r in answers if r.relation in _SUPPORTING),
                    answered_by=tuple(r for r in answers if r.relation == "responds_to"),
                )
            )
        sides.append(
            Side(
                id=side_id,
                label=label,
                actors=tuple(name for name, _ in actors.most_common()),
                claims=tuple(claims),
                outlet_ids=tuple(sorted({r.outlet_id for r in rows if r.outlet_id})),
            )
        )
    # the sides in a dispute first, then the most vocal
    column_of = {c.statement.id: side.id for side in sides for c in side.claims}
    disputed: Counter[str] = Counter()
    for link in links:
        if link["relation"] == "disputes":
            disputed.update({column_of.get(link["from_id"]), column_of.get(link["to_id"])})
    sides.sort(key=lambda s: (s.id == UNATTRIBUTED, -disputed[s.id], -len(s.claims), s.label))
    return StorySummary(
        story=story,
        sides=tuple(sides),
        outlets=tuple(outlets),
        timeline=tuple(timeline),
        provenance=tuple(_chains(links)),
    )


def _chains(links: Sequence[Mapping]) -> list[dict]:
    """origin → copies, from the `copy_of` links (each copy points at its group's origin)."""
    copies: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for link in links:
        if link["relation"] == "copy_of":
            copies[link["to_id"]].append((link["from_id"], float(link["score"])))
    return [
        {
            "origin_article_id": origin,
            "copies": [article for article, _ in found],
            "similarity": [score for _, score in found],
        }
        for origin, found in sorted(copies.items())
    ]
