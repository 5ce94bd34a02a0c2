"""One story's page and its JSON twin, from `load_story_summary`: the sides as columns, each
claim with the statements that dispute, support or answer it; the timeline; the outlets with
the spelling each used for the key names; the provenance chains (origin → copies)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote, urlencode

from counterclaim.link.summary import label_of
from counterclaim.model import Claim, Reply, Side, StoredStatement, StorySummary
from counterclaim.nlp.aliases import AliasRegistry
from counterclaim.present.evidence import describe_link
from counterclaim.present.sides import clean_label, is_actor
from counterclaim.present.summary import load_story_summary
from counterclaim.present.web.timeline_chart import format_date, timeline_chart
from counterclaim.present.web.views import (
    article_list_item,
    browse_bool,
    heading,
    statement_item,
    timeline_item,
)
from counterclaim.store import browse
from counterclaim.store.facts import stored_statement_row
from counterclaim.store.links import list_overrides, story_links

KEY_ENTITIES = 6  # names whose spellings are compared across outlets
MAX_COLUMNS = 4  # sides side by side; the rest fold under "other voices"
CLAIMS_SHOWN = 5  # per column, most contested first; the rest page by page
CLAIMS_PAGE = 20  # claims on one page of a side
REPLIES_SHOWN = 3  # replies of each kind under a claim; the rest are counted
REPLIES_PER_CLAIM = 4  # replies under a claim card in a column (bounds the page's size)
REPLIES_MAIN = 8  # under the main claim
ACTORS_SHOWN = 6  # names under a column's label
VOICES_SHOWN = 12  # other voices listed on the story page; the rest page by page
VOICES_PAGE = 50
RANKED_SHOWN = 8  # the story's most contested claims, listed under the main dispute
TIMELINE_REPORTS = 40  # reports listed under the chart; the JSON API pages the rest
# How much an answer (responds_to) and a support weigh against a dispute when ranking
# claims by how contested they are: a claim two sides dispute comes before one that many
# answer without denying.
ANSWER_WEIGHT = 0.25
SUPPORT_WEIGHT = 0.1


class StatementShaper:
    """A summary's statements in the shape every page shows statements in, each built
    once (one statement answers many)."""

    def __init__(self, outlets: dict[str, dict]) -> None:
        self.outlets = outlets
        self.shaped: dict[str, dict] = {}

    def __call__(self, statement: StoredStatement) -> dict:
        if statement.id not in self.shaped:
            row = stored_statement_row(statement)
            outlet = self.outlets.get(row.get("outlet_id") or "", {})
            self.shaped[statement.id] = statement_item(
                {
                    **row,
                    "outlet_name": row.get("outlet") or outlet.get("name"),
                    "outlet_state_affiliated": outlet.get("state_affiliated"),
                    "article_published": row.get("published"),
                }
            )
        return self.shaped[statement.id]


@dataclass
class StoryContext:
    """What shaping a story's claims needs: the statement shaper, the links' ids and
    evidence, which side each statement is on, and the other direction of disputes."""

    story_id: str
    shape: StatementShaper
    links: dict[tuple[str, str, str], dict]
    side_of: dict[str, str]
    labels: dict[str, str]
    disputes: dict[str, list[tuple[Claim, Reply]]] = field(default_factory=dict)
    made: dict[str, list[float]] = field(default_factory=dict)


def _link(ctx: StoryContext, relation: str, source: str, target: str) -> dict | None:
    row = ctx.links.get((relation, source, target))
    return describe_link(row) if row else None


def _reply(reply: Reply, claim_id: str, ctx: StoryContext) -> dict:
    side = ctx.side_of.get(reply.statement.id)
    return {
        "statement": ctx.shape(reply.statement),
        "relation": reply.relation,
        "score": round(reply.score, 3),
        "side": ctx.labels.get(side or "", None),
        "link": _link(ctx, reply.relation, reply.statement.id, claim_id),
    }


def disputes_made(summary: StorySummary) -> dict[str, list[float]]:
    """The scores of the `disputes` links each statement makes (the other direction)."""
    made: dict[str, list[float]] = {}
    for side in summary.sides:
        for claim in side.claims:
            for reply in claim.disputed_by:
                made.setdefault(reply.statement.id, []).append(reply.score)
    return made


def contest(claim: Claim, side_of: dict[str, str], made: dict[str, list[float]]) -> dict:
    """How contested a claim is: the disputes of it (and by how many other sides), the
    claims it disputes, answers and supports, and one score to rank by. A denial counts as
    contested as the claim it disputes: in its side's column it comes first."""
    own = side_of.get(claim.statement.id)
    disputing = {side_of.get(r.statement.id) for r in claim.disputed_by} - {own, None}
    making = made.get(claim.statement.id, [])
    score = (
        sum(r.score for r in claim.disputed_by)
        + sum(making)
        + ANSWER_WEIGHT * sum(r.score for r in claim.answered_by)
        + SUPPORT_WEIGHT * len(claim.supported_by)
    )
    return {
        "disputes": len(claim.disputed_by),
        "disputing_sides": len(disputing),
        "disputes_made": len(making),
        "answers": len(claim.answered_by),
        "supports": len(claim.supported_by),
        "score": round(score, 3),
    }


