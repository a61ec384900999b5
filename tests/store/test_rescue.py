"""Disk full during a live session: typed errors the UI can catch, nothing lost in memory,
and a way to save the session elsewhere that `import` reads back."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from glute_tui.store.errors import JournalWriteError, SaveError
from glute_tui.store.export import import_file
from glute_tui.store.history import HistoryStore
from glute_tui.store.rescue import save_session_elsewhere
from tests.store.test_edges import _session
from tests.store.test_journal import HEADER, phase


def _full(fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_mid_session_is_a_typed_error_and_memory_keeps_every_phase(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore.open(db_path)
    store.journal.begin(HEADER)
    store.journal.append(phase(0))
    with monkeypatch.context() as m:
        m.setattr(os, "fsync", _full)
        with pytest.raises(JournalWriteError) as info:
            store.journal.append(phase(1))
        assert info.value.errno == errno.ENOSPC
        with pytest.raises(SaveError) as saved:
            store.add_session(_session("s-1"))
        assert saved.value.errno == errno.ENOSPC
    held = store.journal.in_memory
    assert held is not None and len(held["session"]["phases"]) == 2
    on_disk = store.journal.read()
    assert on_disk is not None and len(on_disk["session"]["phases"]) == 1
    store.journal.retry()  # room again: the journal catches up
    again = store.journal.read()
    assert again is not None and len(again["session"]["phases"]) == 2


def test_save_session_elsewhere_writes_an_importable_export(tmp_path: Path) -> None:
    out = save_session_elsewhere(_session("rescued"), tmp_path / "rescued.json")
    store = HistoryStore.open(tmp_path / "h.json")
    assert import_file(store, out) == (1, 0)
    assert store.session("rescued") is not None


def test_save_session_elsewhere_on_a_full_disk_is_a_save_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", _full)
    with pytest.raises(SaveError) as info:
        save_session_elsewhere(_session("x"), tmp_path / "x.json")
    assert info.value.errno == errno.ENOSPC
    assert not (tmp_path / "x.json").exists()
