"""Parquet shards: what the workers of the Dask engine found, in the export's table shapes.

A shard is a folder `<shard dir>/<round>/<key>/` with one `<table>.parquet` per table. The
tables are the flat shapes of `counterclaim export --format parquet` (store/records.py), so
DuckDB reads shards and exports alike, plus the few columns a lossless load back into the store
needs (an outlet's domains; a mention's label and producer; the `date_mentions` table, which
the export leaves out). The key is a hash of everything the shard is made from, and the folder
appears by one rename when complete: a retried partition finds its shard done (or writes it
again), and no reader ever sees half a shard.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from counterclaim.ingest.metadata import PRODUCER_DATELINE
from counterclaim.ingest.outlets import OutletRegistry
from counterclaim.model import (
    Article,
    ArticleFacts,
    CharSpan,
    Dateline,
    DateMention,
    Mention,
    Origin,
    Outlet,
    Provenance,
    Reject,
    Statement,
    TimelineEvent,
)
from counterclaim.store import articles as article_store
from counterclaim.store import facts as fact_store
from counterclaim.store import records

if TYPE_CHECKING:
    from spacy.tokens import Doc

ARTICLE_COLUMNS = (*records.ARTICLE_COLUMNS, "outlet_domains")
MENTION_COLUMNS = (*records.MENTION_COLUMNS, "label", "producer")
DATE_COLUMNS = (
    "article_id", "span", "text", "date", "end_date", "precision", "anchor", "producer",
    "confidence",
)  # fmt: skip
TABLES = {
    "articles": ARTICLE_COLUMNS,
    "statements": records.STATEMENT_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "date_mentions": DATE_COLUMNS,
    "timeline": records.TIMELINE_COLUMNS,
    "rejects": records.REJECT_COLUMNS,
}


def shard_key(parts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()[:32]


def write_shard(
    folder: Path, rows: dict[str, list[dict]], files: dict[str, bytes] | None = None
) -> None:
    """Write the tables (and `files`, by name) into a temporary folder, then rename it into
    place in one step."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = folder.with_name(f".{folder.name}.{uuid.uuid4().hex}.tmp")
    temporary.mkdir()
    try:
        for table, table_rows in rows.items():
            records.write_parquet(temporary / f"{table}.parquet", TABLES[table], iter(table_rows))
        for name, data in (files or {}).items():
            (temporary / name).write_bytes(data)
        os.rename(temporary, folder)
    except OSError:
        if not folder.is_dir():  # not a lost race with another attempt at the same shard
            raise
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


DOCS_FILE = "docs.spacy"  # the parsed Docs (spaCy DocBin): the story stage reads them


def docs_to_bytes(docs: dict[str, Doc]) -> bytes:
    from spacy.tokens import DocBin

    return DocBin(docs=list(docs.values())).to_bytes()


def docs_from_shard(folder: Path, article_ids: list[str]) -> dict[str, Doc]:
    """The Docs of the shard's analysed articles (`article_ids`: those, in shard order), on
    the English vocabulary (lexical attributes such as `is_stop` come from the language)."""
    from spacy.tokens import DocBin

    docs = DocBin().from_bytes((folder / DOCS_FILE).read_bytes()).get_docs(_vocab())
    return dict(zip(article_ids, docs, strict=True))


@cache
def _vocab():
    import spacy

    return spacy.blank("en").vocab


def read_shard(folder: Path, table: str) -> list[dict]:
    import pyarrow.parquet as pq

    path = folder / f"{table}.parquet"
    return pq.read_table(path).to_pylist() if path.exists() else []


def _span(value: str | None) -> CharSpan | None:
    return CharSpan(*json.loads(value)) if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# --- articles and rejects (the ingest round) ---------------------------------------------


def article_to_row(article: Article) -> dict:
    row = dict(
        zip(article_store.ARTICLE_COLUMNS, article_store.article_row(article, ""), strict=True)
    )
    outlet = article.outlet
    row.update(
        outlet_name=outlet.name if outlet else None,
        outlet_domains=json.dumps(list(outlet.domains)) if outlet else None,
        outlet_country=outlet.country if outlet else None,
        outlet_kind=outlet.kind if outlet else None,
        outlet_state_affiliated=None
        if outlet is None or outlet.state_affiliated is None
        else int(outlet.state_affiliated),
    )
    return {**records.flat_article(row), "outlet_domains": row["outlet_domains"]}


def _outlet(row: dict, registry: OutletRegistry) -> Outlet | None:
    if not row["outlet_id"]:
        return None
    rebuilt = Outlet(
        id=row["outlet_id"],
        name=row["outlet_name"],
        domains=tuple(json.loads(row["outlet_domains"] or "[]")),
        country=row["outlet_country"],
        kind=row["outlet_kind"],
        state_affiliated=row["outlet_state_affiliated"],
    )
    known = registry.by_name(rebuilt.id)
    # the registry's own object carries the aliases, which the shard does not
    if known and (known.id, known.name, known.domains) == (
        rebuilt.id,
        rebuilt.name,
        rebuilt.domains,
    ):
        return known
    return rebuilt


