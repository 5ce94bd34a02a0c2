"""The learned attribution tagger: cue, source and content spans over the shared encoder.

A small head (a scalar mix of the frozen MiniLM layers 3-6, a two-layer BiLSTM and a linear
layer over BIO tags; 1.8 M parameters, 3.6 MB in fp16) trained on PolNeAR train by
`python -m counterclaim.train.attribution`. The encoder runs once per window of 254
wordpieces (windows overlap by half); each wordpiece takes its encoder states from the window
where it is most central, and the head's BiLSTM reads the whole article as one sequence of
those states (`text_sequence`, `run_over_texts`: each wordpiece once, not once per window it
is in), several articles per batch; a BIO-constrained Viterbi decode turns the tag scores
into character spans.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from counterclaim.nlp.encoder import EncodedText, load_encoder, load_verified_head, run_head

ROLES = ("CUE", "SOURCE", "CONTENT")
TAGS = ["O"] + [f"{prefix}-{role}" for role in ROLES for prefix in ("B", "I")]
MIXED_LAYERS = (2, 3, 4, 5)  # 0-based encoder layers the head mixes
# Positions of one head batch: its rows (articles) times its longest row; an article longer
# than this is a batch alone. The BiLSTM's cost is about linear in positions from 4 rows up
# (bf16, one thread: 7.4 ms per 256 positions at 16 rows of 256, 8.5 at 4 rows of 1024, 15.6
# at one row of 256), so a batch of about 16 windows' worth is as cheap per position as any
# larger one and holds no more states than one encoder pass. The heads' components gather
# articles of an nlp.pipe batch up to this many wordpieces before they run.
HEAD_POSITIONS = 16 * 256
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
    return viterbi_many([log_probs], transition, start)[0]


def viterbi_many(
    log_probs: Sequence[np.ndarray],
    transition: np.ndarray = _TRANSITION,
    start: np.ndarray = _START,
) -> list[list[int]]:
    """`viterbi` of each [positions, tags] array, all decoded in one loop over positions (a
    step costs about as much for many rows as for one: a handful of tiny numpy operations)."""
    lengths = np.array([len(scores) for scores in log_probs])
    if not len(lengths) or lengths.max() == 0:
        return [[] for _ in log_probs]
    tags = transition.shape[0]
    padded = np.zeros((len(log_probs), lengths.max(), tags))
    for row, scores in enumerate(log_probs):
        padded[row, : len(scores)] = scores
    score = padded[:, 0] + start  # [rows, tags]
    back = np.zeros(padded.shape, dtype=np.int64)
    for t in range(1, padded.shape[1]):
        candidates = score[:, :, None] + transition  # [rows, previous, current]
        back[:, t] = candidates.argmax(1)
        # a row past its end keeps its last score (its steps there are never read back)
        score = np.where((t < lengths)[:, None], candidates.max(1) + padded[:, t], score)
    paths = []
    for row, length in enumerate(lengths):
        if length == 0:
            paths.append([])
            continue
        path = [int(score[row].argmax())]
        for t in range(length - 1, 0, -1):
            path.append(int(back[row, t, path[-1]]))
        paths.append(path[::-1])
    return paths


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
        return self.spans_many([text], [encoding])[0]

    def spans_many(
        self, texts: Sequence[str], encodings: Sequence[EncodedText | None]
    ) -> list[list[tuple[str, int, int]]]:
        """`spans` of each text, the head run over several texts at once (each text's spans
        are what it would get alone, up to bf16 rounding)."""
        torch = self.torch
        encodings = [
            e or self.encoder.encode_windows(t) for t, e in zip(texts, encodings, strict=True)
        ]
        scores = run_over_texts(lambda ls, ws: (self.head(ls, ws),), encodings)
        log_probs = [
            torch.log_softmax(outputs[0].float(), -1).numpy()
            if outputs is not None
            else np.zeros((0, len(TAGS)))
            for outputs in scores
        ]
        found: list[list[tuple[str, int, int]]] = []
        for text, encoding, path in zip(texts, encodings, viterbi_many(log_probs), strict=True):
            spans = tags_to_spans(path, encoding.offsets)
            found.append([(role, *snap_to_words(text, start, end)) for role, start, end in spans])
        return found


def text_sequence(encoding: EncodedText) -> np.ndarray:
    """The states the heads read for one text ([wordpieces + 2, MIXED_LAYERS × dims]): each
    wordpiece's mixed layers from the window where it is most central (as `gather` picks
    them), between the first window's [CLS] and the last window's [SEP], as every window the
    heads were trained on begins and ends."""
    import torch

    batches = encoding.batches
    # where each wordpiece's states are, (batch, row, position): `gather` picks them from the
    # windows' own coordinates, so the choice is the one it makes for the heads' outputs
    coordinates = []
    for k, batch in enumerate(batches):
        rows, positions = batch.layers[0].shape[:2]
        grid = np.stack(np.meshgrid(np.arange(rows), np.arange(positions), indexing="ij"), -1)
        coordinates.append(np.concatenate([np.full((rows, positions, 1), k), grid], -1))
    last_a, last_b = batches[-1].spans[-1]
    where = np.concatenate(
        [
            [[0, 0, 0]],  # [CLS]
            encoding.gather(coordinates),
            [[len(batches) - 1, len(batches[-1].spans) - 1, last_b - last_a + 1]],  # [SEP]
        ]
    )
    dims = batches[0].layers[0].shape[-1]
    sequence = np.empty((len(where), len(MIXED_LAYERS) * dims), np.float32)
    for k, batch in enumerate(batches):
        mine = where[:, 0] == k
        rows, positions = torch.from_numpy(where[mine, 1]), torch.from_numpy(where[mine, 2])
        for j, i in enumerate(MIXED_LAYERS):
            states = batch.layers[i][rows, positions].float().numpy()
            sequence[mine, j * dims : (j + 1) * dims] = states
    return sequence


def head_batches(lengths: Sequence[int], positions: int = HEAD_POSITIONS) -> list[list[int]]:
    """Indices of rows grouped into head batches, shortest first (little padding): a batch
    takes rows while its rows times its longest row stay within `positions`."""
    batches: list[list[int]] = []
    for i in sorted(range(len(lengths)), key=lambda i: lengths[i]):
        if batches and (len(batches[-1]) + 1) * lengths[i] <= positions:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


def run_over_texts(
    head: Callable, encodings: Sequence[EncodedText], positions: int = HEAD_POSITIONS
) -> list[tuple | None]:
    """`head(layers, widths)`'s outputs for each text's wordpieces ([wordpieces, ...] torch
    tensors each; None for a text without any), the head run once per batch of texts over
    their `text_sequence`s: the BiLSTM reads each wordpiece once, with the whole article as
    its context, instead of once per overlapping window."""
    import torch

    results: list[tuple | None] = [None] * len(encodings)
    present = [i for i, e in enumerate(encodings) if e.ids]
    sequences = {i: text_sequence(encodings[i]) for i in present}
    lengths = [len(sequences[i]) for i in present]
    with torch.inference_mode():
        for batch in head_batches(lengths, positions):
            rows = [present[k] for k in batch]
            widths = [len(sequences[i]) for i in rows]
            padded = np.zeros((len(rows), max(widths), sequences[rows[0]].shape[1]), np.float32)
            for row, i in enumerate(rows):
                padded[row, : widths[row]] = sequences[i]
            states = torch.from_numpy(padded)
            dims = states.shape[-1] // len(MIXED_LAYERS)
            layers: list = [None] * (max(MIXED_LAYERS) + 1)
            for k, layer in enumerate(MIXED_LAYERS):
                layers[layer] = states[:, :, k * dims : (k + 1) * dims]
            bf16 = encodings[rows[0]].batches[0].head_bf16
            outputs = run_head(head, layers, widths, bf16)
            for row, i in enumerate(rows):
                # without the [CLS] and [SEP] positions: one row per wordpiece
                results[i] = tuple(output[row, 1 : widths[row] - 1] for output in outputs)
    return results


@cache
def load_tagger(directory: str | None = None) -> AttributionTagger:
    return AttributionTagger(Path(directory) if directory else model_dir())
