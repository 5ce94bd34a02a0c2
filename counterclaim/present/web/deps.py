"""The routes' typed dependencies (as in the FastAPI template's `api/deps.py`): the app
includes the routers, the routers import these, and nothing imports the app back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from starlette.exceptions import HTTPException

from counterclaim.store import browse
from counterclaim.store.db import StoreError, connect


def open_store(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection for one request (sqlite `mode=ro`)."""
    try:
        conn = connect(request.app.state.db_path, readonly=True)
    except StoreError as exc:
        raise HTTPException(503, str(exc)) from exc
    browse.limit_query_time(conn)
    try:
        yield conn
    finally:
        conn.close()


Store = Annotated[sqlite3.Connection, Depends(open_store)]