def article_from_row(row: dict, registry: OutletRegistry) -> Article:
    dateline = None
    if row["dateline_span"]:
        dateline = Dateline(
            _span(row["dateline_span"]),
            row["dateline_place"],
            _date(row["dateline_date"]),
            row["dateline_agency"],
            Provenance(PRODUCER_DATELINE),
        )
    origin = None
    if row["origin_name"]:
        origin = Origin(
            name=row["origin_name"],
            outlet_id=row["origin_outlet_id"],
            evidence=row["origin_evidence"],
            span=_span(row["origin_span"]),
            provenance=Provenance(row["origin_producer"], row["origin_confidence"]),
        )
    return Article(
        id=row["id"],
        content_hash=row["content_hash"],
        text=row["text"],
        url=row["url"],
        title=row["title"],
        published=_date(row["published"]),
        published_source=row["published_source"],
        outlet=_outlet(row, registry),
        outlet_source=row["outlet_evidence"],
        dateline=dateline,
        origin=origin,
        language=row["language"],
        author=row["author"],
        source=row["input_source"],
        record=row["input_record"],
    )


def reject_to_row(reject: Reject) -> dict:
    return {"source": reject.source, "record": reject.record, "reason": reject.reason}


def reject_from_row(row: dict) -> Reject:
    return Reject(row["source"], row["record"], row["reason"])


# --- facts (the analysis round) ----------------------------------------------------------


def facts_to_rows(facts: list[ArticleFacts], texts: dict[str, str]) -> dict[str, list[dict]]:
    statements = []
    for statement in (s for f in facts for s in f.statements):
        row = dict(
            zip(
                fact_store.STATEMENT_COLUMNS,
                fact_store.statement_row(statement, texts[statement.article_id]),
                strict=True,
            )
        )
        statements.append(records.flat_statement(row))
    mentions = [
        {
            "entity_id": m.entity_id,
            "article_id": m.article_id,
            "span": json.dumps([m.span.start, m.span.end]),
            "surface": m.surface,
            "outlet": None,
            "rule": None,
            "confidence": m.provenance.confidence,
            "label": m.label,
            "producer": m.provenance.producer,
        }
        for f in facts
        for m in f.mentions
    ]
    dates = [
        {
            "article_id": d.article_id,
            "span": json.dumps([d.span.start, d.span.end]),
            "text": d.span.of(texts[d.article_id]),
            "date": d.date.isoformat(),
            "end_date": d.end.isoformat() if d.end else None,
            "precision": d.precision,
            "anchor": d.anchor.isoformat() if d.anchor else None,
            "producer": d.provenance.producer,
            "confidence": d.provenance.confidence,
        }
        for f in facts
        for d in f.dates
    ]
    timeline = [
        records.flat_timeline(
            {
                "id": e.id,
                "group_id": e.id,
                "date": e.date.isoformat(),
                "precision": e.precision,
                "text": e.text,
                "article_id": e.article_id,
                "outlet": None,
                "start": e.span.start,
                "end": e.span.end,
                "expression_start": e.expression.start if e.expression else None,
                "expression_end": e.expression.end if e.expression else None,
                "entity_ids": json.dumps(list(e.entity_ids)),
                "confidence": e.provenance.confidence,
                "producer": e.provenance.producer,
            }
        )
        for f in facts
        for e in f.timeline
    ]
    return {
        "statements": statements,
        "mentions": mentions,
        "date_mentions": dates,
        "timeline": timeline,
    }


def _statement(row: dict) -> Statement:
    """A shard's flat statement row as a `Statement`, by the store's one row mapping."""
    return fact_store.statement_from_row(records.unflatten_statement(row))


def facts_from_shard(
    folder: Path, article_ids: Iterable[str]
) -> tuple[dict[str, ArticleFacts], dict[str, str]]:
    """The facts of each article analysed in the shard, and why each other one failed."""
    failed = {r["source"]: r["reason"] for r in read_shard(folder, "rejects")}
    found: dict[str, dict[str, list]] = {
        a: {"statements": [], "mentions": [], "dates": [], "timeline": []}
        for a in article_ids
        if a not in failed
    }
    for row in read_shard(folder, "statements"):
        found[row["article_id"]]["statements"].append(_statement(row))
    for row in read_shard(folder, "mentions"):
        found[row["article_id"]]["mentions"].append(
            Mention(
                article_id=row["article_id"],
                span=_span(row["span"]),
                surface=row["surface"],
                label=row["label"],
                provenance=Provenance(row["producer"], row["confidence"]),
                entity_id=row["entity_id"],
            )
        )
    for row in read_shard(folder, "date_mentions"):
        found[row["article_id"]]["dates"].append(
            DateMention(
                article_id=row["article_id"],
                span=_span(row["span"]),
                date=_date(row["date"]),
                precision=row["precision"],
                provenance=Provenance(row["producer"], row["confidence"]),
                end=_date(row["end_date"]),
                anchor=_date(row["anchor"]),
            )
        )
    for row in read_shard(folder, "timeline"):
        found[row["article_id"]]["timeline"].append(
            TimelineEvent(
                id=row["id"],
                article_id=row["article_id"],
                span=_span(row["span"]),
                date=_date(row["date"]),
                precision=row["precision"],
                text=row["text"],
                provenance=Provenance(row["producer"], row["confidence"]),
                expression=_span(row["expression_span"]),
                entity_ids=tuple(json.loads(row["entity_ids"])),
            )
        )
    return {
        article_id: ArticleFacts(
            article_id=article_id,
            statements=tuple(parts["statements"]),
            mentions=tuple(parts["mentions"]),
            dates=tuple(parts["dates"]),
            timeline=tuple(parts["timeline"]),
        )
        for article_id, parts in found.items()
    }, failed
