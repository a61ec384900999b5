"""Checking a file name the user typed before anything is written to it."""

from __future__ import annotations

from pathlib import Path


def check_target(raw: str) -> Path | str:
    """The absolute path to write, or one plain line saying why that name cannot be used."""
    raw = raw.strip()
    if not raw:
        return "Type a file name to save to."
    try:
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = Path.cwd() / path
        path = path.resolve()  # a link: the file it points to is the one replaced
        if path.is_dir():
            return f"{path} is a folder; add a file name to it."
        if path.exists() and not path.is_file():
            return f"{path} is not a regular file (a pipe or a device); name a file."
        if not path.parent.is_dir():
            return f"The folder {path.parent} does not exist."
    except (OSError, ValueError, RuntimeError) as exc:  # too long, NUL, ~nobody...
        return f"That name cannot be used: {exc}."
    return path
