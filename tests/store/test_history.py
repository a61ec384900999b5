from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from glute_tui.core.model import Session
from glute_tui.core.plan import Plan, plan_for_verdict
from glute_tui.store.history import (
    SCHEMA_VERSION,
    HistoryStore,
    LockedError,
    StoreError,
    check_path,
    migrate,
)

T0 = datetime(2026, 3, 5, 7, 30, tzinfo=timezone(timedelta(hours=1)))


def session(sid: str, start: datetime = T0, *, phases: int = 2, routine: str = "hold") -> dict:
    ph = [
        {
            "kind": "hold",
            "exercise": "iso_standing",
            "side": "left",
            "set": i + 1,
            "planned_s": 3.0,
            "start_s": i * 7.0,
            "end_s": i * 7.0 + 3.0,
            "reps": None,
        }
        for i in range(phases)
    ]
    return {
        "id": sid,
        "routine": routine,
        "started_at": start.isoformat(timespec="seconds"),
        "ended_at": (start + timedelta(minutes=5)).isoformat(timespec="seconds"),
        "status": "completed",
        "stop_reason": "planned_end",
        "pain_before": 2,
        "pain_after": 1,
        "effort": 3,
        "phases": ph,
    }


def test_nothing_is_created_until_the_first_write(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    assert not db_path.parent.exists()
    assert store.is_empty()
    store.add_session(session("a"))
    assert db_path.exists()
    assert json.loads(db_path.read_text())["meta"]["1"]["schema"] == SCHEMA_VERSION


def test_session_round_trips_with_phases_in_a_month_file(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.add_session(session("a", phases=3))
    reopened = HistoryStore.open(db_path)
    assert [r["id"] for r in reopened.rows()] == ["a"]
    row = reopened.rows()[0]
    assert row["day"] == "2026-03-05"
    assert row["volume"]["left"]["holds"] == 3
    assert "phases" not in json.loads(db_path.read_text())["sessions"]["1"]
    assert (db_path.parent / "history.phases" / "2026-03.json").exists()
    assert reopened.session_dict("a") == session("a", phases=3)
    typed = reopened.session("a")
    assert typed == Session.from_dict(session("a", phases=3))
    assert typed is not None and [p.set for p in typed.phases] == [1, 2, 3]
    assert reopened.session("missing") is None and reopened.session_dict("missing") is None


def test_a_typed_session_is_saved_as_its_dict(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    typed = Session.from_dict(session("a", phases=2))
    row = store.add_session(typed)
    assert row["phase_count"] == 2
    assert HistoryStore.open(db_path).session("a") == typed


def test_saving_the_same_id_replaces_not_duplicates(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.add_session(session("a", phases=1))
    store.add_session(session("a", phases=4))
    assert len(store.rows()) == 1
    assert len(store.session("a").phases) == 4


def test_invalid_session_is_refused_and_nothing_written(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    bad = session("a")
    bad["phases"][0]["side"] = "middle"
    with pytest.raises(ValueError, match=r"phases\[0\]\.side"):
        store.add_session(bad)
    assert not db_path.exists()


def test_update_session_fields(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.add_session(session("a"))
    store.update_session("a", pain_next_morning=4, note="felt good")
    again = HistoryStore.open(db_path)
    assert again.rows()[0]["pain_next_morning"] == 4
    assert again.session("a").note == "felt good"
    with pytest.raises(ValueError):
        store.update_session("a", pain_after=11)
    with pytest.raises(StoreError):
        store.update_session("missing", effort=2)


def test_plan_settings_cues_pauses_persist(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    assert store.plan() == Plan()
    plan = plan_for_verdict("left", "left", assessment_id="x", created_at=T0.isoformat())
    assert plan is not None
    store.set_plan(plan)
    store.set_setting("muted", True)
    store.set_cues("iso_prone", ["Heavy hips."])
    store.set_pauses([{"start": "2026-01-01", "end": "2026-01-07"}])
    again = HistoryStore.open(db_path)
    assert again.plan() == plan
    assert again.settings() == {"muted": True}
    assert again.cue_overrides() == {"iso_prone": ["Heavy hips."]}
    assert again.pauses() == [{"start": "2026-01-01", "end": "2026-01-07"}]
    again.set_cues("iso_prone", None)
    assert HistoryStore.open(db_path).cue_overrides() == {}


def test_a_second_instance_never_drops_the_firsts_writes(db_path: Path) -> None:
    first = HistoryStore.open(db_path)
    second = HistoryStore.open(db_path)
    first.add_session(session("a"))
    second.add_session(session("b", T0 + timedelta(hours=1)))  # second never saw "a"
    first.set_setting("x", 1)
    second.set_setting("y", 2)
    final = HistoryStore.open(db_path)
    assert {r["id"] for r in final.rows()} == {"a", "b"}
    assert final.settings() == {"x": 1, "y": 2}
    assert first.refresh() is True
    assert {r["id"] for r in first.rows()} == {"a", "b"}


def test_corrupt_file_is_moved_aside_never_overwritten(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"\x00\xffnot json")
    store = HistoryStore.open(db_path)
    assert store.moved_aside is not None
    assert store.moved_aside.read_bytes() == b"\x00\xffnot json"
    assert store.moved_aside.name.startswith("history.corrupt-")
    assert not db_path.exists()
    assert store.is_empty()
    store.add_session(session("a"))
    assert store.moved_aside.read_bytes() == b"\x00\xffnot json"


@pytest.mark.parametrize("content", ["[]", '"text"', "", "{"])
def test_every_kind_of_unreadable_file_is_moved_aside(db_path: Path, content: str) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text(content)
    store = HistoryStore.open(db_path)
    assert store.moved_aside is not None and store.moved_aside.read_text() == content


def test_two_corrupt_files_in_the_same_second_keep_both(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text("{one")
    first = HistoryStore.open(db_path).moved_aside
    db_path.write_text("{two")
    second = HistoryStore.open(db_path).moved_aside
    assert first != second
    assert first is not None and first.read_text() == "{one"
    assert second is not None and second.read_text() == "{two"


def test_newer_schema_is_refused_not_moved(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text(json.dumps({"meta": {"1": {"schema": SCHEMA_VERSION + 1}}}))
    with pytest.raises(StoreError, match="newer glute-tui"):
        HistoryStore.open(db_path)
    assert db_path.exists()


def test_migration_from_unversioned_file(db_path: Path) -> None:
    old = {"sessions": {"1": {k: v for k, v in session("a").items() if k != "phases"}}}
    tables, changed = migrate(json.loads(json.dumps(old)))
    assert changed and tables["meta"]["1"]["schema"] == 1
    assert tables["sessions"] == old["sessions"]
    assert tables["kv"] == {} and tables["assessments"] == {}
    db_path.parent.mkdir(parents=True)
    db_path.write_text(json.dumps({"sessions": {}}))
    HistoryStore.open(db_path)
    assert json.loads(db_path.read_text())["meta"]["1"]["schema"] == 1
    assert migrate(tables) == (tables, False)


def test_check_path_refuses_folders_and_files_as_folders(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        check_path(tmp_path)
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        check_path(blocker / "sub" / "history.json")
    check_path(tmp_path / "new" / "deeper" / "history.json")  # creatable: fine
    assert not (tmp_path / "new").exists()


HOLDER = textwrap.dedent(
    """
    import sys, time
    from filelock import FileLock
    lock = FileLock(sys.argv[1])
    lock.acquire()
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    lock.release()
    """
)


def _hold_lock(db_path: Path, seconds: float) -> subprocess.Popen[str]:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path) + ".lock", str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_write_waits_for_another_process_holding_the_lock(db_path: Path) -> None:
    store = HistoryStore.open(db_path, lock_timeout=10)
    proc = _hold_lock(db_path, 0.6)
    t0 = time.monotonic()
    try:
        store.add_session(session("a"))  # blocks until the other process lets go
        assert time.monotonic() - t0 > 0.3, "the write did not wait for the lock"
    finally:
        proc.wait()
    assert [r["id"] for r in HistoryStore.open(db_path).rows()] == ["a"]


def test_lock_held_too_long_is_a_clear_error(db_path: Path) -> None:
    store = HistoryStore.open(db_path, lock_timeout=0.2)
    proc = _hold_lock(db_path, 3)
    try:
        with pytest.raises(LockedError, match="locked by another program"):
            store.add_session(session("a"))
    finally:
        proc.kill()
        proc.wait()


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from glute_tui.store.history import HistoryStore
    sys.path.insert(0, sys.argv[3])
    from tests.store.test_history import session, T0
    store = HistoryStore.open(Path(sys.argv[1]), lock_timeout=30)
    tag = sys.argv[2]
    for i in range(15):
        store.add_session(session(f"{tag}-{i}", T0 + timedelta(minutes=i)))
    """
)


def test_two_processes_writing_at_once_lose_nothing(db_path: Path) -> None:
    root = str(Path(__file__).resolve().parents[2])
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), tag, root])
        for tag in ("p", "q")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    ids = {r["id"] for r in HistoryStore.open(db_path).rows()}
    assert ids == {f"{t}-{i}" for t in ("p", "q") for i in range(15)}


def test_atomic_write_leaves_no_temp_files_and_keeps_mode(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.add_session(session("a"))
    os.chmod(db_path, 0o640)
    store.add_session(session("b", T0 + timedelta(days=1)))
    assert oct(db_path.stat().st_mode & 0o777) == oct(0o640)
    leftovers = [p.name for p in db_path.parent.rglob("*.tmp")]
    assert leftovers == []


def test_pauses_added_by_two_instances_are_both_kept(db_path: Path) -> None:
    """Each instance adds to the pauses in the file, not to the list it read at start."""
    a = HistoryStore.open(db_path)
    a.set_setting("disclaimer_seen", True)
    b = HistoryStore.open(db_path)
    a.add_pause({"start": "2026-10-01", "end": "2026-10-07"})
    saved = b.add_pause({"start": "2026-09-01", "end": "2026-09-03"})
    both = [
        {"start": "2026-09-01", "end": "2026-09-03"},
        {"start": "2026-10-01", "end": "2026-10-07"},
    ]
    assert saved == both
    assert HistoryStore.open(db_path).pauses() == both
    assert a.remove_pause({"start": "2026-09-01", "end": "2026-09-03"}) == both[1:]
    assert HistoryStore.open(db_path).pauses() == both[1:]


@pytest.mark.parametrize(
    "tables",
    [
        {"sessions": {"1": {"id": "x"}}},  # a row without its times
        {"sessions": []},  # a list where a table belongs
        {"sessions": {"1": {"id": "x", "started_at": "2026-11-20T08:00:00+00:00"}}},  # no day
        {"assessments": {"1": {"id": 3, "taken_at": None}}},
        {"kv": {"1": {"value": 1}}},  # no key
    ],
)
def test_valid_json_of_the_wrong_shape_is_moved_aside_too(
    db_path: Path, tables: dict[str, object]
) -> None:
    """It used to raise KeyError/AttributeError out of open(): the app hung on 'Loading
    your history…' and every command printed a traceback."""
    db_path.parent.mkdir(parents=True)
    text = json.dumps({"meta": {"1": {"schema": 1}}, **tables})
    db_path.write_text(text)
    store = HistoryStore.open(db_path)
    assert store.moved_aside is not None and store.moved_aside.read_text() == text
    assert store.is_empty()
    store.add_session(session("a"))
    assert [r["id"] for r in HistoryStore.open(db_path).rows()] == ["a"]


def test_importing_an_older_backup_keeps_what_was_saved_since(
    db_path: Path, tmp_path: Path
) -> None:
    """Import replaced the pauses, settings, cues and plan wholesale: a pause or a cue
    edit made after the backup was silently lost, and an older plan came back."""
    from glute_tui.core.plan import plan_for_verdict
    from glute_tui.store.export import import_file, write_export

    store = HistoryStore.open(db_path)
    old_plan = plan_for_verdict("left", "left", created_at="2026-01-01T08:00:00+00:00")
    store.set_plan(old_plan)  # type: ignore[arg-type]
    store.add_pause({"start": "2026-01-05", "end": "2026-01-06"})
    store.set_setting("theme", "textual-dark")
    backup = write_export(store, "json", tmp_path / "backup.json")
    new_plan = plan_for_verdict("right", "right", created_at="2026-03-01T08:00:00+00:00")
    store.set_plan(new_plan)  # type: ignore[arg-type]
    store.add_pause({"start": "2026-03-10", "end": "2026-03-12"})
    store.set_cues("iso_standing", ["My own cue."])
    store.set_setting("circuit_weekly_target", 6)
    import_file(store, backup)
    after = HistoryStore.open(db_path)
    assert after.pauses() == [
        {"start": "2026-01-05", "end": "2026-01-06"},
        {"start": "2026-03-10", "end": "2026-03-12"},
    ]
    assert after.cue_overrides() == {"iso_standing": ["My own cue."]}
    assert after.settings() == {"theme": "textual-dark", "circuit_weekly_target": 6}
    assert after.plan().hold_sides == ("right",)
