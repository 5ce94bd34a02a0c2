"""The alias registry: bundled `data/aliases.toml`, extended key by key by a user's file."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

USER_ALIASES_ENV = "COUNTERCLAIM_ALIASES"


@dataclass(frozen=True)
class KnownEntity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    actor_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AliasRegistry:
    entities: tuple[KnownEntity, ...]

    def forms(self) -> list[tuple[str, str, bool]]:
        """(surface form, entity id, actor-only) for every alias."""
        return [(alias, e.id, False) for e in self.entities for alias in (e.name, *e.aliases)] + [
            (alias, e.id, True) for e in self.entities for alias in e.actor_aliases
        ]

    def get(self, entity_id: str) -> KnownEntity | None:
        return next((e for e in self.entities if e.id == entity_id), None)


def _load(user_file: str | None) -> AliasRegistry:
    bundled = resources.files("counterclaim.data").joinpath("aliases.toml").read_text("utf-8")
    tables: dict[str, dict] = tomllib.loads(bundled)["entities"]
    user_file = user_file or os.environ.get(USER_ALIASES_ENV)
    if user_file:
        try:
            user = tomllib.loads(Path(user_file).read_text("utf-8")).get("entities", {})
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"{user_file}: cannot read alias registry: {exc}") from exc
        for entity_id, table in user.items():
            merged = {**tables.get(entity_id, {}), **table}
            if entity_id in tables and "aliases" in table:  # extend, not replace
                merged["aliases"] = [*tables[entity_id].get("aliases", []), *table["aliases"]]
            tables[entity_id] = merged
    return AliasRegistry(
        tuple(
            KnownEntity(
                id=entity_id,
                name=table.get("name", entity_id),
                type=table.get("type", "ORG"),
                aliases=tuple(table.get("aliases", ())),
                actor_aliases=tuple(table.get("actor_aliases", ())),
            )
            for entity_id, table in tables.items()
        )
    )


@cache
def load_aliases(user_file: str | None = None) -> AliasRegistry:
    return _load(user_file)
