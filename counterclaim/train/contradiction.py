"""Train the contradiction head on short pairs (the data is never bundled).

    python -m counterclaim.train.contradiction --emergent ../shared/data/emergent \
        --fnc1 ../shared/data/fnc1 --out DIR [--disputes ../shared/data/disputes] [--cache DIR]

Pairs: Emergent (a claim vs an article's headline: for / against / observing) and FNC-1 (a
headline vs its body's sentence with the most content words in common with it, among the
first `FNC_SENTENCES`: agree → for, disagree → against, discuss and a sample of unrelated →
observing; at most `FNC_PER_LABEL` pairs of each FNC label, all of disagree).

Validation, every split by story, never by pair:
- Emergent's own test split (by claim: no claim of test is in train), with the FNC-1 stories
  that hold one of those test headlines left out of training too (FNC-1 was built from
  Emergent, so its pairs would bring the test stories back);
- FNC-1 held-out stories: the connected groups of headlines and bodies (a headline and the
  bodies it was paired with, as related, are one story), a fifth of them by hash;
- with `--disputes`, the development set's gold pairs: for every case, each gold dispute
  link (the contested quote, the contesting quote) against every other pair of its
  annotated claims, ranked by P(against): ROC-AUC. Never trained or tuned on.
Then the shipped head is trained on everything and written to DIR (head.safetensors in fp16,
manifest.json with its sha256). Recipe: the MLP of `counterclaim.link.contradiction`
(hidden 128), 30 epochs of AdamW (lr 1e-3, weight decay 1e-3), batch 128, class-weighted
cross-entropy (inverse square root of the frequency), seed 13, one thread.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from counterclaim.link.contradiction import FEATURES, LABELS, features, head_class
from counterclaim.link.stance import STOPWORDS, split_sentences, words
from counterclaim.train.common import fit_classifier, save_classifier, start_training
from counterclaim.train.stance import CachedEmbedder

EPOCHS = 30
HIDDEN = 128
SEED = 13
FNC_SENTENCES = 8
FNC_PER_LABEL = 1500
FNC_MAP = {"agree": "for", "disagree": "against", "discuss": "observing", "unrelated": "observing"}

Pair = tuple[str, str, int, str]  # claim, reply, label index, story key


def read_emergent(path: Path) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (
                row["claimHeadline"],
                row["articleHeadline"],
                LABELS.index(row["articleHeadlineStance"]),
                "emergent:" + row["claimId"],
            )
            for row in csv.DictReader(handle)
        ]


def _content(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOPWORDS}


def read_fnc1(folder: Path, seed: int = SEED) -> list[Pair]:
    """FNC-1 pairs at sentence length; story keys are the headline/body groups."""
    with (folder / "train_bodies.csv").open(encoding="utf-8", newline="") as handle:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    with (folder / "train_stances.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # stories: union-find over headlines and bodies joined by a related pair
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for row in rows:
        if row["Stance"] != "unrelated":
            parent[find("h:" + row["Headline"])] = find("b:" + row["Body ID"])
    by_label: dict[str, list[dict]] = {}
    for row in rows:
        by_label.setdefault(row["Stance"], []).append(row)
    rng = random.Random(seed)
    chosen = []
    for label, found in sorted(by_label.items()):
        rng.shuffle(found)
        chosen += found if label == "disagree" else found[:FNC_PER_LABEL]
    sentences = {b: split_sentences(text)[:FNC_SENTENCES] for b, text in bodies.items()}
    pairs = []
    for row in chosen:
        headline = _content(row["Headline"])
        best = max(sentences[row["Body ID"]], key=lambda s: len(_content(s) & headline))
        pairs.append(
            (
                row["Headline"],
                best,
                LABELS.index(FNC_MAP[row["Stance"]]),
                "fnc1:" + find("h:" + row["Headline"]),
            )
        )
    return pairs


def held_out(story: str, fifths: int = 5) -> bool:
    return int(hashlib.sha256(story.encode()).hexdigest(), 16) % fifths == 0


def train_head(x: np.ndarray, y: np.ndarray, epochs: int = EPOCHS):
    import torch

    torch.manual_seed(SEED)
    head = head_class()(hidden=HIDDEN)
    return fit_classifier(
        head, x, y, classes=len(LABELS), epochs=epochs, batch=128, weight_decay=1e-3, seed=SEED
    )


def probabilities(head, x: np.ndarray) -> np.ndarray:
    import torch

    with torch.inference_mode():
        return torch.softmax(head(torch.from_numpy(x)), -1).numpy()


def report(title: str, y: np.ndarray, p: np.ndarray, log: Callable[[str], None]) -> dict:
    predicted = p.argmax(1)
    f1s = {}
    for k, label in enumerate(LABELS):
        tp = int(((predicted == k) & (y == k)).sum())
        fp = int(((predicted == k) & (y != k)).sum())
        fn = int(((predicted != k) & (y == k)).sum())
        f1s[label] = 2 * tp / max(1, 2 * tp + fp + fn)
    accuracy = float((predicted == y).mean()) if len(y) else 0.0
    auc = roc_auc(p[:, LABELS.index("against")], y == LABELS.index("against"))
    log(
        f"{title}: {len(y)} pairs, accuracy {accuracy:.3f}, macro-F1 "
        f"{np.mean(list(f1s.values())):.3f}, F1 "
        + " ".join(f"{k} {v:.3f}" for k, v in f1s.items())
        + f", against ROC-AUC {auc:.3f}"
    )
    return {"accuracy": accuracy, "f1": f1s, "against_auc": auc}


def roc_auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """The probability that a random positive is ranked above a random negative."""
    pos, neg = scores[positive], scores[~positive]
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    ranks[order] = np.arange(1, len(order) + 1)
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def disputes_pairs(folder: Path) -> list[tuple[str, str, bool]]:
    """(contested quote, contesting quote, is a gold dispute link) for every ordered pair of
    annotated claims of a case of the development set."""
    gold = json.loads((folder / "gold.json").read_text("utf-8"))["cases"]
    pairs = []
    for case in gold:
        linked = {
            ((d["to_file"], d["to_quote"]), (d["from_file"], d["from_quote"]))
            for d in case["disputes"]
        }
        claims = list(dict.fromkeys((c["file"], c["quote"]) for c in case["claims"]))
        for a in claims:
            for b in claims:
                if a != b and (b, a) not in linked:
                    pairs.append((a[1], b[1], (a, b) in linked))
    return pairs


def train(
    emergent: Path,
    fnc1: Path,
    out: Path,
    disputes: Path | None = None,
    cache_dir: Path | None = None,
    log: Callable[[str], None] = print,
) -> dict:
    start_training(SEED)
    started = time.time()
    train_pairs = read_emergent(emergent / "url-versions-2015-06-14-clean-train.csv")
    test_pairs = read_emergent(emergent / "url-versions-2015-06-14-clean-test.csv")
    fnc = read_fnc1(fnc1)
    fold = lambda t: re.sub(r"\W+", " ", t.lower()).strip()  # noqa: E731
    test_texts = {fold(t) for c, r, _, _ in test_pairs for t in (c, r)}
    leaking = {s for c, _, _, s in fnc if fold(c) in test_texts}
    log(
        f"Emergent {len(train_pairs)} train / {len(test_pairs)} test pairs; FNC-1 {len(fnc)} "
        f"pairs, {len({p[3] for p in fnc})} stories ({len(leaking)} hold an Emergent test "
        "headline: kept out of the Emergent test's training)"
    )
    everything = train_pairs + test_pairs + fnc
    gold = disputes_pairs(disputes) if disputes else []
    with tempfile.TemporaryDirectory() as temporary:
        embed = CachedEmbedder(cache_dir or Path(temporary), log)
        texts = list(dict.fromkeys(t for c, r, _, _ in everything for t in (c, r)))
        texts += [t for t in dict.fromkeys(t for a, b, _ in gold for t in (a, b))]
        vectors = dict(zip(texts, embed(texts), strict=True))

    def matrix(pairs) -> np.ndarray:
        if not pairs:
            return np.zeros((0, FEATURES), dtype=np.float32)
        claims, replies = [p[0] for p in pairs], [p[1] for p in pairs]
        return features(
            claims,
            replies,
            np.stack([vectors[t] for t in claims]),
            np.stack([vectors[t] for t in replies]),
        )

    x_all = matrix(everything)
    y_all = np.array([p[2] for p in everything])
    stories = [p[3] for p in everything]
    log(f"features of {len(everything)} pairs in {time.time() - started:.0f} s")
    n_train, n_test = len(train_pairs), len(test_pairs)
    results: dict = {}

    # 1. Emergent test (split by claim), FNC-1 stories with a test headline left out
    mask = np.zeros(len(everything), dtype=bool)
    mask[:n_train] = True
    mask[n_train + n_test :] = [s not in leaking for s in stories[n_train + n_test :]]
    head = train_head(x_all[mask], y_all[mask])
    test = slice(n_train, n_train + n_test)
    results["emergent_test"] = report(
        "Emergent test (by claim)", y_all[test], probabilities(head, x_all[test]), log
    )
    # 2. FNC-1 held-out stories (and Emergent trained whole)
    fnc_part = np.arange(len(everything)) >= n_train + n_test
    out_fifth = np.array([held_out(s) for s in stories]) & fnc_part
    head = train_head(x_all[~out_fifth], y_all[~out_fifth])
    results["fnc1_held_out_stories"] = report(
        "FNC-1 held-out stories (a fifth, by headline/body group)",
        y_all[out_fifth],
        probabilities(head, x_all[out_fifth]),
        log,
    )
    # 3. the shipped head: everything
    head = train_head(x_all, y_all)
    if gold:
        x_gold = matrix([(a, b, 0, "") for a, b, _ in gold])
        against = probabilities(head, x_gold)[:, LABELS.index("against")]
        positive = np.array([g for _, _, g in gold])
        auc = roc_auc(against, positive)
        results["disputes_dev_auc"] = auc
        log(
            f"disputes dev gold pairs: {int(positive.sum())} links vs {int((~positive).sum())} "
            f"other claim pairs; P(against) ROC-AUC {auc:.3f}, mean P(against) "
            f"{against[positive].mean():.3f} (links) vs {against[~positive].mean():.3f} (others)"
        )
    save_classifier(
        head,
        out,
        trained_on=(
            f"Emergent train+test and FNC-1 train at sentence length ({len(everything)} pairs); "
            f"frozen all-MiniLM-L6-v2 embeddings and word counts, MLP {HIDDEN}, {EPOCHS} epochs, "
            f"class-weighted, seed {SEED} (python -m counterclaim.train.contradiction)"
        ),
        hidden=HIDDEN,
        features=FEATURES,
        labels=list(LABELS),
    )
    log(f"wrote {out} in {time.time() - started:.0f} s")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--emergent", type=Path, required=True, help="the Emergent CSV folder")
    parser.add_argument("--fnc1", type=Path, required=True, help="the FNC-1 CSV folder")
    parser.add_argument("--out", type=Path, required=True, help="where to write the head")
    parser.add_argument("--disputes", type=Path, default=None, help="dev set: validate on it")
    parser.add_argument("--cache", type=Path, default=None, help="keep encoder outputs here")
    args = parser.parse_args()
    train(args.emergent, args.fnc1, args.out, args.disputes, args.cache)


if __name__ == "__main__":
    main()
