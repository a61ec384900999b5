"""The live-session screen's end: the session as saved, the summary form and leaving
(mixed into LiveSessionScreen in live.py; the keys are live_keys.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches

from glute_tui.core.circuit import fmt_minutes
from glute_tui.core.routines.base import pain_stop_words
from glute_tui.ui.screens.live_host import LiveHost
from glute_tui.ui.widgets.session_dialogs import ConfirmDialog
from glute_tui.ui.widgets.session_views import SummaryForm

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore


class LiveEnd(LiveHost):
    """Mixin: the session record, the summary and what leaving keeps."""

    # ---- the end ------------------------------------------------------------------------------
    def session_dict(self) -> dict[str, Any]:
        runner = self.runner
        started = self.started_at
        assert runner is not None and started is not None
        end = runner.records[-1].end_s if runner.records else runner.now()
        header: dict[str, Any] = self.session_header()
        header.update(
            ended_at=(started + timedelta(seconds=end)).isoformat(timespec="seconds"),
            status=runner.status or "stopped",
            stop_reason=runner.stop_reason,
            active_s=round(sum(r.active_s for r in runner.records), 3),
            phases=[r.to_dict() for r in runner.records],
        )
        return header

    def _stop_timers(self) -> None:
        for name in ("_safety", "_wake"):
            timer = getattr(self, name)
            if timer is not None:
                timer.stop()
                setattr(self, name, None)

    def _saved(self) -> None:
        if self.saved is None:
            return
        # the screen may have been left while the save ran: then there is nothing to refresh
        with contextlib.suppress(NoMatches):
            self.query_one(SummaryForm).show(self.summary_text(self.saved))

    def summary_text(self, session: dict[str, Any]) -> str:
        status = {
            "completed": "[b]Session complete.[/b] Well done.",
            "stopped": "[b]Session stopped.[/b] What you did is saved.",
        }.get(session["status"], "")
        lines = [status, ""]
        words = pain_stop_words(session.get("pain_during") or 0)
        if words is not None:
            lines += [f"[b]{words}[/b]", ""]
        lines += self.routine.summary(session, self.ctx())
        if session.get("pain_override"):
            lines.append("You chose to train despite pain; that choice is in your log.")
        lines.append(f"Time: {fmt_minutes(session['active_s'])} of work and rest")
        return "\n".join(lines)

    def on_summary_form_save_requested(self, _: SummaryForm.SaveRequested) -> None:
        self.save_summary()

    def save_summary(self, leave: bool = False) -> None:
        saved = self.saved
        if saved is None:
            if leave:
                self.glute().pop_screen()
            return
        form = self.query_one(SummaryForm)
        try:
            pain_after, effort, note = form.answers()
        except ValueError as exc:
            form.error(str(exc))
            if leave:  # the session itself is saved; the answers are not: ask first
                self.ask_to_drop_answers(str(exc), self._leave)
            return
        form.error("")
        fields = {"pain_after": pain_after, "effort": effort, "note": note}
        changed = any(saved.get(key) != value for key, value in fields.items())
        if changed or not self.summary_saved:
            saved.update(fields)
            sid = self.session_id
            self.summary_saved = True
            self.glute().write(lambda s: s.update_session(sid, **fields))  # after the session
            form.saved()
        if leave:
            self.glute().pop_screen()

    def _leave(self) -> None:
        self.glute().pop_screen()

    def ask_to_drop_answers(self, why: str, then: Callable[[], None]) -> None:
        """An answer that cannot be saved: `then` (leave) only if the user says so."""

        def answer(drop: bool | None) -> None:
            if drop:
                then()

        self.glute().push_screen(
            ConfirmDialog(
                f"[b]Your answers are not saved yet.[/b]\n{why}\n\n"
                "Leave without saving pain, effort and note? The session itself is saved.",
                yes="Leave without them",
                no="Stay and fix it",
            ),
            answer,
        )

    def on_unmount(self) -> None:
        """Leaving mid-session without the questions (the app closing): stop the session
        and save what was done, the phase under way too. If the writer has already shut
        down, the journal on disk is recovered on the next start."""
        if self.audio is not None:
            self.audio.close()  # nothing keeps playing once the screen is gone
        runner = self.runner
        if self.mode == "live" and runner is not None:
            runner.stop("quit", keep_current=True)
            self.mode = "summary"
            session = self.session_dict()

            def save(store: HistoryStore) -> None:
                store.add_session(session)
                store.journal.clear()

            with contextlib.suppress(RuntimeError):
                self.glute().write(save)
        self._stop_timers()
