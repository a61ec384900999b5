"""Following the data file while the app runs (mixed into GluteApp, app.py): another
window's writes, a live session another window owns, and the journal a crash there left.

Every check runs on the app's one writer thread, in turn with our own writes; what it
found is told on the event loop (home's notices, `store_version` for every screen).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from glute_tui.core.words import routine_title, routine_word
from glute_tui.store.errors import StoreError

if TYPE_CHECKING:
    from textual.app import App
    from textual.reactive import reactive

    from glute_tui.core.model import Recovered
    from glute_tui.store.history import HistoryStore

    _Base = App[None]
else:
    _Base = object


class StoreFollow(_Base):
    """Mixin of GluteApp: the poll for another process's changes, and what it tells."""

    if TYPE_CHECKING:  # GluteApp's (app.py)
        store: HistoryStore | None
        notices: list[str]
        recovered: Recovered | None
        live_elsewhere: bool
        store_version: reactive[int]
        _writer: ThreadPoolExecutor
        _polling: bool

    def _cut_short(self, recovered: Recovered) -> None:
        self.recovered = recovered
        s = recovered.session
        self.notices.append(
            f"Your {routine_word(s.routine)} session from {s.started_at[11:16]} was "
            f"cut short. Its {len(s.phases)} completed phases are saved in your history."
            + (
                f" Open the {routine_title(s.routine)} screen to pick it up from the next rep."
                if recovered.resume.get("routine") == s.routine
                else ""
            )
        )

    def set_live_elsewhere(self, live: bool) -> bool:
        """Say (or stop saying) that another window runs a live session on this file;
        True when that changed."""
        from glute_tui.ui.words import LIVE_ELSEWHERE

        if live == self.live_elsewhere:
            return False
        self.live_elsewhere = live
        self.notices = [n for n in self.notices if n != LIVE_ELSEWHERE]
        if live:
            self.notices.insert(0, LIVE_ELSEWHERE)
        return True

    def _poll_store(self) -> None:
        """Pick up what another glute-tui (or `glute-tui import`) wrote to the same file,
        so every screen shows the file as it is, not as it was at start-up. The check is
        one stat() while nothing changed; it runs on the writer thread, in turn with our
        own writes, never on the event loop."""
        store = self.store
        if store is None or self._polling:
            return
        self._polling = True

        def check() -> tuple[bool, bool, Recovered | None]:
            # issue 10: a session in another window, or its journal left by a crash there
            live, recovered = store.live_session_elsewhere(), None
            if not live and not store.journal.active and store.journal.path.exists():
                try:
                    recovered = store.recover_journal()
                except (StoreError, OSError, ValueError):
                    recovered = None
                live = store.live_elsewhere
            if not store.exists:  # nothing written yet: no file to follow
                return False, live, recovered
            try:
                changed = store.refresh()
            except (StoreError, OSError, ValueError, UnicodeDecodeError):
                changed = False  # unreadable now: the next write says so in plain words
            return changed or recovered is not None, live, recovered

        try:
            future = asyncio.get_running_loop().run_in_executor(self._writer, check)
        except RuntimeError:  # shutting down: the writer takes no more work
            self._polling = False
            return
        future.add_done_callback(self._polled)

    def _polled(self, future: asyncio.Future[tuple[bool, bool, Recovered | None]]) -> None:
        self._polling = False
        if future.cancelled() or future.exception() is not None:
            return
        changed, live, recovered = future.result()
        if recovered is not None:
            self._cut_short(recovered)
        if self.set_live_elsewhere(live) or changed:
            self.store_version += 1
