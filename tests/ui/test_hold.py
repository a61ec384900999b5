"""The hold timer on a fake clock: whole sessions, pain check, journal, recovery, snapshots."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from glute_tui.core.plan import plan_for_verdict
from glute_tui.store.history import HistoryStore
from glute_tui.ui.screens.live import LiveSessionScreen
from glute_tui.ui.widgets.session_dialogs import ConfirmDialog
from tests.conftest import settle
from tests.ui.live import (
    drain_writer,
    hold_resume,
    right_weak_store,
    run_clock,
    screened_db,  # noqa: F401  (a fixture, used below)
    screened_store,
)

# Every data file here has answered the safety questions: these tests are about the
# session itself (tests/ui/test_live_safety.py starts from a fresh, unscreened file).
pytestmark = pytest.mark.usefixtures("screened_db")


def _one_side(db_path: Path) -> None:
    right_weak_store(db_path)


async def test_whole_hold_session_on_fake_clock_is_saved(make_app, clock, db_path: Path) -> None:
    _one_side(db_path)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LiveSessionScreen) and screen.routine.id == "hold"
        await pilot.press("enter")  # the pain box left empty: not answered, start
        assert screen.mode == "live" and screen.runner is not None
        runner = screen.runner
        planned = runner.planned_total()
        await run_clock(pilot, clock, 20.0)
        await pilot.press("space")  # pause for 30 s: not counted
        assert runner.state == "paused"
        await run_clock(pilot, clock, 30.0)
        assert "PAUSED" in str(screen.query_one("#banner").render())
        await pilot.press("space")
        await run_clock(pilot, clock, planned - 20.0 + 1.0)
        assert screen.mode == "summary"
        await drain_writer(app)
        await pilot.pause()
        text = str(screen.query_one("#summary-text").render())
        assert "Session complete" in text and "RIGHT: 30 holds" in text
        assert "Hold session 1 of 2 today" in text  # one daily target everywhere (issue 11)
        await pilot.press(*"2", "enter", *"4", "enter", *"felt it", "enter")
        await drain_writer(app)
        await pilot.pause()
    store = HistoryStore.open(db_path)
    (row,) = store.rows()
    assert row["status"] == "completed" and row["stop_reason"] == "planned_end"
    assert (row["pain_before"], row["pain_after"], row["effort"], row["note"]) == (
        None,  # an empty pain box is "not answered", never 0
        2,
        4,
        "felt it",
    )
    assert row["pain_override"] is False
    session = store.session_dict(row["id"])
    assert session is not None
    phases = session["phases"]
    assert len(phases) == len(runner.specs)
    assert [p["side"] for p in phases if p["kind"] == "hold"] == ["right"] * 30
    # each phase starts where the plan says: earlier phases' plans plus paused time
    expected = 0.0
    for p in phases:
        assert abs(p["start_s"] - expected) <= 0.05
        expected += p["planned_s"] + p["paused_s"]
    assert sum(p["paused_s"] for p in phases) == pytest.approx(30.0, abs=0.01)
    assert not store.journal.path.exists()


async def test_pain_six_needs_confirmation_and_is_logged(make_app, clock, db_path: Path) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("6", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focused answer is "Not today"
        await pilot.pause()
        assert screen.mode == "setup"
        assert "Rest today" in str(screen.query_one("#setup-error").render())
        screen.query_one("#pain-before").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert screen.mode == "live" and screen.pain_override is True
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("o")  # why stop: other
        await pilot.pause()
        assert screen.mode == "summary"
        await drain_writer(app)
    (row,) = HistoryStore.open(db_path).rows()
    assert row["pain_before"] == 6 and row["pain_override"] is True
    assert row["status"] == "stopped" and row["stop_reason"] == "quit"


async def test_bad_pain_is_refused_inline(make_app) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1", "1", "enter")
        await pilot.pause()
        assert app.screen.mode == "setup"
        assert "whole number from 0" in str(app.screen.query_one("#setup-error").render())


async def test_rest_keys_change_rest_within_bounds_and_persist(
    make_app, clock, db_path: Path
) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = app.screen
        for _ in range(4):
            await pilot.press("plus")
        await settle(pilot)
        assert {s.planned_s for s in screen.runner.specs if s.kind == "rest"} == {5.0}
        for _ in range(4):
            await pilot.press("minus")
        await settle(pilot)
        assert {s.planned_s for s in screen.runner.specs if s.kind == "rest"} == {3.0}
    assert HistoryStore.open(db_path).settings()["hold_rest_s"] == 3.0


async def test_sound_patterns_and_mute(make_app, clock, db_path: Path) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = app.screen
        await run_clock(pilot, clock, 5.0, step=0.25)  # get ready: count-in 3-2-1 then hold
        assert screen.bells == ["change", "count", "count", "count", "go"]
        await run_clock(pilot, clock, 3.0, step=0.25)
        assert screen.bells[-1] == "rest"
        await pilot.press("m")
        await settle(pilot)
        assert screen.muted
    assert HistoryStore.open(db_path).settings()["muted"] is True


async def test_skip_moves_on_and_records_it(make_app, clock) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = app.screen
        clock.advance(1.0)
        await pilot.press("n")
        assert screen.runner.records[-1].ended_by == "skipped"
        assert screen.runner.current.kind == "hold"


async def test_help_pauses_a_running_session(make_app, clock) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        assert screen.runner.state == "paused"
        await pilot.press("escape")
        await pilot.pause()
        assert screen.runner.state == "paused"
        await pilot.press("space")
        assert screen.runner.state == "running"


async def test_resume_offer_picks_up_from_next_rep(make_app, clock, db_path: Path) -> None:
    _one_side(db_path)
    store = HistoryStore.open(db_path)
    header = {
        "id": "cut",
        "routine": "hold",
        "started_at": "2026-11-20T17:00:00+01:00",
        "status": "interrupted",
        "stop_reason": "interrupted",
        "pain_before": 1,
    }
    store.journal.begin(header, resume=hold_resume(["right"], 0))
    for i, (kind, s, planned) in enumerate(
        [("prepare", 0, 5.0), ("hold", 1, 3.0), ("rest", 1, 4.0), ("hold", 2, 3.0)]
    ):
        start = [0.0, 5.0, 8.0, 12.0][i]
        phase = {
            "kind": kind,
            "exercise": "iso_standing",
            "side": "right",
            "set": s,
            "planned_s": planned,
            "start_s": start,
            "end_s": start + planned,
            "paused_s": 0.0,
            "reps": None,
            "ended_by": "planned",
        }
        store.journal.append(phase, next_index=i + 1)
    store.journal.release()  # the crashed owner: its OS lock is gone
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        offer = str(screen.query_one("#resume-offer").render())
        assert "cut short after 2 holds" in offer
        await pilot.press("ctrl+r")
        runner = screen.runner
        assert runner is not None and screen.resume_of == "cut"
        kinds = [(s.kind, s.set) for s in runner.specs[:3]]
        assert kinds == [("prepare", 0), ("hold", 3), ("rest", 3)]
        assert len([s for s in runner.specs if s.kind == "hold"]) == 28
        await run_clock(pilot, clock, 9.0)
        await drain_writer(app)
        journal = HistoryStore.open(db_path).journal.read()
        assert journal is not None and journal["resume"]["next_index"] == 6  # full-timeline index
    rows = HistoryStore.open(db_path).rows()
    assert [r["status"] for r in rows if r["id"] == "cut"] == ["interrupted"]


def test_kill_9_mid_session_is_recovered_with_every_completed_phase(tmp_path: Path) -> None:
    """A real app process on a sped-up clock journals phases; SIGKILL; the next open
    recovers the session as interrupted with every phase that had completed."""
    db = tmp_path / "h.json"
    screened_store(db)
    script = textwrap.dedent(
        f"""
        import asyncio, time
        from pathlib import Path
        from glute_tui.ui.app import GluteApp
        t0 = time.monotonic()
        clock = lambda: t0 + (time.monotonic() - t0) * 40.0  # 40x speed
        async def main():
            app = GluteApp(db_path=Path({str(db)!r}), start_screen="hold", clock=clock)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause(0.3)
                await app.workers.wait_for_complete()
                await pilot.press("enter")
                await asyncio.sleep(120)
        asyncio.run(main())
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parents[2])
    journal = db.with_name("h.journal.json")
    store = HistoryStore.open(db)
    deadline = time.monotonic() + 60
    phases = 0
    try:
        while time.monotonic() < deadline:
            data = store.journal.read()
            phases = len(data["session"]["phases"]) if data else 0
            if phases >= 12:
                break
            time.sleep(0.05)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert phases >= 12 and journal.exists()
    on_disk = store.journal.read()
    assert on_disk is not None
    done = on_disk["session"]["phases"]
    store = HistoryStore.open(db)
    recovered = store.recover_journal()
    assert recovered is not None
    (row,) = store.rows()
    assert row["status"] == "interrupted" and row["stop_reason"] == "interrupted"
    session = store.session_dict(row["id"])
    assert session is not None and session["phases"] == done
    assert [p["kind"] for p in done[:3]] == ["prepare", "hold", "rest"]
    assert recovered.resume["next_index"] == len(done)
    assert not journal.exists()


