"""The learned attribution tagger: cue, source and content spans over the shared encoder.

A small head (a scalar mix of the frozen MiniLM layers 3-6, a two-layer BiLSTM and a linear
layer over BIO tags; 1.8 M parameters, 3.6 MB in fp16) trained on PolNeAR train by
`python -m counterclaim.train.attribution`. The encoder runs once per window of 254
wordpieces (windows overlap by half; each wordpiece takes the window where it is most
central), and a BIO-constrained Viterbi decode turns the tag scores into character spans.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from counterclaim.nlp.encoder import EncoderError, load_encoder, sha256_of

ROLES = ("CUE", "SOURCE", "CONTENT")
TAGS = ["O"] + [f"{prefix}-{role}" for role in ROLES for prefix in ("B", "I")]
CLS, SEP = 101, 102
WINDOW, STRIDE = 254, 127
MIXED_LAYERS = (2, 3, 4, 5)  # 0-based encoder layers the head mixes
_WORD = re.compile(r"\w")


def windows(n: int, size: int = WINDOW, stride: int = STRIDE) -> list[tuple[int, int]]:
    """Overlapping windows [a, b) over n wordpieces."""
    if n <= size:
        return [(0, n)]
    result, start = [], 0
    while True:
        end = min(start + size, n)
        result.append((start, end))
        if end == n:
            return result
        start += stride


def _transitions() -> tuple[np.ndarray, np.ndarray]:
    allowed = np.ones((len(TAGS), len(TAGS)), dtype=bool)  # previous → current
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            role = tag[2:]
            for i, previous in enumerate(TAGS):
                allowed[i, j] = previous in (f"B-{role}", f"I-{role}")
    start = np.array([not tag.startswith("I-") for tag in TAGS])
    return np.where(allowed, 0.0, -1e9), np.where(start, 0.0, -1e9)


_TRANSITION, _START = _transitions()


def viterbi(log_probs: np.ndarray) -> list[int]:
    """The best tag path that obeys BIO (an I- only after its own B- or I-)."""
    if len(log_probs) == 0:
        return []
    score = log_probs[0] + _START
    back = np.zeros(log_probs.shape, dtype=np.int64)
    for t in range(1, len(log_probs)):
        candidates = score[:, None] + _TRANSITION
        back[t] = candidates.argmax(0)
        score = candidates.max(0) + log_probs[t]
    path = [int(score.argmax())]
    for t in range(len(log_probs) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def tags_to_spans(tags: list[int], offsets: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """BIO tags of wordpieces → (role, start, end) character spans."""
    spans: list[tuple[str, int, int]] = []
    current: list | None = None
    for tag_id, (start, end) in zip(tags, offsets, strict=True):
        tag = TAGS[tag_id]
        if tag == "O":
            if current:
                spans.append(tuple(current))
                current = None
            continue
        prefix, role = tag.split("-", 1)
        if prefix == "B" or current is None or current[0] != role:
            if current:
                spans.append(tuple(current))
            current = [role, start, end]
        else:
            current[2] = end
    if current:
        spans.append(tuple(current))
    return spans


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Never cut a word: a wordpiece boundary inside a word moves to the word's edge."""
    while 0 < start < len(text) and _WORD.match(text[start - 1]) and _WORD.match(text[start]):
        start -= 1
    while 0 < end < len(text) and _WORD.match(text[end - 1]) and _WORD.match(text[end]):
        end += 1
    return start, end


def head_class():
    """The head module (built on first use: importing this file needs no torch)."""
    import torch
    from torch import nn

    class BiLstmHead(nn.Module):
        def __init__(
            self, hidden: int = 384, lstm: int = 192, lstm_layers: int = 2, dropout: float = 0.2
        ) -> None:
            super().__init__()
            self.mix = nn.Parameter(torch.zeros(len(MIXED_LAYERS)))
            self.gamma = nn.Parameter(torch.ones(()))
            self.drop = nn.Dropout(dropout)
            self.lstm = nn.LSTM(
                hidden,
                lstm,
                num_layers=lstm_layers,
                batch_first=True,
                bidirectional=True,
                dropout=dropout if lstm_layers > 1 else 0.0,
            )
            self.out = nn.Linear(2 * lstm, len(TAGS))

        def forward(self, layers: list) -> torch.Tensor:
            weights = torch.softmax(self.mix, 0)
            x = self.gamma * sum(
                w * layers[i].float() for w, i in zip(weights, MIXED_LAYERS, strict=True)
            )
            y, _ = self.lstm(self.drop(x))
            return self.out(self.drop(y))

    return BiLstmHead


