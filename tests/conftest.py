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


# The components after the parse that only the learned heads need: a test of extraction that
# reads the parse, the entities and the rule components' spans (dates) does without them.
LEARNED_HEADS = (
    "cc_encoder",
    "cc_attribution_tagger",
    "cc_techniques",
    "cc_technique_lexicon",
    "cc_release_encoding",
)


class Parser:
    """Text in, the real pipeline's Doc out without the learned heads, each text parsed once
    per session (the Docs are shared: a test must not change them)."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.docs: dict = {}

    def __call__(self, text: str):
        self.warm([text])
        return self.docs[text]

    def warm(self, texts) -> None:
        """Parse the texts not yet parsed in one `nlp.pipe` (batched: faster than one by one)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self.docs]
        with self.nlp.select_pipes(disable=list(LEARNED_HEADS)):
            self.docs.update(zip(missing, self.nlp.pipe(missing), strict=True))


@pytest.fixture(scope="session")
def parse(nlp) -> Parser:
    """The session's `Parser` over the real spaCy pipeline."""
    return Parser(nlp)


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


@pytest.fixture(scope="session")
def browse_db(analysed_seeds, tmp_path_factory) -> Path:
    """The analysed seeds plus one Reuters article: two outlets, three articles."""
    import sqlite3

    db = tmp_path_factory.mktemp("browse") / "store.db"
    # the backup API, not a file copy: the source's latest pages may still be in its WAL
    with sqlite3.connect(analysed_seeds) as source, sqlite3.connect(db) as target:
        source.backup(target)
    other = FIXTURES / "web" / "other_outlet.jsonl"
    result = CliRunner().invoke(cli, ["run", str(other), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def serve_store():
    """Start the real web server (uvicorn, in a thread, on a free 127.0.0.1 port) over a
    store; returns its base URL. Every server stops at the end of the session."""
    import socket
    import threading
    import time

    import uvicorn

    from counterclaim.present.web import create_app

    servers = []

    def start(db: Path) -> str:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline, "the web server did not start"
            time.sleep(0.05)
        servers.append((server, thread))
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser).
    Skipped where Chromium is not installed, unless COUNTERCLAIM_REQUIRE_BROWSER is set
    (as .ci/run does), where its absence fails."""
    import os

    if not CHROMIUM.exists():
        if os.environ.get("COUNTERCLAIM_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser page at laptop size (1366x768); a script error fails the test."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], errors
