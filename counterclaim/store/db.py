"""Opening the store: WAL, foreign keys, migrations applied on open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from counterclaim.store.migrations import apply_migrations

DEFAULT_DB = "counterclaim.db"


class StoreError(Exception):
    """The database cannot be used; the message names the file and the reason."""


def connect(path: str | Path = DEFAULT_DB, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and for writing, create and migrate) the store at `path`.

    The connection is in autocommit mode: writers group their work with `transaction(conn)`.
    """
    path = Path(path)
    try:
        if readonly:
            if not path.exists():
                raise StoreError(f"{path}: no such database (run `counterclaim ingest` first)")
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro",
                uri=True,
                isolation_level=None,
                check_same_thread=False,
            )
        else:
            conn = sqlite3.connect(path, isolation_level=None, timeout=30)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        if not readonly:
            apply_migrations(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open as a counterclaim database: {exc}") from exc
    return conn


class transaction:  # noqa: N801 - used like a function: `with transaction(conn):`
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (including KeyboardInterrupt)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
