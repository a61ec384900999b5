"""Reading files a user can point at: regular files only, never a hang, strict JSON.

A device node, FIFO or socket given as the data file or an import file is refused before it
is read (a FIFO opened for reading blocks until a writer appears; a device may never end),
and nothing is renamed. JSON read from outside is parsed strictly: no NaN or Infinity, no
key twice in one object, no nesting deeper than MAX_DEPTH (checked before parsing, so
deep input cannot exhaust the stack) and no lone surrogates.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from glute_tui.store.errors import StoreError, kind_of

MAX_DEPTH = 32


class NotAFileError(StoreError):
    """The path names something that is not a regular file (device, FIFO, socket)."""


class StrictJSONError(ValueError):
    """Text that is JSON to Python's lenient parser but not to ours."""


def check_regular(path: Path) -> bool:
    """True when `path` is a regular file, False when it does not exist; NotAFileError
    when it is anything else. Never opens the path."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        return False
    if stat.S_ISREG(st.st_mode):
        return True
    raise NotAFileError(f"{path} is {kind_of(st.st_mode)}, not a regular file")


def read_regular_bytes(path: Path) -> bytes:
    """The bytes of a regular file. FileNotFoundError when absent, NotAFileError when the
    path is not a regular file (checked on the open descriptor: no race, no hang)."""
    if not check_regular(path):
        raise FileNotFoundError(2, "No such file or directory", str(path))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotAFileError(f"{path} is {kind_of(st.st_mode)}, not a regular file")
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_regular_text(path: Path) -> str:
    return read_regular_bytes(path).decode("utf-8")


def _reject_constant(name: str) -> Any:
    raise StrictJSONError(f"{name} is not a JSON number")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise StrictJSONError(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_depth(text: str) -> int:
    """The deepest nesting of [ and { in JSON text (brackets inside strings ignored)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _check_strings(value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if item.isascii():
                continue
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise StrictJSONError("the text holds a lone surrogate (\\ud800-\\udfff)") from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def strict_loads(text: str, max_depth: int = MAX_DEPTH) -> Any:
    """json.loads that refuses NaN/Infinity, duplicate keys, deep nesting, lone surrogates."""
    if json_depth(text) > max_depth:
        raise StrictJSONError(f"the data is nested more than {max_depth} levels deep")
    value = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    _check_strings(value)
    return value
