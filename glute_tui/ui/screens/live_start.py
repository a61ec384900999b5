"""The live-session screen's setup view and its checks before a session starts (mixed into
LiveSessionScreen in live.py).

The setup view shows what the routine offers today (or why nothing can start: a red flag,
a live session in another window, the cap used up) and redraws when the store changes.

Then, on Enter, the checks in order, each one a screen or dialog the user answers, never a
silent pass:

1. never screened: the one-minute safety screen (a red flag found there stops it here);
2. an injury pause covering today: is it over? (it ends if so; else no session);
3. an unhealed injury ticked: a stop unless a professional has cleared it (logged);
4. the pain check (core.safety.session_check): pain of 6 or more now, or a bad morning after
   the last session, shows what it says and asks to confirm (logged as `pain_override`).

The rules and words live in core.safety; this only asks them in order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from textual.widgets import Input

from glute_tui.core import safety
from glute_tui.core.pauses import pause_today
from glute_tui.core.plan import red_flag_stop
from glute_tui.core.routines.base import Refusal
from glute_tui.core.sound import SoundSettings
from glute_tui.ui.screens.live_host import LiveHost
from glute_tui.ui.screens.safety import SafetyScreen
from glute_tui.ui.screens.safety_dialogs import InjuryStop, PauseOver
from glute_tui.ui.widgets.session_dialogs import ConfirmDialog
from glute_tui.ui.widgets.session_views import SetupForm, SummaryForm
from glute_tui.ui.words import LIVE_ELSEWHERE

SCREEN_FIRST = (
    "Before your first session: Enter opens a one-minute safety check (yes/no questions), "
    "then the timer."
)
SCREEN_LEFT = "The safety questions come first: nobody trains unscreened. Enter opens them again."
PAUSE_STANDS = "Your injury pause stands: today is a rest day. Your plan will be here."
INJURY_REST = "Rest today and see a professional; your plan will be here."


def mornings(rows: Sequence[Mapping[str, Any]], today: date) -> tuple[int | None, int | None]:
    """(this morning's pain after yesterday's training, the usual morning before it).

    The answer is saved on a session the day after it (next_morning.py asks about
    yesterday). The usual is the median of the earlier answered mornings, None when there
    are none (no 0 baseline is invented)."""
    by_day: dict[str, int] = {}
    for row in rows:  # oldest first
        value = row.get("pain_next_morning")
        if isinstance(value, int) and not isinstance(value, bool):
            by_day[str(row.get("day", ""))] = value
    yesterday = (today - timedelta(days=1)).isoformat()
    last = by_day.pop(yesterday, None)
    if last is None:
        return None, None
    earlier = [by_day[d] for d in sorted(by_day) if d < yesterday]
    return last, safety.usual_morning(earlier)


def injury_cleared_today(assessments: Sequence[Mapping[str, Any]], today: date) -> bool:
    """A professional's clearance of the injury, logged today (so a second session today
    does not log it again)."""
    for record in assessments:
        clearance = record.get("clearance")
        if not isinstance(clearance, Mapping) or clearance.get("covers") != ["injury"]:
            continue
        if str(clearance.get("on", "")) == today.isoformat():
            return True
    return False


class LiveStart(LiveHost):
    """Mixin: the checks between Enter on the setup form and a running timer."""

    _injury = False
    _passed: frozenset[str] = frozenset()

    # ---- the setup view: what it offers ----------------------------------------------------
    def _red_flag(self) -> str | None:
        store = self.glute().store
        return red_flag_stop(store.assessments()) if store is not None else None

    def _store_changed(self, _: int = 0) -> None:
        store = self.glute().store
        if self.audio is not None and store is not None:  # mute, voice, volume as saved
            self.audio.settings = SoundSettings.from_settings(store.settings())
        if self.mode != "setup":
            return
        form = self.query_one(SetupForm)
        if store is None:
            form.show("Loading your plan…", None, None, "")
            return
        stop = self._red_flag()
        if stop is not None:  # no plan, no "Enter starts", no Start key
            self.can_start = False
            form.show("", None, stop, "Nothing to start today. Escape goes back.")
            form.check(())
        elif self.glute().live_elsewhere:  # issue 10: no resume, no start
            self.can_start = False
            hint = "Nothing to start here now. Escape goes back."
            form.show(self.routine.setup_text(self.ctx()), None, LIVE_ELSEWHERE, hint)
            self._said_elsewhere = True
        else:
            if self._said_elsewhere:  # that session ended: its words go
                self._said_elsewhere = False
                form.error("")
            ctx = self.ctx()
            got = self.routine.timeline(ctx)
            self.can_start = not isinstance(got, Refusal)
            hint = (
                "Enter starts. Tab: next box. Escape: back. F1: help."
                if self.can_start
                else "Nothing to start today. Escape goes back."
            )
            rec = self._recovered()
            offer = self.routine.resume_offer(rec.session.to_dict()) if rec else None
            if offer is not None:
                offer += " [b]ctrl+o[/b] forgets the offer."
            reason = got.reason if isinstance(got, Refusal) else None
            form.show(self.routine.setup_text(ctx), offer, reason, hint)
            form.check(self.setup_notes() if self.can_start else ())
        self.refresh_bindings()

    # ---- the checks after Enter ------------------------------------------------------------
    def _today(self) -> date:
        return self.glute().now().date()

    def pain_check(self, pain: int | None) -> safety.SessionCheck:
        last, usual = mornings(self.glute().loaded_store.rows(), self._today())
        return safety.session_check(pain, last, usual)

    def setup_notes(self) -> tuple[str, ...]:
        """What the setup form shows before anything is typed: this morning's pain, and
        that the safety check comes first for someone never screened."""
        lines = self.pain_check(0).lines  # 0: the morning lines only, no line about now
        if safety.needs_screening(self.glute().loaded_store.assessments()):
            lines = (*lines, SCREEN_FIRST)
        return lines

    def check_safety(self, injury: bool) -> None:
        """Start the checks (the pain answer is already in `pain_before`)."""
        self._injury = injury
        self._passed = frozenset()
        self._next_check()

    def _next_check(self) -> None:
        if self.mode != "setup":
            return
        app = self.glute()
        store = app.loaded_store
        today = self._today()
        passed = self._passed
        if "screen" not in passed and safety.needs_screening(store.assessments()):
            app.push_screen(SafetyScreen(), self._screened)
            return
        pause = pause_today(store.pauses(), today)
        if "pause" not in passed and pause is not None:
            app.push_screen(PauseOver(pause, today), self._pause_answer)
            return
        cleared = "injury" in passed or injury_cleared_today(store.assessments(), today)
        if self._injury and safety.injury_stop(True, cleared) is not None:
            app.push_screen(InjuryStop(), self._injury_answer)
            return
        check = self.pain_check(self.pain_before)
        if check.confirm:
            app.push_screen(
                ConfirmDialog(
                    "\n\n".join(check.lines) + "\n\nTraining through pain does not help your "
                    "glutes.\n\nStart anyway?",
                    yes="Start anyway",
                    no="Not today",
                ),
                self._pain_answer,
            )
            return
        self.pain_override = False
        self._start_pending()

    def _passed_one(self, name: str) -> None:
        self._passed = self._passed | {name}
        self._next_check()

    def _refused(self, text: str) -> None:
        self._store_changed()  # a red flag shows its stop
        if self._red_flag() is None:
            self.query_one(SetupForm).error(text)

    def _screened(self, ok: bool | None) -> None:
        if ok:
            self._passed_one("screen")
        else:
            self._refused(SCREEN_LEFT)

    def _pause_answer(self, over: bool | None) -> None:
        if over:
            self._passed_one("pause")
        else:
            self._refused(PAUSE_STANDS)

    def _injury_answer(self, cleared: bool | None) -> None:
        if cleared:
            self._passed_one("injury")
        else:
            self._refused(INJURY_REST)

    def _pain_answer(self, go_on: bool | None) -> None:
        if go_on and self.mode == "setup":
            self.pain_override = True
            self._start_pending()
        else:
            self._refused("Good call. Rest today; your plan will be here tomorrow.")

    # ---- after: pain above 5 gets a plain answer on the summary ------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "pain-after":
            return
        text = event.value.strip()
        value = int(text) if text.isdigit() and int(text) <= 10 else None
        forms = self.query(SummaryForm)
        if forms:
            forms.first().respond(safety.after_session_response(value))
