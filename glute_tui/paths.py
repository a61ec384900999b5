"""Where the data file lives. Nothing is created here: the store creates files on first write."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "GLUTE_TUI_DB"
DB_NAME = "history.json"


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("glute-tui", appauthor=False)) / DB_NAME


def resolve_db_path(cli_value: str | None, environ: dict[str, str] | None = None) -> Path:
    """--db wins, then $GLUTE_TUI_DB, then the platform's user data folder."""
    env = os.environ if environ is None else environ
    raw = cli_value or env.get(ENV_DB)
    if raw:
        return Path(raw).expanduser().absolute()
    return default_db_path()
