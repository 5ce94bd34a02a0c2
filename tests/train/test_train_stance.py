"""The stance head's training script, end to end on a tiny FNC-1-like set."""

import json

from counterclaim.eval.fnc1 import read_fnc1
from counterclaim.link.stance import LABELS, StanceModel
from counterclaim.train.stance import body_folds, train


def test_train_stance_folds_split_by_body():
    body_ids = ["1", "1", "2", "3", "3", "3", "4", "5"]
    folds = body_folds(body_ids, 2)
    assert set(folds) == {"1", "2", "3", "4", "5"}  # one fold per body, so never split
    assert sorted(list(folds.values()).count(f) for f in (0, 1)) == [2, 3]


def test_train_stance_writes_a_loadable_head(tmp_path):
    data = tmp_path / "fnc1"
    data.mkdir()
    (data / "train_bodies.csv").write_text(
        "Body ID,articleBody\n"
        '1,"The mayor resigned on Monday. She said she was tired."\n'
        '2,"Officials denied that the mayor resigned. ""She is staying,"" they said."\n'
        '3,"Storms hit the coast overnight, cutting power to 10,000 homes."\n'
        '4,"Reports say the mayor may resign, but nothing is confirmed."\n',
        encoding="utf-8",
    )
    rows = [
        ("Mayor resigns", "1", "agree"),
        ("Mayor resigns", "2", "disagree"),
        ("Mayor resigns", "3", "unrelated"),
        ("Mayor resigns", "4", "discuss"),
        ("Storm cuts power", "3", "agree"),
        ("Storm cuts power", "1", "unrelated"),
    ]
    (data / "train_stances.csv").write_text(
        "Headline,Body ID,Stance\n" + "".join(f"{h},{b},{s}\n" for h, b, s in rows),
        encoding="utf-8",
    )
    bodies, pairs = read_fnc1(data / "train_bodies.csv", data / "train_stances.csv")
    assert len(bodies) == 4 and [LABELS[p.label] for p in pairs] == [s for _, _, s in rows]

    out = tmp_path / "model"
    lines = []
    scores = train(data, out, folds=2, epochs=1, log=lines.append)
    assert len(scores) == 3  # two folds, then pooled
    assert any(line.startswith("pooled over 2 folds") for line in lines)
    assert sum(map(sum, scores[-1].confusion)) == len(rows)  # every pair scored once
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["weights"] == "head.safetensors" and len(manifest["sha256"]) == 64
    model = StanceModel(out)  # verifies the checksum
    (result,) = model.predict([("Mayor resigns", "The mayor quit.")])
    assert result.label in LABELS