def _rank_key(claim: Claim, side_of: dict[str, str], made: dict[str, list[float]]) -> tuple:
    c = contest(claim, side_of, made)
    in_dispute = c["disputing_sides"] + min(1, c["disputes_made"])
    return (-in_dispute, -c["score"], claim.statement.seq or 0)


def _claim(claim: Claim, ctx: StoryContext, budget: int = REPLIES_PER_CLAIM) -> dict:
    """A claim card: its statement, how contested it is, and at most `budget` replies
    (disputes of it first, then the claims it disputes, supports, answers); the rest are
    counted, and listed on its side's pages."""
    statement = ctx.shape(claim.statement)
    claim_id = statement["id"]
    left = budget

    def take(items: list) -> list:
        nonlocal left
        kept = items[: max(0, min(left, REPLIES_SHOWN))]
        left -= len(kept)
        return kept

    targets = ctx.disputes.get(claim_id, [])
    disputed_by = take(list(claim.disputed_by))
    disputes = take(targets)
    supported_by = take(list(claim.supported_by))
    answered_by = take(list(claim.answered_by))
    total = len(claim.disputed_by) + len(targets) + len(claim.supported_by)
    total += len(claim.answered_by)
    return {
        "statement": statement,
        "side": ctx.labels.get(ctx.side_of.get(claim_id, ""), None),
        "contest": contest(claim, ctx.side_of, ctx.made),
        "disputed_by": [_reply(r, claim_id, ctx) for r in disputed_by],
        "supported_by": [_reply(r, claim_id, ctx) for r in supported_by],
        "answered_by": [_reply(r, claim_id, ctx) for r in answered_by],
        "more_replies": total - (budget - left),
        # the other direction: the claims this statement disputes
        "disputes": [
            {
                "statement": ctx.shape(target.statement),
                "relation": "disputes",
                "score": round(reply.score, 3),
                "side": ctx.labels.get(ctx.side_of.get(target.statement.id, ""), None),
                "link": _link(ctx, "disputes", claim_id, target.statement.id),
            }
            for target, reply in disputes
        ],
    }


def _ranked(side: Side, ctx: StoryContext) -> list[Claim]:
    return sorted(side.claims, key=lambda c: _rank_key(c, ctx.side_of, ctx.made))


def _side_url(story_id: str, side_id: str, offset: int = 0) -> str:
    query = {"side": side_id, **({"offset": offset} if offset else {})}
    return f"/stories/{quote(story_id)}?{urlencode(query)}"


def _side_head(side: Side, ctx: StoryContext, actor: bool, involvement: int) -> dict:
    entity_of: dict[str, str | None] = {}
    for claim in side.claims:
        speaker = claim.statement.speaker
        entity_of.setdefault(label_of(speaker), speaker.entity_id if speaker else None)
    return {
        "id": side.id,
        "label": clean_label(side.label),
        "actor": actor,
        "actors": [{"name": n, "id": entity_of.get(n)} for n in side.actors[:ACTORS_SHOWN]],
        "more_actors": max(0, len(side.actors) - ACTORS_SHOWN),
        "outlet_ids": list(side.outlet_ids),
        "claims_total": len(side.claims),
        "disputes": involvement,
        "url": _side_url(ctx.story_id, side.id),
    }


def _column(side: Side, ctx: StoryContext, actor: bool, involvement: int) -> dict:
    ranked = _ranked(side, ctx)
    shown = ranked[:CLAIMS_SHOWN]
    return {
        **_side_head(side, ctx, actor, involvement),
        "claims": [_claim(c, ctx) for c in shown],
        "next": _side_url(ctx.story_id, side.id, len(shown)) if len(ranked) > len(shown) else None,
    }


