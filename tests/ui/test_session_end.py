"""A session that ends honestly: the break-it sweep's defects (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest

from glute_tui.store.history import HistoryStore
from tests.conftest import settle
from tests.ui.live import (
    drain_writer,
    run_clock,
    screened_db,  # noqa: F401  (a fixture, used below)
)

pytestmark = pytest.mark.usefixtures("screened_db")


def _footer_words(app: Any) -> list[str]:
    return [str(k.description) for k in app.screen.query("FooterKey")]


async def _to_summary(pilot: Any, clock: Any) -> Any:
    """A hold session started, stopped (other) 2 s in: the summary form."""
    await settle(pilot)
    screen = pilot.app.screen
    await pilot.press("enter")
    await run_clock(pilot, clock, 2.0)
    await pilot.press("q")
    await pilot.pause()
    await pilot.press("o")
    await pilot.pause()
    await drain_writer(pilot.app)
    await pilot.pause()
    assert screen.mode == "summary"
    return screen


async def test_escape_on_the_summary_keeps_what_was_typed(make_app, clock, db_path) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _to_summary(pilot, clock)
        await pilot.press("3", "enter", "4", "enter", "s", "o", "r", "e")
        await pilot.press("escape")
        await pilot.pause()
        await drain_writer(app)
        await pilot.pause()
        assert app.screen is not screen
    (row,) = HistoryStore.open(db_path).rows()
    assert (row["pain_after"], row["effort"], row["note"]) == (3, 4, "sore")


async def test_escape_after_saving_keeps_a_later_edit(make_app, clock, db_path) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _to_summary(pilot, clock)
        await pilot.press("3", "enter", "4", "enter", "o", "k", "enter")  # saved
        await pilot.pause()
        await pilot.press("backspace", "backspace", "s", "o", "r", "e")  # then changed
        await pilot.press("escape")
        await pilot.pause()
        await drain_writer(app)
        await pilot.pause()
        assert app.screen is not screen
    (row,) = HistoryStore.open(db_path).rows()
    assert row["note"] == "sore"


async def test_escape_with_a_bad_answer_asks_before_dropping(make_app, clock, db_path) -> None:
    from glute_tui.ui.widgets.session_dialogs import ConfirmDialog

    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _to_summary(pilot, clock)
        await pilot.press("1", "1", "enter", "4", "enter", "s", "o", "r", "e")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no: back to the form, nothing lost
        await pilot.pause()
        assert app.screen is screen and screen.mode == "summary"
        assert screen.query_one("#note").value == "sore"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # yes: leave, the answers not saved
        await pilot.pause()
        await drain_writer(app)
        assert app.screen is not screen
    (row,) = HistoryStore.open(db_path).rows()
    assert row.session.note is None and row.session.pain_after is None


async def test_tab_on_the_summary_stays_on_a_box(make_app, clock) -> None:
    from textual.widgets import Input

    from glute_tui.ui.widgets.toggles import TickBox

    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for _ in range(3):  # the check before: the pain box and the injury tick box
            await pilot.press("tab")
            await pilot.pause()
            assert isinstance(app.focused, (Input, TickBox)), app.focused
        await pilot.press("shift+tab")
        await pilot.pause()
        assert isinstance(app.focused, (Input, TickBox)), app.focused
        if not isinstance(app.focused, Input):
            await pilot.press("shift+tab")
        await _to_summary(pilot, clock)
        for _ in range(7):
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert isinstance(focused, Input), focused
        for _ in range(7):
            await pilot.press("shift+tab")
            await pilot.pause()
            assert isinstance(app.focused, Input), app.focused


async def test_the_footer_says_resume_while_paused(make_app, clock) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await run_clock(pilot, clock, 2.0)
        assert "Pause" in _footer_words(app)
        await pilot.press("space")
        await pilot.pause()
        words = _footer_words(app)
        assert "Resume" in words and "Pause" not in words
        await pilot.press("space")
        await pilot.pause()
        assert "Pause" in _footer_words(app)


async def test_help_stays_in_the_footer_while_a_box_has_focus(make_app, clock) -> None:
    from textual.widgets import Input

    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, Input)  # the pain box
        assert "Help" in _footer_words(app)
        screen = await _to_summary(pilot, clock)
        assert isinstance(app.focused, Input) and screen.mode == "summary"
        assert "Help" in _footer_words(app)


def _paced_routine() -> Any:
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
                    ),
                )
            )

    return PacedHold()


async def test_reps_above_the_record_bound_are_refused(make_app, clock, db_path) -> None:
    from glute_tui.core.records import MAX_REPS
    from glute_tui.ui.screens.live import LiveSessionScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = LiveSessionScreen(_paced_routine())
        app.push_screen(screen)
        await settle(pilot)
        await pilot.press("enter")
        await run_clock(pilot, clock, 3.0)
        assert screen.runner.current.paced
        digits = str(MAX_REPS)
        await pilot.press(*digits)
        await pilot.pause()
        assert screen.reps_typed == MAX_REPS
        await pilot.press("7")  # one digit more: refused, the number typed is kept
        await pilot.pause()
        assert screen.reps_typed == MAX_REPS
        line = str(screen.query_one("#extra").render())
        assert f"at most {MAX_REPS}" in line and "\n" not in line.strip()
        await pilot.press("backspace", "enter")
        await pilot.pause()
        await drain_writer(app)
    session = next(iter(HistoryStore.open(db_path).session_dicts()))
    (work,) = [p for p in session["phases"] if p["kind"] == "work"]
    assert work["reps"] == MAX_REPS // 10


def test_a_phase_above_the_reps_bound_is_refused_on_record() -> None:
    from glute_tui.core.records import MAX_REPS, RecordError, validate_phase

    phase = {
        "kind": "work",
        "exercise": "lunge",
        "side": "left",
        "set": 1,
        "planned_s": 40.0,
        "start_s": 0.0,
        "end_s": 40.0,
    }
    assert validate_phase({**phase, "reps": MAX_REPS}, "phase")["reps"] == MAX_REPS
    with pytest.raises(RecordError, match="reps"):
        validate_phase({**phase, "reps": MAX_REPS + 1}, "phase")


@pytest.mark.parametrize("routine", ["release", "hold", "cook_hip_lift"])
async def test_every_summary_says_the_time(make_app, clock, routine) -> None:
    from glute_tui.core.routines import registry
    from glute_tui.ui.screens.live import LiveSessionScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = LiveSessionScreen(registry.get(routine))
        app.push_screen(screen)
        await settle(pilot)
        await pilot.press("enter")
        await run_clock(pilot, clock, 20.0)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await drain_writer(app)
        await pilot.pause()
        assert screen.mode == "summary"
        text = str(screen.query_one("#summary-text").render())
        assert "Time: " in text, text


async def test_a_resumed_session_keeps_its_pain_before(make_app, clock, db_path) -> None:
    from tests.ui.live import hold_resume, right_weak_store

    store = right_weak_store(db_path)
    header = {
        "id": "cut",
        "routine": "hold",
        "started_at": "2026-11-20T17:00:00+01:00",
        "status": "interrupted",
        "stop_reason": "interrupted",
        "pain_before": 2,
    }
    store.journal.begin(header, resume=hold_resume(["right"], 3))
    store.journal.release()  # kill -9: the crashed owner's OS lock is gone
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+r")  # the pain box left empty: the earlier answer stands
        await pilot.pause()
        assert screen.mode == "live" and screen.resume_of == "cut"
        await run_clock(pilot, clock, 2.0)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await drain_writer(app)
    rows = {r["id"]: r for r in HistoryStore.open(db_path).rows()}
    (new,) = [r for r in rows.values() if r["id"] != "cut"]
    assert new.session.resumed_from == "cut" and new.session.pain_before == 2
