"""Train the propaganda technique head on PTC train (the data is never bundled).

    python -m counterclaim.train.techniques --data ../shared/data/ptc/train \\
        --out counterclaim/models/techniques

Reproduces the shipped model. The articles are split by a hash of their id
(`counterclaim.eval.ptc.split_bucket`: sha256 of the id modulo 5): bucket 0 is held out and
never read here (report figures with `counterclaim eval ptc ... --split heldout`), bucket 1
tunes the one decoding constant (the bias against the O tag) and picks the epoch, buckets 2-4
train the head. The encoder (frozen all-MiniLM-L6-v2) runs once over fixed, non-overlapping
windows of 254 wordpieces; layers 3-6 are kept in fp16 (in --cache, or a temporary folder) and
only the head is trained: the O/B/I tag loss on every wordpiece plus the technique loss on the
pooled states of every gold span; AdamW (lr 2e-3, weight decay 0.01, 5 % warm-up then linear
decay), batch 16 windows, gradients clipped at 1.0, seed 13, one thread. Writes
head.safetensors (fp16) and manifest.json with its sha256 and the tuning figures.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import time
from pathlib import Path

import numpy as np

from counterclaim.eval.ptc import (
    HELDOUT_BUCKET,
    TUNE_BUCKET,
    PtcArticle,
    load_articles,
    merge_spans,
    si_prf,
    split_bucket,
)
from counterclaim.nlp.attribution import MIXED_LAYERS, snap_to_words, tags_to_spans, viterbi
from counterclaim.nlp.encoder import CLS, SEP, WINDOW, load_encoder, sha256_of
from counterclaim.nlp.techniques import (
    _START,
    _TRANSITION,
    SPAN_TAGS,
    TECHNIQUES,
    head_class,
    span_features,
)
from counterclaim.train.common import schedule, start_training, training_windows

IGNORE = -100
OUTSIDE_BIASES = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)


def token_range(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int]:
    """Wordpieces [a, b) overlapping the character span [start, end)."""
    a = bisect.bisect_right(ends, start)
    b = bisect.bisect_left(starts, end)
    return a, max(b, a)


def span_tags(starts: list[int], ends: list[int], spans: list[tuple[int, int]]) -> list[int]:
    """O/B/I tags of wordpieces for the merged gold spans."""
    tags = [0] * len(starts)
    for start, end in merge_spans(spans):
        a, b = token_range(starts, ends, start, end)
        for i in range(a, b):
            tags[i] = 1 if i == a else 2
    return tags


class Corpus:
    """Every non-held-out article cut into windows, with tags, technique spans and cached
    encoder states."""

    def __init__(self, articles: list[PtcArticle], cache_dir: Path, log=print) -> None:
        import torch

        encoder = load_encoder()
        self.articles = articles
        self.encoded = [
            encoder.tokenizer.encode(a.text, add_special_tokens=False) for a in articles
        ]
        self.windows = training_windows([len(e.ids) for e in self.encoded])
        width = WINDOW + 2
        n = len(self.windows)
        self.lengths = np.zeros(n, dtype=np.int64)
        self.labels = torch.full((n, width), IGNORE, dtype=torch.long)
        self.instances: list[list[tuple[int, int, int]]] = [[] for _ in range(n)]
        batch_ids = []
        for row, (document, a, b) in enumerate(self.windows):
            encoding, article = self.encoded[document], articles[document]
            starts = [s for s, _ in encoding.offsets]
            ends = [e for _, e in encoding.offsets]
            tags = span_tags(starts, ends, [(s, e) for _, s, e in article.labels])
            self.labels[row, 1 : b - a + 1] = torch.tensor(tags[a:b])
            self.lengths[row] = b - a + 2
            batch_ids.append([CLS, *encoding.ids[a:b], SEP])
            for technique, start, end in article.labels:
                first, last = token_range(starts, ends, start, end)
                first, last = max(first, a), min(last, b)
                if first < last:
                    self.instances[row].append(
                        (first - a + 1, last - a + 1, TECHNIQUES.index(technique))
                    )
        shape = (n, width, encoder.dimensions)
        cache_dir.mkdir(parents=True, exist_ok=True)
        done = cache_dir / "done.json"
        signature = {"windows": n, "articles": [a.id for a in articles]}
        fresh = not done.exists() or json.loads(done.read_text()) != signature
        self.cache = {
            layer: np.lib.format.open_memmap(
                cache_dir / f"layer{layer}.npy",
                mode="w+" if fresh else "r",
                dtype=np.float16,
                shape=shape,
            )
            for layer in MIXED_LAYERS
        }
        if fresh:
            started = time.time()
            for first in range(0, n, 32):
                layers, _ = encoder.hidden_states(batch_ids[first : first + 32])
                rows, length = layers[0].shape[0], layers[0].shape[1]
                for layer in MIXED_LAYERS:
                    self.cache[layer][first : first + rows, :length] = layers[layer].numpy()
                if first % 320 == 0:
                    log(f"encoded {first}/{n} windows, {time.time() - started:.0f} s")
            for array in self.cache.values():
                array.flush()
            done.write_text(json.dumps(signature))

    def batch(self, rows: np.ndarray):
        import torch

        length = int(self.lengths[rows].max())
        layers: list = [None] * (max(MIXED_LAYERS) + 1)
        for layer in MIXED_LAYERS:
            layers[layer] = torch.from_numpy(self.cache[layer][rows, :length].astype(np.float32))
        return layers, self.labels[rows, :length], length


def technique_loss(head, mixed, states, instances):
    import torch
    import torch.nn.functional as F  # noqa: N812

    features, targets = [], []
    for row, found in enumerate(instances):
        for a, b, label in found:
            features.append(span_features(mixed[row, a:b], states[row, a:b]))
            targets.append(label)
    if not features:
        return torch.zeros(()), 0, 0
    logits = head.classify(torch.stack(features))
    target = torch.tensor(targets)
    correct = int((logits.argmax(-1) == target).sum())
    return F.cross_entropy(logits, target), correct, len(targets)


def tune(head, corpus: Corpus, rows: list[int]) -> dict:
    """SI F1 for each O bias and TC accuracy (gold spans) on the tuning windows."""
    import torch

    head.eval()
    log_probs: dict[int, list[np.ndarray]] = {}
    correct = total = 0
    with torch.inference_mode():
        for first in range(0, len(rows), 16):
            chunk = np.array(rows[first : first + 16])
            layers, _, _ = corpus.batch(chunk)
            mixed, states, tags = head(layers)
            scores = torch.log_softmax(tags, -1).numpy()
            _, right, count = technique_loss(
                head, mixed, states, [corpus.instances[r] for r in chunk]
            )
            correct, total = correct + right, total + count
            for i, row in enumerate(chunk):
                document, a, b = corpus.windows[row]
                log_probs.setdefault(document, []).append(scores[i, 1 : b - a + 1])
    head.train()
    figures = {"tc_accuracy": round(correct / max(total, 1), 4), "si_f1": {}}
    gold = {
        corpus.articles[d].id: [(s, e) for _, s, e in corpus.articles[d].labels] for d in log_probs
    }
    for bias in OUTSIDE_BIASES:
        predicted = {}
        for document, pieces in log_probs.items():
            scores = np.concatenate(pieces).copy()
            scores[:, 0] -= bias
            offsets = [tuple(o) for o in corpus.encoded[document].offsets]
            text = corpus.articles[document].text
            predicted[corpus.articles[document].id] = [
                snap_to_words(text, s, e)
                for _, s, e in tags_to_spans(
                    viterbi(scores, _TRANSITION, _START), offsets, SPAN_TAGS
                )
            ]
        figures["si_f1"][bias] = si_prf(predicted, gold).f1
    return figures


def train(
    data_dir: Path,
    out: Path,
    cache_dir: Path,
    epochs: int = 5,
    batch_size: int = 16,
    lr: float = 2e-3,
    seed: int = 13,
    log=print,
) -> Path:
    import torch
    import torch.nn.functional as F  # noqa: N812

    start_training(seed)
    articles = [
        a
        for a in load_articles(data_dir / "train-articles", data_dir / "train-task-flc-tc.labels")
        if split_bucket(a.id) != HELDOUT_BUCKET
    ]
    corpus = Corpus(articles, cache_dir, log)
    tune_rows = [
        r
        for r, (d, _, _) in enumerate(corpus.windows)
        if split_bucket(articles[d].id) == TUNE_BUCKET
    ]
    train_rows = np.array(sorted(set(range(len(corpus.windows))) - set(tune_rows)))
    n_tune = sum(split_bucket(a.id) == TUNE_BUCKET for a in articles)
    log(
        f"{len(articles) - n_tune} training and {n_tune} tuning articles, "
        f"{len(train_rows)} + {len(tune_rows)} windows"
    )
    head = head_class()()
    optimiser = torch.optim.AdamW(head.parameters(), lr=lr, weight_decay=0.01)
    total = math.ceil(len(train_rows) / batch_size) * epochs
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimiser, schedule(total, max(1, total // 20)))
    head.train()
    started = time.time()
    best: float | None = None
    for epoch in range(epochs):
        order = np.random.permutation(train_rows)
        for first in range(0, len(order), batch_size):
            rows = order[first : first + batch_size]
            layers, labels, _ = corpus.batch(rows)
            mixed, states, tags = head(layers)
            tag_loss = F.cross_entropy(
                tags.reshape(-1, len(SPAN_TAGS)), labels.reshape(-1), ignore_index=IGNORE
            )
            class_loss, _, _ = technique_loss(
                head, mixed, states, [corpus.instances[r] for r in rows]
            )
            loss = tag_loss + class_loss
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(head.parameters(), 1.0)
            optimiser.step()
            scheduler.step()
        figures = tune(head, corpus, tune_rows)
        bias, si_f1 = max(figures["si_f1"].items(), key=lambda item: (item[1], -item[0]))
        score = si_f1 + figures["tc_accuracy"]
        log(
            f"epoch {epoch}: tune SI F1 {si_f1:.4f} (O bias {bias}), TC accuracy "
            f"{figures['tc_accuracy']:.4f}, {time.time() - started:.0f} s"
        )
        if best is None or score > best:
            best = score
            # written at once, so an interrupted run still leaves its best epoch
            write_model(
                out, head, epoch, epochs, bias, figures, len(articles) - n_tune, n_tune, seed
            )
            log(f"kept epoch {epoch + 1}, {time.time() - started:.0f} s")
    return out / "head.safetensors"


def write_model(
    out: Path,
    head,
    epoch: int,
    epochs: int,
    bias: float,
    figures: dict,
    n_train: int,
    n_tune: int,
    seed: int,
) -> None:
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    weights = out / "head.safetensors"
    state = head.state_dict()
    save_file({k: v.detach().contiguous().half() for k, v in state.items()}, str(weights))
    manifest = {
        "weights": weights.name,
        "sha256": sha256_of(weights),
        "trained_on": (
            f"PTC train (SemEval-2020 Task 11), the {n_train} articles whose "
            "sha256(id) % 5 is 2, 3 or 4, with python -m counterclaim.train.techniques; "
            f"frozen all-MiniLM-L6-v2 layers 3-6, BiLSTM 128 x 2 layers, epoch {epoch + 1} of "
            f"{epochs} (best on the tuning part), seed {seed}"
        ),
        "lstm": 128,
        "lstm_layers": 2,
        "inner": 256,
        "outside_bias": bias,
        "heldout": {
            "rule": "sha256(article id) % 5 == 0 (never used in training or tuning)",
            "tuning": f"sha256(article id) % 5 == 1: {n_tune} articles",
            "tuning_figures": {
                "si_f1_by_outside_bias": figures["si_f1"],
                "tc_accuracy": figures["tc_accuracy"],
            },
        },
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")


def main() -> None:
    import tempfile

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data",
        type=Path,
        required=True,
        help="PTC folder with train-articles/ and train-task-flc-tc.labels",
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--cache", type=Path, default=None, help="keep the encoder states here (reused)"
    )
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    if args.cache:
        train(args.data, args.out, args.cache, epochs=args.epochs, seed=args.seed)
        return
    with tempfile.TemporaryDirectory() as folder:
        train(args.data, args.out, Path(folder), epochs=args.epochs, seed=args.seed)


if __name__ == "__main__":
    main()
