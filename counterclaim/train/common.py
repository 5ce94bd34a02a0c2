"""What the head training scripts share: windows, the learning-rate schedule, the set-up,
the MLP training loop and how a trained head is written."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import numpy as np

from counterclaim.nlp.encoder import WINDOW, sha256_of


def training_windows(lengths: list[int], size: int = WINDOW) -> list[tuple[int, int, int]]:
    """(document, start, end): fixed, non-overlapping windows."""
    windows = []
    for document, n in enumerate(lengths):
        windows += [(document, a, min(a + size, n)) for a in range(0, n, size)]
    return windows


def schedule(total: int, warm: int):
    """Linear warm-up over `warm` steps, then linear decay to 0 at `total`."""

    def factor(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (total - step) / max(1, total - warm))

    return factor


def start_training(seed: int) -> None:
    """One thread (the machine is shared) and every random generator seeded."""
    import torch

    torch.set_num_threads(1)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def fit_classifier(
    head,
    x: np.ndarray,
    y: np.ndarray,
    *,
    classes: int,
    epochs: int,
    batch: int,
    weight_decay: float,
    seed: int,
):
    """Train an MLP head with `mean`/`scale` input buffers: standardised on `x`, classes
    weighted by the inverse square root of their share, AdamW with a cosine decay, shuffled
    mini-batches from a seeded generator. Returns the head in eval mode."""
    import torch

    generator = torch.Generator().manual_seed(seed)
    xs, ys = torch.from_numpy(x), torch.from_numpy(y).long()
    head.mean.copy_(xs.mean(0))
    head.scale.copy_(xs.std(0).clamp(min=1e-3))
    counts = np.bincount(y, minlength=classes).astype(np.float64)
    weights = 1.0 / np.sqrt(np.maximum(counts, 1) / counts.sum())
    loss_fn = torch.nn.CrossEntropyLoss(
        weight=torch.tensor(weights / weights.mean(), dtype=torch.float32)
    )
    optimizer = torch.optim.AdamW(head.parameters(), lr=1e-3, weight_decay=weight_decay)
    steps = epochs * math.ceil(len(xs) / batch)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: 0.5 * (1 + math.cos(math.pi * min(step, steps) / steps))
    )
    head.train()
    for _ in range(epochs):
        order = torch.randperm(len(xs), generator=generator)
        for first in range(0, len(xs), batch):
            rows = order[first : first + batch]
            loss = loss_fn(head(xs[rows]), ys[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
    head.eval()
    return head


def save_classifier(head, out: Path, **manifest: object) -> None:
    """An MLP head as the shipped models are: fp16 safetensors weights and a manifest.json
    giving their sha256 (checked at load), then `manifest`'s fields in the order given."""
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    weights = out / "head.safetensors"
    state = {k: v.detach().half().contiguous() for k, v in head.state_dict().items()}
    save_file(state, str(weights))
    fields = {"weights": weights.name, "sha256": sha256_of(weights), **manifest}
    (out / "manifest.json").write_text(json.dumps(fields, indent=2) + "\n", "utf-8")
