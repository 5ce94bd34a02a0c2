"""The pipeline's one config (counterclaim/default.cfg): every linking default read from it,
a user's file overriding single keys, and a typo refused."""

from dataclasses import MISSING, fields

import pytest
from confection import Config

from counterclaim.config import load_config, options_from
from counterclaim.link.disputes import DisputeOptions
from counterclaim.link.options import LinkOptions
from counterclaim.link.stories import LinkingOptions, StoryClusterer


def test_config_round_trips():
    """Loading the config and writing it back gives the same config (spaCy's habit)."""
    config = load_config()
    assert Config().from_str(config.to_str()) == config


def test_config_every_linking_option_has_its_value_only_in_the_config():
    """No options dataclass carries a default of its own: default.cfg is the one home."""
    options = LinkOptions.load()
    for stage in fields(LinkOptions):
        cls = type(getattr(options, stage.name))
        for field in fields(cls):
            assert field.default is MISSING and field.default_factory is MISSING, (
                f"{cls.__name__}.{field.name} has a default outside default.cfg"
            )
    assert options.stories == LinkingOptions.default()
    assert StoryClusterer().options == options.stories
    assert options.disputes == DisputeOptions.default()


def test_config_a_users_file_overrides_single_keys(tmp_path):
    user = tmp_path / "mine.cfg"
    user.write_text("[link]\n\n[link.disputes]\nsame_content = 0.9\n\n[link.stories]\nrecent = 3\n")
    default, mine = LinkOptions.load(), LinkOptions.load(user)
    assert mine.disputes.same_content == 0.9
    assert mine.stories.recent == 3
    # every other key keeps the bundled value
    assert mine.disputes.related_content == default.disputes.related_content
    assert mine.stories.weights == default.stories.weights
    assert mine.copies == default.copies
    # the NLP sections are there too, unchanged
    assert load_config(user)["pipeline"] == load_config()["pipeline"]


def test_config_a_misspelt_key_is_refused(tmp_path):
    user = tmp_path / "typo.cfg"
    user.write_text("[link]\n\n[link.disputes]\nsame_contnet = 0.9\n")
    with pytest.raises(ValueError, match=r"\[link.disputes\]: unknown key same_contnet"):
        LinkOptions.load(user)
    with pytest.raises(ValueError, match="missing key min_words"):
        options_from(DisputeOptions, {"link": {"disputes": {"same_content": 0.7}}}, "link.disputes")
