"""Small things a new user trips over (issue 16): the header icon, words that add up."""

from __future__ import annotations

from tests.conftest import settle


async def test_the_header_shows_no_glyph_that_fonts_lack(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "glute-tui" in app.export_screenshot()
        assert "⭘" not in app.export_screenshot()  # U+2B58 draws as a box in many fonts


async def test_next_morning_footer_says_close_after_saving(make_app, db_path) -> None:
    from textual.widgets import Footer

    from glute_tui.store.history import HistoryStore
    from glute_tui.ui.screens.next_morning import NextMorningDialog
    from tests.ui.test_history import _yesterday

    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.add_session(_yesterday("a", 8, 1))
    app = make_app(ask_next_morning=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, NextMorningDialog)
        keys = {k: b.binding.description for k, b in dialog.active_bindings.items()}
        assert keys["escape"] == "Skip"
        await pilot.press("1", "enter")
        await settle(pilot)
        keys = {k: b.binding.description for k, b in dialog.active_bindings.items()}
        assert keys["escape"] == "Close"
        footer = dialog.query_one(Footer)
        await pilot.pause()
        shown = " ".join(str(w.render()) for w in footer.walk_children())
        assert "Close" in shown and "Skip" not in shown
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.store.session("a").pain_next_morning == 1  # saved, not skipped
