"""`serve`: the web UI and the JSON API over a store."""

from __future__ import annotations

import os
import socket
import sys
from typing import NoReturn

import click

from counterclaim.cli.options import db_option, fail, open_db, stderr

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


def url_of(host: str, port: int) -> str:
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def serve_store(db_path: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Serve the store at `db_path` until interrupted; one-line errors for a missing store or
    a busy port."""
    import uvicorn

    from counterclaim.present.web import create_app

    open_db(db_path, readonly=True).close()
    if not _port_free(host, port):
        fail(f"cannot serve on {host}:{port}: the port is in use or not allowed (try --port)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        stderr.print(
            f"note: serving on {host}: anyone who can reach this address can read the store"
        )
    click.echo(f"serving {db_path} at {url_of(host, port)}  (Ctrl-C to stop)")
    uvicorn.run(create_app(db_path), host=host, port=port, log_level="warning")


def serve_in_fresh_process(
    db_path: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT
) -> NoReturn:
    """`counterclaim serve` in place of this process (same pid, so Ctrl-C and the terminal
    behave as before). A process that analysed articles keeps spaCy, torch and the encoder
    resident (2.2 GB after `demo`); the server needs none of them (290 MB)."""
    sys.stdout.flush()
    sys.stderr.flush()
    args = [
        "-m",
        "counterclaim",
        "serve",
        "--db",
        str(db_path),
        "--host",
        host,
        "--port",
        str(port),
    ]
    os.execv(sys.executable, [sys.executable, *args])


@click.command("serve")
@db_option
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port to listen on.",
)
def serve_command(db_path: str, host: str, port: int) -> None:
    """Open the store in a browser: stories side by side, articles, entities, a JSON API.

    The store is only read. Pages: / (stories), /stories/ID, /articles/ID, /entities/ID;
    the API is under /api/ (OpenAPI document at /api/openapi.json).

    \b
    Example:
        counterclaim serve --db news.db --port 8000
    """
    serve_store(db_path, host, port)


COMMANDS = (serve_command,)
