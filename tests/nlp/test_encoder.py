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
