"""Errors the user can act on, and the cheap checks that raise them.

Kept free of TinyDB and filelock so the app can check its data path before loading them.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

DEFAULT_LOCK_TIMEOUT = 5.0


class StoreError(Exception):
    """A problem the user can act on; the message is one plain sentence."""


class LockedError(StoreError):
    pass


def check_path(path: Path) -> None:
    """Refuse a data path that can never work, without creating anything."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder; --db needs a file path")
    parent = path.parent
    probe = parent
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise StoreError(f"cannot create {path}: {probe} is a file, not a folder")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise StoreError(f"cannot write to {probe}: permission denied")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"cannot read and write {path}: permission denied")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def probe_lock(path: Path, timeout: float) -> None:
    """Raise LockedError when another program holds the data file's lock for `timeout` s.

    Uses flock directly (what filelock uses on Unix) so start-up need not import filelock.
    """
    lock = lock_path(path)
    if not path.exists() or not lock.exists():
        return
    try:
        import fcntl
    except ImportError:  # not Unix: the first real write will wait on filelock instead
        return
    fd = os.open(lock, os.O_RDWR)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockedError(
                        f"{path} is locked by another program for more than {timeout:g} s; "
                        "close the other glute-tui and try again"
                    ) from None
                time.sleep(0.05)
            else:
                fcntl.flock(fd, fcntl.LOCK_UN)
                return
    finally:
        os.close(fd)