def _context(story_id: str, summary: StorySummary, links: dict) -> StoryContext:
    shape = StatementShaper({o["id"] or "": o for o in summary.outlets})
    side_of = {c.statement.id: side.id for side in summary.sides for c in side.claims}
    labels = {side.id: clean_label(side.label) for side in summary.sides}
    ctx = StoryContext(story_id, shape, links, side_of, labels)
    for side in summary.sides:
        for claim in side.claims:
            for reply in claim.disputed_by:
                ctx.disputes.setdefault(reply.statement.id, []).append((claim, reply))
    for found in ctx.disputes.values():
        found.sort(key=lambda pair: -pair[1].score)
    ctx.made = disputes_made(summary)
    return ctx


def _involvement(summary: StorySummary, side_of: dict[str, str]) -> Counter[str]:
    """Disputes each side takes part in, as claimant or as disputer."""
    counts: Counter[str] = Counter()
    for side in summary.sides:
        for claim in side.claims:
            for reply in claim.disputed_by:
                counts[side.id] += 1
                counts[side_of.get(reply.statement.id, "")] += 1
    return counts


def dispute_layout(summary: StorySummary, registry: AliasRegistry | None = None) -> dict:
    """The story's main claim, its columns (at most MAX_COLUMNS actor sides: the main
    dispute's sides first, then those in most disputes) and the other voices (the rest, and
    the speakers not resolved to an actor)."""
    side_of = {c.statement.id: side.id for side in summary.sides for c in side.claims}
    involvement = _involvement(summary, side_of)
    actor = {side.id: is_actor(side, registry) for side in summary.sides}
    by_id = {side.id: side for side in summary.sides}
    candidates = [
        (claim, side) for side in summary.sides if actor[side.id] for claim in side.claims
    ] or [(claim, side) for side in summary.sides for claim in side.claims]
    # the main claim is one another side disputes (else answers), not a denial
    contested = [(c, s) for c, s in candidates if c.disputed_by] or [
        (c, s) for c, s in candidates if c.answered_by
    ]

    def main_key(pair: tuple[Claim, Side]) -> tuple:
        claim, side = pair
        disputers = {side_of.get(r.statement.id) for r in claim.disputed_by} - {side.id}
        # disputed by actors first: a column, not an unresolved `they`, disputes it
        return (-sum(bool(actor.get(d or "")) for d in disputers), *_rank_key(claim, side_of, {}))

    main = min(contested, key=main_key) if contested else None
    order: list[str] = []
    if main is not None:
        order.append(main[1].id)
        for reply in (*main[0].disputed_by, *main[0].answered_by):
            side_id = side_of.get(reply.statement.id)
            if side_id and actor.get(side_id) and side_id not in order:
                order.append(side_id)
    rest = sorted(
        (s for s in summary.sides if actor[s.id] and s.id not in order),
        key=lambda s: (-involvement[s.id], -len(s.claims), s.label),
    )
    order += [s.id for s in rest]
    columns = order[:MAX_COLUMNS]
    others = order[MAX_COLUMNS:] + sorted(
        (s.id for s in summary.sides if not actor[s.id]),
        key=lambda i: (-involvement[i], -len(by_id[i].claims), by_id[i].label),
    )
    return {
        "main": main,
        "columns": [by_id[i] for i in columns],
        "others": [by_id[i] for i in others],
        "actor": actor,
        "involvement": involvement,
        "side_of": side_of,
    }


def _outlets(summary: StorySummary, entity_names: dict[str, str]) -> list[dict]:
    key_entities = list(summary.story.entity_ids[:KEY_ENTITIES])
    rows = []
    for outlet in summary.outlets:
        spellings = [
            {
                "entity_id": entity_id,
                "entity_name": entity_names.get(entity_id, entity_id),
                "surface": outlet["spellings"][entity_id][0],
            }
            for entity_id in key_entities
            if outlet["spellings"].get(entity_id)
        ]
        rows.append(
            {
                "id": outlet["id"],
                "name": outlet["name"],
                "country": outlet["country"],
                "state_affiliated": browse_bool(outlet["state_affiliated"]),
                "articles": len(outlet["article_ids"]),
                "article_ids": outlet["article_ids"],
                "spellings": spellings,
            }
        )
    return rows


