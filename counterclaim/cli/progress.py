"""Progress a user can follow: a bar on a terminal, plain lines in a log, and the exact
command that resumes an interrupted run."""

from __future__ import annotations

import shlex
import time
from types import TracebackType

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

# Without a terminal (a log file, CI, `2> log`), one plain line per this many items.
LOG_EVERY = 50


class RateColumn(ProgressColumn):
    """Items per second, as rich estimates it over the last updates."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.2f} {self.unit}/s" if speed else f"– {self.unit}/s")


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class StageProgress:
    """A stage's progress (`with StageProgress(...) as p: p.update(done, total)`): on a
    terminal a bar with the total, the rate and the time left; otherwise a plain line every
    `every` items and at the end; with `quiet`, nothing."""

    def __init__(
        self, name: str, unit: str, console: Console, quiet: bool, every: int = LOG_EVERY
    ) -> None:
        self.name, self.unit, self.console, self.quiet, self.every = (
            name,
            unit,
            console,
            quiet,
            every,
        )
        self.live = console.is_terminal and not quiet
        self.progress = Progress(
            TextColumn(f"[bold]{name}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(unit),
            TextColumn("left"),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console,
            disable=not self.live,
            transient=True,
        )
        self.task = self.progress.add_task("", total=None)
        self.started = time.monotonic()
        self.logged = 0  # items done at the last plain line
        self.done, self.total = 0, None

    def __enter__(self) -> StageProgress:
        self.started = time.monotonic()
        self.progress.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.progress.__exit__(kind, value, traceback)
        if kind is None and not self.live and not self.quiet and self.done != self.logged:
            self._line()

    def update(self, done: int, total: int | None, description: str = "") -> None:
        self.done, self.total = done, total
        self.progress.update(self.task, completed=done, total=total, description=description)
        if not self.live and not self.quiet and done - self.logged >= self.every:
            self._line()

    def _line(self) -> None:
        self.logged = self.done
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        of = f"/{self.total}" if self.total is not None else ""
        line = f"{self.name}: {self.done}{of} {self.unit}, {rate:.2f} {self.unit}/s"
        if self.total is not None and rate > 0 and self.done < self.total:
            line += f", about {_duration((self.total - self.done) / rate)} left"
        self.console.print(line, markup=False, highlight=False)


def command_line(ctx: click.Context | None = None) -> str:
    """The command the user ran, with the arguments and options they gave (and always the
    store), ready to paste: what resumes an interrupted run."""
    ctx = ctx or click.get_current_context()
    words = ctx.command_path.split()
    for param in ctx.command.params:
        name = param.name
        if name is None or name not in ctx.params:
            continue
        value = ctx.params[name]
        source = ctx.get_parameter_source(name)
        if isinstance(param, click.Argument):
            words += [str(v) for v in (value if isinstance(value, tuple | list) else [value])]
            continue
        if source in (click.core.ParameterSource.DEFAULT, None) and name != "db_path":
            continue
        flag = max(param.opts, key=len)
        if getattr(param, "is_flag", False):
            if value:
                words.append(flag)
            elif param.secondary_opts:
                words.append(max(param.secondary_opts, key=len))
            continue
        for item in value if isinstance(value, tuple | list) else [value]:
            words += [flag, str(item)]
    return shlex.join(words)
