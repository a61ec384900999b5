"""First run: the one plain statement of what this app is and is not."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

TEXT = (
    "[b]Before you start[/b]\n\n"
    "glute-tui helps you follow simple glute activation work and keep an honest log. "
    "It is educational software, [b]not medical advice[/b].\n\n"
    "• Do not train through pain.\n"
    "• If an injury has not healed, stop and see a professional.\n"
    "• Numbness, new bladder or bowel changes, or weakness that is getting worse: "
    "see a clinician before anything else.\n\n"
    "Press [b]Enter[/b] to continue. This note is also in help ([b]?[/b])."
)


class DisclaimerScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", "I understand"),
        Binding("escape", "accept", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="disclaimer-box"):
            yield Static(TEXT)

    def action_accept(self) -> None:
        self.dismiss(True)
