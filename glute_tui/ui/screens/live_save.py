"""The live-session screen's writes when the disk says no (issue 10; mixed into
LiveSessionScreen in live.py, ahead of LiveKeys).

Every journal write and the final save report back here. A write error (a full disk, a
read-only folder) keeps the session in memory and says so ON SCREEN in one line that stays
until a write works again: the next phase writes the whole journal again, ctrl+s tries at
once. Leaving with a session that is not on disk offers to save it to another file (an
export `glute-tui import` reads back); nothing is ever dropped quietly. A journal owned by
another window refuses the start and the screen goes back to its check.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.widgets import ContentSwitcher, Static

from glute_tui.store.errors import StoreError
from glute_tui.store.journal import JournalBusyError
from glute_tui.ui.dialogs.save_elsewhere import DISCARD, SaveElsewhereDialog
from glute_tui.ui.screens.live_host import LiveHost
from glute_tui.ui.widgets.session_views import SummaryForm

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore

WHY = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "the data folder refuses writes (permission denied)",
    errno.EPERM: "the data folder refuses writes (permission denied)",
    errno.EIO: "the disk reported an input/output error",
}


def why_words(exc: BaseException) -> str:
    """Why a write failed, in a few plain words."""
    code = getattr(exc, "errno", None)
    if code in WHY:
        return WHY[code]
    cause = exc.__cause__ if isinstance(exc.__cause__, OSError) else None
    if cause is not None and cause.strerror:
        return cause.strerror.lower()
    return str(exc).rstrip(".")


class LiveSave(LiveHost):
    """Mixin: the journal writes, the final save, and what happens when they fail."""

    #: why the session is not on disk yet (None: everything done so far is saved)
    unsaved_why: str | None = None
    #: the final save failed: the whole session lives only in this screen
    save_failed = False
    _final_pending = False
    _leave_after: Callable[[], None] | None = None
    _answers_pending: dict[str, Any] | None = None
    _let_go = False  # saved elsewhere, or the user chose to leave it: leaving is free

    # ---- the journal ----------------------------------------------------------------------
    def journal_write(self, change: Callable[[Any], Any]) -> None:
        """A journal write through the app's ordered writer; its failure is said on screen."""

        def run(store: HistoryStore) -> BaseException | None:
            try:
                change(store)
            except StoreError as exc:  # JournalBusyError, JournalWriteError, no lock file
                return exc
            return None

        # the app closing refuses new writes: the journal on disk is recovered later
        with contextlib.suppress(RuntimeError):
            self.glute().write(run, on_done=self._journal_done, quiet=True)

    def _journal_done(self, result: BaseException | None) -> None:
        if not self.is_mounted:  # left while it was written
            return
        if isinstance(result, JournalBusyError):
            self._refused_elsewhere()
        elif result is not None:
            self._not_saved(why_words(result))
        elif self.unsaved_why is not None and not self.save_failed:
            self._not_saved(None)  # the disk took it: every phase so far is on disk

    def _refused_elsewhere(self) -> None:
        """Another window's session owns the journal: this start is refused."""
        if self.mode != "live":
            return
        self._stop_timers()
        self.runner = None
        self.mode = "setup"
        self.query_one("#switcher", ContentSwitcher).current = "setup"
        self.glute().set_live_elsewhere(True)
        self._store_changed()

    def _not_saved(self, why: str | None, *, final: bool = False) -> None:
        """Show (why) or take away (None) the line saying the session is not on disk."""
        self.unsaved_why = why
        self.save_failed = final and why is not None
        found = self.query("#unsaved")
        if not found:  # the app exits and takes the screen down, children first
            return
        line = found.only_one(Static)
        if why is None:
            line.display = False
        elif final:
            line.update(
                f"[b]Not saved yet: {why}.[/b] The session is kept here in memory. "
                "ctrl+s tries again; leaving offers to save it to another file."
            )
            line.display = True
        else:
            line.update(
                f"[b]Not saved yet: {why}.[/b] Every phase is kept here in memory; the "
                "next phase tries again, ctrl+s tries now."
            )
            line.display = True
        self.refresh_bindings()

    def action_retry_save(self) -> None:
        if self.save_failed:
            self._final_save()
        elif self.unsaved_why is not None and self.mode == "live":
            self.journal_write(lambda s: s.journal.retry())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry_save":
            return self.unsaved_why is not None and not self._final_pending
        return super().check_action(action, parameters)

    # ---- the end: the final save ----------------------------------------------------------
    def session_ended(self) -> None:
        if self.mode != "live":
            return
        self.mode = "summary"
        self._stop_timers()
        session = self.session_dict()
        self.saved = session
        self._final_save()
        self.signals.session_ended(session["status"])
        self.refresh_bindings()
        self.query_one("#switcher", ContentSwitcher).current = "summary"
        self.query_one(SummaryForm).show(self.summary_text(session))

    def _final_save(self) -> None:
        assert self.saved is not None
        session = dict(self.saved)

        def save(store: HistoryStore) -> BaseException | None:
            try:
                store.add_session(session)
                if store.journal.active or store.journal.owned:  # never another window's
                    store.journal.clear()
            except (StoreError, OSError) as exc:
                return exc
            return None

        self._final_pending = True
        self.refresh_bindings()
        self.glute().write(save, on_done=self._final_done)

    def _final_done(self, result: BaseException | None) -> None:
        self._final_pending = False
        if not self.is_mounted:
            return
        if result is not None:
            self._not_saved(why_words(result), final=True)
            self._saved()  # the summary says it, too
            then, self._leave_after = self._leave_after, None
            if then is not None:
                self.offer_rescue(then)
            return
        self._not_saved(None)
        answers, self._answers_pending = self._answers_pending, None
        if answers is not None:
            sid = self.session_id
            self.glute().write(lambda s: s.update_session(sid, **answers))
        self._saved()
        then, self._leave_after = self._leave_after, None
        if then is not None:
            then()

    def summary_text(self, session: dict[str, Any]) -> str:
        text: str = super().summary_text(session)
        if not self.save_failed:
            return text
        lines = text.split("\n")
        lines[0] = "[b]Session ended, but it is not saved yet[/b] (see the line above)."
        return "\n".join(lines)

    def save_summary(self, leave: bool = False) -> None:
        if not (self._final_pending or self.save_failed):
            super().save_summary(leave)
            return
        # the session is not on disk yet: the answers stay with it in memory
        form = self.query_one(SummaryForm)
        if self.saved is not None and not self.summary_saved:
            try:
                pain_after, effort, note = form.answers()
            except ValueError as exc:
                form.error(str(exc))
                if leave:  # ask before the answers are dropped
                    self.ask_to_drop_answers(str(exc), lambda: self.leave_when_saved(self._pop))
                return
            else:
                form.error("")
                fields = {"pain_after": pain_after, "effort": effort, "note": note}
                self.saved.update(fields)
                self.summary_saved = True
                if self._final_pending:
                    self._answers_pending = fields
                form.query_one("#summary-hint", Static).update(
                    "Kept with the session in memory: they are saved with it."
                )
        if leave:
            self.leave_when_saved(self._pop)

    # ---- leaving ------------------------------------------------------------------------------
    def _pop(self) -> None:
        self.app.pop_screen()

    def leave_when_saved(self, then: Callable[[], None]) -> None:
        """Run `then` once the session is on disk; offer to save it elsewhere if it
        cannot be."""
        if self._final_pending:
            self._leave_after = then
        elif self.save_failed and not self._let_go:
            self.offer_rescue(then)
        else:
            then()

    def confirm_leave(self, then: Callable[[], None]) -> bool:
        if self.mode == "live":
            return super().confirm_leave(lambda: self.leave_when_saved(then))
        if self._let_go or not (self._final_pending or self.save_failed):
            return False
        if not isinstance(self.app.screen, SaveElsewhereDialog):
            self.leave_when_saved(then)
        return True

    def action_back(self) -> None:
        if self.mode == "summary" and (self._final_pending or self.save_failed):
            self.save_summary(leave=True)
            return
        super().action_back()

    def offer_rescue(self, then: Callable[[], None]) -> None:
        session = self.saved
        if session is None:
            then()
            return

        def answer(result: str | None) -> None:
            if result is None:
                return  # stay here: the session is still in memory
            self._let_go = True
            if result != DISCARD:
                self._not_saved(None)
                # the file saved elsewhere holds it all: a journal left on the full disk
                # would come back as a shorter copy with the same id, and `import` would
                # then skip the whole one (unlinking works on a full disk)
                self.glute().write(_drop_journal, quiet=True)
                self.notify(
                    f"Session saved to {result}. Bring it back with: glute-tui import {result}",
                    timeout=12,
                )
            then()

        self.app.push_screen(SaveElsewhereDialog(dict(session), self.unsaved_why or ""), answer)


def _drop_journal(store: HistoryStore) -> None:
    if store.journal.active or store.journal.owned:
        store.journal.clear()
