"""Issue 10: a full disk during a live session. The session stays in memory, the screen
says it is not saved yet and why, a retry saves it once there is room, and leaving offers
to save it elsewhere as a file `import` reads back. Never a quiet exit with unsaved work."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from glute_tui.store.export import import_file
from glute_tui.store.history import HistoryStore
from glute_tui.ui.dialogs.save_elsewhere import SaveElsewhereDialog
from glute_tui.ui.widgets.session_dialogs import StopDialog
from tests.conftest import settle
from tests.ui.live import drain_writer, run_clock, screened_db, screened_store  # noqa: F401  (screened_db: a fixture)

# every test here trains as a user who answered the red-flag questions before
pytestmark = pytest.mark.usefixtures("screened_db")

REAL_REPLACE = os.replace


class FullDisk:
    """os.replace refuses (ENOSPC) into the data folder while `on`; elsewhere works."""

    def __init__(self, folder: Path) -> None:
        self.folder = str(folder)
        self.on = False

    def __call__(self, src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if self.on and os.fspath(dst).startswith(self.folder):
            raise OSError(errno.ENOSPC, "No space left on device")
        REAL_REPLACE(src, dst, *args, **kwargs)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> FullDisk:
    fault = FullDisk(db_path.parent)
    monkeypatch.setattr(os, "replace", fault)
    return fault


def _text(screen: Any, wid: str) -> str:
    return " ".join(str(screen.query_one(f"#{wid}").render()).split())


def _unsaved(screen: Any) -> str:
    line = screen.query_one("#unsaved")
    return _text(screen, "unsaved") if line.display else ""


async def _settle_writes(pilot: Any) -> None:
    await drain_writer(pilot.app)
    await pilot.pause()
    await pilot.pause()


async def test_a_full_disk_mid_session_is_said_on_screen_and_a_retry_saves(
    make_app, clock, db_path: Path, full_disk: FullDisk
) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await _settle_writes(pilot)
        full_disk.on = True
        await run_clock(pilot, clock, 6.5)  # the prepare phase ends: its append fails
        await _settle_writes(pilot)
        assert "Not saved yet: the disk is full" in _unsaved(screen)
        held = app.store.journal.in_memory
        assert held is not None and len(held["session"]["phases"]) == 1
        on_disk = app.store.journal.read()
        assert on_disk is not None and on_disk["session"]["phases"] == []
        assert screen.check_action("retry_save", ())
        full_disk.on = False
        await pilot.press("ctrl+s")  # try now
        await _settle_writes(pilot)
        assert _unsaved(screen) == ""
        on_disk = app.store.journal.read()
        assert on_disk is not None and len(on_disk["session"]["phases"]) == 1
        assert not screen.check_action("retry_save", ())


async def test_the_next_phase_writes_the_journal_again(
    make_app, clock, db_path: Path, full_disk: FullDisk
) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await _settle_writes(pilot)
        full_disk.on = True
        await run_clock(pilot, clock, 6.5)
        await _settle_writes(pilot)
        assert "the disk is full" in _unsaved(screen)
        full_disk.on = False
        await pilot.press("n")  # the next phase ends: the append carries both
        await _settle_writes(pilot)
        assert _unsaved(screen) == ""
        on_disk = app.store.journal.read()
        assert on_disk is not None and len(on_disk["session"]["phases"]) == 2


async def test_a_failed_final_save_is_kept_and_escape_offers_to_save_elsewhere(
    make_app, clock, db_path: Path, tmp_path: Path, full_disk: FullDisk
) -> None:
    app = make_app("hold")
    out = tmp_path / "elsewhere" / "rescued.json"
    out.parent.mkdir()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await run_clock(pilot, clock, 7.0)  # the prepare phase and 2 s of the first hold
        await _settle_writes(pilot)
        full_disk.on = True
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("f")  # form lost: the session ends and its save fails
        await _settle_writes(pilot)
        assert screen.mode == "summary"
        assert "Not saved yet: the disk is full" in _unsaved(screen)
        summary = _text(screen, "summary-text")
        assert "not saved yet" in summary and "What you did is saved" not in summary
        await pilot.press("escape")
        await _settle_writes(pilot)
        dialog = app.screen
        assert isinstance(dialog, SaveElsewhereDialog)
        assert "glute-tui import" in _text(dialog, "rescue-why")
        dialog.query_one("#rescue-path", Input).value = str(out)
        await pilot.press("enter")
        await _settle_writes(pilot)
        assert screen not in app.screen_stack  # saved there, then left as asked
    assert HistoryStore.open(db_path).rows() == []  # the full disk took nothing
    # the journal's shorter copy is gone: a restart recovers no duplicate of the same id
    assert HistoryStore.open(db_path).journal.read() is None
    fresh = HistoryStore.open(tmp_path / "other" / "history.json")
    assert import_file(fresh, out) == (1, 0)
    (row,) = fresh.rows()
    assert row["stop_reason"] == "form_lost"
    session = fresh.session_dict(row["id"])
    assert session is not None and len(session["phases"]) == 2


async def test_a_retry_after_room_is_made_saves_the_session_and_its_answers(
    make_app, clock, db_path: Path, full_disk: FullDisk
) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await run_clock(pilot, clock, 8.0)
        full_disk.on = True
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("f")
        await _settle_writes(pilot)
        assert "the disk is full" in _unsaved(screen)
        await pilot.press("2", "enter", "5", "enter", "o", "k", "enter")  # the answers
        await _settle_writes(pilot)
        hint = _text(screen, "summary-hint")
        assert "in memory" in hint and "Saved" not in hint
        full_disk.on = False
        await pilot.press("ctrl+s")
        await _settle_writes(pilot)
        assert _unsaved(screen) == ""
        assert "What you did is saved" in _text(screen, "summary-text")
        await pilot.press("escape")  # saved: leaving asks nothing
        await _settle_writes(pilot)
        assert screen not in app.screen_stack
    (row,) = HistoryStore.open(db_path).rows()
    assert row["stop_reason"] == "form_lost"
    assert (row["pain_after"], row["effort"], row["note"]) == (2, 5, "ok")
    assert HistoryStore.open(db_path).journal.read() is None


async def test_ctrl_q_with_unsaved_work_asks_and_never_exits_quietly(
    make_app, clock, db_path: Path, full_disk: FullDisk
) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await run_clock(pilot, clock, 8.0)
        full_disk.on = True
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, StopDialog)
        await pilot.press("t")  # out of time: the save fails, so the app does not close
        await _settle_writes(pilot)
        assert isinstance(app.screen, SaveElsewhereDialog)
        await pilot.press("escape")  # back to the session: still in memory
        await pilot.pause()
        assert app.is_running and "the disk is full" in _unsaved(app.screen)
        await pilot.press("ctrl+q")  # asks again
        await pilot.pause()
        assert isinstance(app.screen, SaveElsewhereDialog)
        await pilot.press("ctrl+d")  # once: are you sure?
        await pilot.pause()
        assert "will be lost" in _text(app.screen, "rescue-status")
        assert app.is_running
        await pilot.press("ctrl+d")  # twice: the user chose to leave it
        await pilot.pause()
    assert app.return_code == 0


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Any:
    """A real 256 KiB tmpfs (needs the right to mount: root on Linux), else skip."""
    import shutil
    import subprocess
    import sys

    if sys.platform != "linux" or shutil.which("mount") is None:
        pytest.skip("a tmpfs can only be mounted on Linux")
    where = tmp_path / "tmpfs"
    where.mkdir()
    got = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if got.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {got.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(folder: Path) -> Path:
    """Write a file until the disk is really full."""
    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as fh:
        try:
            while True:
                fh.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


async def test_a_really_full_tmpfs_mid_session(tiny_tmpfs: Path, clock: Any) -> None:
    from glute_tui.ui.app import GluteApp
    from tests.conftest import FIXED_NOW

    db = tiny_tmpfs / "history.json"
    screened_store(db)
    app = GluteApp(db, "hold", clock=clock, now=lambda: FIXED_NOW, ask_next_morning=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await _settle_writes(pilot)
        filler = _fill(tiny_tmpfs)
        await run_clock(pilot, clock, 6.5)
        await _settle_writes(pilot)
        assert "Not saved yet: the disk is full" in _unsaved(screen)
        filler.unlink()  # room again
        await pilot.press("ctrl+s")
        await _settle_writes(pilot)
        assert _unsaved(screen) == ""
        on_disk = app.store.journal.read()
        assert on_disk is not None and len(on_disk["session"]["phases"]) == 1


async def test_the_palette_home_with_unsaved_work_offers_to_save_it(
    make_app, clock, db_path: Path, full_disk: FullDisk
) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await run_clock(pilot, clock, 7.0)
        full_disk.on = True
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("o")
        await _settle_writes(pilot)
        app.action_home()  # what the palette's "Home" runs
        await pilot.pause()
        assert isinstance(app.screen, SaveElsewhereDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


# ---- snapshots -------------------------------------------------------------------------------


def _snap_full(
    snap_compare: Any, make_app: Any, clock: Any, fault: FullDisk, steps: list[Any]
) -> bool:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        for step in steps:
            if step == "full":
                fault.on = True
            elif isinstance(step, (int, float)):
                await run_clock(pilot, clock, float(step))
            else:
                await pilot.press(step)
                await pilot.pause()
            await _settle_writes(pilot)
        await pilot.pause(0.45)
        for s in pilot.app.screen_stack:
            for box in s.query(Input):
                box.cursor_blink = False
            if hasattr(s, "unflash"):
                s.unflash()
        await pilot.pause()

    return snap_compare(make_app("hold"), terminal_size=(80, 24), run_before=run_before)


@pytest.fixture
def fixed_id(monkeypatch: pytest.MonkeyPatch) -> None:
    import uuid

    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=0xABCDEF123456 << 80))


def test_snapshot_not_saved_mid_session(snap_compare, make_app, clock, full_disk) -> None:
    steps = ["enter", "full", 6.5, "space"]  # paused so the digits hold still
    assert _snap_full(snap_compare, make_app, clock, full_disk, steps)


def test_snapshot_not_saved_summary(snap_compare, make_app, clock, full_disk) -> None:
    steps = ["enter", 7.0, "full", "q", "f"]
    assert _snap_full(snap_compare, make_app, clock, full_disk, steps)


def test_snapshot_save_elsewhere_dialog(snap_compare, make_app, clock, full_disk, fixed_id) -> None:
    steps = ["enter", 7.0, "full", "q", "f", "escape"]
    assert _snap_full(snap_compare, make_app, clock, full_disk, steps)


async def test_a_save_that_finishes_while_the_screen_is_taken_down_says_nothing(
    make_app, db_path: Path
) -> None:
    """At exit the app finishes pending writes while Textual takes the screens down,
    children first: a journal or final save answering then must not raise (NoMatches on
    '#unsaved' was seen once at the end of a benchmark run)."""
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        for child in list(screen.children):
            await child.remove()  # the state between the children and the screen going
        assert screen.is_mounted
        screen._journal_done(OSError(errno.ENOSPC, "No space left on device"))
        screen._final_done(OSError(errno.ENOSPC, "No space left on device"))
        screen._final_done(None)
