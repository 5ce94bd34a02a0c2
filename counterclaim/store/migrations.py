"""Named schema migrations, applied once each and recorded in `schema_migrations`.

The schema is a public API (docs/schema.md is generated from it): add columns and tables in
new migrations; never change what an applied one did.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

M001_ARTICLES = """
        CREATE TABLE outlets (
            id TEXT PRIMARY KEY,              -- registry key, or an unregistered outlet's domain
            name TEXT NOT NULL,               -- display name
            domains TEXT NOT NULL DEFAULT '[]',  -- JSON array of hostnames
            country TEXT,                     -- ISO 3166-1 alpha-2
            kind TEXT,                        -- wire, state media, public broadcaster, ...
            state_affiliated INTEGER          -- 1, 0, or NULL when unknown
        );

        CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,          -- order first seen; the FTS rowid
            id TEXT NOT NULL UNIQUE,          -- hash of URL and content_hash
            content_hash TEXT NOT NULL,       -- sha256 of text
            url TEXT,                         -- where the article was published, if known
            title TEXT,                       -- headline, if the input has one
            text TEXT NOT NULL,               -- every span in every table points into this
            published TEXT,                   -- ISO date
            published_source TEXT,            -- metadata | text | dateline | dateline+batch-year
            outlet_id TEXT REFERENCES outlets(id),  -- the outlet that published it
            outlet_source TEXT,               -- metadata | url | byline | site name | folder
            dateline_place TEXT,              -- `Moscow` of `Moscow, October 5 (RHC)--`
            dateline_date TEXT,               -- ISO date, the year resolved
            dateline_agency TEXT,             -- `RHC`, as written
            dateline_start INTEGER,           -- span of the dateline in text
            dateline_end INTEGER,             -- (end, exclusive)
            origin_name TEXT,                 -- the outlet the article was taken from
            origin_outlet_id TEXT REFERENCES outlets(id),  -- NULL if not registered
            origin_evidence TEXT,             -- dateline | credit | metadata
            origin_start INTEGER,             -- span of the evidence in text
            origin_end INTEGER,               -- (end, exclusive)
            origin_producer TEXT,             -- rule that found the origin, with version
            origin_confidence REAL,           -- 0..1
            language TEXT,                    -- ISO 639-1, detected
            author TEXT,                      -- byline author from metadata
            source TEXT,                      -- input file, URL or '-'
            record TEXT,                      -- position inside the input: 'line 12'
            ingested_at TEXT NOT NULL         -- UTC time it was first stored
        );
        CREATE INDEX articles_url ON articles(url);
        CREATE INDEX articles_content_hash ON articles(content_hash);
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_outlet ON articles(outlet_id);

        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='seq', tokenize='unicode61'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;

        CREATE TABLE rejects (
            id INTEGER PRIMARY KEY,           -- row number
            source TEXT NOT NULL,             -- input file, URL or '-'
            record TEXT NOT NULL DEFAULT '',  -- position inside the input, '' for all of it
            reason TEXT NOT NULL,             -- why it could not be used
            first_seen TEXT NOT NULL,         -- UTC time of the first rejection
            last_seen TEXT NOT NULL,          -- UTC time of the latest rejection
            UNIQUE (source, record, reason)
        );

        CREATE TABLE ingested_inputs (
            source TEXT PRIMARY KEY,          -- a file read to its end
            size INTEGER NOT NULL,            -- bytes, when read
            mtime_ns INTEGER NOT NULL,        -- modification time, when read
            articles INTEGER NOT NULL,        -- articles read from it
            rejects INTEGER NOT NULL,         -- records rejected
            finished_at TEXT NOT NULL         -- UTC time it was read to its end
        );
