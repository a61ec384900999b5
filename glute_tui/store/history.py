"""The history file: a TinyDB database written atomically under a cross-process lock.

Layout next to the data file `NAME.json`:
- `NAME.json`            TinyDB tables: meta (schema), sessions (rows without phases),
                         assessments, kv (plan, settings, cues, pauses)
- `NAME.phases/YYYY-MM.json`  every session's phases, one file per month, so saving a
                         session rewrites a month, not ten years
- `NAME.journal.json`    the live-session journal (journal.py); `.lock` beside it is the
                         OS lock its live session holds (ownership; recovery.py)
- `NAME.json.lock`       the lock every write holds
- `NAME.commit.json`     only mid-write: the staged month files of one transaction
                         (commit.py), so a crash leaves the old state or the new

Every write holds the lock, re-reads the file if another process changed it, applies the
change, and replaces the file atomically. Reads come from memory while the file is unchanged.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout
from tinydb import TinyDB

from glute_tui.core.cues import clean, list_problem
from glute_tui.core.plan import Plan
from glute_tui.core.records import (
    routine_ids,
    row_to_session,
    session_row,
    validate_assessment,
    validate_session,
)
from glute_tui.store import commit
from glute_tui.store.digest import build_digest, read_digest, write_digest
from glute_tui.store.errors import (
    DEFAULT_LOCK_TIMEOUT,
    LockedError,
    SaveError,
    StoreError,
    check_path,
)
from glute_tui.store.files import NotAFileError, read_regular_bytes
from glute_tui.store.journal import Journal
from glute_tui.store.storage import AtomicJSONStorage

__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "HistoryStore",
    "LockedError",
    "StaleCues",
    "StoreError",
    "check_path",
]

SCHEMA_VERSION = 1
TABLES = ("sessions", "assessments", "kv")
T = TypeVar("T")


class StaleCues(StoreError):
    """A cue save was refused: the file no longer holds the cues the editor loaded (another
    window saved since). `current` is what the file holds now (None = the shipped cues)."""

    def __init__(self, exercise_id: str, current: tuple[str, ...] | None) -> None:
        super().__init__(f"the cues for {exercise_id} were changed in another window")
        self.exercise_id = exercise_id
        self.current = current


def _valid_cues(value: Any) -> tuple[str, ...] | None:
    """A stored cue list as the app reads it: a list breaking the rules counts as shipped."""
    ok = isinstance(value, list) and all(isinstance(c, str) for c in value)
    return tuple(value) if ok and list_problem(value) is None else None


# ---- migrations: small pure functions from version N to N+1 ----------------------------
def _migrate_0_to_1(tables: dict[str, Any]) -> dict[str, Any]:
    """Files written before the schema was recorded: add the meta table."""
    tables.setdefault("sessions", {})
    tables.setdefault("assessments", {})
    tables.setdefault("kv", {})
    tables["meta"] = {"1": {"schema": 1}}
    return tables


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_0_to_1}


def schema_of(tables: Mapping[str, Any]) -> int:
    meta = tables.get("meta") or {}
    for doc in meta.values():
        if isinstance(doc, Mapping) and isinstance(doc.get("schema"), int):
            return int(doc["schema"])
    return 0


def migrate(tables: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Bring a file's tables up to SCHEMA_VERSION. Returns (tables, changed)."""
    version = schema_of(tables)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the data file was written by a newer glute-tui (schema {version}); "
            "update glute-tui to open it"
        )
    changed = False
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        changed = True
    return tables, changed


# ---- paths -----------------------------------------------------------------------------
def sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.stem + suffix)


