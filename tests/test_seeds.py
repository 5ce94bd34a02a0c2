"""The defining example: the two Radio Habana Cuba seed articles, end to end through the CLI."""

import json
import sqlite3

import pytest


@pytest.fixture
def seed_export(run_cli, analysed_seeds):
    """The session's analysed seed store, exported (the seeds are run once per session)."""
    exported = run_cli("export", "--format", "json", "--db", analysed_seeds)
    assert exported.exit_code == 0
    articles = json.loads(exported.stdout)["articles"]
    return {a["input"]["source"].rsplit("/", 1)[-1][:3]: a for a in articles}


def test_seeds_both_articles_exported(seed_export):
    assert set(seed_export) == {"000", "003"}


def test_seeds_first_article_metadata(seed_export):
    first = seed_export["000"]
    assert first["title"].startswith("Russia Accuses U.S. of Supporting and 'Flirting With'")
    assert first["url"].startswith("https://www.radiohc.cu/")
    assert first["published"] == "2017-10-05"
    assert first["outlet"]["name"] == "Radio Habana Cuba"
    assert first["outlet"]["domain"] == "radiohc.cu"
    assert first["outlet"]["country"] == "CU"
    assert first["outlet"]["state_affiliated"] is True
    assert first["dateline"]["place"] == "Moscow"
    assert first["dateline"]["date"] == "2017-10-05"
    assert first["dateline"]["agency"] == "RHC"
    assert first["origin"] is None
    assert first["language"] == "en"
    start, end = first["dateline"]["span"]
    assert first["text"][start:end].startswith("Moscow, October 5 (RHC)--")


def test_seeds_second_article_metadata(seed_export):
    second = seed_export["003"]
    assert second["published"] == "2017-10-07"
    assert second["outlet"]["name"] == "Radio Habana Cuba"
    assert second["dateline"]["place"] == "Washington"
    assert second["dateline"]["agency"] == "Sputnik"
    assert second["origin"]["name"] == "Sputnik"
    assert second["origin"]["evidence"] == "dateline"
    assert second["text"].startswith("WASHINGTON (Sputnik) – The aim of the US-led coalition")


def test_seeds_rerun_changes_nothing(run_cli, analysed_seeds, db_path):
    # a copy of the session's store (the backup API: its latest pages may be in its WAL)
    with sqlite3.connect(analysed_seeds) as source, sqlite3.connect(db_path) as target:
        source.backup(target)
    before = run_cli("export", "--format", "json", "--db", db_path).stdout
    seeds = analysed_seeds.parent / "seeds"  # the inputs the store was made from
    again = run_cli("run", seeds, "--db", db_path, "--quiet", "--force")
    assert again.exit_code == 0
    assert run_cli("export", "--format", "json", "--db", db_path).stdout == before


def test_seeds_second_seed_alone_has_its_own_date(run_cli, seeds_dir, db_path):
    (seeds_dir / "000_40f56addfa937b60.txt").unlink()
    assert run_cli("ingest", seeds_dir, "--db", db_path, "-q").exit_code == 0
    (article,) = json.loads(run_cli("export", "--db", db_path).stdout)["articles"]
    assert article["published"] == "2017-10-07"
    assert article["outlet"] is None  # nothing in the file says which outlet it is
