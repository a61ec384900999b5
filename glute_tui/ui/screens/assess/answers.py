"""The self-assessment's answer handling: questions, checklists and timed tests."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.widgets import Input, OptionList, SelectionList, Static

from glute_tui.core.assessment import (
    Question,
    TestSpec,
    fault_points,
    grade_step_down,
    parse_seconds,
)
from glute_tui.ui.screens.assess.pages import AssessPages
from glute_tui.ui.screens.assess.parts import SIDES, PickMany, SecondsInput, checklist_value
from glute_tui.ui.screens.safety import FlagConfirm
from glute_tui.ui.widgets.stopwatch import Stopwatch


class AssessAnswers(AssessPages):
    """What the keys and lists answer; navigation and saving are in AssessScreen."""

    # ---- answering ----------------------------------------------------------------------------
    async def _answer(self, q: Question, value: Any) -> None:
        if self.step.kind == "red":
            if value == "yes":
                # Asked once more before it stops everything; a slip leaves it unanswered.
                self.app.push_screen(FlagConfirm(q.id), self._flag_confirmed)
                return
            self.red[q.id] = value
        else:
            self.answers[q.id] = value
        await self.go(self.index + 1)

    async def _flag_confirmed(self, yes: bool | None) -> None:
        q = self.step.question
        if not yes or q is None or self.step.kind != "red":
            return
        self.red[q.id] = "yes"
        self._stop_for_red_flag()
        await self.show_step()

    @on(OptionList.OptionSelected, "#assess-options")
    async def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        q = self.step.question
        if q is not None and event.option.id is not None:
            await self._answer(q, event.option.id)

    @on(PickMany.Done)
    async def _many_done(self, event: PickMany.Done) -> None:
        event.stop()
        q = self.step.question
        if q is not None and event.selection_list.id == "assess-many":
            await self._answer(q, list(event.selection_list.selected))
        elif self.step.kind in ("faults", "yesno"):
            await self.action_next()

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        spec = self.step.test
        list_id = event.selection_list.id or ""
        if (
            spec is None
            or not list_id.startswith("pick-")
            or not self.query(f"#score-{list_id[5:]}")
        ):
            return
        side = list_id.removeprefix("pick-")
        value, _ = checklist_value(spec, list(event.selection_list.selected))
        self.query_one(f"#score-{side}", Static).update(self._score_text(spec, value))
        self._message("")

    @staticmethod
    def _score_text(spec: TestSpec, value: Any) -> str:
        if value is None:
            return "not answered yet"
        if spec.kind == "yesno":
            return "positive: the pelvis dropped" if value is True else "pelvis level"
        points = fault_points(spec, value if isinstance(value, list) else []) or 0
        unit = "point" if spec.id == "step_down" else "fault"
        text = f"{points} {unit}{'' if points == 1 else 's'}"
        if spec.id == "step_down":
            text += f" ({grade_step_down(points)})"
        return text

    # ---- timed tests ----------------------------------------------------------------------------
    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        spec = self.step.test
        box = event.input
        if spec is None or not isinstance(box, SecondsInput) or box.test_id != spec.id:
            return
        if not self.query(f"#err-{(box.id or '').removeprefix('in-')}"):
            return
        side = (event.input.id or "").removeprefix("in-")
        value, error = parse_seconds(event.value, spec.cap_s)
        self.typed.setdefault(spec.id, {})[side] = event.value
        self.tests.setdefault(spec.id, {})[side] = value
        self.query_one(f"#err-{side}", Static).update(error or "")
        self.query_one("#assess-msg", Static).update("")

    @on(Input.Submitted)
    async def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.action_next()

    @on(Stopwatch.Stopped)
    def _stopwatch_stopped(self, event: Stopwatch.Stopped) -> None:
        spec = self.step.test
        if spec is None or event.test_id != spec.id or not self.query(f"#in-{event.side}"):
            return
        seconds = event.seconds
        previous = self.tests.get(spec.id, {}).get(event.side)
        if spec.best_of > 1 and isinstance(previous, (int, float)):
            seconds = max(seconds, previous)  # best of the tries
        box = self.query_one(f"#in-{event.side}", Input)
        box.value = f"{seconds:g}"
        self.typed.setdefault(spec.id, {})[event.side] = box.value
        self.tests.setdefault(spec.id, {})[event.side] = seconds
        other = "right" if event.side == "left" else "left"
        if self.tests[spec.id].get(other) is None:
            self.side = other
            hint = f" Next: the [b]{other}[/b] side, press [b]space[/b] when ready."
        else:
            hint = " Enter saves both sides and moves on."
        if spec.best_of > 1:
            hint += f" (Best of {spec.best_of} tries: time again to beat it.)"
        status = self.query_one("#stopwatch", Stopwatch).query_one("#sw-status", Static)
        capped = " — reached the cap" if event.capped else ""
        status.update(f"{event.side.capitalize()} side: {event.seconds:g} s{capped}.{hint}")

    def _save_timed(self) -> bool:
        spec = self.step.test
        assert spec is not None
        watch = self.query("#stopwatch")
        if watch and watch.first(Stopwatch).running:
            self._message("Stop the stopwatch first (space).")
            return False
        data = self.tests.setdefault(spec.id, {})
        typed = self.typed.get(spec.id, {})
        for side in SIDES:
            _, error = parse_seconds(typed.get(side, ""), spec.cap_s)
            if error:
                self._message(f"The {side} side: {error}. Fix it, or press s to skip the test.")
                return False
        missing = [s for s in SIDES if data.get(s) is None]
        if missing:
            self._message(
                f"Time or type the {' and '.join(missing)} side too, or press s to skip the test."
            )
            return False
        data["skipped"] = False
        return True

    def _message(self, text: str) -> None:
        found = self.query("#assess-msg")
        if found:
            found.first(Static).update(f"[b]{text}[/b]")

    def _save_checklist(self) -> bool:
        """Keep both legs' answers; True only when both legs were answered on purpose."""
        spec = self.step.test
        assert spec is not None
        data = self.tests.setdefault(spec.id, {})
        problems = []
        for side in SIDES:
            value, why = checklist_value(
                spec, list(self.query_one(f"#pick-{side}", PickMany).selected)
            )
            data[side] = value
            if why is not None:
                problems.append(
                    f"the {side} leg is {why}"
                    if why == "not answered"
                    else f"the {side} leg: {why}"
                )
        if problems:
            clean = "'pelvis stayed level'" if spec.kind == "yesno" else "'no faults'"
            self._message(
                f"{'; '.join(problems).capitalize()}. Tick what you saw (or {clean}), "
                "or press s to skip the test."
            )
            return False
        data["skipped"] = False
        return True

    def _keep_current(self) -> None:
        """Hold on to what the current step shows (ticks in checklists) before moving."""
        if self.step.kind in ("faults", "yesno") and self.query("#pick-left"):
            spec = self.step.test
            assert spec is not None
            data = self.tests.setdefault(spec.id, {})
            for side in SIDES:
                selected = list(self.query_one(f"#pick-{side}", PickMany).selected)
                data[side], _ = checklist_value(spec, selected)
