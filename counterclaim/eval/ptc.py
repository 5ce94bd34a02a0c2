"""`counterclaim eval ptc`: propaganda techniques against the Propaganda Techniques Corpus
(SemEval-2020 Task 11) layout: `article<ID>.txt` files and a TC label file
(`id<TAB>technique<TAB>start<TAB>end` per line).

SI is scored with the official partial-overlap definition (task-SI_scorer.py): gold and
predicted spans are merged per article, and each (predicted s, gold t) pair adds |s∩t|/|s| to
the precision sum and |s∩t|/|t| to the recall sum; P and R divide by the number of predicted
and gold spans over the whole corpus. TC is micro-F1 (= accuracy) over the gold spans, given
the gold spans; a span that carries k gold techniques gets the model's k best guesses.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from counterclaim.eval.metrics import PRF

_ARTICLE_FILE = re.compile(r"article(\d+)\.txt")

# The held-out part of PTC train: articles whose id hashes to 0 modulo 5 (about a fifth).
# Never trained on or tuned on; the training script tunes on the `tune` part (1 modulo 5).
HELDOUT_BUCKET, TUNE_BUCKET, BUCKETS = 0, 1, 5
SPLITS = ("all", "heldout", "train")


def split_bucket(article_id: str) -> int:
    return int(hashlib.sha256(article_id.encode("ascii")).hexdigest(), 16) % BUCKETS


def in_split(article_id: str, split: str) -> bool:
    """`heldout`: the fifth of the articles kept for reporting; `train`: the rest."""
    if split == "all":
        return True
    held_out = split_bucket(article_id) == HELDOUT_BUCKET
    return held_out if split == "heldout" else not held_out


@dataclass(frozen=True)
class PtcArticle:
    id: str
    text: str
    labels: tuple[tuple[str, int, int], ...]  # (technique, start, end), end exclusive


def read_labels(path: Path) -> dict[str, list[tuple[str, int, int]]]:
    """A TC label file: article id → (technique, start, end) in file order."""
    labels: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise ValueError(f"{path}:{number}: expected id, technique, start, end")
        article_id, technique, start, end = parts
        labels[article_id].append((technique, int(start), int(end)))
    return dict(labels)


def load_articles(articles_dir: Path, labels_file: Path, split: str = "all") -> list[PtcArticle]:
    """Every `article<ID>.txt` in the folder (in id order), with its gold labels."""
    labels = read_labels(labels_file)
    articles = []
    for path in sorted(articles_dir.glob("article*.txt")):
        match = _ARTICLE_FILE.fullmatch(path.name)
        if not match or not in_split(match.group(1), split):
            continue
        article_id = match.group(1)
        articles.append(
            PtcArticle(article_id, path.read_text("utf-8"), tuple(labels.get(article_id, ())))
        )
    if not articles:
        raise FileNotFoundError(f"{articles_dir}: no article<ID>.txt files in split {split!r}")
    return articles


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined into one (their character sets united), as the official
    scorer does; spans that only touch stay apart."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def si_prf(
    predicted: dict[str, list[tuple[int, int]]], gold: dict[str, list[tuple[int, int]]]
) -> PRF:
    """Span identification, the official partial-overlap P, R and F1 (both sides merged)."""
    precision_sum = recall_sum = 0.0
    n_predicted = n_gold = 0
    for article_id in set(predicted) | set(gold):
        found = merge_spans(predicted.get(article_id, ()))
        truth = merge_spans(gold.get(article_id, ()))
        n_predicted += len(found)
        n_gold += len(truth)
        for s_start, s_end in found:
            for t_start, t_end in truth:
                overlap = min(s_end, t_end) - max(s_start, t_start)
                if overlap > 0:
                    precision_sum += overlap / (s_end - s_start)
                    recall_sum += overlap / (t_end - t_start)
    if n_predicted == 0 and n_gold == 0:
        return PRF(1.0, 1.0, 1.0)
    p = precision_sum / n_predicted if n_predicted else 0.0
    r = recall_sum / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(round(p, 4), round(r, 4), round(f1, 4))


def tc_scores(pairs: list[tuple[str, str]]) -> dict:
    """Micro-F1 (= accuracy, every gold span gets one prediction) and per-class F1 of
    (gold, predicted) technique pairs."""
    if not pairs:
        return {"micro_f1": 0.0, "per_class": {}}
    correct = Counter(g for g, p in pairs if g == p)
    gold_counts = Counter(g for g, _ in pairs)
    predicted_counts = Counter(p for _, p in pairs)
    per_class = {
        technique: PRF.of(
            correct[technique], predicted_counts[technique], gold_counts[technique]
        ).f1
        for technique in sorted(gold_counts | predicted_counts)
    }
    return {"micro_f1": round(sum(correct.values()) / len(pairs), 4), "per_class": per_class}


def match_labels(gold: list[str], guesses: list[str]) -> list[tuple[str, str]]:
    """(gold, predicted) pairs for one span with several gold techniques: identical labels pair
    up first (the order within a span does not matter, as in the official scorer)."""
    left = list(guesses)
    pairs, unmatched = [], []
    for label in gold:
        if label in left:
            left.remove(label)
            pairs.append((label, label))
        else:
            unmatched.append(label)
    return pairs + list(zip(unmatched, left, strict=True))


@dataclass(frozen=True)
class PtcPredictor:
    """What the evaluation needs of a model: spans of a text, and the ranked techniques of
    given spans of a text."""

    spans: Callable[[list[str]], list[list[tuple[int, int]]]]
    rank: Callable[[str, list[tuple[int, int]]], list[list[str]]]


def evaluate(articles: list[PtcArticle], predictor: PtcPredictor) -> dict:
    started = time.perf_counter()
    found = predictor.spans([a.text for a in articles])
    elapsed = time.perf_counter() - started
    predicted = {a.id: spans for a, spans in zip(articles, found, strict=True)}
    gold = {a.id: [(s, e) for _, s, e in a.labels] for a in articles}
    pairs: list[tuple[str, str]] = []
    for article in articles:
        by_span: dict[tuple[int, int], list[str]] = defaultdict(list)
        for technique, start, end in article.labels:
            by_span[(start, end)].append(technique)
        if not by_span:
            continue
        spans = sorted(by_span)
        for span, ranked in zip(spans, predictor.rank(article.text, spans), strict=True):
            pairs += match_labels(by_span[span], ranked[: len(by_span[span])])
    return {
        "si": si_prf(predicted, gold).as_dict(),
        "tc": tc_scores(pairs),
        "articles": len(articles),
        "gold_spans": sum(len(a.labels) for a in articles),
        "predicted_spans": sum(len(merge_spans(s)) for s in found),
        "articles_per_s": round(len(articles) / elapsed, 2) if elapsed else None,
    }


def model_predictor() -> PtcPredictor:
    """The shipped technique tagger, as the `cc_techniques` component runs it (encoder and
    head; the spaCy parse is not needed for techniques)."""
    from counterclaim.nlp.techniques import load_technique_tagger

    tagger = load_technique_tagger()

    def spans(texts: list[str]) -> list[list[tuple[int, int]]]:
        return [[(found.start, found.end) for found in tagger.find(text)] for text in texts]

    return PtcPredictor(spans=spans, rank=tagger.rank)
