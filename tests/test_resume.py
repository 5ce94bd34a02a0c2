"""kill -9 in the middle of a large ingest leaves a consistent store; the next run resumes."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import SAMPLE

N_RECORDS = 20_000
BATCH = 100


@pytest.fixture
def big_jsonl(tmp_path):
    path = tmp_path / "big.jsonl"
    base = [
        "The",
        "ministry",
        "said",
        "on",
        "Wednesday",
        "that",
        "the",
        "talks",
        "had",
        "failed",
        "and",
        "that",
        "the",
        "two",
        "sides",
        "would",
        "meet",
        "again",
        "next",
        "month",
        "in",
        "Geneva",
        "to",
        "discuss",
        "the",
        "ceasefire.",
    ]
    with path.open("w") as handle:
        for i in range(N_RECORDS):
            words = base[i % 7 :] + base[: i % 7] + [f"item{i}"]
            record = {
                "url": f"https://example.org/{i}",
                "title": f"Story {i}",
                "text": " ".join(words),
                "published": "2020-01-02",
            }
            handle.write(json.dumps(record) + "\n")
    return path


def _count(db_path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # not created or not migrated yet


@pytest.mark.slow
def test_resume_after_kill_9(big_jsonl, tmp_path):
    db_path = tmp_path / "store.db"
    command = [
        sys.executable,
        "-m",
        "counterclaim",
        "ingest",
        str(big_jsonl),
        "--db",
        str(db_path),
        "--batch-size",
        str(BATCH),
        "--quiet",
    ]
    process = subprocess.Popen(command, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _count(db_path) < 5 * BATCH:
        assert process.poll() is None, "ingest finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    # raises sqlite3.DatabaseError when the full-text index disagrees with the articles
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    conn.close()
    assert 0 < stored < N_RECORDS
    assert stored % BATCH == 0, "a batch was stored in part"

    finished = subprocess.run(command, capture_output=True, timeout=300)
    assert finished.returncode == 0, finished.stderr.decode()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == N_RECORDS
    assert conn.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0] == N_RECORDS
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    assert (
        conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'item19999'"
        ).fetchone()[0]
        == 1
    )
    assert conn.execute("SELECT count(*) FROM rejects").fetchone()[0] == 0
    # read to its end this time: a third run skips the file
    assert conn.execute("SELECT articles FROM ingested_inputs").fetchone()[0] == N_RECORDS


class _Interrupted(Exception):
    """Stands in for a crash between two analysis batches (kill -9, a power cut)."""


def _store_rows(db_path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db_path)
    try:
        return {
            "story_articles": conn.execute(
                "SELECT article_id, story_id, score, producer FROM story_articles "
                "ORDER BY article_id"
            ).fetchall(),
            "stories": conn.execute(
                "SELECT id, title, first_date, last_date, article_count, outlet_count, "
                "dispute_count, low_content FROM stories ORDER BY id"
            ).fetchall(),
            "links": conn.execute(
                "SELECT id, relation, story_id, score FROM links ORDER BY id"
            ).fetchall(),
        }
    finally:
        conn.close()


def test_resume_an_interrupted_analysis_gives_the_same_store(tmp_path, seeds_dir, run_cli):
    """Issue 17, item 14: killed after the first analysis batch, the resumed run must give
    exactly the store of an uninterrupted one (the replayed articles' vectors come back from
    `story_signals` in half precision)."""
    import csv
    import shutil

    from counterclaim.nlp.pipeline import load_nlp
    from counterclaim.pipeline import analyze, extract_batch
    from counterclaim.store.db import connect

    inputs = tmp_path / "inputs"
    shutil.copytree(seeds_dir, inputs)
    with (SAMPLE / "wikinews" / "wikinews_2019.csv").open(encoding="utf-8") as handle:
        rows = [r for r, _ in zip(csv.DictReader(handle), range(4), strict=False)]
    with (inputs / "wikinews.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    nlp = load_nlp()
    stores = {}
    for name in ("whole", "resumed"):
        stores[name] = tmp_path / f"{name}.db"
        assert run_cli("ingest", inputs, "--db", stores[name], "--quiet").exit_code == 0

    conn = connect(stores["whole"])
    analyze(conn, batch_size=2, extract=lambda batch: extract_batch(nlp, batch, 2))
    conn.close()

    batches = []

    def crashing(batch):
        if batches:
            raise _Interrupted
        batches.append(batch)
        return extract_batch(nlp, batch, 2)

    conn = connect(stores["resumed"])
    with pytest.raises(_Interrupted):
        analyze(conn, batch_size=2, extract=crashing)
    assert conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 2
    assert conn.execute("SELECT count(*) FROM linker_state").fetchone()[0] == 0  # not saved
    analyze(conn, batch_size=2, extract=lambda batch: extract_batch(nlp, batch, 2))
    conn.close()

    whole, resumed = _store_rows(stores["whole"]), _store_rows(stores["resumed"])
    assert len(whole["story_articles"]) == 6
    assert resumed == whole
