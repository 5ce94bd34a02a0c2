"""Sides from who the speakers are: the country table, descriptions, the story's mentions."""

import pytest

from counterclaim.extract.countries import load_countries
from counterclaim.link.disputes import side_of
from counterclaim.link.sides import described_sides, is_pronoun, side_finder
from counterclaim.model import CharSpan, Provenance, Speaker, Statement, StoredStatement
from counterclaim.nlp.aliases import load_aliases

FINDER = side_finder(load_aliases())


def test_sides_country_table_holds_every_un_member_and_observer():
    table = load_countries()
    # 193 members, 2 observers, Kosovo and Taiwan
    assert len(table.countries) == 197
    assert len({c.iso for c in table.countries}) == 197
    assert table.get("holy-see") and table.get("palestine")
    forms = table.by_form
    assert forms["Tuvalu"] == "tuvalu" and forms["Burkinabe"] == "burkina-faso"


@pytest.mark.parametrize(
    ("description", "side"),
    [
        ("Iranian Foreign Ministry spokesman", "iran"),
        ("the Azerbaijani Ministry of Defense", "azerbaijan"),
        ("Kremlin spokesman Dmitry Peskov", "russia"),
        ("Chinese Foreign Ministry spokeswoman", "china"),
        ("Moscow", "russia"),
        ("Kyiv", "ukraine"),
        ("the Pentagon", "united-states"),  # the registry's part_of
        ("Russia's envoy to the US", "russia"),  # the state after "to" is where, not who
        ("U.S. Secretary of State", "united-states"),
        ("a Houthi military spokesman", "group:houthi"),
        ("Taliban spokesmen", "group:taliban"),
    ],
)
def test_sides_from_a_speaker_description(description, side):
    assert FINDER.in_text(description) == side


@pytest.mark.parametrize(
    "description",
    [
        "he",
        "they",
        "the report",
        "polls",
        "records",
        "Russian opposition leader",  # against the state, not for it
        "U.S. investigative journalist",
    ],
)
def test_sides_pronouns_and_non_actors_name_no_side(description):
    assert FINDER.in_text(description) is None


def test_sides_a_bare_surname_takes_the_side_the_story_describes():
    texts = [
        "Kremlin spokesman Dmitry Peskov told reporters it was noise. Peskov added more.",
        "Abbas Mousavi, the Iranian foreign ministry spokesman, said the claims were lies.",
    ]
    found = described_sides(["Dmitry Peskov", "Abbas Mousavi", "Nobody Here"], texts, FINDER)
    assert found == {"Dmitry Peskov": "russia", "Abbas Mousavi": "iran"}


def test_sides_a_clause_after_a_name_is_no_description_of_it():
    texts = [
        "According to Hersh, they would have been US Navy divers.",
        "The mayor, Anatoliy Fedoruk, confirmed that there was no Russian military in the city.",
    ]
    assert described_sides(["Seymour Hersh", "Anatoliy Fedoruk"], texts, FINDER) == {}


def row(speaker_text="", speaker_name=None, speaker_organisation=None, speaker_entity_id=None):
    speaker = Speaker(
        CharSpan(0, 0),
        speaker_text,
        speaker_name,
        organisation=speaker_organisation,
        entity_id=speaker_entity_id,
    )
    statement = Statement(
        id="s",
        article_id="a",
        speaker=speaker,
        cue=CharSpan(0, 0),
        cue_lemma="say",
        content=CharSpan(0, 0),
        kind="direct",
        act="assert",
        provenance=Provenance("test", 1.0),
    )
    return StoredStatement(statement, "said", "")


def test_sides_a_person_the_story_does_not_describe_as_the_archive_does():
    from counterclaim.link.sides import described_speakers

    statement = row("Olga Marenkova", "Olga Marenkova", speaker_entity_id="e-marenkova")
    story_texts = ["Foreign ministry spokeswoman Olga Marenkova said the claims were lies."]
    asked = []

    def elsewhere(entity_id, article_ids):
        asked.append((entity_id, article_ids))
        return ["Estonian Foreign Ministry spokeswoman Olga Marenkova spoke on Monday."]

    registry = load_aliases()
    alone = described_speakers([statement], lambda ids: story_texts, registry)
    assert "Olga Marenkova" not in alone
    found = described_speakers([statement], lambda ids: story_texts, registry, elsewhere)
    assert found["Olga Marenkova"] == "estonia"
    assert asked == [("e-marenkova", ["a"])]


def test_sides_of_statement_rows():
    registry = load_aliases()
    assert side_of(row(speaker_organisation="Pentagon"), registry) == "united-states"
    assert side_of(row(speaker_text="he"), registry) is None
    assert side_of(row(speaker_text="polls"), registry) is None
    peskov = row(speaker_text="Peskov", speaker_name="Dmitry Peskov", speaker_entity_id="e1")
    assert side_of(peskov, registry) == "e1"  # nothing says whom he speaks for: himself
    assert side_of(peskov, registry, {"Dmitry Peskov": "russia"}) == "russia"
    assert is_pronoun("They") and not is_pronoun("The Kremlin")


@pytest.mark.parametrize(
    "written",
    [
        "the Commission – which includes officials from Chile, Peru and Bolivia –",
        "the mission, in which the Peruvian army took part,",
        "Ana Ruiz, who met the Peruvian ambassador,",
    ],
)
def test_sides_a_relative_clause_on_the_speaker_names_no_side(written):
    # what the speaker did or whom they met, not whom they speak for
    side = side_of(row(speaker_text=written), load_aliases())
    assert side.startswith("text:")  # the speaker itself, of no state the text names


@pytest.mark.parametrize(
    "speaker",
    [
        {"speaker_text": "the SPA state-run news agency"},
        {"speaker_text": "Reuters", "speaker_organisation": "Reuters"},
        {"speaker_text": "the newspaper"},
    ],
)
def test_sides_news_media_are_no_side(speaker):
    assert side_of(row(**speaker), load_aliases()) is None


def test_sides_an_agency_of_a_state_is_a_side():
    registry = load_aliases()
    energoatom = row(speaker_text="Ukrainian nuclear agency Energoatom")
    assert side_of(energoatom, registry) == "ukraine"
