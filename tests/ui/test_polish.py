"""Small things a new user trips over (issue 16): the header icon, words that add up."""

from __future__ import annotations

from tests.conftest import settle


async def test_the_header_shows_no_glyph_that_fonts_lack(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "glute-tui" in app.export_screenshot()
        assert "⭘" not in app.export_screenshot()  # U+2B58 draws as a box in many fonts
