"""Does one short statement contradict another? A head over two sentence embeddings.

Made for what the dispute linker compares: two statements of one or two sentences each (an
accusation and a denial), where the stance model (`link.stance`, trained on headline vs whole
body) does not carry over. A pair is (claim, reply); the features are the frozen MiniLM
embeddings `c` and `r` of the two texts, `c*r` and `|c-r|`, their cosine, and a few counts:
refuting, negation and hedging words in each text (the word lists of `link.stance`) and the
word overlap. A small MLP (`head_class`) gives three probabilities: the reply is `for` the
claim, `against` it, or only `observing` it (reports it, is about it, neither).

Trained by `python -m counterclaim.train.contradiction` on Emergent (claim vs headline) and
on FNC-1 headlines paired with their body's sentence nearest the headline; the figures, with
how they were obtained, are in the README ("Contradiction"). `P(against)` is evidence in a
dispute link, never the decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import numpy as np

from counterclaim.link.stance import HEDGING, NEGATION, REFUTING, STOPWORDS, words
from counterclaim.nlp.encoder import EncoderError, load_encoder, load_verified_head

LABELS = ("for", "against", "observing")
DIMENSIONS = 384
NUMBER_NAMES = (
    "cosine",
    "claim_refuting",
    "reply_refuting",
    "claim_negation",
    "reply_negation",
    "claim_hedging",
    "reply_hedging",
    "overlap",
    "reply_only_negated",
)
FEATURES = 4 * DIMENSIONS + len(NUMBER_NAMES)


class _Counts(NamedTuple):
    refuting: float
    negation: float
    hedging: float
    content: frozenset[str]  # the words that are not stopwords


@lru_cache(maxsize=8192)
def _counts(text: str) -> _Counts:
    """One text's word counts: the linker pairs every statement of a story with every other,
    so each text is read once rather than once per pair."""
    found = words(text)

    def count(lexicon: frozenset[str]) -> float:
        return float(min(sum(w in lexicon for w in found), 5))

    content = frozenset(w for w in found if w not in STOPWORDS)
    return _Counts(count(REFUTING), count(NEGATION), count(HEDGING), content)


def numbers(claim: str, reply: str, cosine: float) -> list[float]:
    """The counts of a pair (claim and reply texts), beside the embeddings."""
    a, b = _counts(claim), _counts(reply)
    overlap = len(a.content & b.content) / max(1, min(len(a.content), len(b.content)))
    return [
        cosine,
        a.refuting,
        b.refuting,
        a.negation,
        b.negation,
        a.hedging,
        b.hedging,
        overlap,
        float(b.negation > 0 and not a.negation > 0),
    ]


def features(
    claims: Sequence[str], replies: Sequence[str], claim_vectors: np.ndarray, reply_vectors
) -> np.ndarray:
    """One row per pair: `c*r`, `|c-r|`, `c`, `r` and the numbers (vectors L2-normalised)."""
    c = np.asarray(claim_vectors, dtype=np.float32)
    r = np.asarray(reply_vectors, dtype=np.float32)
    cosines = (c * r).sum(1)
    extra = np.array(
        [numbers(a, b, float(x)) for a, b, x in zip(claims, replies, cosines, strict=True)],
        dtype=np.float32,
    ).reshape(len(c), len(NUMBER_NAMES))
    return np.concatenate([c * r, np.abs(c - r), c, r, extra], axis=1).astype(np.float32)


def head_class():
    """The MLP head (built on first use: importing this file needs no torch)."""
    import torch
    from torch import nn

    class ContradictionHead(nn.Module):
        def __init__(self, features: int = FEATURES, hidden: int = 128, dropout: float = 0.3):
            super().__init__()
            self.register_buffer("mean", torch.zeros(features))
            self.register_buffer("scale", torch.ones(features))
            self.net = nn.Sequential(
                nn.Dropout(0.1),
                nn.Linear(features, hidden),
                nn.GELU(),
                nn.Dropout(dropout),
                nn.Linear(hidden, len(LABELS)),
            )

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.net((x - self.mean) / self.scale)

    return ContradictionHead


@dataclass(frozen=True)
class Manifest:
    weights: str
    sha256: str
    trained_on: str
    hidden: int
    features: int
    labels: list[str]


def model_dir() -> Path:
    return Path(str(resources.files("counterclaim").joinpath("models", "contradiction")))


class ContradictionModel:
    """The shipped head over the shared encoder."""

    def __init__(self, directory: Path) -> None:
        import torch

        def build(manifest: Manifest):
            if manifest.features != FEATURES or tuple(manifest.labels) != LABELS:
                raise EncoderError(f"{directory}: made for other features or labels")
            return head_class()(hidden=manifest.hidden)

        _, self.head = load_verified_head(directory, Manifest, build)
        self.torch = torch

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        with self.torch.inference_mode():
            logits = self.head(self.torch.from_numpy(np.asarray(x, dtype=np.float32)))
            return self.torch.softmax(logits, -1).numpy()

    def against(
        self,
        claims: Sequence[str],
        replies: Sequence[str],
        claim_vectors: np.ndarray | None = None,
        reply_vectors: np.ndarray | None = None,
    ) -> np.ndarray:
        """P(the reply is against the claim) for each pair; vectors are embedded when not
        given (the linker passes the statement vectors it already has)."""
        if not len(claims):
            return np.zeros(0, dtype=np.float32)
        if claim_vectors is None or reply_vectors is None:
            encoder = load_encoder()
            claim_vectors = encoder.embed(list(claims))
            reply_vectors = encoder.embed(list(replies))
        x = features(claims, replies, claim_vectors, reply_vectors)
        return self.probabilities(x)[:, LABELS.index("against")]


@cache
def load_contradiction_model(directory: str | None = None) -> ContradictionModel:
    """The contradiction model for this process, checksum verified."""
    return ContradictionModel(Path(directory) if directory else model_dir())
