"""Questions a live session asks: go on despite pain, why stop, how much pain."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from glute_tui.core.routines.base import STOP_REASONS


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question. The safe answer has the focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
    ]

    def __init__(self, text: str, yes: str, no: str) -> None:
        super().__init__()
        self.text, self.yes, self.no = text, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.text, id="confirm-text")
            with Horizontal(id="confirm-buttons"):
                yield Button(self.no, id="no", variant="primary")
                yield Button(self.yes, id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class StopDialog(ModalScreen[str | None]):
    """Why stop? One key each; escape keeps going (None)."""

    DEFAULT_CSS = """
    StopDialog { align: center middle; background: $background 70%; }
    StopDialog #stop-box {
        width: 60; height: auto; padding: 1 2; border: thick $warning; background: $surface;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "why('p')", "Pain"),
        Binding("f", "why('f')", "Form lost"),
        Binding("t", "why('t')", "Out of time"),
        Binding("o", "why('o')", "Other"),
        Binding("escape", "keep", "Keep going"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="stop-box"):
            yield Static(
                "[b]Stop this session?[/b] Everything you did so far is kept, the phase under "
                "way too.\n\nWhy are you stopping?\n\n"
                "  [b]p[/b]  pain\n"
                "  [b]f[/b]  form lost / glutes stopped working\n"
                "  [b]t[/b]  out of time\n"
                "  [b]o[/b]  other\n\n"
                "  [b]escape[/b]  keep going",
                id="stop-text",
            )
        yield Footer(compact=True)

    def action_why(self, key: str) -> None:
        self.dismiss(STOP_REASONS[key])

    def action_keep(self) -> None:
        self.dismiss(None)


class PainDialog(ModalScreen[int | None]):
    """The peak pain so far, 0-10. Escape: no answer (None)."""

    DEFAULT_CSS = """
    PainDialog { align: center middle; background: $background 70%; }
    PainDialog #pain-box {
        width: 60; height: auto; padding: 1 2; border: thick $error; background: $surface;
    }
    PainDialog Input { width: 12; }
    PainDialog #pain-error { color: $text-error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back")]

    def __init__(self, question: str = "How bad is the pain at its worst so far?") -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-box"):
            yield Static(f"[b]{self.question}[/b]\n0 none · 5 a lot · 10 worst imaginable")
            yield Input(
                placeholder="0-10", id="pain-during", compact=True, max_length=2, restrict=r"\d*"
            )
            yield Static("", id="pain-error")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        bad = bool(text) and int(text) > 10
        self.query_one("#pain-error", Static).update("Pain: 0 to 10." if bad else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text or int(text) > 10:
            self.query_one("#pain-error", Static).update("Pain: a whole number from 0 to 10.")
            return
        self.dismiss(int(text))

    def action_cancel(self) -> None:
        self.dismiss(None)
