"""The shared MiniLM encoder: real weights, checksum verified."""

import shutil

import numpy as np
import pytest

from counterclaim.nlp.encoder import Encoder, EncoderError, load_encoder, model_dir


def test_encoder_embeddings_are_normalised_and_meaningful():
    encoder = load_encoder()
    vectors = encoder.embed(
        [
            "The Pentagon denied complicity with Daesh in Syria.",
            "The US rejected claims that it helped the Islamic State.",
            "Bake the apple cake for forty minutes.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similar, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert similar > 0.4 > unrelated


def test_encoder_order_of_inputs_does_not_matter():
    encoder = load_encoder()
    texts = ["short one", "a much longer sentence about the ceasefire talks in Geneva", "mid"]
    forward = encoder.embed(texts)
    backward = encoder.embed(texts[::-1])[::-1]
    assert np.allclose(forward, backward, atol=1e-5)


def test_encoder_refuses_weights_with_another_checksum(tmp_path):
    for name in ("config.json", "tokenizer.json"):
        shutil.copy(model_dir() / name, tmp_path / name)
    (tmp_path / "model.safetensors").write_bytes(b"not the weights")
    with pytest.raises(EncoderError, match="sha256"):
        Encoder(tmp_path)


def test_encoder_missing_weights(tmp_path):
    with pytest.raises(EncoderError, match="no such file"):
        Encoder(tmp_path)


LONG = " ".join(
    f"The minister said on day {i} that the talks in Geneva had failed, and the rebels denied it."
    for i in range(60)
)
TEXTS = [
    "The Pentagon denied complicity with Daesh in Syria, a spokesman said on Monday.",
    LONG,
    "",
    "Bake the apple cake for forty minutes, the chef said.",
]


def test_encoder_many_texts_in_one_pass_read_as_each_alone():
    from counterclaim.nlp.attribution import load_tagger
    from counterclaim.nlp.techniques import load_technique_tagger

    encoder, tagger, techniques = load_encoder(), load_tagger(), load_technique_tagger()
    together = encoder.encode_many(TEXTS)
    assert len(together[1].batches[0].spans) > 1  # the long text has several windows
    assert together[0].batches[0].shared is together[1].batches[0].shared is not None
    for text, shared in zip(TEXTS, together, strict=True):
        alone = encoder.encode_windows(text)
        assert shared.ids == alone.ids
        assert tagger.spans(text, shared) == tagger.spans(text, alone)
        assert techniques.find(text, shared) == techniques.find(text, alone)
        for mine, theirs in zip(shared.batches, alone.batches, strict=True):
            assert mine.layers[-1].shape == theirs.layers[-1].shape
            assert np.allclose(mine.layers[-1].numpy(), theirs.layers[-1].numpy(), atol=1e-4)


def test_encoder_story_vector_is_the_embedding_of_the_text():
    encoder = load_encoder()
    encoded = encoder.encode_many(TEXTS)
    expected = encoder.embed([t for t in TEXTS if t])
    pooled = np.stack([e.story_vector for e in encoded if e.ids])
    assert np.allclose(pooled, expected, atol=1e-5)
    assert encoded[2].story_vector is None


def test_encoder_refuses_an_unknown_runtime():
    with pytest.raises(EncoderError, match="runtime"):
        Encoder(model_dir(), runtime="fp8")


def test_encoder_matches_the_reference_implementation():
    """Our hand-written BERT against sentence-transformers' vectors for the same model files
    (tests/nlp/encoder_reference.json, made once by scripts/make_encoder_reference.py)."""
    import json
    from pathlib import Path

    reference = json.loads(
        (Path(__file__).parent / "encoder_reference.json").read_text(encoding="utf-8")
    )
    expected = np.array(reference["vectors"])
    assert expected.shape == (len(reference["sentences"]), 384)
    vectors = load_encoder().embed(reference["sentences"])
    assert np.abs(vectors - expected).max() < 1e-4
