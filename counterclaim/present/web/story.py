"""One story's page and its JSON twin, from `load_story_summary`: the sides as columns, each
claim with the statements that dispute, support or answer it; the timeline; the outlets with
the spelling each used for the key names; the provenance chains (origin → copies)."""

from __future__ import annotations

import sqlite3
from datetime import date

from counterclaim.model import Claim, Reply, Side, StorySummary
from counterclaim.present.web.timeline_chart import format_date, timeline_chart
from counterclaim.present.web.views import (
    article_list_item,
    browse_bool,
    heading,
    statement_item,
    timeline_item,
)
from counterclaim.store import browse
from counterclaim.store.stories import load_story_summary

KEY_ENTITIES = 6  # names whose spellings are compared across outlets
CLAIMS_SHOWN = 6  # per side, most contested first; the rest fold away
CONTESTED = ("disputed_by", "supported_by", "disputes")  # shown first; answers alone fold away


class StatementShaper:
    """A summary's statement rows in the shape every page shows statements in, each built
    once (one statement answers many)."""

    def __init__(self, outlets: dict[str, dict]) -> None:
        self.outlets = outlets
        self.shaped: dict[str, dict] = {}

    def __call__(self, row: dict) -> dict:
        if row["id"] not in self.shaped:
            outlet = self.outlets.get(row.get("outlet_id") or "", {})
            self.shaped[row["id"]] = statement_item(
                {
                    **row,
                    "outlet_name": row.get("outlet") or outlet.get("name"),
                    "outlet_state_affiliated": outlet.get("state_affiliated"),
                    "article_published": row.get("published"),
                }
            )
        return self.shaped[row["id"]]


def _reply(reply: Reply, shape: StatementShaper) -> dict:
    return {
        "statement": shape(reply.statement),
        "relation": reply.relation,
        "score": round(reply.score, 3),
    }


def _claim(claim: Claim, shape: StatementShaper, disputes: dict[str, list[dict]]) -> dict:
    statement = shape(claim.statement)
    return {
        "statement": statement,
        "disputed_by": [_reply(r, shape) for r in claim.disputed_by],
        "supported_by": [_reply(r, shape) for r in claim.supported_by],
        "answered_by": [_reply(r, shape) for r in claim.answered_by],
        "disputes": disputes.get(statement["id"], []),
    }


def _side(side: Side, shape: StatementShaper, disputes: dict[str, list[dict]]) -> dict:
    claims = [_claim(c, shape, disputes) for c in side.claims]
    entity_of = {}
    for claim in claims:
        speaker = claim["statement"]["speaker"] or {}
        entity_of.setdefault(claim["statement"]["speaker_label"], speaker.get("entity_id"))
    contested = [c for c in claims if any(c[kind] for kind in CONTESTED)]
    quiet = [c for c in claims if c not in contested]
    shown = contested if contested else quiet[:CLAIMS_SHOWN]
    return {
        "id": side.id,
        "label": side.label,
        "actors": [{"name": name, "id": entity_of.get(name)} for name in side.actors],
        "outlet_ids": list(side.outlet_ids),
        "claims": shown,
        "more_claims": [c for c in claims if c not in shown],
    }


def _disputes_by_statement(summary: StorySummary, shape: StatementShaper) -> dict:
    """The other direction of each `disputes` link: what a statement disputes."""
    found: dict[str, list[dict]] = {}
    for side in summary.sides:
        for claim in side.claims:
            for reply in claim.disputed_by:
                found.setdefault(reply.statement["id"], []).append(
                    {
                        "statement": shape(claim.statement),
                        "relation": "disputes",
                        "score": round(reply.score, 3),
                    }
                )
    return found


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


def story_view(conn: sqlite3.Connection, story_id: str) -> dict | None:
    story = browse.story_row(conn, story_id)
    summary = load_story_summary(conn, story_id) if story else None
    if summary is None:
        return None
    shape = StatementShaper({o["id"] or "": o for o in summary.outlets})
    disputes = _disputes_by_statement(summary, shape)
    articles = browse.story_article_rows(conn, story_id)
    entities = browse.story_main_entities(conn, story_id, limit=12)
    names = {e["id"]: e["name"] for e in entities}
    timeline = list(summary.timeline)
    return {
        "story": story,
        "sides": [_side(side, shape, disputes) for side in summary.sides],
        "articles": [article_list_item(a) for a in articles],
        "outlets": _outlets(summary, names),
        "entities": entities,
        "timeline": [{**timeline_item(t), "sources": t.get("sources")} for t in timeline],
        "chart": timeline_chart(timeline),
        "provenance": provenance_chains(conn, summary, articles),
    }


def story_json(view: dict) -> dict:
    """The story view without what only the page needs (the chart's geometry)."""
    return {key: value for key, value in view.items() if key != "chart"}
