"""Train the stance head on FNC-1 train (the data is never bundled).

    python -m counterclaim.train.stance --data ../shared/data/fnc1 --out DIR [--folds 5]

First a cross-validation with folds split by Body ID (a body and all its pairs are in one fold;
headlines may recur across folds, as in the official baseline's split): for each fold, the
hashed IDF table, the feature scaling and the head are fitted on the other folds only, and
the FNC-1 score, macro-F1, per-class F1 and the confusion matrix of the held-out fold are
printed, then the pooled figures. Then the shipped head is trained the same way on all of
train and written to DIR (head.safetensors in fp16, manifest.json with its sha256).

The encoder (frozen all-MiniLM-L6-v2) embeds every distinct body sentence and headline once;
the vectors are cached in a folder (`--cache`, a temporary one by default), so a second run
skips the encoding. Recipe: the MLP of `counterclaim.link.stance.head_class` (hidden 256),
`EPOCHS` epochs of AdamW (lr 1e-3, weight decay 1e-4, cosine decay), batch 256, class-
weighted cross-entropy (inverse square root of the class frequency, so that `disagree`,
1.7 % of the pairs, is learned), seed 13, one thread. On a shared two-core machine: about
15 minutes of encoding (28,754 body sentences and windows, 1,648 headlines), 2.5 of
features, 5 to 8 per fold and as much for the final head.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from counterclaim.eval.fnc1 import Pair, Scores, fnc_scores, read_fnc1
from counterclaim.link.stance import (
    FEATURES,
    HASH_BUCKETS,
    LABELS,
    TFIDF_COLUMNS,
    Featurizer,
    PreparedText,
    document_frequencies,
    excerpt,
    head_class,
    prepare_texts,
)
from counterclaim.nlp.encoder import load_encoder
from counterclaim.train.common import fit_classifier, save_classifier

EPOCHS = 12
HIDDEN = 256
SEED = 13
SHORT_SHARE = 0.0  # share of training pairs also given with a short text (see `excerpt`)


class CachedEmbedder:
    """The encoder's `embed`, remembering every sentence's vector in a folder."""

    def __init__(self, folder: Path, log: Callable[[str], None]) -> None:
        self.folder = folder
        self.log = log
        self.index: dict[str, int] = {}
        self.vectors = np.zeros((0, 384), dtype=np.float32)
        if (folder / "sentences.json").exists():
            sentences = json.loads((folder / "sentences.json").read_text("utf-8"))
            self.vectors = np.load(folder / "vectors.npy")
            self.index = {s: i for i, s in enumerate(sentences)}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.index))
        if missing:
            encoder = load_encoder()
            started = time.time()
            chunks = []
            for first in range(0, len(missing), 2048):
                chunks.append(encoder.embed(missing[first : first + 2048]))
                self.log(f"  encoded {first + len(chunks[-1])}/{len(missing)} sentences")
            self.log(f"  encoding took {time.time() - started:.0f} s")
            for text in missing:
                self.index[text] = len(self.index)
            self.vectors = np.concatenate([self.vectors, *chunks])
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / "sentences.json").write_text(json.dumps(list(self.index)), "utf-8")
            np.save(self.folder / "vectors.npy", self.vectors)
        return self.vectors[[self.index[t] for t in texts]]


def body_folds(body_ids: Sequence[str], folds: int, seed: int = SEED) -> dict[str, int]:
    """Each body's fold (bodies shuffled, then dealt round-robin)."""
    ordered = sorted(set(body_ids), key=int)
    random.Random(seed).shuffle(ordered)
    return {body_id: i % folds for i, body_id in enumerate(ordered)}


Row = tuple[PreparedText, PreparedText]  # (claim, text), prepared


def featurize(rows: Sequence[Row], idf: np.ndarray) -> np.ndarray:
    features = Featurizer(idf)
    return np.stack([features(claim, text) for claim, text in rows])


def refit_tfidf(features: np.ndarray, rows: Sequence[Row], idf: np.ndarray) -> None:
    """Overwrite the IDF-dependent columns in place (the rest does not change by fold)."""
    numbers = Featurizer(idf)
    features[:, TFIDF_COLUMNS] = [numbers.tfidf_numbers(claim, text) for claim, text in rows]


def fit_idf(pairs: Sequence[Pair], headlines, bodies) -> np.ndarray:
    """IDF over the training part only: its bodies and its headlines, one document each."""
    documents = [bodies[b].all_words for b in dict.fromkeys(p.body_id for p in pairs)]
    documents += [headlines[h].all_words for h in dict.fromkeys(p.headline for p in pairs)]
    return document_frequencies(documents)


def train_head(features: np.ndarray, labels: np.ndarray, idf: np.ndarray, epochs: int = EPOCHS):
    import torch

    torch.manual_seed(SEED)
    head = head_class()(hidden=HIDDEN)
    head.idf.copy_(torch.from_numpy(idf.astype(np.float32)))
    return fit_classifier(
        head,
        features,
        labels,
        classes=len(LABELS),
        epochs=epochs,
        batch=256,
        weight_decay=1e-4,
        seed=SEED,
    )


