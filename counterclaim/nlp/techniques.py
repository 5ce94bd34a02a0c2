"""The propaganda technique tagger: spans (SI) and their technique (TC) over the shared encoder.

One small head trained on the Propaganda Techniques Corpus (SemEval-2020 Task 11) by
`python -m counterclaim.train.techniques`: a scalar mix of the frozen MiniLM layers 3-6, a
two-layer BiLSTM, a linear layer over O/B/I tags for the spans, and a small feed-forward
classifier over a span's pooled states (mean, max, first and last BiLSTM state, mean mixed
encoder state, length) for the 14 techniques. It reads the windows the `cc_encoder` component
computed once per article, like the attribution tagger.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from counterclaim.nlp.attribution import (
    bio_constraints,
    mixed_lstm_class,
    snap_to_words,
    tags_to_spans,
    viterbi,
)
from counterclaim.nlp.encoder import EncodedText, load_encoder, load_verified_head

# The 14 classes of SemEval-2020 Task 11, as the label files spell them (commas included).
TECHNIQUES = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)
SPAN_TAGS = ("O", "B-SPAN", "I-SPAN")
PRODUCER = "model:technique-tagger@1"
_TRANSITION, _START = bio_constraints(SPAN_TAGS)


def head_class():
    """The head module (built on first use: importing this file needs no torch)."""
    import torch
    from torch import nn

    class TechniqueHead(mixed_lstm_class()):
        def __init__(
            self,
            hidden: int = 384,
            lstm: int = 128,
            lstm_layers: int = 2,
            inner: int = 256,
            dropout: float = 0.2,
        ) -> None:
            super().__init__(hidden, lstm, lstm_layers, dropout)
            self.tags = nn.Linear(2 * lstm, len(SPAN_TAGS))
            self.classify = nn.Sequential(
                nn.Linear(8 * lstm + hidden + 1, inner),
                nn.GELU(),
                nn.Dropout(dropout),
                nn.Linear(inner, len(TECHNIQUES)),
            )

        def forward(
            self, layers: list, widths: list[int] | None = None
        ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
            """Mixed encoder states, BiLSTM states and tag scores of every window position."""
            mixed, states = self.mixed_states(layers, widths)
            return mixed, states, self.tags(self.drop(states))

    return TechniqueHead


def span_features(mixed, states):
    """One span's features from its wordpieces' rows (torch tensors [n, dims])."""
    import torch

    length = torch.log1p(torch.tensor([float(len(states))]))
    return torch.cat(
        [states.mean(0), states.max(0).values, states[0], states[-1], mixed.mean(0), length]
    )


@dataclass(frozen=True)
class Manifest:
    weights: str
    sha256: str
    trained_on: str
    lstm: int
    lstm_layers: int
    inner: int
    outside_bias: float  # subtracted from the O tag's log-probability (tuned on held-apart data)
    heldout: dict


def model_dir() -> Path:
    return Path(str(resources.files("counterclaim").joinpath("models", "techniques")))


@dataclass(frozen=True)
class FoundTechnique:
    start: int
    end: int
    technique: str
    confidence: float  # the classifier's probability of the technique
    ranked: tuple[str, ...]  # every technique, most likely first


class TechniqueTagger:
    def __init__(self, directory: Path) -> None:
        import torch

        self.encoder = load_encoder()
        self.manifest, self.head = load_verified_head(
            directory,
            Manifest,
            lambda m: head_class()(lstm=m.lstm, lstm_layers=m.lstm_layers, inner=m.inner),
        )
        self.torch = torch

    def _states(self, encoding: EncodedText):
        """Per-wordpiece mixed states, BiLSTM states and tag log-probabilities, each from the
        window where the wordpiece is most central."""
        torch = self.torch
        mixed, states, log_probs = [], [], []
        with torch.inference_mode():
            for batch in encoding.batches:
                m, s, tags = batch.run("techniques", self.head)
                mixed.append(m.numpy())
                states.append(s.numpy())
                log_probs.append(torch.log_softmax(tags.float(), -1).numpy())
        return encoding.gather(mixed), encoding.gather(states), encoding.gather(log_probs)

    def find(self, text: str, encoding: EncodedText | None = None) -> list[FoundTechnique]:
        """Technique spans in `text` (from `encoding`, the windows the encoder computed)."""
        encoding = encoding or self.encoder.encode_windows(text)
        if not encoding.ids:
            return []
        mixed, states, log_probs = self._states(encoding)
        log_probs[:, 0] -= self.manifest.outside_bias
        pieces = tags_to_spans(viterbi(log_probs, _TRANSITION, _START), encoding.offsets, SPAN_TAGS)
        token_spans = _token_spans(pieces, encoding.offsets)
        found = []
        for (start, end), ranked in zip(
            [p[1:] for p in pieces], self._rank(mixed, states, token_spans), strict=True
        ):
            start, end = snap_to_words(text, start, end)
            technique, confidence = ranked[0]
            found.append(
                FoundTechnique(start, end, technique, confidence, tuple(t for t, _ in ranked))
            )
        return found

    def rank(
        self, text: str, spans: list[tuple[int, int]], encoding: EncodedText | None = None
    ) -> list[list[str]]:
        """Every technique for each given character span, most likely first (TC)."""
        encoding = encoding or self.encoder.encode_windows(text)
        if not encoding.ids:
            return [list(TECHNIQUES) for _ in spans]
        mixed, states, _ = self._states(encoding)
        token_spans = _token_spans([("SPAN", s, e) for s, e in spans], encoding.offsets)
        return [[t for t, _ in ranked] for ranked in self._rank(mixed, states, token_spans)]

    def _rank(self, mixed, states, token_spans: list[tuple[int, int]]):
        torch = self.torch
        if not token_spans:
            return []
        mixed_t, states_t = torch.from_numpy(mixed), torch.from_numpy(states)
        with torch.inference_mode():
            features = torch.stack(
                [span_features(mixed_t[a:b], states_t[a:b]) for a, b in token_spans]
            )
            probabilities = torch.softmax(self.head.classify(features), -1).numpy()
        result = []
        for row in probabilities:
            order = np.argsort(-row)
            result.append([(TECHNIQUES[i], round(float(row[i]), 4)) for i in order])
        return result


def _token_spans(
    spans: list[tuple[str, int, int]], offsets: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Wordpiece ranges [a, b) covering character spans (at least one wordpiece each)."""
    starts = np.array([start for start, _ in offsets])
    ends = np.array([end for _, end in offsets])
    result = []
    for _, start, end in spans:
        a = int(np.searchsorted(ends, start, side="right"))
        b = int(np.searchsorted(starts, end, side="left"))
        a = min(a, len(offsets) - 1)
        result.append((a, max(b, a + 1)))
    return result


@cache
def load_technique_tagger(directory: str | None = None) -> TechniqueTagger:
    return TechniqueTagger(Path(directory) if directory else model_dir())
