"""Home: today's status, the plan, notices, and the way to every screen that exists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from glute_tui.ui import registry, today_state
from glute_tui.ui.access import glute_app
from glute_tui.ui.words import DISCLAIMER

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.table import Table

    from glute_tui.core.programme import Today


class TodayCard(Static):
    """Home's Today card, wrapped again whenever its width changes: a long line goes on
    under its own text, not back at column 1."""

    _paint: Callable[[int | None], str] | None = None
    _shown: str | None = None

    def paint(self, paint: Callable[[int | None], str]) -> None:
        self._paint = paint
        self._repaint()

    def on_resize(self) -> None:
        self._repaint()

    def _repaint(self) -> None:
        if self._paint is None:
            return
        text = self._paint(self.content_size.width or None)
        if text != self._shown:
            self._shown = text
            self.update(text)


def menu_entry(key: str, title: str, description: str) -> Table:
    """A menu line: the key, then the title and what it is for; a line too long for the
    menu goes on under the title, not back under the key."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(f"[b]{key}[/b]", f"{title} — {description}")
    return grid


class HomeScreen(Screen[None]):
    HELP = (
        "The home screen shows the programme's day: the stage and week, each routine due "
        "today with the sessions done and to go on each side, the load, what the next stage "
        "needs, your plan and what changed and why (the card scrolls when it is long; "
        "glute-tui today prints it whole). Pick a screen from the menu or press its key; "
        "the menu starts on the next routine due today, so Enter starts it."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(s.key, f"app.open('{s.name}')", s.short or s.title, show=s.footer)
            for s in registry.SCREENS
        ),
        Binding("q", "app.quit", "Quit"),
    ]

    AUTO_FOCUS = "#menu"  # arrows and Enter pick a screen; tab reaches the card to scroll it
    _facts: today_state.Facts | None = None
    _auto: int | None = 0  # where the menu was put for the user: the first entry, or what is due

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home-body"):  # fits 80x24 with the menu in view
            with VerticalScroll(id="today-box", classes="card"):
                yield TodayCard("Loading your history…", id="today")
            notices = Static("", id="notices", classes="card notice")
            notices.display = False
            yield notices
            with Vertical(id="menu-box", classes="card"):
                yield Static("Where to", classes="card-title")
                yield OptionList(id="menu")
                yield Static("", id="menu-empty")
            yield Static(DISCLAIMER, id="disclaimer")
        yield Footer(compact=True)  # every key fits 80 columns with five screens

    def on_mount(self) -> None:
        menu = self.query_one("#menu", OptionList)
        for s in registry.SCREENS:
            menu.add_option(Option(menu_entry(s.key, s.title, s.description), id=s.name))
        empty = self.query_one("#menu-empty", Static)
        if registry.SCREENS:
            empty.display = False
        else:
            menu.display = False
            empty.update("No training screens are installed in this build yet.")
        self.watch(self.app, "store_version", self.refresh_status)

    def refresh_status(self, _: int = 0) -> None:
        app = glute_app(self)
        store = app.store
        notices = self.query_one("#notices", Static)
        notices.update("\n\n".join(app.notices))
        notices.display = bool(app.notices)
        if store is None:
            return
        # imported once the history is loaded: the first frame (Loading…) needs none of them
        from glute_tui.core.circuit import (
            CircuitSettings,
            circuit_today_line,
            circuit_used_today,
        )
        from glute_tui.core.pauses import pause_today
        from glute_tui.core.plan import red_flag_stop
        from glute_tui.core.progress import counts_by_day, routine_counts

        today = app.now().date()
        counts = routine_counts(counts_by_day(store.rows()), today)
        protocol = app.protocols.circuit
        cap_s = CircuitSettings.from_settings(store.settings(), protocol).clamped(protocol).cap_min
        used_s = circuit_used_today(store.rows(), today)
        circuit_line = circuit_today_line(counts.get("circuit", 0), used_s, cap_s * 60.0)
        plan = store.plan()
        past = store.assessments()
        if red_flag_stop(past) is not None:
            # The last assessment said stop and see a clinician: no plan stands, and an
            # older plan (kept in the file) must not read as if it still applied.
            plan_line = "[b]none[/b]: see a clinician first (your last self-assessment)"
        elif plan.needs_assessment:
            plan_line = "both sides, until you take the self-assessment — it finds your weak side"
        elif plan.verdict is None:
            plan_line = plan.sides_label()
        else:
            plan_line = f"{plan.sides_label()} (from your assessment)"
        self._facts = today_state.Facts(
            today,
            counts,
            plan_line,
            circuit_line,
            app.protocols.hold.sessions_max,
            pause_today(store.pauses(), today),
            today_state.pain_stop_today(store.rows(), today),
        )
        self._programme(store, app.store_version, today)

    def _programme(self, store: Any, version: int, today: Any) -> None:
        """The programme's day: from the last fold when it is still true, else folded on a
        worker thread (ten years of history must not hold up the screen); till then the
        card says so, with today's counts and the plan."""
        key = today_state.key_for(store, version, today)
        known = today_state.known(key)
        if known is not None:
            self._show_programme(known)
            return
        self._show_programme(None)
        self._fold(key, today_state.records(store), today)

    @work(thread=True, exclusive=True, group="programme", exit_on_error=False)
    def _fold(self, key: object, recs: today_state.Records, today: Any) -> None:
        result = today_state.compute(recs, today)
        today_state.remember(key, result)
        self.app.call_from_thread(self._show_programme, result)

    def _show_programme(self, result: Today | str | None) -> None:
        if not self.is_attached or self._facts is None:
            return
        facts = self._facts
        self.query_one("#today", TodayCard).paint(lambda w: today_state.card(result, facts, w))
        if result is not None and not isinstance(result, str):
            self._point_at_next(result)

    def _point_at_next(self, today: Today) -> None:
        """Move the menu to the first routine due today and not done yet, so Enter starts
        it; again after each session, unless the user moved the menu themselves. Not
        before the first self-assessment (the menu's first entry is the one to take)."""
        menu = self.query_one("#menu", OptionList)
        if menu.highlighted not in (None, self._auto):
            return  # the user's choice stands
        store = glute_app(self).store
        if store is None or not store.assessments():
            return
        name = today_state.next_due_screen(today)
        if name is not None:
            self._auto = menu.highlighted = menu.get_option_index(name)
            menu.call_after_refresh(menu.scroll_to_highlight)  # in view once laid out

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            app = glute_app(self)
            app.call_later(app.open_screen, event.option.id)
