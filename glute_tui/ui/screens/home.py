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

from glute_tui.core.circuit import CircuitSettings, circuit_today_line, circuit_used_today
from glute_tui.core.plan import red_flag_stop
from glute_tui.core.progress import counts_by_day, routine_counts, today_counts
from glute_tui.core.routines import registry as routines
from glute_tui.ui import registry, today_state
from glute_tui.ui.access import glute_app
from glute_tui.ui.words import DISCLAIMER

if TYPE_CHECKING:
    from glute_tui.core.programme import Today


class HomeScreen(Screen[None]):
    HELP = (
        "The home screen shows what you have done today and what your plan trains. "
        "Pick a screen from the menu or press its key."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(s.key, f"app.open('{s.name}')", s.short or s.title, show=s.footer)
            for s in registry.SCREENS
        ),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static("Loading your history…", id="today", classes="card")
            programme = Static("", id="programme", classes="card")
            programme.display = False
            yield programme
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
            menu.add_option(Option(f"[b]{s.key}[/b]  {s.title} — {s.description}", id=s.name))
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
        today = app.now().date()
        days = counts_by_day(store.rows())
        hold, circuit = today_counts(days, today)
        # every other routine in the registry: one line once it has been done today
        others = "".join(
            f"\n  {r.title:<16}{n} done today"
            for r in routines.ROUTINES[2:]
            if (n := routine_counts(days, today)[r.id])
        )
        target = app.protocols.hold.sessions_target
        most = app.protocols.hold.sessions_max
        dots = "●" * min(hold, most) + "○" * max(0, target - hold)
        if hold > most:  # one target everywhere: 2 count, 3 is the most, more is extra
            hold_line = f"{hold} done {dots} — today counts; {most} is the most, more is extra"
        elif hold >= target:
            hold_line = f"{hold} of {target} done {dots} — today counts"
        else:
            hold_line = f"{hold} of {target} {dots} — {target - hold} to go for today to count"
        protocol = app.protocols.circuit
        cap_s = CircuitSettings.from_settings(store.settings(), protocol).clamped(protocol).cap_min
        used_s = circuit_used_today(store.rows(), today)
        circuit_line = circuit_today_line(circuit, used_s, cap_s * 60.0)
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
        self.query_one("#today", Static).update(
            f"[b]Today[/b] · {today.strftime('%A %d %B %Y')}\n\n"
            f"  Hold sessions   {hold_line}\n"
            f"  Circuit         {circuit_line}{others}\n"
            f"  Plan            {plan_line}"
        )

        self._programme(store, app.store_version, today)

    def _programme(self, store: Any, version: int, today: Any) -> None:
        """The programme's day: from the last fold when it is still true, else folded on a
        worker thread (ten years of history must not hold up the screen)."""
        key = today_state.key_for(store, version, today)
        known = today_state.known(key)
        if known is not None:
            self._show_programme(known)
            return
        self._fold(key, today_state.records(store), today)

    @work(thread=True, exclusive=True, group="programme", exit_on_error=False)
    def _fold(self, key: object, recs: today_state.Records, today: Any) -> None:
        result = today_state.compute(recs, today)
        today_state.remember(key, result)
        self.app.call_from_thread(self._show_programme, result)

    def _show_programme(self, result: Today | str) -> None:
        if not self.is_attached:
            return
        box = self.query_one("#programme", Static)
        box.update(today_state.card(result))
        box.display = True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            app = glute_app(self)
            app.call_later(app.open_screen, event.option.id)