def predict(head, features: np.ndarray) -> np.ndarray:
    import torch

    with torch.inference_mode():
        return head(torch.from_numpy(features)).argmax(-1).numpy()


def print_scores(title: str, scores: Scores, log: Callable[[str], None]) -> None:
    f1 = " ".join(f"{label} {scores.f1[label]:.3f}" for label in LABELS)
    log(f"{title}: FNC {scores.fnc_score:.2f}  macro-F1 {scores.macro_f1:.3f}  F1 {f1}")
    log("  gold \\ predicted " + " ".join(f"{label:>9}" for label in LABELS))
    for label, row in zip(LABELS, scores.confusion, strict=True):
        log(f"  {label:>17} " + " ".join(f"{n:>9}" for n in row))


def train(
    data_dir: Path,
    out: Path,
    folds: int = 5,
    cache_dir: Path | None = None,
    epochs: int = EPOCHS,
    short_share: float = SHORT_SHARE,
    log: Callable[[str], None] = print,
) -> list[Scores]:
    """Cross-validate (when folds > 1), then train on everything and write the head."""
    import torch

    torch.set_num_threads(1)
    started = time.time()
    body_texts, pairs = read_fnc1(data_dir / "train_bodies.csv", data_dir / "train_stances.csv")
    log(f"{len(pairs)} pairs, {len(body_texts)} bodies")
    with tempfile.TemporaryDirectory() as temporary:
        embed = CachedEmbedder(cache_dir or Path(temporary), log)
        body_ids = list(body_texts)
        bodies = dict(
            zip(body_ids, prepare_texts([body_texts[b] for b in body_ids], embed), strict=True)
        )
        distinct = list(dict.fromkeys(p.headline for p in pairs))
        headlines = dict(zip(distinct, prepare_texts(distinct, embed, as_claims=True), strict=True))
    labels = np.array([p.label for p in pairs])
    rows = [(headlines[p.headline], bodies[p.body_id]) for p in pairs]
    # the same pairs with a short text: the 1, 2 or 3 body sentences nearest the headline
    short_rows = [(claim, excerpt(text, claim, 1 + i % 3)) for i, (claim, text) in enumerate(rows)]
    # every column but the TF-IDF ones is the same in every fold: computed once
    features = featurize(rows, np.ones(HASH_BUCKETS))
    short_features = featurize(short_rows, np.ones(HASH_BUCKETS))
    log(f"features of {len(pairs)} pairs in {time.time() - started:.0f} s")
    augmented = np.random.default_rng(SEED).random(len(pairs)) < short_share

    def fit(train_mask: np.ndarray, idf: np.ndarray):
        refit_tfidf(features, rows, idf)
        refit_tfidf(short_features, short_rows, idf)
        x = np.concatenate([features[train_mask], short_features[train_mask & augmented]])
        y = np.concatenate([labels[train_mask], labels[train_mask & augmented]])
        return train_head(x, y, idf, epochs)

    results = []
    if folds > 1:
        fold_of = body_folds([p.body_id for p in pairs], folds)
        which = np.array([fold_of[p.body_id] for p in pairs])
        predicted = np.zeros_like(labels)
        predicted_short = np.zeros_like(labels)
        for fold in range(folds):
            training = [p for p, f in zip(pairs, which, strict=True) if f != fold]
            head = fit(which != fold, fit_idf(training, headlines, bodies))
            predicted[which == fold] = predict(head, features[which == fold])
            predicted_short[which == fold] = predict(head, short_features[which == fold])
            scores = fnc_scores(labels[which == fold], predicted[which == fold])
            results.append(scores)
            print_scores(f"fold {fold + 1}/{folds} ({time.time() - started:.0f} s)", scores, log)
        pooled = fnc_scores(labels, predicted)
        results.append(pooled)
        print_scores(f"pooled over {folds} folds (split by Body ID)", pooled, log)
        short = fnc_scores(labels, predicted_short)
        print_scores(
            "pooled, short texts (the 1-3 body sentences nearest the headline)", short, log
        )
    head = fit(np.ones(len(pairs), dtype=bool), fit_idf(pairs, headlines, bodies))
    trained_on = (
        f"FNC-1 train ({len(pairs)} pairs, {len(body_texts)} bodies); frozen all-MiniLM-L6-v2 "
        f"sentence embeddings and lexical features, MLP {HIDDEN}-{HIDDEN // 2}, {epochs} epochs, "
        f"class-weighted, short-text share {short_share}, seed {SEED} "
        "(the recipe of python -m counterclaim.train.stance)"
    )
    save_classifier(head, out, trained_on=trained_on, hidden=HIDDEN, features=FEATURES)
    log(f"wrote {out} in {time.time() - started:.0f} s")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with the FNC-1 CSVs")
    parser.add_argument("--out", type=Path, required=True, help="where to write the head")
    parser.add_argument("--folds", type=int, default=5, help="body-id folds (1: no CV)")
    parser.add_argument("--cache", type=Path, default=None, help="keep encoder outputs here")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--short-share", type=float, default=SHORT_SHARE)
    args = parser.parse_args()
    train(args.data, args.out, args.folds, args.cache, args.epochs, args.short_share)


if __name__ == "__main__":
    main()
