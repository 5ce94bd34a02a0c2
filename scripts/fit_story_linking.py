"""Fit the weights and the threshold of story linking (`LinkingOptions`) on ECB+ train.

    python scripts/fit_story_linking.py --train ../shared/data/clustering/ecbplus/train.jsonl \
        --dev ../shared/data/clustering/ecbplus/dev.jsonl --cache /tmp/story_signals

1. Each train article is added to a `StoryClusterer` in five orders (the sha256 of a salt and
   the text); before it joins its gold story, every candidate story the index returns gives a
   (features, joined-gold-story) sample.
2. A logistic regression (L2, features unscaled) on those samples gives the weights.
3. The threshold is the one with the best mean BCubed F1 over the same five orders of train.
   Dev is only reported (never chosen on).

`--cache DIR` keeps the signals of each file (spaCy and the encoder are the slow part).
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from counterclaim.eval.clustering import (
    GoldDocument,
    cluster,
    load_documents,
    pipeline_featurizer,
    score,
)
from counterclaim.extract.signals import ArticleSignals
from counterclaim.link.stories import FEATURES, LinkingOptions, StoryClusterer

SALTS = ("", "a", "b", "c", "d")


def orders(documents: Sequence[GoldDocument]) -> list[list[int]]:
    def digest(salt: str, i: int) -> str:
        return hashlib.sha256((salt + documents[i].text).encode("utf-8")).hexdigest()

    return [sorted(range(len(documents)), key=lambda i: digest(s, i)) for s in SALTS]


def samples(
    signals: Sequence[ArticleSignals],
    documents: Sequence[GoldDocument],
    order: Sequence[int],
    options: LinkingOptions,
    rivals: int = 2,
) -> tuple[np.ndarray, np.ndarray]:
    """(features, 1 if the candidate is the gold story) of every article against its gold
    story (when it has one yet) and its `rivals` other candidate stories nearest by the
    embedding, the articles joining their gold stories. The far candidates are left out: they
    are easy and would outnumber the decisions that matter."""
    clusterer = StoryClusterer(int(np.asarray(signals[0].vector).shape[-1]), options)
    gold_story: dict[str, str] = {}
    rows, labels = [], []
    for i in order:
        candidates = clusterer.candidate_features(signals[i])
        gold = documents[i].gold
        ranked = sorted(candidates, key=lambda c: -candidates[c]["cos_centroid"])
        others = [c for c in ranked if c != gold_story.get(gold)][:rivals]
        for story_id in ranked:
            if story_id == gold_story.get(gold) or story_id in others:
                rows.append([candidates[story_id][f] for f in FEATURES])
                labels.append(int(story_id == gold_story.get(gold)))
        story_id = clusterer.add(signals[i], story_id=gold_story.get(gold)).story_id
        gold_story.setdefault(gold, story_id)
    return np.array(rows), np.array(labels)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 4000):
    """Weights and bias by full-batch gradient descent (deterministic, no extra dependency)."""
    weights, bias = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
        weights -= 0.5 * (x.T @ (p - y) / len(y) + l2 * weights)
        bias -= 0.5 * float((p - y).mean())
    return weights, bias


def mean_bcubed(signals, documents, options) -> dict[str, float]:
    gold = [d.gold for d in documents]
    results = [score(cluster(signals, o, options), gold) for o in orders(documents)]
    mean = {k: float(np.mean([r["bcubed"][k] for r in results])) for k in ("p", "r", "f1")}
    mean["min_f1"] = min(r["bcubed"]["f1"] for r in results)
    mean["clusters"] = float(np.mean([r["clusters"]["predicted"] for r in results]))
    return {k: round(v, 4) for k, v in mean.items()}


def load_signals(path: Path, cache: Path | None):
    documents = load_documents(path)
    cached = cache / f"{path.stem}.pkl" if cache else None
    if cached and cached.exists():
        return documents, pickle.loads(cached.read_bytes())
    signals = pipeline_featurizer()(documents)
    if cached:
        cache.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(pickle.dumps(signals))
    return documents, signals


def fit(
    train, dev, span: float = 1.0, l2: float = 1e-3, step: float = 0.25, rivals: int = 2
) -> LinkingOptions:
    documents, signals = train
    start = LinkingOptions.default()
    parts = [samples(signals, documents, o, start, rivals) for o in orders(documents)]
    x = np.vstack([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    weights, bias = fit_logistic(x, y, l2)
    print(f"{len(y)} pairs, {int(y.sum())} positive; boundary {-bias:.2f}")
    for name, weight in zip(FEATURES, weights, strict=True):
        print(f"  {name:<14} {weight:6.2f}")
    rounded = tuple(round(float(w), 2) for w in weights)
    best: tuple[float, LinkingOptions] | None = None
    for threshold in np.arange(-bias - span, -bias + span + 1e-9, step):
        options = replace(start, weights=rounded, threshold=round(float(threshold), 2))
        on_train = mean_bcubed(signals, documents, options)
        line = f"threshold {threshold:5.2f} train {on_train}"
        if dev:
            line += f" | dev {mean_bcubed(dev[1], dev[0], options)}"
        print(line, flush=True)
        if best is None or on_train["f1"] > best[0]:
            best = (on_train["f1"], options)
    assert best is not None
    print("chosen on train:", best[1])
    return best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--dev", type=Path)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--span", type=float, default=1.0, help="thresholds: boundary ± span")
    parser.add_argument("--rivals", type=int, default=2, help="negatives per article")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(1)
    train = load_signals(args.train, args.cache)
    dev = load_signals(args.dev, args.cache) if args.dev else None
    fit(train, dev, args.span, args.l2, rivals=args.rivals)


if __name__ == "__main__":
    main()
