"""The sessions tab: filter by routine, status and side; go to a date; pages that fit."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from glute_tui.core.model import Session, SessionRow
from glute_tui.store.history import HistoryStore
from glute_tui.ui.screenshots import seed_demo
from glute_tui.ui.widgets.session_list import SessionList, matches
from tests.conftest import settle
from tests.store.test_history import session


def _info(screen) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one("#page-info").render())


def test_matches_routine_status_and_side() -> None:
    # a stopped hold session that worked the right side only (the store hands out SessionRow)
    row = SessionRow.of(
        Session.from_dict(
            {
                **session("r", routine="hold"),
                "status": "stopped",
                "stop_reason": "pain",
                "phases": [{**p, "side": "right"} for p in session("r", routine="hold")["phases"]],
            }
        )
    )
    assert set(row.volume) == {"right"}
    assert matches(row, "all", "all", "all")
    assert matches(row, "hold", "stopped", "right")
    assert not matches(row, "circuit", "all", "all")
    assert not matches(row, "all", "completed", "all")
    assert not matches(row, "all", "all", "left")


async def test_filter_narrows_the_table_and_says_so(make_app, db_path) -> None:
    seed_demo(db_path, years=0.5, seed=7)
    rows = HistoryStore.open(db_path).rows()
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        await pilot.press("f")
        assert app.focused is screen.query_one("#filter-routine")
        screen.query_one("#filter-routine", Select).value = "circuit"
        screen.query_one("#filter-status", Select).value = "stopped"
        await pilot.pause()
        want = [r for r in rows if r["routine"] == "circuit" and r["status"] == "stopped"]
        table = screen.query_one("#session-table", DataTable)
        assert table.row_count == min(len(want), screen.query_one(SessionList).page_size())
        assert all(
            table.get_row_at(i)[2:4] == ["circuit", "stopped"] for i in range(table.row_count)
        )
        if want:
            assert f"of {len(want):,} matching" in _info(screen)
        screen.query_one("#filter-side", Select).value = "left"
        screen.query_one("#filter-status", Select).value = "all"
        await pilot.pause()
        left = [r for r in rows if r["routine"] == "circuit" and "left" in r["volume"]]
        assert (f"of {len(left):,} matching" in _info(screen)) or not left


async def test_go_to_a_date_shows_its_page_with_the_cursor_on_it(make_app, db_path) -> None:
    seed_demo(db_path, years=1, seed=7)
    rows = HistoryStore.open(db_path).rows()
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        box = screen.query_one("#filter-date", Input)
        box.focus()
        box.value = "soon"
        await pilot.press("enter")
        assert "is not a date" in _info(screen)
        target = rows[len(rows) // 2]["day"]
        box.value = target
        await pilot.press("enter")
        await pilot.pause()
        table = screen.query_one("#session-table", DataTable)
        assert app.focused is table
        assert table.get_row_at(table.cursor_row)[0] == target
        newest_on_day = max(r["started_at"] for r in rows if r["day"] == target)
        assert table.get_row_at(table.cursor_row)[1] == newest_on_day[11:16]


async def test_page_size_follows_the_terminal(make_app, db_path) -> None:
    seed_demo(db_path, years=0.5, seed=7)
    app = make_app("history")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        table = app.screen.query_one("#session-table", DataTable)
        assert table.row_count == table.size.height - 1 > 17


async def _filtered(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    pilot.app.screen.query_one("#filter-routine", Select).value = "hold"
    pilot.app.screen.query_one("#filter-status", Select).value = "stopped"
    await pilot.pause()
    await pilot.press("f")
    await pilot.pause()


def test_sessions_filter_snapshot(snap_compare, make_app, db_path) -> None:
    seed_demo(db_path, years=1, seed=7)
    assert snap_compare(make_app("history"), terminal_size=(80, 24), run_before=_filtered)
