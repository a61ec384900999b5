"""The shipped defaults in data/, read from the installed package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from glute_tui.core.library import Library, LibraryError, parse_library
from glute_tui.core.protocol import Protocols, parse_protocols

PACKAGE = "glute_tui.data"


def _read(name: str) -> Any:
    try:
        text = resources.files(PACKAGE).joinpath(name).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError) as exc:
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
