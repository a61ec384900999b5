"""The history's sessions tab: a filter (routine, status, side), a jump to a date, and one
page of the table at a time, as many rows as the terminal shows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import DataTable, Input, Select, Static

from glute_tui.core.model import SessionRow
from glute_tui.core.records import STATUSES
from glute_tui.core.words import routine_ids, routine_word, status_word, stop_word

ALL = "all"
SIDES = ("left", "right")


def _time(row: SessionRow) -> str:
    s = row.session
    if s.extra.get("logged_later"):
        return "later"
    try:
        return datetime.fromisoformat(s.started_at).strftime("%H:%M")
    except ValueError:
        return ""


def _n(v: Any) -> str:
    return "–" if v is None else str(v)


def matches(row: SessionRow, routine: str, status: str, side: str) -> bool:
    """Does a session row pass the filter? `side`: the session worked that side."""
    if routine != ALL and row.routine != routine:
        return False
    if status != ALL and row.session.status != status:
        return False
    return side == ALL or side in row.volume


class SessionList(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "filter", "Filter"),
    ]

    class Open(Message):
        def __init__(self, session_id: str, phase_count: int) -> None:
            super().__init__()
            self.session_id = session_id
            self.phase_count = phase_count

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[SessionRow] = []  # all, oldest first
        self.shown: list[SessionRow] = []  # after the filter, oldest first
        self.page = 0
        self.page_ids: list[str] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="session-filter"):
            yield Select(
                [("every routine", ALL), *((routine_word(r), r) for r in routine_ids())],
                value=ALL,
                allow_blank=False,
                compact=True,
                id="filter-routine",
            )
            yield Select(
                [("every status", ALL), *((status_word(s), s) for s in STATUSES)],
                value=ALL,
                allow_blank=False,
                compact=True,
                id="filter-status",
            )
            yield Select(
                [("both sides", ALL), *((f"{s} side", s) for s in SIDES)],
                value=ALL,
                allow_blank=False,
                compact=True,
                id="filter-side",
            )
            yield Input(
                placeholder="go to YYYY-MM-DD", compact=True, max_length=10, id="filter-date"
            )
        yield Static("", id="page-info")
        yield DataTable(id="session-table", cursor_type="row", zebra_stripes=True)

    # ---- what is shown -------------------------------------------------------------------
    def page_size(self) -> int:
        """Rows that fit the table without scrolling (its header takes one)."""
        try:
            height = self.query_one("#session-table", DataTable).size.height
        except NoMatches:
            height = 0
        return max(5, height - 1) if height else max(5, self.app.size.height - 10)

    def _value(self, select_id: str) -> str:
        value = self.query_one(select_id, Select).value
        return value if isinstance(value, str) else ALL

    def set_rows(self, rows: list[SessionRow]) -> None:
        self.rows = rows
        self._apply_filter(keep_page=True)

    def _apply_filter(self, keep_page: bool = False) -> None:
        routine = self._value("#filter-routine")
        status = self._value("#filter-status")
        side = self._value("#filter-side")
        if routine == status == side == ALL:
            self.shown = self.rows
        else:
            self.shown = [r for r in self.rows if matches(r, routine, status, side)]
        self.page = min(self.page, self.last_page()) if keep_page else 0
        self.fill()

    def last_page(self) -> int:
        return max(0, (len(self.shown) - 1) // self.page_size())

    def fill(self, cursor: int = 0) -> None:
        table = self.query_one("#session-table", DataTable)
        if not table.columns:
            table.add_columns(
                "Date", "Time", "Routine", "Status", "Stopped by", "Pain b/a/nm", "Effort"
            )
        table.clear()
        size = self.page_size()
        n = len(self.shown)
        end = n - self.page * size
        chunk = list(reversed(self.shown[max(0, end - size) : end]))
        table.add_rows(
            (
                r.day.isoformat(),
                _time(r),
                routine_word(s.routine),
                status_word(s.status),
                stop_word(s.stop_reason),
                f"{_n(s.pain_before)}/{_n(s.pain_after)}/{_n(s.pain_next_morning)}",
                _n(s.effort),
            )
            for r in chunk
            for s in (r.session,)
        )
        self.page_ids = [r.id for r in chunk]
        if chunk:
            table.move_cursor(row=min(cursor, len(chunk) - 1))
        info = self.query_one("#page-info", Static)
        filtered = len(self.shown) != len(self.rows)
        if not self.rows:
            info.update("No sessions yet. Finished sessions appear here.")
        elif n == 0:
            info.update("No session matches this filter.")
        else:
            first = self.page * size + 1
            of = f"{n:,} matching" if filtered else f"{n:,}"
            info.update(
                f"Sessions {first}–{min(n, first + size - 1)} of {of}, newest first · "
                "Enter opens · \\[ older · ] newer"
            )

    # ---- keys ---------------------------------------------------------------------------
    def action_filter(self) -> None:
        self.query_one("#filter-routine", Select).focus()

    def action_page(self, step: int) -> None:
        new = min(max(0, self.page + step), self.last_page())
        if new != self.page:
            self.page = new
            self.fill()

    def on_resize(self) -> None:
        if self.rows:  # a page is what fits: a new height, a new page size
            self.call_after_refresh(self._apply_filter, True)

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        if self.rows:
            self._apply_filter()

    @on(Input.Submitted, "#filter-date")
    def jump(self, event: Input.Submitted) -> None:
        """Show the page holding the newest session on or before the typed day."""
        info = self.query_one("#page-info", Static)
        try:
            day = date.fromisoformat(event.value.strip())
        except ValueError:
            info.update(f"[$error]'{event.value.strip()}' is not a date: type YYYY-MM-DD.[/]")
            return
        # shown is oldest first; position counted from the newest
        newest_first = (
            len(self.shown) - 1 - i
            for i in range(len(self.shown) - 1, -1, -1)
            if self.shown[i].day <= day
        )
        index = next(newest_first, None)
        if index is None:
            info.update(f"[$warning]No session on or before {day} in this list.[/]")
            return
        size = self.page_size()
        self.page = index // size
        self.fill(cursor=index % size)
        self.query_one("#session-table", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        index = event.cursor_row
        if 0 <= index < len(self.page_ids):
            sid = self.page_ids[index]
            row = next((r for r in reversed(self.shown) if r.id == sid), None)
            self.post_message(self.Open(sid, row.phase_count if row is not None else 0))
