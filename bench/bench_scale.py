"""Scale-out: `counterclaim run --engine dask` on a LocalCluster of 1 and of 2 workers.

    python bench/bench_scale.py [--corpus fnc1|demo] [--limit 200] [--workers 1 2] [--tiny]

The same corpus as bench_pipeline.py (one file per article), each run a fresh store and shard
folder, the CLI in a child process, timed from start to summary: cluster start-up and each
worker's model loading are part of it, as they are of a real run. The ratio is the 1-worker
time over each other's. On a machine with fewer free cores than workers it cannot reach the
worker count. `--tiny`: four demo articles, to check that the script works (CI).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import write_corpus  # noqa: E402


def run_on_cluster(folder: Path, db: Path, workers: int) -> tuple[float, int]:
    command = [sys.executable, "-m", "counterclaim", "run", str(folder), "--engine", "dask"]
    command += ["--workers", str(workers), "--db", str(db), "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode not in (0, 1):  # 1: some input was rejected
        raise SystemExit(f"counterclaim run failed:\n{result.stderr}")
    analysed = sqlite3.connect(db).execute("SELECT count(*) FROM analysis_runs").fetchone()[0]
    return seconds, analysed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", choices=["fnc1", "demo"], default="fnc1")
    parser.add_argument("--limit", type=int, default=200, help="articles (0: all)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--tiny", action="store_true", help="four demo articles (CI)")
    args = parser.parse_args()
    corpus, limit = ("demo", 4) if args.tiny else (args.corpus, args.limit)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        _, what = write_corpus(corpus, folder, limit)
        for workers in args.workers:
            rows.append((workers, *run_on_cluster(folder, Path(tmp) / f"w{workers}.db", workers)))
    print(f"corpus: {what}; LocalCluster, worker processes of one thread; {os.cpu_count()} CPUs")
    print(f"{'workers':>7} {'articles':>8} {'seconds':>8} {'articles/s':>11} {'speed-up':>9}")
    base = rows[0][1]
    for workers, seconds, articles in rows:
        print(
            f"{workers:>7} {articles:>8} {seconds:>8.2f} {articles / seconds:>11.2f} "
            f"{base / seconds:>9.2f}"
        )


if __name__ == "__main__":
    main()
