"""The seeds' dates, end to end: statements dated by their own clause, one timeline."""

import json

import pytest


@pytest.fixture(scope="module")
def seed_export(analysed_seeds):
    """The session's analysed seeds (run once per session), exported."""
    from click.testing import CliRunner

    from counterclaim.cli import cli

    result = CliRunner().invoke(cli, ["export", "--db", str(analysed_seeds)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _statement(export, speaker_text, cue):
    # the tagger may take a date into the cue: `said on Wednesday`
    return next(
        s
        for s in export["statements"]
        if s["speaker"]
        and s["speaker"]["text"] == speaker_text
        and s["cue"]["text"].split()[0] == cue
    )


@pytest.mark.parametrize(
    ("speaker", "cue", "said_on"),
    [
        (
            "Major General Igor Konashenkov, a spokesman for Russia's Defense Ministry",
            "said",
            "2017-10-04",
        ),
        ("a Pentagon spokesperson", "told", "2017-10-06"),
        ("The Pentagon", "told", "2017-10-06"),
        ("The Russian Defense Ministry", "said", "2017-10-04"),
        ("the Pentagon", "denied", "2017-10-04"),  # "The same day, ..."
        ("The Russian general", "said", "2017-10-05"),  # no date of its own: the article's
    ],
)
def test_seed_timeline_statements_said_on(seed_export, speaker, cue, said_on):
    assert _statement(seed_export, speaker, cue)["said_on"] == said_on


def test_seed_timeline_one_event_reported_twice(seed_export):
    wednesday = [e for e in seed_export["timeline"] if e["date"] == "2017-10-04"]
    groups = {}
    for event in wednesday:
        groups.setdefault(event["event"], set()).add(event["article_id"])
    assert max(len(articles) for articles in groups.values()) == 2  # both articles report it
    assert all(e["precision"] == "day" for e in wednesday)


@pytest.mark.parametrize(
    ("date", "precision", "text_start"),
    [
        ("2017-09-28", "day", "On September 28, a group of 300 Daesh militants"),
        ("2015-09-01", "month", "The U.S. and allies in the West"),
        ("2017-09-01", "month", "Syria's anti-terror fight continues"),
        ("2017-10-06", "day", "The Pentagon told Sputnik on Friday"),
    ],
)
def test_seed_timeline_events(seed_export, date, precision, text_start):
    assert any(
        e["date"] == date and e["precision"] == precision and e["text"].startswith(text_start)
        for e in seed_export["timeline"]
    )


def test_seed_timeline_spans_point_into_the_text(seed_export):
    texts = {a["id"]: a["text"] for a in seed_export["articles"]}
    for event in seed_export["timeline"]:
        assert texts[event["article_id"]][slice(*event["span"])] == event["text"]
    assert not any(e["text"].startswith("Moscow, October 5") for e in seed_export["timeline"])
