"""Provenance: which articles are copies or rewrites of which (MinHash over word shingles).

An article's text becomes a set of word 5-shingles (case and punctuation folded, so a
re-typeset wire copy still matches); its MinHash estimates the Jaccard similarity to any
other article's. Locality-sensitive hashing splits the signature into `BANDS` bands of
`ROWS` values: two articles sharing any band's values are candidates (the store keeps the
band buckets in an indexed table, so finding candidates costs the same however many
articles are held), and the candidates whose estimated similarity reaches `copy_threshold`
(default.cfg, [link.copies]) are copies. The earliest seen of a group is the origin; each
later copy gets a `copy_of` link to it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from counterclaim.config import ConfigOptions
from counterclaim.model import Link, Provenance

PRODUCER = "minhash-lsh@1"
NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS  # 4 values per band: pairs above ~0.5 Jaccard almost always meet
SHINGLE = 5
SEED = 1


@dataclass(frozen=True)
class CopyOptions(ConfigOptions):
    """When a later article is a copy; the values (and why) are in default.cfg [link.copies]."""

    SECTION = "link.copies"

    copy_threshold: float
    min_shingles: int


_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The MinHash of one article's text."""

    article_id: str
    signature: np.ndarray  # uint32, NUM_PERM values
    shingles: int

    def buckets(self) -> list[tuple[int, int]]:
        """(band, bucket) pairs for the LSH table: a 63-bit hash of each band's values."""
        found = []
        for band in range(BANDS):
            chunk = self.signature[band * ROWS : (band + 1) * ROWS].tobytes()
            digest = hashlib.blake2b(chunk, digest_size=8).digest()
            found.append((band, int.from_bytes(digest, "big") >> 1))
        return found

    def similarity(self, other: Fingerprint) -> float:
        """Estimated Jaccard similarity of the two texts' shingle sets."""
        return float(np.mean(self.signature == other.signature))


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = [w.lower() for w in _WORD_RE.findall(text)]
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


# The MinHash of datasketch 2.0.0 (`MinHash(num_perm=NUM_PERM, seed=SEED)`, its default
# "affine32" scheme), value for value, so that stored fingerprints stay comparable: each
# shingle's sha1 (first 4 bytes, little-endian), mixed by the MurmurHash3 finalizer, then
# `a * h + b` modulo 2**32 per permutation. Computed here because importing datasketch
# imports scipy: a second per process and tens of MB for these few lines
# (tests/link/test_provenance.py checks them against datasketch).
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))


@cache
def _permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Odd multipliers `a` and offsets `b` (uint32), drawn as datasketch draws them."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def minhash(found: set[bytes], num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    """The MinHash signature (uint32, `num_perm` values) of a set of shingles."""
    empty = np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    if not found:
        return empty
    a, b = _permutations(num_perm, seed)
    h = np.array(
        [int.from_bytes(hashlib.sha1(s).digest()[:4], "little") for s in found],  # noqa: S324
        dtype=np.uint32,
    ).reshape(-1, 1)
    shift1, multiplier1, shift2, multiplier2 = _FMIX32
    h = h ^ (h >> shift1)
    h = h * multiplier1
    h = h ^ (h >> shift2)
    h = h * multiplier2
    h = h ^ (h >> shift1)
    return np.minimum(empty, (h * a + b).min(axis=0))


def fingerprint(article_id: str, text: str) -> Fingerprint:
    found = shingles(text)
    return Fingerprint(article_id, minhash(found), len(found))


def origin_of(
    new: Fingerprint, candidates: Sequence[Fingerprint], options: CopyOptions | None = None
) -> tuple[str, float] | None:
    """The article `new` copies, and the estimated similarity: the FIRST of `candidates`
    (given in the order first seen) whose similarity reaches `threshold`, so every copy of
    a group points at the group's origin rather than at another copy."""
    options = options or CopyOptions.default()
    if new.shingles < options.min_shingles:
        return None
    for candidate in candidates:
        if candidate.article_id == new.article_id or candidate.shingles < options.min_shingles:
            continue
        score = new.similarity(candidate)
        if score >= options.copy_threshold:
            return candidate.article_id, round(score, 4)
    return None


def copy_link(article_id: str, origin_id: str, score: float, story_id: str | None) -> Link:
    """The `copy_of` link from a copy to its origin, with the estimated similarity as its
    evidence (`story_id`: their story, when both are in the same one)."""
    return Link(
        article_id,
        origin_id,
        "copy_of",
        score,
        Provenance(PRODUCER, score),
        {"minhash_jaccard": score},
        story_id,
    )
