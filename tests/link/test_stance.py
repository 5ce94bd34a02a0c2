"""The shipped stance model: checksum verified, and its behaviour on short pairs."""

import json
import shutil

import pytest

from counterclaim.link.stance import (
    LABELS,
    StanceModel,
    load_stance_model,
    model_dir,
    split_sentences,
)
from counterclaim.nlp.encoder import EncoderError


def test_stance_refuses_tampered_weights(tmp_path):
    shutil.copytree(model_dir(), tmp_path / "model")
    weights = tmp_path / "model" / "head.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0x01
    weights.write_bytes(bytes(data))
    with pytest.raises(EncoderError, match="sha256"):
        StanceModel(tmp_path / "model")


def test_stance_manifest_names_its_training_data():
    manifest = json.loads((model_dir() / "manifest.json").read_text())
    assert "FNC-1" in manifest["trained_on"]
    assert (model_dir() / manifest["weights"]).stat().st_size < 5_000_000


def test_stance_split_sentences_keeps_every_word():
    text = "He said yes. Then it rained!\nA new line? " + "Word " * 130
    sentences = split_sentences(text)
    assert sentences[:3] == ["He said yes.", "Then it rained!", "A new line?"]
    assert sentences[3:] == [" ".join(["Word"] * 60)] * 2 + [" ".join(["Word"] * 10)]
    assert all(len(s.split()) <= 60 for s in sentences)
    assert sum(len(s.split()) for s in sentences) == len(text.split())


def test_stance_probabilities_are_a_distribution():
    results = load_stance_model().predict([("A claim.", "A text."), ("A claim.", "Other text.")])
    assert len(results) == 2
    for result in results:
        assert set(result.probs) == set(LABELS)
        assert abs(sum(result.probs.values()) - 1) < 1e-3
        assert result.label == max(result.probs, key=result.probs.get)
    assert load_stance_model().predict([]) == []


@pytest.mark.parametrize(
    ("claim", "text", "expected"),
    [
        # off-topic statements
        ("Apple releases a new iPhone", "Heavy rain flooded villages in Bangladesh.", "unrelated"),
        (
            "Earthquake kills over 100 in central Italy",
            "The chocolate company announced a new factory in Belgium.",
            "unrelated",
        ),
        # a denial of the claim's event
        (
            "ISIS leader killed in air strike",
            "Officials denied reports that the ISIS leader was killed. He is alive, they said.",
            "disagree",
        ),
        # a report that takes no side
        (
            "ISIS leader killed in air strike",
            "Reports that the ISIS leader may have been killed in an air strike could not be "
            "verified.",
            "discuss",
        ),
    ],
)
def test_stance_short_pairs(claim, text, expected):
    (result,) = load_stance_model().predict([(claim, text)])
    assert result.label == expected, result.probs


def test_stance_a_denial_does_not_agree_with_the_accusation():
    (result,) = load_stance_model().predict(
        [("The Pentagon denied complicity with Daesh", "The US is flirting with Daesh")]
    )
    assert result.label != "agree", result.probs
    assert result.label != "unrelated", result.probs


def test_stance_reads_each_distinct_text_once():
    claim, other = "ISIS leader killed in air strike", "Apple releases a new iPhone"
    text = "The ISIS leader was killed in an air strike on Tuesday, officials confirmed."
    together = load_stance_model().predict([(claim, text), (other, text), (claim, text)])
    alone = load_stance_model().predict([(claim, text)])
    assert together[0] == together[2]
    assert together[0].label == alone[0].label
    assert together[1].label == "unrelated" and together[0].label != "unrelated"
