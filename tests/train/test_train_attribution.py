"""The attribution head's training script, end to end on a tiny brat corpus."""

import json

from counterclaim.nlp.attribution import AttributionTagger
from counterclaim.train.attribution import bio_tags, train, training_windows

TEXT = '"We tried," Kim told reporters on Monday. Lee said the plan failed.\n'
ANN = (
    'T1\tContent 0 10\t"We tried,"\n'
    "T2\tSource 12 15\tKim\n"
    "T3\tCue 16 20\ttold\n"
    "T4\tSource 42 45\tLee\n"
    "T5\tCue 46 50\tsaid\n"
    "T6\tContent 51 66\tthe plan failed\n"
)


def test_train_attribution_bio_tags():
    offsets = [(0, 3), (4, 8), (9, 13), (14, 20)]  # Lee said the plan  (made up)
    tags = bio_tags(offsets, {"source": [(0, 3)], "cue": [(4, 8)], "content": [(9, 20)]})
    assert tags == [3, 1, 5, 6]  # B-SOURCE, B-CUE, B-CONTENT, I-CONTENT


def test_train_attribution_windows_cover_every_wordpiece():
    windows = training_windows([10, 600])
    assert windows == [(0, 0, 10), (1, 0, 254), (1, 254, 508), (1, 508, 600)]


def test_train_attribution_writes_a_loadable_head(tmp_path):
    data = tmp_path / "polnear"
    for folder in ("train/text", "train/attributions"):
        (data / folder).mkdir(parents=True)
    (data / "train/text/doc_1.txt").write_text(TEXT)
    (data / "train/attributions/doc_1_aaaa.ann").write_text(ANN)
    out = tmp_path / "model"
    # enough steps (one window, one LSTM layer) for the head to learn its one document
    train(data, out, epochs=30, lr=2e-2, lstm_layers=1, log=lambda message: None)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["weights"] == "head.safetensors" and len(manifest["sha256"]) == 64
    tagger = AttributionTagger(out)  # verifies the checksum
    found = {(role, TEXT[s:e]) for role, s, e in tagger.spans(TEXT)}
    # the saved weights give back what the head learnt: the training document's annotations
    assert {("SOURCE", "Kim"), ("CUE", "told"), ("SOURCE", "Lee"), ("CUE", "said")} <= found
    assert ("CONTENT", "the plan failed") in found
