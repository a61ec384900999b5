"""Save the physio report (one HTML file) from the history screen."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label

from glute_tui.core.report import DEFAULT_WEEKS, MAX_WEEKS
from glute_tui.core.words import plural
from glute_tui.ui.access import glute_app
from glute_tui.ui.dialogs.save_file import SaveFileDialog

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore


class ReportDialog(SaveFileDialog):
    """Name the weeks and the file; the report is rendered and written off the loop."""

    HELP = (
        "The report is one HTML file for your physio: adherence, per-side volume, limb "
        "symmetry, pain with the 5/10 line, why sessions stopped, your notes and the plan. "
        "It needs no internet and prints on A4. Open it in any browser."
    )
    PREFIX = "report"
    TITLE_TEXT = "[b]Report for your physio[/b] (one HTML file, prints on A4)"
    PATH_LABEL = "Save to (Enter saves):"
    GO_LABEL = "Save report"

    def default_path(self) -> str:
        return str(Path("~") / f"glute-tui-report-{self.today.isoformat()}.html")

    def compose_fields(self) -> Iterable[Widget]:
        yield Horizontal(
            Label("Weeks back", classes="field-label"),
            Input(str(DEFAULT_WEEKS), id="report-weeks", max_length=3, type="integer"),
            classes="field-row",
        )

    def _weeks(self) -> int | None:
        text = self.query_one("#report-weeks", Input).value.strip()
        return int(text) if text.isdigit() and 1 <= int(text) <= MAX_WEEKS else None

    def check_fields(self) -> str | None:
        if self._weeks() is None:
            return f"Weeks back: a whole number from 1 to {MAX_WEEKS}."
        return None

    def check_path(self, path: Path) -> str | None:
        if path.suffix.lower() not in (".html", ".htm"):
            return "The report is an HTML file: end the name in .html."
        return None

    def save(self, path: Path) -> None:
        weeks = self._weeks() or DEFAULT_WEEKS  # checked in check_fields
        today = self.today
        target = glute_app(self).protocols.hold.sessions_target

        def work(store: HistoryStore) -> Path:
            from glute_tui.store.report import write_report

            return write_report(store, path, today, weeks, target)

        def saved(where: Path) -> tuple[str, str]:
            line = f"Saved the report of the last {plural(weeks, 'week')} to {where}"
            return line, f"Report saved to {where}"

        self.run_save(work, f"Saving the report to {path}…", saved, "No report was saved")
