"""Single-leg strength: the load of a set (optional) is typed on the live screen with `k`,
checked with the bounds import uses, kept on that set and in the export (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glute_tui.cli import main
from glute_tui.core.limits import MAX_LOAD_KG
from glute_tui.core.routines.single_leg import parse_load
from glute_tui.store.history import HistoryStore
from glute_tui.store.import_check import MAX_LOAD_KG as IMPORT_MAX
from tests.conftest import settle
from tests.ui.live import (  # noqa: F401  (screened_db: a fixture)
    drain_writer,
    right_weak_store,
    run_clock,
    screened_db,
)
from tests.ui.test_live import _snap, _text

pytestmark = pytest.mark.usefixtures("screened_db")


def test_a_load_is_a_number_of_kilograms_within_the_import_bounds() -> None:
    assert IMPORT_MAX == MAX_LOAD_KG  # one bound for both
    assert parse_load("12.5") == (12.5, None)
    assert parse_load(" 8 ") == (8.0, None)
    assert parse_load("") == (None, None)  # bodyweight
    for bad in ("abc", "-1", "nan", "inf", "1e9", str(MAX_LOAD_KG + 1), "12,5"):
        value, problem = parse_load(bad)
        assert value is None and problem is not None, bad
        assert f"from 0 to {MAX_LOAD_KG:g}" in problem, bad


async def test_k_logs_a_load_on_the_set_and_it_is_saved_and_exported(
    make_app, clock, db_path: Path, tmp_path: Path
) -> None:
    from glute_tui.ui.widgets.load_dialog import LoadDialog

    right_weak_store(db_path)
    app = make_app("single-leg")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await run_clock(pilot, clock, 40.0)
        assert screen.runner.current.paced and screen.runner.current.side == "right"
        await pilot.press("9", "k")
        await pilot.pause()
        assert isinstance(app.screen, LoadDialog)
        await pilot.press("2", "0", "0", "0", "enter")  # too heavy: said, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, LoadDialog)
        assert "from 0 to 1000" in str(app.screen.query_one("#load-error").render())
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await pilot.press("1", "2", ".", "5", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert "12.5 kg" in _text(screen, "extra")
        assert screen.runner.state == "running"  # the box paused it; it goes on after
        await pilot.press("enter")  # the set: 9 reps at 12.5 kg
        await run_clock(pilot, clock, 12.0)
        await pilot.press("k")  # the strong side: asked, then left as it was (escape)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("3", "g")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await drain_writer(app)
    session = next(iter(HistoryStore.open(db_path).session_dicts()))
    work = [p for p in session["phases"] if p["kind"] == "work"]
    assert [(p["reps"], p.get("load_kg")) for p in work[:2]] == [(9, 12.5), (3, None)]
    out = tmp_path / "export.json"
    assert main(["export", "--db", str(db_path), "--out", str(out)]) == 0
    exported = json.loads(out.read_text("utf-8"))
    phases = [p for s in exported["sessions"] for p in s["phases"] if p["kind"] == "work"]
    assert phases[0]["load_kg"] == 12.5 and "load_kg" not in phases[1]


def test_snapshot_load_dialog(snap_compare, make_app, clock) -> None:
    assert _snap(snap_compare, make_app, clock, "single-leg", ["enter", 40.0, "k"])
