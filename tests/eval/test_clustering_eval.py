"""The clustering evaluator: metrics on a tiny clustering worked out by hand, the reader, and
the CLI end to end on a small JSONL file (real spaCy pipeline and encoder)."""

import hashlib
import json
from datetime import date

import pytest

from counterclaim.eval.clustering import (
    bcubed_prf,
    lead_date,
    load_documents,
    pairwise_prf,
    stream_order,
)

# Five documents: gold A A A B B, predicted 1 1 2 2 2.
GOLD = ["A", "A", "A", "B", "B"]
PREDICTED = [1, 1, 2, 2, 2]


def test_clustering_eval_pairwise_by_hand():
    # gold pairs: 3 in A + 1 in B = 4; predicted pairs: 1 in cluster 1 + 3 in cluster 2 = 4;
    # both: (0,1) in A and in 1, (3,4) in B and in 2 → 2. P = 2/4, R = 2/4, F1 = 0.5
    assert pairwise_prf(PREDICTED, GOLD).as_dict() == {"p": 0.5, "r": 0.5, "f1": 0.5}


def test_clustering_eval_bcubed_by_hand():
    # per document (precision, recall):
    #   0, 1: predicted {0,1} all in A → P 1;     A has 3, 2 found → R 2/3
    #   2:    predicted {2,3,4}, 1 in A → P 1/3;  1 of A's 3 → R 1/3
    #   3, 4: predicted {2,3,4}, 2 in B → P 2/3;  both of B → R 1
    # P = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15; R = (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15
    assert bcubed_prf(PREDICTED, GOLD).as_dict() == {"p": 0.7333, "r": 0.7333, "f1": 0.7333}


@pytest.mark.parametrize(
    ("predicted", "bcubed", "pairwise"),
    [
        ([1, 1, 1, 1, 1], (0.52, 1.0, 0.6842), (0.4, 1.0, 0.5714)),  # one cluster
        ([1, 2, 3, 4, 5], (1.0, 0.4, 0.5714), (0.0, 0.0, 0.0)),  # all apart: no pairs
        (["x", "x", "x", "y", "y"], (1.0, 1.0, 1.0), (1.0, 1.0, 1.0)),  # perfect
    ],
)
def test_clustering_eval_extremes(predicted, bcubed, pairwise):
    # one cluster: B3 P = (3·3/5 + 2·2/5)/5 = 13/25, R 1; pairs: the 4 gold of 10 predicted
    # all apart: B3 P 1, R = (3·1/3 + 2·1/2)/5 = 2/5; no predicted pairs, so pairwise P is 0
    assert tuple(bcubed_prf(predicted, GOLD).as_dict().values()) == bcubed
    assert tuple(pairwise_prf(predicted, GOLD).as_dict().values()) == pairwise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ellen DeGeneres To Host Oscars\nAUGUST 2, 2013 | 08: 06AM PT\nAnd the next…",
            (2013, 8, 2),
        ),
        ("Sat Nov 12 2011, 01: 19 hrs\nWarship INS Sukanya on Thursday foiled", (2011, 11, 12)),
        ("Chargers arrested\nPosted 2 / 3 / 2009 11: 11 PM\nWilliams was", (2009, 2, 3)),
        ("Climber dead\nLast updated 13: 26 14 / 09 / 2013\nA climber", (2013, 9, 14)),
        ("Climber killed\n8: 05am UK, Monday 16 September 2013\nA climber", (2013, 9, 16)),
        ("Turkmen election\n2013 - 09 - 26\nFor the first", None),  # spaced: not a date
        ("The Indian navy has captured 23 Somalian pirates.\nThe pirates were", None),
        ("Title\nOne\nTwo\nThe fourth line: May 5, 2010", None),  # past the first lines
    ],
)
def test_clustering_eval_lead_date(text, expected):
    assert lead_date(text) == (date(*expected) if expected else None)


def test_clustering_eval_reader_reads_only_text_date_and_label(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [
        {"doc_id": "5_1ecb", "topic": 5, "text": "b", "event_cluster": "x", "date": "2009-02-03"},
        {"doc_id": "5_2ecbplus", "url": "http://x", "text": "a", "event_cluster": "y"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n\n")
    documents = load_documents(path)
    assert [(d.id, d.text, d.gold, d.date) for d in documents] == [
        ("line 1", "b", "x", date(2009, 2, 3)),
        ("line 2", "a", "y", None),
    ]
    # not every document is dated: the order is the texts' sha256, not the file's
    digests = [hashlib.sha256(d.text.encode()).hexdigest() for d in documents]
    assert stream_order(documents) == sorted([0, 1], key=digests.__getitem__)


def test_clustering_eval_stream_order_is_time_order_when_all_are_dated(tmp_path):
    path = tmp_path / "docs.jsonl"
    dates = ["2020-01-03", "2020-01-01", "2020-01-02"]
    path.write_text("".join(json.dumps({"text": d, "cluster": 1, "date": d}) + "\n" for d in dates))
    assert stream_order(load_documents(path)) == [1, 2, 0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "no label"}\n', "line 1: needs `text` and `event_cluster`"),
        ('{"text": "a", "event_cluster": 1}\nnot json\n', "line 2: not JSON"),
        ("", "no documents"),
    ],
)
def test_clustering_eval_cli_bad_file(tmp_path, run_cli, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    result = run_cli("eval", "clustering", "--data", path)
    assert result.exit_code == 1
    assert message in result.stderr


QUAKE = [
    "A magnitude 6.1 earthquake struck northern Chile near Iquique on Tuesday, killing two "
    "people and damaging hundreds of homes, the interior ministry said.",
    "Two people died when a 6.1 magnitude quake hit the Iquique region of Chile on Tuesday; "
    "rescuers searched damaged homes through the night.",
    "Chile's government declared an emergency in Iquique after Tuesday's 6.1 earthquake "
    "killed two and left hundreds of houses damaged.",
]
FINAL = [
    "Real Madrid beat Liverpool 3-1 in the Champions League final in Kyiv on Saturday, with "
    "Gareth Bale scoring twice.",
    "Gareth Bale's two goals gave Real Madrid a 3-1 win over Liverpool in Saturday's Champions "
    "League final in Kyiv.",
    "Liverpool lost the Champions League final 3-1 to Real Madrid in Kyiv as Bale struck twice "
    "on Saturday night.",
]


def test_clustering_eval_cli_on_a_small_file(tmp_path, run_cli):
    path = tmp_path / "two-events.jsonl"
    rows = [{"text": t, "event_cluster": "quake", "topic": "leak"} for t in QUAKE]
    rows += [{"text": t, "event_cluster": "final", "topic": "leak"} for t in FINAL]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    result = run_cli("eval", "clustering", "--data", path, "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert set(figures) >= {"pairwise", "bcubed", "clusters", "docs_per_s"}
    assert figures["clusters"] == {"gold": 2, "predicted": 2}
    assert figures["bcubed"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert figures["pairwise"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert figures["docs_per_s"] > 0
    table = run_cli("eval", "clustering", "--data", path)
    assert "bcubed" in table.stdout and "2 gold clusters, 2 predicted" in table.stdout
