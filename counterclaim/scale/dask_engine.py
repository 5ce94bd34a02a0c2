"""The Dask engine: the per-article stages on a cluster, the cross-article stages in the store.

`counterclaim run INPUTS --engine dask` runs two rounds, each a set of partitions on the workers
whose results are Parquet shards (see `scale/shards.py`), and each replayed on this process
through the one orchestrator, `pipeline.py`, so that both engines store the same thing:

1. ingest: the input files, in order, a few per partition; a worker reads and enriches them
   (`pipeline.read_item`). `pipeline.ingest` then takes the records from the shards instead of
   the files and does the rest as it always does: the batch-level inferences (the outlet of a
   folder, the year of a dateline) over the same batches in the same order, the store's
   bookkeeping of finished inputs, re-runs that change nothing.
2. analysis: the articles the store has not analysed, in store order, a partition each; a
   worker parses and extracts them (`pipeline.extract_batch`, the spaCy pipeline loaded once
   per worker process). `pipeline.analyze` then takes each batch's facts from the shards and
   runs the store and the cross-article stages (entity linking, and whatever comes after).

Year inference changes an article's date, which is the anchor its relative dates resolve
against; this is why the analysis round starts only after the ingest round is in the store.

A task whose worker dies is run again elsewhere (Dask's `allowed-failures`), and a task that
raises is retried; a shard appears in one rename when complete, and a retried task whose shard
exists returns at once. A partition that still fails makes its inputs (or articles) rejects.
Workers and this process must see the same shard folder: one machine, or a shared file system.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from counterclaim import __version__
from counterclaim.ingest.metadata import find_dateline
from counterclaim.ingest.outlets import OutletRegistry, load_registry
from counterclaim.ingest.sources import InputItem, expand_inputs
from counterclaim.model import ArticleFacts, Reject
from counterclaim.pipeline import (
    ARTICLE_STAGE,
    IngestOptions,
    IngestRecord,
    extract_batch,
    read_item,
)
from counterclaim.scale.shards import (
    DOCS_FILE,
    article_from_row,
    article_to_row,
    docs_from_shard,
    docs_to_bytes,
    facts_from_shard,
    facts_to_rows,
    read_shard,
    reject_from_row,
    reject_to_row,
    shard_key,
    write_shard,
)
from counterclaim.store import articles as article_store
from counterclaim.store import facts as fact_store
from counterclaim.store.facts import PendingArticle

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class DaskOptions:
    scheduler: str | None = None  # a running scheduler's address; None: a LocalCluster
    workers: int = 2  # worker processes of the LocalCluster
    files_per_partition: int = 4
    articles_per_partition: int = 64  # at most; fewer when that keeps every worker busy
    retries: int = 2  # reruns of a task that raised (a dead worker is Dask's allowed-failures)
    nlp_config: str | None = None


@contextmanager
def dask_client(options: DaskOptions) -> Iterator:
    """A client of the scheduler at `options.scheduler`, else of a new LocalCluster of worker
    processes with one thread each (spaCy and torch hold the GIL; processes scale)."""
    from distributed import Client, LocalCluster

    if options.scheduler:
        with Client(options.scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=options.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: the default one may be taken
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


# --- worker tasks ------------------------------------------------------------------------


@cache
def _registry(outlets_file: str | None) -> OutletRegistry:
    return load_registry(outlets_file)


def ingest_partition(items: list[InputItem], options: IngestOptions, shard: str) -> str:
    """Read and enrich the partition's inputs into an ingest shard (nothing if it exists)."""
    folder = Path(shard)
    if not folder.is_dir():
        registry = _registry(options.outlets_file)
        articles, rejects = [], []
        for item in items:
            for record in read_item(item, options, registry):
                if isinstance(record, Reject):
                    rejects.append(reject_to_row(record))
                else:
                    articles.append(article_to_row(record[0]))
        write_shard(folder, {"articles": articles, "rejects": rejects})
    return shard


def analyse_partition(
    articles: list[PendingArticle], nlp_config: str | None, batch_size: int, shard: str
) -> str:
    """Parse and extract the partition's articles into an analysis shard (nothing if it
    exists). The pipeline is loaded once per worker process (`load_nlp` is cached)."""
    from counterclaim.nlp.pipeline import load_nlp

    folder = Path(shard)
    if not folder.is_dir():
        facts, failures, docs = extract_batch(load_nlp(nlp_config), articles, batch_size)
        rows = facts_to_rows(facts, {a.id: a.text for a in articles})
        rows["rejects"] = [reject_to_row(r) for r in failures]
        write_shard(folder, rows, {DOCS_FILE: docs_to_bytes(docs)})
    return shard


