"""Shown instead of a squashed layout when the terminal is too small."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

#: below this the layout would be squashed; the app shows this notice instead
MIN_WIDTH = 60
MIN_HEIGHT = 18


class TooSmallScreen(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        yield Static("", id="too-small")

    def on_mount(self) -> None:
        self._update()

    def on_resize(self) -> None:
        self._update()

    def on_screen_resume(self) -> None:
        # Another screen (help, the command palette, the first-run note) may have been
        # opened on top of this notice and the terminal made larger meanwhile: the app's
        # size check only pops the notice when it is on top, so it closes itself here.
        if self._big_enough():
            self.app.call_later(self._close_if_still_big)
        else:
            self._update()

    def _close_if_still_big(self) -> None:
        if self._big_enough() and self.app.screen is self:
            self.dismiss()

    def _big_enough(self) -> bool:
        w, h = self.app.size
        return w >= MIN_WIDTH and h >= MIN_HEIGHT

    def _update(self) -> None:
        w, h = self.app.size
        self.query_one("#too-small", Static).update(
            f"Make the terminal larger.\n\nglute-tui needs {MIN_WIDTH}x{MIN_HEIGHT}; "
            f"this one is {w}x{h}.\nA running timer keeps its time meanwhile."
        )
