"""`counterclaim eval fnc1`: the stance model on FNC-1 files (headline, body, stance).

The official FNC-1 score: a pair whose gold label is `unrelated` earns 0.25 when predicted
`unrelated`; a related pair (agree, disagree, discuss) earns 0.25 for any related prediction
and 0.75 more for the exact label. The score is the sum over the best possible sum, as a
percentage. Macro-F1 over the four classes and each class's F1 go beside it, because the
score rewards the easy `unrelated` majority (Hanselowski et al., COLING 2018).
"""

from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from counterclaim.eval.metrics import PRF
from counterclaim.link.stance import LABELS

UNRELATED = LABELS.index("unrelated")


@dataclass(frozen=True)
class Scores:
    fnc_score: float  # percentage of the best possible
    macro_f1: float
    f1: dict[str, float]
    confusion: list[list[int]]  # rows gold, columns predicted, in LABELS order


def fnc_points(gold: Sequence[int], predicted: Sequence[int]) -> tuple[float, float]:
    """(points earned, best possible points) under the official weighting."""
    earned = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        related_gold, related_predicted = g != UNRELATED, p != UNRELATED
        best += 1.0 if related_gold else 0.25
        if related_gold == related_predicted:
            earned += 0.25
        if related_gold and g == p:
            earned += 0.75
    return earned, best


def fnc_scores(gold: Sequence[int], predicted: Sequence[int]) -> Scores:
    """Labels are indices into LABELS."""
    confusion = np.zeros((len(LABELS), len(LABELS)), dtype=np.int64)
    for g, p in zip(gold, predicted, strict=True):
        confusion[g, p] += 1
    f1 = {
        label: PRF.of(int(confusion[i, i]), int(confusion[:, i].sum()), int(confusion[i].sum())).f1
        for i, label in enumerate(LABELS)
    }
    earned, best = fnc_points(gold, predicted)
    return Scores(
        fnc_score=round(100 * earned / best, 2) if best else 0.0,
        macro_f1=round(float(sum(f1.values())) / len(f1), 4),
        f1=f1,
        confusion=confusion.tolist(),
    )


@dataclass(frozen=True)
class Pair:
    headline: str
    body_id: str
    label: int


def read_fnc1(bodies_csv: Path, stances_csv: Path) -> tuple[dict[str, str], list[Pair]]:
    """Bodies by id and the labelled pairs, from the FNC-1 CSV files."""
    with bodies_csv.open(encoding="utf-8", newline="") as handle:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    pairs = []
    with stances_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Body ID"] not in bodies:
                raise ValueError(f"{stances_csv}: Body ID {row['Body ID']} is not in {bodies_csv}")
            pairs.append(Pair(row["Headline"], row["Body ID"], LABELS.index(row["Stance"])))
    return bodies, pairs


def evaluate(bodies_csv: Path, stances_csv: Path, model) -> dict:
    """Score `model.predict` on FNC-1 files; the figures `eval fnc1` prints."""
    bodies, pairs = read_fnc1(bodies_csv, stances_csv)
    started = time.perf_counter()
    results = model.predict([(p.headline, bodies[p.body_id]) for p in pairs])
    elapsed = time.perf_counter() - started
    scores = fnc_scores([p.label for p in pairs], [LABELS.index(r.label) for r in results])
    return {
        "pairs": len(pairs),
        "fnc_score": scores.fnc_score,
        "macro_f1": scores.macro_f1,
        "f1": scores.f1,
        "confusion": {
            "labels": list(LABELS),
            "rows_gold_columns_predicted": scores.confusion,
        },
        "pairs_per_s": round(len(pairs) / elapsed, 1) if elapsed > 0 else 0.0,
    }
