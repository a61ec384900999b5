"""The shipped data files (data/*.json, the package glute_tui.data), read from disk.

A plain file read where the package is a folder (every normal and editable install):
importlib.resources and the zipfile module it loads cost start-up several milliseconds.
A package that is not a folder (a zip) is read through importlib.resources.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

PACKAGE = "glute_tui.data"


def read_bytes(name: str) -> bytes:
    """The bytes of data/NAME; OSError or ModuleNotFoundError when it cannot be read."""
    where = getattr(import_module(PACKAGE), "__file__", None)  # data/ is mapped to it
    if where is not None:
        path = Path(where).parent / name
        if path.parent.is_dir():
            return path.read_bytes()
    from importlib import resources

    return resources.files(PACKAGE).joinpath(name).read_bytes()


def read_text(name: str) -> str:
    return read_bytes(name).decode("utf-8")
