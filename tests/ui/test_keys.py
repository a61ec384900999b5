"""Keys a user needs are reachable and named, even while a text box has the focus."""

from __future__ import annotations

from textual.widgets import Input

from glute_tui.ui.screens.help import HelpScreen
from tests.conftest import settle


async def test_f1_opens_help_from_a_focused_text_box(make_app) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, Input)
        await pilot.press("question_mark")  # a character for the box: help stays shut
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_the_footer_says_enter_starts_the_session(make_app) -> None:
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = {
            b.description
            for _node, b, enabled, _tip in app.screen.active_bindings.values()
            if b.show and enabled
        }
        assert "Start" in shown


async def test_question_mark_still_types_into_a_cue(make_app) -> None:
    app = make_app("cues")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "a", *"Why", "question_mark")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        assert app.focused.value.endswith("Why?")
        assert not isinstance(app.screen, HelpScreen)
