"""Tick boxes and radios show their state by glyph, not only by colour (issue 16)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import RadioSet

from glute_tui.ui.widgets.toggles import TickBox, TickRadio


class Toggles(App[None]):
    def compose(self) -> ComposeResult:
        yield TickBox("Ticked", value=True, id="on")
        yield TickBox("Not ticked", id="off")
        with RadioSet(id="set"):
            yield TickRadio("Chosen", value=True, id="r-on")
            yield TickRadio("Not chosen", id="r-off")


def _line(app: App[None], widget_id: str) -> str:
    return app.query_one(f"#{widget_id}").render().plain  # type: ignore[union-attr]


async def test_state_shows_by_glyph_with_no_colour(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = Toggles()
    async with app.run_test() as pilot:
        assert app.no_color
        assert _line(app, "on").startswith("▐X▌")
        assert _line(app, "off").startswith("▐ ▌")
        assert _line(app, "r-on").startswith("▐●▌")
        assert _line(app, "r-off").startswith("▐○▌")
        # the glyph follows the value: toggle one, choose the other radio
        app.query_one("#off", TickBox).toggle()
        app.query_one("#r-off", TickRadio).value = True
        await pilot.pause()
        assert _line(app, "off").startswith("▐X▌")
        assert _line(app, "r-off").startswith("▐●▌")
        assert _line(app, "r-on").startswith("▐○▌")
