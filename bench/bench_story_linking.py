"""Story linking: does adding an article cost more when the clusterer holds more?

    python bench/bench_story_linking.py [--held 1000 10000 100000] [--added 1000] [--seed 0]
                                        [--tiny]

The articles are SYNTHETIC: random 384-d unit vectors around random "event" centres (eight
articles per event on average, cosine to the centre about 0.8), each with a random set of
entities, people, places and terms drawn from its event's pool plus random ones, and a date
within a few days of its event's. No encoder or spaCy runs: this times `StoryClusterer.add`
alone (index search, candidate scoring, index insert). For each size, a fresh clusterer is
filled with that many articles (not timed), then the same number of further articles is added
one at a time and timed. `--tiny`: 100 and 200 held, 50 added, to check that the script
works (CI).
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta

import numpy as np

from counterclaim.extract.signals import ArticleSignals
from counterclaim.link.stories import StoryClusterer

DIMENSIONS = 384
ARTICLES_PER_EVENT = 8


def synthetic_articles(count: int, rng: np.random.Generator, prefix: str) -> list[ArticleSignals]:
    events = max(1, count // ARTICLES_PER_EVENT)
    centres = rng.normal(size=(events, DIMENSIONS)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    day0 = date(2017, 1, 1)
    articles = []
    for n in range(count):
        event = int(rng.integers(events))
        noise = rng.normal(size=DIMENSIONS).astype(np.float32)
        vector = centres[event] + 0.75 * noise / np.linalg.norm(noise)
        pool = [f"{prefix}-event{event}-entity{i}" for i in range(6)]

        def pick(kind: str, k: int, pool=pool) -> frozenset[str]:
            own = rng.choice(pool, size=min(k, len(pool)), replace=False)
            stray = [f"{prefix}-{kind}{rng.integers(100_000)}" for _ in range(2)]
            return frozenset([*own, *stray])

        articles.append(
            ArticleSignals(
                article_id=f"{prefix}-{n}",
                vector=vector / np.linalg.norm(vector),
                entities=pick("entity", 4),
                date=day0 + timedelta(days=event % 365 + int(rng.integers(3))),
                title=f"synthetic article {n} of event {event}",
                people=pick("person", 2),
                places=pick("place", 1),
                terms=pick("term", 5),
                numbers=frozenset({str(rng.integers(50))}),
                years=frozenset({2017}),
            )
        )
    return articles


def time_adds(held: int, added: int, seed: int) -> tuple[float, int, int]:
    """Seconds to add `added` articles to a clusterer already holding `held`; with the
    stories held before, and the largest number of candidates scored for one article."""
    rng = np.random.default_rng(seed)
    clusterer = StoryClusterer(DIMENSIONS)
    for signals in synthetic_articles(held, rng, "held"):
        clusterer.add(signals)
    stories = len(clusterer.stories)
    new = synthetic_articles(added, rng, "new")
    most = 0
    started = time.perf_counter()
    for signals in new:
        most = max(most, clusterer.add(signals).candidates)
    return time.perf_counter() - started, stories, most


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--held", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--added", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tiny", action="store_true", help="100/200 held, 50 added (CI)")
    args = parser.parse_args()
    if args.tiny:
        args.held, args.added = [100, 200], 50
    print(
        "synthetic data: random unit vectors around random event centres, random entity sets "
        "(no real articles, no encoder)"
    )
    print(
        f"{'held':>7} {'stories':>8} {'added':>6} {'seconds':>8} {'ms/article':>11} {'max cand':>9}"
    )
    rows = []
    for held in args.held:
        seconds, stories, most = time_adds(held, args.added, args.seed)
        rows.append(seconds)
        print(
            f"{held:>7} {stories:>8} {args.added:>6} {seconds:>8.2f} "
            f"{1000 * seconds / args.added:>11.2f} {most:>9}"
        )
    if len(rows) > 1:
        print(
            f"ratio (held {args.held[-1]} / held {args.held[0]}): {rows[-1] / rows[0]:.2f} "
            f"for {args.held[-1] / args.held[0]:.0f}x the articles held"
        )


if __name__ == "__main__":
    main()
