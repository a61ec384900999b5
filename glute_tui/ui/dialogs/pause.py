"""Mark an injury pause (a range of days) or remove one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from glute_tui.core.pauses import make_pause
from glute_tui.ui.access import glute_app


class PauseDialog(ModalScreen[None]):
    """Mark an injury pause (a range of days), or remove one."""

    HELP = (
        "An injury pause is a range of days when you rest on purpose. Those days do not "
        "count and do not break a streak. Type the first and last day as YYYY-MM-DD and "
        "press Enter. To remove a pause, pick it in the list and press Delete."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("delete", "remove", "Remove pause"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, pauses: list[dict[str, str]], today: date) -> None:
        super().__init__()
        self.pauses = sorted(pauses, key=lambda p: p["start"])
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="pause-box", classes="dialog"):
            yield Static(
                "[b]Injury pause[/b]\nDays in a pause neither count nor break a streak. "
                "Rest is part of rehab."
            )
            with Horizontal(classes="field-row"):
                yield Label("First day", classes="field-label")
                yield Input(self.today.isoformat(), id="pause-start", max_length=10)
            with Horizontal(classes="field-row"):
                yield Label("Last day", classes="field-label")
                yield Input(
                    (self.today + timedelta(days=6)).isoformat(), id="pause-end", max_length=10
                )
            yield Static("", id="pause-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Add pause", id="pause-add", variant="primary")
                yield Button("Close", id="pause-close")
            yield Static("Your pauses (Delete removes the one picked):", id="pause-list-title")
            yield OptionList(id="pause-list")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        lst = self.query_one("#pause-list", OptionList)
        lst.clear_options()
        for i, p in enumerate(self.pauses):
            lst.add_option(Option(f"{p['start']} to {p['end']}", id=str(i)))
        if self.pauses:
            lst.highlighted = len(self.pauses) - 1  # the latest: the likeliest to fix
        lst.display = bool(self.pauses)
        self.query_one("#pause-list-title").display = bool(self.pauses)

    def _save(self, change: Callable[[Any], list[dict[str, str]]], said: str) -> None:
        """Run one add or remove against the pauses in the file (not this dialog's copy,
        which another add still in flight, or another glute-tui, may have outdated)."""
        app = glute_app(self)
        error = self.query_one("#pause-error", Static)

        def done(saved: list[dict[str, str]]) -> None:
            self.pauses = sorted(saved, key=lambda p: p["start"])
            self._fill()
            error.update(f"[$success]{said}[/]")

        def failed(message: str) -> None:
            error.update(f"Not saved: {message}")

        app.write(change, on_done=done, on_error=failed)

    @on(Input.Submitted)
    @on(Button.Pressed, "#pause-add")
    def add(self) -> None:
        error = self.query_one("#pause-error", Static)
        try:
            pause = make_pause(
                self.query_one("#pause-start", Input).value,
                self.query_one("#pause-end", Input).value,
            )
        except ValueError as exc:
            error.update(f"[$error]{exc}[/]")
            return
        if pause in self.pauses:
            error.update("That pause is already there.")
            return
        self._save(
            lambda store: store.add_pause(pause), f"Paused {pause['start']} to {pause['end']}."
        )

    @on(Button.Pressed, "#pause-close")
    def action_close(self) -> None:
        self.dismiss(None)

    def action_remove(self) -> None:
        lst = self.query_one("#pause-list", OptionList)
        if not lst.has_focus or lst.highlighted is None or not self.pauses:
            return
        gone = self.pauses[lst.highlighted]
        self._save(
            lambda store: store.remove_pause(gone),
            f"Removed the pause {gone['start']} to {gone['end']}.",
        )
