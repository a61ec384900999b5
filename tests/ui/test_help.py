"""`?` help lists the keys that work on the screen underneath, inherited ones included."""

from __future__ import annotations

from pathlib import Path

import pytest

from glute_tui.ui.screens.help import HelpScreen, describe_keys
from glute_tui.ui.screens.live import LiveSessionScreen
from tests.conftest import settle
from tests.ui.live import (
    right_weak_store,
    screened_db,  # noqa: F401  (a fixture, used below)
)

# Every data file here has answered the safety questions: these tests are about the
# session itself (tests/ui/test_live_safety.py starts from a fresh, unscreened file).
pytestmark = pytest.mark.usefixtures("screened_db")


async def test_help_on_a_live_session_lists_the_session_keys(make_app, db_path: Path) -> None:
    """Help read only the routine's own BINDINGS (+ and -): space, n, q and m, which the
    shared live-session screen defines, were missing."""
    right_weak_store(db_path)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LiveSessionScreen)
        await pilot.press("enter")
        assert app.screen.mode == "live"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(describe_keys(app.screen.under))
        for key, what in {
            "space": "Resume",  # help covers the session, so it is paused: space resumes
            "n": "Skip",
            "q": "Stop",
            "p": "Pain",
            "m": "Mute",
            "+": "Rest",
            "-": "Rest",
            "?": "Help",
            "t": "Theme",
        }.items():
            assert keys.get(key) == what, key
        assert "tab" not in keys  # Textual's own focus keys are not ours to explain
        assert "backspace" not in keys  # takes back a digit of reps typed: paced sets only
        await pilot.press("escape", "q")  # the stop question, a modal dialog
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = describe_keys(app.screen.under)
        names = [k for k, _ in rows]
        assert len(names) == len(set(names)), names  # escape was listed twice
        assert ("escape", "Keep going") in rows


async def test_help_on_the_home_screen_keeps_its_rows(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = describe_keys(app.screen)
        names = [k for k, _ in keys]
        routine_keys = ["h", "c", "r", "f", "k", "b", "w", "l", "u"]  # hidden in the Footer too
        assert names[:14] == ["a", "e", "s", *routine_keys, "o", "q"]
        assert ("f1", "Help from a text box") in keys
        assert keys[-2:] == [
            ("ctrl+p", "Command palette: reach any screen"),
            ("escape", "Back / close"),
        ]
