"""The Dask engine on a real LocalCluster of two worker processes, driven through the CLI."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, SAMPLE, SEEDS

pytestmark = pytest.mark.slow

# what each engine must store identically (`seq` and `ingested_at` say when, not what)
TABLES = {
    "articles": "SELECT * FROM articles",
    "statements": "SELECT * FROM statements",
    "mentions": "SELECT article_id, start, end, surface, label, entity_id, rule, producer, "
    "confidence FROM mentions",
    "date_mentions": "SELECT * FROM date_mentions",
    "timeline_events": "SELECT * FROM timeline_events",
    "entities": "SELECT id, name, type, source FROM entities",
    "rejects": "SELECT source, record, reason FROM rejects",
    "story_signals": "SELECT * FROM story_signals",
    "story_articles": "SELECT * FROM story_articles",
    "stories": "SELECT * FROM stories",
    "links": "SELECT * FROM links",
}
WHEN = {"seq", "ingested_at", "first_seen", "last_seen", "created_at", "updated_at"}


def store_rows(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    rows = {}
    for table, query in TABLES.items():
        cursor = conn.execute(query)
        keep = [i for i, column in enumerate(cursor.description) if column[0] not in WHEN]
        rows[table] = sorted((tuple(r[i] for i in keep) for r in cursor), key=repr)
    conn.close()
    return rows


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Two seed articles, five Wikinews rows and one file that is not an article."""
    folder = tmp_path_factory.mktemp("corpus")
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    csv.field_size_limit(sys.maxsize)
    with (SAMPLE / "wikinews" / "wikinews_2019.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[:5]
    with (folder / "wikinews.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (folder / "broken.html").write_bytes(b"\x00\x01 not an article \x00")
    return folder


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        Client(local) as client,
    ):
        yield local.scheduler_address, client


def cli(*args, wait: bool = True) -> subprocess.CompletedProcess | subprocess.Popen:
    command = [sys.executable, "-m", "counterclaim", *map(str, args)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if not wait:
        return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def local_store(corpus, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("local") / "local.db"
    result = cli("run", corpus, "--db", db, "--quiet")
    assert result.returncode == 1, result.stderr  # 1: some input was rejected
    return db


def test_dask_engine_stores_what_the_local_engine_stores(corpus, cluster, local_store, tmp_path):
    address, _ = cluster
    db = tmp_path / "dask.db"
    result = cli("run", corpus, "--engine", "dask", "--scheduler", address, "--db", db)
    assert result.returncode == 1, result.stderr
    assert "broken.html" in result.stderr and "not HTML" in result.stderr
    local, dask = store_rows(local_store), store_rows(db)
    assert len(dask["articles"]) == 7
    assert dask["statements"] and dask["mentions"]
    for table in TABLES:
        assert dask[table] == local[table], table
    (reject,) = dask["rejects"]
    assert reject[0].endswith("broken.html")
    shards = Path(f"{db}.shards")
    assert list(shards.glob("ingest/*/articles.parquet"))
    assert list(shards.glob("analysis/*/statements.parquet"))

    # the README's DuckDB query runs over the shards and over an export, with the same answer
    export = tmp_path / "export"
    assert cli("export", "--format", "parquet", "--out", export, "--db", db).returncode == 0
    query = readme_query()
    assert duckdb.sql(query.replace("export/", f"{export}/")).fetchall()
    everyone = query.replace("LIMIT 10", "")
    from_export = duckdb.sql(everyone.replace("export/", f"{export}/")).fetchall()
    from_shards = duckdb.sql(
        everyone.replace("export/", f"{shards}/analysis/*/").replace(";", "")
    ).fetchall()
    assert sorted(from_export) == sorted(from_shards)

    # a second run reads nothing again, analyses nothing again and changes nothing
    again = cli("run", corpus, "--engine", "dask", "--scheduler", address, "--db", db)
    assert "0 new article(s)" in again.stderr and "already analysed" in again.stderr
    assert store_rows(db) == dask


def readme_query() -> str:
    """The DuckDB example of the README."""
    return (REPO / "README.md").read_text().split("```sql\n", 1)[1].split("```", 1)[0]


def _worker_running(client, prefix: str, timeout_s: float = 600) -> str:
    """The address of a worker running a task whose key starts with `prefix`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for worker, keys in client.processing().items():
            if any(str(key).startswith(prefix) for key in keys):
                return worker
        time.sleep(0.05)
    raise AssertionError(f"no task {prefix}* ran within {timeout_s} s")


def test_dask_engine_survives_a_killed_worker(corpus, cluster, local_store, tmp_path):
    address, client = cluster
    db = tmp_path / "killed.db"
    run = cli(
        "run", corpus, "--engine", "dask", "--scheduler", address, "--db", db, "-q", wait=False
    )
    worker = _worker_running(client, "analyse-")
    pid = client.run(os.getpid, workers=[worker])[worker]
    os.kill(pid, signal.SIGKILL)
    _, stderr = run.communicate(timeout=900)
    assert run.returncode == 1, stderr.decode()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the worker really died
    rows = store_rows(db)
    assert rows == store_rows(local_store)
    conn = sqlite3.connect(db)
    analysed = conn.execute("SELECT count(*) FROM analysis_runs").fetchone()[0]
    assert analysed == len(rows["articles"]) == 7
