"""Every command of the README's command list, run on the analysed seeds in its plain and
`--json` forms, with assertions on what it prints (issue 17: `statements` crashed in its plain
form on every store while its `--json` form worked, and no test ran the plain form)."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from conftest import REPO, SEEDS

FIRST_SEED = "795bbfcb81aabb469823"  # the seeds' first article (its id is its URL and text)


@pytest.fixture
def store(analysed_seeds, tmp_path) -> Path:
    """A private copy of the analysed seeds (some commands below correct the store)."""
    path = tmp_path / "seeds.db"
    with sqlite3.connect(analysed_seeds) as source, sqlite3.connect(path) as target:
        source.backup(target)
    return path


def readme_commands() -> list[str]:
    """The command names of the README's command list (`counterclaim NAME ...` lines)."""
    text = (REPO / "README.md").read_text()
    block = text.split("## The command line", 1)[1].split("```", 2)[1]
    return sorted({m for m in re.findall(r"^counterclaim (\w+)", block, re.M)})


def test_readme_commands_are_all_covered_here():
    # a command added to the README without a test here fails this test
    assert readme_commands() == sorted(
        [
            "analyze",
            "demo",
            "entities",
            "eval",
            "export",
            "ingest",
            "links",
            "run",
            "schema",
            "search",
            "serve",
            "statements",
            "stats",
            "stories",
        ]
    )


def plain_and_json(run_cli, *args):
    plain = run_cli(*args)
    as_json = run_cli(*args, "--json")
    assert plain.exit_code == 0, plain.output
    assert as_json.exit_code == 0, as_json.output
    return plain.stdout, json.loads(as_json.stdout)


def test_readme_statements_by_id(run_cli, store):
    plain, data = plain_and_json(run_cli, "statements", FIRST_SEED[:8], "--db", store)
    assert "Konashenkov" in plain
    assert "about:" in plain  # the targets line (it crashed: targets are objects)
    assert any(t["text"] for record in data for t in record["targets"])
    for record in data:
        assert record["content"]["text"].split()[0] in plain


def test_readme_statements_from_file(run_cli, tmp_path):
    seed = SEEDS / "000_40f56addfa937b60.txt"
    plain, data = plain_and_json(run_cli, "statements", seed, "--db", tmp_path / "none.db")
    assert "Konashenkov" in plain
    assert {r["act"] for r in data} >= {"accuse"}
    assert not (tmp_path / "none.db").exists()  # nothing is stored


def test_readme_entities(run_cli, store):
    plain, data = plain_and_json(run_cli, "entities", "list", "--db", store)
    assert "Islamic State" in plain and "Daesh" in plain
    state = next(e for e in data if e["id"] == "islamic-state")
    plain, shown = plain_and_json(run_cli, "entities", "show", state["id"], "--db", store)
    assert "Daesh" in plain and "Radio Habana Cuba" in plain
    assert shown["id"] == "islamic-state"


def test_readme_entities_merge_and_split(run_cli, store):
    result = run_cli("entities", "merge", "islamic-state", "syria", "--db", store)
    assert result.exit_code == 0, result.output
    _, shown = plain_and_json(run_cli, "entities", "show", "islamic-state", "--db", store)
    assert "Syria" in json.dumps(shown)
    result = run_cli("entities", "split", "islamic-state", "Syria", "--db", store)
    assert result.exit_code == 0, result.output


def test_readme_stories(run_cli, store):
    plain, data = plain_and_json(run_cli, "stories", "list", "--db", store)
    (story,) = data
    assert story["id"] in plain and "2017-10-05" in plain
    plain, contested = plain_and_json(run_cli, "stories", "list", "--contested", "--db", store)
    assert [s["id"] for s in contested] == [story["id"]]
    plain, shown = plain_and_json(run_cli, "stories", "show", story["id"], "--db", store)
    assert "Konashenkov" in plain and "Pentagon" in plain
    assert "None" not in plain
    assert shown["story"]["id"] == story["id"]


def test_readme_stories_split_and_merge(run_cli, store):
    (story,) = json.loads(run_cli("stories", "list", "--json", "--db", store).stdout)
    second = "3ba9f36ca0c34871a691"
    assert run_cli("stories", "split", story["id"], second, "--db", store).exit_code == 0
    stories = json.loads(run_cli("stories", "list", "--json", "--db", store).stdout)
    assert len(stories) == 2
    # the two halves report one event with the same actors: a thread groups them, each
    # stays a story of its own
    assert story["thread"] is None
    (thread_id,) = {s["thread"]["id"] for s in stories}
    other = next(s["id"] for s in stories if s["id"] != story["id"])
    shown = run_cli("stories", "show", other, "--db", store).stdout
    assert f"part of thread {thread_id}" in shown and story["id"] in shown
    assert run_cli("stories", "merge", story["id"], other, "--db", store).exit_code == 0
    assert len(json.loads(run_cli("stories", "list", "--json", "--db", store).stdout)) == 1


def test_readme_search(run_cli, store):
    plain, hits = plain_and_json(run_cli, "search", "flirting", "--db", store)
    assert plain.count("Radio Habana Cuba") == 2
    assert len(hits) == 2


def test_readme_stats(run_cli, store):
    plain, data = plain_and_json(run_cli, "stats", "--db", store)
    assert "articles" in plain and "Radio Habana Cuba" in plain
    assert "articles" in json.dumps(data)
    plain, data = plain_and_json(run_cli, "stats", "--techniques", "--db", store)
    assert "Radio Habana Cuba" in plain and "Loaded_Language" in plain
    assert "Loaded_Language" in json.dumps(data)