def _article_label(row: dict) -> str:
    published = row.get("published")
    when = f", {format_date(date.fromisoformat(published), 'day')}" if published else ""
    title = heading(row.get("title"), row.get("lead") or row.get("text"))
    return f"{row.get('outlet_name') or 'unknown outlet'}{when}: {title}"


def provenance_chains(
    conn: sqlite3.Connection, summary: StorySummary, articles: list[dict]
) -> list[dict]:
    """Origin → copies: the summary's `copy_of` chains, then the articles whose dateline or
    credit names another outlet as their origin (that outlet's text is not in the store)."""
    by_id = {a["id"]: a for a in articles}

    def label(article_id: str) -> str:
        return _article_label(by_id.get(article_id) or browse.article_row(conn, article_id) or {})

    chains = []
    copied = set()
    for chain in summary.provenance:
        copies = chain["copies"]
        scores = chain.get("similarity") or [None] * len(copies)
        chains.append(
            {
                "origin": {
                    "id": chain["origin_article_id"],
                    "label": label(chain["origin_article_id"]),
                },
                "copies": [
                    {
                        "id": copy,
                        "label": label(copy),
                        "evidence": f"same text, {score:.0%} alike" if score else "same text",
                    }
                    for copy, score in zip(copies, scores, strict=False)
                ],
            }
        )
        copied.update(copies)
    by_origin: dict[str, list[dict]] = {}
    for article in articles:
        if article["origin_name"] and article["id"] not in copied:
            by_origin.setdefault(article["origin_name"], []).append(
                {
                    "id": article["id"],
                    "label": label(article["id"]),
                    "evidence": article["origin_evidence"],
                }
            )
    chains += [
        {"origin": {"id": None, "label": name}, "copies": copies}
        for name, copies in by_origin.items()
    ]
    return chains


def _story_parts(conn: sqlite3.Connection, story_id: str):
    from counterclaim.nlp.aliases import load_aliases

    story = browse.story_row(conn, story_id)
    summary = load_story_summary(conn, story_id) if story else None
    if summary is None:
        return None
    layout = dispute_layout(summary, load_aliases())
    ctx = _context(story_id, summary, story_links(conn, story_id))
    return story, summary, layout, ctx


def _main_dispute(layout: dict, ctx: StoryContext) -> dict | None:
    if layout["main"] is None:
        return None
    claim, _side = layout["main"]
    return _claim(claim, ctx, REPLIES_MAIN)


def _most_contested(summary: StorySummary, layout: dict, ctx: StoryContext) -> list[dict]:
    """The story's claims that another side disputes or answers, most contested first."""
    claims = [
        c
        for side in summary.sides
        if layout["actor"][side.id]
        for c in side.claims
        if c.disputed_by or c.answered_by
    ]
    claims.sort(key=lambda c: _rank_key(c, ctx.side_of, {}))
    return [
        {
            "statement": ctx.shape(c.statement),
            "side": ctx.labels.get(ctx.side_of.get(c.statement.id, ""), None),
            "side_id": ctx.side_of.get(c.statement.id),
            "contest": contest(c, ctx.side_of, ctx.made),
        }
        for c in claims[:RANKED_SHOWN]
    ]


def _link_ranked(ranked: list[dict], columns: list[dict], story_id: str) -> list[dict]:
    """Each ranked claim's link: its card in a column when shown there, else its side's
    page."""
    shown = {c["statement"]["id"] for side in columns for c in side["claims"]}
    for item in ranked:
        anchor = f"#claim-{item['statement']['id']}"
        item["href"] = (
            anchor
            if item["statement"]["id"] in shown
            else _side_url(story_id, item["side_id"] or "") + anchor
        )
    return ranked


def _voices(layout: dict, ctx: StoryContext, offset: int, limit: int) -> dict:
    others = layout["others"]
    page = others[offset : offset + limit]
    nxt = offset + len(page)
    return {
        "data": [
            {
                **_side_head(s, ctx, layout["actor"][s.id], layout["involvement"][s.id]),
                "top": ctx.shape(_ranked(s, ctx)[0].statement) if s.claims else None,
            }
            for s in page
        ],
        "total": len(others),
        "limit": limit,
        "offset": offset,
        "next": f"/stories/{quote(ctx.story_id)}?voices={nxt}" if nxt < len(others) else None,
    }


