"""Self-assessment: safety questions, quick checks, timed per-side tests, a verdict and a plan.

The screen only asks and shows. Scoring, the record and the plan come from
`glute_tui.core.assessment` and `glute_tui.core.plan`; saving goes through `app.write`, whose
single writer thread runs writes in the order they were asked for (so the last draft asked
for is the one that stays, with no lock of our own).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Static

from glute_tui.core.assessment import reassess_on, score, to_record
from glute_tui.core.plan import plan_for_verdict
from glute_tui.ui.access import glute_app
from glute_tui.ui.screens.assess.answers import AssessAnswers
from glute_tui.ui.screens.assess.parts import ASKED, DRAFT_KEY, STEPS, LeaveDialog
from glute_tui.ui.screens.safety import SafetyScreen
from glute_tui.ui.widgets.stopwatch import Stopwatch

if TYPE_CHECKING:
    from glute_tui.store.history import HistoryStore


class AssessScreen(AssessAnswers):
    HELP = (
        "The self-assessment finds which side your training should favour. It starts with "
        "safety questions: a yes is asked once more, and a confirmed yes stops it, with "
        "advice to see a clinician (c there records a clinician's clearance). Then quick "
        "checks (arrow keys and enter, or the number keys; space ticks in lists), then "
        "tests on each side. Timed tests: space starts the stopwatch after a 3-2-1 count "
        "and stops it, or tab to the boxes and type the seconds. Checklists: tick what you "
        "saw on each leg, or 'no faults'; an untouched leg is not an answer. Any test can "
        "be skipped with s. b goes back a "
        "step; escape leaves and offers to keep a draft. The result shows each side's "
        "numbers, the LSI (weaker / stronger x 100; under 85% is a gap worth correcting) "
        "and why, and saves a plan the timers follow."
    )
    HELP_KEYS_NOW: ClassVar[bool] = True  # help lists only the keys of the step shown
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave"),
        Binding("escape", "close", "Back"),
        Binding("escape", "done", "Done"),
        Binding("enter", "start", "Start"),
        Binding("enter", "next", "Next"),
        Binding("enter", "done", "Done"),
        Binding("r", "retry", "Try saving again"),
        Binding("c", "continue_draft", "Continue draft"),
        Binding("c", "clearance", "A clinician cleared me"),
        Binding("b", "back", "Back"),
        Binding("space", "timer", "Timer"),
        Binding("x", "switch_side", "Other side", show=False),
        Binding("s", "skip", "Skip"),
        Binding("y", "yes_no('yes')", "Yes"),
        Binding("n", "yes_no('no')", "No"),
        *(Binding(str(i), f"pick({i})", "", show=False) for i in range(1, 10)),
    ]

    # ---- bindings per step --------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        kind = "stop" if self.stopped else self.step.kind
        if action == "continue_draft":
            return kind == "start" and self.draft() is not None
        if action == "clearance":
            return kind == "stop" and self.saved == "saved"
        if action == "back":
            return kind not in ("start", "verdict", "stop") and self.index > 1
        if action in ("timer", "switch_side"):
            return kind == "timed"
        if action == "skip":
            return kind in ("timed", "faults", "yesno")
        if action == "yes_no":
            return kind == "red"
        if action == "pick":
            return kind in ("red", "quick")
        if action == "retry":
            return kind in ("verdict", "stop") and self.saved not in (None, "saving", "saved")
        if action == "next":
            return kind in ("timed", "faults", "yesno")
        if action in ("start", "close"):
            return kind == "start"
        if action == "done":
            return kind in ("verdict", "stop")
        if action == "leave":
            return kind not in ("start", "verdict", "stop")
        return True

    # ---- actions ----------------------------------------------------------------------------
    async def go(self, index: int) -> None:
        self.index = max(0, min(index, len(STEPS) - 1))
        if self.step.kind == "verdict":
            self._finish()
        elif 1 <= self.index <= ASKED and self._has_answers():
            # A quiet safety net at every step: a crash or ctrl+q loses at most one step.
            app = glute_app(self)
            app.write(self._draft_change(self._draft_dict()), on_error=lambda _: None)
        await self.show_step()

    def _has_answers(self) -> bool:
        return bool(self.red or self.answers or self.tests or self.typed)

    def _draft_dict(self) -> dict[str, Any]:
        app = glute_app(self)
        return {
            "step": self.index,
            "red": dict(self.red),
            "answers": dict(self.answers),
            "tests": {k: dict(v) for k, v in self.tests.items()},
            "typed": {k: dict(v) for k, v in self.typed.items()},
            "saved_at": app.now().isoformat(timespec="seconds"),
        }

    def _draft_change(self, draft: dict[str, Any] | None) -> Callable[[Any], None]:
        """A store change setting (or clearing) the draft. The app's writer runs writes one
        at a time in the order asked, so the last draft asked for is the one that stays."""

        def change(store: HistoryStore) -> None:
            store.set_kv(DRAFT_KEY, draft)

        return change

    def action_done(self) -> None:
        self.app.pop_screen()

    def action_close(self) -> None:
        self.app.pop_screen()

    async def action_start(self) -> None:
        self.red, self.answers, self.tests, self.typed = {}, {}, {}, {}
        await self.go(1)

    async def action_next(self) -> None:
        kind = "stop" if self.stopped else self.step.kind
        if kind == "timed":
            if self._save_timed():
                await self.go(self.index + 1)
            return
        if kind in ("faults", "yesno") and self._save_checklist():
            await self.go(self.index + 1)

    def action_clearance(self) -> None:
        """The red flag is saved: a clinician's clearance is given on the safety screen."""
        if self.stopped and self.saved == "saved":
            self.app.push_screen(SafetyScreen(), self._cleared)

    def _cleared(self, ok: bool | None) -> None:
        if ok:
            self.notify("Clearance saved with today's date. Take the assessment for a plan.")
            self.app.pop_screen()

    async def action_continue_draft(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        try:
            red = {str(k): v for k, v in dict(draft.get("red") or {}).items()}
            answers = {str(k): v for k, v in dict(draft.get("answers") or {}).items()}
            tests = {str(k): dict(v) for k, v in dict(draft.get("tests") or {}).items()}
            typed = {
                str(k): {s: str(t) for s, t in dict(v).items()}
                for k, v in dict(draft.get("typed") or {}).items()
            }
        except (TypeError, ValueError):
            self.notify(
                "That draft could not be read, so the assessment starts afresh.",
                severity="warning",
            )
            await self.action_start()
            return
        self.red, self.answers, self.tests, self.typed = red, answers, tests, typed
        await self.go(min(max(1, int(draft["step"])), ASKED))

    async def action_back(self) -> None:
        if self.index > 1 and not self.stopped:
            self._keep_current()
            await self.go(self.index - 1)

    async def action_skip(self) -> None:
        spec = self.step.test
        if spec is None:
            return
        self._keep_current()
        self.tests.setdefault(spec.id, {})["skipped"] = True
        await self.go(self.index + 1)

    def action_timer(self) -> None:
        sw = self.query("#stopwatch")
        if not sw:
            return
        watch = sw.first(Stopwatch)
        if watch.running:
            watch.stop()
        else:
            watch.focus()
            watch.start(self.side)

    def action_switch_side(self) -> None:
        watch = self.query("#stopwatch")
        if watch and watch.first(Stopwatch).running:
            return
        self.side = "right" if self.side == "left" else "left"
        if watch:
            watch.first(Stopwatch).query_one("#sw-status", Static).update(
                f"Next: the [b]{self.side}[/b] side. Press [b]space[/b] to start timing, "
                "[b]x[/b] for the other side."
            )

    async def action_yes_no(self, answer: str) -> None:
        q = self.step.question
        if q is not None and self.step.kind == "red":
            await self._answer(q, answer)

    async def action_pick(self, number: int) -> None:
        q = self.step.question
        if q is None or q.kind != "one" or not 1 <= number <= len(q.options):
            return
        await self._answer(q, q.options[number - 1][0])

    def action_leave(self) -> None:
        kind = "stop" if self.stopped else self.step.kind
        if kind in ("start", "verdict", "stop"):
            self.app.pop_screen()
            return
        self._keep_current()
        if not self._has_answers():
            self.app.pop_screen()
            return
        self.app.push_screen(LeaveDialog(), self._left)

    def action_retry(self) -> None:
        if self.record is not None:
            self._save()

    # ---- finishing ----------------------------------------------------------------------------
    def _stop_for_red_flag(self) -> None:
        self.stopped = True
        self.result = score(self.red, self.answers, {})
        self.plan = None
        self._make_record()
        self._save()

    def _finish(self) -> None:
        if self.record is not None:
            return  # already saved this run
        self.result = score(self.red, self.answers, self.tests)
        self._make_record()
        self._save()

    def _make_record(self) -> None:
        app = glute_app(self)
        result = self.result
        assert result is not None
        taken_at = app.now().isoformat(timespec="seconds")
        aid = str(uuid.uuid4())
        self.record = to_record(
            result, assessment_id=aid, taken_at=taken_at, red_flags=self.red, answers=self.answers
        )
        due = reassess_on(taken_at, app.protocols.reassess_days).isoformat()
        self.plan = plan_for_verdict(
            result.verdict,
            result.weaker,
            assessment_id=aid,
            created_at=taken_at,
            tight=result.tight,
            reassess_on=due,
        )

    def _save(self) -> None:
        record, plan = self.record, self.plan
        assert record is not None
        self.saved = "saving"

        clear_draft = self._draft_change(None)

        def change(store: HistoryStore) -> None:
            store.add_assessment(record, plan)
            clear_draft(store)

        app = glute_app(self)
        app.write(change, on_done=self._saved_ok, on_error=self._save_failed)

    def _saved_ok(self, _: object = None) -> None:
        self.saved = "saved"
        self._show_saved()

    def _save_failed(self, message: str) -> None:
        self.saved = message
        self._show_saved()

    def _show_saved(self) -> None:
        found = self.query("#verdict-saved")
        if found:
            found.first(Static).update(self._saved_text())
        self.refresh_bindings()

    def _left(self, choice: str | None) -> None:
        if choice == "stay" or choice is None:
            return
        app = glute_app(self)
        draft = self._draft_dict() if choice == "keep" else None
        app.write(self._draft_change(draft))
        self.app.pop_screen()