# ---- snapshots -------------------------------------------------------------------------------


async def _steady(pilot: Any) -> None:
    """No blinking cursor, no flash: the same picture every run."""
    screen = pilot.app.screen
    for box in screen.query(Input):
        box.cursor_blink = False
    if hasattr(screen, "unflash"):
        screen.unflash()
    await pilot.pause()


def _snap(snap_compare: Any, make_app: Any, clock: Any, steps: list[Any]) -> bool:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        for step in steps:
            if isinstance(step, (int, float)):
                await run_clock(pilot, clock, float(step))
            else:
                await pilot.press(step)
        await pilot.pause(0.45)  # let the phase-change flash fade
        await _steady(pilot)

    return snap_compare(make_app("hold"), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_setup(snap_compare, make_app, clock) -> None:
    assert _snap(snap_compare, make_app, clock, [])


def test_snapshot_get_ready(snap_compare, make_app, clock) -> None:
    assert _snap(snap_compare, make_app, clock, ["enter", 1.5])


def test_snapshot_hold(snap_compare, make_app, clock) -> None:
    assert _snap(snap_compare, make_app, clock, ["enter", 6.0])


def test_snapshot_rest(snap_compare, make_app, clock) -> None:
    assert _snap(snap_compare, make_app, clock, ["enter", 9.0])


def test_snapshot_paused(snap_compare, make_app, clock) -> None:
    assert _snap(snap_compare, make_app, clock, ["enter", 6.0, "space"])


def test_snapshot_summary(snap_compare, make_app, clock) -> None:
    assert _snap(snap_compare, make_app, clock, ["enter", 500.0])


async def test_tiny_terminal_keeps_the_timer_running(make_app, clock) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = app.screen
        await pilot.resize_terminal(50, 14)
        await pilot.pause(0.1)
        assert type(app.screen).__name__ == "TooSmallScreen"
        clock.advance(6.0)
        screen.tick()
        assert screen.runner.state == "running" and screen.runner.current.kind == "hold"
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        assert app.screen is screen


async def test_leaving_mid_session_for_another_screen_saves_it(
    make_app, clock, db_path: Path
) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await run_clock(pilot, clock, 9.0)
        app.open_screen("circuit")  # e.g. picked from the command palette
        await pilot.pause()
        await pilot.press("o")  # it asks why first (issue 11): other
        await settle(pilot)
        assert app.screen.routine.id == "circuit"
    store = HistoryStore.open(db_path)
    (row,) = store.rows()
    assert row["status"] == "stopped" and row["stop_reason"] == "quit"
    # the rest that was under way is kept as it stood (issue 11: nothing is thrown away)
    assert row["phase_count"] == 3
    assert not store.journal.path.exists()


async def test_resume_with_high_pain_asks_first_then_resumes(
    make_app, clock, db_path: Path
) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    header = {
        "id": "cut",
        "routine": "hold",
        "started_at": "2026-11-20T17:00:00+01:00",
        "status": "interrupted",
        "stop_reason": "interrupted",
    }
    resume = hold_resume(["left"], 4)
    store.journal.begin(header, resume=resume)
    store.journal.release()  # the crashed owner: its OS lock is gone
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("7", "ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert screen.mode == "live" and screen.resume_of == "cut" and screen.pain_override
        assert (screen.runner.specs[1].kind, screen.runner.specs[1].set) == ("hold", 3)
        assert screen.session_header()["resumed_from"] == "cut"


async def test_a_red_flag_assessment_blocks_the_timers(make_app, db_path) -> None:
    from glute_tui.store.history import HistoryStore
    from tests.conftest import settle as _settle

    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.set_plan(plan_for_verdict("right", "right"))  # an older plan is still in the file
    store.add_assessment(
        {
            "id": "rf",
            "taken_at": "2026-11-19T08:00:00+01:00",
            "verdict": "red_flag",
            "tests": {},
            "answers": {},
        },
        None,
    )
    for screen in ("hold", "circuit"):
        app = make_app(screen)
        async with app.run_test(size=(80, 24)) as pilot:
            await _settle(pilot)
            message = str(app.screen.query_one("#setup-error").render())
            assert "red flag" in message and "clinician" in message
            await pilot.press("enter")
            await _settle(pilot)
            assert app.screen.mode == "setup"
            assert app.screen.runner is None
    assert HistoryStore.open(db_path).rows() == []


async def test_hold_summary_says_the_stage_s_target(make_app, clock, db_path: Path) -> None:
    """Integrate asks one hold session a day: the summary's target is the due list's."""
    store = right_weak_store(db_path)
    store.set_kv(
        "programme_stage_changes",
        [{"day": "2026-11-15", "stage": "integrate", "reason": "my physio says so"}],
    )
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LiveSessionScreen)
        await pilot.press("enter")
        assert screen.runner is not None
        await run_clock(pilot, clock, screen.runner.planned_total() + 1.0)
        assert screen.mode == "summary"
        text = " ".join(str(screen.query_one("#summary-text").render()).split())
        assert "Hold session 1 of 1 today — today counts." in text, text
        assert "of 2" not in text
