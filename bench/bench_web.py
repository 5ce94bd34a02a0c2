"""Server-side render time of the web UI's pages on a store (the demo corpus by default).

    python bench/bench_web.py [--db counterclaim.db] [--requests 50]

Builds the demo store in a temporary folder when --db is not given (`counterclaim demo
--no-serve`: several minutes). Each page is requested through FastAPI's TestClient, in this
process, so the figure is the app's own time (routing, SQLite reads, templates), without
the network. The story measured is the most disputed one, the article the longest one, the
entity the most mentioned one.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from counterclaim.cli import cli
from counterclaim.present.web import create_app


def demo_store(folder: Path) -> Path:
    db = folder / "demo.db"
    result = CliRunner().invoke(cli, ["demo", "--db", str(db), "--no-serve", "-q"])
    if result.exit_code not in (0, 1):
        raise SystemExit(result.output)
    return db


def pages_to_time(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    pages = {"stories list": "/", "stories, most disputed": "/?sort=disputed"}
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'stories'").fetchone():
        story = conn.execute(
            "SELECT id, article_count FROM stories ORDER BY dispute_count DESC, article_count "
            "DESC LIMIT 1"
        ).fetchone()
        if story:
            pages[f"story ({story[1]} articles)"] = f"/stories/{story[0]}"
            pages["story, JSON"] = f"/api/stories/{story[0]}"
    article = conn.execute(
        "SELECT id, length(text) FROM articles ORDER BY length(text) DESC LIMIT 1"
    ).fetchone()
    pages[f"article ({article[1]:,} chars)"] = f"/articles/{article[0]}"
    entity = conn.execute(
        "SELECT entity_id FROM mentions GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    if entity:
        pages["entity, most mentioned"] = f"/entities/{entity[0]}"
    pages["search 'said'"] = "/?q=said"
    pages["articles API, 50"] = "/api/articles?limit=50"
    conn.close()
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, help="a store (default: build the demo store)")
    parser.add_argument("--requests", type=int, default=50, help="requests per page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or demo_store(Path(folder))
        client = TestClient(create_app(db))
        articles = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
        print(f"store: {db} ({articles} articles); {args.requests} requests per page")
        print(f"{'page':<32} {'median ms':>10} {'p90 ms':>8} {'KB':>6}")
        for name, path in pages_to_time(db).items():
            response = client.get(path)  # warm: templates compiled, pages cached by SQLite
            assert response.status_code == 200, (path, response.status_code)
            times = []
            for _ in range(args.requests):
                start = time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            p90 = times[int(len(times) * 0.9) - 1]
            print(
                f"{name:<32} {statistics.median(times):>10.1f} {p90:>8.1f} "
                f"{len(response.content) / 1024:>6.0f}"
            )


if __name__ == "__main__":
    main()
