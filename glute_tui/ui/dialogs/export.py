"""Export the whole history to a file the user names (JSON or CSV); say where it went."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.widget import Widget
from textual.widgets import Input, RadioButton, RadioSet

from glute_tui.core.words import plural
from glute_tui.ui.access import glute_app
from glute_tui.ui.dialogs.save_file import SaveFileDialog
from glute_tui.ui.widgets.toggles import TickRadio

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore

FORMAT_OF_SUFFIX = {".csv": "csv", ".json": "json"}


class ExportDialog(SaveFileDialog):
    """Export the whole history to a file the user names; say where it went."""

    HELP = (
        "Export writes your whole history (sessions with every phase, assessments, plan, "
        "settings, cue edits and pauses) to one file. JSON is a full backup that "
        "`glute-tui import` restores; CSV has one row per phase for spreadsheets."
    )
    PREFIX = "export"
    TITLE_TEXT = "[b]Export your whole history[/b]"
    PATH_LABEL = "Save to (Enter to export):"
    GO_LABEL = "Export"

    def default_path(self, fmt: str = "json") -> str:
        return str(Path("~") / f"glute-tui-export-{self.today.isoformat()}.{fmt}")

    def compose_fields(self) -> Iterable[Widget]:
        yield RadioSet(
            TickRadio("JSON (full backup, can be imported)", value=True, id="fmt-json"),
            TickRadio("CSV (one row per phase)", id="fmt-csv"),
            id="export-format",
        )

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
        fmt = FORMAT_OF_SUFFIX.get(Path(event.value.strip()).suffix.lower())
        if fmt is not None and fmt != self.fmt:
            self.query_one(f"#fmt-{fmt}", RadioButton).value = True

    def save(self, path: Path) -> None:
        # a name ending in .csv or .json decides the format; the choice above does otherwise
        fmt = FORMAT_OF_SUFFIX.get(path.suffix.lower(), self.fmt)
        self.query_one(f"#fmt-{fmt}", RadioButton).value = True
        store = glute_app(self).store
        n = len(store.rows()) if store else 0

        def work(store: HistoryStore) -> Path:
            from glute_tui.store.export import write_export

            return write_export(store, fmt, path)

        def saved(where: Path) -> tuple[str, str]:
            line = f"Saved {plural(n, 'session', grouped=True)} as {fmt.upper()} to {where}"
            return line, f"History exported to {where}"

        self.run_save(work, f"Exporting {fmt.upper()} to {path}…", saved, "Nothing was exported")
