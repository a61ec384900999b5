"""The shipped defaults in data/, read from the installed package."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from glute_tui.core.library import Library, LibraryError, parse_library
from glute_tui.core.protocol import Protocols, parse_protocols
from glute_tui.store.data_files import read_text


def _read(name: str) -> Any:
    try:
        text = read_text(name)
    except (OSError, ModuleNotFoundError, UnicodeDecodeError) as exc:
        raise LibraryError(name, "file", f"cannot be read ({exc})") from None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise LibraryError(
            name, f"line {getattr(exc, 'lineno', '?')}", "is not valid JSON"
        ) from None


@cache
def library() -> Library:
    return parse_library(_read("exercises.json"), "data/exercises.json")


@cache
def protocols() -> Protocols:
    return parse_protocols(_read("protocols.json"), "data/protocols.json")
