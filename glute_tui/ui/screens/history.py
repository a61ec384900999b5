"""History: the calendar, streaks, habit strength, adherence, trends and every session.

Everything on this screen is computed from the store's in-memory rows (cheap) on a worker
thread, then drawn in one go; the sessions table shows one page (what fits) at a time, newest
first, so ten years of history open as fast as one month.
"""

from __future__ import annotations

import contextlib
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.lazy import Lazy
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from glute_tui.core import progress as pg
from glute_tui.core.model import SessionRow
from glute_tui.ui.access import glute_app
from glute_tui.ui.dialogs.day import DayDialog
from glute_tui.ui.dialogs.export import ExportDialog
from glute_tui.ui.dialogs.pause import PauseDialog
from glute_tui.ui.dialogs.report import ReportDialog
from glute_tui.ui.dialogs.session_detail import SessionDetail
from glute_tui.ui.screens.history_view import (
    HistoryData,
    compute,
    draw_adherence,
    draw_lsi,
    draw_pain,
    draw_streaks,
    draw_volume,
)
from glute_tui.ui.widgets.calendar import Calendar
from glute_tui.ui.widgets.session_list import SessionList


class HistoryScreen(Screen[None]):
    AUTO_FOCUS = "#heatmap"  # the calendar: arrows pick a day straight away
    HELP = (
        "Your history. The calendar shows as many weeks as fit: each day's hold sessions "
        "(two make a day count) and a dot for a circuit day. Arrows pick a day and Enter "
        "opens it: its sessions, pains and note; a past day can get a note and a missed "
        "session can be logged there. A streak counts days in a row; "
        "the circuit streak allows the rest days your weekly target leaves. Habit strength "
        "is a slow-moving score (0-100%) that forgives a missed day and rewards months of "
        "steady work. Adherence compares the last 7 and 28 complete days with your plan; "
        "80% or more is on track.\n\n"
        "Hurt? Press p to mark an injury pause: paused days neither count nor break a "
        "streak. x exports everything (JSON or CSV) as a backup; r saves a one-page report "
        "for your physio (HTML). In the sessions tab, Enter "
        "opens a session; [ and ] page through older and newer sessions; f moves to the "
        "filter (routine, status, side, and a date to go to). 1, 2 and 3 switch "
        "tabs; w changes your weekly circuit target (5, 6 or 7 days)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("1", "tab('overview')", "Overview", show=False),
        Binding("2", "tab('trends')", "Trends", show=False),
        Binding("3", "tab('sessions')", "Sessions", show=False),
        Binding("p", "pause", "Pause"),  # injury pause; short so all keys fit 80 columns
        Binding("x", "export", "Export"),
        Binding("r", "report", "Report"),
        Binding("w", "weekly_target", "Target"),  # the weekly circuit target (help says)
        Binding("left_square_bracket", "page(1)", "Older", key_display="[", show=False),
        Binding("right_square_bracket", "page(-1)", "Newer", key_display="]", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: HistoryData | None = None
        self._rows: list[SessionRow] = []
        self._stages_asked = False
        self._table_stale = True

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="history-tabs"):
            with TabPane("Overview", id="overview"), VerticalScroll():
                yield Calendar(id="heatmap", classes="card hcard")
                yield Static("", id="streaks", classes="card hcard")
            # hidden tabs mount after the first frame, so the overview paints sooner
            with TabPane("Trends", id="trends"), Lazy(VerticalScroll()):
                yield Static("", id="lsi", classes="card hcard")
                yield Static("", id="pain", classes="card hcard")
                yield Static("", id="volume", classes="card hcard")
                yield Static("", id="adherence", classes="card hcard")
            with TabPane("Sessions", id="sessions"):
                yield Lazy(SessionList(id="session-list"))
        yield Footer(compact=True)  # all keys fit 80 columns (the default spacing cut "Theme")

    def on_mount(self) -> None:
        self.watch(self.app, "store_version", self.reload)

    # ---- computing ---------------------------------------------------------------------
    def reload(self, _: int = 0) -> None:
        app = glute_app(self)
        if app.store is None:
            return
        self._compute()

    @work(thread=True, exclusive=True, group="history-compute", exit_on_error=False)
    def _compute(self) -> None:
        app = glute_app(self)
        store = app.loaded_store
        rows = store.rows()
        plan = store.plan()
        try:
            from glute_tui.store.report import recent_adherence

            today = app.now().date()
            data = compute(
                rows,
                store.assessments(),
                store.settings(),
                store.pauses(),
                plan.verdict,
                today,
                app.protocols.hold.sessions_target,
                recent_adherence(store, today),
            )
        except (KeyError, TypeError, ValueError) as exc:  # a hand-edited file, say
            app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        app.call_from_thread(self._apply, data, rows)

    @work(thread=True, exclusive=True, group="history-stages", exit_on_error=False)
    def _compute_stages(self) -> None:
        """The stage bands walk the programme over the whole history: worked out only when
        the Trends tab is first shown (no other tab draws them), then drawn."""
        from glute_tui.core.programme import ProgrammeError
        from glute_tui.core.stage_history import bands
        from glute_tui.store.report import stages_of

        app = glute_app(self)
        if app.store is None or self.data is None:
            return
        try:
            stages = stages_of(app.store, self.data.today)
        except (ProgrammeError, KeyError, TypeError, ValueError):
            return  # no bands rather than no history
        app.call_from_thread(self._apply_stages, bands(stages))

    def _apply_stages(self, stages: list[tuple[str, str]]) -> None:
        if self.data is not None and stages != self.data.stages:
            self.data.stages = stages
            self._draw_trends()

    def _failed(self, message: str) -> None:
        self.query_one(Calendar).failed(
            "[$error]Part of your history could not be read, so the summary cannot be "
            f"shown ({message}). Your sessions are still in the file; export (x) keeps "
            "everything.[/]"
        )

    def _apply(self, data: HistoryData, rows: list[SessionRow]) -> None:
        self.data = data
        self._rows = rows
        self._stages_asked = False  # new data: the bands are worked out again when shown
        self._draw_heatmap()
        self.query_one("#streaks", Static).update(draw_streaks(data))
        self._draw_trends()
        # the table is filled when it is first shown: the overview paints sooner
        self._table_stale = True
        if self.query_one(TabbedContent).active == "sessions":
            self._fill_table()

    def _draw_trends(self) -> None:
        if self.data is None:
            return
        if not self._stages_asked and self.query_one(TabbedContent).active == "trends":
            self._stages_asked = True
            self._compute_stages()
        try:
            boxes = [
                (self.query_one(f"#{name}", Static), draw)
                for name, draw in (
                    ("lsi", draw_lsi),
                    ("pain", draw_pain),
                    ("volume", draw_volume),
                    ("adherence", draw_adherence),
                )
            ]
        except NoMatches:  # not mounted yet: drawn when the tab is shown
            return
        for box, draw in boxes:
            width = box.content_size.width or self.app.size.width - 8
            box.update(draw(self.data, width))

    def _draw_heatmap(self) -> None:
        if self.data is not None:
            d = self.data
            self.query_one(Calendar).show(d.heat, d.today, d.hold_target, d.total == 0)

    def on_calendar_day_chosen(self, event: Calendar.DayChosen) -> None:
        if self.data is None:
            return
        day = event.day
        rows = []
        for r in reversed(self._rows):  # oldest first: walk back to the day and stop
            if r.day < day:
                break
            if r.day == day:
                rows.append(r)
        rows.reverse()
        self.app.push_screen(DayDialog(event.day, rows, self.data.today))

    def on_resize(self) -> None:
        self.call_after_refresh(self._draw_trends)

    # ---- the sessions table --------------------------------------------------------------
    def _fill_table(self) -> None:
        try:
            sessions = self.query_one(SessionList)
        except NoMatches:  # not mounted yet: filled when the tab is shown
            return
        self._table_stale = False
        sessions.set_rows(self._rows)

    def action_page(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active != "sessions":
            tabs.active = "sessions"  # TabActivated fills and focuses the table
            self.call_after_refresh(self._page, step)
        else:
            self._page(step)

    def _page(self, step: int) -> None:
        if self._table_stale:
            self._fill_table()
        with contextlib.suppress(NoMatches):
            self.query_one(SessionList).action_page(step)

    def on_session_list_open(self, event: SessionList.Open) -> None:
        self.app.push_screen(SessionDetail(event.session_id, event.phase_count))

    # ---- actions ------------------------------------------------------------------------
    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "trends":
            self._draw_trends()
        if event.pane.id == "sessions":
            if self._table_stale and self.data is not None:
                self._fill_table()
            with contextlib.suppress(NoMatches):
                self.query_one("#session-table", DataTable).focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_pause(self) -> None:
        app = glute_app(self)
        if app.store is None:
            return
        self.app.push_screen(PauseDialog(app.loaded_store.pauses(), app.now().date()))

    def action_export(self) -> None:
        self.app.push_screen(ExportDialog(self.app.now().date()))  # type: ignore[attr-defined]

    def action_report(self) -> None:
        self.app.push_screen(ReportDialog(self.app.now().date()))  # type: ignore[attr-defined]

    def action_weekly_target(self) -> None:
        app = glute_app(self)
        if app.store is None:
            return
        current = pg.circuit_target(app.loaded_store.settings())
        targets = pg.CIRCUIT_TARGETS
        new = targets[(targets.index(current) + 1) % len(targets)]
        app.write(
            lambda s: s.set_setting("circuit_weekly_target", new),
            on_done=lambda _: self.notify(f"Circuit target: {new} days a week."),
        )
