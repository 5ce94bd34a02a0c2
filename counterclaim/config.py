"""Settings: the pipeline's config (`default.cfg`, the one home of every default, which a
user's file overrides key by key) and the bundled data tables a user's file extends (outlets,
aliases)."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypeVar

if TYPE_CHECKING:
    from confection import Config

T = TypeVar("T")


@cache
def _bundled_config() -> Config:
    from confection import Config  # imported when a config is read: the CLI starts without it

    text = resources.files("counterclaim").joinpath("default.cfg").read_text("utf-8")
    return Config().from_str(text)


def load_config(user_file: str | Path | None = None) -> Config:
    """The whole pipeline's config: `counterclaim/default.cfg` with the user's file (if any)
    laid over it key by key."""
    from confection import Config

    config = _bundled_config().copy()
    if user_file:
        config = config.merge(Config().from_disk(user_file))
    return config


def config_section(config: Mapping[str, Any], path: str) -> dict[str, Any]:
    """The section at a dotted `path` (`link.disputes`) of a loaded config."""
    section: Any = config
    for name in path.split("."):
        section = section[name]
    return dict(section)


def options_from(cls: type[T], config: Mapping[str, Any], path: str) -> T:
    """The frozen options dataclass `cls` built from the config's section `path`: every field
    has its value there (its one home), and a key that is no field is an error, so a typo in a
    user's file does not go unnoticed. Lists become tuples (options are frozen)."""
    values = config_section(config, path)
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    unknown, missing = sorted(set(values) - names), sorted(names - set(values))
    if unknown or missing:
        problems = [f"unknown key {k}" for k in unknown] + [f"missing key {k}" for k in missing]
        raise ValueError(f"[{path}]: {', '.join(problems)}")
    return cls(**{k: _frozen(v) for k, v in values.items()})


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, Mapping):
        return {k: _frozen(v) for k, v in value.items()}
    return value


@cache
def default_options(cls: type[T], path: str) -> T:
    """`options_from` the bundled config alone (read once per process)."""
    return options_from(cls, _bundled_config(), path)


class ConfigOptions:
    """Base of a stage's options dataclass: `SECTION` names its config section once, and
    `default()` reads it from the bundled config, `from_config` from a loaded one."""

    SECTION: ClassVar[str]

    @classmethod
    def default(cls) -> Self:
        return default_options(cls, cls.SECTION)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Self:
        return options_from(cls, config, cls.SECTION)


def layered_tables(
    bundled: str,
    section: str,
    user_file: str | Path | None,
    env_var: str,
    extend: tuple[str, ...] = (),
) -> dict[str, dict]:
    """The `[section.<id>]` tables of `counterclaim/data/<bundled>`, with those of the user's
    file (or of the file named by `env_var`) laid over them key by key; list keys named in
    `extend` are extended instead of replaced."""
    text = resources.files("counterclaim.data").joinpath(bundled).read_text("utf-8")
    tables: dict[str, dict] = tomllib.loads(text)[section]
    user_file = user_file or os.environ.get(env_var)
    if not user_file:
        return tables
    try:
        user = tomllib.loads(Path(user_file).read_text("utf-8")).get(section, {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{user_file}: cannot read {section} registry: {exc}") from exc
    for table_id, table in user.items():
        base = tables.get(table_id, {})
        merged = {**base, **table}
        for key in extend:
            if key in base and key in table:
                merged[key] = [*base[key], *table[key]]
        tables[table_id] = merged
    return tables
