from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from glute_tui.store.history import HistoryStore
from glute_tui.store.journal import Journal

HEADER = {
    "id": "s-1",
    "routine": "hold",
    "started_at": "2026-11-20T08:00:00+01:00",
    "ended_at": "2026-11-20T08:00:00+01:00",
    "status": "completed",
    "stop_reason": None,
    "pain_before": 2,
    "pain_after": None,
    "effort": None,
}


def phase(i: int) -> dict:
    return {
        "kind": "hold",
        "exercise": "iso_standing",
        "side": "right",
        "set": i + 1,
        "planned_s": 3.0,
        "start_s": 5.0 + i * 7,
        "end_s": 8.0 + i * 7,
        "paused_s": 0.0,
        "reps": None,
        "ended_by": "planned",
    }


def test_journal_round_trip_and_clear(tmp_path: Path) -> None:
    j = Journal(tmp_path / "h.journal.json")
    j.begin(HEADER, resume={"next": 0})
    j.append(phase(0), next=1)
    j.append(phase(1), next=2)
    data = Journal(j.path).read()
    assert data is not None
    assert [p["set"] for p in data["session"]["phases"]] == [1, 2]
    assert data["resume"] == {"next": 2}
    j.clear()
    assert Journal(j.path).read() is None and not j.path.exists()


def test_recover_moves_the_session_into_history_as_interrupted(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.journal.begin(HEADER, resume={"settings": {"rest_s": 4}})
    for i in range(3):
        store.journal.append(phase(i), next=i + 1)
    store.journal.release()  # what a crash does: the owner's lock is gone
    again = HistoryStore.open(db_path)
    recovered = again.recover_journal()
    assert recovered is not None
    assert recovered.resume == {"settings": {"rest_s": 4}, "next": 3}
    saved = again.session_dict("s-1")
    assert saved is not None
    assert saved["status"] == "interrupted" and saved["stop_reason"] == "interrupted"
    assert [p["set"] for p in saved["phases"]] == [1, 2, 3]
    assert saved["ended_at"] == "2026-11-20T08:00:22+01:00"  # start + last end_s
    assert not again.journal.path.exists()
    assert again.recover_journal() is None  # once only


def test_unreadable_journal_is_kept_aside_never_deleted(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.journal.path.parent.mkdir(parents=True, exist_ok=True)
    store.journal.path.write_bytes(b"{half")
    assert store.recover_journal() is None
    assert not store.journal.path.exists()
    (kept,) = store.kept_aside
    assert kept.read_bytes() == b"{half" and kept.parent == db_path.parent
    assert "history.journal.corrupt-" in kept.name
    assert any(str(kept) in n for n in store.notices)
    assert store.is_empty()


def test_journal_with_a_bad_session_is_kept_aside(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.journal.path.parent.mkdir(parents=True, exist_ok=True)
    raw = b'{"session": {"id": "x", "started_at": "not a time"}, "resume": {}}'
    store.journal.path.write_bytes(raw)
    assert store.recover_journal() is None
    (kept,) = store.kept_aside
    assert kept.read_bytes() == raw


def test_recovery_does_not_duplicate_a_session_already_saved(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.journal.begin(HEADER)
    store.journal.append(phase(0))
    finished = dict(HEADER, phases=[phase(0)], status="completed", stop_reason="planned_end")
    store.add_session(finished)  # crash after the save, before the journal was cleared
    store.journal.release()
    assert store.recover_journal() is not None
    assert [r["status"] for r in store.rows()] == ["completed"]


CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from glute_tui.store.history import HistoryStore
    from tests.store.test_journal import HEADER, phase
    store = HistoryStore.open(Path(sys.argv[1]))
    store.journal.begin(HEADER)
    for i in range(4):
        store.journal.append(phase(i))
    print("4 phases journaled", flush=True)
    time.sleep(60)
    """
)


def test_killed_process_loses_no_completed_phase(db_path: Path) -> None:
    root = str(Path(__file__).resolve().parents[2])
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), root], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "4 phases journaled"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    store = HistoryStore.open(db_path)
    recovered = store.recover_journal()
    assert recovered is not None
    saved = store.session_dict("s-1")
    assert saved is not None and saved["status"] == "interrupted"
    assert [p["set"] for p in saved["phases"]] == [1, 2, 3, 4]
