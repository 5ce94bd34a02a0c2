"""The learned attribution tagger: cue, source and content spans over the shared encoder.

A small head (a scalar mix of the frozen MiniLM layers 3-6, a two-layer BiLSTM and a linear
layer over BIO tags; 1.8 M parameters, 3.6 MB in fp16) trained on PolNeAR train by
`python -m counterclaim.train.attribution`. The encoder runs once per window of 254
wordpieces (windows overlap by half; each wordpiece takes the window where it is most
central), and a BIO-constrained Viterbi decode turns the tag scores into character spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from counterclaim.nlp.encoder import EncodedText, load_encoder, load_verified_head

ROLES = ("CUE", "SOURCE", "CONTENT")
TAGS = ["O"] + [f"{prefix}-{role}" for role in ROLES for prefix in ("B", "I")]
MIXED_LAYERS = (2, 3, 4, 5)  # 0-based encoder layers the head mixes
_WORD = re.compile(r"\w")


def bio_constraints(tags: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Transition and start scores that forbid an I- anywhere but after its own B- or I-."""
    allowed = np.ones((len(tags), len(tags)), dtype=bool)  # previous → current
    for j, tag in enumerate(tags):
        if tag.startswith("I-"):
            role = tag[2:]
            for i, previous in enumerate(tags):
                allowed[i, j] = previous in (f"B-{role}", f"I-{role}")
    start = np.array([not tag.startswith("I-") for tag in tags])
    return np.where(allowed, 0.0, -1e9), np.where(start, 0.0, -1e9)


_TRANSITION, _START = bio_constraints(TAGS)


