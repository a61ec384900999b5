"""The programme's load step on the live screen, and pain above 5 stopping a session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from glute_tui.store.history import HistoryStore
from glute_tui.ui.widgets.session_dialogs import PainDialog
from tests.conftest import settle
from tests.ui.live import drain_writer, run_clock, screened_db  # noqa: F401  (a fixture)
from tests.ui.test_today import mid_programme, settle_programme

# a user who has trained before: the red-flag questions are answered
pytestmark = pytest.mark.usefixtures("screened_db")


def _text(screen: Any, wid: str) -> str:
    return " ".join(str(screen.query_one(f"#{wid}").render()).split())


async def test_a_lowered_load_reaches_the_hold_timer(make_app, db_path: Path) -> None:
    mid_programme(db_path)  # this morning's pain was 7: one step down
    app = make_app("hold")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_programme(pilot)
        screen = app.screen
        text = _text(screen, "setup-text")
        assert "8 squeezes of 2 s" in text
        assert "Load lowered one step: next-morning pain of 7 on 2026-11-20." in text
        await pilot.press("enter")
        await pilot.pause()
        # a morning above 5 never starts silently (issue 12): it asks first
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("y")
        await pilot.pause()
        holds = [p for p in screen.runner.specs if p.kind == "hold"]
        assert len(holds) == 3 * 8 and {p.planned_s for p in holds} == {2}


async def test_the_usual_load_without_a_bad_morning(make_app, db_path: Path) -> None:
    app = make_app("hold")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_programme(pilot)
        text = _text(app.screen, "setup-text")
        assert "10 squeezes of 3 s" in text and "Load lowered" not in text


async def test_p_with_pain_above_5_stops_the_session(make_app, clock, db_path: Path) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter")
        await run_clock(pilot, clock, 6.5)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PainDialog)
        await pilot.press("6", "enter")
        await pilot.pause()
        assert screen.mode == "summary"
        await drain_writer(app)
    (row,) = HistoryStore.open(db_path).rows()
    assert (row["stop_reason"], row["pain_during"]) == ("pain", 6)
