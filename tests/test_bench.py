"""Every benchmark runs (on its tiny corpus) and prints its table; no timing is asserted."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import REPO

# script → words its table must print
BENCHES = {
    "bench_pipeline.py": [
        "articles/s",
        "bare spaCy",
        "throughput ratio",
        "nlp: attribution head",
        "clock: cpu",
    ],
    "bench_scale.py": ["workers", "speed-up", "LocalCluster"],
    "bench_story_linking.py": ["held", "ms/article", "synthetic", "ratio"],
    "bench_ingest.py": ["bare read", "ingest", "ratio"],
}
# beyond --tiny: the pipeline bench times by CPU clock (what a shared machine needs)
EXTRA_ARGS = {"bench_pipeline.py": ["--clock", "cpu"]}


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(BENCHES))
def test_bench_runs_tiny(script: str) -> None:
    args = ["--tiny", *EXTRA_ARGS.get(script, [])]
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / script), *args],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr
    for word in BENCHES[script]:
        assert word in result.stdout, (word, result.stdout)
    table = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(table) >= 3


# benches that need a store of their own are run by their stage's tests
TESTED_ELSEWHERE = {"bench_web.py": "tests/present/test_web.py"}


def test_bench_every_script_is_tested() -> None:
    scripts = {p.name for p in (REPO / "bench").glob("bench_*.py")}
    assert scripts == set(BENCHES) | set(TESTED_ELSEWHERE)
    for script, test_file in TESTED_ELSEWHERE.items():
        assert script in (REPO / test_file).read_text(encoding="utf-8")
