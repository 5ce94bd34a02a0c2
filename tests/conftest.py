"""Shared fixtures: real SQLite files in tmp_path, the seed articles, the CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli import cli
from counterclaim.store.db import connect

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "counterclaim" / "data" / "sample"
SEEDS = SAMPLE / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def conn(db_path: Path):
    connection = connect(db_path)
    yield connection
    connection.close()


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    """A copy of the two seed articles in a folder of their own."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def run_cli():
    """Invoke the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def invoke(*args: str, input: bytes | str | None = None):
        return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline of counterclaim (loaded once per test session)."""
    from counterclaim.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def analyse(nlp):
    """Text in, (text, ArticleFacts) out, through the real pipeline and extractors."""
    from counterclaim.extract.article import extract_article

    def run(text: str):
        return text, extract_article(nlp(text), "test")

    return run


@pytest.fixture(scope="session")
def analysed_seeds(tmp_path_factory) -> Path:
    """A store with the two seed articles ingested and analysed (built once per session:
    copy it before changing it)."""
    folder = tmp_path_factory.mktemp("analysed-seeds")
    shutil.copytree(SEEDS, folder / "seeds")
    path = folder / "seeds.db"
    result = CliRunner().invoke(
        cli, ["run", str(folder / "seeds"), "--db", str(path), "--quiet"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return path
