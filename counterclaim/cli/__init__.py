"""The command line: a thin layer over the library. One module per command group."""

from __future__ import annotations

import click

from counterclaim import __version__
from counterclaim.cli import (
    entities,
    evaluate,
    export,
    ingest,
    links,
    query,
    serve,
    statements,
    stories,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="counterclaim")
def cli() -> None:
    """counterclaim: who claims what, who disputes it, and where each report came from.

    \b
    Quick start:
        counterclaim demo                      # the bundled sample corpus
        counterclaim run ARCHIVE/ --db news.db # your own files, feeds, WARCs, URLs
        counterclaim search "flirting"
        counterclaim serve --db news.db         # the web UI at http://127.0.0.1:8000/
    """


for module in (ingest, query, statements, entities, stories, links, export, evaluate, serve):
    for command in module.COMMANDS:
        cli.add_command(command)


def main() -> None:
    cli(prog_name="counterclaim")
