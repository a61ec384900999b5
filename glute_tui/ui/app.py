"""The Textual application: owns the store handle, the clocks and the screen stack."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from glute_tui.core.library import Library
from glute_tui.core.protocol import Protocols
from glute_tui.store import shipped
from glute_tui.store.errors import DEFAULT_LOCK_TIMEOUT, StoreError
from glute_tui.ui import registry, styles
from glute_tui.ui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from glute_tui.ui.store_follow import StoreFollow

if TYPE_CHECKING:
    from glute_tui.core.model import Recovered
    from glute_tui.store.history import HistoryStore

__all__ = ["MIN_HEIGHT", "MIN_WIDTH", "THEMES", "GluteApp"]

THEMES = ("textual-dark", "textual-light")


def _raise(error: BaseException) -> None:
    raise error


class GluteApp(StoreFollow, App[None]):
    """glute-tui. Clocks are injectable so tests run on a fake clock and a fixed day."""

    #: lets ui.access.glute_app() check the app it was handed without importing this module
    is_glute_app: ClassVar[bool] = True

    CSS = styles.FIRST  # app.tcss down to its "later" line; the rest: read_later_css
    TITLE = "glute-tui"
    SUB_TITLE = "glute rehab coach"
    ENABLE_COMMAND_PALETTE = True
    # Screen classes for app.tcss: "-narrow -tall" is a phone held upright (glute-tui serve)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        # F1 reaches help even while a text box has the focus (where ? is just a character);
        # the Footer hides ? there, so the first F1 (shown only then) says so
        Binding("f1", "help_in_box", "Help", key_display="F1", priority=True),
        Binding("f1", "help", "Help from a text box", show=False, priority=True),
        Binding("t", "toggle_theme", "Theme"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    #: bumped after every load or write; screens watch it to redraw from the store
    store_version: reactive[int] = reactive(0)
    #: seconds between checks for another glute-tui's writes to the same data file
    store_poll_s: float = 2.0

    def __init__(
        self,
        db_path: Path,
        start_screen: str = "home",
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        ask_next_morning: bool = True,
    ) -> None:
        super().__init__()
        # history (issue 6): ask for next-morning pain on start-up; tests turn it off
        self.ask_next_morning = ask_next_morning
        self.db_path = db_path
        self.start_screen = start_screen
        self.clock = clock
        self._now = now or (lambda: datetime.now().astimezone())
        self.lock_timeout = lock_timeout
        self.store: HistoryStore | None = None
        self.fatal_error: str | None = None
        self.notices: list[str] = []
        self.recovered: Recovered | None = None
        #: True while a live session in another window owns this data file's journal
        self.live_elsewhere = False
        self._too_small = False
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="glute-writer")
        self._pending_writes: set[asyncio.Future[Any]] = set()
        self._polling = False
        self._later_css = False

    @cached_property
    def library(self) -> Library:
        return shipped.library()

    @cached_property
    def protocols(self) -> Protocols:
        return shipped.protocols()

    @property
    def loaded_store(self) -> HistoryStore:
        """The store, for screens that only open once it is loaded (home, history, live)."""
        if self.store is None:
            raise StoreError("the history is still loading; try again in a moment")
        return self.store

    # ---- clocks -----------------------------------------------------------------------
    def now(self) -> datetime:
        """Wall-clock time with the local UTC offset (injected in tests)."""
        return self._now()

    # ---- start-up ----------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        # Home is the bottom of the stack: no blank default screen to compose first.
        from glute_tui.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        # every screen but home's first frame is styled by the later part of app.tcss:
        # read before any other screen is on the stack, else once home's first frame is up
        self.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)
        if self.start_screen != "home":
            self.open_screen(self.start_screen)
        self.call_after_refresh(self.read_later_css)
        # First paint first: the history (TinyDB, megabytes of JSON after years of use) is
        # read on a worker thread once the home screen is on screen.
        self.call_after_refresh(self.load_store)
        self.check_size()

    def _screen_changed(self, _: Screen[Any]) -> None:
        if len(self.screen_stack) > 1:
            self.read_later_css()

    def read_later_css(self) -> None:
        """Add the later part of app.tcss to the stylesheet, once (see ui/styles.py). Only
        that part is parsed (Textual keeps the others' parse) and the screens on the stack
        are styled again, before their next paint."""
        if self._later_css or not styles.LATER:
            return
        self._later_css = True
        self.stylesheet.add_source(styles.LATER, read_from=styles.LATER_FROM)
        for screen in self.screen_stack:
            self.stylesheet.update(screen)

    @work(thread=True, exclusive=True, group="store-load", exit_on_error=False)
    def load_store(self) -> None:
        from glute_tui.store.history import HistoryStore

        try:
            store = HistoryStore.open(self.db_path, lock_timeout=self.lock_timeout)
            recovered = store.recover_journal()
        except StoreError as exc:
            self.call_from_thread(self.fail, str(exc))
            return
        except Exception as exc:  # anything else must not leave home on "Loading…" for good
            self.call_from_thread(
                self.fail, f"could not read {self.db_path} ({type(exc).__name__}: {exc})"
            )
            return
        self.call_from_thread(self._store_ready, store, recovered)
        # issue 10: a damaged month file is kept aside and told on home (after the load)
        found = store.check_phase_files()
        if found:
            self.call_from_thread(self._more_notices, found)
        store.check_programme_cache()  # `glute-tui today` then reads only the cache

    def _more_notices(self, found: list[str]) -> None:
        self.notices.extend(found)
        self.store_version += 1

    def _store_ready(self, store: HistoryStore, recovered: Recovered | None) -> None:
        self.store = store
        self.recovered = recovered
        if store.moved_aside is not None:
            self.notices.append(
                f"Your data file could not be read, so it was moved aside to "
                f"{store.moved_aside}. Nothing was deleted. glute-tui started with an "
                f"empty history."
            )
        self.notices.extend(store.notices)  # damaged phase files / journal kept aside
        if recovered is not None:
            self._cut_short(recovered)
        self.set_live_elsewhere(store.live_elsewhere)
        theme = store.settings().get("theme")
        if theme in THEMES:
            self.theme = theme
        self.store_version += 1
        self.set_interval(self.store_poll_s, self._poll_store)
        # history (issue 6): the morning after training, ask for next-morning pain
        from glute_tui.ui.screens.next_morning import maybe_ask

        maybe_ask(self)
        if not store.settings().get("disclaimer_seen"):
            from glute_tui.ui.screens.disclaimer import DisclaimerScreen

            self.push_screen(DisclaimerScreen(), self._disclaimer_closed)

    def _disclaimer_closed(self, _: object = None) -> None:
        self.write(lambda s: s.set_setting("disclaimer_seen", True))

    def fail(self, message: str) -> None:
        """A fatal store problem: leave the UI and print one line (see cli.py)."""
        self.fatal_error = message
        self.exit(return_code=2)

    # ---- writes (one writer thread, in order) ------------------------------------------
    def write(
        self,
        change: Callable[[HistoryStore], Any],
        on_done: Callable[[Any], object] | None = None,
        on_error: Callable[[str], None] | None = None,
        *,
        quiet: bool = False,
    ) -> asyncio.Future[Any]:
        """Run `change(store)` off the event loop; report back on the event loop.

        `quiet`: the change leaves the history as it was (a journal append), so
        `store_version` is not bumped and no screen redraws for it.

        Writes run one at a time, in the order they were asked for, on a single writer
        thread: two quick edits can never land in the wrong order. Pending writes are
        finished before the app exits.
        """
        future = asyncio.get_running_loop().run_in_executor(self._writer, self._apply, change)
        self._pending_writes.add(future)
        future.add_done_callback(lambda f: self._write_finished(f, on_done, on_error, quiet))
        return future

    def _apply(self, change: Callable[[HistoryStore], Any]) -> Any:
        if self.store is None:
            raise StoreError("the history is still loading; try again in a moment")
        return change(self.store)

    def _write_finished(
        self,
        future: asyncio.Future[Any],
        on_done: Callable[[Any], object] | None,
        on_error: Callable[[str], None] | None,
        quiet: bool = False,
    ) -> None:
        self._pending_writes.discard(future)
        if future.cancelled():
            return
        exc = future.exception()
        try:
            if exc is None:
                if not quiet:
                    self.store_version += 1
                if on_done is not None:
                    on_done(future.result())
                return
            if not isinstance(exc, (StoreError, OSError, ValueError)):
                raise exc
            if on_error is not None:
                on_error(str(exc))
            else:
                self.notify(f"Could not save: {exc}", severity="error", timeout=10)
        except Exception as bug:  # handed on to Textual, not swallowed
            # This runs in an asyncio done-callback, outside Textual's message loop, where
            # an exception would only reach asyncio's log. A bug (in the change or in a
            # callback) is raised again from a Textual callback instead, so it ends the app
            # with its traceback exactly as any other unhandled error does.
            self.call_later(_raise, bug)

    async def wait_for_writes(self) -> None:
        """Wait until every write asked for so far has finished (tests, shutdown)."""
        while self._pending_writes:
            await asyncio.gather(*list(self._pending_writes), return_exceptions=True)

    def on_unmount(self) -> None:
        # Finish what the user asked to save before the process goes away.
        self._writer.shutdown(wait=True)

    # ---- cues --------------------------------------------------------------------------
    def cues_for(self, exercise_id: str) -> tuple[str, ...]:
        """The user's cues for an exercise, else the shipped ones."""
        if self.store is not None:
            custom = self.store.cue_overrides().get(exercise_id)
            if custom:
                return tuple(custom)
        return self.library[exercise_id].cues if exercise_id in self.library else ()

    # ---- navigation --------------------------------------------------------------------
    def ask_before_leaving(self, then: Callable[[], None]) -> bool:
        """A running live session asks its stop questions first and then calls `then`
        (True); False when nothing is running, so the caller leaves at once."""
        for screen in reversed(self.screen_stack):
            confirm = getattr(screen, "confirm_leave", None)
            if confirm is not None and confirm(then):
                return True
        return False

    async def action_quit(self) -> None:
        if not self.ask_before_leaving(self.exit):
            self.exit()

    def open_screen(self, name: str) -> None:
        info = registry.by_name(name)
        if info is None:
            self.notify(f"There is no {name} screen yet.", severity="warning")
            return
        if self.ask_before_leaving(lambda: self.open_screen(name)):
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(info.make())

    def action_open(self, name: str) -> None:
        self.open_screen(name)

    def action_home(self) -> None:
        if self.ask_before_leaving(self.action_home):
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "help_in_box":  # offered only where ? would be typed as a character
            focused = self.focused
            return focused is not None and focused.check_consume_key("question_mark", "?")
        return super().check_action(action, parameters)

    def action_help_in_box(self) -> None:
        self.action_help()

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
    def on_resize(self, event: events.Resize) -> None:
        # Textual calls this public handler before its own (which records the new size and
        # passes the event on to the screens), so check once this event has been handled.
        self.call_later(self.check_size)

    def check_size(self) -> None:
        small = self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT
        if small and not self._too_small:
            self._too_small = True
            self.push_screen(TooSmallScreen())
        elif not small and self._too_small:
            self._too_small = False
            if isinstance(self.screen, TooSmallScreen):
                self.pop_screen()
