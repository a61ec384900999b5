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

The code is in three modules: history_tables.py (migrations, the checked views, kv helpers),
history_files.py (StoreFiles: lock, transactions, month files) and this one (HistoryStore:
the reads and writes the app calls). Everything stays importable from here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from glute_tui.core.cues import clean, list_problem
from glute_tui.core.model import Assessment, Recovered, Session, SessionRow
from glute_tui.core.plan import Plan
from glute_tui.core.records import (
    row_to_session,
    session_row,
    validate_assessment,
    validate_session,
)
from glute_tui.store.errors import (
    DEFAULT_LOCK_TIMEOUT,
    LockedError,
    StoreError,
    check_path,
)
from glute_tui.store.history_files import StoreFiles
from glute_tui.store.history_tables import (
    SCHEMA_VERSION,
    DamagedError,
    kv_get,
    kv_put,
    merged_kv,
    migrate,
    replace_with,
    schema_of,
    sibling,
    unique,
    utc_now,
)

__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "SCHEMA_VERSION",
    "DamagedError",
    "HistoryStore",
    "LockedError",
    "StaleCues",
    "StoreError",
    "check_path",
    "migrate",
    "schema_of",
    "sibling",
    "utc_now",
]


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


class HistoryStore(StoreFiles):
    """All persistent state. Thread-safe; every method may block on file I/O, so UI code
    calls it from a worker thread. The file side (lock, transactions, month files) is
    StoreFiles (history_files.py); this class holds what the app reads and writes."""

    # ---- reads (memory) -----------------------------------------------------------------
    @property
    def exists(self) -> bool:
        return self.path.exists()

    def rows(self) -> list[SessionRow]:
        """Session rows (no phases), oldest first, as frozen values (converted once per
        load of the file, not per call)."""
        return list(self._typed[0])

    def assessments(self) -> list[Assessment]:
        """Every assessment, oldest first, as frozen values."""
        return list(self._typed[1])

    def row_dicts(self) -> list[dict[str, Any]]:
        """The rows as the JSON dicts of the file, for the store's own code and export;
        copies, so a caller cannot change the store's view."""
        return [dict(r) for r in self._rows]

    def assessment_dicts(self) -> list[dict[str, Any]]:
        """The assessments as the JSON dicts of the file (export, import); copies."""
        return [dict(a) for a in self._assessments]

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

    def session(self, session_id: str) -> Session | None:
        """A whole session with its phases (reads one month file), typed. RecordError (a
        ValueError) when the month file holds phases this version cannot read."""
        raw = self.session_dict(session_id)
        return None if raw is None else Session.from_dict(raw)

    def session_dict(self, session_id: str) -> dict[str, Any] | None:
        """The same session as the JSON dict the export and the journal use."""
        row = next((r for r in self._rows if r["id"] == session_id), None)
        if row is None:
            return None
        shard = self._read_shard(self._shard_path(row["started_at"]))
        return row_to_session(row, list(shard.get(session_id, [])))

    def sessions(self) -> Iterator[Session]:
        """Every whole session, oldest first, typed, reading each month file once."""
        for raw in self.session_dicts():
            yield Session.from_dict(raw)

    def session_dicts(self) -> Iterator[dict[str, Any]]:
        """The same as the JSON dicts the export writes."""
        cache: dict[Path, dict[str, Any]] = {}
        for row in self._rows:
            shard_path = self._shard_path(row["started_at"])
            if shard_path not in cache:
                cache.clear()
                cache[shard_path] = self._read_shard(shard_path)
            yield row_to_session(row, list(cache[shard_path].get(row["id"], [])))

    # ---- writes -------------------------------------------------------------------------
    def add_session(self, session: Session | Mapping[str, Any]) -> SessionRow:
        """Save a finished session (typed, or its JSON dict). Saving the same id again
        replaces it. Returns the row saved."""
        raw = session.to_dict() if isinstance(session, Session) else session
        full = validate_session(raw)
        row = session_row(full)

        def change(db: TinyDB) -> dict[str, Any]:
            self._write_phases([full])  # phases first: a row never points at nothing
            table = db.table("sessions")
            existing = [d.doc_id for d in table.all() if d.get("id") == full["id"]]
            if existing:
                table.update(replace_with(row), doc_ids=existing)
            else:
                table.insert(row)
            return row

        return SessionRow.from_dict(self._transaction(change))

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

    def add_assessment(self, assessment: Assessment | Mapping[str, Any], plan: Plan | None) -> None:
        """Save an assessment (typed, or its JSON dict) and, unless it is a red flag (plan
        None), the plan it implies."""
        raw = assessment.to_dict() if isinstance(assessment, Assessment) else assessment
        record = validate_assessment(raw)

        def change(db: TinyDB) -> None:
            table = db.table("assessments")
            if not any(d.get("id") == record["id"] for d in table.all()):
                table.insert(record)
            if plan is not None:
                kv_put(db, "plan", plan.to_dict())

        self._transaction(change)

    def set_kv(self, key: str, value: Any) -> None:
        self._transaction(lambda db: kv_put(db, key, value))

    def set_plan(self, plan: Plan) -> None:
        self.set_kv("plan", plan.to_dict())

    def set_setting(self, key: str, value: Any) -> None:
        def change(db: TinyDB) -> None:
            settings = dict(kv_get(db, "settings") or {})
            settings[key] = value
            kv_put(db, "settings", settings)

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
            overrides = dict(kv_get(db, "cues") or {})
            for exercise_id, cues in changes.items():
                if cues is None:
                    overrides.pop(exercise_id, None)
                else:
                    overrides[exercise_id] = [clean(c) for c in cues]
            kv_put(db, "cues", overrides)

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
            overrides = dict(kv_get(db, "cues") or {})
            have = _valid_cues(overrides.get(exercise_id))
            if have != want:
                self._refresh()  # under the lock: this store now shows the file
                raise StaleCues(exercise_id, have)
            if cues is None:
                overrides.pop(exercise_id, None)
            else:
                overrides[exercise_id] = [clean(c) for c in cues]
            kv_put(db, "cues", overrides)

        self._transaction(change)

    def set_day_note(self, day: str, text: str | None) -> dict[str, str]:
        """Set (or, with empty text, remove) the note of one calendar day, YYYY-MM-DD, in
        one locked read-modify-write; returns every day note."""
        from datetime import date

        date.fromisoformat(day)  # ValueError for anything that is not a day
        clean_text = (text or "").strip()

        def change(db: TinyDB) -> dict[str, str]:
            notes = dict(kv_get(db, "day_notes") or {})
            if clean_text:
                notes[day] = clean_text
            else:
                notes.pop(day, None)
            kv_put(db, "day_notes", notes)
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
            raw = kv_get(db, "pauses")
            have = [dict(p) for p in raw] if isinstance(raw, list) else []
            new: list[dict[str, str]] = []
            for p in edit(have):
                if p not in new:
                    new.append(p)
            new.sort(key=lambda p: (p.get("start", ""), p.get("end", "")))
            kv_put(db, "pauses", new)
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
            new_sessions = [s for s in unique(sessions) if s["id"] not in have]
            self._write_phases(new_sessions)
            st.insert_multiple(session_row(s) for s in new_sessions)
            at = db.table("assessments")
            have_a = {d.get("id") for d in at.all()}
            new_a = [a for a in unique(assessments) if a["id"] not in have_a]
            at.insert_multiple(new_a)
            for key, value in (kv or {}).items():
                kv_put(db, key, merged_kv(key, kv_get(db, key), value))
            return len(new_sessions), len(new_a)

        return self._transaction(change)

    def is_empty(self) -> bool:
        return not self._rows and not self._assessments

    # ---- crash recovery -----------------------------------------------------------------
    def recover_journal(self, now: datetime | None = None) -> Recovered | None:
        """Move an orphaned journaled session into the history as `interrupted`.

        Only a journal whose owner is gone is taken (see journal.py); one a live session in
        another window owns is left alone and `live_elsewhere` is set. Returns the session
        saved and the journal's resume state (Recovered) so a screen can offer to resume,
        or None."""
        from glute_tui.store.recovery import recover

        return recover(self)

    def live_session_elsewhere(self) -> bool:
        """True when a session running in another window owns this data file's journal."""
        from glute_tui.store.journal import journal_owner_alive

        if self.journal.owned:
            return False
        return self.journal.path.exists() and journal_owner_alive(self.journal.path)
