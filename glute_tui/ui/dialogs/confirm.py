"""A small yes/no question. Dismisses with True (yes) or False (no)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


class ConfirmScreen(ModalScreen[bool]):
    HELP = "Answer the question: y or Enter for yes, n or Escape for no."
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes", key_display="y/⏎"),
        Binding("n,escape", "answer(False)", "No", key_display="n/esc"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, question: str | Content, detail: str | Content = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question")
            if self.detail:
                yield Static(self.detail, id="confirm-detail", classes="dim")
            yield Static("y or Enter: yes    n or Escape: no", classes="dim")
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
