"""The circuit on a fake clock: planner message, pacer, rest windows, cap, journal, snapshots."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from glute_tui.store.history import HistoryStore
from tests.conftest import FIXED_NOW, settle
from tests.ui.live import (
    circuit_resume,
    drain_writer,
    right_weak_store,
    run_clock,
    screened_db,  # noqa: F401  (a fixture, used below)
)

# Every data file here has answered the safety questions: these tests are about the
# session itself (tests/ui/test_live_safety.py starts from a fresh, unscreened file).
pytestmark = pytest.mark.usefixtures("screened_db")


def _store(db_path: Path, used_today_s: float = 0.0) -> HistoryStore:
    store: HistoryStore = right_weak_store(db_path)
    if used_today_s:
        start = FIXED_NOW - timedelta(hours=3)
        store.add_session(
            {
                "id": "earlier",
                "routine": "circuit",
                "started_at": start.isoformat(timespec="seconds"),
                "ended_at": (start + timedelta(seconds=used_today_s)).isoformat(timespec="seconds"),
                "status": "completed",
                "stop_reason": "planned_end",
                "active_s": used_today_s,
                "phases": [],
            }
        )
    return store


async def _to(pilot: Any, clock: Any, kind: str, limit: float = 900.0, step: float = 0.5) -> None:
    """Advance the fake clock until the current phase is of `kind`."""
    screen = pilot.app.screen
    t = 0.0
    while screen.runner.current is None or screen.runner.current.kind != kind:
        clock.advance(step)
        t += step
        screen.tick()
        assert t < limit, f"never reached {kind}"
    await pilot.pause()


def _text(screen: Any, wid: str) -> str:
    return str(screen.query_one(f"#{wid}").render())


async def test_whole_circuit_on_fake_clock(make_app, clock, db_path: Path) -> None:
    _store(db_path)
    app = make_app("circuit")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert "2 rounds fit, 9 min" in _text(screen, "setup-text")
        await pilot.press("enter")
        runner = screen.runner
        assert runner is not None and runner.budget_s == 600.0
        # warm-up: bird dog on both sides even with one weak side
        await _to(pilot, clock, "work")
        assert runner.current.exercise == "bird_dog"
        assert _text(screen, "banner") == "REACH…"
        await run_clock(pilot, clock, 2.0)
        assert _text(screen, "banner") == "HOLD…"
        # the first drill of round 1: glutes stop after 2 reps
        while runner.current.exercise == "bird_dog" or runner.current.kind != "work":
            await run_clock(pilot, clock, 0.5)
        assert runner.current.exercise == "side_lying_abduction"
        await run_clock(pilot, clock, 10.5)
        assert "rep 3 of 8" in _text(screen, "counts")
        await pilot.press("g")
        assert runner.records[-1].ended_by == "glutes_stopped" and runner.records[-1].reps == 2
        # rest window: ready refused before the minimum, accepted after
        await _to(pilot, clock, "round_rest")
        assert "Enter lets you start after 1:00" in _text(screen, "extra")  # issue 11 wording
        await run_clock(pilot, clock, 30.0)
        await pilot.press("enter")
        assert runner.current.kind == "round_rest"
        assert "Rest a little longer" in _text(screen, "extra")
        await run_clock(pilot, clock, 30.0)
        assert "Enter when ready" in _text(screen, "extra")
        await pilot.press("enter")
        assert runner.records[-1].ended_by == "ready"
        assert runner.current.kind == "transition"
        await run_clock(pilot, clock, 400.0)
        assert screen.mode == "summary"
        await drain_writer(app)
        await pilot.pause()
        text = _text(screen, "summary-text")
        assert "Session complete" in text and "Early stops (glutes stopped): 1" in text
        assert "Rounds started: 2" in text
        await pilot.press(*"1", "enter", *"5", "enter", "enter")
        await drain_writer(app)
    store = HistoryStore.open(db_path)
    (row,) = store.rows()
    assert row["routine"] == "circuit" and row["status"] == "completed"
    assert (row["pain_after"], row["effort"]) == (1, 5)
    assert row["active_s"] <= 600.0
    session = store.session_dict(row["id"])
    assert session is not None
    phases = session["phases"]
    assert [p["ended_by"] for p in phases if p["kind"] == "round_rest"] == ["ready"]
    expected = 0.0
    for p in phases:  # starts on schedule: earlier phases' actual ends (ready / g)
        assert abs(p["start_s"] - expected) <= 0.05
        expected = p["end_s"]
    warm = [p["side"] for p in phases if p["exercise"] == "bird_dog" and p["kind"] == "work"]
    assert warm == ["left", "right"]
    assert {p["side"] for p in phases if p["kind"] == "work" and p["exercise"] != "bird_dog"} == {
        "right"
    }


async def test_rest_window_starts_by_itself_at_maximum(make_app, clock, db_path: Path) -> None:
    _store(db_path)
    app = make_app("circuit")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await _to(pilot, clock, "round_rest")
        runner = screen.runner
        for _ in range(3):
            await pilot.press("plus")
        assert runner.current.planned_s == 120.0
        assert "longest" in _text(screen, "extra")
        await run_clock(pilot, clock, 119.5)
        assert runner.current.kind == "round_rest"
        await run_clock(pilot, clock, 0.5)
        assert runner.current.kind == "transition"
        rest = runner.records[-1]
        assert rest.ended_by == "planned" and rest.active_s == 120.0


async def test_more_rest_refused_when_it_would_pass_the_cap(make_app, clock, db_path: Path) -> None:
    _store(db_path, used_today_s=50.0)
    app = make_app("circuit")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert "2 rounds fit" in _text(screen, "setup-text")
        await pilot.press("enter")
        await _to(pilot, clock, "round_rest")
        await pilot.press("plus")
        assert screen.runner.current.planned_s == 90.0
        assert "No more rest fits" in _text(screen, "extra")


async def test_used_up_cap_refuses_politely(make_app, clock, db_path: Path) -> None:
    _store(db_path, used_today_s=600.0)
    app = make_app("circuit")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert "Today's 10 min of circuit is done" in _text(screen, "setup-text")
        await pilot.press("enter")
        assert screen.mode == "setup" and screen.runner is None
        assert "done" in _text(screen, "setup-error")


async def test_cap_reached_mid_round_ends_with_message(make_app, clock, db_path: Path) -> None:
    _store(db_path)
    app = make_app("circuit")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        # as if another circuit elsewhere had used most of today's time meanwhile
        screen.runner.budget_s = 100.0
        await run_clock(pilot, clock, 101.0)
        assert screen.mode == "summary"
        await drain_writer(app)
        await pilot.pause()
        assert "circuit time is used up" in _text(screen, "summary-text")
    (row,) = HistoryStore.open(db_path).rows()
    assert row["stop_reason"] == "out_of_time" and row["status"] == "stopped"
    assert abs(row["active_s"] - 100.0) < 0.01


async def test_three_early_stops_in_a_row_suggest_ending(make_app, clock, db_path: Path) -> None:
    _store(db_path)
    app = make_app("circuit")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        for _ in range(3):
            await _to(pilot, clock, "work")
            await pilot.press("g")
        await _to(pilot, clock, "work")
        assert "stopped 3 drills in a row" in _text(screen, "extra")


# ---- snapshots -------------------------------------------------------------------------------


def _snap(snap_compare: Any, make_app: Any, clock: Any, db_path: Path, steps: list[Any]) -> bool:
    _store(db_path)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        for step in steps:
            if isinstance(step, (int, float)):
                await run_clock(pilot, clock, float(step))
            elif step.startswith("to:"):
                await _to(pilot, clock, step[3:])
            else:
                await pilot.press(step)
        await pilot.pause(0.45)
        screen = pilot.app.screen
        for box in screen.query(Input):
            box.cursor_blink = False
        screen.unflash()
        await pilot.pause()

    return snap_compare(make_app("circuit"), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_circuit_setup(snap_compare, make_app, clock, db_path) -> None:
    assert _snap(snap_compare, make_app, clock, db_path, [])


def test_snapshot_circuit_work(snap_compare, make_app, clock, db_path) -> None:
    assert _snap(snap_compare, make_app, clock, db_path, ["enter", "to:work", 0.5])


def test_snapshot_circuit_pacer(snap_compare, make_app, clock, db_path) -> None:
    assert _snap(snap_compare, make_app, clock, db_path, ["enter", 95.5])


def test_snapshot_circuit_rest_window(snap_compare, make_app, clock, db_path) -> None:
    assert _snap(snap_compare, make_app, clock, db_path, ["enter", "to:round_rest", 20.0])


def test_snapshot_circuit_paused(snap_compare, make_app, clock, db_path) -> None:
    assert _snap(snap_compare, make_app, clock, db_path, ["enter", "to:work", 0.5, "space"])


def test_snapshot_circuit_switch_side(snap_compare, make_app, clock, db_path) -> None:
    assert _snap(snap_compare, make_app, clock, db_path, ["enter", "to:switch", 0.5])


def test_snapshot_circuit_summary(snap_compare, make_app, clock, db_path) -> None:
    assert _snap(snap_compare, make_app, clock, db_path, ["enter", 700.0])


async def test_cut_short_circuit_resumes_from_next_drill_within_cap(
    make_app, clock, db_path: Path
) -> None:
    store = _store(db_path)
    header = {
        "id": "cut",
        "routine": "circuit",
        "started_at": (FIXED_NOW - timedelta(hours=1)).isoformat(timespec="seconds"),
        "status": "interrupted",
        "stop_reason": "interrupted",
        "pain_before": 0,
    }
    resume = circuit_resume(["right"], 2, 0)
    store.journal.begin(header, resume=resume)
    t = 0.0
    for i, (kind, ex, side, planned) in enumerate(
        [
            ("prepare", "bird_dog", "left", 5.0),
            ("work", "bird_dog", "left", 36.0),
            ("switch", "bird_dog", "right", 5.0),
        ]
    ):
        phase = {
            "kind": kind,
            "exercise": ex,
            "side": side,
            "set": 1 if kind == "work" else 0,
            "planned_s": planned,
            "start_s": t,
            "end_s": t + planned,
            "paused_s": 0.0,
            "reps": 6 if kind == "work" else None,
            "ended_by": "planned",
        }
        t += planned
        store.journal.append(phase, next_index=i + 1)
    store.journal.release()  # the crashed owner: its OS lock is gone
    app = make_app("circuit")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert "cut short after 1 drill." in _text(screen, "resume-offer")
        await pilot.press("ctrl+r")
        runner = screen.runner
        assert runner is not None and screen.resume_of == "cut"
        first = runner.specs[1]
        assert (runner.specs[0].kind, first.kind, first.exercise, first.side) == (
            "prepare",
            "work",
            "bird_dog",
            "right",
        )
        # the interrupted session's 46 s count against today's cap
        assert runner.budget_s == 600.0 - 46.0
