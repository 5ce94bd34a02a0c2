"""Turning command-line inputs (files, directories, globs, URLs, `-`) into records."""

from __future__ import annotations

import errno
import glob
import io
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal
from urllib.parse import urlsplit

from counterclaim.ingest.fetch import FetchError, FetchOptions, fetch
from counterclaim.ingest.readers import (
    InputError,
    ReadOptions,
    Record,
    detect_reader,
    looks_binary,
    wide_encoding,
)
from counterclaim.model import Reject, printable

SNIFF_BYTES = 8192
MAX_NAME_CHARS = 4096  # PATH_MAX on Linux
STDIN_MEMORY_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class InputItem:
    name: str  # what error messages and the store call this input
    kind: Literal["file", "url", "stdin"]
    path: Path | None = None


def is_url(arg: str) -> bool:
    try:
        return urlsplit(arg).scheme in ("http", "https")
    except ValueError:  # `http://[::1`: a URL still, one that read_input rejects
        return arg[:8].lower().startswith(("http://", "https://"))


def _file_item(path: Path, name: str) -> InputItem | Reject:
    """A regular file as an input; anything else (a symbolic link loop or one to nothing, a
    FIFO that would block the run, a device, a socket) as the reason it cannot be read."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if path.is_symlink():
            if exc.errno == errno.ELOOP:
                return Reject(name, None, "symbolic link loop")
            return Reject(name, None, "dangling symbolic link (its target does not exist)")
        return Reject(name, None, f"cannot read: {exc.strerror or exc}")
    if not stat.S_ISREG(mode):
        return Reject(name, None, "not a regular file (a FIFO, socket or device)")
    # a name that is not UTF-8 (bytes from another system) is stored with its bytes escaped
    return InputItem(printable(name, MAX_NAME_CHARS), "file", path)


def _visible_files(directory: Path) -> Iterator[InputItem | Reject]:
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(directory, onerror=unreadable.append):
        while unreadable:  # os.walk skips a folder it cannot list: say so
            exc = unreadable.pop()
            name = exc.filename or root
            yield Reject(str(name), None, f"cannot read folder: {exc.strerror or exc}")
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield _file_item(Path(root) / name, str(Path(root) / name))
    for exc in unreadable:
        yield Reject(str(exc.filename or directory), None, f"cannot read folder: {exc.strerror}")


def expand_inputs(args: Sequence[str]) -> Iterator[InputItem | Reject]:
    """Each argument as files (directories recursively, hidden files skipped), URLs or stdin."""
    for arg in args:
        if arg == "-":
            yield InputItem("-", "stdin")
        elif is_url(arg):
            yield InputItem(arg, "url")
        elif Path(arg).is_dir():
            yield from _visible_files(Path(arg))
        elif Path(arg).exists() or Path(arg).is_symlink():
            yield _file_item(Path(arg), arg)
        else:
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield Reject(arg, None, "no such file, directory or glob match")
            for match in matches:
                path = Path(match)
                if path.is_dir():
                    yield from _visible_files(path)
                else:
                    yield _file_item(path, match)


def _read_stream(
    stream: BinaryIO,
    name: str,
    options: ReadOptions,
    url: str | None = None,
    media_type: str | None = None,
    size: int | None = None,
) -> Iterator[Record]:
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    if not head:
        yield Reject(name, None, "empty input")
        return
    reader = detect_reader(urlsplit(url).path if url else name, head, media_type)
    if not reader.container and size is not None and size > options.max_bytes:
        yield Reject(name, None, f"larger than the size cap of {options.max_bytes:,} bytes")
        return
    encoding = wide_encoding(head)
    if encoding and reader.name in ("jsonl", "csv"):  # read line by line, as UTF-8
        yield Reject(
            name,
            None,
            f"{encoding.upper()} text (it starts with a byte order mark): {reader.name.upper()} "
            f"is read as UTF-8 only; convert it (iconv -f {encoding.upper()} -t UTF-8)",
        )
        return
    if reader.name == "text" and looks_binary(head):
        yield Reject(name, None, "binary file (contains NUL bytes), not text")
        return
    yield from reader.read(stream, name, options, url)


def read_input(
    item: InputItem,
    options: ReadOptions,
    fetch_options: FetchOptions,
    stdin: BinaryIO | None = None,
) -> Iterator[Record]:
    """Every record of one input; problems become `Reject`s naming the input, never exceptions."""
    try:
        if item.kind == "file":
            assert item.path is not None
            with item.path.open("rb") as stream:
                yield from _read_stream(stream, item.name, options, size=item.path.stat().st_size)
        elif item.kind == "url":
            try:
                urlsplit(item.name)
            except ValueError as exc:
                yield Reject(item.name, None, f"invalid URL: {exc}")
                return
            fetched = fetch(item.name, fetch_options)
            yield from _read_stream(
                io.BytesIO(fetched.body),
                item.name,
                options,
                url=fetched.url,
                media_type=fetched.media_type,
            )
        else:
            # spooled to disk past a few MB: stdin can be a whole archive, and readers seek
            with tempfile.SpooledTemporaryFile(max_size=STDIN_MEMORY_BYTES) as spool:
                shutil.copyfileobj(stdin or sys.stdin.buffer, spool)
                size = spool.tell()
                spool.seek(0)
                yield from _read_stream(spool, "-", options, size=size)
    except (InputError, FetchError) as exc:
        yield Reject(item.name, None, str(exc))
    except OSError as exc:
        yield Reject(item.name, None, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a reader's bug or a parser's crash must not end the batch
        yield Reject(item.name, None, f"cannot read: {type(exc).__name__}: {exc}")
