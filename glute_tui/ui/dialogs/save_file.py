"""What every "save something to a file the user names" dialog shares (export, report).

A subclass gives its words and ids (`PREFIX`: ids `PREFIX-box`, `-path`, `-status`, `-go`,
`-close`), any fields above the file name (`compose_fields`), its own checks
(`check_fields` before the name, `check_path` after it) and what to write (`save`). This
base checks the name (ui/dialogs/target.py), asks before replacing a file that exists
(Enter again replaces it; any edit asks again), refuses a second save while one runs, and
runs the write on the app's one ordered writer, saying the outcome in the status line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Static

from glute_tui.ui.access import glute_app
from glute_tui.ui.dialogs.target import check_target

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore


SHORT_ROWS = 24


class SaveFileDialog(ModalScreen[None]):
    PREFIX: ClassVar[str]  # ids of the parts: f"{PREFIX}-path" etc.
    TITLE_TEXT: ClassVar[str]  # the first line (markup)
    PATH_LABEL: ClassVar[str]  # the line above the file name
    GO_LABEL: ClassVar[str]  # the primary button
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today
        self._confirm_overwrite: Path | None = None
        self._busy = False

    # ---- what a subclass gives -------------------------------------------------------
    def default_path(self) -> str:
        raise NotImplementedError

    def compose_fields(self) -> Iterable[Widget]:
        """Widgets between the title and the file name (none by default)."""
        return ()

    def check_fields(self) -> str | None:
        """One plain line when a field above the file name is wrong, else None."""
        return None

    def check_path(self, path: Path) -> str | None:
        """One plain line when this dialog cannot write to `path` (a checked name)."""
        return None

    def save(self, path: Path) -> None:
        """Start the write (call `run_save`); the name is checked and confirmed."""
        raise NotImplementedError

    # ---- the shared part -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        p = self.PREFIX
        with Vertical(id=f"{p}-box", classes="dialog"):
            yield Static(self.TITLE_TEXT)
            yield from self.compose_fields()
            yield Label(self.PATH_LABEL)
            yield Input(self.default_path(), id=f"{p}-path")
            yield Static("", id=f"{p}-status")
            with Horizontal(classes="buttons"):
                yield Button(self.GO_LABEL, id=f"{p}-go", classes="save-go", variant="primary")
                yield Button("Close", id=f"{p}-close", classes="save-close")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#{self.PREFIX}-path", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        # under 24 rows (down to the 60x18 floor) the buttons lose their borders, so the
        # whole dialog, status line and buttons, stays on screen
        for button in self.query(Button):
            button.compact = event.size.height < SHORT_ROWS

    @property
    def status(self) -> Static:
        return self.query_one(f"#{self.PREFIX}-status", Static)

    @on(Input.Changed)
    def _any_edit_asks_again(self) -> None:
        self._confirm_overwrite = None

    @on(Input.Submitted)
    @on(Button.Pressed, ".save-go")
    def go(self) -> None:
        if self._busy:
            return
        why = self.check_fields()
        checked = check_target(self.query_one(f"#{self.PREFIX}-path", Input).value)
        if why is None:
            why = checked if isinstance(checked, str) else self.check_path(checked)
        if why is not None or isinstance(checked, str):
            self.status.update(f"[$error]{why}[/]")
            return
        path = checked
        if path.exists() and self._confirm_overwrite != path:
            self._confirm_overwrite = path
            self.status.update(
                f"[$warning]{path} already exists. Press Enter again to replace it.[/]"
            )
            return
        self.save(path)

    def run_save(
        self,
        work: Callable[[HistoryStore], Path],
        saving: str,
        saved: Callable[[Path], tuple[str, str]],
        nothing: str,
    ) -> None:
        """Write on the app's writer: `saving` while it runs, then `saved(where)` gives the
        status line and the toast; a failure reads "`nothing`: why"."""
        self._busy = True
        self.status.update(saving)

        def done(where: Any) -> None:
            self._busy = False
            line, toast = saved(where)
            self.status.update(f"[$success]{line}[/]")
            self.notify(toast, timeout=8)

        def failed(message: str) -> None:
            self._busy = False
            self.status.update(f"[$error]{nothing}: {message}[/]")

        glute_app(self).write(work, on_done=done, on_error=failed)

    @on(Button.Pressed, ".save-close")
    def action_close(self) -> None:
        self.dismiss(None)
