"""Issue 10: a second window beside a running live session (a real second process)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from glute_tui.store.history import HistoryStore
from glute_tui.ui.words import LIVE_ELSEWHERE
from tests.conftest import settle
from tests.store.test_journal_owner import OWNER, ROOT
from tests.ui.live import screened_db, screened_store  # noqa: F401  (screened_db: a fixture)

# every test here trains as a user who answered the red-flag questions before
pytestmark = pytest.mark.usefixtures("screened_db")


@pytest.fixture
def owner(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    screened_store(db_path)
    proc = subprocess.Popen(
        [sys.executable, "-c", OWNER, str(db_path), ROOT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "live"
    try:
        yield proc
    finally:
        proc.kill()
        proc.wait()


def _say(proc: subprocess.Popen[str], line: str) -> str:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    return proc.stdout.readline().strip()


def _text(screen: Any, wid: str) -> str:
    return " ".join(str(screen.query_one(f"#{wid}").render()).split())


async def _poll(pilot: Any) -> None:
    pilot.app._poll_store()  # what the 2 s interval does
    await pilot.app.wait_for_writes()
    await pilot.pause()
    await pilot.pause()


async def test_home_says_a_session_runs_elsewhere_until_it_ends(make_app, owner) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = _text(app.screen, "notices")
        assert LIVE_ELSEWHERE in text and "cut short" not in text
        assert _say(owner, "save") == "saved"
        await _poll(pilot)
        assert LIVE_ELSEWHERE not in " ".join(app.notices)
        assert not app.screen.query_one("#notices").display


async def test_the_routine_screen_offers_no_resume_and_refuses_a_start(
    make_app, owner, db_path: Path
) -> None:
    app = make_app("hold")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert LIVE_ELSEWHERE in _text(screen, "setup-error")
        assert "cut short" not in _text(screen, "resume-offer")
        assert not screen.check_action("resume", ())
        await pilot.press("enter")
        await pilot.pause()
        await app.wait_for_writes()
        assert screen.mode == "setup" and screen.runner is None
        assert LIVE_ELSEWHERE in _text(screen, "setup-error")
        # the other window's journal is untouched
        journal = HistoryStore.open(db_path).journal.read()
        assert journal is not None and journal["session"]["id"] == "s-1"
        assert _say(owner, "save") == "saved"
        await _poll(pilot)
        assert LIVE_ELSEWHERE not in _text(screen, "setup-error")
        assert screen.can_start


async def test_a_start_that_loses_the_race_for_the_journal_says_so(
    make_app, clock, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other window starts its session after this one last looked: the journal lock
    refuses the start, the screen goes back to its check and the other journal stays."""
    screened_store(db_path)
    app = make_app("hold")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.can_start
        proc = subprocess.Popen(
            [sys.executable, "-c", OWNER, str(db_path), ROOT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "live"
            from glute_tui.store import journal

            # no 3 s wait for a lock that is held for good
            monkeypatch.setattr(journal.claim_journal, "__defaults__", (0.0,))
            await pilot.press("enter")
            await app.wait_for_writes()
            await pilot.pause()
            assert screen.mode == "setup" and screen.runner is None
            assert LIVE_ELSEWHERE in _text(screen, "setup-error")
            on_disk = HistoryStore.open(db_path).journal.read()
            assert on_disk is not None and on_disk["session"]["id"] == "s-1"
            assert len(on_disk["session"]["phases"]) == 3
        finally:
            proc.kill()
            proc.wait()


async def test_a_crash_in_the_other_window_is_recovered_here(make_app, owner) -> None:
    """The owner is killed mid-session: its journal is an orphan now, and the next poll
    saves it as cut short and offers to resume it, in place of the running-elsewhere words."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert LIVE_ELSEWHERE in _text(app.screen, "notices")
        owner.kill()
        owner.wait()
        await _poll(pilot)
        text = _text(app.screen, "notices")
        assert LIVE_ELSEWHERE not in text and "was cut short" in text
        assert app.recovered is not None and app.store.has_session("s-1")
        assert len(app.store.session("s-1").phases) == 3


def test_snapshot_setup_beside_a_live_session(snap_compare, make_app, owner) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("enter")  # refused: the other window owns the journal
        await pilot.app.wait_for_writes()
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app("hold"), terminal_size=(80, 24), run_before=run_before)