def viterbi(
    log_probs: np.ndarray, transition: np.ndarray = _TRANSITION, start: np.ndarray = _START
) -> list[int]:
    """The best tag path that obeys BIO (an I- only after its own B- or I-)."""
    if len(log_probs) == 0:
        return []
    score = log_probs[0] + start
    back = np.zeros(log_probs.shape, dtype=np.int64)
    for t in range(1, len(log_probs)):
        candidates = score[:, None] + transition
        back[t] = candidates.argmax(0)
        score = candidates.max(0) + log_probs[t]
    path = [int(score.argmax())]
    for t in range(len(log_probs) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def tags_to_spans(
    tags: list[int], offsets: list[tuple[int, int]], names: Sequence[str] = TAGS
) -> list[tuple[str, int, int]]:
    """BIO tags of wordpieces → (role, start, end) character spans."""
    spans: list[tuple[str, int, int]] = []
    current: list | None = None
    for tag_id, (start, end) in zip(tags, offsets, strict=True):
        tag = names[tag_id]
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


@cache
def mixed_lstm_class():
    """What every tagging head shares (built on first use: importing this file needs no
    torch): a learned, softmax-weighted mix of the encoder layers MIXED_LAYERS, scaled, and a
    BiLSTM over it."""
    import torch
    from torch import nn

    class MixedLstm(nn.Module):
        def __init__(self, hidden: int, lstm: int, lstm_layers: int, dropout: float) -> None:
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

        def mixed_states(
            self, layers: list, widths: list[int] | None = None
        ) -> tuple[torch.Tensor, torch.Tensor]:
            """The mixed encoder states and the BiLSTM states of every window position;
            `widths`: each row's LSTM reads only its first `width` positions (states past
            them are zeros), as it would in a batch of that width."""
            weights = torch.softmax(self.mix, 0)
            mixed = self.gamma * sum(
                w * layers[i].float() for w, i in zip(weights, MIXED_LAYERS, strict=True)
            )
            length = mixed.shape[1]
            if torch.is_autocast_enabled("cpu") and not self.training:
                # in bf16 a packed sequence leaves the fused kernel (4x slower than this)
                return mixed, self._by_direction(mixed, widths)
            if widths is None or all(w == length for w in widths):
                states, _ = self.lstm(self.drop(mixed))
                return mixed, states
            packed = nn.utils.rnn.pack_padded_sequence(
                self.drop(mixed), torch.tensor(widths), batch_first=True, enforce_sorted=False
            )
            states, _ = nn.utils.rnn.pad_packed_sequence(
                self.lstm(packed)[0], batch_first=True, total_length=length
            )
            return mixed, states

        def _by_direction(self, x: torch.Tensor, widths: list[int] | None) -> torch.Tensor:
            """The BiLSTM over each row's first `width` positions without packing: each
            direction runs as a one-way LSTM, the backward one over each row reversed within
            its width (what packing does), and the states past a row's width are zeros."""
            batch, length, _ = x.shape
            width = torch.tensor(widths if widths is not None else [length] * batch)
            positions = torch.arange(length)[None, :]
            inside = positions < width[:, None]
            # reverses each row's first `width` positions, leaves the rest: its own inverse
            order = torch.where(inside, width[:, None] - 1 - positions, positions)
            # as flat row numbers: whole rows of states copied (index_select), 3.5x faster
            # than gathering each value (torch.gather) at 8 rows of 512
            rows = (torch.arange(batch)[:, None] * length + order).reshape(-1)

            def flip(t: torch.Tensor) -> torch.Tensor:
                return t.reshape(batch * length, -1).index_select(0, rows).view(batch, length, -1)

            for forward, backward in self._directions():
                x = torch.cat([forward(x)[0], flip(backward(flip(x))[0])], -1)
            return x * inside[:, :, None].to(x.dtype)

        def _directions(self) -> list:
            """One-way LSTMs sharing the BiLSTM's parameters, per layer (built once; kept
            out of the module's parameters, so its state dict is unchanged)."""
            found = self.__dict__.get("_one_way")
            if found is None:
                found = []
                for layer in range(self.lstm.num_layers):
                    pair = []
                    for suffix in ("", "_reverse"):
                        weight = getattr(self.lstm, f"weight_ih_l{layer}{suffix}")
                        one = nn.LSTM(weight.shape[1], self.lstm.hidden_size, batch_first=True)
                        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                            shared = getattr(self.lstm, f"{name}_l{layer}{suffix}")
                            setattr(one, f"{name}_l0", shared)
                        one.eval()
                        pair.append(one)
                    found.append(tuple(pair))
                object.__setattr__(self, "_one_way", found)
            return found

    return MixedLstm


def head_class():
    """The attribution head: the shared mix and BiLSTM, and a linear layer over TAGS."""
    from torch import nn

    class BiLstmHead(mixed_lstm_class()):
        def __init__(
            self, hidden: int = 384, lstm: int = 192, lstm_layers: int = 2, dropout: float = 0.2
        ) -> None:
            super().__init__(hidden, lstm, lstm_layers, dropout)
            self.out = nn.Linear(2 * lstm, len(TAGS))

        def forward(self, layers: list, widths: list[int] | None = None):
            _, states = self.mixed_states(layers, widths)
            return self.out(self.drop(states))

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
    def __init__(self, directory: Path) -> None:
        import torch

        self.encoder = load_encoder()
        _, self.head = load_verified_head(
            directory,
            Manifest,
            lambda m: head_class()(lstm=m.lstm, lstm_layers=m.lstm_layers),
        )
        self.torch = torch

    def spans(self, text: str, encoding: EncodedText | None = None) -> list[tuple[str, int, int]]:
        """(role, start, end) character spans of cues, sources and contents in `text`, from
        `encoding` (the windows the `cc_encoder` component computed) or encoded here."""
        torch = self.torch
        encoding = encoding or self.encoder.encode_windows(text)
        if not encoding.ids:
            return []
        log_probs = []
        with torch.inference_mode():
            for batch in encoding.batches:
                (scores,) = batch.run("attribution", lambda ls, ws: (self.head(ls, ws),))
                log_probs.append(torch.log_softmax(scores.float(), -1).numpy())
        found = []
        for role, start, end in tags_to_spans(
            viterbi(encoding.gather(log_probs)), encoding.offsets
        ):
            start, end = snap_to_words(text, start, end)
            found.append((role, start, end))
        return found


@cache
def load_tagger(directory: str | None = None) -> AttributionTagger:
    return AttributionTagger(Path(directory) if directory else model_dir())
