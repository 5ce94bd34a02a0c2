"""The alias registry: bundled `data/aliases.toml`, extended key by key by a user's file."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from counterclaim.config import layered_tables
from counterclaim.model import Entity, Provenance
from counterclaim.text import fold

USER_ALIASES_ENV = "COUNTERCLAIM_ALIASES"
PRODUCER = "registry:aliases@1"


@dataclass(frozen=True)
class AliasRegistry:
    entities: tuple[Entity, ...]

    def forms(self) -> list[tuple[str, str, bool]]:
        """(surface form, entity id, actor-only) for every alias."""
        return [(alias, e.id, False) for e in self.entities for alias in (e.name, *e.aliases)] + [
            (alias, e.id, True) for e in self.entities for alias in e.actor_aliases
        ]

    def get(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def lookup(self, surface: str) -> str | None:
        """The id of the entity a surface form names (folded: `Russia's defense ministry`
        finds the Russian Defence Ministry), or None. Actor-only forms count."""
        return self._by_fold.get(fold(surface))

    def root(self, entity_id: str) -> str:
        """Follow `part_of` to the top: the Pentagon → United States."""
        seen = {entity_id}
        known = self.get(entity_id)
        while known and known.part_of and known.part_of not in seen:
            seen.add(known.part_of)
            entity_id = known.part_of
            known = self.get(entity_id)
        return entity_id

    @cached_property
    def _by_fold(self) -> dict[str, str]:
        return {fold(form): entity_id for form, entity_id, _ in self.forms()}


def _load(user_file: str | None) -> AliasRegistry:
    tables = layered_tables(
        "aliases.toml", "entities", user_file, USER_ALIASES_ENV, extend=("aliases",)
    )
    return AliasRegistry(
        tuple(
            Entity(
                id=entity_id,
                name=table.get("name", entity_id),
                type=table.get("type", "ORG"),
                aliases=tuple(table.get("aliases", ())),
                actor_aliases=tuple(table.get("actor_aliases", ())),
                part_of=table.get("part_of"),
                provenance=Provenance(PRODUCER, 1.0),
            )
            for entity_id, table in tables.items()
        )
    )


@cache
def load_aliases(user_file: str | None = None) -> AliasRegistry:
    return _load(user_file)
