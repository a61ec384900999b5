"""What the live screen's mixins (live_keys, live_resume, live_save, live_start) may use of
the screen they are mixed into (LiveSessionScreen in live.py).

At run time `LiveHost` is a plain class with one method, `glute()`. For the type checker it
is a `Screen` that declares the screen's state and the methods one mixin calls on another,
so mypy checks every `self.query_one`, `self.runner` or `self.say` in a mixin instead of
being told to look away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from glute_tui.ui.access import glute_app

if TYPE_CHECKING:
    from datetime import datetime

    from textual.screen import Screen

    from glute_tui.audio.signals import Signals as Audio
    from glute_tui.core.model import Recovered
    from glute_tui.core.routines.base import Context, Routine
    from glute_tui.core.runner import Event, Runner
    from glute_tui.ui.app import GluteApp
    from glute_tui.ui.signals import Signals

    _Base = Screen[None]
else:
    _Base = object


class LiveHost(_Base):
    """Base of the live screen's mixins; see the module's docstring."""

    if TYPE_CHECKING:
        routine: Routine
        runner: Runner | None
        mode: str  # setup | live | summary
        audio: Audio | None
        signals: Signals
        session_id: str
        started_at: datetime | None
        pain_before: int | None
        pain_during: int | None
        pain_override: bool
        resume_of: str | None
        saved: dict[str, Any] | None
        summary_saved: bool
        index_base: int
        can_start: bool
        reps_typed: int | None
        load_typed: float | None
        _said_elsewhere: bool

        # the screen's own (live.py)
        @property
        def muted(self) -> bool: ...
        def ctx(self) -> Context: ...
        def handle(self, evs: list[Event]) -> None: ...
        def say(self, text: str) -> None: ...
        def redraw(self) -> None: ...
        def try_start(self, resume: dict[str, Any] | None = None) -> None: ...
        def _red_flag(self) -> str | None: ...
        def _start_pending(self) -> None: ...
        def _store_changed(self, _: int = 0) -> None: ...

        # one mixin's, called from another
        def _recovered(self) -> Recovered | None: ...
        def _forget_recovered(self) -> None: ...
        def session_header(self) -> dict[str, Any]: ...
        def session_dict(self) -> dict[str, Any]: ...
        def journal_write(self, change: Callable[[Any], Any]) -> None: ...
        def leave_when_saved(self, then: Callable[[], None]) -> None: ...
        def confirm_leave(self, then: Callable[[], None]) -> bool: ...
        def stop_session(self, reason: str, then: Callable[[], None] | None = None) -> None: ...
        def summary_text(self, session: dict[str, Any]) -> str: ...
        def save_summary(self, leave: bool = False) -> None: ...
        def ask_to_drop_answers(self, why: str, then: Callable[[], None]) -> None: ...
        def action_back(self) -> None: ...
        def _saved(self) -> None: ...
        def _stop_timers(self) -> None: ...
        def _go_on(self, was_running: bool) -> None: ...

    def glute(self) -> GluteApp:
        """glute_app(self): the running GluteApp, typed."""
        return glute_app(self)
