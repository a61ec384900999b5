"""Shown instead of a squashed layout when the terminal is too small."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static


class TooSmallScreen(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        yield Static("", id="too-small")

    def on_mount(self) -> None:
        self._update()

    def on_resize(self) -> None:
        self._update()

    def _update(self) -> None:
        from glute_tui.ui.app import MIN_HEIGHT, MIN_WIDTH

        w, h = self.app.size
        self.query_one("#too-small", Static).update(
            f"Make the terminal larger.\n\nglute-tui needs {MIN_WIDTH}x{MIN_HEIGHT}; "
            f"this one is {w}x{h}.\nA running timer keeps its time meanwhile."
        )
