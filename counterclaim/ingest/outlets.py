"""The outlet registry: bundled `data/outlets.toml`, overridden key by key by a user's file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from counterclaim.config import layered_tables
from counterclaim.model import Outlet
from counterclaim.text import domain_of

USER_REGISTRY_ENV = "COUNTERCLAIM_OUTLETS"


def _fold(name: str) -> str:
    return " ".join(name.casefold().replace(".", "").split())


@dataclass(frozen=True)
class OutletRegistry:
    outlets: tuple[Outlet, ...]

    def __post_init__(self) -> None:
        by_domain: dict[str, Outlet] = {}
        by_name: dict[str, Outlet] = {}
        for outlet in self.outlets:
            for domain in outlet.domains:
                by_domain[domain.lower()] = outlet
            for name in (outlet.name, outlet.id, *outlet.aliases):
                by_name[_fold(name)] = outlet
        object.__setattr__(self, "_by_domain", by_domain)
        object.__setattr__(self, "_by_name", by_name)

    def by_domain(self, domain: str | None) -> Outlet | None:
        """Exact host first, then each parent domain: en.radiohc.cu → radiohc.cu."""
        if not domain:
            return None
        parts = domain.lower().split(".")
        for i in range(len(parts) - 1):
            found = self._by_domain.get(".".join(parts[i:]))  # type: ignore[attr-defined]
            if found:
                return found
        return None

    def by_name(self, name: str | None) -> Outlet | None:
        if not name:
            return None
        return self._by_name.get(_fold(name))  # type: ignore[attr-defined]

    def for_url(self, url: str | None) -> Outlet | None:
        return self.by_domain(domain_of(url))

    def unregistered(self, domain: str) -> Outlet:
        """An outlet known only by its domain, so that articles from it still group together."""
        return Outlet(id=domain, name=domain, domains=(domain,))


def _outlet_from_table(outlet_id: str, table: dict) -> Outlet:
    return Outlet(
        id=outlet_id,
        name=str(table.get("name", outlet_id)),
        domains=tuple(d.lower() for d in table.get("domains", ())),
        country=table.get("country"),
        kind=table.get("kind"),
        state_affiliated=table.get("state_affiliated"),
        aliases=tuple(table.get("aliases", ())),
    )


def load_registry(user_file: str | Path | None = None) -> OutletRegistry:
    """The bundled registry with `user_file` (or $COUNTERCLAIM_OUTLETS) laid over it."""
    tables = layered_tables("outlets.toml", "outlets", user_file, USER_REGISTRY_ENV)
    return OutletRegistry(tuple(_outlet_from_table(k, v) for k, v in tables.items()))
