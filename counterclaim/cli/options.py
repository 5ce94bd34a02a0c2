"""Option bundles shared by commands, so the same flag means the same thing everywhere."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from typing import Any

import click
from rich.console import Console

from counterclaim.store.db import DEFAULT_DB, StoreError, connect

# Messages are single lines that scripts may grep: never wrap them.
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def stdout_console() -> Console:
    """Tables for a terminal, or 160 columns wide when piped (rich would assume 80)."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else 160)


def db_option(func: Callable) -> Callable:
    return click.option(
        "--db",
        "db_path",
        default=DEFAULT_DB,
        show_default=True,
        envvar="COUNTERCLAIM_DB",
        type=click.Path(dir_okay=False),
        help="The SQLite store (also $COUNTERCLAIM_DB).",
    )(func)


def config_option(func: Callable) -> Callable:
    return click.option(
        "--config",
        "config_file",
        type=click.Path(exists=True, dir_okay=False),
        help="Your config file, laid over the bundled default.cfg key by key (NLP and linking).",
    )(func)


def quiet_option(func: Callable) -> Callable:
    return click.option("--quiet", "-q", is_flag=True, help="No progress bars or summaries.")(func)


def open_db(db_path: str, *, readonly: bool = False) -> sqlite3.Connection:
    """The store, or a one-line error naming the file and the reason (exit code 1)."""
    try:
        return connect(db_path, readonly=readonly)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def fail(message: str, code: int = 1) -> Any:
    stderr.print(f"counterclaim: {message}", markup=False)
    sys.exit(code)
