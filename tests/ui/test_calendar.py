"""The calendar: focusable, a day picked by arrows and opened by Enter; the day view shows
that day's sessions, takes a note, and logs a missed session as "logged later"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import DataTable, Input, OptionList

from glute_tui.core import progress as pg
from glute_tui.store.history import HistoryStore
from glute_tui.ui.dialogs.day import DayDialog
from glute_tui.ui.screens.history import HistoryScreen
from glute_tui.ui.screenshots import seed_demo
from glute_tui.ui.widgets.calendar import Calendar, weeks_that_fit
from tests.conftest import FIXED_NOW, settle

TODAY = FIXED_NOW.date()


def _plain(widget) -> str:  # type: ignore[no-untyped-def]
    render = widget.render()
    return str(getattr(render, "plain", render))


async def _pick_three_days_back(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("up", "up", "up")
    await pilot.pause()


async def _open_day(pilot) -> None:  # type: ignore[no-untyped-def]
    await _pick_three_days_back(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_arrows_pick_a_day_and_enter_opens_it(make_app, db_path) -> None:
    seed_demo(db_path, years=0.3, seed=7)
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        cal = app.screen.query_one(Calendar)
        assert cal.has_focus and cal.selected == TODAY
        await pilot.press("right")  # no future days
        assert cal.selected == TODAY
        await pilot.press("left", "up")
        assert cal.selected == TODAY - timedelta(days=8)
        assert "selected Thu 12 Nov 2026" in _plain(cal)
        await pilot.press("home")
        assert cal.selected == TODAY
        await pilot.press("up", "up", "up", "enter")
        await settle(pilot)
        day = app.screen
        assert isinstance(day, DayDialog) and day.day == TODAY - timedelta(days=3)
        rows = [r for r in HistoryStore.open(db_path).rows() if r["day"] == day.day.isoformat()]
        text = _plain(day.query_one("#day-list"))
        for r in rows:
            assert r["started_at"][11:16] in text
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_calendar_fills_a_wide_terminal(make_app, db_path) -> None:
    app = make_app("history")
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        cal = app.screen.query_one(Calendar)
        weeks = weeks_that_fit(cal.content_size.width)
        assert weeks > 26
        widest = max(len(line) for line in _plain(cal).splitlines()[2:9])
        assert widest > cal.content_size.width * 0.8  # the old one used under half


async def test_a_past_day_gets_a_note_and_a_session_logged_later(make_app, db_path) -> None:
    app = make_app("history")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_day(pilot)
        day = app.screen
        assert isinstance(day, DayDialog)
        assert "No sessions on this day" in _plain(day.query_one("#day-list"))
        day.query_one("#day-note", Input).value = "hip sore after the walk"
        day.query_one("#day-note", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        store = HistoryStore.open(db_path)
        assert store.kv("day_notes") == {day.day.isoformat(): "hip sore after the walk"}
        later = day.query_one("#later-list", OptionList)
        later.focus()
        later.highlighted = 0  # the hold timer
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "logged later" in _plain(day.query_one("#day-list"))
        rows = HistoryStore.open(db_path).rows()
        assert len(rows) == 2 and all(r["logged_later"] for r in rows)
        assert all(r["day"] == day.day.isoformat() and r["phase_count"] == 0 for r in rows)
        # it counts for that day, as the plan's two holds
        assert pg.counts_by_day(rows)[day.day.isoformat()] == [2, 0]
        await pilot.press("escape")
        await settle(pilot)
        cal = app.screen.query_one(Calendar)
        cell = next(c for col in cal.heat for c in col if c.day == day.day)
        assert cell.hold == 2
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#session-table", DataTable)
        assert table.get_row_at(0)[1] == "later"
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        head = _plain(app.screen.query_one("#detail-head"))
        assert "Logged later from the calendar: done, but not timed." in head


async def test_today_cannot_be_logged_later(make_app, db_path) -> None:
    app = make_app("history")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DayDialog)
        assert not list(app.screen.query("#later-list"))
        assert not list(app.screen.query("#later-label"))


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (100, 26), (60, 18)])
async def test_every_routine_can_be_logged_later_by_keys(make_app, db_path, size) -> None:
    from glute_tui.core.words import routine_ids

    app = make_app("history")
    async with app.run_test(size=size) as pilot:
        await _open_day(pilot)
        day = app.screen
        assert isinstance(day, DayDialog)
        await pilot.press("tab")
        later = day.query_one("#later-list", OptionList)
        while not later.has_focus:
            await pilot.press("tab")
        assert later.option_count == len(routine_ids())
        screen_rows = app.screen.size.height - 1  # the footer takes the last row
        for i in range(later.option_count):
            if i:
                await pilot.press("down")
            await pilot.pause()
            assert later.highlighted == i
            # the highlighted line is inside the list's visible part and on the screen
            row = i - int(later.scroll_offset.y)
            assert 0 <= row < later.scrollable_content_region.height
            assert later.scrollable_content_region.y + row < screen_rows
            await pilot.press("enter")
            await settle(pilot)
        status = day.query_one("#day-status")
        assert "Logged a" in str(status.render())
        assert status.region.bottom <= screen_rows  # the status line is on screen too
        rows = HistoryStore.open(db_path).rows()
        assert sorted(r["routine"] for r in rows) == sorted(routine_ids())
        assert all(r["logged_later"] and r["day"] == day.day.isoformat() for r in rows)


def test_calendar_with_a_selected_day_snapshot(snap_compare, make_app, db_path) -> None:
    seed_demo(db_path, years=1, seed=7)
    assert snap_compare(
        make_app("history"), terminal_size=(100, 30), run_before=_pick_three_days_back
    )


async def _open_day_still(pilot) -> None:  # type: ignore[no-untyped-def]
    await _open_day(pilot)
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False  # the note box has the focus: no blink caught mid-way
    await pilot.pause()


def test_day_view_snapshot(snap_compare, make_app, db_path) -> None:
    seed_demo(db_path, years=1, seed=7)
    assert snap_compare(make_app("history"), terminal_size=(100, 30), run_before=_open_day_still)


def test_day_view_fits_80_by_24_snapshot(snap_compare, make_app, db_path) -> None:
    seed_demo(db_path, years=1, seed=7)
    assert snap_compare(make_app("history"), terminal_size=(80, 24), run_before=_open_day_still)


def test_the_calendar_keeps_textuals_visible_flag() -> None:
    """Calendar once defined `visible()` (the weeks that fit), hiding DOMNode.visible: Textual
    reads `widget.visible` as a bool, and a bound method is always true."""
    cal = Calendar()
    assert cal.visible is True
    cal.styles.visibility = "hidden"
    assert cal.visible is False


async def _open_day_and_go_to_the_last_routine(pilot) -> None:  # type: ignore[no-untyped-def]
    await _open_day(pilot)
    pilot.app.screen.query_one("#later-list", OptionList).focus()
    await pilot.press("end")
    await settle(pilot)


def test_day_view_reaches_the_last_routine_at_80_by_24_snapshot(
    snap_compare, make_app, db_path
) -> None:
    seed_demo(db_path, years=1, seed=7)
    assert snap_compare(
        make_app("history"),
        terminal_size=(80, 24),
        run_before=_open_day_and_go_to_the_last_routine,
    )
