"""HistoryStore's file side: opening (checking, migrating, moving a damaged file aside),
the cross-process lock, transactions with one commit point, the in-memory view and the
month files of phases. history.py adds the reads and writes the app calls; the file
layout is described there.

Every write holds the lock, re-reads the file if another process changed it, applies the
change, and replaces the file atomically. Reads come from memory while the file is unchanged.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout
from tinydb import TinyDB

from glute_tui.core.model import Assessment, SessionRow
from glute_tui.store import commit
from glute_tui.store.digest import build_digest, read_digest, write_digest
from glute_tui.store.errors import (
    DEFAULT_LOCK_TIMEOUT,
    LockedError,
    SaveError,
    StoreError,
    check_path,
)
from glute_tui.store.files import NotAFileError
from glute_tui.store.history_tables import (
    SCHEMA_VERSION,
    DamagedError,
    load_shard,
    migrate,
    schema_of,
    sibling,
    typed_views,
    views,
)
from glute_tui.store.journal import Journal
from glute_tui.store.storage import AtomicJSONStorage

T = TypeVar("T")
S = TypeVar("S", bound="StoreFiles")


class StoreFiles:
    """The files behind a HistoryStore. Thread-safe; every method may block on file I/O."""

    def __init__(self, path: Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.path = Path(os.path.realpath(path))  # beside the real file, never a link
        self.lock_timeout = lock_timeout
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.phases_dir = sibling(self.path, ".phases")
        self.journal = Journal(sibling(self.path, ".journal.json"))
        self.moved_aside: Path | None = None
        #: every damaged file kept aside (main file, phase files, journal), for notices
        self.kept_aside: list[Path] = []
        #: one plain line per thing the user must hear about (home notice, stderr)
        self.notices: list[str] = []
        #: True when the folder cannot hold a lock file: reads work, writes are refused
        self.read_only = False
        #: True when the last recovery found a journal owned by a live session elsewhere
        self.live_elsewhere = False
        self._lock_depth = 0
        self._staged: dict[Path, Path] = {}
        self._staged_data: dict[Path, dict[str, Any]] = {}
        self._settle_scan = True
        self._storage = AtomicJSONStorage(self.path)
        self._mutex = threading.RLock()
        self._view_key: tuple[int, int, int] | None = None
        self._rows: list[dict[str, Any]] = []
        self._kv: dict[str, Any] = {}
        self._assessments: list[dict[str, Any]] = []
        #: the same as frozen values (core/model.py), converted once per load
        self._typed: tuple[list[SessionRow], list[Assessment]] = ([], [])

    # ---- opening ----------------------------------------------------------------------
    @classmethod
    def open(cls: type[S], path: Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> S:
        store = cls(path, lock_timeout)
        check_path(store.path, write=False)  # writes check their own way (lock, replace)
        if not store.path.exists():
            return store  # nothing to read; files and folders appear on the first write
        with store._locked(read=True):
            store._load_or_move_aside()
            if not store.read_only and store.moved_aside is None:
                with contextlib.suppress(StoreError):
                    if store._settle(store._storage.read()):
                        store._refresh(force=True)
            if store._view_key is not None and read_digest(store.path) is None:
                store._write_digest()
        return store

    def _load_or_move_aside(self) -> None:
        """Read, check and only then migrate: bytes kept aside are always the originals."""
        try:
            data = self._storage.read()
        except FileNotFoundError:
            data = None
        except IsADirectoryError:
            raise StoreError(f"{self.path} is a folder; --db needs a file path") from None
        except PermissionError:
            raise StoreError(f"cannot read {self.path}: permission denied") from None
        except NotAFileError as exc:
            raise StoreError(f"{exc} (nothing was changed)") from None
        except (ValueError, UnicodeDecodeError, OSError):
            self._main_damaged()
            return
        if data is not None:
            # A file of this schema is checked once, by the _refresh below (nothing is
            # written before it); an older one is checked whole before it is migrated.
            try:
                if schema_of(data) != SCHEMA_VERSION:
                    migrated, changed = migrate(json.loads(json.dumps(data)))
                    rows, assessments, _ = views(migrated, self.path)
                    typed_views(rows, assessments, ([], []), self.path)
                    if changed and not self.read_only:
                        self._storage.write(migrated)
            except DamagedError:
                self._main_damaged()
                return
            except (KeyError, TypeError, AttributeError, ValueError):
                self._main_damaged()
                return
        try:
            self._refresh(force=True)
        except DamagedError:
            self._main_damaged()

    def _main_damaged(self) -> None:
        self.moved_aside = self._move_aside()
        self.kept_aside.append(self.moved_aside)  # said by the app / cli in their words
        self._storage.read()  # forget the cached view of the moved file
        self._refresh(force=True)

    def _move_aside(self, path: Path | None = None) -> Path:
        """Rename a damaged file to NAME.corrupt-STAMP.EXT beside it, bytes untouched."""
        path = self.path if path is None else path
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
        n = 1
        while target.exists():
            target = path.with_name(f"{path.stem}.corrupt-{stamp}-{n}{path.suffix}")
            n += 1
        try:
            os.replace(path, target)
        except OSError as exc:
            raise StoreError(
                f"{path} is damaged and cannot be moved aside ({exc.strerror or exc}); "
                "nothing was changed"
            ) from None
        return target

    # ---- locking and transactions -------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self, read: bool = False) -> Iterator[None]:
        """The cross-process lock, re-entrant within this store. A read (`read=True`) in a
        folder where no lock file can be created goes ahead unlocked: the file is only
        ever replaced atomically, so a reader sees the old or the new one, whole."""
        with self._mutex:
            if self._lock_depth:
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
                return
            lock: FileLock | None = FileLock(str(self.lock_path), timeout=self.lock_timeout)
            try:
                assert lock is not None
                lock.acquire()
            except Timeout:
                raise LockedError(
                    f"{self.path} is locked by another program for more than "
                    f"{self.lock_timeout:g} s; close the other glute-tui and try again"
                ) from None
            except OSError as exc:
                if read and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                    self.read_only = True
                    lock = None
                else:
                    raise StoreError(f"cannot lock {self.path}: {exc.strerror or exc}") from None
            self._lock_depth = 1
            try:
                yield
            finally:
                self._lock_depth = 0
                if lock is not None:
                    lock.release()

    def _db(self) -> TinyDB:
        storage = self._storage
        return TinyDB(storage=lambda: storage)

    def _transaction(self, change: Callable[[TinyDB], T]) -> T:
        """Apply `change` under the lock with ONE commit point (see commit.py): the main
        file is written once, after every month file it needs is staged."""
        with self._locked():
            try:
                data = self._storage.read()
            except (ValueError, UnicodeDecodeError, StoreError):
                raise StoreError(
                    f"{self.path} became unreadable while the app was open; "
                    "restart glute-tui to move it aside"
                ) from None
            except OSError as exc:
                raise StoreError(f"cannot read {self.path}: {exc.strerror or exc}") from None
            self._settle(data)
            tx = commit.new_tx()
            self._staged = {}
            self._staged_data = {}
            self._storage.begin_batch()
            try:
                if data is None:
                    self._storage.write(
                        {
                            "meta": {"1": {"schema": SCHEMA_VERSION}},
                            "sessions": {},
                            "assessments": {},
                            "kv": {},
                        }
                    )
                result = change(self._db())
                tables = self._storage.pending
                if tables is not None and self._staged_data:
                    for final, data_ in self._staged_data.items():
                        self._staged[final] = commit.stage(final, data_, tx)
                    commit.write_intent(self.path, tx, self._staged)
                    commit.set_tx(tables, tx)
                self._storage.commit_batch()  # the commit point
            except BaseException as exc:
                self._storage.abort_batch()
                commit.abandon(self.path, self._staged)
                self._staged = {}
                if isinstance(exc, OSError):
                    raise SaveError(
                        f"cannot write {self.path}: {exc.strerror or exc}; nothing was saved",
                        exc.errno,
                    ) from exc
                raise
            staged, self._staged = self._staged, {}
            with contextlib.suppress(OSError):  # else the next transaction rolls forward
                commit.finish(self.path, staged)
            self._refresh()
            self._write_digest()
        self._write_programme_cache()  # after the lock: a cache, keyed by the file it read
        return result

    def _settle(self, data: Mapping[str, Any] | None) -> bool:
        """Finish or undo a transaction a crash cut short (under the lock). True when
        there was one to settle (the files may have changed)."""
        if self.read_only:
            return False
        if not commit.intent_path(self.path).exists() and not self._phases_leftovers():
            return False
        with contextlib.suppress(OSError):
            commit.settle(self.path, self.phases_dir, data)
        return True

    def _phases_leftovers(self) -> bool:
        if not self._settle_scan:
            return False
        self._settle_scan = False  # a leftover staged file only exists after a crash
        return self.phases_dir.is_dir() and any(self.phases_dir.glob(".*.staged"))

    def _write_digest(self) -> None:
        """Refresh NAME.digest.json for `glute-tui stats` (under the lock). It is a cache:
        failing to write it never fails the write that triggered it."""
        from glute_tui.store import shipped

        if self._view_key is None or self.read_only:
            return
        try:
            target = shipped.protocols().hold.sessions_target
            write_digest(self.path, build_digest(self._rows, self._kv, target), self._view_key)
        except (OSError, ValueError):
            pass

    def _write_programme_cache(self) -> None:
        """Refresh NAME.programme.json for `glute-tui today` from the records just written.
        Outside the lock: the cache carries the identity of the file these records are, so
        a write another window makes meanwhile only leaves it unmatched (and ignored)."""
        from glute_tui.store import programme_cache

        if self._view_key is None or self.read_only:
            return
        rows, assessments, kv = self._rows, self._assessments, self._kv
        programme_cache.refresh(self.path, self._view_key, rows, assessments, kv)

    def check_programme_cache(self) -> bool:
        """Rebuild NAME.programme.json when it does not match the data file as it is (an
        upgrade, a file another program wrote, a deleted cache), so the next `glute-tui
        today` reads only the cache (the app runs this on its loading thread). True when
        it was rebuilt."""
        from glute_tui.core.routines.catalogue import IDS
        from glute_tui.store import programme_cache

        with self._mutex:
            key = self._view_key
            if key is None or self.read_only or key != self._storage.current_key():
                return False
            try:
                if programme_cache.load(self.path, programme_cache.conf(IDS)) is not None:
                    return False
            except (OSError, ValueError):  # the shipped files: `today` says what is wrong
                return False
            self._write_programme_cache()
            return True

    def refresh(self) -> bool:
        """Pick up another process's writes. Returns True when anything changed."""
        with self._mutex:
            if not self._storage.changed_on_disk():
                return False
            with self._locked(read=True):
                return self._refresh()

    def _refresh(self, force: bool = False) -> bool:
        key = self._storage.current_key()
        if not force and key == self._view_key and key is not None:
            return False
        data = self._storage.read() if key is not None else None
        rows, assessments, kv = views(data or {}, self.path)
        typed = typed_views(rows, assessments, self._typed, self.path)
        self._rows, self._assessments, self._kv, self._typed = rows, assessments, kv, typed
        self._view_key = key
        return True

    def check_phase_files(self) -> list[str]:
        """Read every month file once, so a damaged one is kept aside and told about at
        start-up rather than met later (the app runs this on its loading thread).
        Returns the notices added."""
        before = len(self.notices)
        if self.phases_dir.is_dir():
            for path in sorted(self.phases_dir.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9].json")):
                with contextlib.suppress(StoreError):
                    self._read_shard(path)
        return self.notices[before:]

    # ---- phase shards -------------------------------------------------------------------
    def _shard_path(self, started_at: str) -> Path:
        return self.phases_dir / f"{started_at[:7]}.json"

    def _read_shard(self, path: Path) -> dict[str, Any]:
        """One month's phases. A damaged month file is never skipped silently nor written
        over: it is moved aside (under the lock, after a second look) and the user told."""
        try:
            return load_shard(path)
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, StoreError):
            pass
        with self._locked(read=True):
            try:
                return load_shard(path)  # a second look, now that no writer is mid-way
            except FileNotFoundError:
                return {}
            except (OSError, ValueError, StoreError):
                pass
            if self.read_only:
                raise StoreError(
                    f"the phase file {path} is damaged and this folder is read-only, so it "
                    "cannot be moved aside; nothing was changed"
                ) from None
            kept = self._move_aside(path)
            self.kept_aside.append(kept)
            self.notices.append(
                f"The phase file {path.name} could not be read, so it was moved aside to "
                f"{kept}; nothing was deleted. Sessions of that month show no phases."
            )
            return {}

    def _write_phases(self, sessions: Iterable[Mapping[str, Any]]) -> None:
        """Inside a transaction: the month files these sessions need, staged for the
        transaction's commit (nothing lands in place before the main file does)."""
        for s in sessions:
            final = self._shard_path(s["started_at"])
            if final not in self._staged_data:
                self._staged_data[final] = self._read_shard(final)
            self._staged_data[final][s["id"]] = s["phases"]
