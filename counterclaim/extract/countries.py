"""The bundled country table (`data/countries.toml`): every UN member and observer state with
its short and formal names, demonyms, capitals and seats of government. Speakers read it to
name a state's voices alike (`Moscow said` → the Russian government); sides read it to find
the state a description names (`the Iranian Foreign Ministry`)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    iso: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]

    def forms(self) -> tuple[str, ...]:
        plural = tuple(d + "s" for d in self.demonyms if not d.endswith(("s", "sh", "ch", "se")))
        return (
            self.name,
            *self.aliases,
            *self.demonyms,
            *plural,
            *self.capitals,
            *self.seats,
        )


@dataclass(frozen=True)
class CountryTable:
    countries: tuple[Country, ...]

    def get(self, country_id: str) -> Country | None:
        return self._by_id.get(country_id)

    @cached_property
    def _by_id(self) -> dict[str, Country]:
        return {c.id: c for c in self.countries}

    @cached_property
    def by_word(self) -> dict[str, str]:
        """A state's one-word names and demonyms (case kept: `Azerbaijan`, `Azerbaijani`,
        `US`) → its id; capitals and seats left out (`Washington Post` is no state's)."""
        found: dict[str, str] = {}
        for country in self.countries:
            for form in (country.name, *country.aliases, *country.demonyms):
                if " " not in form:
                    found.setdefault(form, country.id)
        return found

    @cached_property
    def by_form(self) -> dict[str, str]:
        """Surface form → country id (case kept: `US` the country, `us` the pronoun)."""
        found: dict[str, str] = {}
        for country in self.countries:
            for form in country.forms():
                found.setdefault(form, country.id)
                if form.startswith("the "):
                    found.setdefault(form[4:], country.id)
        return found


@cache
def load_countries() -> CountryTable:
    text = resources.files("counterclaim.data").joinpath("countries.toml").read_text("utf-8")
    table = tomllib.loads(text)["countries"]
    return CountryTable(
        tuple(
            Country(
                id=key,
                name=row["name"],
                iso=row["iso"],
                aliases=tuple(row.get("aliases", ())),
                demonyms=tuple(row.get("demonyms", ())),
                capitals=tuple(row.get("capitals", ())),
                seats=tuple(row.get("seats", ())),
            )
            for key, row in table.items()
        )
    )
