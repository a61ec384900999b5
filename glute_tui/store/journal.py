"""The live-session journal: one small file, one durable write per completed phase.

It is kept apart from the history so the cost of a durable write does not grow with years
of data. A journal that still holds a session on start-up means the app did not finish it.

A live session OWNS its journal: `begin()` takes an OS lock (filelock on
`NAME.journal.json.lock`) that is held until `clear()` (the session was saved) or until
the process ends. The OS drops the lock when the owner dies, so a journal whose lock can be
taken is an orphan and may be recovered; one whose lock is held belongs to a session running
in another window and must be left alone (see `journal_owner_alive`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from glute_tui.store.atomic import atomic_write_json
from glute_tui.store.errors import JournalWriteError, StoreError


class JournalBusyError(StoreError):
    """Another window's live session owns this journal."""


def owner_lock_path(journal_path: Path) -> Path:
    return journal_path.with_name(journal_path.name + ".lock")


class JournalOwner:
    """The OS lock that marks a journal as owned by a running session.

    Not thread-local: a session's writes run on a writer thread, its end on another."""

    def __init__(self, journal_path: Path) -> None:
        self.lock_path = owner_lock_path(journal_path)
        self._lock = FileLock(str(self.lock_path), timeout=0, thread_local=False)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def try_acquire(self, wait_s: float = 0.0) -> bool:
        """Take the lock, waiting up to `wait_s`. False when someone else holds it; OSError
        when the lock file cannot be created (a read-only folder)."""
        if self._lock.is_locked:
            return True
        try:
            self._lock.acquire(timeout=wait_s)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)


#: how long a new session waits for the journal: a command recovering an orphan holds it
#: for one save; a live session in another window holds it for good
CLAIM_WAIT_S = 3.0


def claim_journal(journal_path: Path, wait_s: float = CLAIM_WAIT_S) -> JournalOwner:
    """Take ownership of a journal, or raise JournalBusyError when a live session in
    another window owns it (StoreError when the lock cannot be created at all)."""
    owner = JournalOwner(journal_path)
    try:
        got = owner.try_acquire(wait_s)
    except OSError as exc:
        raise StoreError(
            f"cannot lock {journal_path}: {exc.strerror or exc}; the session cannot be journaled"
        ) from None
    if not got:
        raise JournalBusyError(
            "a session is running in another glute-tui window on this data file; "
            "finish or close it there first"
        )
    return owner


def journal_owner_alive(journal_path: Path) -> bool:
    """True when a running session (in any process) owns this journal."""
    owner = JournalOwner(journal_path)
    try:
        got = owner.try_acquire()
    except OSError:
        # The lock file cannot be created here (read-only folder): no session could have
        # created it either, unless it already exists and is only unreadable to us.
        return _held_read_only(owner.lock_path)
    if got:
        owner.release()
        return False
    return True


def _held_read_only(lock_path: Path) -> bool:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not Unix
        return False
    try:
        fd = os.open(lock_path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: dict[str, Any] | None = None
        self._owner: JournalOwner | None = None

    def claim(self) -> None:
        """Own the journal (idempotent). JournalBusyError when another window does."""
        if self._owner is None or not self._owner.held:
            self._owner = claim_journal(self.path)

    @property
    def owned(self) -> bool:
        return self._owner is not None and self._owner.held

    def release(self) -> None:
        """Give up ownership without deleting the journal (what a crash does)."""
        if self._owner is not None:
            self._owner.release()
            self._owner = None
        self._data = None

    def begin(self, session: dict[str, Any], resume: dict[str, Any] | None = None) -> None:
        """Start journaling a session header (no phases yet). `resume` is free-form state the
        screen needs to pick the session up again (settings, sides, timeline position).
        Takes ownership of the journal first; JournalBusyError when another window owns it."""
        self.claim()
        self._data = {"session": dict(session, phases=[]), "resume": resume or {}}
        self._write()

    def append(self, phase: dict[str, Any], **resume: Any) -> None:
        if self._data is None:
            raise RuntimeError("journal.begin() was not called")
        self._data["session"]["phases"].append(phase)
        self._data["resume"].update(resume)
        self._write()

    def update(self, **fields: Any) -> None:
        if self._data is None:
            raise RuntimeError("journal.begin() was not called")
        self._data["session"].update(fields)
        self._write()

    def _write(self) -> None:
        """Write the whole journal; JournalWriteError (with errno) when the disk refuses.
        The data stays in memory, so the next write (a retry) carries everything."""
        try:
            atomic_write_json(self.path, self._data)
        except OSError as exc:
            raise JournalWriteError(
                f"cannot write the session journal {self.path.name}: {exc.strerror or exc}",
                exc.errno,
            ) from exc

    def retry(self) -> None:
        """Write the journal again (after a JournalWriteError), with every phase so far."""
        if self._data is None:
            raise RuntimeError("journal.begin() was not called")
        self._write()

    @property
    def in_memory(self) -> dict[str, Any] | None:
        """The journaled session as this process holds it (even when the disk refused)."""
        return None if self._data is None else json.loads(json.dumps(self._data))

    @property
    def active(self) -> bool:
        return self._data is not None

    def read(self) -> dict[str, Any] | None:
        """The journal on disk, or None when there is none (or it is unreadable)."""
        try:
            data = self.read_strict()
        except (OSError, ValueError, StoreError):
            return None
        return data

    def read_strict(self) -> dict[str, Any] | None:
        """The journal on disk; None when there is none; ValueError when it is damaged."""
        from glute_tui.store.files import read_regular_text

        try:
            text = read_regular_text(self.path)
        except FileNotFoundError:
            return None
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("session"), dict):
            raise ValueError("the journal does not hold a session")
        return data

    def clear(self) -> None:
        """The session is saved: delete the journal, then give up ownership."""
        self._data = None
        self.path.unlink(missing_ok=True)
        if self._owner is not None:
            self._owner.release()
            self._owner = None
