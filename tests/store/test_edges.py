"""Files a user can point at, and files that got damaged: nothing renamed that is not ours,
nothing overwritten, never a hang."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from glute_tui.paths import DataPathError, resolve_db_path
from glute_tui.store.errors import StoreError, check_path
from glute_tui.store.history import HistoryStore
from tests.store.test_journal import HEADER, phase


def _session(sid: str, day: str = "2026-11-20", n: int = 2) -> dict:
    return dict(
        HEADER,
        id=sid,
        started_at=f"{day}T08:00:00+01:00",
        ended_at=f"{day}T08:01:00+01:00",
        phases=[phase(i) for i in range(n)],
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


# ---- the data path -----------------------------------------------------------------------
def test_a_symlinked_data_file_stays_a_link_and_keeps_its_phases(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    HistoryStore.open(real_dir / "h.json").add_session(_session("a"))
    link_dir = tmp_path / "elsewhere"
    link_dir.mkdir()
    link = link_dir / "h.json"
    link.symlink_to(real_dir / "h.json")
    db = resolve_db_path(str(link))
    assert db == (real_dir / "h.json")
    store = HistoryStore.open(link)  # even without the CLI's resolution
    store.add_session(_session("b"))
    assert link.is_symlink()
    assert not (link_dir / "h.phases").exists()
    again = HistoryStore.open(link)
    assert [len(s["phases"]) for s in again.session_dicts()] == [2, 2]


def test_empty_db_path_is_refused() -> None:
    with pytest.raises(DataPathError, match="empty"):
        resolve_db_path("")
    with pytest.raises(DataPathError):
        resolve_db_path("   ")


def test_a_fifo_as_the_data_file_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "h.json"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match="named pipe"):
        HistoryStore.open(fifo)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # not renamed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.json"]


def test_a_socket_as_the_data_file_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s.json"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
        with pytest.raises(StoreError, match="socket"):
            check_path(path)
    finally:
        sock.close()
    assert stat.S_ISSOCK(os.stat(path).st_mode)


def test_a_device_node_is_refused_and_never_renamed(tmp_path: Path) -> None:
    dev = tmp_path / "h.json"
    try:
        os.mknod(dev, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # a copy of /dev/null
    except (PermissionError, OSError) as exc:
        pytest.skip(f"mknod not permitted here ({exc.strerror})")
    with pytest.raises(StoreError, match="device"):
        HistoryStore.open(dev)
    assert stat.S_ISCHR(os.stat(dev).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.json"]


def test_the_system_null_device_is_refused() -> None:
    with pytest.raises(StoreError, match="device"):
        check_path(Path("/dev/null"))


# ---- damaged files are kept aside, never overwritten -------------------------------------
def test_a_damaged_phase_file_is_kept_aside_not_overwritten(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.add_session(_session("a"))
    shard = store.phases_dir / "2026-11.json"
    damaged = b'{"a": [{"kind": "hold", "trunc'
    shard.write_bytes(damaged)
    again = HistoryStore.open(db_path)
    notes = again.check_phase_files()
    (kept,) = again.kept_aside
    assert kept.read_bytes() == damaged and kept.parent == shard.parent
    assert "2026-11.corrupt-" in kept.name
    assert notes and str(kept) in notes[0]
    again.add_session(_session("b"))  # a write into that month
    assert kept.read_bytes() == damaged
    assert json.loads(shard.read_text()).keys() == {"b"}


def test_a_write_never_overwrites_a_damaged_month_it_did_not_read_first(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.add_session(_session("a"))
    shard = store.phases_dir / "2026-11.json"
    shard.write_bytes(b"[1, 2")
    store.add_session(_session("b"))  # the same store, no start-up check in between
    (kept,) = store.kept_aside
    assert kept.read_bytes() == b"[1, 2"
    assert any(str(kept) in n for n in store.notices)


def test_migration_keeps_the_original_bytes_of_a_damaged_old_file(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    # schema 0 (no meta), valid JSON, but a session row without the fields every row has
    original = b'{"sessions": {"1": {"id": 5}}, "kv": {}}'
    db_path.write_bytes(original)
    store = HistoryStore.open(db_path)
    assert store.moved_aside is not None
    assert store.moved_aside.read_bytes() == original


# ---- read-only data, full disks ---------------------------------------------------------
@pytest.fixture
def read_only_folder(db_path: Path):  # type: ignore[no-untyped-def]
    store = HistoryStore.open(db_path)
    store.add_session(_session("a"))
    folder = db_path.parent
    for p in folder.rglob("*"):
        p.chmod(0o555 if p.is_dir() else 0o444)
    folder.chmod(0o555)
    probe = folder / "probe"
    try:
        probe.touch()
    except PermissionError:
        pass
    else:
        probe.unlink()
        folder.chmod(0o755)
        pytest.skip("running as a user who can write anywhere (root)")
    yield folder
    for p in [folder, *folder.rglob("*")]:
        p.chmod(0o755)


def test_a_read_only_filesystem_can_still_be_read(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where chmod cannot deny (root), a read-only mount is simulated at the OS calls."""
    import tempfile

    from glute_tui.store import history_files

    store = HistoryStore.open(db_path)
    store.add_session(_session("a"))
    before = snapshot(db_path.parent)

    class ReadOnlyLock:
        def __init__(self, *a: object, **k: object) -> None:
            pass

        def acquire(self) -> None:
            raise OSError(errno.EROFS, "Read-only file system")

    def no_temp(*a: object, **k: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(history_files, "FileLock", ReadOnlyLock)
    monkeypatch.setattr(tempfile, "mkstemp", no_temp)
    again = HistoryStore.open(db_path)
    assert again.read_only
    assert [len(s["phases"]) for s in again.session_dicts()] == [2]
    with pytest.raises(StoreError, match="Read-only"):
        again.add_session(_session("b"))
    assert snapshot(db_path.parent) == before


def test_a_read_only_folder_can_still_be_read(read_only_folder: Path, db_path: Path) -> None:
    before = snapshot(read_only_folder)
    store = HistoryStore.open(db_path)
    assert store.read_only
    assert [len(s["phases"]) for s in store.session_dicts()] == [2]
    with pytest.raises(StoreError):
        store.add_session(_session("b"))
    assert snapshot(read_only_folder) == before


def test_disk_full_on_a_save_is_a_store_error_and_changes_nothing(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore.open(db_path)
    store.add_session(_session("a"))
    before = snapshot(db_path.parent)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, "fsync", full)  # where a full disk shows up on the store's write path
        with pytest.raises(StoreError, match="No space left"):
            store.add_session(_session("b", day="2026-10-02"))
        with pytest.raises(StoreError, match="No space left"):
            store.add_session(_session("c"))  # a month file that already exists
    assert snapshot(db_path.parent) == before
    assert not list(db_path.parent.rglob("*.tmp")) and not list(db_path.parent.rglob("*.staged"))
    assert [r["id"] for r in HistoryStore.open(db_path).rows()] == ["a"]
    store.add_session(_session("b", day="2026-10-02"))  # works again once there is room
    assert len(HistoryStore.open(db_path).rows()) == 2
