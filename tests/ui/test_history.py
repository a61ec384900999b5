"""The history screen: populated from the store, drill-down, pauses, export, next-morning pain."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

from textual.widgets import DataTable, Input, TabbedContent

from glute_tui.core import progress as pg
from glute_tui.core.pauses import paused_days
from glute_tui.store.history import HistoryStore
from glute_tui.ui.dialogs.export import ExportDialog
from glute_tui.ui.dialogs.pause import PauseDialog
from glute_tui.ui.dialogs.session_detail import SessionDetail
from glute_tui.ui.screens.history import HistoryScreen
from glute_tui.ui.screens.next_morning import NextMorningDialog
from glute_tui.ui.screenshots import seed_demo
from glute_tui.ui.widgets.session_list import SessionList
from tests.conftest import FIXED_NOW, settle


def _text(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector).render())


async def test_history_opens_from_home_and_shows_what_core_computes(make_app, db_path) -> None:
    seed_demo(db_path, years=1, seed=7)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        store = HistoryStore.open(db_path)
        days = pg.counts_by_day(store.rows())
        paused = paused_days(store.pauses())
        today = FIXED_NOW.date()
        hold = pg.hold_streak(days, today, paused)
        streaks = _text(screen, "#streaks")
        assert f"{hold.longest} days" in streaks
        assert f"{round(pg.hold_strength(days, today, paused) * 100)}%" in streaks
        assert re.search(r"Last \d+ weeks", _text(screen, "#heatmap"))
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HomeScreen"


async def test_drill_down_into_a_session_and_page_back(make_app, db_path) -> None:
    seed_demo(db_path, years=1, seed=7)
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("3")
        table = screen.query_one("#session-table", DataTable)
        size = screen.query_one(SessionList).page_size()
        assert table.row_count == size == table.size.height - 1  # a page is what fits
        newest = HistoryStore.open(db_path).rows()[-1]
        assert table.get_row_at(0)[0] == newest["day"]
        assert "of " in _text(screen, "#page-info")
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, SessionDetail)
        assert detail.session_id == newest["id"]
        phases = detail.query_one("#phase-table", DataTable)
        assert phases.row_count == newest["phase_count"] > 0
        head = _text(detail, "#detail-head")
        assert "Pain before" in head and "effort" in head
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("left_square_bracket")
        assert f"Sessions {size + 1}–{2 * size}" in _text(screen, "#page-info")
        await pilot.press("right_square_bracket")
        assert f"Sessions 1–{size}" in _text(screen, "#page-info")


async def test_injury_pause_is_saved_and_bad_dates_are_explained(make_app, db_path) -> None:
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PauseDialog)
        start = dialog.query_one("#pause-start", Input)
        start.value = "2026-11-31"
        await pilot.press("enter")
        assert "is not a date" in _text(dialog, "#pause-error")
        start.value = "2026-11-16"
        dialog.query_one("#pause-end", Input).value = "2026-11-10"
        start.focus()
        await pilot.press("enter")
        assert "before the first day" in _text(dialog, "#pause-error")
        dialog.query_one("#pause-end", Input).value = "2026-11-18"
        start.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "Paused 2026-11-16 to 2026-11-18" in _text(dialog, "#pause-error")
        assert app.store.pauses() == [{"start": "2026-11-16", "end": "2026-11-18"}]
        dialog.query_one("#pause-list").focus()
        await pilot.press("delete")
        await settle(pilot)
        assert app.store.pauses() == []
        assert "Removed the pause 2026-11-16 to 2026-11-18" in _text(dialog, "#pause-error")
        start.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.store.pauses() == [{"start": "2026-11-16", "end": "2026-11-18"}]
        await pilot.press("escape")
        await settle(pilot)
        assert "Injury pause" not in _text(app.screen, "#streaks")  # it is over by today


async def test_export_says_where_it_went_and_refuses_a_bad_path(
    make_app, db_path, tmp_path: Path
) -> None:
    seed_demo(db_path, years=0.1, seed=7)
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        box = dialog.query_one("#export-path", Input)
        box.value = str(tmp_path / "no-such-folder" / "out.json")
        await pilot.press("enter")
        assert "does not exist" in _text(dialog, "#export-status")
        box.value = str(tmp_path)
        await pilot.press("enter")
        assert "is a folder" in _text(dialog, "#export-status")
        target = tmp_path / "backup.json"
        box.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        status = _text(dialog, "#export-status")
        assert f"to {target}" in status and "Saved" in status
        data = json.loads(target.read_text())
        assert data["format"] == "glute-tui-export" and len(data["sessions"]) > 0
        # an existing file needs a second Enter
        await pilot.press("enter")
        assert "already exists" in _text(dialog, "#export-status")


async def test_weekly_circuit_target_cycles(make_app) -> None:
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        # the default is 7 (every day, as the sources prefer); w cycles on to 5
        assert app.store.settings()["circuit_weekly_target"] == 5
        assert "target 5 days a week" in _text(app.screen, "#streaks")


def _yesterday(sid: str, hour: int, before: int) -> dict:
    start = (FIXED_NOW - timedelta(days=1)).replace(hour=hour, minute=0)
    return {
        "id": sid,
        "routine": "hold",
        "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=4)).isoformat(),
        "status": "completed",
        "stop_reason": "planned_end",
        "pain_before": before,
        "pain_after": before,
        "effort": 3,
        "phases": [],
    }


async def test_next_morning_pain_worse_suggests_reducing_the_load(make_app, db_path) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.add_session(_yesterday("a", 8, 2))
    store.add_session(_yesterday("b", 19, 3))
    app = make_app(ask_next_morning=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NextMorningDialog)
        await pilot.press("1", "1", "enter")
        assert "whole number from 0 to 10" in _text(dialog, "#morning-advice")
        dialog.query_one("#morning-pain", Input).value = ""
        await pilot.press("4", "enter")
        await settle(pilot)
        advice = _text(dialog, "#morning-advice")
        assert "worse this morning" in advice and "Reduce the load" in advice
        session = app.store.session_dict("b")
        assert session["pain_next_morning"] == 4
        await pilot.press("enter")
        assert type(app.screen).__name__ == "HomeScreen"
    # asked once: the next launch does not ask again
    again = make_app(ask_next_morning=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert type(again.screen).__name__ == "HomeScreen"


async def test_skipping_the_question_does_not_ask_again_today(make_app, db_path) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.add_session(_yesterday("a", 8, 2))
    app = make_app(ask_next_morning=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NextMorningDialog)
        await pilot.press("escape")
        await settle(pilot)
    assert HistoryStore.open(db_path).settings()["next_morning_asked"] == "2026-11-19"


async def _overview(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)


async def _trends(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)  # the stage bands are worked out when the tab is first shown


async def _sessions(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("3")
    await pilot.pause()


def test_history_overview_snapshot(snap_compare, make_app, db_path) -> None:
    seed_demo(db_path, years=1, seed=7)
    assert snap_compare(make_app("history"), terminal_size=(80, 24), run_before=_overview)


def test_history_trends_snapshot(snap_compare, make_app, db_path) -> None:
    seed_demo(db_path, years=1, seed=7)
    assert snap_compare(make_app("history"), terminal_size=(80, 24), run_before=_trends)


def test_history_trends_charts_snapshot(snap_compare, make_app, db_path) -> None:
    """All four charts (LSI, pain, volume, adherence) with axes, dates and legends."""
    seed_demo(db_path, years=1, seed=7)
    assert snap_compare(make_app("history"), terminal_size=(110, 64), run_before=_trends)


def test_history_sessions_snapshot(snap_compare, make_app, db_path) -> None:
    seed_demo(db_path, years=1, seed=7)
    assert snap_compare(make_app("history"), terminal_size=(80, 24), run_before=_sessions)


async def test_tabs_switch_with_number_keys(make_app) -> None:
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        assert app.screen.query_one(TabbedContent).active == "trends"


async def _detail(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("3")
    await pilot.pause()
    await pilot.press("down", "enter")
    await settle(pilot)


def test_session_detail_snapshot(snap_compare, make_app, db_path) -> None:
    seed_demo(db_path, years=1, seed=7)
    assert snap_compare(make_app("history"), terminal_size=(80, 24), run_before=_detail)


async def _pause_dialog(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)


def test_pause_dialog_snapshot(snap_compare, make_app, db_path) -> None:
    seed_demo(db_path, years=1, seed=7)
    assert snap_compare(make_app("history"), terminal_size=(80, 24), run_before=_pause_dialog)


async def _export_dialog(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("x")
    await settle(pilot)


def test_export_dialog_snapshot(snap_compare, make_app, db_path) -> None:
    seed_demo(db_path, years=0.1, seed=7)
    assert snap_compare(make_app("history"), terminal_size=(80, 24), run_before=_export_dialog)


async def test_export_csv_switches_the_name_and_writes_csv(
    make_app, db_path, tmp_path: Path
) -> None:
    seed_demo(db_path, years=0.05, seed=7)
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        box = dialog.query_one("#export-path", Input)
        box.value = str(tmp_path / "backup.json")
        await pilot.click("#fmt-csv")
        await pilot.pause()
        assert box.value == str(tmp_path / "backup.csv")
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "Saved" in _text(dialog, "#export-status")
        head = (tmp_path / "backup.csv").read_text().splitlines()[0]
        assert head.startswith("session_id,routine,started_at")


async def test_worse_next_morning_advice_stays_on_home(make_app, db_path) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.add_session(_yesterday("a", 8, 1))
    app = make_app(ask_next_morning=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert "Reduce the load" in _text(app.screen, "#notices")


async def test_settled_next_morning_pain_is_reassuring(make_app, db_path) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.add_session(_yesterday("a", 8, 3))
    app = make_app(ask_next_morning=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "enter")
        await settle(pilot)
        assert "safe range" in _text(app.screen, "#morning-advice")
        await pilot.press("enter")
        await settle(pilot)
        assert not app.notices


async def test_no_question_when_yesterday_had_no_training(make_app, db_path) -> None:
    seed_demo(db_path, years=0.05, seed=7)
    rows = HistoryStore.open(db_path).rows()
    yesterday = [r for r in rows if r["day"] == "2026-11-19"]
    app = make_app(ask_next_morning=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        asked = isinstance(app.screen, NextMorningDialog)
        assert asked == (
            bool(yesterday) and all(r.get("pain_next_morning") is None for r in yesterday)
        )


async def test_an_empty_history_says_so_kindly(make_app) -> None:
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "No sessions yet" in _text(app.screen, "#heatmap")
        assert "not enough complete days yet" in _text(app.screen, "#streaks")
        await pilot.press("3")
        assert "No sessions yet" in _text(app.screen, "#page-info")
        await pilot.press("enter")  # nothing to open: nothing happens
        assert isinstance(app.screen, HistoryScreen)


async def test_paging_from_the_overview_opens_the_sessions_tab(make_app, db_path) -> None:
    seed_demo(db_path, years=0.5, seed=7)
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one(TabbedContent).active == "sessions"
        size = screen.query_one(SessionList).page_size()
        assert f"Sessions {size + 1}–{2 * size}" in _text(screen, "#page-info")
        assert app.focused is screen.query_one("#session-table")
        await pilot.press("2", "3")  # away and back: the same page
        await pilot.pause()
        assert f"Sessions {size + 1}–{2 * size}" in _text(screen, "#page-info")


async def test_a_csv_name_exports_csv_whatever_the_choice(
    make_app, db_path, tmp_path: Path
) -> None:
    seed_demo(db_path, years=0.05, seed=7)
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#export-path", Input).value = str(tmp_path / "mine.csv")
        await pilot.press("enter")
        await settle(pilot)
        assert "as CSV to" in _text(dialog, "#export-status")
        assert (tmp_path / "mine.csv").read_text().startswith("session_id,")


async def test_detail_says_when_the_phases_file_is_missing(make_app, db_path) -> None:
    seed_demo(db_path, years=0.05, seed=7)
    newest = HistoryStore.open(db_path).rows()[-1]
    (db_path.parent / "history.phases" / f"{newest['started_at'][:7]}.json").unlink()
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "enter")
        await settle(pilot)
        head = _text(app.screen, "#detail-head")
        assert f"Its {newest['phase_count']} phases could not be read" in head


async def test_export_refuses_impossible_names_without_a_traceback(
    make_app, tmp_path: Path
) -> None:
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        box = dialog.query_one("#export-path", Input)
        for bad in (str(tmp_path / ("x" * 300 + ".json")), "~no-such-user-here/out.json"):
            box.value = bad
            await pilot.press("enter")
            await settle(pilot)
            status = _text(dialog, "#export-status")
            assert "cannot" in status or "does not exist" in status or "Nothing" in status
        assert isinstance(app.screen, ExportDialog)


async def test_a_pause_added_keeps_pauses_saved_meanwhile(make_app, db_path) -> None:
    """The dialog saved its own copy of the list plus the new pause, so a pause another
    glute-tui saved while the dialog was open (or an earlier add still being written)
    was silently dropped."""
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PauseDialog)
        other = HistoryStore.open(db_path)  # a second glute-tui on the same file
        other.set_pauses([{"start": "2026-10-01", "end": "2026-10-07"}])
        dialog.query_one("#pause-start", Input).value = "2026-11-16"
        dialog.query_one("#pause-end", Input).value = "2026-11-18"
        dialog.query_one("#pause-start", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        saved = [
            {"start": "2026-10-01", "end": "2026-10-07"},
            {"start": "2026-11-16", "end": "2026-11-18"},
        ]
        assert HistoryStore.open(db_path).pauses() == saved
        assert dialog.pauses == saved  # the list shows what the file holds


async def test_question_mark_opens_help_over_the_history_dialogs(make_app, db_path) -> None:
    """A modal dialog shuts out the app's keys, so `?` did nothing in the session detail
    and the pause dialog, and their HELP text could never be read."""
    from glute_tui.ui.screens.help import HelpScreen

    seed_demo(db_path, years=0.1, seed=7)
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SessionDetail)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.under is app.screen_stack[-2]
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PauseDialog)
        app.screen.query_one("#pause-list").focus()
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert isinstance(app.screen.under, PauseDialog)


def test_heatmap_names_every_month_when_the_first_week_is_the_last_of_a_month() -> None:
    """26 weeks back from 21 Nov 2026 start on Monday 25 May: the one-week "May" label
    took the room of "Jun", so June had no label at all."""
    from datetime import date

    from glute_tui.ui.screens.history_view import compute
    from glute_tui.ui.widgets.calendar import month_row

    data = compute([], [], {}, [], None, date(2026, 11, 21), 2)
    months = month_row(data.heat[-26:], 2)
    for name in ("Jun", "Jul", "Aug", "Sep", "Oct", "Nov"):
        assert name in months


async def test_history_footer_fits_80_columns(make_app) -> None:
    """With the default Footer spacing the last key showed as 't The'."""
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = list(app.screen.query("FooterKey"))
        palette = [k for k in keys if k.key == "ctrl+p"]
        keys = [k for k in keys if k.key != "ctrl+p"]
        assert keys[-1].description == "Theme"
        limit = palette[0].region.x if palette else 80
        assert all(k.region.right <= limit for k in keys)


async def test_sessions_page_line_fits_one_row_at_80_columns(make_app, db_path) -> None:
    """'… ·  [ older  ·  ]' wrapped 'newer' onto a second row, pushing the table down."""
    seed_demo(db_path, years=1, seed=7)
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        info = app.screen.query_one("#page-info")
        assert "newer" in _text(app.screen, "#page-info")
        assert info.region.height == 1


async def test_a_clearance_is_shown_in_history_with_its_date(make_app, db_path) -> None:
    """Issue 12: a red flag lifted by a clinician's clearance is shown with its date."""
    from glute_tui.core.safety import clearance_record

    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.add_assessment(
        clearance_record(
            record_id="c1", taken_at="2026-11-18T09:00:00+01:00", covers=["saddle_numbness"]
        ),
        None,
    )
    store.add_assessment(
        clearance_record(
            record_id="c2", taken_at="2026-11-19T09:00:00+01:00", covers=["injury"], injury=True
        ),
        None,
    )
    app = make_app("history")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        text = " ".join(_text(app.screen, "#streaks").split())
        assert "Cleared on 2026-11-18: a clinician checked the red flags" in text
        assert "Cleared on 2026-11-19: a clinician checked the injury" in text
