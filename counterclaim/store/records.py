"""The public shape of each stored row: the records that exports, the JSON API and `show`
commands carry (documented keys are only ever added), and their flat forms, one column per
field, that CSV and Parquet exports and the Dask engine's shards share."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from counterclaim.model import Story
from counterclaim.text import domain_of


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def article_record(row: dict) -> dict:
    """The exported (public) shape of one article row: documented keys are only ever added."""
    domains = json.loads(row["outlet_domains"]) if row.get("outlet_domains") else []
    outlet = None
    if row["outlet_id"]:
        outlet = {
            "id": row["outlet_id"],
            "name": row["outlet_name"],
            "domain": domain_of(row["url"]) or (domains[0] if domains else None),
            "country": row["outlet_country"],
            "kind": row["outlet_kind"],
            "state_affiliated": _bool(row["outlet_state_affiliated"]),
            "evidence": row["outlet_source"],
        }
    dateline = None
    if row["dateline_start"] is not None:
        dateline = {
            "place": row["dateline_place"],
            "date": row["dateline_date"],
            "agency": row["dateline_agency"],
            "span": [row["dateline_start"], row["dateline_end"]],
        }
    origin = None
    if row["origin_name"]:
        origin = {
            "name": row["origin_name"],
            "outlet_id": row["origin_outlet_id"],
            "evidence": row["origin_evidence"],
            "span": None
            if row["origin_start"] is None
            else [row["origin_start"], row["origin_end"]],
            "producer": row["origin_producer"],
            "confidence": row["origin_confidence"],
        }
    return {
        "id": row["id"],
        "url": row["url"],
        "title": row["title"],
        "text": row["text"],
        "published": row["published"],
        "published_source": row["published_source"],
        "outlet": outlet,
        "dateline": dateline,
        "origin": origin,
        "language": row["language"],
        "author": row["author"],
        "content_hash": row["content_hash"],
        "input": {"source": row["source"], "record": row["record"]},
    }


def flat_article(row: dict) -> dict:
    record = article_record(row)
    flat = {k: v for k, v in record.items() if not isinstance(v, dict)}
    for key in ("outlet", "dateline", "origin", "input"):
        for sub, value in (record[key] or {}).items():
            flat[f"{key}_{sub}"] = json.dumps(value) if isinstance(value, list) else value
    return {column: flat.get(column) for column in ARTICLE_COLUMNS}


ARTICLE_COLUMNS = (
    "id", "url", "title", "text", "published", "published_source",
    "outlet_id", "outlet_name", "outlet_domain", "outlet_country", "outlet_kind",
    "outlet_state_affiliated", "outlet_evidence",
    "dateline_place", "dateline_date", "dateline_agency", "dateline_span",
    "origin_name", "origin_outlet_id", "origin_evidence", "origin_span", "origin_producer",
    "origin_confidence", "language", "author", "content_hash", "input_source", "input_record",
)  # fmt: skip
REJECT_COLUMNS = ("source", "record", "reason", "first_seen", "last_seen")


def _span(start: int | None, end: int | None) -> list[int] | None:
    return None if start is None else [start, end]


def _padded(row: dict, length: int) -> list:
    ids = json.loads(row.get("target_entity_ids") or "[]")
    return (ids + [None] * length)[:length]


def writer(outlet: str | None, origin: str | None) -> str:
    """Whose words a text is: the origin's when the outlet relays another outlet's copy."""
    outlet = outlet or "unknown outlet"
    return f"{origin} (via {outlet})" if origin else outlet


def entity_record(entity: dict) -> dict:
    """An entity with its aliases, mentions, and the spellings each outlet used."""
    spellings: dict[str, dict[str, int]] = {}
    for mention in entity["mentions"]:
        by_outlet = spellings.setdefault(writer(mention["outlet"], mention["origin"]), {})
        by_outlet[mention["surface"]] = by_outlet.get(mention["surface"], 0) + 1
    rules: dict[str, int] = {}
    for mention in entity["mentions"]:
        rules[mention["rule"]] = rules.get(mention["rule"], 0) + 1
    return {
        "id": entity["id"],
        "name": entity["name"],
        "type": entity["type"],
        "source": entity["source"],
        "aliases": sorted({m["surface"] for m in entity["mentions"]}),
        "spellings": spellings,
        "rules": rules,
        "mentions": [
            {
                "article_id": m["article_id"],
                "span": [m["start"], m["end"]],
                "surface": m["surface"],
                "outlet": m["outlet"],
                "rule": m["rule"],
                "confidence": m["confidence"],
            }
            for m in entity["mentions"]
        ],
    }


ENTITY_COLUMNS = ("id", "name", "type", "source", "aliases", "spellings", "mentions")
MENTION_COLUMNS = ("entity_id", "article_id", "span", "surface", "outlet", "rule", "confidence")


def flat_entity(entity: dict) -> dict:
    record = entity_record(entity)
    return {
        "id": record["id"],
        "name": record["name"],
        "type": record["type"],
        "source": record["source"],
        "aliases": json.dumps(record["aliases"], ensure_ascii=False),
        "spellings": json.dumps(record["spellings"], ensure_ascii=False),
        "mentions": len(record["mentions"]),
    }


def timeline_record(row: dict) -> dict:
    return {
        "id": row["id"],
        "event": row["group_id"],
        "date": row["date"],
        "precision": row["precision"],
        "text": row["text"],
        "article_id": row["article_id"],
        "outlet": row["outlet"],
        "span": [row["start"], row["end"]],
        "expression_span": _span(row["expression_start"], row["expression_end"]),
        "entity_ids": json.loads(row["entity_ids"]),
        "confidence": row["confidence"],
        "producer": row["producer"],
    }


TIMELINE_COLUMNS = (
    "id",
    "event",
    "date",
    "precision",
    "text",
    "article_id",
    "outlet",
    "span",
    "expression_span",
    "entity_ids",
    "confidence",
    "producer",
)


def _lists_as_json(record: dict) -> dict:
    return {k: json.dumps(v) if isinstance(v, list) else v for k, v in record.items()}


def flat_timeline(row: dict) -> dict:
    return _lists_as_json(timeline_record(row))


def statement_record(row: dict) -> dict:
    """The exported (public) shape of one statement."""
    speaker = None
    if row["speaker_start"] is not None:
        speaker = {
            "text": row["speaker_text"],
            "name": row["speaker_name"],
            "role": row["speaker_role"],
            "organisation": row["speaker_organisation"],
            "entity_id": row["speaker_entity_id"],
            "span": _span(row["speaker_start"], row["speaker_end"]),
            "unresolved": bool(row.get("speaker_unresolved")),
            "via": row.get("speaker_via"),
        }
    return {
        "id": row["id"],
        "article_id": row["article_id"],
        "speaker": speaker,
        "cue": {
            "text": row["cue_text"],
            "lemma": row["cue_lemma"],
            "span": _span(row["cue_start"], row["cue_end"]),
        },
        "content": {
            "text": row["content_text"],
            "span": _span(row["content_start"], row["content_end"]),
        },
        "kind": row["kind"],
        "act": row["act"],
        "act_evidence": row.get("act_evidence"),
        "targets": [
            {"text": text, "entity_id": entity_id}
            for text, entity_id in zip(
                json.loads(row["targets"]),
                _padded(row, len(json.loads(row["targets"]))),
                strict=True,
            )
        ],
        "said_on": row["said_on"],
        "confidence": row["confidence"],
        "producer": row["producer"],
    }


STATEMENT_COLUMNS = (
    "id", "article_id", "speaker_text", "speaker_name", "speaker_role", "speaker_organisation",
    "speaker_entity_id", "speaker_span", "cue_text", "cue_lemma", "cue_span", "content_text",
    "content_span", "kind", "act", "targets", "target_entity_ids", "said_on", "confidence",
    "producer", "speaker_unresolved", "speaker_via", "act_evidence",
)  # fmt: skip


def flat_statement(row: dict) -> dict:
    record = statement_record(row)
    flat = {k: v for k, v in record.items() if not isinstance(v, dict | list)}
    flat["targets"] = json.dumps([t["text"] for t in record["targets"]], ensure_ascii=False)
    flat["target_entity_ids"] = json.dumps([t["entity_id"] for t in record["targets"]])
    for key in ("speaker", "cue", "content"):
        for sub, value in (record[key] or {}).items():
            flat[f"{key}_{sub}"] = json.dumps(value) if isinstance(value, list) else value
    return {column: flat.get(column) for column in STATEMENT_COLUMNS}


def unflatten_statement(flat: Mapping) -> dict:
    """A flat statement (`flat_statement`: spans as JSON lists) back in the columns of the
    `statements` table, for `store.facts.statement_from_row`."""
    row = dict(flat)
    for key in ("speaker", "cue", "content"):
        span = flat.get(f"{key}_span")
        row[f"{key}_start"], row[f"{key}_end"] = json.loads(span) if span else (None, None)
    return row


def story_record(story: Story) -> dict:
    return {
        "id": story.id,
        "title": story.title,
        "article_ids": list(story.article_ids),
        "first_date": story.first_date.isoformat() if story.first_date else None,
        "last_date": story.last_date.isoformat() if story.last_date else None,
        "entity_ids": list(story.entity_ids),
    }


STORY_COLUMNS = ("id", "title", "article_ids", "first_date", "last_date", "entity_ids")


def flat_story(story: Story) -> dict:
    record = story_record(story)
    return {k: json.dumps(v) if isinstance(v, list) else v for k, v in record.items()}


def link_record(row: dict) -> dict:
    """`from` RELATION `to`: statement ids, or article ids for `copy_of`."""
    return {
        "from": row["from_id"],
        "to": row["to_id"],
        "relation": row["relation"],
        "kind": row["from_kind"],
        "story_id": row["story_id"],
        "score": row["score"],
        "evidence": row["evidence"],
        "producer": row["producer"],
    }


def technique_record(row: dict) -> dict:
    """The exported (public) shape of one technique span."""
    return {
        "article_id": row["article_id"],
        "outlet": row["outlet"],
        "span": [row["start"], row["end"]],
        "text": row["text"],
        "technique": row["technique"],
        "confidence": row["confidence"],
        "producer": row["producer"],
    }


LINK_COLUMNS = ("from", "to", "relation", "kind", "story_id", "score", "evidence", "producer")


def flat_link(row: dict) -> dict:
    record = link_record(row)
    return {**record, "evidence": json.dumps(record["evidence"], ensure_ascii=False)}


TECHNIQUE_COLUMNS = (
    "article_id", "outlet", "span", "text", "technique", "confidence", "producer",
)  # fmt: skip


def flat_technique(row: dict) -> dict:
    return _lists_as_json(technique_record(row))


def write_parquet(path: Path, columns: tuple[str, ...], rows: Iterator[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def arrow_type(column: str) -> pa.DataType:
        if column.endswith(("state_affiliated", "_unresolved")):
            return pa.bool_()
        if column.endswith("confidence") or column == "score":
            return pa.float64()
        if column == "mentions":  # entities: how many mentions (the mentions table is apart)
            return pa.int64()
        return pa.string()

    schema = pa.schema([(c, arrow_type(c)) for c in columns])
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= 5000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
