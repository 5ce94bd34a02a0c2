"""What the head training scripts share: windows, the learning-rate schedule, the set-up."""

from __future__ import annotations

import random

import numpy as np

from counterclaim.nlp.encoder import WINDOW


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
