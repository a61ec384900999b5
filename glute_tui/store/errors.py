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


class SaveError(StoreError):
    """A write failed (disk full, read-only, I/O error): nothing of it was saved.

    `errno` is the OS error number (errno.ENOSPC for a full disk) or None. The live
    session UI catches this to keep the session in memory, say why, retry, and offer
    `store.rescue.save_session_elsewhere()`."""

    def __init__(self, message: str, errno: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno


class JournalWriteError(SaveError):
    """A live-session journal write failed; the session in memory is intact."""


def check_path(path: Path, *, write: bool = True) -> None:
    """Refuse a data path that can never work, without creating or opening anything.

    Anything that exists and is not a regular file (a folder, device node, FIFO, socket)
    is refused: it is never read (a FIFO would block) and never renamed aside. With
    `write=False` (export, stats) a read-only file or folder is fine."""
    import stat

    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    except OSError as exc:
        raise StoreError(f"cannot use {path}: {exc.strerror or exc}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{path} is a folder; --db needs a file path")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise StoreError(
            f"{path} is {kind_of(st.st_mode)}, not a data file; give --db a regular file "
            "(nothing was changed)"
        )
    parent = path.parent
    probe = parent
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        raise StoreError(f"cannot create {path}: {probe} is a file, not a folder")
    if st is None and not write:
        return  # nothing to read, and nothing will be created
    if write and not os.access(probe, os.W_OK | os.X_OK):
        raise StoreError(f"cannot write to {probe}: permission denied")
    if st is not None:
        need = os.R_OK | (os.W_OK if write else 0)
        if not os.access(path, need):
            what = "read and write" if write else "read"
            raise StoreError(f"cannot {what} {path}: permission denied")


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


def kind_of(mode: int) -> str:
    """What a path that is not a regular file is, in words."""
    import stat

    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"
