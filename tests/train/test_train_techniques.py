"""The technique head's training script, end to end on a tiny PTC-like folder."""

import json

from counterclaim.nlp.techniques import TECHNIQUES, TechniqueTagger
from counterclaim.train.techniques import span_tags, token_range, train

TEXT = "Warmongers again\n\nThe warmongers want a ridiculous war that brings total ruin.\n"


def test_train_techniques_span_tags_merge_overlaps():
    starts, ends = [0, 4, 11, 14, 20], [3, 10, 13, 19, 24]
    assert token_range(starts, ends, 4, 13) == (1, 3)
    # (4, 13) and (11, 19) overlap: one span, B then I; (20, 24) is its own
    assert span_tags(starts, ends, [(4, 13), (11, 19), (20, 24)]) == [0, 1, 2, 2, 1]


def test_train_techniques_writes_a_loadable_head(tmp_path):
    data = tmp_path / "ptc"
    (data / "train-articles").mkdir(parents=True)
    labels = []
    # article ids 1 (held out: never read), 2 (tuning), 3 and 4 (training)
    for article_id in (1, 2, 3, 4):
        (data / "train-articles" / f"article{article_id}.txt").write_text(TEXT, "utf-8")
        start = TEXT.index("warmongers")
        ridiculous = TEXT.index("ridiculous")
        labels.append(f"{article_id}\tName_Calling,Labeling\t{start}\t{start + 10}")
        labels.append(f"{article_id}\tLoaded_Language\t{ridiculous}\t{ridiculous + 10}")
    (data / "train-task-flc-tc.labels").write_text("\n".join(labels) + "\n", "utf-8")
    out = tmp_path / "model"
    # enough steps for the head to learn its two training articles
    train(data, out, tmp_path / "cache", epochs=30, lr=2e-2, log=lambda message: None)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["weights"] == "head.safetensors" and len(manifest["sha256"]) == 64
    assert "% 5 == 0" in manifest["heldout"]["rule"]
    tagger = TechniqueTagger(out)  # verifies the checksum
    # the saved weights give back what the head learnt: the two labelled spans, each with
    # its technique (and not the title's `Warmongers`, which is not labelled)
    found = [(f.technique, TEXT[f.start : f.end]) for f in tagger.find(TEXT)]
    assert found == [("Name_Calling,Labeling", "warmongers"), ("Loaded_Language", "ridiculous")]
    (ranked,) = tagger.rank(TEXT, [(TEXT.index("ridiculous"), TEXT.index(" war"))])
    assert sorted(ranked) == sorted(TECHNIQUES)
    assert ranked[0] == "Loaded_Language"
