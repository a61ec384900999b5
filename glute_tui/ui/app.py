"""The Textual application: owns the store handle, the clocks and the screen stack."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from glute_tui.core.library import Library
from glute_tui.core.protocol import Protocols
from glute_tui.store import shipped
from glute_tui.store.history import DEFAULT_LOCK_TIMEOUT, HistoryStore, StoreError
from glute_tui.ui import registry

MIN_WIDTH = 60
MIN_HEIGHT = 18
THEMES = ("textual-dark", "textual-light")


class GluteApp(App[None]):
    """glute-tui. Clocks are injectable so tests run on a fake clock and a fixed day."""

    CSS_PATH = "app.tcss"
    TITLE = "glute-tui"
    SUB_TITLE = "glute rehab coach"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("t", "toggle_theme", "Theme"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    #: bumped after every load or write; screens watch it to redraw from the store
    store_version: reactive[int] = reactive(0)

    def __init__(
        self,
        db_path: Path,
        start_screen: str = "home",
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.start_screen = start_screen
        self.clock = clock
        self._now = now or (lambda: datetime.now().astimezone())
        self.lock_timeout = lock_timeout
        self.store: HistoryStore | None = None
        self.library: Library = shipped.library()
        self.protocols: Protocols = shipped.protocols()
        self.fatal_error: str | None = None
        self.notices: list[str] = []
        self.recovered: dict[str, Any] | None = None
        self._too_small = False

    # ---- clocks -----------------------------------------------------------------------
    def now(self) -> datetime:
        """Wall-clock time with the local UTC offset (injected in tests)."""
        return self._now()

    # ---- start-up ----------------------------------------------------------------------
    def on_mount(self) -> None:
        from glute_tui.ui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if self.start_screen != "home":
            self.open_screen(self.start_screen)
        self.load_store()
        self.check_size()

    @work(thread=True, exclusive=True, group="store-load", exit_on_error=False)
    def load_store(self) -> None:
        try:
            store = HistoryStore.open(self.db_path, lock_timeout=self.lock_timeout)
            recovered = store.recover_journal()
        except StoreError as exc:
            self.call_from_thread(self.fail, str(exc))
            return
        self.call_from_thread(self._store_ready, store, recovered)

    def _store_ready(self, store: HistoryStore, recovered: dict[str, Any] | None) -> None:
        self.store = store
        self.recovered = recovered
        if store.moved_aside is not None:
            self.notices.append(
                f"Your data file could not be read, so it was moved aside to "
                f"{store.moved_aside}. Nothing was deleted. glute-tui started with an "
                f"empty history."
            )
        if recovered is not None:
            s = recovered["session"]
            self.notices.append(
                f"Your {s['routine']} session from {s['started_at'][11:16]} was cut short. "
                f"Its {len(s['phases'])} completed phases are saved in your history."
                + (
                    f" Open the {s['routine']} screen to pick it up from the next rep."
                    if (recovered.get("resume") or {}).get("routine") == s["routine"]
                    else ""
                )
            )
        theme = store.settings().get("theme")
        if theme in THEMES:
            self.theme = theme
        self.store_version += 1
        if not store.settings().get("disclaimer_seen"):
            from glute_tui.ui.screens.disclaimer import DisclaimerScreen

            self.push_screen(DisclaimerScreen(), self._disclaimer_closed)

    def _disclaimer_closed(self, _: object = None) -> None:
        self.write(lambda s: s.set_setting("disclaimer_seen", True))

    def fail(self, message: str) -> None:
        """A fatal store problem: leave the UI and print one line (see cli.py)."""
        self.fatal_error = message
        self.exit(return_code=2)

    # ---- writes (always on a worker thread) ------------------------------------------
    def write(
        self,
        change: Callable[[HistoryStore], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """Run `change(store)` on a worker thread; report back on the event loop."""
        self._write_worker(change, on_done, on_error)

    @work(thread=True, group="store-write", exit_on_error=False)
    def _write_worker(
        self,
        change: Callable[[HistoryStore], Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[str], None] | None,
    ) -> None:
        store = self.store
        if store is None:
            self.call_from_thread(self._write_failed, "the history is still loading", on_error)
            return
        try:
            result = change(store)
        except (StoreError, OSError, ValueError) as exc:
            self.call_from_thread(self._write_failed, str(exc), on_error)
            return
        self.call_from_thread(self._write_done, result, on_done)

    def _write_done(self, result: Any, on_done: Callable[[Any], None] | None) -> None:
        self.store_version += 1
        if on_done is not None:
            on_done(result)

    def _write_failed(self, message: str, on_error: Callable[[str], None] | None) -> None:
        if on_error is not None:
            on_error(message)
        else:
            self.notify(f"Could not save: {message}", severity="error", timeout=10)

    # ---- cues --------------------------------------------------------------------------
    def cues_for(self, exercise_id: str) -> tuple[str, ...]:
        """The user's cues for an exercise, else the shipped ones."""
        if self.store is not None:
            custom = self.store.cue_overrides().get(exercise_id)
            if custom:
                return tuple(custom)
        return self.library[exercise_id].cues if exercise_id in self.library else ()

    # ---- navigation --------------------------------------------------------------------
    def open_screen(self, name: str) -> None:
        info = registry.by_name(name)
        if info is None:
            self.notify(f"There is no {name} screen yet.", severity="warning")
            return
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if type(self.screen).__name__ != "HomeScreen":
            self.pop_screen()
        self.push_screen(info.make())

    def action_open(self, name: str) -> None:
        self.open_screen(name)

    def action_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def action_help(self) -> None:
        from glute_tui.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]
        theme = self.theme
        if self.store is not None:
            self.write(lambda s: s.set_setting("theme", theme))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand("Home", "Go to the home screen", self.action_home)
        for info in registry.SCREENS:
            yield SystemCommand(
                info.title, info.description, lambda n=info.name: self.open_screen(n)
            )
        yield SystemCommand("Help", "Keys and advice for this screen", self.action_help)
        yield SystemCommand(
            "Toggle light/dark", "Switch the colour theme", self.action_toggle_theme
        )
        yield from super().get_system_commands(screen)

    # ---- terminal too small -------------------------------------------------------------
    async def _on_resize(self, event: events.Resize) -> None:
        # App handles Resize itself and stops it, so hook the private handler (pinned
        # Textual version) and check once the new size has settled.
        await super()._on_resize(event)
        self.set_timer(1 / 60, self.check_size)

    def check_size(self) -> None:
        from glute_tui.ui.screens.too_small import TooSmallScreen

        small = self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT
        if small and not self._too_small:
            self._too_small = True
            self.push_screen(TooSmallScreen())
        elif not small and self._too_small:
            self._too_small = False
            if isinstance(self.screen, TooSmallScreen):
                self.pop_screen()
