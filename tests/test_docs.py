"""The docs are checked: the schema page is current and every command is in the README."""

import re

from conftest import REPO

from counterclaim.cli import cli
from counterclaim.store.schema_doc import STABILITY, schema_markdown


def test_docs_schema_page_is_current(conn):
    assert (REPO / "docs" / "schema.md").read_text() == schema_markdown(conn), (
        "docs/schema.md is out of date: run `make schema-doc`"
    )


def test_docs_every_column_is_explained(conn):
    page = schema_markdown(conn)
    empty_meaning = re.findall(r"^\| `(\w+)` \|[^\n]*\|  \|$", page, re.M)
    assert empty_meaning == []
    for table in STABILITY:
        assert f"## `{table}`" in page


def test_docs_readme_names_every_command():
    readme = (REPO / "README.md").read_text()
    for name in cli.commands:
        assert f"counterclaim {name}" in readme, name


def test_docs_readme_starts_with_the_two_commands():
    first_lines = (REPO / "README.md").read_text().splitlines()[:12]
    assert any("make demo" in line for line in first_lines)
    assert any("make test" in line for line in first_lines)
    assert "make test" in (REPO / ".ci" / "run").read_text()