# --- this process ------------------------------------------------------------------------


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _file_identity(item: InputItem) -> str:
    stat = item.path.stat() if item.path else None
    return f"{item.name}\0{stat.st_size if stat else ''}\0{stat.st_mtime_ns if stat else ''}"


class DaskEngine:
    """Runs the rounds on the cluster behind `client`; shards go under `shard_dir`."""

    def __init__(self, client, shard_dir: Path, options: DaskOptions = DaskOptions()) -> None:
        self.client, self.shard_dir, self.options = client, Path(shard_dir).resolve(), options

    def _run(
        self, tasks: Iterator[tuple[str, Callable, tuple]]
    ) -> dict[str, tuple[str | None, str | None]]:
        """Submit (key, function, args) tasks, at most a few per worker in flight (their
        arguments hold article texts); key → (shard, None) or (None, the error)."""
        from distributed import as_completed

        results: dict[str, tuple[str | None, str | None]] = {}
        in_flight = as_completed()
        limit = 2 * max(1, len(self.client.scheduler_info().get("workers", {})) or 1)

        def collect(future) -> None:
            try:
                results[future.key] = (future.result(), None)
            except Exception as exc:  # a partition that failed all its attempts
                results[future.key] = (None, f"{type(exc).__name__}: {exc}")
            future.release()

        for key, function, args in tasks:
            in_flight.add(
                self.client.submit(function, *args, key=key, retries=self.options.retries)
            )
            while in_flight.count() >= limit:
                collect(next(in_flight))
        for future in in_flight:
            collect(future)
        return results

    def ingest_round(
        self, conn: sqlite3.Connection, inputs: list[str], options: IngestOptions
    ) -> Callable[[InputItem], Iterator[IngestRecord]]:
        """Read the input files on the workers; returns the `read` for `pipeline.ingest`."""
        files = [
            item
            for item in expand_inputs(inputs)
            if isinstance(item, InputItem) and item.kind == "file" and item.path is not None
        ]
        if not options.force:  # what `ingest` will skip need not be read
            files = [f for f in files if not _finished(conn, f)]
        context = [__version__, repr(options)]
        if options.outlets_file:
            context.append(Path(options.outlets_file).read_text("utf-8"))
        partitions: dict[str, list[InputItem]] = {}
        tasks = []
        for part in _chunks(iter(files), self.options.files_per_partition):
            key = "ingest-" + shard_key([*context, *(_file_identity(i) for i in part)])
            partitions[key] = part
            shard = str(self.shard_dir / "ingest" / key)
            tasks.append((key, ingest_partition, (part, options, shard)))
        results = self._run(iter(tasks))
        return ShardInputs(partitions, results, options)

    def analysis_round(self, conn: sqlite3.Connection, batch_size: int):
        """Parse and extract the store's pending articles on the workers; returns the
        `extract` for `pipeline.analyze`."""
        from counterclaim.extract.article import EXTRACTION_VERSION

        partitions: dict[str, list[str]] = {}
        total = fact_store.count_pending(conn, ARTICLE_STAGE, EXTRACTION_VERSION)
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        # two partitions per worker at least, so that a small run is spread over all of them
        size = max(1, min(self.options.articles_per_partition, -(-total // (2 * workers))))

        def tasks() -> Iterator[tuple[str, Callable, tuple]]:
            pending = fact_store.iter_pending_articles(conn, ARTICLE_STAGE, EXTRACTION_VERSION)
            for part in _chunks(pending, size):
                key = "analyse-" + shard_key(
                    [
                        __version__,
                        EXTRACTION_VERSION,
                        repr(self.options.nlp_config),
                        *(f"{a.id}\0{a.anchor}" for a in part),
                    ]
                )
                partitions[key] = [a.id for a in part]
                shard = str(self.shard_dir / "analysis" / key)
                yield key, analyse_partition, (part, self.options.nlp_config, batch_size, shard)

        results = self._run(tasks())
        return ShardFacts(partitions, results, self.options.nlp_config, batch_size)


def _finished(conn: sqlite3.Connection, item: InputItem) -> bool:
    stat = item.path.stat() if item.path else None
    return bool(stat) and article_store.finished_input(
        conn, item.name, stat.st_size, stat.st_mtime_ns
    )


class ShardInputs:
    """`read` for `pipeline.ingest`: an input's records from its ingest shard; inputs the
    workers did not read (URLs, stdin) are read here."""

    def __init__(
        self,
        partitions: dict[str, list[InputItem]],
        results: dict[str, tuple[str | None, str | None]],
        options: IngestOptions,
    ) -> None:
        self.options = options
        self.registry = _registry(options.outlets_file)
        self.key_of = {item.name: key for key, part in partitions.items() for item in part}
        self.results = results
        self._loaded: tuple[str, list[dict], list[dict]] | None = None

    def __call__(self, item: InputItem) -> Iterator[IngestRecord]:
        key = self.key_of.get(item.name)
        if key is None:
            yield from read_item(item, self.options, self.registry)
            return
        shard, error = self.results[key]
        if shard is None:
            yield Reject(item.name, None, f"cannot read: the partition failed ({error})")
            return
        if self._loaded is None or self._loaded[0] != shard:
            folder = Path(shard)
            self._loaded = (shard, read_shard(folder, "articles"), read_shard(folder, "rejects"))
        _, articles, rejects = self._loaded
        for row in articles:
            if row["input_source"] == item.name:
                article = article_from_row(row, self.registry)
                # the raw dateline is found again from the stored text (what `enrich` did)
                yield article, find_dateline(article.text)
        yield from (reject_from_row(r) for r in rejects if r["source"] == item.name)


class ShardFacts:
    """`extract` for `pipeline.analyze`: a batch's facts from the analysis shards; articles
    no shard holds (added since the round started) are analysed here."""

    def __init__(
        self,
        partitions: dict[str, list[str]],
        results: dict[str, tuple[str | None, str | None]],
        nlp_config: str | None,
        batch_size: int,
    ) -> None:
        self.key_of = {a: key for key, ids in partitions.items() for a in ids}
        self.partitions, self.results = partitions, results
        self.nlp_config, self.batch_size = nlp_config, batch_size
        self._cache: OrderedDict[str, tuple[dict, dict[str, str], dict]] = OrderedDict()

    def _shard(self, key: str) -> tuple[dict[str, ArticleFacts], dict[str, str], dict[str, Doc]]:
        """(facts, why each other article failed, Docs) of one partition."""
        if key not in self._cache:
            shard, error = self.results[key]
            if shard is None:
                failed = f"analysis failed: the partition failed ({error})"
                self._cache[key] = ({}, dict.fromkeys(self.partitions[key], failed), {})
            else:
                facts, failed = facts_from_shard(Path(shard), self.partitions[key])
                analysed = [a for a in self.partitions[key] if a in facts]
                self._cache[key] = (facts, failed, docs_from_shard(Path(shard), analysed))
            while len(self._cache) > 2:  # batches come in store order, as the partitions did
                self._cache.popitem(last=False)
        return self._cache[key]

    def __call__(
        self, batch: list[PendingArticle]
    ) -> tuple[list[ArticleFacts], list[Reject], dict[str, Doc]]:
        facts: list[ArticleFacts] = []
        failures: list[Reject] = []
        docs: dict[str, Doc] = {}
        elsewhere = []
        for article in batch:
            key = self.key_of.get(article.id)
            if key is None:
                elsewhere.append(article)
                continue
            found, failed, parsed = self._shard(key)
            if article.id in found:
                facts.append(found[article.id])
                docs[article.id] = parsed[article.id]
            else:
                failures.append(Reject(article.id, None, failed.get(article.id, "analysis failed")))
        if elsewhere:
            from counterclaim.nlp.pipeline import load_nlp

            more = extract_batch(load_nlp(self.nlp_config), elsewhere, self.batch_size)
            facts += more[0]
            failures += more[1]
            docs.update(more[2])
        return facts, failures, docs


def run_dask(
    conn: sqlite3.Connection,
    inputs: list[str],
    options: IngestOptions,
    dask_options: DaskOptions,
    shard_dir: Path,
    *,
    on_reject: Callable[[Reject], None] = lambda reject: None,
):
    """`counterclaim run --engine dask` without the progress display: both rounds, each
    replayed through `pipeline`. Returns the ingest report and the analysis summary."""
    from counterclaim.nlp.pipeline import analysis_batch_size
    from counterclaim.pipeline import analyze, ingest

    with dask_client(dask_options) as client:
        engine = DaskEngine(client, shard_dir, dask_options)
        report = ingest(
            conn,
            inputs,
            options,
            on_reject=on_reject,
            read=engine.ingest_round(conn, inputs, options),
        )
        # the workers' partitions and `analyze`'s batches must be the same batches
        batch_size = analysis_batch_size(dask_options.nlp_config)
        summary = analyze(
            conn,
            batch_size=batch_size,
            nlp_config=dask_options.nlp_config,
            extract=engine.analysis_round(conn, batch_size),
        )
    return report, summary