"""

M002_STATEMENTS = """
        CREATE TABLE analysis_runs (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,  -- analysed
            stage TEXT NOT NULL,              -- the analysis stage, e.g. article
            version TEXT NOT NULL,            -- its version; a new version analyses again
            done_at TEXT NOT NULL,            -- UTC time it finished for this article
            PRIMARY KEY (article_id, stage)
        );

        CREATE TABLE statements (
            id TEXT PRIMARY KEY,              -- hash of article, cue span and content span
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,  -- said where
            speaker_start INTEGER,            -- span of the speaker as written (NULL: none)
            speaker_end INTEGER,              -- (end, exclusive)
            speaker_text TEXT,                -- as written: `The Russian general`
            speaker_name TEXT,                -- resolved person: `Igor Konashenkov`
            speaker_role TEXT,                -- as written: `spokesman for Russia's ...`
            speaker_organisation TEXT,        -- `Russia's Defense Ministry`, `Pentagon`
            speaker_entity_id TEXT,           -- canonical entity (set by the entity stage)
            cue_start INTEGER NOT NULL,       -- span of the reporting cue
            cue_end INTEGER NOT NULL,         -- (end, exclusive)
            cue_text TEXT NOT NULL,           -- `said`, `according to`, `called on`
            cue_lemma TEXT NOT NULL,          -- `say`, `according to`, `call on`
            content_start INTEGER NOT NULL,   -- span of what was said
            content_end INTEGER NOT NULL,     -- (end, exclusive)
            content_text TEXT NOT NULL,       -- what was said, as written
            kind TEXT NOT NULL,               -- direct | indirect | mixed
            act TEXT NOT NULL,                -- assert, accuse, deny, warn, threaten, urge, ...
            targets TEXT NOT NULL DEFAULT '[]',  -- JSON array: the parties it is about
            target_entity_ids TEXT NOT NULL DEFAULT '[]',  -- JSON array: their entity ids
            said_on TEXT,                     -- ISO date it was said (set by the date stage)
            confidence REAL NOT NULL,         -- 0..1
            producer TEXT NOT NULL            -- rule or model that found it, with version
        );
        CREATE INDEX statements_article ON statements(article_id);
        CREATE INDEX statements_speaker ON statements(speaker_name, speaker_organisation);
        CREATE INDEX statements_act ON statements(act);
"""

M003_ENTITIES = """
        CREATE TABLE entities (
            id TEXT PRIMARY KEY,              -- registry id, or `e` + hash of kind and name
            name TEXT NOT NULL,               -- canonical name
            type TEXT NOT NULL,               -- PERSON, ORG, GPE, LOC, NORP, FAC
            source TEXT NOT NULL,             -- registry | auto
            created_at TEXT NOT NULL          -- UTC time it was first seen
        );

        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,           -- row number
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,  -- where
            start INTEGER NOT NULL,           -- span in the article's text
            end INTEGER NOT NULL,             -- (end, exclusive)
            surface TEXT NOT NULL,            -- as the outlet wrote it: `Dayr al-Zawr`
            label TEXT NOT NULL,              -- NER label (ALIAS: found by the registry only)
            entity_id TEXT NOT NULL REFERENCES entities(id),  -- the canonical entity
            rule TEXT NOT NULL,               -- why it joined that entity: registry, ...
            producer TEXT NOT NULL,           -- model or rule that found the mention
            confidence REAL NOT NULL,         -- 0..1, of the mention and its link
            UNIQUE (article_id, start, end)
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);

        CREATE TABLE entity_keys (
            key TEXT NOT NULL,                -- match key: `person:igor konashenkov`, ...
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,  -- its entity
            PRIMARY KEY (key, entity_id)
        );

        CREATE TABLE entity_overrides (
            id INTEGER PRIMARY KEY,           -- in the order given
            action TEXT NOT NULL,             -- merge | split
            entity_id TEXT NOT NULL,          -- merge: kept; split: the entity split
            other_id TEXT NOT NULL,           -- merge: merged into entity_id; split: new id
            surface_key TEXT,                 -- split: the folded surface moved out
            created_at TEXT NOT NULL          -- UTC time of the user's command
        );
"""

M004_DATES = """
        CREATE TABLE date_mentions (
            id INTEGER PRIMARY KEY,           -- row number
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,  -- where
            start INTEGER NOT NULL,           -- span of the expression: `on Wednesday`
            end INTEGER NOT NULL,             -- (end, exclusive)
            text TEXT NOT NULL,               -- the expression as written
            date TEXT NOT NULL,               -- ISO date: the first day it denotes
            end_date TEXT,                    -- last day, for a range (`earlier this week`)
            precision TEXT NOT NULL,          -- day | month | year
            anchor TEXT,                      -- the date it was resolved against
            producer TEXT NOT NULL,           -- rule that resolved it, with version
            confidence REAL NOT NULL,         -- 0..1
            UNIQUE (article_id, start, end)
        );
        CREATE INDEX date_mentions_date ON date_mentions(date);

        CREATE TABLE timeline_events (
            id TEXT PRIMARY KEY,              -- hash of article and span
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,  -- source
            start INTEGER NOT NULL,           -- span of the sentence that happened then
            end INTEGER NOT NULL,             -- (end, exclusive)
            text TEXT NOT NULL,               -- that sentence
            date TEXT NOT NULL,               -- ISO date (first day of the month or year)
            precision TEXT NOT NULL,          -- day | month | year
            expression_start INTEGER,         -- span of the date expression
            expression_end INTEGER,           -- (end, exclusive)
            group_id TEXT NOT NULL,           -- events reported by several articles share it
            entity_ids TEXT NOT NULL DEFAULT '[]',  -- JSON array: entities involved
            producer TEXT NOT NULL,           -- rule that made it, with version
            confidence REAL NOT NULL          -- 0..1
        );
        CREATE INDEX timeline_events_date ON timeline_events(date, precision);
