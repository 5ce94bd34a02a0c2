"""Input formats: each `Reader` turns one input's bytes into `RawArticle`s or `Reject`s.

Readers come from the `counterclaim_readers` hook (plugins installed under the
`counterclaim` entry-point group) and from the built-in modules listed in DEFAULT_READERS.
"""

from __future__ import annotations

import codecs
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import BinaryIO

import pluggy

from counterclaim.ingest import hookspecs
from counterclaim.model import RawArticle, Reject

Record = RawArticle | Reject

DEFAULT_READERS = (
    "counterclaim.ingest.text",
    "counterclaim.ingest.html",
    "counterclaim.ingest.tabular",
    "counterclaim.ingest.warc",
    "counterclaim.ingest.feed",
)


@dataclass(frozen=True)
class ReadOptions:
    max_bytes: int = 50 * 1024 * 1024  # one whole file of a single-article format
    max_record_bytes: int = 5 * 1024 * 1024  # one article inside a container (JSONL, WARC, ...)


class InputError(Exception):
    """An input that cannot be used at all; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    # `sniff(head)` says whether the first bytes look like this format (for stdin, URLs and
    # files with an unknown suffix)
    sniff: Callable[[bytes], bool]
    read: Callable[[BinaryIO, str, ReadOptions, str | None], Iterator[Record]]
    # single-document formats are size-capped as a whole; containers per record
    container: bool = False
    media_types: tuple[str, ...] = field(default=())


@cache
def plugin_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager("counterclaim")
    manager.add_hookspecs(hookspecs)
    for module_name in DEFAULT_READERS:
        manager.register(importlib.import_module(module_name), name=module_name)
    manager.load_setuptools_entrypoints("counterclaim")
    return manager


@cache
def all_readers() -> tuple[Reader, ...]:
    # pluggy calls the last registered first: plugins' readers come before the built-in ones,
    # so a plugin can take over a suffix
    return tuple(r for batch in plugin_manager().hook.counterclaim_readers() for r in batch)


def detect_reader(name: str, head: bytes, media_type: str | None = None) -> Reader:
    """By suffix, then by media type (URLs), then by the first bytes."""
    lowered = name.lower()
    by_suffix = sorted(
        ((s, r) for r in all_readers() for s in r.suffixes if lowered.endswith(s)),
        key=lambda pair: -len(pair[0]),  # .warc.gz before .gz
    )
    if by_suffix:
        return by_suffix[0][1]
    if media_type:
        for reader in all_readers():
            if media_type in reader.media_types:
                return reader
    for reader in all_readers():
        if reader.sniff(head):
            return reader
    if looks_binary(head):
        raise InputError("binary file (contains NUL bytes) in no supported format")
    raise InputError("unrecognised format")


# UTF-16 and UTF-32 text says so in its byte order mark (Windows tools write it); its NUL
# bytes are then characters, not a sign of a binary file. UTF-32 first: its LE mark starts
# with UTF-16's.
UNICODE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def wide_encoding(head: bytes) -> str | None:
    """`utf-16` or `utf-32` when the data starts with that byte order mark."""
    return next((name for bom, name in UNICODE_BOMS if head.startswith(bom)), None)


def looks_binary(head: bytes) -> bool:
    return b"\x00" in head[:8192] and wide_encoding(head) is None


def decode_text(data: bytes) -> str:
    """Strict UTF-8 (a BOM is dropped), or UTF-16/32 when a byte order mark says so: a wrong
    guess at an encoding would corrupt every span."""
    encoding = wide_encoding(data) or "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if encoding == "utf-8-sig" else f"{encoding.upper()} (its byte order mark)"
        raise InputError(f"cannot decode as {name} (invalid byte at offset {exc.start})") from exc


def read_capped(stream: BinaryIO, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"larger than the size cap of {limit:,} bytes")
    return data
