"""Save the physio report (one HTML file) from the history screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from glute_tui.core.report import DEFAULT_WEEKS, MAX_WEEKS
from glute_tui.core.words import plural
from glute_tui.ui.access import glute_app
from glute_tui.ui.dialogs.target import check_target

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore


class ReportDialog(ModalScreen[None]):
    """Name the weeks and the file; the report is rendered and written off the loop."""

    HELP = (
        "The report is one HTML file for your physio: adherence, per-side volume, limb "
        "symmetry, pain with the 5/10 line, why sessions stopped, your notes and the plan. "
        "It needs no internet and prints on A4. Open it in any browser."
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

    def compose(self) -> ComposeResult:
        with Vertical(id="report-box", classes="dialog"):
            yield Static("[b]Report for your physio[/b] (one HTML file, prints on A4)")
            with Horizontal(classes="field-row"):
                yield Label("Weeks back", classes="field-label")
                yield Input(str(DEFAULT_WEEKS), id="report-weeks", max_length=3, type="integer")
            yield Label("Save to (Enter saves):")
            yield Input(
                str(Path("~") / f"glute-tui-report-{self.today.isoformat()}.html"),
                id="report-path",
            )
            yield Static("", id="report-status")
            with Horizontal(classes="buttons"):
                yield Button("Save report", id="report-go", variant="primary")
                yield Button("Close", id="report-close")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#report-path", Input).focus()

    @on(Input.Changed)
    def _changed(self) -> None:
        self._confirm_overwrite = None

    @on(Input.Submitted)
    @on(Button.Pressed, "#report-go")
    def go(self) -> None:
        status = self.query_one("#report-status", Static)
        if self._busy:
            return
        text = self.query_one("#report-weeks", Input).value.strip()
        if not text.isdigit() or not 1 <= int(text) <= MAX_WEEKS:
            status.update(f"[$error]Weeks back: a whole number from 1 to {MAX_WEEKS}.[/]")
            return
        weeks = int(text)
        checked = check_target(self.query_one("#report-path", Input).value)
        if isinstance(checked, str):
            status.update(f"[$error]{checked}[/]")
            return
        path = checked
        if path.suffix.lower() not in (".html", ".htm"):
            status.update("[$error]The report is an HTML file: end the name in .html.[/]")
            return
        if path.exists() and self._confirm_overwrite != path:
            self._confirm_overwrite = path
            status.update(f"[$warning]{path} already exists. Press Enter again to replace it.[/]")
            return
        self._busy = True
        status.update(f"Saving the report to {path}…")
        app = glute_app(self)
        today = self.today
        target = app.protocols.hold.sessions_target

        def work(store: HistoryStore) -> Path:
            from glute_tui.store.report import write_report

            return write_report(store, path, today, weeks, target)

        def done(where: Path) -> None:
            self._busy = False
            span = plural(weeks, "week")
            status.update(f"[$success]Saved the report of the last {span} to {where}[/]")
            self.notify(f"Report saved to {where}", timeout=8)

        def failed(message: str) -> None:
            self._busy = False
            status.update(f"[$error]No report was saved: {message}[/]")

        app.write(work, on_done=done, on_error=failed)

    @on(Button.Pressed, "#report-close")
    def action_close(self) -> None:
        self.dismiss(None)