class HistoryStore:
    """All persistent state. Thread-safe; every method may block on file I/O, so UI code
    calls it from a worker thread."""

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
        self._view_key: object = None
        self._rows: list[dict[str, Any]] = []
        self._kv: dict[str, Any] = {}
        self._assessments: list[dict[str, Any]] = []

    # ---- opening ----------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> HistoryStore:
        store = cls(path, lock_timeout)
        check_path(store.path, write=False)  # writes check their own way (lock, replace)
        if not store.path.exists():
            return store  # nothing to read; files and folders appear on the first write
        with store._locked(read=True):
            store._load_or_move_aside()
            if not store.read_only and store.moved_aside is None:
                with contextlib.suppress(StoreError):
                    store._settle(store._storage.read())
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
            try:
                migrated, changed = migrate(json.loads(json.dumps(data)))
                _views(migrated, self.path)
            except DamagedError:
                self._main_damaged()
                return
            except (KeyError, TypeError, AttributeError, ValueError):
                self._main_damaged()
                return
            if changed and not self.read_only:
                self._storage.write(migrated)
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
            return result

    def _settle(self, data: Mapping[str, Any] | None) -> None:
        """Finish or undo a transaction a crash cut short (under the lock)."""
        if self.read_only:
            return
        if not commit.intent_path(self.path).exists() and not self._phases_leftovers():
            return
        with contextlib.suppress(OSError):
            commit.settle(self.path, self.phases_dir, data)

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
        rows, assessments, kv = _views(data or {}, self.path)
        self._rows, self._assessments, self._kv = rows, assessments, kv
        self._view_key = key
        return True

    # ---- reads (memory) -----------------------------------------------------------------
    @property
    def exists(self) -> bool:
        return self.path.exists()

    def rows(self) -> list[dict[str, Any]]:
        """Session rows (no phases), oldest first."""
        return list(self._rows)

    def assessments(self) -> list[dict[str, Any]]:
        return list(self._assessments)

    def kv(self, key: str, default: Any = None) -> Any:
        return self._kv.get(key, default)

    def plan(self) -> Plan:
        raw = self._kv.get("plan")
        if isinstance(raw, Mapping):
            with contextlib.suppress(ValueError, TypeError):
                return Plan.from_dict(raw)
        return Plan()

    def settings(self) -> dict[str, Any]:
        value = self._kv.get("settings")
        return dict(value) if isinstance(value, Mapping) else {}

    def cue_overrides(self) -> dict[str, list[str]]:
        """The user's cue lists. An entry that breaks the cue rules (only possible by
        editing the file by hand) is skipped, so that exercise falls back to the shipped
        cues; it stays in the file untouched until the user saves new cues for it."""
        value = self._kv.get("cues")
        if not isinstance(value, Mapping):
            return {}
        return {
            k: list(v)
            for k, v in value.items()
            if isinstance(v, list)
            and all(isinstance(c, str) for c in v)
            and list_problem(v) is None
        }

    def pauses(self) -> list[dict[str, str]]:
        value = self._kv.get("pauses")
        return [dict(p) for p in value] if isinstance(value, list) else []

    def has_session(self, session_id: str) -> bool:
        return any(r["id"] == session_id for r in self._rows)

    def session(self, session_id: str) -> dict[str, Any] | None:
        """A whole session with its phases (reads one month file)."""
        row = next((r for r in self._rows if r["id"] == session_id), None)
        if row is None:
            return None
        shard = self._read_shard(self._shard_path(row["started_at"]))
        return row_to_session(row, list(shard.get(session_id, [])))

    def sessions(self) -> Iterator[dict[str, Any]]:
        """Every whole session, oldest first, reading each month file once."""
        cache: dict[Path, dict[str, Any]] = {}
        for row in self._rows:
            shard_path = self._shard_path(row["started_at"])
            if shard_path not in cache:
                cache.clear()
                cache[shard_path] = self._read_shard(shard_path)
            yield row_to_session(row, list(cache[shard_path].get(row["id"], [])))

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
            return _load_shard(path)
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, StoreError):
            pass
        with self._locked(read=True):
            try:
                return _load_shard(path)  # a second look, now that no writer is mid-way
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

    # ---- writes -------------------------------------------------------------------------
    def add_session(self, session: Mapping[str, Any]) -> dict[str, Any]:
        """Save a finished session. Saving the same id again replaces it."""
        full = validate_session(session)
        row = session_row(full)

        def change(db: TinyDB) -> dict[str, Any]:
            self._write_phases([full])  # phases first: a row never points at nothing
            table = db.table("sessions")
            existing = [d.doc_id for d in table.all() if d.get("id") == full["id"]]
            if existing:
                table.update(_replace_with(row), doc_ids=existing)
            else:
                table.insert(row)
            return row

        return self._transaction(change)

    def update_session(self, session_id: str, **fields: Any) -> None:
        """Set header fields (pain_after, effort, note, pain_next_morning...) of a session."""
        if "phases" in fields or "id" in fields:
            raise ValueError("use add_session to change phases or ids")

        def change(db: TinyDB) -> None:
            table = db.table("sessions")
            ids = [d.doc_id for d in table.all() if d.get("id") == session_id]
            if not ids:
                raise StoreError(f"no session {session_id} in the history")
            current = dict(table.get(doc_id=ids[0]) or {})
            current.update(fields)
            validate_session(dict(current, phases=[]))
            table.update(fields, doc_ids=ids)

        self._transaction(change)

    def add_assessment(self, assessment: Mapping[str, Any], plan: Plan | None) -> None:
        """Save an assessment and, unless it is a red flag (plan None), the plan it implies."""
        record = validate_assessment(assessment)

        def change(db: TinyDB) -> None:
            table = db.table("assessments")
            if not any(d.get("id") == record["id"] for d in table.all()):
                table.insert(record)
            if plan is not None:
                _put(db, "plan", plan.to_dict())

        self._transaction(change)

    def set_kv(self, key: str, value: Any) -> None:
        self._transaction(lambda db: _put(db, key, value))

    def set_plan(self, plan: Plan) -> None:
        self.set_kv("plan", plan.to_dict())

    def set_setting(self, key: str, value: Any) -> None:
        def change(db: TinyDB) -> None:
            settings = dict(_get(db, "settings") or {})
            settings[key] = value
            _put(db, "settings", settings)

        self._transaction(change)

    def set_cues(self, exercise_id: str, cues: list[str] | None) -> None:
        """Store a user's cue list for an exercise; None returns it to the shipped cues."""
        self.set_cues_many({exercise_id: cues})

    def set_cues_many(self, changes: Mapping[str, Sequence[str] | None]) -> None:
        """Set several exercises' cue lists in one transaction (None = back to shipped).
        Every list is checked against the cue rules first; a bad one writes nothing."""
        for exercise_id, cues in changes.items():
            problem = None if cues is None else list_problem(cues)
            if problem is not None:
                raise StoreError(f"cues for {exercise_id}: {problem}")

        def change(db: TinyDB) -> None:
            overrides = dict(_get(db, "cues") or {})
            for exercise_id, cues in changes.items():
                if cues is None:
                    overrides.pop(exercise_id, None)
                else:
                    overrides[exercise_id] = [clean(c) for c in cues]
            _put(db, "cues", overrides)

        self._transaction(change)

    def save_cues(
        self,
        exercise_id: str,
        cues: Sequence[str] | None,
        expected: Sequence[str] | None,
    ) -> None:
        """Compare-and-set one exercise's cues: save `cues` (None = back to shipped) only if
        the file still holds `expected` (what the caller loaded; None = shipped). Otherwise
        raise StaleCues and write nothing; this store's view then shows the file."""
        problem = None if cues is None else list_problem(cues)
        if problem is not None:
            raise StoreError(f"cues for {exercise_id}: {problem}")
        want = None if expected is None else tuple(clean(c) for c in expected)

        def change(db: TinyDB) -> None:
            overrides = dict(_get(db, "cues") or {})
            have = _valid_cues(overrides.get(exercise_id))
            if have != want:
                self._refresh()  # under the lock: this store now shows the file
                raise StaleCues(exercise_id, have)
            if cues is None:
                overrides.pop(exercise_id, None)
            else:
                overrides[exercise_id] = [clean(c) for c in cues]
            _put(db, "cues", overrides)

        self._transaction(change)

    def set_day_note(self, day: str, text: str | None) -> dict[str, str]:
        """Set (or, with empty text, remove) the note of one calendar day, YYYY-MM-DD, in
        one locked read-modify-write; returns every day note."""
        from datetime import date

        date.fromisoformat(day)  # ValueError for anything that is not a day
        clean_text = (text or "").strip()

        def change(db: TinyDB) -> dict[str, str]:
            notes = dict(_get(db, "day_notes") or {})
            if clean_text:
                notes[day] = clean_text
            else:
                notes.pop(day, None)
            _put(db, "day_notes", notes)
            return notes

        return self._transaction(change)

    def set_pauses(self, pauses: list[dict[str, str]]) -> None:
        self.set_kv("pauses", [dict(p) for p in pauses])

    def add_pause(self, pause: Mapping[str, str]) -> list[dict[str, str]]:
        """Add one injury pause to the pauses *in the file* (another glute-tui may have
        added one since this one read them). Returns the pauses now saved, by start."""
        return self._change_pauses(lambda have: [*have, dict(pause)])

    def remove_pause(self, pause: Mapping[str, str]) -> list[dict[str, str]]:
        """Remove one injury pause (equal start and end) from the pauses in the file."""
        return self._change_pauses(lambda have: [p for p in have if p != dict(pause)])

    def _change_pauses(
        self, edit: Callable[[list[dict[str, str]]], list[dict[str, str]]]
    ) -> list[dict[str, str]]:
        def change(db: TinyDB) -> list[dict[str, str]]:
            raw = _get(db, "pauses")
            have = [dict(p) for p in raw] if isinstance(raw, list) else []
            new: list[dict[str, str]] = []
            for p in edit(have):
                if p not in new:
                    new.append(p)
            new.sort(key=lambda p: (p.get("start", ""), p.get("end", "")))
            _put(db, "pauses", new)
            return new

        return self._transaction(change)

    def merge(
        self,
        sessions: list[dict[str, Any]],
        assessments: list[dict[str, Any]],
        kv: Mapping[str, Any] | None = None,
    ) -> tuple[int, int]:
        """Add sessions and assessments whose ids are new; restore kv entries given.
        Everything must already be validated. Returns (sessions added, assessments added)."""

        def change(db: TinyDB) -> tuple[int, int]:
            st = db.table("sessions")
            have = {d.get("id") for d in st.all()}
            new_sessions = [s for s in _unique(sessions) if s["id"] not in have]
            self._write_phases(new_sessions)
            st.insert_multiple(session_row(s) for s in new_sessions)
            at = db.table("assessments")
            have_a = {d.get("id") for d in at.all()}
            new_a = [a for a in _unique(assessments) if a["id"] not in have_a]
            at.insert_multiple(new_a)
            for key, value in (kv or {}).items():
                _put(db, key, _merged(key, _get(db, key), value))
            return len(new_sessions), len(new_a)

        return self._transaction(change)

    def is_empty(self) -> bool:
        return not self._rows and not self._assessments

    # ---- crash recovery -----------------------------------------------------------------
    def recover_journal(self, now: datetime | None = None) -> dict[str, Any] | None:
        """Move an orphaned journaled session into the history as `interrupted`.

        Only a journal whose owner is gone is taken (see journal.py); one a live session in
        another window owns is left alone and `live_elsewhere` is set. Returns the journal
        (session + resume state) so a screen can offer to resume, or None."""
        from glute_tui.store.recovery import recover

        return recover(self)

    def live_session_elsewhere(self) -> bool:
        """True when a session running in another window owns this data file's journal."""
        from glute_tui.store.journal import journal_owner_alive

        if self.journal.owned:
            return False
        return self.journal.path.exists() and journal_owner_alive(self.journal.path)


