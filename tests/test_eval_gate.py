"""The accuracy gate's judgement: floors, ceilings and how they may move."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "eval_gate", Path(__file__).with_name("eval_gate.py")
)
gate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gate)

BASELINE = {"figures": {"f1": {"floor": 0.7}, "cross_pairs": {"ceiling": 3}}}


@pytest.mark.parametrize(
    ("measured", "failing"),
    [
        ({"f1": 0.7, "cross_pairs": 3}, []),
        ({"f1": 0.6999, "cross_pairs": 0}, ["f1"]),
        ({"f1": 0.9, "cross_pairs": 4}, ["cross_pairs"]),
        ({"cross_pairs": 1}, ["f1"]),  # a figure that was not measured fails
    ],
)
def test_eval_gate_compares_against_floors_and_ceilings(measured, failing):
    lines = gate.compare(BASELINE, measured)
    assert [line.split(":")[0] for line in lines] == failing


def test_eval_gate_update_raises_but_never_lowers_without_the_flag():
    raised = gate.updated(BASELINE, {"f1": 0.81239, "cross_pairs": 1, "new": 0.5012}, lower=False)
    assert raised["figures"] == {
        "f1": {"floor": 0.807},
        "cross_pairs": {"ceiling": 1},
        "new": {"floor": 0.496},
    }
    kept = gate.updated(BASELINE, {"f1": 0.5, "cross_pairs": 9}, lower=False)
    assert kept["figures"] == BASELINE["figures"]
    lowered = gate.updated(BASELINE, {"f1": 0.5012, "cross_pairs": 9}, lower=True)
    assert lowered["figures"] == {"f1": {"floor": 0.496}, "cross_pairs": {"ceiling": 9}}


def test_eval_gate_baseline_pins_every_suite():
    import json

    figures = json.loads(gate.BASELINE.read_text(encoding="utf-8"))["figures"]
    for prefix in ("attribution_", "disputes_", "clustering_"):
        assert any(name.startswith(prefix) for name in figures), prefix


def test_eval_gate_without_data_skips_unless_required(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "nowhere"
    monkeypatch.delenv("COUNTERCLAIM_REQUIRE_EVAL_DATA", raising=False)
    assert gate.main(["--data", str(missing)]) == 0
    assert "skipped" in capsys.readouterr().err
    monkeypatch.setenv("COUNTERCLAIM_REQUIRE_EVAL_DATA", "1")
    assert gate.main(["--data", str(missing)]) == 1
