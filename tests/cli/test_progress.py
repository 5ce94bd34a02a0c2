"""Progress a user can follow: plain lines in a log, and the command that resumes."""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import click
from click.testing import CliRunner
from rich.console import Console

from counterclaim.cli.progress import StageProgress, command_line


def test_progress_plain_lines_every_n_items_when_not_a_terminal():
    out = io.StringIO()
    console = Console(file=out, force_terminal=False)
    with StageProgress("analyze", "articles", console, quiet=False, every=10) as progress:
        for done in range(1, 26):
            progress.update(done, 25)
    lines = out.getvalue().splitlines()
    assert [line.split(",")[0] for line in lines] == [
        "analyze: 10/25 articles",
        "analyze: 20/25 articles",
        "analyze: 25/25 articles",
    ]
    assert "articles/s" in lines[0] and "left" in lines[0]
    assert "left" not in lines[-1]


def test_progress_quiet_prints_nothing():
    out = io.StringIO()
    with StageProgress("ingest", "inputs", Console(file=out), quiet=True, every=1) as progress:
        progress.update(3, 3)
    assert out.getvalue() == ""


def test_progress_command_line_repeats_the_users_arguments_and_options():
    @click.command("run")
    @click.argument("inputs", nargs=-1)
    @click.option("--db", "db_path", default="counterclaim.db")
    @click.option("--batch-size", type=int, default=200)
    @click.option("--force", is_flag=True)
    @click.option("--quiet", is_flag=True)
    def run(**kwargs) -> None:
        click.echo(command_line())

    result = CliRunner().invoke(run, ["my archive/", "--batch-size", "50", "--force"])
    assert result.output.strip() == "run 'my archive/' --db counterclaim.db --batch-size 50 --force"


def _articles(db_path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def test_progress_ctrl_c_names_the_command_that_resumes(tmp_path):
    source = tmp_path / "big.jsonl"
    with source.open("w") as handle:
        for i in range(20_000):
            text = f"The ministry said on Wednesday that talks had failed, item {i}."
            handle.write(json.dumps({"url": f"https://example.org/{i}", "text": text}) + "\n")
    db_path = tmp_path / "my store.db"
    command = [
        sys.executable, "-m", "counterclaim", "ingest", str(source),
        "--db", str(db_path), "--batch-size", "100",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "300"},
        # a shell that started the tests in the background ignores SIGINT, and the child
        # would inherit that: Ctrl-C is what is tested, so it gets the default back
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 300
    while _articles(db_path) < 200:
        assert process.poll() is None, "ingest finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    expected = f"counterclaim ingest {source} --db '{db_path}' --batch-size 100"
    assert expected in err, err
