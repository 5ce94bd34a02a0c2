"""Extension points of the ingest stage. Built-in readers register through the same hook."""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("counterclaim")
hookimpl = pluggy.HookimplMarker("counterclaim")


@hookspec
def counterclaim_readers() -> list:
    """Return `counterclaim.ingest.readers.Reader` objects for the input formats a plugin reads."""
