"""The checks at a live session's start (issue 12): nobody trains unscreened, an unhealed
injury is a stop, an injury pause is honoured, pain is never invented, and bad pain is
answered, never met with silence."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.widgets import Input

from glute_tui.store.history import HistoryStore
from glute_tui.ui.screens.live import LiveSessionScreen
from glute_tui.ui.screens.safety import SafetyScreen
from glute_tui.ui.screens.safety_dialogs import InjuryStop, PauseOver
from glute_tui.ui.widgets.session_dialogs import ConfirmDialog
from tests.conftest import FIXED_NOW, settle
from tests.ui.live import drain_writer, right_weak_store, screened_store


def _text(screen: Any, wid: str) -> str:
    return str(screen.query_one(f"#{wid}").render())


async def _live_screen(pilot: Any) -> LiveSessionScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, LiveSessionScreen)
    return screen


async def test_a_fresh_data_file_cannot_reach_a_running_timer_without_the_safety_screen(
    make_app, db_path: Path
) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        live = await _live_screen(pilot)
        assert "one-minute safety check" in _text(live, "pain-check")
        await pilot.press("enter")
        assert isinstance(app.screen, SafetyScreen) and live.runner is None
        await pilot.press("escape")  # leaving the questions: no session
        await pilot.pause()
        assert app.screen is live and live.runner is None and live.mode == "setup"
        assert "nobody trains unscreened" in _text(live, "setup-error")
        await pilot.press("enter")  # asked again, every time
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press(*"n" * 9)
        await drain_writer(app)
        await pilot.pause()
        assert app.screen is live and live.mode == "live" and live.runner is not None
    (record,) = HistoryStore.open(db_path).assessments()
    assert record["kind"] == "screening" and record["verdict"] == "screening"


async def test_a_red_flag_found_on_the_safety_screen_stops_the_session(
    make_app, db_path: Path
) -> None:
    app = make_app("circuit")
    async with app.run_test(size=(80, 24)) as pilot:
        live = await _live_screen(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, SafetyScreen)
        await pilot.press("y", "y")  # saddle numbness, confirmed
        await drain_writer(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is live and live.runner is None
        assert "red flag" in _text(live, "setup-error") and not live.can_start
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is live and live.runner is None
    (record,) = HistoryStore.open(db_path).assessments()
    assert record["verdict"] == "red_flag"


async def test_an_unhealed_injury_cannot_be_clicked_through(make_app, db_path: Path) -> None:
    right_weak_store(db_path)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        live = await _live_screen(pilot)
        live.query_one("#injury").value = True  # type: ignore[attr-defined]
        live.query_one("#pain-before", Input).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, InjuryStop)
        await pilot.press("enter", "space", "y", "n", "tab", "enter")  # none of them passes
        await pilot.pause()
        assert isinstance(app.screen, InjuryStop) and live.runner is None
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is live and live.runner is None
        assert "see a professional" in _text(live, "setup-error")
        await pilot.press("enter")
        assert isinstance(app.screen, InjuryStop)
        await pilot.press("c", "y")  # a professional cleared it: logged, then it starts
        await drain_writer(app)
        await pilot.pause()
        assert live.mode == "live" and live.runner is not None
    clearances = [a for a in HistoryStore.open(db_path).assessments() if a.get("clearance")]
    assert [c["clearance"]["covers"] for c in clearances] == [["injury"]]
    assert clearances[0]["clearance"]["on"] == FIXED_NOW.date().isoformat()


async def test_an_injury_pause_is_honoured_when_a_session_starts(make_app, db_path: Path) -> None:
    store = right_weak_store(db_path)
    start = (FIXED_NOW.date() - timedelta(days=3)).isoformat()
    end = (FIXED_NOW.date() + timedelta(days=4)).isoformat()
    store.add_pause({"start": start, "end": end})
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        live = await _live_screen(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, PauseOver)
        await pilot.press("n")  # still resting: no session
        await pilot.pause()
        assert app.screen is live and live.runner is None
        assert "rest day" in _text(live, "setup-error")
        await pilot.press("enter")
        assert isinstance(app.screen, PauseOver)
        await pilot.press("y")  # over: it ends yesterday, and the session starts
        await drain_writer(app)
        await pilot.pause()
        assert live.mode == "live" and live.runner is not None
    yesterday = (FIXED_NOW.date() - timedelta(days=1)).isoformat()
    assert HistoryStore.open(db_path).pauses() == [{"start": start, "end": yesterday}]


def _trained_yesterday(db_path: Path, morning: int) -> None:
    store = right_weak_store(db_path)
    start = FIXED_NOW - timedelta(days=1)
    store.add_session(
        {
            "id": "yesterday",
            "routine": "hold",
            "started_at": start.isoformat(timespec="seconds"),
            "ended_at": (start + timedelta(minutes=4)).isoformat(timespec="seconds"),
            "status": "completed",
            "stop_reason": "planned_end",
            "active_s": 240.0,
            "pain_before": 2,
            "phases": [],
        }
    )
    store.update_session("yesterday", pain_next_morning=morning)


async def test_a_morning_of_8_is_shown_and_never_followed_by_a_silent_start(
    make_app, db_path: Path
) -> None:
    _trained_yesterday(db_path, 8)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        live = await _live_screen(pilot)
        shown = _text(live, "pain-check")
        assert "8/10" in shown and "Go lighter today" in shown
        await pilot.press("1", "enter")  # pain now 1: the morning alone asks to confirm
        assert isinstance(app.screen, ConfirmDialog) and live.runner is None
        assert "8/10" in _text(app.screen, "confirm-text")
        await pilot.press("escape")  # Not today
        await pilot.pause()
        assert app.screen is live and live.runner is None
        await pilot.press("enter")
        await pilot.press("y")  # start anyway: noted
        await pilot.pause()
        assert live.runner is not None and live.pain_override is True
        assert live.pain_before == 1


async def test_a_calm_morning_starts_without_a_question(make_app, db_path: Path) -> None:
    _trained_yesterday(db_path, 2)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        live = await _live_screen(pilot)
        assert "2/10" in _text(live, "pain-check")
        await pilot.press("enter")
        await pilot.pause()
        assert live.runner is not None and live.pain_override is False
        assert live.pain_before is None  # the box was left empty: not answered


async def test_pain_above_5_after_a_session_gets_its_answer(make_app, db_path: Path) -> None:
    screened_store(db_path)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        live = await _live_screen(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q", "o")  # stop: other reason
        await drain_writer(app)
        await pilot.pause()
        assert live.mode == "summary"
        box = live.query_one("#summary-response")
        assert not box.display
        await pilot.press("5")
        await pilot.pause()
        assert not box.display  # 5 is acceptable if it settles: no alarm
        await pilot.press("backspace", "7")
        await pilot.pause()
        assert box.display and "7/10 after a session" in _text(live, "summary-response")
        assert "Tomorrow morning" in _text(live, "summary-response")
        await pilot.press("enter", "enter", "enter")  # saved; the answer stays
        await drain_writer(app)
        await pilot.pause()
        assert box.display
    (row,) = HistoryStore.open(db_path).rows()
    assert row["pain_after"] == 7 and row["pain_before"] is None


# ---- snapshots -------------------------------------------------------------------------------


async def _steady(pilot: Any) -> None:
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause()


def test_snapshot_setup_with_a_morning_pain_warning(snap_compare, make_app, db_path: Path) -> None:
    _trained_yesterday(db_path, 8)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await _steady(pilot)

    assert snap_compare(make_app("hold"), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_injury_stop_from_the_live_screen(snap_compare, make_app, db_path: Path) -> None:
    right_weak_store(db_path)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        live = pilot.app.screen
        live.query_one("#injury").value = True
        live.query_one("#pain-before", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, InjuryStop)
        await _steady(pilot)

    assert snap_compare(make_app("hold"), terminal_size=(80, 24), run_before=run_before)
