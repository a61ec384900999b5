"""Recovering an orphaned live-session journal (every command does this first).

A journal is taken only when its owner is gone: its OS lock can be taken (journal.py).
The recovering process holds that lock while it saves the session and deletes the journal,
so two recoverers (two commands at once) never save it twice and a new session cannot
start on a half-recovered journal. A journal that cannot be read is never deleted: its
bytes are kept aside under a timestamped name and the user is told.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from glute_tui.core.model import Recovered, Session
from glute_tui.core.records import RecordError, parse_time, validate_session
from glute_tui.store.errors import StoreError
from glute_tui.store.journal import JournalOwner

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore


def recover(store: HistoryStore) -> Recovered | None:
    journal = store.journal
    store.live_elsewhere = False
    if journal.active or journal.owned:
        return None  # this store's own live session
    if not journal.path.exists():
        return None
    owner = JournalOwner(journal.path)
    try:
        got = owner.try_acquire()
    except OSError:
        return None  # no lock can be made here (read-only folder): leave it for later
    if not got:
        store.live_elsewhere = True
        return None
    try:
        return _recover_owned(store)
    finally:
        owner.release()


def _recover_owned(store: HistoryStore) -> Recovered | None:
    journal = store.journal
    try:
        data = journal.read_strict()
    except (OSError, ValueError, StoreError):
        _keep_aside(store, "could not be read")
        return None
    if data is None:
        return None  # another recoverer finished first
    session = dict(data["session"])
    phases = session.get("phases") or []
    try:
        started = parse_time(session.get("started_at"), "journal.started_at")
        ends = [p.get("end_s", 0.0) for p in phases if isinstance(p, dict)]
        last_end = max((e for e in ends if isinstance(e, (int, float))), default=0.0)
        ended = started + timedelta(seconds=float(last_end))
        session.update(
            status="interrupted",
            stop_reason="interrupted",
            ended_at=ended.isoformat(timespec="seconds"),
        )
        session = validate_session(session, "journal")
        typed = Session.from_dict(session, "journal")
    except (RecordError, TypeError, ValueError, OverflowError):
        _keep_aside(store, "holds a session glute-tui cannot read")
        return None
    if not store.has_session(session["id"]):
        store.add_session(session)
    journal.path.unlink(missing_ok=True)
    resume = data.get("resume")
    return Recovered(typed, dict(resume) if isinstance(resume, dict) else {})


def _keep_aside(store: HistoryStore, why: str) -> None:
    path = store.journal.path
    kept = store._move_aside(path)
    store.kept_aside.append(kept)
    store.notices.append(
        f"The live-session journal {path.name} {why}, so it was kept aside as {kept}; "
        "nothing was deleted."
    )
