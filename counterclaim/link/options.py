"""The options of every cross-article stage, read together from the config's `[link.*]`
sections (default.cfg, with a user's file laid over it): what `pipeline.analyze` passes to
the linkers. Each stage's dataclass lives beside the code that reads it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from counterclaim.config import load_config
from counterclaim.link.disputes import DisputeOptions
from counterclaim.link.entities import EntityOptions
from counterclaim.link.provenance import CopyOptions
from counterclaim.link.stories import LinkingOptions, ThreadOptions
from counterclaim.link.timeline import TimelineOptions


@dataclass(frozen=True)
class LinkOptions:
    stories: LinkingOptions
    threads: ThreadOptions
    copies: CopyOptions
    timeline: TimelineOptions
    entities: EntityOptions
    disputes: DisputeOptions

    @classmethod
    def load(cls, user_file: str | Path | None = None) -> LinkOptions:
        """The bundled config's options, with the keys of the user's file (if any) instead."""
        config = load_config(user_file)
        return cls(
            stories=LinkingOptions.from_config(config),
            threads=ThreadOptions.from_config(config),
            copies=CopyOptions.from_config(config),
            timeline=TimelineOptions.from_config(config),
            entities=EntityOptions.from_config(config),
            disputes=DisputeOptions.from_config(config),
        )