@pytest.mark.parametrize("fmt", ["json", "csv", "parquet"])
def test_readme_export(run_cli, store, tmp_path, fmt):
    out = tmp_path / ("export.json" if fmt == "json" else "export")
    result = run_cli("export", "--format", fmt, "--out", out, "--db", store)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert len(json.loads(out.read_text())["articles"]) == 2
    else:
        assert (out / f"statements.{fmt}").exists()


def test_readme_schema(run_cli, store):
    result = run_cli("schema")
    assert result.exit_code == 0
    assert result.stdout == (REPO / "docs" / "schema.md").read_text()


def test_readme_ingest_analyze_run(run_cli, seeds_dir, tmp_path):
    db = tmp_path / "fresh.db"
    result = run_cli("ingest", seeds_dir, "--db", db)
    assert result.exit_code == 0 and "2 new article(s)" in result.stderr
    result = run_cli("analyze", "--db", db)
    assert result.exit_code == 0, result.output
    assert "2 article(s) analysed" in result.output
    result = run_cli("run", seeds_dir, "--db", db)
    assert result.exit_code == 0 and "2 unchanged file(s) skipped" in result.stderr


def test_readme_stories_show_undated_story_and_folded_replies(run_cli, store, monkeypatch):
    """Issue 17 item 2: `None – None` for an undated story, and every reply printed."""
    from counterclaim.cli import stories

    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE stories SET first_date = NULL, last_date = NULL")
    monkeypatch.setattr(stories, "REPLIES_SHOWN", 1)
    monkeypatch.setattr(stories, "CLAIMS_SHOWN", 1)
    (story,) = json.loads(run_cli("stories", "list", "--json", "--db", store).stdout)
    plain = run_cli("stories", "show", story["id"], "--db", store).stdout
    assert "None" not in plain
    assert "2 article(s), undated;" in plain
    assert re.search(r"… and \d+ more \(\d+ (disputes|repeats|responds_to)", plain)
    assert re.search(r"… and \d+ more claim\(s\) of this side", plain)
    full = json.loads(run_cli("stories", "show", story["id"], "--json", "--db", store).stdout)
    shown_replies = plain.count("↳")
    all_replies = sum(
        len(c[k])
        for side in full["sides"]
        for c in side["claims"]
        for k in ("disputed_by", "supported_by", "answered_by")
    )
    assert shown_replies < all_replies


def _all_commands():
    import click

    from counterclaim.cli import cli

    def walk(command, path):
        yield path, command
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                yield from walk(sub, [*path, name])

    return list(walk(cli, []))


def test_readme_help_every_option_described_and_examples_exist():
    """Issue 17 item 3: help examples pointed to ../shared/examples/seeds/ (not in a clone),
    and --json and --limit had no description."""
    for path, command in _all_commands():
        name = " ".join(path) or "counterclaim"
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.opts[0]} has no help text"
        assert "../shared/examples" not in (command.help or ""), name
        # a path into the repository (the bundled sample) must exist in a clone
        for example in re.findall(r"\s(counterclaim/\S+)", command.help or ""):
            assert (REPO / example).exists(), f"{name}: example path {example} missing"


def test_readme_help_batch_size_says_it_is_for_ingest():
    from counterclaim.cli import cli

    for name in ("ingest", "run"):
        (option,) = [p for p in cli.commands[name].params if p.name == "batch_size"]
        assert "ingest" in option.help


def test_readme_duckdb_query_counts_the_resolved_speakers(run_cli, store, tmp_path):
    """Issue 17 item 5: the README's query grouped by `speaker_name`, NULL for most
    statements (organisations speaking), so the Pentagon never appeared."""
    import duckdb

    from counterclaim.link.summary import speaker_label

    export = tmp_path / "export"
    assert run_cli("export", "--format", "parquet", "--out", export, "--db", store).exit_code == 0
    query = (REPO / "README.md").read_text().split("```sql\n", 1)[1].split("```", 1)[0]
    found = duckdb.sql(query.replace("export/", f"{export}/")).fetchall()
    with sqlite3.connect(store) as conn:
        conn.row_factory = sqlite3.Row
        statements = [dict(r) for r in conn.execute("SELECT * FROM statements")]
    expected: dict[str, list[int]] = {}
    for row in statements:
        counts = expected.setdefault(speaker_label(row), [0, 0])
        counts[0] += 1
        counts[1] += row["act"] == "accuse"
    top = sorted(expected.items(), key=lambda kv: (-kv[1][0], kv[0]))[:10]
    assert found == [(name, n, accusations) for name, (n, accusations) in top]
    speakers = {name for name, _, _ in found}
    assert {"Pentagon", "Igor Konashenkov", "Russian Defense Ministry"} <= speakers


def test_readme_links_list_show_reject_restore(run_cli, store):
    plain, records = plain_and_json(
        run_cli, "links", "list", "--relation", "disputes", "--db", store
    )
    assert records and all(r["relation"] == "disputes" for r in records)
    first = records[0]["id"]
    assert first in plain and "disputes" in plain
    shown, one = plain_and_json(run_cli, "links", "show", first, "--db", store)
    assert one["id"] == first and "disputes" in shown
    assert run_cli("links", "reject", first, "--note", "wrong claim", "--db", store).exit_code == 0
    _, left = plain_and_json(run_cli, "links", "list", "--relation", "disputes", "--db", store)
    assert first not in {r["id"] for r in left}
    _, rejected = plain_and_json(run_cli, "links", "list", "--rejected", "--db", store)
    assert first in {r["id"] for r in rejected}
    assert run_cli("links", "restore", first, "--db", store).exit_code == 0
    _, back = plain_and_json(run_cli, "links", "list", "--relation", "disputes", "--db", store)
    assert first in {r["id"] for r in back}
