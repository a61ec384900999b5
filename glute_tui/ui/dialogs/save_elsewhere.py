"""Save a session the data file would not take to another file (issue 10).

Shown when leaving a live session whose final save failed (a full disk): the session is
written as a one-session export (store/rescue.py) that `glute-tui import FILE` brings back.
The dialog returns the path written, DISCARD when the user chose to leave it unsaved, or
None to stay on the session screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from glute_tui.ui.access import glute_app
from glute_tui.ui.dialogs.target import check_target

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore

DISCARD = "discard"


class SaveElsewhereDialog(ModalScreen[str | None]):
    DEFAULT_CSS = """
    SaveElsewhereDialog {
        align: center middle;
        background: $background 70%;
    }
    #rescue-box {
        border: thick $warning;
    }
    """
    HELP = (
        "Your data file could not take this session, so it is only in memory. Save it to "
        "another file (another disk or a USB stick); later, `glute-tui import FILE` adds "
        "it to your history. ctrl+d leaves without saving: the session is then lost."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stay", "Back to the session"),
        Binding("ctrl+d", "discard", "Leave unsaved", priority=True),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, session: dict[str, Any], why: str) -> None:
        super().__init__()
        self.session = session
        self.why = why
        self._busy = False
        self._sure = False

    def compose(self) -> ComposeResult:
        name = f"glute-tui-session-{self.session.get('id', 'unsaved')}.json"
        with Vertical(id="rescue-box", classes="dialog"):
            yield Static(
                f"[b]This session is not saved yet[/b]: {self.why or 'the save failed'}.\n"
                "Save it to another file, then bring it back later with\n"
                "  [b]glute-tui import FILE[/b]",
                id="rescue-why",
            )
            yield Label("Save to (Enter saves):")
            yield Input(str(Path("~") / name), id="rescue-path")
            yield Static("", id="rescue-status")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="rescue-go", variant="primary")
                yield Button("Back", id="rescue-stay")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#rescue-path", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#rescue-go")
    def go(self) -> None:
        status = self.query_one("#rescue-status", Static)
        if self._busy:
            return
        checked = check_target(self.query_one("#rescue-path", Input).value)
        if isinstance(checked, str):
            status.update(f"[$error]{checked}[/]")
            return
        if checked.exists():
            status.update(f"[$error]{checked} already exists; pick a new name.[/]")
            return
        self._busy = True
        status.update(f"Saving to {checked}…")
        session = self.session

        def work(_store: HistoryStore) -> Path:
            from glute_tui.store.rescue import save_session_elsewhere

            return save_session_elsewhere(session, checked)

        def failed(message: str) -> None:
            self._busy = False
            status.update(f"[$error]Not saved there either: {message}. Try another place.[/]")

        app = glute_app(self)
        app.write(work, on_done=lambda where: self.dismiss(str(where)), on_error=failed)

    @on(Button.Pressed, "#rescue-stay")
    def action_stay(self) -> None:
        self.dismiss(None)

    def action_discard(self) -> None:
        if not self._sure:
            self._sure = True
            self.query_one("#rescue-status", Static).update(
                "[$warning]Leave without saving? The session will be lost. "
                "ctrl+d again to leave, Enter saves.[/]"
            )
            return
        self.dismiss(DISCARD)