def story_view(conn: sqlite3.Connection, story_id: str) -> dict | None:
    """The story page: the main dispute first, the columns, the other voices (their first
    page), the timeline, outlets and provenance."""
    parts = _story_parts(conn, story_id)
    if parts is None:
        return None
    story, summary, layout, ctx = parts
    articles = browse.story_article_rows(conn, story_id)
    entities = browse.story_main_entities(conn, story_id, limit=12)
    names = {e["id"]: e["name"] for e in entities}
    timeline = list(summary.timeline)
    groups = len({t.get("group_id") for t in timeline})
    columns = [_column(s, ctx, True, layout["involvement"][s.id]) for s in layout["columns"]]
    return {
        "story": story,
        "main": _main_dispute(layout, ctx),
        "most_contested": _link_ranked(_most_contested(summary, layout, ctx), columns, story_id),
        "sides": columns,
        "other_voices": _voices(layout, ctx, 0, VOICES_SHOWN),
        "rejected": [_rejected(o) for o in list_overrides(conn, story_id)],
        "articles": [article_list_item(a) for a in articles],
        "outlets": _outlets(summary, names),
        "entities": entities,
        "timeline": [
            {**timeline_item(t), "sources": t.get("sources")} for t in timeline[:TIMELINE_REPORTS]
        ],
        "timeline_total": len(timeline),
        "timeline_events": groups,
        "timeline_more": f"/api/timeline?{urlencode({'story': story_id})}"
        if len(timeline) > TIMELINE_REPORTS
        else None,
        "chart": timeline_chart(timeline),
        "provenance": provenance_chains(conn, summary, articles),
        "thread": _thread(conn, story_id),
    }


def _thread(conn: sqlite3.Connection, story_id: str) -> dict | None:
    """The storyline the story is part of (`present.threads`): its label and its other
    stories, earliest first; None when it is part of none."""
    from counterclaim.present.threads import load_threads

    threads = load_threads(conn)
    thread = threads.of_story.get(story_id)
    if thread is None:
        return None
    others = [threads.stories[s] for s in thread.story_ids if s != story_id]
    return {
        "id": thread.id,
        "label": threads.label(thread),
        "stories": [
            {
                "id": s.id,
                "title": s.title,
                "first_date": s.first_date.isoformat() if s.first_date else None,
                "last_date": s.last_date.isoformat() if s.last_date else None,
            }
            for s in others
        ],
    }


def _rejected(override: dict) -> dict:
    return {
        "link_id": override["link_id"],
        "relation": override["relation"],
        "from_id": override["from_id"],
        "to_id": override["to_id"],
        "note": override["note"],
        "rejected_at": override["created_at"],
        "why": describe_link({**override, "id": override["link_id"]})["why"],
    }


def side_view(
    conn: sqlite3.Connection, story_id: str, side_id: str, offset: int = 0
) -> dict | None:
    """One side of a story, its claims page by page, most contested first."""
    parts = _story_parts(conn, story_id)
    if parts is None:
        return None
    story, summary, layout, ctx = parts
    side = next((s for s in summary.sides if s.id == side_id), None)
    if side is None:
        return None
    ranked = _ranked(side, ctx)
    page = ranked[offset : offset + CLAIMS_PAGE]
    nxt = offset + len(page)
    return {
        "story": story,
        "side": _side_head(side, ctx, layout["actor"][side.id], layout["involvement"][side.id]),
        "claims": {
            "data": [_claim(c, ctx, 4 * REPLIES_SHOWN) for c in page],
            "total": len(ranked),
            "limit": CLAIMS_PAGE,
            "offset": offset,
            "next": _side_url(story_id, side_id, nxt) if nxt < len(ranked) else None,
            "previous": _side_url(story_id, side_id, max(0, offset - CLAIMS_PAGE))
            if offset
            else None,
        },
    }


def voices_view(conn: sqlite3.Connection, story_id: str, offset: int = 0) -> dict | None:
    """The voices of a story that are not columns, page by page."""
    parts = _story_parts(conn, story_id)
    if parts is None:
        return None
    story, _summary, layout, ctx = parts
    return {"story": story, "other_voices": _voices(layout, ctx, offset, VOICES_PAGE)}


def story_json(view: dict) -> dict:
    """The story view without what only the page needs (the chart's geometry)."""
    return {key: value for key, value in view.items() if key != "chart"}
