"""History: the calendar, streaks, habit strength, adherence, trends and every session.

Everything on this screen is computed from the store's in-memory rows (cheap) on a worker
thread, then drawn in one go; the sessions table shows one page of 50 at a time, newest
first, so ten years of history open as fast as one month.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.lazy import Lazy
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane

from glute_tui.core import progress as pg
from glute_tui.core.words import plural

PAGE = 50
HEAT_WEEKS = 26
TREND_WEEKS = 26
VOLUME_WEEKS = 12
BARS = "▁▂▃▄▅▆▇█"
STOP_WORDS = {
    "planned_end": "planned end",
    "glutes_stopped": "glutes stopped",
    "form_lost": "form lost",
    "pain": "pain",
    "out_of_time": "out of time",
    "quit": "quit",
    "interrupted": "interrupted",
    None: "",
}


def sparkline(values: list[float | None], lo: float, hi: float) -> str:
    """One character per value on a lo..hi scale; a gap (no data) is a faint dot."""
    out = []
    span = max(hi - lo, 1e-9)
    for v in values:
        if v is None:
            out.append("[$text-muted]·[/]")
        else:
            i = round((min(max(v, lo), hi) - lo) / span * (len(BARS) - 1))
            out.append(BARS[i])
    return "".join(out)


@dataclass
class HistoryData:
    """Everything the screen draws, computed off the event loop."""

    today: date
    total: int
    heat: list[list[pg.HeatCell]]
    hold: pg.Streak
    circuit: pg.Streak
    hold_strength: float
    circuit_strength: float
    a7: pg.Adherence
    a28: pg.Adherence
    weekly_target: int
    hold_target: int
    volume: list[pg.WeekVolume]
    means: dict[str, list[float | None]]
    lsi: list[tuple[str, float]]
    weak: str | None
    pauses: list[dict[str, str]]


def compute(
    rows: list[dict[str, Any]],
    assessments: list[dict[str, Any]],
    settings: dict[str, Any],
    pauses: list[dict[str, str]],
    weak: str | None,
    today: date,
    hold_target: int,
) -> HistoryData:
    days = pg.counts_by_day(rows)
    paused = pg.paused_days(pauses)
    target = pg.circuit_target(settings)
    return HistoryData(
        today=today,
        total=len(rows),
        heat=pg.heatmap(days, today, paused, HEAT_WEEKS),
        hold=pg.hold_streak(days, today, paused, hold_target),
        circuit=pg.circuit_streak(days, today, paused, target),
        hold_strength=pg.hold_strength(days, today, paused, hold_target),
        circuit_strength=pg.circuit_strength(days, today, paused, target),
        a7=pg.adherence(days, today, 7, paused, hold_target, target),
        a28=pg.adherence(days, today, 28, paused, hold_target, target),
        weekly_target=target,
        hold_target=hold_target,
        volume=pg.weekly_volume(rows, today, VOLUME_WEEKS),
        means=pg.weekly_means(rows, today, TREND_WEEKS),
        lsi=pg.lsi_series(assessments)[-TREND_WEEKS:],
        weak=weak if weak in ("left", "right") else None,
        pauses=sorted(pauses, key=lambda p: p.get("start", "")),
    )


# ---- drawing ----------------------------------------------------------------------------
HOLD_GLYPHS = (
    "[$text-muted]·[/]",
    "[$success-darken-2]▒[/]",
    "[$success]▓[/]",
    "[$success-lighten-2]█[/]",
)


def _cell(c: pg.HeatCell) -> str:
    if c.future:
        return "  "
    if c.paused:
        body = "[$warning]~~[/]"
    else:
        body = HOLD_GLYPHS[min(c.hold, 3)] + ("[$accent]•[/]" if c.circuit else " ")
    return f"[reverse]{body}[/]" if c.today else body


def draw_heatmap(d: HistoryData, width: int = 200) -> str:
    """The calendar, as many of the last 26 weeks as fit in `width` cells (2 per day)."""
    weeks = max(4, min(len(d.heat), (width - 4) // 2))
    cols = d.heat[-weeks:]
    months = [" "] * (len(cols) * 2)
    last_month = None
    for i, col in enumerate(cols):
        m = col[0].day.month
        if i == 0 and len(cols) > 1 and cols[1][0].day.month != m:
            # a month with one week in view: its label would push out the next month's
            last_month = m
            continue
        if m != last_month:
            label = col[0].day.strftime("%b")
            if all(months[j] == " " for j in range(max(0, 2 * i - 1), min(len(months), 2 * i + 3))):
                for k, ch in enumerate(label):
                    if 2 * i + k < len(months):
                        months[2 * i + k] = ch
            last_month = m
    title = f"[b]Last {weeks} weeks[/b]"
    if d.total == 0:
        title += "  [$text-muted]No sessions yet: each one you finish fills in its day.[/]"
    lines = [title, "    " + "".join(months)]
    for row, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        lines.append(f"{name:<4}" + "".join(_cell(col[row]) for col in cols))
    lines.append(
        "[$text-muted]hold:[/] [$text-muted]·[/] none  [$success-darken-2]▒[/] 1  "
        f"[$success]▓[/] {d.hold_target} (counts)  [$success-lighten-2]█[/] 3   "
        "[$accent]•[/] circuit  [$warning]~~[/] paused  [reverse]  [/] today"
    )
    return "\n".join(lines)


def _days(n: int) -> str:
    return plural(n, "day")


def _pct(v: int | None) -> str:
    return "—" if v is None else f"{v}%"


def draw_streaks(d: HistoryData) -> str:
    def verdict(a: pg.Adherence) -> str:
        if a.overall is None:
            return "[$text-muted]not enough days yet[/]"
        if a.on_track:
            return "[$success]on track[/]"
        return "[$warning]below 80%[/]"

    lines = [
        "[b]Streaks and habit strength[/b]",
        f"[$text-muted]{'routine':9}{'now':>10}{'longest':>10}{'strength':>10}[/]",
        f"{'Hold':9}{_days(d.hold.current):>10}{_days(d.hold.longest):>10}"
        f"{round(d.hold_strength * 100):>9}%  [$text-muted]a day counts at "
        f"{d.hold_target}+ sessions[/]",
        f"{'Circuit':9}{_days(d.circuit.current):>10}{_days(d.circuit.longest):>10}"
        f"{round(d.circuit_strength * 100):>9}%  [$text-muted]target {d.weekly_target} "
        "days a week (w)[/]",
        "",
    ]
    if d.a28.overall is None:
        lines.append(
            "[b]Adherence[/b]  [$text-muted]not enough complete days yet (today counts "
            "from tomorrow)[/]"
        )
    else:
        lines += [
            f"[b]Adherence[/b]  last 7 days {_pct(d.a7.overall)} {verdict(d.a7)}  ·  "
            f"last 28 days {_pct(d.a28.overall)} {verdict(d.a28)}",
            f"[$text-muted]hold {_pct(d.a7.hold)} / {_pct(d.a28.hold)}, circuit "
            f"{_pct(d.a7.circuit)} / {_pct(d.a28.circuit)} of what the plan asks[/]",
        ]
    current = [p for p in d.pauses if p.get("end", "") >= d.today.isoformat()]
    if current:
        p = current[0]
        lines.append(
            f"[$warning]Injury pause {p['start']} to {p['end']}: those days do not count "
            "and do not break a streak.[/]"
        )
    return "\n".join(lines)


def draw_volume(d: HistoryData) -> str:
    sides = ("left", "right")
    if d.weak in sides:
        order = [d.weak, "right" if d.weak == "left" else "left"]
        names = {order[0]: f"weak ({order[0]})", order[1]: f"strong ({order[1]})"}
    else:
        order = list(sides)
        names = {"left": "left", "right": "right"}
    hi_h = max([1, *(w.holds[s] for w in d.volume for s in sides)])
    hi_r = max([1, *(w.reps[s] for w in d.volume for s in sides)])
    lines = [f"[b]Per-side volume[/b], last {VOLUME_WEEKS} weeks (this week last)"]
    for s in order:
        holds = [float(w.holds[s]) for w in d.volume]
        reps = [float(w.reps[s]) for w in d.volume]
        lines.append(
            f"{names[s]:<15} holds {sparkline(list(holds), 0, hi_h)} {int(holds[-1]):>4}  "
            f"reps {sparkline(list(reps), 0, hi_r)} {int(reps[-1]):>4}"
        )
    if d.weak in sides:
        lines.append("[$text-muted]Your plan trains the weak side only: it should lead.[/]")
    return "\n".join(lines)


def draw_pain(d: HistoryData) -> str:
    labels = {
        "pain_before": "pain before",
        "pain_after": "pain after",
        "pain_next_morning": "next morning",
        "effort": "effort",
    }
    lines = [f"[b]Pain and effort[/b], weekly average 0-10, last {TREND_WEEKS} weeks"]
    for key, label in labels.items():
        values = d.means[key]
        last = next((v for v in reversed(values) if v is not None), None)
        tail = "—" if last is None else f"{last:.1f}"
        lines.append(f"{label:<13} {sparkline(values, 0, 10)} {tail:>4}")
    return "\n".join(lines)


def draw_lsi(d: HistoryData) -> str:
    if not d.lsi:
        return (
            "[b]Limb symmetry (LSI)[/b]\n[$text-muted]No measured assessment yet. The "
            "self-assessment compares your sides.[/]"
        )
    values: list[float | None] = [v for _, v in d.lsi]
    day, last = d.lsi[-1]
    mark = "[$success]passes[/]" if last >= 90 else "[$warning]below 90%[/]"
    return (
        f"[b]Limb symmetry (LSI)[/b], weaker side as % of the stronger, last "
        f"{plural(len(values), 'assessment')}\n"
        f"{sparkline(values, 50, 100)}  latest {last:.0f}% on {day} {mark}\n"
        "[$text-muted]90% or more is the usual pass mark; below 85% is worth correcting.[/]"
    )


def _time(row: dict[str, Any]) -> str:
    try:
        return datetime.fromisoformat(row["started_at"]).strftime("%H:%M")
    except (KeyError, ValueError):
        return ""


def _n(v: Any) -> str:
    return "–" if v is None else str(v)


class HistoryScreen(Screen[None]):
    HELP = (
        "Your history. The calendar shows the last 26 weeks: each day's hold sessions "
        "(two make a day count) and a dot for a circuit day. A streak counts days in a row; "
        "the circuit streak allows the rest days your weekly target leaves. Habit strength "
        "is a slow-moving score (0-100%) that forgives a missed day and rewards months of "
        "steady work. Adherence compares the last 7 and 28 complete days with your plan; "
        "80% or more is on track.\n\n"
        "Hurt? Press p to mark an injury pause: paused days neither count nor break a "
        "streak. x exports everything (JSON or CSV) as a backup. In the sessions tab, Enter "
        "opens a session; [ and ] page through older and newer sessions. 1, 2 and 3 switch "
        "tabs; w changes your weekly circuit target (5, 6 or 7 days)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("1", "tab('overview')", "Overview", show=False),
        Binding("2", "tab('trends')", "Trends", show=False),
        Binding("3", "tab('sessions')", "Sessions", show=False),
        Binding("p", "pause", "Injury pause"),
        Binding("x", "export", "Export"),
        Binding("w", "weekly_target", "Circuit target"),
        Binding("left_square_bracket", "page(1)", "Older", key_display="[", show=False),
        Binding("right_square_bracket", "page(-1)", "Newer", key_display="]", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: HistoryData | None = None
        self.page = 0
        self._rows: list[dict[str, Any]] = []
        self._page_ids: list[str] = []
        self._table_stale = True

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="history-tabs"):
            with TabPane("Overview", id="overview"), VerticalScroll():
                yield Static("Reading your history…", id="heatmap", classes="card hcard")
                yield Static("", id="streaks", classes="card hcard")
            # hidden tabs mount after the first frame, so the overview paints sooner
            with TabPane("Trends", id="trends"), Lazy(VerticalScroll()):
                yield Static("", id="volume", classes="card hcard")
                yield Static("", id="pain", classes="card hcard")
                yield Static("", id="lsi", classes="card hcard")
            with TabPane("Sessions", id="sessions"), Lazy(Vertical()):
                yield Static("", id="page-info")
                yield DataTable(id="session-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)  # all keys fit 80 columns (the default spacing cut "Theme")

    def on_mount(self) -> None:
        self.watch(self.app, "store_version", self.reload)

    # ---- computing ---------------------------------------------------------------------
    def reload(self, _: int = 0) -> None:
        app: Any = self.app
        if app.store is None:
            return
        self._compute()

    @work(thread=True, exclusive=True, group="history-compute", exit_on_error=False)
    def _compute(self) -> None:
        app: Any = self.app
        store = app.store
        rows = store.rows()
        plan = store.plan()
        try:
            data = compute(
                rows,
                store.assessments(),
                store.settings(),
                store.pauses(),
                plan.verdict,
                app.now().date(),
                app.protocols.hold.sessions_target,
            )
        except (KeyError, TypeError, ValueError) as exc:  # a hand-edited file, say
            app.call_from_thread(self._failed, f"{type(exc).__name__}: {exc}")
            return
        app.call_from_thread(self._apply, data, rows)

    def _failed(self, message: str) -> None:
        self.query_one("#heatmap", Static).update(
            "[$error]Part of your history could not be read, so the summary cannot be "
            f"shown ({message}). Your sessions are still in the file; export (x) keeps "
            "everything.[/]"
        )

    def _apply(self, data: HistoryData, rows: list[dict[str, Any]]) -> None:
        self.data = data
        self._rows = rows
        self._draw_heatmap()
        self.query_one("#streaks", Static).update(draw_streaks(data))
        self._draw_trends()
        self.page = min(self.page, self._last_page())
        # the table is filled when it is first shown: the overview paints sooner
        self._table_stale = True
        if self.query_one(TabbedContent).active == "sessions":
            self._fill_table()

    def _draw_trends(self) -> None:
        if self.data is None:
            return
        try:
            self.query_one("#volume", Static).update(draw_volume(self.data))
            self.query_one("#pain", Static).update(draw_pain(self.data))
            self.query_one("#lsi", Static).update(draw_lsi(self.data))
        except NoMatches:  # not mounted yet: drawn when the tab is shown
            pass

    def _draw_heatmap(self) -> None:
        box = self.query_one("#heatmap", Static)
        if self.data is not None:
            width = box.content_size.width or self.app.size.width - 8
            box.update(draw_heatmap(self.data, width))

    def on_resize(self) -> None:
        self.call_after_refresh(self._draw_heatmap)

    # ---- the sessions table --------------------------------------------------------------
    def _last_page(self) -> int:
        return max(0, (len(self._rows) - 1) // PAGE)

    def _fill_table(self) -> None:
        try:
            table = self.query_one("#session-table", DataTable)
        except NoMatches:  # not mounted yet: filled when the tab is shown
            return
        self._table_stale = False
        if not table.columns:
            table.add_columns(
                "Date", "Time", "Routine", "Status", "Stopped by", "Pain b/a/nm", "Effort"
            )
        table.clear()
        n = len(self._rows)
        end = n - self.page * PAGE
        chunk = self._rows[max(0, end - PAGE) : end]
        table.add_rows(
            (
                (
                    r["day"],
                    _time(r),
                    r["routine"],
                    r["status"],
                    STOP_WORDS.get(r.get("stop_reason"), str(r.get("stop_reason"))),
                    f"{_n(r.get('pain_before'))}/{_n(r.get('pain_after'))}/"
                    f"{_n(r.get('pain_next_morning'))}",
                    _n(r.get("effort")),
                )
                for r in reversed(chunk)
            ),
        )
        # keys: add_rows has no keys, so keep the ids by position
        self._page_ids = [r["id"] for r in reversed(chunk)]
        info = self.query_one("#page-info", Static)
        if n == 0:
            info.update("No sessions yet. Finished sessions appear here.")
        else:
            first = self.page * PAGE + 1
            info.update(
                f"Sessions {first}–{min(n, first + PAGE - 1)} of {n:,}, newest first · "
                "Enter opens one · \\[ older · ] newer"
            )

    def action_page(self, step: int) -> None:
        new = min(max(0, self.page + step), self._last_page())
        if new != self.page:
            self.page = new
            self._table_stale = True
        tabs = self.query_one(TabbedContent)
        if tabs.active != "sessions":
            tabs.active = "sessions"  # TabActivated fills and focuses the table
        elif self._table_stale:
            self._fill_table()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        index = event.cursor_row
        ids = self._page_ids
        if 0 <= index < len(ids):
            from glute_tui.ui.screens.history_dialogs import SessionDetail

            row = next((r for r in reversed(self._rows) if r["id"] == ids[index]), {})
            self.app.push_screen(SessionDetail(ids[index], int(row.get("phase_count", 0))))

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
        from glute_tui.ui.screens.history_dialogs import PauseDialog

        app: Any = self.app
        if app.store is None:
            return
        self.app.push_screen(PauseDialog(app.store.pauses(), app.now().date()))

    def action_export(self) -> None:
        from glute_tui.ui.screens.history_dialogs import ExportDialog

        self.app.push_screen(ExportDialog(self.app.now().date()))  # type: ignore[attr-defined]

    def action_weekly_target(self) -> None:
        app: Any = self.app
        if app.store is None:
            return
        current = pg.circuit_target(app.store.settings())
        targets = pg.CIRCUIT_TARGETS
        new = targets[(targets.index(current) + 1) % len(targets)]
        app.write(
            lambda s: s.set_setting("circuit_weekly_target", new),
            on_done=lambda _: self.notify(f"Circuit target: {new} days a week."),
        )
