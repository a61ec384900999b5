"""The live-session screen's plan for a run: a fresh timeline from the routine, or the rest
of a cut-short one from the journal (mixed into LiveSessionScreen in live.py)."""

from __future__ import annotations

from typing import Any

from glute_tui.core.model import Recovered
from glute_tui.core.routines.base import Refusal, resume_from
from glute_tui.core.timeline import Timeline
from glute_tui.ui.screens.live_host import LiveHost


class LiveResume(LiveHost):
    """Mixin: what to run, the cut-short offer, the session header."""

    def _plan_run(
        self, resume: dict[str, Any] | None
    ) -> tuple[Timeline, Timeline, float | None] | str:
        """(timeline to run, the full one to journal, budget) or the reason it cannot run."""
        if self.glute().live_elsewhere:
            from glute_tui.ui.words import LIVE_ELSEWHERE

            return LIVE_ELSEWHERE  # issue 10: that window owns the journal
        ctx = self.ctx()
        if resume is None:
            got = self.routine.timeline(ctx)
            if isinstance(got, Refusal):
                return got.reason
            self.index_base = 0
            return got.timeline, got.timeline, got.budget_s
        try:
            full = Timeline.from_dict(resume["timeline"])
        except (KeyError, TypeError, ValueError):
            return "That session cannot be picked up again; what you did is saved."
        budget = self.routine.budget(ctx)
        if budget is not None and budget <= 0:
            return "Today's time for this is used up, so there is nothing to resume today."
        first = full.phases[0] if full.phases else None
        prepare_s = first.planned_s if first is not None and first.kind == "prepare" else 5.0
        start = int(resume.get("next_index", 0))
        picked = resume_from(full, start, self.routine.resume_kinds, prepare_s)
        if picked is None:
            self._forget_recovered()
            return "That session had nothing left to do."
        timeline, self.index_base = picked
        return timeline, full, budget

    # ---- resume a cut-short session -----------------------------------------------------
    def _recovered(self) -> Recovered | None:
        app = self.glute()
        rec = app.recovered
        if app.live_elsewhere:
            return None  # a session runs in another window: nothing here to resume
        if rec is None or rec.session.routine != self.routine.id:
            return None
        if "timeline" not in rec.resume:
            return None
        return rec

    def _forget_recovered(self) -> None:
        """The cut-short offer is spent: no offer here, no notice on home."""
        app = self.glute()
        app.recovered = None
        app.notices = [n for n in app.notices if "was cut short" not in n]

    def action_resume(self) -> None:
        rec = self._recovered()
        if self.mode == "setup" and rec is not None:
            self.try_start(resume=dict(rec.resume))  # the same pain check as a fresh start

    def action_forget(self) -> None:
        if self.mode == "setup" and self._recovered() is not None:
            self._forget_recovered()
            self.notify("The cut-short session stays in your history as it was.", timeout=3)
            self._store_changed()

    def session_header(self) -> dict[str, Any]:
        assert self.started_at is not None
        header: dict[str, Any] = {
            "id": self.session_id,
            "routine": self.routine.id,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "status": "interrupted",
            "stop_reason": "interrupted",
            "pain_before": self.pain_before,
            "pain_override": self.pain_override,
        }
        if self.pain_during is not None:
            header["pain_during"] = self.pain_during
        if self.resume_of:
            header["resumed_from"] = self.resume_of
        return header
