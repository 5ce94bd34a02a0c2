"""Bundled data tables that a user's file overrides key by key (outlets, aliases)."""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path


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
