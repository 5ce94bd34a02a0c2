"""The PTC metric (worked out by hand) and `counterclaim eval ptc` on a tiny folder."""

import json
import subprocess
import sys

import pytest

from counterclaim.eval.ptc import (
    in_split,
    load_articles,
    match_labels,
    merge_spans,
    si_prf,
    split_bucket,
    tc_scores,
)
from counterclaim.nlp.techniques import TECHNIQUES


def test_ptc_merge_joins_overlaps_but_not_neighbours():
    assert merge_spans([(5, 15), (0, 10), (20, 30), (30, 31)]) == [(0, 15), (20, 30), (30, 31)]


def test_ptc_si_partial_overlap_by_hand():
    gold = {"a": [(0, 10), (5, 15), (20, 30)], "b": [(0, 4)]}
    predicted = {"a": [(0, 5), (10, 25)], "c": [(0, 2)]}
    # gold merged: a (0,15) (20,30), b (0,4): 3 spans; predicted: 3 spans.
    # a: (0,5)x(0,15) adds 5/5 to P and 5/15 to R; (10,25)x(0,15) adds 5/15 and 5/15;
    # (10,25)x(20,30) adds 5/15 and 5/10. P = (5/3)/3 = 5/9, R = (7/6)/3 = 7/18,
    # F1 = 2PR/(P+R) = 70/153.
    figures = si_prf(predicted, gold)
    assert (figures.p, figures.r, figures.f1) == (0.5556, 0.3889, round(70 / 153, 4))


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [({}, {}, 1.0), ({"a": [(0, 3)]}, {}, 0.0), ({}, {"a": [(0, 3)]}, 0.0)],
)
def test_ptc_si_empty_sides(predicted, gold, expected):
    assert si_prf(predicted, gold).f1 == expected


def test_ptc_tc_micro_and_per_class_by_hand():
    scores = tc_scores([("A", "A"), ("A", "B"), ("B", "B"), ("C", "A")])
    # A: 1 right of 2 predicted, 2 gold -> F1 .5; B: 1 of 2 predicted, 1 gold -> 2/3; C: 0
    assert scores == {"micro_f1": 0.5, "per_class": {"A": 0.5, "B": 0.6667, "C": 0.0}}


def test_ptc_labels_of_one_span_pair_identical_first():
    assert match_labels(["A", "B"], ["B", "C"]) == [("B", "B"), ("A", "C")]


def test_ptc_split_is_a_fixed_fifth():
    ids = [str(111111111 + i) for i in range(1000)]
    held_out = [i for i in ids if in_split(i, "heldout")]
    assert 150 < len(held_out) < 250
    assert all(split_bucket(i) == 0 and not in_split(i, "train") for i in held_out)


@pytest.fixture
def tiny_ptc(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    first = (
        "Takfiri terrorists attack again\n\nThe Takfiri terrorists are flirting with disaster, "
        "a ridiculous plan that means the complete destruction of all such 'coincidences'.\n"
    )
    second = "Quiet day\n\nThe council met on Tuesday and approved the budget.\n"
    (articles / "article1.txt").write_text(first, "utf-8")
    (articles / "article2.txt").write_text(second, "utf-8")
    start = first.index("Takfiri terrorists are")
    ridiculous = first.index("ridiculous")
    labels = tmp_path / "labels.txt"
    labels.write_text(
        f"1\tName_Calling,Labeling\t{start}\t{start + 18}\n"
        f"1\tLoaded_Language\t{ridiculous}\t{ridiculous + 10}\n"
        f"1\tExaggeration,Minimisation\t{ridiculous}\t{ridiculous + 10}\n",
        "utf-8",
    )
    return articles, labels


def test_ptc_eval_cli_on_a_tiny_folder(tiny_ptc):
    articles, labels = tiny_ptc
    result = subprocess.run(
        [sys.executable, "-m", "counterclaim", "eval", "ptc", "--articles", str(articles),
         "--labels", str(labels), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(result.stdout)
    assert figures["articles"] == 2
    assert figures["gold_spans"] == 3
    assert set(figures["si"]) == {"p", "r", "f1"}
    assert all(0.0 <= value <= 1.0 for value in figures["si"].values())
    # the shipped tagger marks the loaded first article (its span overlaps the gold ones)
    assert figures["predicted_spans"] >= 1 and figures["si"]["r"] > 0.5
    assert set(figures["tc"]) == {"micro_f1", "per_class"}
    assert set(figures["tc"]["per_class"]) <= set(TECHNIQUES)
    # given the gold span `ridiculous`, it ranks loaded language first
    assert figures["tc"]["per_class"]["Loaded_Language"] == 1.0
    assert figures["articles_per_s"] > 0


def test_ptc_loads_only_the_asked_split(tiny_ptc):
    articles, labels = tiny_ptc
    loaded = load_articles(articles, labels)
    assert [a.id for a in loaded] == ["1", "2"]
    assert len(loaded[0].labels) == 3
    with pytest.raises(FileNotFoundError):
        load_articles(articles / "missing", labels)
