"""Where the data file lives. Nothing is created here: the store creates files on first write.

The path is resolved once, through every symlink (realpath): the data file, its phases
folder, lock and journal all live beside the REAL file, so a write never replaces a link
with a plain file and the phases are never looked up beside the link.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "GLUTE_TUI_DB"
DB_NAME = "history.json"


class DataPathError(ValueError):
    """A data path that names no file at all (e.g. `--db ''`)."""


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("glute-tui", appauthor=False)) / DB_NAME


def resolve_db_path(cli_value: str | None, environ: dict[str, str] | None = None) -> Path:
    """--db wins, then $GLUTE_TUI_DB, then the platform's user data folder."""
    env = os.environ if environ is None else environ
    if cli_value is not None and not cli_value.strip():
        raise DataPathError("--db was given an empty path; give the data file's path")
    raw = cli_value or env.get(ENV_DB)
    path = Path(raw).expanduser() if raw and raw.strip() else default_db_path()
    return Path(os.path.realpath(path))
