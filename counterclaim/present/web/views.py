"""The data of each page, built once and rendered twice: as HTML by the templates and as
JSON by the API. Everything here reads the store through `counterclaim.store.browse`."""

from __future__ import annotations

import sqlite3
from urllib.parse import urlsplit

# the story summary's rule for naming a speaker, so every page names speakers alike
from counterclaim.link.summary import speaker_label
from counterclaim.present.web.highlight import Annotation, layer
from counterclaim.store import browse
from counterclaim.store.entities import entity_mentions
from counterclaim.store.records import (
    article_record,
    entity_record,
    statement_record,
    timeline_record,
)

STATEMENTS_PER_ARTICLE = 500


def safe_href(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) URL fit to be a link; None otherwise (a
    `javascript:` or `data:` URL, a relative path, or control characters are shown as text)."""
    if not url or any(ord(c) < 32 or c in "\\ " for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def heading(title: str | None, text: str | None) -> str:
    """The article's title, or its first words when the input had none."""
    if title and title.strip():
        return title
    words = " ".join((text or "").split())
    return (words[:90].rsplit(" ", 1)[0] + "…") if len(words) > 90 else (words or "(empty)")


def statement_item(row: dict) -> dict:
    """A statement's public record plus what a page shows beside it."""
    return {
        **statement_record(row),
        "speaker_label": speaker_label(row),
        "article_title": row.get("article_title"),
        "article_published": row.get("article_published"),
        "outlet_name": row.get("outlet_name"),
        "outlet_state_affiliated": browse_bool(row.get("outlet_state_affiliated")),
    }


def browse_bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _statement_annotations(statements: list[dict]) -> list[Annotation]:
    annotations = []
    for s in statements:
        said = f", said {s['said_on']}" if s["said_on"] else ""
        who = speaker_label(s)
        role = f" ({s['speaker_role']})" if s.get("speaker_role") else ""
        annotations.append(
            Annotation(
                s["content_start"],
                s["content_end"],
                "statement",
                f"{who}{role}: {s['act']} ({s['kind']}{said})",
                classes=f"act-{s['act']}",
                anchor=f"s-{s['id']}",
            )
        )
        if s["speaker_start"] is not None:
            annotations.append(
                Annotation(
                    s["speaker_start"],
                    s["speaker_end"],
                    "speaker",
                    f"speaker: {who}"
                    + (f" · {s['speaker_organisation']}" if s.get("speaker_organisation") else ""),
                )
            )
        annotations.append(
            Annotation(s["cue_start"], s["cue_end"], "cue", f"cue: {s['cue_lemma']} → {s['act']}")
        )
    return annotations


def _mention_annotations(mentions: list[dict]) -> list[Annotation]:
    return [
        Annotation(
            m["start"],
            m["end"],
            "entity",
            f"{m['entity_name'] or m['surface']} ({m['entity_type'] or m['label']}; "
            f"linked by {m['rule']})",
            classes=f"type-{(m['entity_type'] or m['label']).lower()}",
            href=f"/entities/{m['entity_id']}" if m["entity_id"] else None,
        )
        for m in mentions
    ]


def _date_annotations(dates: list[dict]) -> list[Annotation]:
    annotations = []
    for d in dates:
        resolved = d["date"] + (f" – {d['end_date']}" if d["end_date"] else "")
        anchor = f", from {d['anchor']}" if d["anchor"] else ""
        annotations.append(
            Annotation(d["start"], d["end"], "date", f"{resolved} ({d['precision']}{anchor})")
        )
    return annotations


def article_view(conn: sqlite3.Connection, article_id: str) -> dict | None:
    row = browse.article_row(conn, article_id)
    if row is None:
        return None
    record = article_record(row)
    statement_rows = browse.list_statements(
        conn, browse.StatementFilters(article=article_id), limit=STATEMENTS_PER_ARTICLE
    ).items
    mentions = browse.article_mentions(conn, article_id)
    dates = browse.article_dates(conn, article_id)
    annotations = [
        *_statement_annotations(statement_rows),
        *_mention_annotations(mentions),
        *_date_annotations(dates),
    ]
    if record["dateline"]:
        start, end = record["dateline"]["span"]
        annotations.append(Annotation(start, end, "dateline", "dateline"))
    if record["origin"] and record["origin"]["span"]:
        start, end = record["origin"]["span"]
        annotations.append(Annotation(start, end, "origin", f"origin: {record['origin']['name']}"))
    return {
        "article": record,
        "heading": heading(record["title"], record["text"]),
        "href": safe_href(record["url"]),
        "story": browse.story_of_article(conn, article_id),
        "statements": [statement_item(s) for s in statement_rows],
        "mentions": mentions,
        "dates": dates,
        "pieces": layer(record["text"], annotations),
    }


