"""The defining example, linked: one story, the Pentagon's denials disputing Konashenkov's
accusation, the relayed ministry statement, stories and links in the export."""

import json
import sqlite3

import pytest

from counterclaim.present.summary import load_story_summary
from counterclaim.store.db import connect


@pytest.fixture
def seeds_db(analysed_seeds, tmp_path):
    path = tmp_path / "seeds.db"
    source, target = sqlite3.connect(analysed_seeds), sqlite3.connect(path)
    source.backup(target)  # the WAL's pages too, which a file copy would miss
    source.close(), target.close()
    return path


@pytest.fixture
def exported(run_cli, seeds_db):
    result = run_cli("export", "--format", "json", "--db", seeds_db)
    assert result.exit_code == 0
    return json.loads(result.stdout)


def statement_of(exported, fragment):
    found = [s for s in exported["statements"] if fragment in s["content"]["text"]]
    assert found, fragment
    return found


def linked(exported, relation, reply_fragment, claim_fragment):
    replies = {s["id"] for s in statement_of(exported, reply_fragment)}
    claims = {s["id"] for s in statement_of(exported, claim_fragment)}
    return [
        x
        for x in exported["links"]
        if x["relation"] == relation and x["from"] in replies and x["to"] in claims
    ]


def test_one_story_with_both_articles(exported):
    assert len(exported["stories"]) == 1
    story = exported["stories"][0]
    assert sorted(story["article_ids"]) == sorted(a["id"] for a in exported["articles"])
    assert story["first_date"] == "2017-10-05" and story["last_date"] == "2017-10-07"
    assert {"islamic-state", "united-states", "pentagon"} <= set(story["entity_ids"])
    assert not story["title"].startswith("WASHINGTON (Sputnik)")  # no dateline in a title
    # the titled article's headline, not the untitled Sputnik relay's first sentence
    assert story["title"] == (
        "Russia Accuses U.S. of Supporting and 'Flirting With' Daesh in Eastern Syria"
    )


def test_ridiculous_disputes_the_accusation(exported):
    links = linked(exported, "disputes", "contrary are ridiculous", "flirtation with them")
    links += linked(exported, "disputes", "contrary are ridiculous", "flirting")
    assert links
    assert all(x["story_id"] == exported["stories"][0]["id"] for x in links)
    assert links[0]["evidence"]["rebuttal"]


def test_denial_of_complicity_disputes_the_accusation(exported):
    assert linked(exported, "disputes", "complicity with Daesh", "flirtation with them")


def test_ministry_statement_in_second_article_relays_the_first(exported):
    found = linked(exported, "repeats", "supporting and flirting with", "flirtation with them")
    found += linked(exported, "responds_to", "supporting and flirting with", "flirtation with")
    assert found


def test_no_dispute_within_one_side(exported):
    organisation = {
        s["id"]: (s["speaker"] or {}).get("organisation") or "" for s in exported["statements"]
    }

    def american(statement_id: str) -> bool:  # the seeds' two sides: the US and Russia
        return any(word in organisation[statement_id] for word in ("Pentagon", "U.S."))

    disputes = [link for link in exported["links"] if link["relation"] == "disputes"]
    assert disputes
    for link in disputes:
        assert american(link["from"]) != american(link["to"])


def test_summary_puts_the_denial_beside_the_accusation(seeds_db):
    conn = connect(seeds_db)
    story_id = conn.execute("SELECT id FROM stories").fetchone()[0]
    summary = load_story_summary(conn, story_id)
    labels = [side.label for side in summary.sides]
    assert {"Russia", "United States"} <= set(labels)
    russia = summary.sides[labels.index("Russia")]
    accusation = next(
        c for c in russia.claims if "flirtation with them" in c.statement.content_text
    )
    assert "Igor Konashenkov" in russia.actors
    denials = [r.statement.content_text for r in accusation.disputed_by]
    assert any("complicity" in d or "ridiculous" in d for d in denials)
    spellings = summary.outlets[0]["spellings"]
    assert {"Dayr al-Zawr", "Deir ez-Zor"} <= set(spellings["deir-ez-zor"])
    assert summary.timeline


def test_stories_cli_show_and_list(run_cli, seeds_db):
    listed = run_cli("stories", "list", "--db", seeds_db, "--json")
    stories = json.loads(listed.stdout)
    assert stories[0]["dispute_count"] >= 2
    shown = run_cli("stories", "show", stories[0]["id"], "--db", seeds_db)
    assert "disputes" in shown.stdout and "Konashenkov" in shown.stdout
    missing = run_cli("stories", "show", "s000000000000", "--db", seeds_db)
    assert missing.exit_code == 1 and "no such story" in missing.stderr


def test_split_and_merge_survive_reanalysis(run_cli, seeds_db):
    conn = connect(seeds_db)
    story_id = conn.execute("SELECT id FROM stories").fetchone()[0]
    second = conn.execute("SELECT id FROM articles ORDER BY seq DESC").fetchone()[0]
    conn.close()
    split = run_cli("stories", "split", story_id, second, "--db", seeds_db)
    assert split.exit_code == 0, split.stderr
    count = "SELECT count(*) FROM stories"
    assert connect(seeds_db).execute(count).fetchone()[0] == 2
    assert run_cli("analyze", "--db", seeds_db, "--force", "-q").exit_code == 0
    assert connect(seeds_db).execute(count).fetchone()[0] == 2  # the split is kept
    new_id = (
        connect(seeds_db)
        .execute("SELECT story_id FROM story_articles WHERE article_id = ?", (second,))
        .fetchone()[0]
    )
    merged = run_cli("stories", "merge", story_id, new_id, "--db", seeds_db)
    assert merged.exit_code == 0, merged.stderr
    assert connect(seeds_db).execute(count).fetchone()[0] == 1
    bad = run_cli("stories", "split", story_id, "not-an-article", "--db", seeds_db)
    assert bad.exit_code == 1 and "not in story" in bad.stderr


def test_articles_one_at_a_time_join_one_story(run_cli, seeds_dir, db_path):
    files = sorted(seeds_dir.iterdir())
    for path in files:
        assert run_cli("run", path, "--db", db_path, "-q").exit_code == 0
    conn = connect(db_path)
    assert conn.execute("SELECT count(*) FROM stories").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM links WHERE relation = 'disputes'").fetchone()[0]
