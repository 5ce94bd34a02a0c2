import csv
import json

import pyarrow.parquet as pq
import pytest

from counterclaim.cli import cli


def test_cli_every_command_has_help_with_an_example(run_cli):
    for name, command in cli.commands.items():
        result = run_cli(name, "--help")
        assert result.exit_code == 0
        assert command.help and "Example" in command.help, name


def test_cli_usage_error_exit_code_2(run_cli, db_path):
    assert run_cli("ingest", "--db", db_path).exit_code == 2  # no inputs
    assert run_cli("export", "--format", "xml", "--db", db_path).exit_code == 2
    assert run_cli("no-such-command").exit_code == 2


def test_cli_export_csv_needs_out(run_cli, seeds_dir, db_path):
    run_cli("ingest", seeds_dir, "--db", db_path, "-q")
    assert run_cli("export", "--format", "csv", "--db", db_path).exit_code == 2


def test_cli_ingest_reject_exit_code_1(run_cli, seeds_dir, db_path, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    result = run_cli("ingest", seeds_dir, empty, "--db", db_path, "-q")
    assert result.exit_code == 1
    assert f"rejected: {empty}: empty" in result.stderr
    exported = json.loads(run_cli("export", "--db", db_path).stdout)
    assert len(exported["articles"]) == 2
    assert [r["source"] for r in exported["rejects"]] == [str(empty)]


def test_cli_run_prints_summary(run_cli, seeds_dir, db_path):
    result = run_cli("run", seeds_dir, "--db", db_path)
    assert result.exit_code == 0
    assert "articles" in result.stdout and " 2" in result.stdout
    assert "2 new article(s)" in result.stderr


def test_cli_unchanged_files_are_skipped(run_cli, seeds_dir, db_path):
    run_cli("ingest", seeds_dir, "--db", db_path, "-q")
    result = run_cli("ingest", seeds_dir, "--db", db_path)
    assert "2 unchanged file(s) skipped" in result.stderr
    (seeds_dir / "000_40f56addfa937b60.txt").write_text("# New\n\nA changed text arrives.\n")
    result = run_cli("ingest", seeds_dir, "--db", db_path)
    assert "1 new article(s)" in result.stderr


def test_cli_search(run_cli, seeds_dir, db_path):
    run_cli("ingest", seeds_dir, "--db", db_path, "-q")
    result = run_cli("search", "flirting", "--db", db_path)
    assert result.exit_code == 0
    assert result.stdout.count("Radio Habana Cuba") == 2
    hits = json.loads(run_cli("search", "ridiculous", "--db", db_path, "--json").stdout)
    assert len(hits) == 1 and "[ridiculous]" in hits[0]["snippet"]
    assert "no articles match" in run_cli("search", "zzzzqqq", "--db", db_path).stdout


def test_cli_search_without_store(run_cli, tmp_path):
    result = run_cli("search", "x", "--db", tmp_path / "none.db")
    assert result.exit_code == 1
    assert "none.db" in result.stderr and "no such database" in result.stderr


def test_cli_stats(run_cli, seeds_dir, db_path):
    run_cli("ingest", seeds_dir, "--db", db_path, "-q")
    figures = json.loads(run_cli("stats", "--db", db_path, "--json").stdout)
    assert figures["tables"]["articles"] == 2
    (outlet,) = figures["outlets"]
    assert (outlet["name"], outlet["articles"], outlet["state_affiliated"]) == (
        "Radio Habana Cuba",
        2,
        1,
    )
    assert "Radio Habana Cuba" in run_cli("stats", "--db", db_path).stdout


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_cli_export_files(run_cli, seeds_dir, db_path, tmp_path, fmt):
    run_cli("ingest", seeds_dir, "--db", db_path, "-q")
    out = tmp_path / "out"
    assert run_cli("export", "--format", fmt, "--out", out, "--db", db_path).exit_code == 0
    if fmt == "csv":
        with (out / "articles.csv").open() as handle:
            rows = list(csv.DictReader(handle))
    else:
        rows = pq.read_table(out / "articles.parquet").to_pylist()
    assert len(rows) == 2
    by_place = {r["dateline_place"]: r for r in rows}
    assert by_place["Washington"]["origin_name"] == "Sputnik"
    assert by_place["Moscow"]["published"] == "2017-10-05"
    assert by_place["Moscow"]["outlet_name"] == "Radio Habana Cuba"
    assert (out / f"rejects.{fmt}").exists()


def test_cli_export_json_to_file(run_cli, seeds_dir, db_path, tmp_path):
    run_cli("ingest", seeds_dir, "--db", db_path, "-q")
    out = tmp_path / "store.json"
    result = run_cli("export", "--out", out, "--db", db_path)
    assert result.exit_code == 0 and "2 articles" in result.stderr
    document = json.loads(out.read_text())
    assert set(document) == {
        "articles",
        "statements",
        "entities",
        "timeline",
        "stories",
        "links",
        "techniques",
        "rejects",
    }
    for article in document["articles"]:
        assert {
            "id",
            "url",
            "title",
            "text",
            "published",
            "outlet",
            "dateline",
            "origin",
            "language",
        } <= set(article)
        assert {"name", "domain", "country", "state_affiliated"} <= set(article["outlet"])


@pytest.mark.slow  # the whole bundled sample corpus (297 articles) through the pipeline
def test_cli_demo(run_cli, db_path):
    result = run_cli("demo", "--db", db_path, "--no-serve")
    assert result.exit_code == 0
    assert "where to look next" in result.stdout
    figures = json.loads(run_cli("stats", "--db", db_path, "--json").stdout)
    assert figures["tables"]["articles"] == 297
    assert {o["name"]: o["articles"] for o in figures["outlets"]} == {
        "Wikinews": 295,
        "Radio Habana Cuba": 2,
    }


def test_cli_skipped_file_still_reports_its_rejects(run_cli, tmp_path, db_path):
    bad = tmp_path / "mixed.jsonl"
    bad.write_text('{"text": "A good record here."}\n{broken\n')
    first = run_cli("ingest", bad, "--db", db_path, "-q")
    second = run_cli("ingest", bad, "--db", db_path, "-q")
    assert first.exit_code == second.exit_code == 1
    assert "line 2" in second.stderr
    figures = json.loads(run_cli("stats", "--db", db_path, "--json").stdout)
    assert figures["tables"]["rejects"] == 1 and figures["tables"]["articles"] == 1


def test_cli_store_inside_the_ingested_folder_is_not_read(run_cli, seeds_dir):
    db_in_folder = seeds_dir / "store.db"
    first = run_cli("ingest", seeds_dir, "--db", db_in_folder, "-q")
    second = run_cli("ingest", seeds_dir, "--db", db_in_folder, "-q", "--force")
    assert first.exit_code == second.exit_code == 0, second.stderr


def test_cli_max_bytes_caps_records_in_containers(run_cli, tmp_path, db_path):
    records = tmp_path / "records.jsonl"
    records.write_text('{"text": "short"}\n{"text": "' + "x" * 500 + '"}\n')
    result = run_cli("ingest", records, "--db", db_path, "--max-bytes", "5000", "-q")
    assert result.exit_code == 0
    result = run_cli("ingest", records, "--db", db_path, "--max-bytes", "200", "-q", "--force")
    assert result.exit_code == 1 and "line 2" in result.stderr


def test_cli_techniques_stored_exported_and_counted(run_cli, analysed_seeds, tmp_path):
    db_path = analysed_seeds  # the session's seeds, run once; only read here
    document = json.loads(run_cli("export", "--format", "json", "--db", db_path).stdout)
    texts = {a["id"]: a["text"] for a in document["articles"]}
    techniques = document["techniques"]
    assert techniques
    for technique in techniques:
        start, end = technique["span"]
        assert texts[technique["article_id"]][start:end] == technique["text"]
        assert technique["outlet"] == "Radio Habana Cuba"
        assert {"technique", "confidence", "producer"} <= set(technique)
    out = tmp_path / "flat"
    assert run_cli("export", "--format", "csv", "--out", out, "--db", db_path).exit_code == 0
    with (out / "techniques.csv").open() as handle:
        assert len(list(csv.DictReader(handle))) == len(techniques)
    (outlet,) = json.loads(run_cli("stats", "--techniques", "--db", db_path, "--json").stdout)
    words = sum(len(text.split()) for text in texts.values())
    assert (outlet["outlet"], outlet["articles"], outlet["words"]) == (
        "Radio Habana Cuba",
        2,
        words,
    )
    assert outlet["techniques"] == len(techniques)
    assert outlet["per_thousand_words"] == round(1000 * len(techniques) / words, 2)
    assert "Radio Habana Cuba" in run_cli("stats", "--techniques", "--db", db_path).stdout


def test_cli_analyze_refuses_a_misspelt_config_key_before_any_work(
    run_cli, seeds_dir, db_path, tmp_path
):
    run_cli("ingest", seeds_dir, "--db", db_path, "-q")
    typo = tmp_path / "mine.cfg"
    typo.write_text("[link]\n\n[link.disputes]\nsame_contnet = 0.9\n")
    result = run_cli("analyze", "--db", db_path, "--config", typo, "-q")
    assert result.exit_code == 1
    assert f"{typo}: [link.disputes]: unknown key same_contnet" in result.stderr
    stats = json.loads(run_cli("export", "--db", db_path).stdout)
    assert stats["statements"] == []  # nothing was analysed


def test_cli_run_config_reaches_the_linkers(run_cli, seeds_dir, db_path, tmp_path):
    """A user's [link.stories] threshold no article can reach: the two seed articles, one
    story with the bundled config (tests/test_seed_stories.py), are two stories."""
    mine = tmp_path / "mine.cfg"
    mine.write_text("[link]\n\n[link.stories]\nthreshold = 99.0\n")
    result = run_cli("run", seeds_dir, "--db", db_path, "--config", mine, "-q")
    assert result.exit_code == 0, result.stderr
    exported = json.loads(run_cli("export", "--db", db_path).stdout)
    assert len(exported["articles"]) == 2
    assert len(exported["stories"]) == 2
