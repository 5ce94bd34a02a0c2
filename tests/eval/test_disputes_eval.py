"""`counterclaim eval disputes` scores exactly as the reference scorer does."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from counterclaim.eval.disputes import evaluate, export_document, format_lines, load_gold, score
from counterclaim.store.db import connect

SEEDS = Path(__file__).resolve().parents[2] / "counterclaim" / "data" / "sample" / "seeds"
REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score_disputes.py"

ACCUSATION = (
    "the main obstacle to completing the defeat of Islamic State (Daesh) in Syria is not the "
    "military capability of the terrorists but the support for them, and flirtation with them, "
    "by the United States."
)
DENIAL = "any claims to the contrary are ridiculous"  # the first paragraph's rendering


def _case_file(seed: Path, title: str, published: str, url: str) -> str:
    """A seed article in the disputes-set layout: `# Title`, `Published:`, body, `---`, URL."""
    lines = [line for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
    body = [line for line in lines if not line.startswith(("#", "---", "**", "http"))]
    return f"# {title}\n\nPublished: {published}\n\n" + "\n\n".join(body) + f"\n---\n{url}\n"


@pytest.fixture(scope="module")
def seed_set(tmp_path_factory) -> Path:
    """A one-case disputes set made of the two seed articles, annotated by hand."""
    root = tmp_path_factory.mktemp("disputes-set")
    case = root / "cases" / "01-seeds"
    case.mkdir(parents=True)
    accuse, deny = sorted(SEEDS.glob("*.txt"))
    (case / "rhc-accuses.md").write_text(
        _case_file(accuse, "Russia accuses the US", "2017-10-05", "https://example.org/a"),
        encoding="utf-8",
    )
    (case / "sputnik-ridiculous.md").write_text(
        _case_file(deny, "Pentagon calls it ridiculous", "2017-10-07", "https://example.org/b"),
        encoding="utf-8",
    )
    claims = [
        {
            "role": "accusation",
            "speaker": "Major General Igor Konashenkov",
            "canonical": "Igor Konashenkov",
            "file": "rhc-accuses.md",
            "quote": ACCUSATION,
        },
        {
            "role": "denial",
            "speaker": "a Pentagon spokesperson",
            "canonical": "Pentagon",
            "file": "sputnik-ridiculous.md",
            "quote": DENIAL,
        },
    ]
    gold = {
        "cases": [
            {
                "id": "01-seeds",
                "summary": "the seeds",
                "files": ["rhc-accuses.md", "sputnik-ridiculous.md"],
                "articles": [],
                "claims": claims,
                "disputes": [
                    {
                        "from_file": "sputnik-ridiculous.md",
                        "from_speaker": "Pentagon",
                        "from_quote": DENIAL,
                        "to_file": "rhc-accuses.md",
                        "to_speaker": "Igor Konashenkov",
                        "to_quote": ACCUSATION,
                    }
                ],
                "same_entity": [
                    ["Daesh", "ISIS", "Islamic State"],
                    ["Dayr al-Zawr", "Deir ez-Zor"],
                ],
            }
        ]
    }
    (root / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return root


def _reference_figures(export: Path, data: Path) -> list[str]:
    if not REFERENCE.is_file():
        pytest.skip(f"the reference scorer {REFERENCE} is not beside the clone")
    run = subprocess.run(
        [sys.executable, str(REFERENCE), str(export), str(data / "gold.json"), str(data / "cases")],
        capture_output=True,
        text=True,
        check=False,
    )
    return _figures(run.stdout.splitlines())


def _figures(lines: list[str]) -> list[str]:
    """Every number of the measure lines, in order (the reference prints bars beside them)."""
    wanted = ("stories:", "claims:", "disputes:", "dispute precision", "entities:")
    numbers = []
    for line in lines:
        if line.startswith(wanted):
            line = re.sub(r"\(bar [0-9.]+\)|, bar [0-9.]+|bar [0-9.]+", "", line)
            numbers.append(re.findall(r"\d+(?:\.\d+)?", line))
    return [n for group in numbers for n in group]


def test_disputes_eval_agrees_with_the_reference_on_a_pipeline_run(seed_set, tmp_path):
    db = tmp_path / "eval.db"
    result = evaluate(load_gold(seed_set), db)
    export = tmp_path / "export.json"
    conn = connect(db)
    export.write_text(json.dumps(export_document(conn)), encoding="utf-8")
    conn.close()
    ours = _figures(list(format_lines(result)))
    assert ours == _reference_figures(export, seed_set)
    # and what the seeds must give: both articles found, the accusation with its speaker, the
    # Pentagon's denial linked to it
    overall = result["overall"]
    assert result["articles"]["mapped"] == 2
    assert overall["claims"]["right_speaker"] == 2
    assert overall["disputes"]["strict"] == 1
    assert overall["stories"]["within_case_recall"] == 1.0


def _statement(sid: str, article: str, span: tuple[int, int], speaker: str) -> dict:
    return {
        "id": sid,
        "article_id": article,
        "content": {"span": list(span)},
        "speaker": {"text": speaker, "entity_id": None},
    }


def test_disputes_eval_agrees_with_the_reference_on_edge_cases(seed_set, tmp_path):
    """A hand-made export: a wrong speaker, a reversed link, a link between unannotated
    statements, a partly joined spelling group, two cases' articles in one story."""
    gold = load_gold(seed_set)
    texts = {}
    for name in ("rhc-accuses.md", "sputnik-ridiculous.md"):
        raw = (seed_set / "cases" / "01-seeds" / name).read_text(encoding="utf-8")
        texts[name] = raw.split("\n\n", 2)[2].rsplit("\n---\n", 1)[0]
    a, b = texts["rhc-accuses.md"], texts["sputnik-ridiculous.md"]
    accusation_at, denial_at = a.index(ACCUSATION), b.index(DENIAL)
    export = {
        "articles": [
            {"id": "A", "url": "https://example.org/a", "text": a},
            {"id": "B", "url": "https://example.org/b", "text": b},
            {"id": "C", "url": "https://example.org/c", "text": "Another case entirely."},
        ],
        "statements": [
            _statement("s1", "A", (accusation_at, accusation_at + len(ACCUSATION)), "he"),
            _statement("s2", "B", (denial_at - 3, denial_at + len(DENIAL) // 2), "Pentagon"),
            _statement("s3", "A", (0, 20), "Konashenkov"),
        ],
        "stories": [{"id": "x", "article_ids": ["A", "B", "C"]}],
        "links": [
            {"from": "s1", "to": "s2", "relation": "disputes"},
            {"from": "s3", "to": "s2", "relation": "disputes"},
            {"from": "s3", "to": "s1", "relation": "supports"},
        ],
        "entities": [
            {"id": "e1", "name": "Daesh", "aliases": ["ISIS"], "mentions": []},
            {"id": "e2", "name": "Islamic State", "mentions": [{"surface": "Dayr al-Zawr"}]},
            {"id": "e3", "name": "Deir ez-Zor", "mentions": [{"surface": "Dayr al-Zawr"}]},
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    result = score(export, gold)
    assert _figures(list(format_lines(result))) == _reference_figures(path, seed_set)
    assert result["overall"]["claims"]["right_speaker"] == 1  # "he" is not Konashenkov
    assert result["overall"]["disputes"]["strict"] == 1  # a reversed link counts
    assert result["overall"]["entities"] == {
        "groups": 2,
        "joined": 1,
        "joined_share": 0.5,
        "split": [["Daesh", "ISIS", "Islamic State"]],
    }


def test_disputes_eval_names_a_file_the_reference_maps_to_another_files_article(seed_set, tmp_path):
    """Files without a `<URL>` line are mapped by their opening line; when another article
    holds that line too the reference takes the first: we agree with it, warn, and give the
    figures with each file mapped to the article ingested from it."""
    gold = load_gold(seed_set)
    case = seed_set / "cases" / "01-seeds"
    texts = {}
    for name in ("rhc-accuses.md", "sputnik-ridiculous.md"):
        raw = (case / name).read_text(encoding="utf-8")
        texts[name] = raw.split("\n\n", 2)[2].rsplit("\n---\n", 1)[0]
    a, b = texts["rhc-accuses.md"], texts["sputnik-ridiculous.md"]
    a += "\n\n" + b.split("\n")[0]  # A quotes B's opening line
    denial_at = b.index(DENIAL)
    export = {
        "articles": [
            {
                "id": "A",
                "url": "https://example.org/a",
                "text": a,
                "input": {"source": f"{case}/rhc-accuses.md"},
            },
            {
                "id": "B",
                "url": "https://example.org/b",
                "text": b,
                "input": {"source": f"{case}/sputnik-ridiculous.md"},
            },
        ],
        "statements": [
            _statement("s2", "B", (denial_at, denial_at + len(DENIAL)), "Pentagon"),
        ],
        "stories": [{"id": "x", "article_ids": ["A"]}, {"id": "y", "article_ids": ["B"]}],
        "links": [],
        "entities": [],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    result = score(export, gold)
    lines = list(format_lines(result))
    assert _figures(lines) == _reference_figures(path, seed_set)
    assert result["articles"]["conflicts"] == [
        {"file": "01-seeds/sputnik-ridiculous.md", "mapped_to": "01-seeds/rhc-accuses.md"}
    ]
    assert any(line.startswith("warning: the reference maps 01-seeds/sputnik") for line in lines)
    # the reference looks for the denial in A and misses it; mapped by source it is found
    assert result["overall"]["claims"]["right_speaker"] == 0
    assert result["by_source"]["overall"]["claims"]["right_speaker"] == 1
    assert result["by_source"]["overall"]["stories"]["within_case_recall"] == 0.0


def test_disputes_eval_cli_names_a_folder_that_is_not_a_disputes_set(run_cli, tmp_path):
    result = run_cli("eval", "disputes", "--data", tmp_path)
    assert result.exit_code == 1
    assert "gold.json" in result.output and str(tmp_path) in result.output
