"""Running the stages: ingest inputs into the store in batches, then the analysis stages.

I/O lives here and in `store`; the stages themselves are pure functions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from counterclaim.ingest.batch import infer_missing_outlets, infer_missing_years, unusable
from counterclaim.ingest.fetch import FetchOptions
from counterclaim.ingest.metadata import DatelineMatch, enrich
from counterclaim.ingest.outlets import OutletRegistry, load_registry
from counterclaim.ingest.readers import ReadOptions
from counterclaim.ingest.sources import InputItem, expand_inputs, read_input
from counterclaim.model import (
    Article,
    ArticleFacts,
    Mention,
    Reject,
)
from counterclaim.store import articles as article_store
from counterclaim.store import facts as fact_store
from counterclaim.store.articles import save_batch
from counterclaim.store.db import transaction
from counterclaim.store.facts import PendingArticle

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from counterclaim.link.options import LinkOptions
    from counterclaim.link.stories import LinkingOptions
    from counterclaim.link.timeline import TimelineOptions

# What one input yields once read and enriched: an article (with its raw dateline, which the
# batch-level year inference needs) or a reject.
IngestRecord = tuple[Article, DatelineMatch | None] | Reject
# The per-article analysis of a batch: the facts found, a reject per article that failed, and
# the parsed Doc of each article that did not (the story stage reads them).
Extractor = Callable[
    [list[PendingArticle]], tuple[list[ArticleFacts], list[Reject], "dict[str, Doc]"]
]


@dataclass(frozen=True)
class IngestOptions:
    read: ReadOptions = ReadOptions()
    fetch: FetchOptions = FetchOptions()
    batch_size: int = 200  # articles per transaction: a kill loses at most one batch of work
    force: bool = False  # re-read inputs already read to their end
    outlets_file: str | None = None


@dataclass
class IngestReport:
    inputs: int = 0
    skipped: int = 0  # files unchanged since they were read to their end
    new_articles: int = 0
    known_articles: int = 0
    rejects: list[Reject] = field(default_factory=list)


class _Batch:
    """Articles, rejects and finished inputs waiting for one transaction."""

    def __init__(
        self, conn: sqlite3.Connection, report: IngestReport, registry: OutletRegistry
    ) -> None:
        self.conn, self.report, self.registry = conn, report, registry
        self.articles: list[tuple[Article, DatelineMatch | None]] = []
        self.rejects: list[Reject] = []
        self.finished: list[tuple[str, int, int, int, int]] = []

    def flush(self) -> None:
        if not (self.articles or self.rejects or self.finished):
            return
        with_outlets = infer_missing_outlets(
            self.articles,
            self.registry,
            lambda folder: article_store.outlets_in_folder(self.conn, folder),
        )
        articles = infer_missing_years(
            with_outlets, lambda outlet_id: article_store.dates_for_outlet(self.conn, outlet_id)
        )
        with transaction(self.conn):
            new = save_batch(self.conn, articles, self.rejects)
            for finished in self.finished:
                article_store.mark_input_finished(self.conn, *finished)
        self.report.new_articles += new
        self.report.known_articles += len(articles) - new
        self.articles, self.rejects, self.finished = [], [], []


def read_item(
    item: InputItem,
    options: IngestOptions,
    registry: OutletRegistry,
    stdin: BinaryIO | None = None,
) -> Iterator[IngestRecord]:
    """The per-input work of ingest (both engines run this): read, then enrich each record.
    A record that cannot be stored or parsed later is one reject here, never a crash of the
    batch (issue 17)."""
    for record in read_input(item, options.read, options.fetch, stdin):
        if isinstance(record, Reject):
            yield record
            continue
        problem = unusable(record)
        if problem:
            yield Reject(record.source, record.record, problem)
            continue
        try:
            yield enrich(record, registry)
        except Exception as exc:  # a metadata rule tripping over odd text must not end the run
            yield Reject(record.source, record.record, f"cannot use: {type(exc).__name__}: {exc}")


def ingest(
    conn: sqlite3.Connection,
    inputs: Sequence[str],
    options: IngestOptions = IngestOptions(),
    *,
    on_reject: Callable[[Reject], None] = lambda reject: None,
    on_input: Callable[[InputItem | Reject, int], None] = lambda item, total: None,
    stdin: BinaryIO | None = None,
    registry: OutletRegistry | None = None,
    read: Callable[[InputItem], Iterable[IngestRecord]] | None = None,
) -> IngestReport:
    """Read every input into the store, one transaction per batch of articles. `read` gives
    an input's records (default: `read_item` here; the Dask engine's come from its shards)."""
    registry = registry or load_registry(options.outlets_file)
    read = read or (lambda item: read_item(item, options, registry, stdin))
    with transaction(conn):
        save_batch(conn, [], [], registry.outlets)
    report = IngestReport()
    batch = _Batch(conn, report, registry)
    store_files = _store_files(conn)
    items = [
        item
        for item in expand_inputs(inputs)
        if isinstance(item, Reject) or item.path is None or _resolved(item.path) not in store_files
    ]
    for item in items:
        on_input(item, len(items))
        report.inputs += 1
        if isinstance(item, Reject):
            batch.rejects.append(item)
            report.rejects.append(item)
            on_reject(item)
            continue
        try:
            stat = item.path.stat() if item.path else None
        except OSError as exc:  # gone since the folder was listed
            stat = None
            rejected = Reject(item.name, None, f"cannot read: {exc.strerror or exc}")
            batch.rejects.append(rejected)
            report.rejects.append(rejected)
            on_reject(rejected)
            continue
        if (
            stat
            and not options.force
            and article_store.finished_input(conn, item.name, stat.st_size, stat.st_mtime_ns)
        ):
            report.skipped += 1
            # what was rejected from it before still counts (and is said again)
            for reject in article_store.rejects_of(conn, item.name):
                report.rejects.append(reject)
                on_reject(reject)
            continue
        n_articles = n_rejects = 0
        for record in read(item):
            if isinstance(record, Reject):
                batch.rejects.append(record)
                report.rejects.append(record)
                on_reject(record)
                n_rejects += 1
            else:
                batch.articles.append(record)
                n_articles += 1
            if len(batch.articles) >= options.batch_size:
                batch.flush()
        if stat:
            batch.finished.append(
                (item.name, stat.st_size, stat.st_mtime_ns, n_articles, n_rejects)
            )
    batch.flush()
    return report


def link_entities(
    conn: sqlite3.Connection,
    facts: list[ArticleFacts],
    texts: dict[str, str],
    options: LinkOptions | None = None,
) -> dict[str, list[Mention]]:
    """Link each article's mentions to canonical entities, in article order, point its
    statements' speakers and targets at them, and join its timeline events to earlier reports
    of the same events (in the caller's transaction)."""
    from counterclaim.link.entities import EntityLinker
    from counterclaim.link.options import LinkOptions
    from counterclaim.link.timeline import event_entities
    from counterclaim.nlp.aliases import load_aliases
    from counterclaim.store.entities import (
        SqliteEntityIndex,
        save_mentions,
        set_statement_entities,
    )

    options = options or LinkOptions.load()
    linker = EntityLinker(SqliteEntityIndex(conn), load_aliases(), options.entities)
    found: dict[str, list[Mention]] = {}
    for article in facts:
        linked = linker.link_article(list(article.mentions), texts.get(article.article_id))
        found[article.article_id] = [x.mention for x in linked]
        save_mentions(conn, [article.article_id], linked)
        set_statement_entities(conn, linker.statement_entities(list(article.statements), linked))
        group_timeline_events(
            conn, article, event_entities(article.timeline, linked), options.timeline
        )
    return found


def group_timeline_events(
    conn: sqlite3.Connection,
    article: ArticleFacts,
    entity_ids_at: dict[str, list[str]],
    options: TimelineOptions | None = None,
) -> None:
    """Give the article's events their entities, and join each to an earlier report of the
    same event in another article (same date and precision, shared entities)."""
    from counterclaim.link.timeline import choose_group

    for event in {e.id: e for e in article.timeline}.values():
        entity_ids = sorted(set(entity_ids_at.get(event.id, [])))
        candidates = fact_store.same_day_groups(
            conn, event.date, event.precision, article.article_id
        )
        group = choose_group(set(entity_ids), candidates, options) or event.id
        fact_store.set_event_group(conn, event.id, entity_ids, group)


class StoryLinking:
    """The cross-article stage after entity linking: stories, copies and statement links.
    Holds the story clusterer for a whole `analyze` run (loaded once, saved at the end)."""

    def __init__(self, conn: sqlite3.Connection, options: LinkOptions | None = None) -> None:
        from counterclaim.extract.signals import ArticleSignals
        from counterclaim.link.contradiction import load_contradiction_model
        from counterclaim.link.options import LinkOptions
        from counterclaim.nlp.aliases import load_aliases
        from counterclaim.nlp.encoder import load_encoder
        from counterclaim.store import stories as story_store

        self.options = options or LinkOptions.load()
        self.encoder = load_encoder()
        self.registry = load_aliases()
        # P(against) of (claim, reply) pairs from the shipped contradiction head
        self.contradiction = load_contradiction_model().against
        self.clusterer = load_clusterer(conn, self.options.stories)
        self.touched: set[str] = set()
        # articles stored since the saved state (an interrupted run): replayed in order
        missing = [
            ArticleSignals.from_keys(*row)
            for row in story_store.unlinked_signals(conn, set(self.clusterer.assignments()))
        ]
        if missing:
            self._add(conn, missing)

    def _add(self, conn: sqlite3.Connection, signals: list) -> list[str]:
        from counterclaim.link.stories import PRODUCER
        from counterclaim.store import stories as story_store

        before = self.clusterer.assignments()
        # the batch's articles may move between its stories once all are in (`add_batch`)
        decisions = self.clusterer.add_batch(signals)
        story_store.save_decisions(
            conn, [(d.article_id, d.story_id, d.score) for d in decisions], PRODUCER
        )
        moved = {before[d.article_id] for d in decisions if d.article_id in before}
        self.touched |= {d.story_id for d in decisions} | moved
        return [d.story_id for d in decisions]

    def link_batch(
        self,
        conn: sqlite3.Connection,
        article_ids: list[str],
        docs: dict[str, Doc],
        mentions: dict[str, list[Mention]],
    ) -> None:
        """Stories, copies and statement links for one analysed batch (in its transaction)."""
        from counterclaim.extract.signals import article_signals, embedding_text
        from counterclaim.nlp.encoder import story_vectors
        from counterclaim.store import stories as story_store

        rows = article_store.linking_rows(conn, article_ids)
        ordered = sorted((a for a in article_ids if a in docs), key=lambda a: rows[a]["seq"])
        reported = fact_store.reported_days(conn, ordered)
        vectors = story_vectors(
            self.encoder,
            [embedding_text(rows[a]["text"], rows[a]["title"]) for a in ordered],
            [rows[a]["text"] for a in ordered],
            [docs[a] for a in ordered],
        )
        signals = [
            article_signals(
                docs[a],
                a,
                vector,
                mentions.get(a, []),
                published=date.fromisoformat(rows[a]["published"])
                if rows[a]["published"]
                else None,
                title=rows[a]["title"],
                reported=reported.get(a, []),
            )
            for a, vector in zip(ordered, vectors, strict=True)
        ]
        story_store.save_signals(
            conn, [(s.article_id, s.vector, s.keys(), s.date, s.title) for s in signals]
        )
        stories = dict(zip(ordered, self._add(conn, signals), strict=True))
        self._trace_copies(conn, ordered, {a: rows[a]["text"] for a in ordered}, stories)
        self._link_statements(conn, ordered, stories, {a: rows[a]["seq"] for a in ordered})

    def _trace_copies(
        self,
        conn: sqlite3.Connection,
        article_ids: list[str],
        texts: dict[str, str],
        stories: dict[str, str],
    ) -> None:
        """Each article's fingerprint stored, and its `copy_of` link to the article it copies
        (found among the stored fingerprints that share a band with it)."""
        from counterclaim.link.provenance import Fingerprint, copy_link, fingerprint, origin_of
        from counterclaim.store import stories as story_store

        copies = []
        for article_id in article_ids:
            found = fingerprint(article_id, texts[article_id])
            buckets = found.buckets()
            candidates = story_store.copy_candidates(conn, article_id, buckets)
            origin = origin_of(found, [Fingerprint(*c) for c in candidates], self.options.copies)
            story_store.save_fingerprint(
                conn, article_id, found.signature.tobytes(), found.shingles, buckets
            )
            if origin:
                origin_id, score = origin
                same_story = story_store.story_of(conn, origin_id) == stories[article_id]
                story_id = stories[article_id] if same_story else None
                copies.append(copy_link(article_id, origin_id, score, story_id))
        story_store.save_links(conn, copies)

    def _link_statements(
        self,
        conn: sqlite3.Connection,
        article_ids: list[str],
        stories: dict[str, str],
        order: dict[str, int],
    ) -> None:
        from counterclaim.link.story_links import story_statement_links
        from counterclaim.store import stories as story_store

        story_store.delete_statement_links(conn, article_ids)
        new_statements = fact_store.stored_statements(conn, article_ids)
        vectors = self.encoder.embed([s.content_text for s in new_statements])
        story_store.save_statement_vectors(
            conn, [(s.id, v) for s, v in zip(new_statements, vectors, strict=True)]
        )
        new_by_story: dict[str, list] = {}
        for statement, vector in zip(new_statements, vectors, strict=True):
            new_by_story.setdefault(stories[statement.article_id], []).append((statement, vector))
        links = []
        for story_id, found in new_by_story.items():
            links += story_statement_links(
                story_id,
                found,
                story_store.story_statements(conn, story_id, exclude=article_ids),
                order,
                self.registry,
                lambda ids: article_store.article_texts(conn, ids),
                self.contradiction,
                self.options.disputes,
                lambda entity, ids: article_store.entity_article_texts(conn, entity, ids),
            )
        story_store.save_links(conn, links)

    def finish(self, conn: sqlite3.Connection) -> None:
        """Apply the user's overrides, rewrite the touched stories and save the state."""

        self.touched |= apply_story_overrides(conn, self.clusterer)
        refresh_stories(conn, self.clusterer, self.touched)
        save_clusterer(conn, self.clusterer)
        self.touched = set()


# --- stories in the store: the clusterer (link.stories) over the rows (store.stories) ----------


def load_clusterer(conn: sqlite3.Connection, options: LinkingOptions | None = None):
    """The story clusterer as saved, or a new one, linking with `options` (default: the
    bundled config's)."""
    from counterclaim.link.stories import StoryClusterer
    from counterclaim.store import stories as story_store

    state = story_store.load_state(conn)
    if state is None:
        return StoryClusterer(options=options)
    return StoryClusterer.from_bytes(state, options)


def save_clusterer(conn: sqlite3.Connection, clusterer) -> None:
    from counterclaim.store import stories as story_store

    story_store.save_state(conn, clusterer.to_bytes(), len(clusterer))


def refresh_stories(conn: sqlite3.Connection, clusterer, story_ids: Iterable[str]) -> None:
    """Rewrite the rows of these stories from the clusterer and the store (ids the clusterer
    no longer holds, merged away, are deleted)."""
    from counterclaim.extract.signals import is_low_content
    from counterclaim.store import stories as story_store

    for story_id in sorted(set(story_ids)):
        if story_id not in clusterer.stories:
            story_store.delete_story(conn, story_id)
            continue
        story_store.set_story_articles(conn, story_id, clusterer.members(story_id))
        low_content = all(
            is_low_content(title, text) for title, text in story_store.story_texts(conn, story_id)
        )
        story_store.write_story(conn, story_id, clusterer.title(story_id), low_content)


def apply_story_overrides(conn: sqlite3.Connection, clusterer) -> set[str]:
    """Apply the user's merges and splits again (each is a no-op once in effect): stories
    built again from scratch, or joined by new articles, keep them. Returns the stories
    changed."""
    from counterclaim.store import stories as story_store

    changed: set[str] = set()
    for action, story_id, other_id, article_ids in story_store.iter_overrides(conn):
        keep = clusterer.current_id(story_id)
        if action == "merge" and other_id:
            other = clusterer.current_id(other_id)
            if keep != other and keep in clusterer.stories and other in clusterer.stories:
                clusterer.merge(keep, other)
                changed |= {keep, other}
        elif action == "split" and keep in clusterer.stories:
            members = set(clusterer.members(keep))
            moving = [a for a in article_ids if a in members]
            if moving and len(moving) < len(members):
                new_id = clusterer.split(keep, moving)
                changed |= {keep, new_id}
    if changed:
        assignments = clusterer.assignments()
        story_store.reassign_articles(
            conn, [(a, s) for a, s in assignments.items() if s in changed]
        )
        for old in changed - set(clusterer.stories):
            story_store.move_story_links(conn, old, clusterer.current_id(old))
    return changed


def correct_stories(
    conn: sqlite3.Connection,
    action: str,
    story_id: str,
    other_id: str | None = None,
    article_ids: Sequence[str] = (),
) -> set[str]:
    """A user's merge (`other_id` into `story_id`) or split (`article_ids` out of
    `story_id`), recorded so that re-analysis keeps it. Returns the stories changed."""
    from counterclaim.store import stories as story_store

    clusterer = load_clusterer(conn)
    if story_id not in clusterer.stories:
        raise ValueError(f"{story_id}: no such story")
    if action == "merge" and (other_id not in clusterer.stories or other_id == story_id):
        raise ValueError(f"{other_id}: no other story of that id")
    if action == "split":
        members = set(clusterer.members(story_id))
        outside = [a for a in article_ids if a not in members]
        if outside:
            raise ValueError(f"{', '.join(outside)}: not in story {story_id}")
        if not article_ids or set(article_ids) >= members:
            raise ValueError("a split takes some, not all, of the story's articles")
    story_store.add_override(conn, action, story_id, other_id, article_ids)
    changed = apply_story_overrides(conn, clusterer)
    if action == "split":  # the new story's id, for the user and for a later re-analysis
        story_store.set_last_override_other(conn, clusterer.story_of(article_ids[0]))
    refresh_stories(conn, clusterer, changed)
    save_clusterer(conn, clusterer)
    return changed


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop: not the store, and rejected when read
        return path


def _store_files(conn: sqlite3.Connection) -> set[Path]:
    """The database's own files, never to be read as input (a store inside the archive)."""
    row = conn.execute("SELECT file FROM pragma_database_list WHERE name = 'main'").fetchone()
    if not row or not row[0]:
        return set()
    main = Path(row[0]).resolve()
    return {main, main.with_name(main.name + "-wal"), main.with_name(main.name + "-shm")}


ARTICLE_STAGE = "article"
STORY_STAGE = "stories"


def _parse(nlp: Language, batch: list[PendingArticle], batch_size: int) -> list[Doc | Exception]:
    """Each article's Doc, or the error that parsing it raised. A document that fails inside
    `nlp.pipe` (spaCy's E088 for a text over `max_length` is raised by the tokenizer, before
    any component's error handler) fails the whole pipe: then each is parsed on its own."""
    texts = [article.text for article in batch]
    try:
        return list(nlp.pipe(texts, batch_size=batch_size))
    except Exception:
        parsed: list[Doc | Exception] = []
        for text in texts:
            try:
                parsed.append(nlp(text))
            except Exception as exc:  # one bad article must not stop the batch
                parsed.append(exc)
        return parsed


def extract_batch(
    nlp: Language,
    batch: list[PendingArticle],
    batch_size: int | None = None,
    on_article: Callable[[int], None] = lambda done: None,
) -> tuple[list[ArticleFacts], list[Reject], dict[str, Doc]]:
    """The per-article work of analyze (both engines run this): parse, then extract. An
    article whose extraction fails becomes a reject; the rest of the batch goes on.
    `on_article` is told how many articles of the batch are done, after each."""
    from counterclaim.extract.article import extract_article
    from counterclaim.nlp.pipeline import analysis_batch_size

    if batch_size is None:
        batch_size = analysis_batch_size()
    facts: list[ArticleFacts] = []
    failures = []
    docs: dict[str, Doc] = {}
    for parsed, article in zip(_parse(nlp, batch, batch_size), batch, strict=True):
        if isinstance(parsed, Exception):
            failures.append(Reject(article.id, None, f"analysis failed: {parsed!r}"))
            continue
        try:
            facts.append(extract_article(parsed, article.id, article.anchor))
            docs[article.id] = parsed
        except Exception as exc:  # one bad article must not stop the batch
            failures.append(Reject(article.id, None, f"analysis failed: {exc!r}"))
        on_article(len(facts) + len(failures))
    return facts, failures, docs


def analyze(
    conn: sqlite3.Connection,
    *,
    batch_size: int | None = None,
    nlp_config: str | None = None,
    force: bool = False,
    on_progress: Callable[[int, int], None] = lambda done, total: None,
    extract: Extractor | None = None,
) -> list[tuple[str, str]]:
    """Parse every article not yet analysed by this version and store what the extractors
    find, one transaction per batch (an interrupted run resumes where it stopped).
    `extract` does the per-article work of a batch (default: `extract_batch` in this process;
    the Dask engine's reads what its workers found). `nlp_config`: the user's config file,
    laid over default.cfg (its NLP and its linking keys). Returns (stage, summary) lines."""
    from counterclaim.extract.article import EXTRACTION_VERSION
    from counterclaim.link.options import LinkOptions
    from counterclaim.nlp.pipeline import analysis_batch_size, load_nlp
    from counterclaim.store import stories as story_store

    version = EXTRACTION_VERSION
    if batch_size is None:  # one home for the default: the pipeline's config
        batch_size = analysis_batch_size(nlp_config)
    if force:  # analyse everything again; user overrides (entity, story merges) are kept
        with transaction(conn):
            fact_store.forget_runs(conn, ARTICLE_STAGE)
            story_store.reset_stories(conn)
    total = fact_store.count_pending(conn, ARTICLE_STAGE, version)
    if total == 0:
        return [(ARTICLE_STAGE, "all articles are already analysed")]
    done = found = 0
    if extract is None:
        nlp = load_nlp(nlp_config)

        def extract(batch: list[PendingArticle]):
            # progress per article, not per batch: a batch of long articles takes minutes
            return extract_batch(nlp, batch, batch_size, lambda k: on_progress(done + k, total))

    on_progress(0, total)  # the total is known before the first batch
    link_options = LinkOptions.load(nlp_config)
    with transaction(conn):
        stories = StoryLinking(conn, link_options)
    while batch := fact_store.pending_articles(conn, ARTICLE_STAGE, version, batch_size):
        texts = {article.id: article.text for article in batch}
        facts, failures, docs = extract(batch)
        statements = [s for f in facts for s in f.statements]
        with transaction(conn):
            fact_store.save_article_facts(conn, ARTICLE_STAGE, version, texts, facts)
            mentions = link_entities(conn, facts, texts, link_options)
            stories.link_batch(conn, [f.article_id for f in facts], docs, mentions)
            save_batch(conn, [], failures)
        done += len(batch)
        found += len(statements)
        on_progress(done, total)
    with transaction(conn):
        stories.finish(conn)
    counts = story_store.link_counts(conn)
    return [
        (ARTICLE_STAGE, f"{done} article(s) analysed, {found} statement(s) found"),
        (
            STORY_STAGE,
            f"{counts[0]} stor{'y' if counts[0] == 1 else 'ies'}, {counts[1]} dispute(s), "
            f"{counts[2]} cop{'y' if counts[2] == 1 else 'ies'} traced",
        ),
    ]
