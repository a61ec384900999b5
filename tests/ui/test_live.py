"""The one live-session screen: a session that ends honestly (issue 11), any routine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from glute_tui.cli import SCREENS as CLI_SCREENS
from glute_tui.core.plan import plan_for_verdict
from glute_tui.store.history import HistoryStore
from glute_tui.ui.screens.help import HelpScreen, describe_keys
from glute_tui.ui.screens.live import LiveSessionScreen
from glute_tui.ui.widgets.session_dialogs import PainDialog, StopDialog
from tests.conftest import settle
from tests.ui.live import (
    drain_writer,
    hold_resume,
    right_weak_store,
    run_clock,
    screened_db,  # noqa: F401  (a fixture, used below)
)

# Every data file here has answered the safety questions: these tests are about the
# session itself (tests/ui/test_live_safety.py starts from a fresh, unscreened file).
pytestmark = pytest.mark.usefixtures("screened_db")


def _text(screen: Any, wid: str) -> str:
    return str(screen.query_one(f"#{wid}").render())


def _footer(app: Any) -> list[Any]:
    return list(app.screen.query("FooterKey"))


async def test_q_asks_why_and_pain_keeps_the_partial_phase(make_app, clock, db_path) -> None:
    right_weak_store(db_path)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await run_clock(pilot, clock, 6.5)  # 1.5 s into the first hold
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, StopDialog)
        await pilot.press("escape")  # keeps going
        await pilot.pause()
        assert screen.mode == "live" and screen.runner.state == "running"
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PainDialog)
        await pilot.press("1", "1")
        await pilot.pause()
        assert "0 to 10" in _text(app.screen, "pain-error")
        await pilot.press("backspace", "backspace", "7", "enter")
        await pilot.pause()
        assert screen.mode == "summary"
        text = _text(screen, "summary-text")
        assert "stop for today" in text and "Tomorrow morning" in text
        await drain_writer(app)
    store = HistoryStore.open(db_path)
    (row,) = store.rows()
    assert (row["stop_reason"], row["pain_during"]) == ("pain", 7)
    session = store.session_dict(row["id"])
    assert session is not None
    last = session["phases"][-1]
    assert (last["kind"], last["ended_by"]) == ("hold", "stopped")
    assert abs((last["end_s"] - last["start_s"]) - 1.5) < 0.01


async def test_p_notes_low_pain_without_stopping(make_app, clock, db_path) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await run_clock(pilot, clock, 2.0)
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("3", "enter")
        await pilot.pause()
        assert screen.mode == "live" and screen.runner.state == "running"
        assert "Pain 3 of 10 noted" in _text(screen, "extra")
        await drain_writer(app)
        journal = HistoryStore.open(db_path).journal.read()
        assert journal is not None and journal["session"]["pain_during"] == 3
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("f")  # form lost
        await pilot.pause()
        await drain_writer(app)
    (row,) = HistoryStore.open(db_path).rows()
    assert (row["stop_reason"], row["pain_during"]) == ("form_lost", 3)


async def test_ctrl_q_asks_first_and_escape_keeps_going(make_app, clock, db_path) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await run_clock(pilot, clock, 2.0)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, StopDialog)
        await pilot.press("ctrl+q")  # asking already: one question at a time
        await pilot.pause()
        assert sum(isinstance(s, StopDialog) for s in app.screen_stack) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.runner.state == "running"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("t")  # out of time: the session is saved, then the app closes
        await pilot.pause()
        await drain_writer(app)
    (row,) = HistoryStore.open(db_path).rows()
    assert row["stop_reason"] == "out_of_time"


async def test_help_lists_every_key_that_works_there(make_app, clock) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(describe_keys(screen))
        for key in ("space", "n", "q", "p", "m", "+", "-", "?"):
            assert key in keys, key
        assert "g" not in keys and "enter" not in keys and "ctrl+r" not in keys


async def test_every_live_footer_fits_80_columns(make_app, clock, db_path) -> None:
    right_weak_store(db_path)
    for routine, steps in (
        ("hold", [6.0, 3.0]),
        ("circuit", [6.0, 200.0]),
        ("contract-relax", [6.0]),
    ):
        app = make_app(routine)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            for step in steps:
                await run_clock(pilot, clock, step)
                keys = _footer(app)
                assert keys and all(k.region.right <= 80 for k in keys), routine
                assert keys[-1].description == "Theme", routine


async def test_red_flag_shows_no_plan_and_no_start_key(make_app, db_path) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.set_plan(plan_for_verdict("right", "right"))
    store.add_assessment(
        {"id": "rf", "taken_at": "2026-11-19T08:00:00+01:00", "verdict": "red_flag"}, None
    )
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert _text(screen, "setup-text").strip() == ""
        assert "Enter starts" not in _text(screen, "start-hint")
        assert "Start" not in [k.description for k in _footer(app)]


async def test_cut_short_notice_clears_once_resumed(make_app, clock, db_path) -> None:
    store = right_weak_store(db_path)
    header = {
        "id": "cut",
        "routine": "hold",
        "started_at": "2026-11-20T17:00:00+01:00",
        "status": "interrupted",
        "stop_reason": "interrupted",
    }
    store.journal.begin(header, resume=hold_resume(["right"], 0))
    store.journal.release()  # the crashed owner: its OS lock is gone
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "was cut short" in _text(app.screen, "notices")
        app.open_screen("hold")
        await settle(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen.resume_of == "cut"
        assert not any("was cut short" in n for n in app.notices)


async def test_g_says_what_it_logged(make_app, clock, db_path) -> None:
    right_weak_store(db_path)
    app = make_app("circuit")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        while screen.runner.current.kind != "work" or screen.runner.current.exercise == "bird_dog":
            await run_clock(pilot, clock, 0.5)
        await run_clock(pilot, clock, 10.5)
        await pilot.press("g")
        await pilot.pause()
        assert "Side-lying hip abduction: 2 of 8 reps logged" in _text(screen, "extra")


async def test_plus_at_the_hold_rest_maximum_says_so(make_app, clock, db_path) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        for _ in range(3):
            await pilot.press("plus")
        await settle(pilot)
        assert "at its maximum" in _text(screen, "extra")


async def test_number_boxes_refuse_out_of_range_as_typed(make_app, clock) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await run_clock(pilot, clock, 500.0)
        assert screen.mode == "summary"
        await pilot.press("1", "2")
        await pilot.pause()
        assert "Pain after: 0 to 10" in _text(screen, "summary-error")
        await pilot.press("backspace")
        await pilot.pause()
        assert _text(screen, "summary-error").strip() == ""


async def test_contract_relax_runs_from_home_key_and_command_line(make_app, clock, db_path):
    assert "contract-relax" in CLI_SCREENS
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LiveSessionScreen) and screen.routine.id == "contract_relax"
        await pilot.press("enter")
        await run_clock(pilot, clock, 6.0)
        assert _text(screen, "banner") == "CONTRACT"
        await run_clock(pilot, clock, 8.0)
        assert _text(screen, "banner") == "RELAX"
        await run_clock(pilot, clock, 200.0)
        assert screen.mode == "summary"
        await drain_writer(app)
    (row,) = HistoryStore.open(db_path).rows()
    assert row["routine"] == "contract_relax" and row["status"] == "completed"


# ---- snapshots -------------------------------------------------------------------------------


def _snap(snap_compare: Any, make_app: Any, clock: Any, screen: str, steps: list[Any]) -> bool:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        for step in steps:
            if isinstance(step, (int, float)):
                await run_clock(pilot, clock, float(step))
            else:
                await pilot.press(step)
                await pilot.pause()
        await pilot.pause(0.45)
        for s in pilot.app.screen_stack:
            for box in s.query(Input):
                box.cursor_blink = False
            if hasattr(s, "unflash"):
                s.unflash()
        await pilot.pause()

    return snap_compare(make_app(screen), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_stop_dialog(snap_compare, make_app, clock) -> None:
    assert _snap(snap_compare, make_app, clock, "hold", ["enter", 6.0, "q"])


def test_snapshot_pain_dialog(snap_compare, make_app, clock) -> None:
    assert _snap(snap_compare, make_app, clock, "hold", ["enter", 6.0, "p", "4"])


def test_snapshot_pain_stop_summary(snap_compare, make_app, clock) -> None:
    steps = ["enter", 6.0, "q", "p", "8", "enter"]
    assert _snap(snap_compare, make_app, clock, "hold", steps)


def test_snapshot_contract_relax_setup(snap_compare, make_app, clock) -> None:
    assert _snap(snap_compare, make_app, clock, "contract-relax", [])


def test_snapshot_contract_relax_contract(snap_compare, make_app, clock) -> None:
    assert _snap(snap_compare, make_app, clock, "contract-relax", ["enter", 7.0])


def test_snapshot_contract_relax_relax(snap_compare, make_app, clock) -> None:
    assert _snap(snap_compare, make_app, clock, "contract-relax", ["enter", 15.0])


def test_snapshot_red_flag_setup(snap_compare, make_app, clock, db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.add_assessment(
        {"id": "rf", "taken_at": "2026-11-19T08:00:00+01:00", "verdict": "red_flag"}, None
    )
    assert _snap(snap_compare, make_app, clock, "hold", [])


async def test_a_user_paced_set_ends_on_enter_and_logs_the_reps(make_app, clock, db_path):
    """The next step's strength routines need no runner or screen change: a phase that
    waits for the user, the reps typed (or its target) logged per side."""
    from glute_tui.core.routines.base import Built
    from glute_tui.core.routines.hold import HoldRoutine
    from glute_tui.core.timeline import PhaseSpec, Timeline

    class PacedHold(HoldRoutine):
        def timeline(self, ctx: Any) -> Built:
            return Built(
                Timeline(
                    "hold",
                    (
                        PhaseSpec("prepare", "lunge", "left", 0, 1.0),
                        PhaseSpec("work", "lunge", "left", 1, 40.0, reps=10, paced=True),
                        PhaseSpec("work", "lunge", "right", 1, 20.0, reps=5, paced=True),
                    ),
                )
            )

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = LiveSessionScreen(PacedHold())
        app.push_screen(screen)
        await settle(pilot)
        await pilot.press("enter")
        await run_clock(pilot, clock, 101.0)  # 1 s get ready, then 100 s: it waits
        assert screen.runner.current.paced and screen.runner.current.side == "left"
        assert (
            _text(screen, "big") != ""
            and screen.routine.view(screen.runner, screen.ctx()).big == "1:40"
        )
        await pilot.press("7")
        await pilot.pause()
        assert "Reps done: 7" in _text(screen, "extra")
        await pilot.press("enter")
        await run_clock(pilot, clock, 12.0)
        await pilot.press("enter")  # nothing typed: its target
        await pilot.pause()
        assert screen.mode == "summary"
        await drain_writer(app)
    session = next(iter(HistoryStore.open(db_path).session_dicts()))
    work = [p for p in session["phases"] if p["kind"] == "work"]
    assert [(p["side"], p["reps"], p["ended_by"], p["paced"]) for p in work] == [
        ("left", 7, "done", True),
        ("right", 5, "done", True),
    ]
    assert abs((work[0]["end_s"] - work[0]["start_s"]) - 100.0) < 0.01


async def test_cut_short_notice_clears_once_dismissed(make_app, clock, db_path) -> None:
    store = right_weak_store(db_path)
    header = {
        "id": "cut",
        "routine": "hold",
        "started_at": "2026-11-20T17:00:00+01:00",
        "status": "interrupted",
        "stop_reason": "interrupted",
    }
    store.journal.begin(header, resume=hold_resume(["right"], 0))
    store.journal.release()  # the crashed owner: its OS lock is gone
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert "cut short" in _text(screen, "resume-offer")
        await pilot.press("ctrl+o")  # from the focused pain box
        await pilot.pause()
        assert app.recovered is None and not screen.query_one("#resume-offer").display
        assert not any("was cut short" in n for n in app.notices)
    (row,) = HistoryStore.open(db_path).rows()
    assert row["id"] == "cut" and row["status"] == "interrupted"  # kept as it was