class DamagedError(StoreError):
    """The file is JSON, but its tables do not have the shape glute-tui writes."""


def _views(
    data: Mapping[str, Any], path: Path
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """The rows, assessments and kv of a file's tables; DamagedError when the shape is
    not what glute-tui writes (a hand edit, another program)."""
    try:
        if any(not isinstance(data.get(t, {}), dict) for t in ("meta", *TABLES)):
            raise ValueError("a table is not a JSON object")
        rows = sorted(
            (dict(r) for r in (data.get("sessions") or {}).values()),
            key=lambda r: (r["started_at"], r["id"]),
        )
        assessments = sorted(
            (dict(a) for a in (data.get("assessments") or {}).values()),
            key=lambda a: (a["taken_at"], a["id"]),
        )
        kv = {d["key"]: d["value"] for d in (data.get("kv") or {}).values()}
        _check_rows(rows, assessments)
    except (KeyError, TypeError, AttributeError, ValueError):
        # Valid JSON, but not the shape this file must have: as unreadable as broken
        # JSON, and never a crash later on.
        raise DamagedError(
            f"{path} holds entries glute-tui cannot read; restart glute-tui to move it aside"
        ) from None
    return rows, assessments, kv


def _load_shard(path: Path) -> dict[str, Any]:
    data = json.loads(read_regular_bytes(path))
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise ValueError(f"{path} is not a phase file")
    return data


def _check_rows(rows: list[dict[str, Any]], assessments: list[dict[str, Any]]) -> None:
    """The fields every screen and `stats` rely on, so a damaged row fails here, once."""
    for r in rows:
        if not (
            isinstance(r["id"], str)
            and isinstance(r["started_at"], str)
            and isinstance(r["day"], str)
            and r["routine"] in routine_ids()
            and isinstance(r["status"], str)
        ):
            raise ValueError("a session row is damaged")
    for a in assessments:
        if not (isinstance(a["id"], str) and isinstance(a["taken_at"], str)):
            raise ValueError("an assessment is damaged")


def _merged(key: str, have: Any, incoming: Any) -> Any:
    """What an import (or a demo history) leaves for a kv entry the file already has.

    An import merges: pauses are joined, settings and cue lists are laid over the ones in
    the file (what the file has and the import lacks stays), and the newer plan wins. So
    importing an older backup never drops a pause, cue edit or plan made since."""
    if have is None:
        return incoming
    if key == "pauses" and isinstance(have, list) and isinstance(incoming, list):
        out: list[Any] = []
        for p in [*have, *incoming]:
            if p not in out:
                out.append(p)
        return sorted(out, key=lambda p: (str(p.get("start")), str(p.get("end"))))
    if (
        key in ("settings", "cues", "day_notes")
        and isinstance(have, Mapping)
        and isinstance(incoming, Mapping)
    ):
        return {**have, **incoming}
    if key == "plan" and isinstance(have, Mapping) and isinstance(incoming, Mapping):
        newer = str(incoming.get("created_at") or "") >= str(have.get("created_at") or "")
        return incoming if newer else have
    return incoming


def _replace_with(row: dict[str, Any]) -> Callable[[MutableMapping[Any, Any]], None]:
    def transform(doc: MutableMapping[Any, Any]) -> None:
        doc.clear()
        doc.update(row)

    return transform


def _unique(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item["id"] not in seen:
            seen.add(item["id"])
            out.append(item)
    return out


def _get(db: TinyDB, key: str) -> Any:
    for doc in db.table("kv").all():
        if doc.get("key") == key:
            return doc.get("value")
    return None


def _put(db: TinyDB, key: str, value: Any) -> None:
    table = db.table("kv")
    ids = [d.doc_id for d in table.all() if d.get("key") == key]
    if ids:
        table.update({"value": value}, doc_ids=ids)
    else:
        table.insert({"key": key, "value": value})


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