"""

M005_STORIES = """
        CREATE TABLE story_signals (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,  -- whose
            vector BLOB NOT NULL,             -- float16 embedding of title and lead (384)
            keys TEXT NOT NULL,               -- JSON array: typed evidence keys (`p:konashenkov`)
            date TEXT,                        -- ISO publication date used for linking
            title TEXT NOT NULL,              -- title used for the story's title
            producer TEXT NOT NULL            -- what computed them, with version
        );

        CREATE TABLE stories (
            id TEXT PRIMARY KEY,              -- `s` + 12 hex digits; stable across re-analysis
            title TEXT NOT NULL,              -- its most central article's title
            first_date TEXT,                  -- earliest publication date of its articles
            last_date TEXT,                   -- latest publication date
            article_count INTEGER NOT NULL,   -- articles in it
            outlet_count INTEGER NOT NULL,    -- distinct outlets among them
            dispute_count INTEGER NOT NULL DEFAULT 0,  -- `disputes` links inside it
            updated_at TEXT NOT NULL          -- UTC time it last changed
        );
        CREATE INDEX stories_last_date ON stories(last_date);

        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,  -- member
            story_id TEXT NOT NULL,           -- its story
            score REAL,                       -- linking score when it joined (NULL: started it)
            producer TEXT NOT NULL            -- linker or `user` (an override), with version
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);

        CREATE TABLE story_entities (
            story_id TEXT NOT NULL,           -- the story
            entity_id TEXT NOT NULL,          -- one of its main entities
            mentions INTEGER NOT NULL,        -- mentions of it in the story's articles
            PRIMARY KEY (story_id, entity_id)
        );
        CREATE INDEX story_entities_entity ON story_entities(entity_id);

        CREATE TABLE story_overrides (
            id INTEGER PRIMARY KEY,           -- in the order given
            action TEXT NOT NULL,             -- merge | split
            story_id TEXT NOT NULL,           -- merge: kept; split: the story split
            other_id TEXT,                    -- merge: merged into story_id; split: new id
            article_ids TEXT NOT NULL DEFAULT '[]',  -- split: JSON array of articles moved
            created_at TEXT NOT NULL          -- UTC time of the user's command
        );

        CREATE TABLE linker_state (
            name TEXT PRIMARY KEY,            -- `stories`: the story clusterer
            state BLOB NOT NULL,              -- its serialised state (vectors, profiles, index)
            articles INTEGER NOT NULL,        -- articles it holds
            updated_at TEXT NOT NULL          -- UTC time it was written
        );

        CREATE TABLE minhash_bands (
            band INTEGER NOT NULL,            -- LSH band number
            bucket INTEGER NOT NULL,          -- hash of the band's MinHash values
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,  -- holder
            PRIMARY KEY (band, bucket, article_id)
        ) WITHOUT ROWID;

        CREATE TABLE minhashes (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,  -- whose
            signature BLOB NOT NULL,          -- MinHash of word 5-shingles (uint32 x 128)
            shingles INTEGER NOT NULL         -- shingles in the text
        );

        CREATE TABLE statement_vectors (
            statement_id TEXT PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,  -- whose
            vector BLOB NOT NULL              -- float16 embedding of the content (384)
        );

        CREATE TABLE links (
            id TEXT PRIMARY KEY,              -- hash of relation, from and to
            relation TEXT NOT NULL,  -- disputes | supports | repeats | responds_to | copy_of
            from_kind TEXT NOT NULL,          -- statement | article
            from_id TEXT NOT NULL,            -- disputes: the denial; copy_of: the later copy
            to_kind TEXT NOT NULL,            -- statement | article
            to_id TEXT NOT NULL,              -- disputes: the claim denied; copy_of: its origin
            story_id TEXT,                    -- the story both belong to (NULL: across stories)
            score REAL NOT NULL,              -- 0..1
            evidence TEXT NOT NULL DEFAULT '{}',  -- JSON object: what the decision used
            producer TEXT NOT NULL            -- rule or model, with version
        );
        CREATE INDEX links_from ON links(from_id);
        CREATE INDEX links_to ON links(to_id);
        CREATE INDEX links_story ON links(story_id, relation);
"""

M006_TECHNIQUES = """
        CREATE TABLE techniques (
            id INTEGER PRIMARY KEY,           -- row number
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,  -- where
            start INTEGER NOT NULL,           -- span written with the technique
            end INTEGER NOT NULL,             -- (end, exclusive)
            text TEXT NOT NULL,               -- that span as written
            technique TEXT NOT NULL,          -- SemEval-2020 Task 11 class: Loaded_Language, ...
            confidence REAL NOT NULL,         -- 0..1
            producer TEXT NOT NULL,           -- model or rule that found it, with version
            UNIQUE (article_id, start, end, technique)
        );
        CREATE INDEX techniques_technique ON techniques(technique);
