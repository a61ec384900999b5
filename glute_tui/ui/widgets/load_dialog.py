"""The load of a user-paced set, typed on the live screen (`k`, single-leg strength)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from glute_tui.core.routines.single_leg import parse_load


@dataclass(frozen=True)
class Load:
    """The answer: kilograms, or None for bodyweight."""

    kg: float | None


class LoadDialog(ModalScreen[Load | None]):
    """Kilograms for this set; empty is bodyweight. Escape: keep what was there (None)."""

    DEFAULT_CSS = """
    LoadDialog { align: center middle; background: $background 70%; }
    LoadDialog #load-box {
        width: 64; max-width: 95%; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    LoadDialog Input { width: 14; }
    LoadDialog #load-error { color: $text-error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back")]

    def __init__(self, now: float | None = None) -> None:
        super().__init__()
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical(id="load-box"):
            yield Static(
                "[b]The load of this set, in kilograms[/b]\n"
                "Empty is bodyweight. Enter keeps it with this set."
            )
            value = "" if self.now is None else f"{self.now:g}"
            yield Input(value, placeholder="kg", id="load-kg", compact=True, max_length=8)
            yield Static("", id="load-error")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value, problem = parse_load(event.value)
        if problem is not None:
            self.query_one("#load-error", Static).update(problem)
            return
        self.dismiss(Load(value))

    def action_cancel(self) -> None:
        self.dismiss(None)
