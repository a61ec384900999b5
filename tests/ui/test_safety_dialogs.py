"""The injury stop and the injury-pause question a session start pushes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from glute_tui.core import safety
from glute_tui.store.history import HistoryStore
from glute_tui.ui.screens.safety_dialogs import InjuryStop, PauseOver
from tests.conftest import settle


async def _push(app: Any, pilot: Any, screen: Any) -> list[bool | None]:
    got: list[bool | None] = []
    await settle(pilot)
    app.push_screen(screen, got.append)
    await pilot.pause()
    return got


async def test_an_unhealed_injury_cannot_be_clicked_through(make_app, db_path: Path) -> None:
    app = make_app("home")
    async with app.run_test(size=(80, 24)) as pilot:
        got = await _push(app, pilot, InjuryStop())
        for key in ("enter", "y", "space", "n"):  # no stray key starts a session
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, InjuryStop) and got == []
        await pilot.press("escape")
        await pilot.pause()
        assert got == [False]
    assert HistoryStore.open(db_path).assessments() == []


async def test_a_professional_clearance_is_saved_with_its_date(make_app, db_path: Path) -> None:
    app = make_app("home")
    async with app.run_test(size=(80, 24)) as pilot:
        got = await _push(app, pilot, InjuryStop())
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("n")  # not yet: back to the stop
        await pilot.pause()
        assert isinstance(app.screen, InjuryStop) and app.screen.page == "stop"
        await pilot.press("c", "y")
        await settle(pilot)
        assert got == [True]
    [record] = HistoryStore.open(db_path).assessments()
    assert record["clearance"] == {
        "statement": safety.INJURY_CLEARANCE_STATEMENT,
        "on": "2026-11-20",
        "covers": ["injury"],
    }
    assert safety.red_flag_stop([record]) is None  # an injury clearance is no red flag


async def test_an_injury_pause_that_is_over_ends_yesterday(make_app, db_path: Path) -> None:
    pause = {"start": "2026-11-15", "end": "2026-11-30"}
    HistoryStore.open(db_path).add_pause(pause)
    app = make_app("home")
    async with app.run_test(size=(80, 24)) as pilot:
        got = await _push(app, pilot, PauseOver(pause, date(2026, 11, 20)))
        assert "2026-11-15 to 2026-11-30" in str(app.screen.query_one("#pause-text").render())
        await pilot.press("y")
        await settle(pilot)
        assert got == [True]
    assert HistoryStore.open(db_path).pauses() == [{"start": "2026-11-15", "end": "2026-11-19"}]


async def test_a_pause_still_standing_is_kept(make_app, db_path: Path) -> None:
    pause = {"start": "2026-11-20", "end": "2026-11-30"}
    HistoryStore.open(db_path).add_pause(pause)
    app = make_app("home")
    async with app.run_test(size=(80, 24)) as pilot:
        got = await _push(app, pilot, PauseOver(pause, date(2026, 11, 20)))
        await pilot.press("n")
        await settle(pilot)
        assert got == [False]
    assert HistoryStore.open(db_path).pauses() == [pause]


async def test_a_pause_that_began_today_and_is_over_is_removed(make_app, db_path: Path) -> None:
    pause = {"start": "2026-11-20", "end": "2026-11-30"}
    HistoryStore.open(db_path).add_pause(pause)
    app = make_app("home")
    async with app.run_test(size=(80, 24)) as pilot:
        got = await _push(app, pilot, PauseOver(pause, date(2026, 11, 20)))
        await pilot.press("y")
        await settle(pilot)
        assert got == [True]
    assert HistoryStore.open(db_path).pauses() == []


def test_snapshot_injury_stop(snap_compare, make_app) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.push_screen(InjuryStop())
        await pilot.pause()

    assert snap_compare(make_app("home"), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_pause_over(snap_compare, make_app) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pause = {"start": "2026-11-15", "end": "2026-11-30"}
        pilot.app.push_screen(PauseOver(pause, date(2026, 11, 20)))
        await pilot.pause()

    assert snap_compare(make_app("home"), terminal_size=(80, 24), run_before=run_before)
