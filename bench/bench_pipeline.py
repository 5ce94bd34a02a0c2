"""Pipeline throughput: `counterclaim run` against bare spaCy `nlp.pipe` on the same texts.

    python bench/bench_pipeline.py [--corpus fnc1|demo] [--limit 300] [--tiny]
        [--encoder RUNTIME/HEADS/STRIDE ...]

The corpus (FNC-1 train bodies by default, `--limit 0` for all 1,683; or the bundled demo
corpus) is written out as one file per article. Each measurement runs in a fresh child
process, so that its peak resident memory is its own:

- run: `counterclaim run FOLDER --db fresh.db` (the CLI, in process), with timers around the
  stage functions; a stage's time excludes the timed stages it calls.
- baseline: the spaCy model the pipeline is built on (`[pipeline] base` in default.cfg),
  `nlp.pipe` over the same texts (as stored, after ingest) with the same batch size.

Articles per second leave out model loading (reported on its own line). `--tiny`: four demo
articles, to check that the script works (CI); its figures mean nothing. `--encoder` runs
`counterclaim run` once per setting of the encoder (runtime/head runtime/stride, such as
`fp32/fp32/127 bf16/bf16/127`, optionally /head threads, 0 for torch's own; default:
default.cfg's and nlp/encoder.py's HEAD_THREADS), each against the same bare spaCy
run, so that the options are compared in one run of the bench (a ratio holds on a busy
machine). Threads: as OMP_NUM_THREADS says (torch's default: every core). `--clock cpu`
times everything in CPU seconds of the measured process rather than wall seconds: on a
shared machine, run it with OMP_NUM_THREADS=1 (then CPU time is the time it would take alone).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import types
from collections import defaultdict
from functools import wraps
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import write_corpus  # noqa: E402

BATCH_SIZE = 64  # analyze's batch: articles per nlp.pipe call and per transaction
# `--clock cpu`: the process's CPU time (all its threads) instead of the wall clock. On a
# machine shared with other jobs the wall clock counts their time too; CPU time does not
# (but it counts every thread's work, so with several threads it is no measure of waiting).
CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


class Timers:
    """Exclusive seconds per timed function: a call's time minus its timed callees'."""

    def __init__(self, clock=time.perf_counter) -> None:
        self.clock = clock  # wall (perf_counter) or this process's CPU time (process_time)
        self.seconds: dict[str, float] = defaultdict(float)
        self.stack: list[float] = []  # time spent in timed callees, per open call
        self.names: list[str] = []  # the open calls' names

    def wrap(self, name: str, function, by_caller: bool = False):
        """`by_caller`: the time goes to `name (for <the timed caller>)`."""

        @wraps(function)
        def timed(*args, **kwargs):
            label = f"{name} (for {self.names[-1] if self.names else '?'})" if by_caller else name
            self.names.append(label)
            self.stack.append(0.0)
            started = self.clock()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = self.clock() - started
                inner = self.stack.pop()
                self.names.pop()
                self.seconds[label] += elapsed - inner
                if self.stack:
                    self.stack[-1] += elapsed

        return timed

    def patch(self, owner, attribute: str, name: str, by_caller: bool = False) -> None:
        setattr(owner, attribute, self.wrap(name, getattr(owner, attribute), by_caller))


def instrument(timers: Timers) -> None:
    """Timers around every stage function the run calls (they are looked up at call time)."""
    from counterclaim import pipeline
    from counterclaim.cli import ingest as cli_ingest
    from counterclaim.extract import article
    from counterclaim.nlp import attribution, encoder
    from counterclaim.nlp import pipeline as nlp_pipeline
    from counterclaim.store import facts

    timers.patch(pipeline, "ingest", "ingest: readers, metadata, batch inference")
    cli_ingest.ingest = pipeline.ingest  # the CLI imported them by name
    timers.patch(pipeline, "save_batch", "store: articles and rejects")
    timers.patch(pipeline, "extract_batch", "nlp: spaCy built-in components")
    timers.patch(facts, "save_article_facts", "store: facts")
    timers.patch(pipeline, "link_entities", "linking: entities and timeline groups")
    timers.patch(pipeline, "analyze", "analyze: queries, transactions")
    cli_ingest.analyze = pipeline.analyze
    # the shared encoder's time, split by who asked: the `cc_encoder` component's one pass per
    # article (windows of short articles batched, the story embedding pooled from it), or the
    # story stage's embeddings (statement contents; stories only where no pass was pooled)
    timers.patch(encoder.Encoder, "hidden_states", "MiniLM encoder", by_caller=True)
    timers.patch(encoder.Encoder, "encode_pieces", "nlp: cc_encoder (windows, pooling)")
    timers.patch(encoder.Encoder, "pieces", "nlp: cc_encoder (wordpieces)")
    timers.patch(attribution.AttributionTagger, "spans", "nlp: attribution head, decode")
    timers.patch(encoder.Encoder, "embed", "embeddings")
    if hasattr(pipeline, "StoryLinking"):
        for method in ("__init__", "link_batch", "finish"):
            timers.patch(pipeline.StoryLinking, method, "linking: stories, copies, disputes")
    timers.patch(article, "extract_article", "extract: the rest of extract_article")
    for function in (
        "find_dates", "extract_statements", "resolve_speakers", "find_targets",
        "find_mentions", "timeline_events", "_said_on",
    ):  # fmt: skip
        timers.patch(article, function, f"extract: {function.lstrip('_')}")
    build = nlp_pipeline.build

    def build_timed(config):
        nlp = build(config)
        for name, component in nlp.pipeline:
            cls = type(component)
            # ours, called once per doc (a `pipe` generator would also time what it pulls
            # from the components before it)
            wrapped = hasattr(cls.__call__, "__wrapped__")
            plain_function = isinstance(component, types.FunctionType)  # nothing to patch
            if name.startswith("cc_") and not plain_function and not wrapped:
                cls.__call__ = timers.wrap(f"nlp: {name}", cls.__call__)
        return nlp

    nlp_pipeline.build = timers.wrap("model loading", build_timed)


def child_run(folder: str, db: str, clock: str = "wall") -> dict:
    from counterclaim.cli import cli

    timer = CLOCKS[clock]
    timers = Timers(timer)
    instrument(timers)
    started = timer()
    with contextlib.suppress(SystemExit):  # the exit code says whether inputs were rejected
        cli.main(["run", folder, "--db", db, "--quiet"], standalone_mode=False)
    total = timer() - started
    import sqlite3

    conn = sqlite3.connect(db)
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    statements = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
    return {
        "seconds": total,
        "stages": dict(timers.seconds),
        "articles": articles,
        "statements": statements,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def child_baseline(db: str, clock: str = "wall") -> dict:
    import sqlite3

    import spacy

    from counterclaim.nlp.pipeline import load_config

    texts = [r[0] for r in sqlite3.connect(db).execute("SELECT text FROM articles ORDER BY seq")]
    timer = CLOCKS[clock]
    started = timer()
    nlp = spacy.load(load_config()["pipeline"]["base"])
    loaded = timer()
    for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    done = timer()
    return {
        "seconds": done - started,
        "stages": {"model loading": loaded - started, "nlp.pipe": done - loaded},
        "articles": len(texts),
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def in_child(*args: str, env: dict[str, str] | None = None) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def encoder_env(setting: str) -> dict[str, str]:
    """`runtime/head_runtime/stride[/head_threads]` → the environment variables that choose
    them (head threads 0: torch's own setting)."""
    from counterclaim.nlp.encoder import (
        HEAD_RUNTIME_ENV,
        HEAD_THREADS_ENV,
        RUNTIME_ENV,
        STRIDE_ENV,
    )

    runtime, heads, stride, *threads = setting.split("/")
    env = {RUNTIME_ENV: runtime, HEAD_RUNTIME_ENV: heads, STRIDE_ENV: stride}
    return {**env, HEAD_THREADS_ENV: threads[0]} if threads else env


def report(run: dict, base: dict) -> float:
    """Print the throughput lines and the per-stage table of one run; returns the ratio."""
    n = run["articles"]
    run_s = run["seconds"] - run["stages"].get("model loading", 0.0)
    base_s = base["stages"]["nlp.pipe"]
    print(f"{'':<52} {'seconds':>8} {'articles/s':>11} {'peak RSS MB':>12}")
    print(f"{'counterclaim run (without model loading)':<52} {run_s:>8.2f} {n / run_s:>11.2f} "
          f"{run['max_rss_mb']:>12.0f}")  # fmt: skip
    print(f"{'bare spaCy nlp.pipe, same model and texts':<52} {base_s:>8.2f} "
          f"{base['articles'] / base_s:>11.2f} {base['max_rss_mb']:>12.0f}")  # fmt: skip
    print(f"throughput ratio run / bare spaCy: {base_s / run_s:.3f}")
    print()
    print(f"{'stage (exclusive time)':<52} {'seconds':>8} {'share':>6} {'ms/article':>11}")
    stages = sorted(run["stages"].items(), key=lambda kv: -kv[1])
    for name, seconds in stages:
        if name == "model loading":
            continue
        print(f"{name:<52} {seconds:>8.2f} {seconds / run_s:>6.1%} {1000 * seconds / n:>11.1f}")
    rest = run_s - sum(s for k, s in run["stages"].items() if k != "model loading")
    print(f"{'cli, imports, summary (untimed rest)':<52} {rest:>8.2f} {rest / run_s:>6.1%}")
    print(f"{'model loading (run / bare spaCy)':<52} {run['stages'].get('model loading', 0):>8.2f}"
          f" / {base['stages']['model loading']:.2f}")  # fmt: skip
    return base_s / run_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", choices=["fnc1", "demo"], default="fnc1")
    parser.add_argument("--limit", type=int, default=300, help="articles (0: all)")
    parser.add_argument("--tiny", action="store_true", help="four demo articles (CI)")
    parser.add_argument(
        "--encoder",
        nargs="+",
        default=[],
        metavar="RUNTIME/HEADS/STRIDE[/HEAD_THREADS]",
        help="encoder settings to compare, one run each (e.g. fp32/fp32/127 bf16/bf16/127; "
        "bf16/bf16/127/0 bf16/bf16/127/1: the heads on torch's threads or on one)",
    )
    parser.add_argument(
        "--clock",
        choices=list(CLOCKS),
        default="wall",
        help="time stages by the wall clock or by the process's CPU time (a busy machine)",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(json.dumps(child_run(*rest) if kind == "run" else child_baseline(*rest)))
        return
    corpus, limit = ("demo", 4) if args.tiny else (args.corpus, args.limit)
    settings = args.encoder or [""]
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        files, what = write_corpus(corpus, folder, limit)
        for i, setting in enumerate(settings):
            db = Path(tmp) / f"bench{i}.db"
            runs[setting] = in_child(
                "run",
                str(folder),
                str(db),
                args.clock,
                env=encoder_env(setting) if setting else None,
            )
        base = in_child("baseline", str(Path(tmp) / "bench0.db"), args.clock)
    threads = os.environ.get("OMP_NUM_THREADS", "torch's default (every core)")
    print(f"corpus: {what}; threads: {threads}; clock: {args.clock}")
    ratios = {}
    for setting, run in runs.items():
        print()
        print(f"== encoder {setting or 'as in default.cfg'}: {run['articles']} articles "
              f"stored, {run['statements']} statements")  # fmt: skip
        ratios[setting] = report(run, base)
    if len(runs) > 1:
        first = next(iter(runs.values()))
        first_s = first["seconds"] - first["stages"].get("model loading", 0.0)
        print()
        print(f"{'encoder (runtime/heads/stride)':<32} {'ratio':>6} {'vs first':>9} "
              f"{'peak RSS MB':>12} {'statements':>11}")  # fmt: skip
        for setting, run in runs.items():
            run_s = run["seconds"] - run["stages"].get("model loading", 0.0)
            print(f"{setting:<32} {ratios[setting]:>6.3f} {first_s / run_s:>8.2f}x "
                  f"{run['max_rss_mb']:>12.0f} {run['statements']:>11}")  # fmt: skip


if __name__ == "__main__":
    main()
