"""The fixed corpora of the benchmarks, written out as files (one article per file)."""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

FNC1_BODIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "fnc1" / "train_bodies.csv"
SAMPLE = Path(__file__).resolve().parents[1] / "counterclaim" / "data" / "sample"


def _rows(path: Path) -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_corpus(name: str, folder: Path, limit: int, fnc1: Path = FNC1_BODIES) -> tuple[int, str]:
    """Write the corpus into `folder`; returns (files, a line saying what it is)."""
    folder.mkdir(parents=True, exist_ok=True)
    if name == "fnc1":
        rows = _rows(fnc1)
        rows = rows[:limit] if limit else rows
        for row in rows:
            (folder / f"fnc1_{int(row['Body ID']):05d}.txt").write_text(
                row["articleBody"], encoding="utf-8"
            )
        return len(rows), f"FNC-1 train bodies ({fnc1}), the first {len(rows)}, one file each"
    # the bundled demo corpus: the seed articles and the Wikinews rows, one file each
    for seed in sorted((SAMPLE / "seeds").glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    rows = [r for p in sorted((SAMPLE / "wikinews").glob("*.csv")) for r in _rows(p)]
    seeds = len(list(folder.glob("*.txt")))
    rows = rows[: max(0, limit - seeds)] if limit else rows
    for n, row in enumerate(rows):
        text = f"# {row['title']}\n\n{row['text']}" if row.get("title") else row["text"]
        (folder / f"wikinews_{n:04d}.txt").write_text(text, encoding="utf-8")
    return seeds + len(rows), f"bundled demo corpus, {seeds} seeds + {len(rows)} Wikinews rows"
