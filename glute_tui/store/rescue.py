"""Saving a live session somewhere else when its own data file cannot be written.

For the live-session screen when the final save fails (disk full, read-only): the session
it still holds in memory is written as a one-session glute-tui export to a path the user
picks, so `glute-tui import FILE` brings it back later. Nothing is lost quietly.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from glute_tui.core.records import EXPORT_FORMAT, EXPORT_VERSION, RecordError, validate_session
from glute_tui.store.errors import SaveError, StoreError


def session_export(session: Mapping[str, Any]) -> dict[str, Any]:
    """A whole export holding only this session (what `import` reads back)."""
    try:
        full = validate_session(session)
    except RecordError as exc:
        raise StoreError(f"the session cannot be saved: {exc}") from None
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "sessions": [full],
        "assessments": [],
    }


def save_session_elsewhere(session: Mapping[str, Any], path: Path) -> Path:
    """Write `session` to `path` atomically as an importable export; returns the full path.
    SaveError (with errno) when that place cannot be written either; StoreError when the
    path is a folder or its folder does not exist."""
    from glute_tui.store.export import save_user_file, to_json

    data = session_export(session)
    try:
        return save_user_file(Path(path).expanduser(), [to_json(data)])
    except StoreError as exc:
        if isinstance(exc.__context__, OSError):
            raise SaveError(str(exc), exc.__context__.errno) from None
        raise