@dataclass(frozen=True)
class Manifest:
    weights: str
    sha256: str
    trained_on: str
    lstm: int
    lstm_layers: int = 1


def model_dir() -> Path:
    return Path(str(resources.files("counterclaim").joinpath("models", "attribution")))


class AttributionTagger:
    batch_size = 16

    def __init__(self, directory: Path) -> None:
        import torch
        from safetensors.torch import load_file

        manifest = Manifest(**json.loads((directory / "manifest.json").read_text("utf-8")))
        weights = directory / manifest.weights
        digest = sha256_of(weights)
        if digest != manifest.sha256:
            raise EncoderError(f"{weights}: sha256 {digest} is not the expected {manifest.sha256}")
        self.encoder = load_encoder()
        self.head = head_class()(lstm=manifest.lstm, lstm_layers=manifest.lstm_layers)
        state = {k: v.float() for k, v in load_file(str(weights)).items()}
        self.head.load_state_dict(state, strict=True)
        self.head.eval()
        self.torch = torch

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """(role, start, end) character spans of cues, sources and contents in `text`."""
        return self.spans_many([text])[0]

    def spans_many(self, texts: list[str]) -> list[list[tuple[str, int, int]]]:
        """`spans` of each text. Windows of several texts share a batch (the BiLSTM steps
        through a window one wordpiece at a time, so a batch of a few rows is mostly overhead;
        profiled, this halves the tagger's time), and each window is padded to the length it
        has when its text is tagged alone: the backward LSTM reads the padding, so the same
        padding keeps the same output."""
        torch = self.torch
        texts_ids, jobs = [], {}
        for number, text in enumerate(texts):
            encoding = self.encoder.tokenizer.encode(text, add_special_tokens=False)
            texts_ids.append((encoding.ids, [tuple(o) for o in encoding.offsets]))
            spans = windows(len(encoding.ids)) if encoding.ids else []
            for first in range(0, len(spans), self.batch_size):
                alone = spans[first : first + self.batch_size]  # a batch when tagged alone
                padded = max(b - a for a, b in alone) + 2
                jobs.setdefault(padded, []).extend((number, a, b) for a, b in alone)
        scores = [np.zeros((len(ids), len(TAGS)), dtype=np.float32) for ids, _ in texts_ids]
        centrality = [np.full(len(ids), -1, dtype=np.int64) for ids, _ in texts_ids]
        for padded, group in jobs.items():
            for first in range(0, len(group), self.batch_size):
                batch = group[first : first + self.batch_size]
                layers, _ = self.encoder.hidden_states(
                    [[CLS, *texts_ids[t][0][a:b], SEP] for t, a, b in batch], length=padded
                )
                with torch.inference_mode():
                    log_probs = torch.log_softmax(self.head(layers).float(), -1).numpy()
                for row, (t, a, b) in enumerate(batch):
                    n = b - a
                    position = np.arange(n)
                    central = np.minimum(position, n - 1 - position)
                    if a == 0:
                        central = central + (position < n // 2) * 10**6  # nothing to the left
                    if b == len(texts_ids[t][0]):
                        central = central + (position >= n // 2) * 10**6
                    better = central > centrality[t][a:b]
                    scores[t][a:b][better] = log_probs[row, 1 : n + 1][better]
                    centrality[t][a:b] = np.where(better, central, centrality[t][a:b])
        results = []
        for text, (ids, offsets), text_scores in zip(texts, texts_ids, scores, strict=True):
            found = []
            if ids:
                for role, start, end in tags_to_spans(viterbi(text_scores), offsets):
                    start, end = snap_to_words(text, start, end)
                    found.append((role, start, end))
            results.append(found)
        return results


@cache
def load_tagger(directory: str | None = None) -> AttributionTagger:
    return AttributionTagger(Path(directory) if directory else model_dir())
