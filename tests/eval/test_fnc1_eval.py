"""The FNC-1 evaluator: the official score and the F1s on a tiny set worked out by hand, and
`eval fnc1` end to end on small CSV files (the real shipped stance model)."""

import csv
import json

import pytest

from counterclaim.eval.fnc1 import fnc_points, fnc_scores
from counterclaim.link.stance import LABELS

AGREE, DISAGREE, DISCUSS, UNRELATED = range(4)
GOLD = [AGREE, DISAGREE, DISCUSS, UNRELATED, UNRELATED, AGREE]
PREDICTED = [AGREE, DISCUSS, UNRELATED, UNRELATED, AGREE, AGREE]


def test_fnc1_eval_score_by_hand():
    # agree→agree 1.0; disagree→discuss 0.25 (related right, label wrong); discuss→unrelated 0;
    # unrelated→unrelated 0.25; unrelated→agree 0; agree→agree 1.0: earned 2.5.
    # best: 4 related x 1.0 + 2 unrelated x 0.25 = 4.5; 2.5 / 4.5 = 55.56 %
    assert fnc_points(GOLD, PREDICTED) == (2.5, 4.5)
    assert fnc_scores(GOLD, PREDICTED).fnc_score == 55.56


def test_fnc1_eval_f1_by_hand():
    # agree: 2 right of 3 predicted, 2 gold → P 2/3, R 1, F1 0.8; disagree and discuss: none
    # right → 0; unrelated: 1 right of 2 predicted, 2 gold → 0.5. Macro: 1.3 / 4 = 0.325
    scores = fnc_scores(GOLD, PREDICTED)
    assert scores.f1 == {"agree": 0.8, "disagree": 0.0, "discuss": 0.0, "unrelated": 0.5}
    assert scores.macro_f1 == 0.325
    assert scores.confusion[DISAGREE] == [0, 0, 1, 0]  # rows gold, columns predicted
    assert scores.confusion[UNRELATED] == [1, 0, 0, 1]


@pytest.mark.parametrize(
    ("predicted", "score"),
    [
        (GOLD, 100.0),
        ([UNRELATED] * 6, 11.11),  # all unrelated: only the two unrelated pairs, 0.5 / 4.5
        ([DISCUSS] * 6, 38.89),  # all discuss: 4 x 0.25 + 0.75 for the discuss pair = 1.75 / 4.5
    ],
)
def test_fnc1_eval_score_extremes(predicted, score):
    assert fnc_scores(GOLD, predicted).fnc_score == score


BODIES = {
    "7": (
        "A magnitude 6.1 earthquake struck central Italy early on Wednesday, flattening "
        "houses in several mountain villages. Rescue teams are searching the rubble for "
        "survivors, and officials said at least 120 people were killed."
    ),
    "9": (
        "The chocolate company announced a new factory in Belgium. The plant will make 40,000 "
        "tonnes of pralines a year and employ 300 people from next spring."
    ),
}
STANCES = [
    ("Earthquake kills over 100 in central Italy", "7", "agree"),
    ("Chocolate maker opens a new Belgian plant", "9", "agree"),
    ("Earthquake kills over 100 in central Italy", "9", "unrelated"),
    ("Chocolate maker opens a new Belgian plant", "7", "unrelated"),
]


def write_fnc1(folder, bodies, stances):
    with (folder / "bodies.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Body ID", "articleBody"])
        writer.writerows(bodies.items())
    with (folder / "stances.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"])
        writer.writerows(stances)
    return folder / "bodies.csv", folder / "stances.csv"


def test_fnc1_eval_cli_on_small_files(tmp_path, run_cli):
    bodies, stances = write_fnc1(tmp_path, BODIES, STANCES)
    result = run_cli("eval", "fnc1", "--bodies", bodies, "--stances", stances, "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert set(figures) >= {"fnc_score", "macro_f1", "f1", "pairs_per_s", "confusion"}
    assert set(figures["f1"]) == set(LABELS)
    assert figures["pairs"] == 4 and figures["pairs_per_s"] > 0
    confusion = figures["confusion"]["rows_gold_columns_predicted"]
    assert sum(map(sum, confusion)) == 4
    # the off-topic pairs are told apart from the on-topic ones
    assert confusion[UNRELATED][UNRELATED] == 2
    assert figures["f1"]["unrelated"] == 1.0

    text = run_cli("eval", "fnc1", "--bodies", bodies, "--stances", stances)
    assert text.exit_code == 0
    assert "FNC-1 score" in text.output and "disagree" in text.output


def test_fnc1_eval_cli_unknown_body(tmp_path, run_cli):
    bodies, stances = write_fnc1(tmp_path, BODIES, [("Some headline", "12", "agree")])
    result = run_cli("eval", "fnc1", "--bodies", bodies, "--stances", stances)
    assert result.exit_code != 0
    assert "Body ID 12" in result.output
