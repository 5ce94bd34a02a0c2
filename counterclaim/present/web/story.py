"""One story's page and its JSON twin: the dispute view (sides, claims, what disputes or
supports each), the timeline, the outlets with their spellings, the provenance chains."""

from __future__ import annotations

import sqlite3
from datetime import date

from counterclaim.present.web.timeline_chart import format_date, timeline_chart
from counterclaim.present.web.views import (
    article_list_item,
    browse_bool,
    heading,
    statement_item,
    timeline_item,
)
from counterclaim.store import browse

TIMELINE_EVENTS = 300
KEY_ENTITIES = 6


def _side_of(statement: dict) -> tuple[str, str]:
    """(key, label) of the side a statement speaks for: a person's organisation when the
    text names one, else the speaker's canonical name."""
    organisation = (statement.get("speaker") or {}).get("organisation")
    if statement["speaker_label"] and not organisation:
        return statement["speaker_label"].casefold(), statement["speaker_label"]
    label = organisation or statement["speaker_label"]
    return label.casefold().replace("'s ", " ").replace("russian", "russia"), label


def sides_from_links(conn: sqlite3.Connection, links: list[dict]) -> list[dict]:
    """Claims grouped by side: every statement that is disputed or supported, and every
    statement that disputes or supports another, each with the statements on the other end."""
    rows: dict[str, dict] = {}
    for link in links:
        for statement_id in (link["from_id"], link["to_id"]):
            if statement_id not in rows:
                row = browse.statement_row(conn, statement_id)
                if row is not None:
                    rows[statement_id] = statement_item(row)
    claims: dict[str, dict] = {}

    def claim(statement_id: str) -> dict:
        return claims.setdefault(
            statement_id,
            {
                "statement": rows[statement_id],
                "countered_by": [],
                "supported_by": [],
                "disputes": [],
                "supports": [],
            },
        )

    for link in links:
        if link["from_id"] not in rows or link["to_id"] not in rows:
            continue
        disputes = link["relation"] == "disputes"
        claim(link["to_id"])["countered_by" if disputes else "supported_by"].append(
            {
                "statement": rows[link["from_id"]],
                "relation": link["relation"],
                "score": link["score"],
            }
        )
        claim(link["from_id"])["disputes" if disputes else "supports"].append(
            {"statement": rows[link["to_id"]], "relation": link["relation"], "score": link["score"]}
        )
    sides: dict[str, dict] = {}
    for item in claims.values():
        key, label = _side_of(item["statement"])
        side = sides.setdefault(key, {"label": label, "actors": [], "claims": []})
        speaker = item["statement"]["speaker"] or {}
        actor = {"id": speaker.get("entity_id"), "name": item["statement"]["speaker_label"]}
        if actor not in side["actors"]:
            side["actors"].append(actor)
        side["claims"].append(item)
    for side in sides.values():
        side["claims"].sort(key=lambda c: (not c["countered_by"], c["statement"]["said_on"] or ""))
    return sorted(
        sides.values(),
        key=lambda s: (-sum(len(c["countered_by"]) for c in s["claims"]), -len(s["claims"])),
    )


def outlet_spellings(conn: sqlite3.Connection, story_id: str, entities: list[dict]) -> list[dict]:
    """The story's outlets, each with the spelling it used most for each key entity."""
    names = {e["id"]: e["name"] for e in entities}
    used: dict[tuple[str | None, str], str] = {}
    for row in browse.story_spellings(conn, story_id, list(names)):
        used.setdefault((row["outlet_id"], row["entity_id"]), row["surface"])  # most used first
    outlets = []
    for outlet in browse.story_outlets(conn, story_id):
        spellings = [
            {"entity_id": entity_id, "entity_name": names[entity_id], "surface": used[key]}
            for entity_id in names
            if (key := (outlet["id"], entity_id)) in used
        ]
        outlets.append(
            {
                **outlet,
                "state_affiliated": browse_bool(outlet["state_affiliated"]),
                "spellings": spellings,
            }
        )
    return outlets


def _article_label(row: dict) -> str:
    when = format_date_or_blank(row.get("published"))
    title = heading(row.get("title"), row.get("lead") or row.get("text"))
    return f"{row.get('outlet_name') or 'unknown outlet'}{when}: {title}"


def format_date_or_blank(value: str | None) -> str:
    return f", {format_date(date.fromisoformat(value), 'day')}" if value else ""


def provenance_chains(conn: sqlite3.Connection, story_id: str, articles: list[dict]) -> list[dict]:
    """Origin → copies: `copy_of` links between articles, then the articles whose dateline or
    credit names another outlet as their origin."""
    by_id = {a["id"]: a for a in articles}
    chains: dict[str, dict] = {}
    copied = set()
    for link in browse.story_copies(conn, story_id):
        origin = by_id.get(link["origin_id"]) or browse.article_row(conn, link["origin_id"])
        chain = chains.setdefault(
            "article:" + link["origin_id"],
            {
                "origin": {"id": link["origin_id"], "label": _article_label(origin or {})},
                "copies": [],
            },
        )
        copy = by_id.get(link["copy_id"], {})
        chain["copies"].append(
            {"id": link["copy_id"], "label": _article_label(copy), "evidence": "same text"}
        )
        copied.add(link["copy_id"])
    for article in articles:
        if article["origin_name"] and article["id"] not in copied:
            chain = chains.setdefault(
                "outlet:" + article["origin_name"],
                {"origin": {"id": None, "label": article["origin_name"]}, "copies": []},
            )
            chain["copies"].append(
                {
                    "id": article["id"],
                    "label": _article_label(article),
                    "evidence": article["origin_evidence"],
                }
            )
    return list(chains.values())


def story_view(conn: sqlite3.Connection, story_id: str) -> dict | None:
    story = browse.story_row(conn, story_id)
    if story is None:
        return None
    timeline = browse.list_timeline(conn, story=story_id, limit=TIMELINE_EVENTS).items
    articles = browse.story_article_rows(conn, story_id)
    entities = browse.story_main_entities(conn, story_id, limit=12)
    return {
        "story": story,
        "sides": sides_from_links(conn, browse.story_statement_links(conn, story_id)),
        "articles": [article_list_item(a) for a in articles],
        "outlets": outlet_spellings(conn, story_id, entities[:KEY_ENTITIES]),
        "entities": entities,
        "timeline": [timeline_item(t) for t in timeline],
        "chart": timeline_chart(timeline),
        "provenance": provenance_chains(conn, story_id, articles),
    }


def story_json(view: dict) -> dict:
    """The story view without what only the page needs (the chart's geometry)."""
    return {key: value for key, value in view.items() if key != "chart"}
