"""Every file a model is loaded from is checked against a sha256 pinned in the code (issue 17
item 15): a shipped head's weights with a manifest that matches them (a swapped pair) and the
encoder's config and tokenizer are refused when they are not the shipped ones."""

from __future__ import annotations

import json
import shutil

import pytest
from safetensors.torch import load_file, save_file

from counterclaim.nlp import attribution, encoder, techniques
from counterclaim.nlp.encoder import Encoder, EncoderError, model_dir, sha256_of

HEADS = [
    ("attribution", attribution.AttributionTagger),
    ("techniques", techniques.TechniqueTagger),
]


@pytest.fixture
def shipped_copy(tmp_path, monkeypatch):
    """The shipped models folder copied, and taken for the shipped one."""
    target = tmp_path / "models"
    shutil.copytree(encoder.SHIPPED_MODELS, target)
    monkeypatch.setattr(encoder, "SHIPPED_MODELS", target)
    return target


def swap_in_other_weights(directory):
    """Weights changed, and the manifest's sha256 changed to match them: the pair is
    consistent, so only a pin in the code can tell it from the shipped one."""
    manifest_path = directory / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    weights = directory / manifest["weights"]
    tensors = load_file(str(weights))
    name = sorted(tensors)[0]
    tensors[name] = tensors[name] * 0.5
    save_file(tensors, str(weights))
    manifest["sha256"] = sha256_of(weights)
    manifest_path.write_text(json.dumps(manifest))


@pytest.mark.parametrize(("name", "load"), HEADS, ids=[n for n, _ in HEADS])
def test_model_checksums_shipped_head_loads(shipped_copy, name, load):
    load(shipped_copy / name)


@pytest.mark.parametrize(("name", "load"), HEADS, ids=[n for n, _ in HEADS])
def test_model_checksums_swapped_pair_refused(shipped_copy, name, load):
    swap_in_other_weights(shipped_copy / name)
    with pytest.raises(EncoderError, match="pinned"):
        load(shipped_copy / name)


def test_model_checksums_stance_swapped_pair_refused(shipped_copy):
    from counterclaim.link.stance import StanceModel

    swap_in_other_weights(shipped_copy / "stance")
    with pytest.raises(EncoderError, match="pinned"):
        StanceModel(shipped_copy / "stance")


def test_model_checksums_pins_cover_every_shipped_file():
    for directory in encoder.SHIPPED_MODELS.iterdir():
        if directory.is_dir():
            files = {p.name for p in directory.iterdir() if p.is_file()}
            assert set(encoder.HEAD_SHA256[directory.name]) == files


@pytest.mark.parametrize("name", ["config.json", "tokenizer.json"])
def test_model_checksums_encoder_files_checked(tmp_path, name):
    for file in ("config.json", "tokenizer.json", "model.safetensors"):
        shutil.copy(model_dir() / file, tmp_path / file)
    changed = tmp_path / name
    changed.write_text(changed.read_text().replace("}", " }", 1))
    with pytest.raises(EncoderError, match=f"{name}: sha256"):
        Encoder(tmp_path)
