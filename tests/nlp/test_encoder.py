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


# (runtime, head runtime, tolerance of the hidden states, of the technique head's states): in
# fp32 a text reads the same in a shared pass as alone, to the last digits, so every span is
# the same; in bf16 a shared pass's other rows move the rounding of a few values (the head's
# log-probabilities by about 0.02), which can flip a borderline technique span
RUNTIME_CASES = [("fp32", "fp32", 1e-4, 1e-4), ("bf16", "bf16", 0.1, 0.05)]


@pytest.fixture
def encoder_in(monkeypatch):
    """`encoder_in(runtime, head_runtime)`: an encoder computing as asked, bf16 too on a CPU
    that runs it but where it does not pay (no AMX), so that its code stays tested there."""
    import torch

    from counterclaim.nlp import encoder as module

    def make(runtime: str, head_runtime: str = "fp32") -> Encoder:
        if "bf16" in (runtime, head_runtime):
            if not torch.ops.mkldnn._is_mkldnn_bf16_supported():
                pytest.skip("this CPU cannot compute in bf16")
            monkeypatch.setattr(module, "_cpu_has_bf16", lambda: True)
        made = Encoder(model_dir(), runtime=runtime, head_runtime=head_runtime)
        assert (made.runtime, made.head_bf16) == (runtime, head_runtime == "bf16")
        return made

    return make


@pytest.mark.parametrize(("runtime", "head_runtime", "atol", "head_atol"), RUNTIME_CASES)
def test_encoder_many_texts_in_one_pass_read_as_each_alone(
    encoder_in, runtime, head_runtime, atol, head_atol
):
    from counterclaim.nlp.attribution import load_tagger
    from counterclaim.nlp.techniques import load_technique_tagger

    encoder = encoder_in(runtime, head_runtime)
    tagger, techniques = load_tagger(), load_technique_tagger()
    together = encoder.encode_many(TEXTS)
    assert len(together[1].batches[0].spans) > 1  # the long text has several windows
    assert together[0].batches[0].shared is together[1].batches[0].shared is not None
    for text, shared in zip(TEXTS, together, strict=True):
        alone = encoder.encode_windows(text)
        assert shared.ids == alone.ids
        assert tagger.spans(text, shared) == tagger.spans(text, alone)
        if runtime == "fp32":
            assert techniques.find(text, shared) == techniques.find(text, alone)
        if shared.ids:
            for mine, theirs in zip(
                techniques._states(shared), techniques._states(alone), strict=True
            ):
                assert np.allclose(mine, theirs, atol=head_atol)
        for mine, theirs in zip(shared.batches, alone.batches, strict=True):
            assert mine.layers[-1].shape == theirs.layers[-1].shape
            assert np.allclose(mine.layers[-1].numpy(), theirs.layers[-1].numpy(), atol=atol)


def test_encoder_windows_cover_the_text_and_the_last_is_full():
    from itertools import pairwise

    from counterclaim.nlp.encoder import WINDOW, windows

    for n, stride in [(254, 127), (255, 127), (600, 127), (600, 190), (1000, 222)]:
        spans = windows(n, stride=stride)
        assert spans[0][0] == 0 and spans[-1][1] == n
        assert all(b - a == WINDOW for a, b in spans)  # the last one too
        assert all(a2 <= b1 for (_, b1), (a2, _) in pairwise(spans))  # no gap
        assert all(a2 - a1 == stride for (a1, _), (a2, _) in pairwise(spans[:-1]))
    assert windows(40) == [(0, 40)]


@pytest.mark.parametrize(("runtime", "atol"), [("fp32", 1e-5), ("bf16", 2e-3)])
def test_encoder_story_vector_is_the_embedding_of_the_text(encoder_in, runtime, atol):
    """In bf16 the two differ by the rounding the other rows of a pass move (cosine 0.9999)."""
    encoder = encoder_in(runtime)
    encoded = encoder.encode_many(TEXTS)
    expected = encoder.embed([t for t in TEXTS if t])
    pooled = np.stack([e.story_vector for e in encoded if e.ids])
    assert np.allclose(pooled, expected, atol=atol)
    assert encoded[2].story_vector is None


def test_bf16_only_where_the_cpu_has_amx(monkeypatch):
    """AVX-512 BF16 without AMX computes bf16 slower than fp32: fp32 there, for both."""
    import torch

    from counterclaim.nlp import encoder

    capabilities = {"avx512_bf16": True, "amx_bf16": False}
    monkeypatch.setattr(torch.cpu, "get_capabilities", lambda: capabilities)
    assert encoder._usable_runtimes("bf16", "bf16", 127) == ("fp32", "fp32")
    assert encoder._usable_runtimes("int8", "bf16", 127) == ("int8", "fp32")
    capabilities["amx_bf16"] = True
    assert encoder._usable_runtimes("bf16", "bf16", 127) == ("bf16", "bf16")


def test_encoder_refuses_an_unknown_runtime():
    with pytest.raises(EncoderError, match="runtime"):
        Encoder(model_dir(), runtime="fp8")
    with pytest.raises(EncoderError, match="head runtime"):
        Encoder(model_dir(), head_runtime="int8")


def test_encoder_settings_come_from_default_cfg_and_the_environment(monkeypatch):
    from counterclaim.nlp import encoder
    from counterclaim.nlp.pipeline import load_config

    section = load_config()["components"]["cc_encoder"]
    for name in (encoder.RUNTIME_ENV, encoder.HEAD_RUNTIME_ENV, encoder.STRIDE_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(encoder, "_chosen", {})
    assert encoder.settings() == (section["runtime"], section["head_runtime"], section["stride"])
    monkeypatch.setenv(encoder.STRIDE_ENV, "190")
    monkeypatch.setenv(encoder.RUNTIME_ENV, "int8")
    assert encoder.settings() == ("int8", section["head_runtime"], 190)


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
    exact = Encoder(model_dir(), runtime="fp32").embed(reference["sentences"])
    assert np.abs(exact - expected).max() < 1e-4
    # The shipped runtime (bf16 where the CPU has it) stays the same sentence vectors.
    shipped = load_encoder().embed(reference["sentences"])
    assert (shipped * expected).sum(axis=1).min() > 0.999


def test_the_heads_run_on_their_own_threads_and_torch_gets_its_setting_back(monkeypatch):
    import torch

    from counterclaim.nlp import encoder

    monkeypatch.delenv(encoder.HEAD_THREADS_ENV, raising=False)
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        seen = []

        def head(layers, widths):
            seen.append(torch.get_num_threads())
            return (layers[0] * 2,)

        (out,) = encoder.run_head(head, [torch.ones(1, 3, 4)], None, bf16=False)
        assert seen == [encoder.HEAD_THREADS] and torch.get_num_threads() == 2
        assert torch.equal(out, torch.full((1, 3, 4), 2.0))
        monkeypatch.setenv(encoder.HEAD_THREADS_ENV, "0")  # torch's own setting
        encoder.run_head(head, [torch.ones(1, 3, 4)], None, bf16=False)
        assert seen[-1] == 2
    finally:
        torch.set_num_threads(before)