def spellings_by_outlet(mentions: list[dict]) -> list[dict]:
    """Which outlet wrote which spelling, most used first."""
    record = entity_record({"id": "", "name": "", "type": "", "source": "", "mentions": mentions})
    return [
        {"outlet": outlet, "spellings": sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}
        for outlet, counts in sorted(record["spellings"].items())
    ]


def entity_view(
    conn: sqlite3.Connection, entity_id: str, limit: int = 50, offset: int = 0
) -> dict | None:
    entity = browse.entity_row(conn, entity_id)
    if entity is None:
        return None
    mentions = entity_mentions(conn, entity_id)
    by_it = browse.list_statements(conn, browse.StatementFilters(speaker=entity_id), limit, offset)
    about_it = browse.list_statements(conn, browse.StatementFilters(about=entity_id), limit, offset)
    return {
        "entity": {
            "id": entity["id"],
            "name": entity["name"],
            "type": entity["type"],
            "source": entity["source"],
            "aliases": sorted({m["surface"] for m in mentions}),
            "mentions": len(mentions),
            "articles": len({m["article_id"] for m in mentions}),
        },
        "spellings": spellings_by_outlet(mentions),
        "statements_by": page_dict(by_it, statement_item),
        "statements_about": page_dict(about_it, statement_item),
        "stories": browse.entity_stories(conn, entity_id),
    }


def page_dict(page: browse.Page, shape=dict) -> dict:
    """The one shape of every paginated list: data, total, limit, offset."""
    return {
        "data": [shape(item) for item in page.items],
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
    }


def article_list_item(row: dict) -> dict:
    return {
        "id": row["id"],
        "title": row["title"],
        "heading": heading(row["title"], row["lead"]),
        "url": row["url"],
        "published": row["published"],
        "outlet": None
        if row["outlet_id"] is None
        else {
            "id": row["outlet_id"],
            "name": row["outlet_name"],
            "country": row["outlet_country"],
            "state_affiliated": browse_bool(row["outlet_state_affiliated"]),
        },
        "dateline_place": row["dateline_place"],
        "origin": row["origin_name"],
        "lead": row["lead"],
    }


def story_list_item(row: dict) -> dict:
    return {
        "id": row["id"],
        "title": row["title"],
        "first_date": row["first_date"],
        "last_date": row["last_date"],
        "article_count": row["article_count"],
        "outlet_count": row["outlet_count"],
        "dispute_count": row["dispute_count"],
        "outlets": [
            {**o, "state_affiliated": browse_bool(o["state_affiliated"])} for o in row["outlets"]
        ],
        "entities": row["entities"],
    }


def snippet_parts(snippet: str | None) -> list[tuple[str, bool]]:
    """A search snippet as (text, matched) parts, for escaping piece by piece."""
    parts: list[tuple[str, bool]] = []
    for index, chunk in enumerate((snippet or "").split(browse.SNIPPET_OPEN)):
        if index == 0:
            parts.append((chunk, False))
            continue
        matched, _, rest = chunk.partition(browse.SNIPPET_CLOSE)
        parts.extend([(matched, True), (rest, False)])
    return [p for p in parts if p[0]]


def search_item(row: dict) -> dict:
    return {
        "id": row["id"],
        "title": row["title"],
        "heading": heading(row["title"], row["lead"]),
        "published": row["published"],
        "outlet_name": row["outlet_name"],
        "snippet": "".join(text for text, _ in snippet_parts(row["snippet"])),
        "snippet_parts": snippet_parts(row["snippet"]),
    }


def timeline_item(row: dict) -> dict:
    return {**timeline_record(row), "outlet_id": row.get("outlet_id")}