"""

# The full-text index declared the way datasette and sqlite-utils look for one (`content=`
# with the table's name in double quotes or brackets): with `content='articles'` datasette
# did not see it, and `/db/articles.json?_search=...` returned every row (issue 17).
M007_FTS_DECLARED = """
        DROP TRIGGER articles_fts_insert;
        DROP TRIGGER articles_fts_delete;
        DROP TRIGGER articles_fts_update;
        DROP TABLE articles_fts;
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content="articles", content_rowid="seq", tokenize="unicode61"
        );
        INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END;
"""

M008_LINK_OVERRIDES = """
        CREATE TABLE link_overrides (
            id INTEGER PRIMARY KEY,           -- in the order given
            action TEXT NOT NULL,             -- reject: the link is wrong, never shown again
            link_id TEXT NOT NULL,            -- `links.id` when rejected (hash of relation, ends)
            relation TEXT NOT NULL,           -- the rejected link's relation
            from_kind TEXT NOT NULL,          -- statement | article
            from_id TEXT NOT NULL,            -- its source (the denial, the repeat, the copy)
            to_kind TEXT NOT NULL,            -- statement | article
            to_id TEXT NOT NULL,              -- its target (the claim, the original)
            from_article_id TEXT,             -- the source statement's article (NULL: article link)
            from_start INTEGER,               -- the source statement's content span, to find
            from_end INTEGER,                 -- it again when re-analysis renames the statement
            to_article_id TEXT,               -- the target statement's article
            to_start INTEGER,                 -- the target statement's content span
            to_end INTEGER,                   -- (end, exclusive)
            story_id TEXT,                    -- its story when rejected
            score REAL NOT NULL,              -- its score when rejected
            evidence TEXT NOT NULL DEFAULT '{}',  -- JSON object: its evidence when rejected
            producer TEXT NOT NULL,           -- the rule or model that had made it
            note TEXT,                        -- the user's reason, if given
            created_at TEXT NOT NULL          -- UTC time of the user's command or click
        );
        CREATE UNIQUE INDEX link_overrides_link ON link_overrides(link_id, action);
"""

# SQLite appends an added column's text to the table's CREATE statement after a comma: the
# comment stays on the column's line only when something follows it (the CHECK).
M009_LOW_CONTENT = """
        ALTER TABLE stories ADD COLUMN
            low_content INTEGER NOT NULL DEFAULT 0  -- 1: only stubs or test pages (listed last)
            CHECK (low_content IN (0, 1));
"""

M010_STATEMENT_SPEAKER_FLAGS = """
ALTER TABLE statements ADD COLUMN speaker_unresolved INTEGER NOT NULL DEFAULT 0;  -- 1: not an actor
        ALTER TABLE statements ADD COLUMN speaker_via TEXT;  -- who relayed it: X in `X quoted Y`
        ALTER TABLE statements ADD COLUMN act_evidence TEXT;  -- words that decided the act
"""

# (name, SQL script); append only.
MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("001_articles", M001_ARTICLES),
    ("002_statements", M002_STATEMENTS),
    ("003_entities", M003_ENTITIES),
    ("004_dates", M004_DATES),
    ("005_stories", M005_STORIES),
    ("006_techniques", M006_TECHNIQUES),
    ("007_fts_declared", M007_FTS_DECLARED),
    ("008_link_overrides", M008_LINK_OVERRIDES),
    ("009_story_low_content", M009_LOW_CONTENT),
    ("010_statement_speaker_flags", M010_STATEMENT_SPEAKER_FLAGS),
)


def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded, each in one transaction. Returns their names.

    `conn` must be in autocommit mode (isolation_level=None) so that BEGIN/COMMIT here are the
    only transaction boundaries.
    """
    conn.execute(
        """CREATE TABLE IF NOT EXISTS schema_migrations (
            name TEXT PRIMARY KEY,            -- migration name, e.g. 001_articles
            applied_at TEXT NOT NULL          -- UTC time it was applied
        )"""
    )
    applied = []
    for number, (name, script) in enumerate(MIGRATIONS, start=1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # checked under the write lock: another process may have migrated meanwhile
            if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("COMMIT")
                continue
            for statement in split_script(script):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute(f"PRAGMA user_version = {number:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


def split_script(script: str) -> list[str]:
    """Complete SQL statements of a script (trigger bodies keep their inner semicolons)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        raise ValueError(f"incomplete SQL statement in migration: {current.strip()[:60]}")
    return statements
