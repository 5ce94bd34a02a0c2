"""Loading the spaCy pipeline from the config's `[pipeline]` and `[components]` sections
(`counterclaim/default.cfg`), once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from confection import Config
from spacy.language import Language

from counterclaim.config import load_config


def analysis_batch_size(user_file: str | Path | None = None) -> int:
    """Articles per analysis batch (`[pipeline] batch_size`)."""
    return int(load_config(user_file)["pipeline"]["batch_size"])


def build(config: Config) -> Language:
    import spacy

    from counterclaim.nlp import components  # noqa: F401  (registers the factories)

    nlp = spacy.load(config["pipeline"]["base"])
    for name in config["pipeline"]["components"]:
        section = dict(config["components"][name])
        factory = section.pop("factory")
        placement = {k: section.pop(k) for k in ("before", "after") if k in section}
        nlp.add_pipe(factory, name=name, config=section, **placement)
    return nlp


@cache
def load_nlp(user_file: str | None = None) -> Language:
    """The pipeline for this process (models are loaded once)."""
    return build(load_config(user_file))
