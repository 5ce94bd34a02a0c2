"""Ingest throughput on the bundled sample corpus, against a bare read of the same files.

    python bench/bench_ingest.py [--repeat 3] [--tiny]

Baseline: reading the same inputs with the standard library alone (the CSV rows and the seed
files, no metadata, no store). Measured: `pipeline.ingest` into a fresh SQLite file (readers,
metadata, outlet registry, language detection, batched transactions, FTS index). Both run in
this process, alternately, so the ratio holds on a noisy machine. `--tiny`: the two seed
articles once, to check that the script works (CI).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

from counterclaim.cli.ingest import sample_inputs
from counterclaim.pipeline import ingest
from counterclaim.store.db import connect


def bare_read(inputs: list[str]) -> int:
    csv.field_size_limit(sys.maxsize)
    count = 0
    for name in inputs:
        path = Path(name)
        files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
        for file in files:
            if file.suffix == ".csv":
                with file.open(newline="", encoding="utf-8") as handle:
                    count += sum(1 for row in csv.DictReader(handle) if row["text"])
            else:
                count += bool(file.read_text("utf-8").strip())
    return count


def full_ingest(inputs: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        conn = connect(Path(folder) / "bench.db")
        report = ingest(conn, inputs)
        conn.close()
    return report.new_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tiny", action="store_true", help="the seed articles, once (CI)")
    args = parser.parse_args()
    inputs = sample_inputs()
    if args.tiny:
        inputs, args.repeat = inputs[:1], 1
    timings: dict[str, list[float]] = {"bare read": [], "ingest": []}
    articles = 0
    for _ in range(args.repeat):
        for name, run in (("bare read", bare_read), ("ingest", full_ingest)):
            started = time.perf_counter()
            articles = run(inputs)
            timings[name].append(time.perf_counter() - started)
    corpus = "seed articles" if args.tiny else "sample corpus"
    print(f"{corpus}: {articles} articles, {args.repeat} runs each, medians")
    print(f"{'step':<10} {'seconds':>8} {'articles/s':>11}")
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"{name:<10} {median:>8.3f} {articles / median:>11.1f}")
    ratio = statistics.median(timings["ingest"]) / statistics.median(timings["bare read"])
    print(f"ingest / bare read time ratio: {ratio:.1f}")


if __name__ == "__main__":
    main()
