"""One session in full: every phase, in human words, read from its month file off the loop."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from glute_tui.core.model import Session
from glute_tui.core.words import (
    end_word,
    phase_word,
    plural,
    routine_title,
    side_word,
    status_word,
    stop_word,
)
from glute_tui.ui.access import glute_app

COLUMNS = ("Phase", "Exercise", "Side", "Set", "Time", "Reps", "Ended by")  # time: done/planned
#: columns that wrap when the table is too narrow, in order, and the least width of each
SHRINK = (("Phase", 9), ("Side", 5), ("Phase", 8), ("Exercise", 12), ("Exercise", 10))


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
        # a thin scrollbar: at 80 columns every column then fits whole for most sessions
        self.query_one("#phase-table", DataTable).styles.scrollbar_size_vertical = 1
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        app = glute_app(self)
        try:
            session = app.store.session(self.session_id) if app.store else None
        except (OSError, ValueError) as exc:  # ValueError: a damaged month file's phases
            app.call_from_thread(self._show_error, str(exc))
            return
        app.call_from_thread(self._show, session)

    def _show_error(self, message: str) -> None:
        self.query_one("#detail-head", Static).update(f"Could not read this session: {message}")

    def _show(self, s: Session | None) -> None:
        head = self.query_one("#detail-head", Static)
        if s is None:
            head.update("This session is no longer in the history.")
            return
        app = glute_app(self)
        start = s.started_at.replace("T", " ")[:16]
        end = s.ended_at[11:16]
        note = f"\nNote: {s.note}" if s.note else ""
        if s.extra.get("logged_later"):
            note += "\nLogged later from the calendar: done, but not timed."
        if self.expected_phases and not s.phases:
            note += (
                f"\n[$warning]Its {plural(self.expected_phases, 'phase')} could not be read: "
                f"the month file {s.started_at[:7]}.json next to your data file is missing or "
                "damaged.[/]"
            )
        head.update(
            f"[b]{routine_title(s.routine)} session[/b]  {start}–{end}  ·  "
            f"{status_word(s.status)} ({stop_word(s.stop_reason)})\n"
            f"Pain before {_n(s.pain_before)}, after {_n(s.pain_after)}, "
            f"next morning {_n(s.pain_next_morning)}  ·  effort "
            f"{_n(s.effort)}/10  ·  {plural(len(s.phases), 'phase')}{note}"
        )
        table = self.query_one("#phase-table", DataTable)
        lib = app.library
        rows: list[tuple[str, ...]] = []
        for p in s.phases:
            ex = p.exercise
            name = lib[ex].name if ex and ex in lib else (ex or "")
            rows.append(
                (
                    phase_word(p.kind),
                    name,
                    "both" if p.side == "both" else side_word(p.side),
                    str(p.set),
                    f"{p.active_s:.0f}/{p.planned_s:g} s",
                    _n(p.reps),
                    end_word(p.ended_by),
                )
            )
        self._fill(table, rows)

    def _fill(self, table: DataTable[str], rows: list[tuple[str, ...]]) -> None:
        """Every column whole at the width there is (80 columns too): when the natural
        widths do not fit, the exercise column takes what is left and its names wrap."""
        widths = [
            max([cell_len(h), *(cell_len(r[i]) for r in rows)]) for i, h in enumerate(COLUMNS)
        ]
        room = (table.size.width or self.app.size.width - 8) - 2 * table.cell_padding * len(COLUMNS)
        bar = table.styles.scrollbar_size_vertical
        over = sum(widths) - room + (bar if len(rows) > max(1, table.size.height - 1) else 0)
        fixed = over > 0
        if fixed:  # wrapped rows grow taller: keep room for the scrollbar they may need
            over = sum(widths) - room + bar
        for name, least in SHRINK:  # long phase words wrap first (few rows), then the names
            if over <= 0:
                break
            i = COLUMNS.index(name)
            cut = min(over, max(0, widths[i] - least))
            widths[i] -= cut
            over -= cut
        for label, width in zip(COLUMNS, widths, strict=True):
            table.add_column(label, width=width if fixed else None)
        for row in rows:
            table.add_row(*row, height=None if fixed else 1)

    def action_close(self) -> None:
        self.dismiss(None)
