"""Copies and rewrites by MinHash, on real sample articles."""

from pathlib import Path

import numpy as np
import pytest

from counterclaim.link.provenance import NUM_PERM, SEED, fingerprint, origin_of, shingles

SAMPLE = Path(__file__).resolve().parents[2] / "counterclaim" / "data" / "sample"


def sample_texts(n: int) -> list[str]:
    files = sorted(p for p in SAMPLE.rglob("*") if p.is_file() and p.suffix in {".txt", ".md"})
    texts = [p.read_text(encoding="utf-8") for p in files]
    return [t for t in texts if len(t.split()) > 150][:n]


def test_shingles_fold_case_and_punctuation():
    assert shingles("The U.S. said, on Friday: no.") == shingles("the U.S said on friday -- NO")


def test_a_rewritten_wire_copy_is_a_copy_of_its_origin():
    original = sample_texts(1)[0]
    paragraphs = [p for p in original.split("\n") if p.strip()]
    rewrite = "MOSCOW (Agency) – Our own new first paragraph, written by the relaying outlet.\n"
    rewrite += "\n".join(paragraphs[1:-1])  # a new intro, the end cut
    origin = fingerprint("origin", original)
    copy = fingerprint("copy", rewrite)
    found = origin_of(copy, [origin])
    assert found is not None and found[0] == "origin" and found[1] >= 0.5


def test_different_articles_are_not_copies():
    texts = sample_texts(6)
    prints = [fingerprint(str(i), t) for i, t in enumerate(texts)]
    for i, found in enumerate(prints[1:], start=1):
        assert origin_of(found, prints[:i]) is None


def test_every_copy_points_at_the_first_seen():
    text = sample_texts(1)[0]
    first, second, third = (fingerprint(n, text) for n in ("first", "second", "third"))
    assert origin_of(third, [first, second]) == ("first", 1.0)


def test_short_texts_are_not_compared():
    assert origin_of(fingerprint("b", "Short text."), [fingerprint("a", "Short text.")]) is None


def test_bands_agree_for_equal_texts():
    text = sample_texts(1)[0]
    assert fingerprint("a", text).buckets() == fingerprint("b", text).buckets()


def test_signatures_are_datasketchs_value_for_value():
    # stores written while fingerprints came from datasketch stay comparable with new ones
    datasketch = pytest.importorskip("datasketch")
    texts = [*sample_texts(40), "", "too short", "Five words are one shingle."]
    for text in texts:
        found = shingles(text)
        theirs = datasketch.MinHash(num_perm=NUM_PERM, seed=SEED)
        theirs.update_batch(list(found))
        assert np.array_equal(fingerprint("a", text).signature, theirs.hashvalues.astype(np.uint32))
