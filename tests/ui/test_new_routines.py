"""The six routines issue 13 adds, on the one live-session screen: reachable from home (a
key, the menu), the palette and the command line; a session saved to the history; the
single-leg sets logged by typed reps and `g`; a snapshot of each setup and one live phase."""

from __future__ import annotations

import pytest

from glute_tui.cli import SCREENS as CLI_SCREENS
from glute_tui.core.routines import registry as routines
from glute_tui.store.history import HistoryStore
from glute_tui.ui import registry
from glute_tui.ui.screens.help import describe_keys
from glute_tui.ui.screens.live import LiveSessionScreen
from tests.conftest import settle
from tests.ui.live import (  # noqa: F401  (screened_db: a fixture)
    drain_writer,
    right_weak_store,
    run_clock,
    screened_db,
)
from tests.ui.test_live import _footer, _snap, _text

# every test here trains as a user who answered the red-flag questions before
pytestmark = pytest.mark.usefixtures("screened_db")

NEW = {
    "release": ("f", "release"),
    "cook_hip_lift": ("k", "cook-hip-lift"),
    "bridge": ("b", "bridge"),
    "standing_glute": ("w", "standing-glute"),
    "single_leg": ("l", "single-leg"),
    "primer": ("u", "primer"),
}
#: a moment inside each routine's first work phase (after its get-ready)
LIVE_AT = {
    "release": 12.0,
    "cook_hip_lift": 7.0,
    "bridge": 8.0,
    "standing_glute": 7.0,
    "single_leg": 14.0,
    "primer": 6.5,
}


@pytest.mark.parametrize("rid", list(NEW))
async def test_each_opens_from_its_home_key(make_app, clock, rid: str) -> None:
    key, name = NEW[rid]
    assert name in CLI_SCREENS and registry.by_name(name) is not None
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert routines.get(rid).title in titles  # the palette
        await pilot.press(key)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LiveSessionScreen) and screen.routine.id == rid


async def test_home_menu_lists_all_nine_and_its_footer_fits_80_columns(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        menu = app.screen.query_one("#menu")
        ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        assert [n for _, n in NEW.values()] == [i for i in ids if i in {n for _, n in NEW.values()}]
        keys = _footer(app)
        assert keys and all(k.region.right <= 80 for k in keys)
        shown = {k.key for k in keys}
        assert {"h", "c", "r"} <= shown and not {k for k, _ in NEW.values()} & shown
        helped = dict(describe_keys(app.screen))  # `?` lists every key, the hidden ones too
        assert {k for k, _ in NEW.values()} <= set(helped)


@pytest.mark.parametrize("name", [n for _, n in NEW.values()])
async def test_live_footer_fits_80_columns(make_app, clock, db_path, name: str) -> None:
    right_weak_store(db_path)
    app = make_app(name)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await run_clock(pilot, clock, 15.0)
        keys = _footer(app)
        assert keys and all(k.region.right <= 80 for k in keys), name


async def test_cook_hip_lift_session_lands_in_the_history(make_app, clock, db_path) -> None:
    right_weak_store(db_path)
    app = make_app("cook-hip-lift")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await run_clock(pilot, clock, 6.0)
        assert _text(screen, "banner") == "HOLD"
        assert "RIGHT heel down" in _text(screen, "where")
        await run_clock(pilot, clock, 400.0)
        assert screen.mode == "summary"
        await drain_writer(app)
    (row,) = HistoryStore.open(db_path).rows()
    assert row["routine"] == "cook_hip_lift" and row["status"] == "completed"
    session = next(iter(HistoryStore.open(db_path).session_dicts()))
    holds = [p["side"] for p in session["phases"] if p["kind"] == "hold"]
    assert holds == ["right"] * 10 + ["left"] * 10


async def test_single_leg_logs_typed_reps_and_g_stops_the_set(make_app, clock, db_path) -> None:
    right_weak_store(db_path)
    app = make_app("single-leg")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await run_clock(pilot, clock, 40.0)
        assert screen.runner.current.paced and screen.runner.current.side == "right"
        await pilot.press("9", "enter")  # the weak side's first set: 9 of 10
        await run_clock(pilot, clock, 12.0)  # switch, then the strong side's set
        await pilot.press("3", "g")  # the glute stopped after 3 of 5
        await pilot.pause()
        assert "Split squat: 3 of 5 reps logged" in _text(screen, "extra")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await drain_writer(app)
    session = next(iter(HistoryStore.open(db_path).session_dicts()))
    work = [p for p in session["phases"] if p["kind"] == "work"]
    assert [(p["side"], p["reps"], p["ended_by"], p["rep_target"]) for p in work[:2]] == [
        ("right", 9, "done", 10),
        ("left", 3, "glutes_stopped", 5),
    ]


async def test_single_leg_reps_typed_wrong_are_corrected_with_backspace(
    make_app, clock, db_path
) -> None:
    """Found in the break-it sweep: a typo in the reps could not be taken back (999 was
    logged for a set that aimed at 10)."""
    right_weak_store(db_path)
    app = make_app("single-leg")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await run_clock(pilot, clock, 40.0)
        assert screen.runner.current.paced
        await pilot.press("9", "9", "backspace")
        await pilot.pause()
        assert "Reps done: 9." in _text(screen, "extra")
        await pilot.press("backspace")
        await pilot.pause()
        assert "Reps done" not in _text(screen, "extra")
        await pilot.press("8", "enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await drain_writer(app)
    session = next(iter(HistoryStore.open(db_path).sessions()))
    work = [p for p in session["phases"] if p["kind"] == "work"]
    assert (work[0]["reps"], work[0]["ended_by"]) == (8, "done")


@pytest.mark.parametrize("rid", list(NEW))
def test_snapshot_setup(snap_compare, make_app, clock, rid: str) -> None:
    assert _snap(snap_compare, make_app, clock, NEW[rid][1], [])


@pytest.mark.parametrize("rid", list(NEW))
def test_snapshot_live(snap_compare, make_app, clock, rid: str) -> None:
    assert _snap(snap_compare, make_app, clock, NEW[rid][1], ["enter", LIVE_AT[rid]])


def test_every_new_routine_has_a_screenshot() -> None:
    from glute_tui.ui.screenshots import SHOTS

    screens = {s.screen for s in SHOTS}
    assert {n for _, n in NEW.values()} <= screens
