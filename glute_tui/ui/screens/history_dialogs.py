"""Dialogs of the history screen: one session in detail, injury pauses, export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option

from glute_tui.core.progress import make_pause
from glute_tui.core.words import plural


def _n(v: Any) -> str:
    return "–" if v is None else str(v)


class SessionDetail(ModalScreen[None]):
    """One whole session: its phases are read from a month file on a worker thread."""

    HELP = "One session in full: every phase, why it stopped, pain and effort. Escape closes."
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, session_id: str, expected_phases: int = 0) -> None:
        super().__init__()
        self.session_id = session_id
        self.expected_phases = expected_phases

    def compose(self) -> ComposeResult:
        with Vertical(id="detail-box", classes="dialog"):
            yield Static("Reading the session…", id="detail-head")
            yield DataTable(id="phase-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#phase-table", DataTable).add_columns(
            "Phase", "Exercise", "Side", "Set", "Plan", "Done", "Reps", "Ended by"
        )
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        app: Any = self.app
        try:
            session = app.store.session(self.session_id) if app.store else None
        except OSError as exc:
            app.call_from_thread(self._show_error, str(exc))
            return
        app.call_from_thread(self._show, session)

    def _show_error(self, message: str) -> None:
        self.query_one("#detail-head", Static).update(f"Could not read this session: {message}")

    def _show(self, s: dict[str, Any] | None) -> None:
        head = self.query_one("#detail-head", Static)
        if s is None:
            head.update("This session is no longer in the history.")
            return
        app: Any = self.app
        from glute_tui.ui.screens.history import STOP_WORDS

        start = s["started_at"].replace("T", " ")[:16]
        end = s["ended_at"][11:16]
        note = f"\nNote: {s['note']}" if s.get("note") else ""
        if self.expected_phases and not s["phases"]:
            note += (
                f"\n[$warning]Its {plural(self.expected_phases, 'phase')} could not be read: "
                f"the month file {s['started_at'][:7]}.json next to your data file is missing or "
                "damaged.[/]"
            )
        head.update(
            f"[b]{s['routine'].capitalize()} session[/b]  {start}–{end}  ·  {s['status']}"
            f" ({STOP_WORDS.get(s.get('stop_reason'), s.get('stop_reason'))})\n"
            f"Pain before {_n(s.get('pain_before'))}, after {_n(s.get('pain_after'))}, "
            f"next morning {_n(s.get('pain_next_morning'))}  ·  effort "
            f"{_n(s.get('effort'))}/10  ·  {plural(len(s['phases']), 'phase')}{note}"
        )
        table = self.query_one("#phase-table", DataTable)
        lib = app.library
        rows = []
        for p in s["phases"]:
            ex = p.get("exercise")
            name = lib[ex].name if ex and ex in lib else (ex or "")
            done = p["end_s"] - p["start_s"] - p.get("paused_s", 0.0)
            rows.append(
                (
                    p["kind"],
                    name,
                    p.get("side") or "",
                    str(p.get("set", "")),
                    f"{p['planned_s']:g}s",
                    f"{done:.0f}s",
                    _n(p.get("reps")),
                    p.get("ended_by", ""),
                )
            )
        table.add_rows(rows)

    def action_close(self) -> None:
        self.dismiss(None)


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
        app: Any = self.app
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
                yield RadioButton("JSON (full backup, can be imported)", value=True, id="fmt-json")
                yield RadioButton("CSV (one row per phase)", id="fmt-csv")
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
    def _path_changed(self) -> None:
        self._confirm_overwrite = None

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-go")
    def go(self) -> None:
        status = self.query_one("#export-status", Static)
        if self._busy:
            return
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            status.update("[$error]Type a file name to save to.[/]")
            return
        try:
            path = Path(raw).expanduser()
            if not path.is_absolute():
                path = Path.cwd() / path
            if path.is_dir():
                status.update(f"[$error]{path} is a folder; add a file name to it.[/]")
                return
            if not path.parent.is_dir():
                status.update(f"[$error]The folder {path.parent} does not exist.[/]")
                return
            exists = path.exists()
        except (OSError, ValueError, RuntimeError) as exc:  # too long, NUL, ~nobody...
            status.update(f"[$error]That name cannot be used: {exc}.[/]")
            return
        if exists and self._confirm_overwrite != path:
            self._confirm_overwrite = path
            status.update(f"[$warning]{path} already exists. Press Enter again to replace it.[/]")
            return
        # a name ending in .csv or .json decides the format; the choice above does otherwise
        suffix = path.suffix.lower()
        fmt = {".csv": "csv", ".json": "json"}.get(suffix, self.fmt)
        self.query_one(f"#fmt-{fmt}", RadioButton).value = True
        self._busy = True
        status.update(f"Exporting {fmt.upper()} to {path}…")
        app: Any = self.app
        n = len(app.store.rows()) if app.store else 0

        def work(store: Any) -> Path:
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
