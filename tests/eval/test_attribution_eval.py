"""The attribution evaluator on a tiny hand-made gold set, figures worked out by hand."""

import json

import pytest

from counterclaim.eval.attribution import evaluate, load_gold, parse_brat, predicted_spans
from counterclaim.eval.metrics import exact_prf, overlap_prf, trim_span
from counterclaim.model import CharSpan, Provenance, Speaker, Statement

TEXT = 'Lee said the plan failed. "We tried," Kim told reporters.\n'
#       0   4    9                  26 27    34    38  42
# Gold: source Lee [0,3), cue said [4,8), content "the plan failed" [9,24)
#       content "We tried," [26,36) (quotes included), cue "told" [42,46), source Kim [38,41)
ANN = (
    "T1\tSource 0 3\tLee\n"
    "T2\tCue 4 8\tsaid\n"
    "T3\tContent 9 24\tthe plan failed\n"
    "T4\tAttribution 4 8\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    'T5\tContent 26 36\t"We tried,"\n'
    "T6\tSource 38 41\tKim\n"
    "T7\tCue 42 46;47 56\ttold reporters\n"
    "#1\tAnnotatorNotes T7\ta note\n"
)


def _statement(cue, content, speaker=None):
    return Statement(
        id=f"{cue}-{content}",
        article_id="a",
        speaker=Speaker(CharSpan(*speaker), "x") if speaker else None,
        cue=CharSpan(*cue),
        cue_lemma="say",
        content=CharSpan(*content),
        kind="indirect",
        act="assert",
        provenance=Provenance("test"),
    )


@pytest.fixture
def gold_dir(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc_1.txt").write_text(TEXT)
    (tmp_path / "attributions" / "doc_1_aaaa.ann").write_text(ANN)
    # a second annotator of the same article is ignored (alphabetically later)
    (tmp_path / "attributions" / "doc_1_bbbb.ann").write_text("T1\tCue 0 3\tLee\n")
    return tmp_path


def test_attribution_eval_parse_brat_fragments():
    spans = parse_brat(ANN)
    assert spans == {
        "source": [(0, 3), (38, 41)],
        "cue": [(4, 8), (42, 46), (47, 56)],
        "content": [(9, 24), (26, 36)],
    }


def test_attribution_eval_trim():
    assert trim_span(TEXT, 26, 36) == (27, 35)  # "We tried,"  → We tried
    assert trim_span("He said: yes", 7, 9) == (7, 8)  # a colon cue keeps its colon


def test_attribution_eval_figures_by_hand(gold_dir):
    documents = load_gold(gold_dir)
    assert len(documents) == 1 and documents[0].spans["cue"] == [(4, 8), (42, 46), (47, 56)]
    # predictions: cue `said` right, cue `told` right (the gold's second fragment missed);
    # content `the plan failed.` (trailing stop trimmed: right), `We tried` (right after
    # trimming); one wrong source (`Lee said`), one right (`Kim`).
    predictions = [
        [
            _statement((4, 8), (9, 25), speaker=(0, 8)),
            _statement((42, 46), (27, 35), speaker=(38, 41)),
        ]
    ]
    result = evaluate(documents, lambda texts: predictions)
    # cue: 2 predicted, 3 gold fragments, 2 right → P 1, R 2/3, F1 0.8
    assert result["cue"]["exact"] == {"p": 1.0, "r": 0.6667, "f1": 0.8}
    # source: 2 predicted, 2 gold, 1 right → 0.5 / 0.5 / 0.5
    assert result["source"]["exact"] == {"p": 0.5, "r": 0.5, "f1": 0.5}
    assert result["content"]["exact"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    # source tokens: predicted {Lee, said, Kim}, gold {Lee, Kim} → P 2/3, R 1, F1 0.8
    assert result["source"]["overlap"] == {"p": 0.6667, "r": 1.0, "f1": 0.8}
    # cue tokens: predicted {said, told}, gold {said, told, reporters} → P 1, R 2/3
    assert result["cue"]["overlap"] == {"p": 1.0, "r": 0.6667, "f1": 0.8}
    assert result["statements"] == 2


def test_attribution_eval_quote_pieces_join_again():
    text = '"One. Two," he said.'
    pieces = [_statement((14, 18), (1, 5)), _statement((14, 18), (6, 9))]
    assert predicted_spans(pieces, text)["content"] == [(1, 9)]


def test_attribution_eval_empty_prediction():
    texts = {"d": "abc def"}
    assert exact_prf([], [("d", 0, 3)], texts).as_dict() == {"p": 0.0, "r": 0.0, "f1": 0.0}
    assert overlap_prf([("d", 0, 7)], [("d", 0, 3)], texts).as_dict() == {
        "p": 0.5,
        "r": 1.0,
        "f1": 0.6667,
    }


def test_attribution_eval_cli_json(run_cli, gold_dir):
    result = run_cli("eval", "attribution", "--data", gold_dir, "--json")
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    assert set(figures) >= {"cue", "source", "content", "docs_per_s"}
    assert set(figures["cue"]) == {"exact", "overlap"}
    assert set(figures["cue"]["exact"]) == {"p", "r", "f1"}
    # the real pipeline finds Lee/said and Kim/told in this text
    assert figures["cue"]["exact"]["p"] == 1.0


def test_attribution_eval_missing_data(run_cli, tmp_path):
    result = run_cli("eval", "attribution", "--data", tmp_path)
    assert result.exit_code == 1 and "no text/*.txt" in result.stderr


def test_attribution_eval_a_content_around_its_cue_is_scored_beside_it():
    # we show `denied complicity with Daesh` whole; PolNeAR marks the content after the cue
    text = "Iran denied complicity with Daesh."
    statement = _statement((5, 11), (5, 33))
    assert predicted_spans([statement], text)["content"] == [(12, 33)]
    # a passive subject before the cue and the complement after it: two fragments
    text = "The blast was described as sabotage by the allies."
    statement = _statement((10, 26), (0, 35))
    assert predicted_spans([statement], text)["content"] == [(0, 9), (27, 35)]
