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

import numpy as np

from counterclaim.config import default_options
from counterclaim.model import Link, Provenance

PRODUCER = "minhash-lsh@1"
NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS  # 4 values per band: pairs above ~0.5 Jaccard almost always meet
SHINGLE = 5
SEED = 1


@dataclass(frozen=True)
class CopyOptions:
    """When a later article is a copy; the values (and why) are in default.cfg [link.copies]."""

    copy_threshold: float
    min_shingles: int

    @classmethod
    def default(cls) -> CopyOptions:
        return default_options(cls, "link.copies")


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


def fingerprint(article_id: str, text: str) -> Fingerprint:
    from datasketch import MinHash

    found = shingles(text)
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(list(found))
    return Fingerprint(article_id, minhash.hashvalues.astype(np.uint32), len(found))


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
