"""Export the whole history to a file the user names (JSON or CSV); say where it went."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, Static

from glute_tui.core.words import plural
from glute_tui.ui.access import glute_app
from glute_tui.ui.dialogs.target import check_target
from glute_tui.ui.widgets.toggles import TickRadio

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore

FORMAT_OF_SUFFIX = {".csv": "csv", ".json": "json"}


class ExportDialog(ModalScreen[None]):
    """Export the whole history to a file the user names; say where it went."""

    HELP = (
        "Export writes your whole history (sessions with every phase, assessments, plan, "
        "settings, cue edits and pauses) to one file. JSON is a full backup that "
        "`glute-tui import` restores; CSV has one row per phase for spreadsheets."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today
        self._confirm_overwrite: Path | None = None
        self._busy = False

    def _default(self, fmt: str) -> str:
        return str(Path("~") / f"glute-tui-export-{self.today.isoformat()}.{fmt}")

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="dialog"):
            yield Static("[b]Export your whole history[/b]")
            with RadioSet(id="export-format"):
                yield TickRadio("JSON (full backup, can be imported)", value=True, id="fmt-json")
                yield TickRadio("CSV (one row per phase)", id="fmt-csv")
            yield Label("Save to (Enter to export):")
            yield Input(self._default("json"), id="export-path")
            yield Static("", id="export-status")
            with Horizontal(classes="buttons"):
                yield Button("Export", id="export-go", variant="primary")
                yield Button("Close", id="export-close")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @property
    def fmt(self) -> str:
        return "csv" if self.query_one("#fmt-csv", RadioButton).value else "json"

    @on(RadioSet.Changed)
    def _format_changed(self) -> None:
        box = self.query_one("#export-path", Input)
        path = Path(box.value)
        if path.suffix.lower() in (".json", ".csv"):
            box.value = str(path.with_suffix("." + self.fmt))
        self._confirm_overwrite = None

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        """A name ending in .csv or .json moves the choice with it (the choice moves the
        name in _format_changed): the two always agree."""
        self._confirm_overwrite = None
        fmt = FORMAT_OF_SUFFIX.get(Path(event.value.strip()).suffix.lower())
        if fmt is not None and fmt != self.fmt:
            self.query_one(f"#fmt-{fmt}", RadioButton).value = True

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-go")
    def go(self) -> None:
        status = self.query_one("#export-status", Static)
        if self._busy:
            return
        checked = check_target(self.query_one("#export-path", Input).value)
        if isinstance(checked, str):
            status.update(f"[$error]{checked}[/]")
            return
        path = checked
        exists = path.exists()
        if exists and self._confirm_overwrite != path:
            self._confirm_overwrite = path
            status.update(f"[$warning]{path} already exists. Press Enter again to replace it.[/]")
            return
        # a name ending in .csv or .json decides the format; the choice above does otherwise
        suffix = path.suffix.lower()
        fmt = FORMAT_OF_SUFFIX.get(suffix, self.fmt)
        self.query_one(f"#fmt-{fmt}", RadioButton).value = True
        self._busy = True
        status.update(f"Exporting {fmt.upper()} to {path}…")
        app = glute_app(self)
        n = len(app.store.rows()) if app.store else 0

        def work(store: HistoryStore) -> Path:
            from glute_tui.store.export import write_export

            return write_export(store, fmt, path)

        def done(where: Path) -> None:
            self._busy = False
            saved = plural(n, "session", grouped=True)
            status.update(f"[$success]Saved {saved} as {fmt.upper()} to {where}[/]")
            self.notify(f"History exported to {where}", timeout=8)

        def failed(message: str) -> None:
            self._busy = False
            status.update(f"[$error]Nothing was exported: {message}[/]")

        app.write(work, on_done=done, on_error=failed)

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        self.dismiss(None)
