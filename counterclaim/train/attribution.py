"""Train the attribution tagger's head on PolNeAR train (the data is never bundled).

    python -m counterclaim.train.attribution --data ../shared/data/attribution/polnear \\
        --out counterclaim/models/attribution

Reproduces the shipped model: the encoder (frozen all-MiniLM-L6-v2) runs once over fixed,
non-overlapping windows of 254 wordpieces of every training article; the outputs of layers
3-6 are kept (fp16, in a temporary folder), and only the head (layer mix, two-layer BiLSTM,
linear) is trained on them: 10 epochs, batch 16, AdamW (lr 2e-3, weight decay 0.01, 5 %
warm-up then linear decay), gradients clipped at 1.0, bf16 autocast, seed 13, one thread.
About 6 minutes of encoding and 13 of training on one core. Writes head.safetensors (fp16) and
manifest.json with its sha256; evaluate with `counterclaim eval attribution --data .../polnear/dev`.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import tempfile
import time
from pathlib import Path

import numpy as np

from counterclaim.eval.attribution import load_gold
from counterclaim.nlp.attribution import MIXED_LAYERS, TAGS, head_class
from counterclaim.nlp.encoder import CLS, SEP, WINDOW, load_encoder, sha256_of
from counterclaim.train.common import schedule, start_training, training_windows

TAG_IDS = {tag: i for i, tag in enumerate(TAGS)}
IGNORE = -100


def bio_tags(offsets: list[tuple[int, int]], spans: dict[str, list[tuple[int, int]]]) -> list[int]:
    """Wordpiece tags from character spans; each fragment of a discontinuous span is its own
    B-I-I run; where two roles claim a wordpiece, the earlier span keeps it."""
    tags = [0] * len(offsets)
    owner: list[tuple[str, int] | None] = [None] * len(offsets)
    starts = [start for start, _ in offsets]
    fragments = sorted((s, e, role) for role, found in spans.items() for s, e in found if e > s)
    for start, end, role in fragments:
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        first = True
        while i < len(offsets) and offsets[i][0] < end:
            token_start, token_end = offsets[i]
            if token_end > start and token_start < end:
                if owner[i] is not None and owner[i][0] != role.upper():
                    i += 1
                    continue
                tags[i] = TAG_IDS[("B-" if first else "I-") + role.upper()]
                owner[i] = (role.upper(), start)
                first = False
            i += 1
    return tags


def train(
    data_dir: Path,
    out: Path,
    epochs: int = 10,
    batch_size: int = 16,
    lr: float = 2e-3,
    seed: int = 13,
    lstm_layers: int = 2,
    log=print,
) -> Path:
    import torch
    import torch.nn.functional as F  # noqa: N812
    from safetensors.torch import save_file

    start_training(seed)
    encoder = load_encoder()
    documents = load_gold(data_dir / "train")
    encoded = [encoder.tokenizer.encode(d.text, add_special_tokens=False) for d in documents]
    all_tags = [
        bio_tags([tuple(o) for o in e.offsets], d.spans)
        for e, d in zip(encoded, documents, strict=True)
    ]
    windows = training_windows([len(e.ids) for e in encoded])
    log(f"{len(documents)} articles, {len(windows)} windows")

    width = WINDOW + 2
    ids = torch.zeros(len(windows), width, dtype=torch.long)
    mask = torch.zeros(len(windows), width, dtype=torch.long)
    labels = torch.full((len(windows), width), IGNORE, dtype=torch.long)
    for row, (document, a, b) in enumerate(windows):
        n = b - a
        ids[row, : n + 2] = torch.tensor([CLS, *encoded[document].ids[a:b], SEP])
        mask[row, : n + 2] = 1
        labels[row, 1 : n + 1] = torch.tensor(all_tags[document][a:b])

    started = time.time()
    with tempfile.TemporaryDirectory() as folder:
        cache = {
            layer: np.lib.format.open_memmap(
                Path(folder) / f"layer{layer}.npy",
                mode="w+",
                dtype=np.float16,
                shape=(len(windows), width, encoder.dimensions),
            )
            for layer in MIXED_LAYERS
        }
        for first in range(0, len(windows), 32):
            rows = range(first, min(first + 32, len(windows)))
            batch = [ids[r, : int(mask[r].sum())].tolist() for r in rows]
            layers, _ = encoder.hidden_states(batch)
            length = layers[0].shape[1]
            for layer in MIXED_LAYERS:
                cache[layer][first : first + len(batch), :length] = layers[layer].numpy()
            if first % 640 == 0:
                log(f"encoded {first}/{len(windows)} windows, {time.time() - started:.0f} s")
        head = head_class()(lstm_layers=lstm_layers)
        optimiser = torch.optim.AdamW(head.parameters(), lr=lr, weight_decay=0.01)
        total = math.ceil(len(windows) / batch_size) * epochs
        scheduler = torch.optim.lr_scheduler.LambdaLR(
            optimiser, schedule(total, max(1, total // 20))
        )
        head.train()
        step = 0
        for epoch in range(epochs):
            order = torch.randperm(len(windows))
            for first in range(0, len(windows), batch_size):
                rows = order[first : first + batch_size]
                length = int(mask[rows].sum(1).max())
                layers: list = [None] * (max(MIXED_LAYERS) + 1)
                for layer in MIXED_LAYERS:
                    layers[layer] = torch.from_numpy(cache[layer][rows.numpy(), :length]).float()
                with torch.autocast("cpu", dtype=torch.bfloat16):
                    logits = head(layers)
                loss = F.cross_entropy(
                    logits.float().reshape(-1, len(TAGS)),
                    labels[rows, :length].reshape(-1),
                    ignore_index=IGNORE,
                )
                optimiser.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(head.parameters(), 1.0)
                optimiser.step()
                scheduler.step()
                step += 1
                if step % 100 == 0:
                    log(f"epoch {epoch} step {step}/{total} loss {loss.item():.4f}")
    out.mkdir(parents=True, exist_ok=True)
    weights = out / "head.safetensors"
    save_file(
        {k: v.detach().contiguous().half() for k, v in head.state_dict().items()}, str(weights)
    )
    manifest = {
        "weights": weights.name,
        "sha256": sha256_of(weights),
        "trained_on": (
            f"PolNeAR v1.0.0 train ({len(documents)} articles, one annotation file per "
            "article), with python -m counterclaim.train.attribution; frozen all-MiniLM-L6-v2 "
            f"layers 3-6, BiLSTM 192 x {lstm_layers} layers, {epochs} epochs, seed {seed}"
        ),
        "lstm": 192,
        "lstm_layers": lstm_layers,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    log(f"wrote {weights} ({weights.stat().st_size:,} bytes) in {time.time() - started:.0f} s")
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data",
        type=Path,
        required=True,
        help="PolNeAR folder with train/text and train/attributions",
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--lstm-layers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    train(args.data, args.out, epochs=args.epochs, seed=args.seed, lstm_layers=args.lstm_layers)


if __name__ == "__main__":
    main()
