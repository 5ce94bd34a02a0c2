"""Every shipped head refuses weights that do not match its manifest's sha256."""

import json
import shutil

import pytest

from counterclaim.nlp import attribution, techniques
from counterclaim.nlp.encoder import EncoderError


@pytest.mark.parametrize(
    ("load", "model_dir"),
    [
        (attribution.AttributionTagger, attribution.model_dir),
        (techniques.TechniqueTagger, techniques.model_dir),
    ],
)
def test_heads_refuse_changed_weights(tmp_path, load, model_dir):
    shutil.copytree(model_dir(), tmp_path / "model")
    manifest = tmp_path / "model" / "manifest.json"
    data = json.loads(manifest.read_text())
    data["sha256"] = "0" * 64
    manifest.write_text(json.dumps(data))
    with pytest.raises(EncoderError, match="sha256"):
        load(tmp_path / "model")
