"""Self-assessment: safety questions, quick checks, timed per-side tests, a verdict and a plan.

The screen only asks and shows. Scoring, the record and the plan come from
`glute_tui.core.assessment` and `glute_tui.core.plan`; saving goes through `app.write`.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from glute_tui.core.assessment import (
    QUICK_CHECKS,
    RED_FLAGS,
    TESTS,
    Question,
    Result,
    TestSpec,
    fault_points,
    grade_step_down,
    parse_seconds,
    reassess_on,
    score,
    summary_line,
    to_record,
)
from glute_tui.core.plan import Plan, plan_for_verdict
from glute_tui.ui.widgets.stopwatch import Stopwatch

DRAFT_KEY = "assessment_draft"
SIDES = ("left", "right")


@dataclass(frozen=True)
class Step:
    kind: str  # start | red | quick | timed | faults | yesno | verdict
    question: Question | None = None
    test: TestSpec | None = None

    @property
    def title(self) -> str:
        if self.question is not None:
            return self.question.title
        if self.test is not None:
            return self.test.name[0].upper() + self.test.name[1:]
        return {"start": "Self-assessment", "verdict": "Your result"}.get(self.kind, "")


STEPS: tuple[Step, ...] = (
    Step("start"),
    *(Step("red", question=q) for q in RED_FLAGS),
    *(Step("quick", question=q) for q in QUICK_CHECKS),
    *(Step(t.kind, test=t) for t in TESTS),
    Step("verdict"),
)
ASKED = len(STEPS) - 2  # steps between the start page and the verdict

INTRO = (
    "About 20 minutes. First a few safety questions, then quick checks of how your glutes "
    "work, then simple tests on each side. You need a clear floor, a chair, a step about "
    "20 cm high and, if you have one, a mirror. Stop any test that hurts and skip it.\n\n"
    "The result names the side your training should favour. It is our rule of thumb, not "
    "a diagnosis."
)

STOP_TEXT = (
    "[b]Please stop the assessment here.[/b]\n\n"
    "What you told us is worth a proper check by a doctor or physiotherapist before you "
    "train. It may well be nothing serious, but exercise is not the right first step.\n\n"
    "If it came on suddenly, or you cannot control your bladder or bowel, get urgent help "
    "today.\n\n"
    "No training plan was made. When a clinician says you are fine to exercise, you can take "
    "the assessment again."
)


class PickMany(SelectionList[str]):
    """Tick any with space; enter moves on instead of ticking."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Tick"),
        Binding("enter", "done", "Next"),
    ]

    class Done(SelectionList.SelectionMessage):  # type: ignore[type-arg]
        pass

    def action_done(self) -> None:
        self.post_message(self.Done(self, self.highlighted or 0))


class SecondsInput(Input):
    """A box for typed seconds; escape hands the keys back to the stopwatch."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_box", "Leave the box"),
    ]

    def __init__(self, value: str, test_id: str, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
        self.test_id = test_id  # messages from a step already gone are ignored

    def action_leave_box(self) -> None:
        found = self.screen.query("#stopwatch")
        if found:
            found.first().focus()
        else:
            self.screen.set_focus(None)


class LeaveDialog(ModalScreen[str]):
    """Leaving mid-way: keep a draft, throw the answers away, or stay."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "choose('keep')", "Keep a draft"),
        Binding("d", "choose('discard')", "Discard"),
        Binding("escape", "choose('stay')", "Stay"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="leave-box"):
            yield Static(
                "[b]Leave the assessment?[/b]\n\n"
                "Keep your answers as a draft and carry on next time, or discard them.\n\n"
                "[b]k[/b] keep a draft    [b]d[/b] discard    [b]escape[/b] stay"
            )

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class AssessScreen(Screen[None]):
    HELP = (
        "The self-assessment finds which side your training should favour. It starts with "
        "safety questions: any yes stops it, with advice to see a clinician. Then quick "
        "checks (arrow keys and enter, or the number keys; space ticks in lists), then "
        "tests on each side. Timed tests: space starts and stops the stopwatch, or tab to "
        "the boxes and type the seconds. Any test can be skipped with s. b goes back a "
        "step; escape leaves and offers to keep a draft. The result shows each side's "
        "numbers, the LSI (weaker / stronger x 100; under 85% is a gap worth correcting) "
        "and why, and saves a plan the timers follow."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave"),
        Binding("escape", "close", "Back"),
        Binding("escape", "done", "Done"),
        Binding("enter", "start", "Start"),
        Binding("enter", "next", "Next"),
        Binding("enter", "done", "Done"),
        Binding("r", "retry", "Try saving again"),
        Binding("c", "continue_draft", "Continue draft"),
        Binding("b", "back", "Back"),
        Binding("space", "timer", "Timer"),
        Binding("x", "switch_side", "Other side", show=False),
        Binding("s", "skip", "Skip"),
        Binding("y", "yes_no('yes')", "Yes"),
        Binding("n", "yes_no('no')", "No"),
        *(Binding(str(i), f"pick({i})", "", show=False) for i in range(1, 10)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index = 0
        self.red: dict[str, str] = {}
        self.answers: dict[str, Any] = {}
        self.tests: dict[str, dict[str, Any]] = {}
        self.typed: dict[str, dict[str, str]] = {}
        self.side = "left"  # the side the stopwatch times next
        self.stopped = False  # a red flag ended the assessment
        self.result: Result | None = None
        self.saved: str | None = None  # "saving" | "saved" | error text
        self.record: dict[str, Any] | None = None
        self.plan: Plan | None = None
        # Draft writes run on worker threads; the last one asked for wins.
        self._draft_lock = threading.Lock()
        self._draft_asked = 0
        self._draft_applied = 0
        # Key actions run on the app's task, refresh callbacks on the screen's: one redraw
        # at a time, so two never interleave their remove and mount.
        self._render_lock = asyncio.Lock()

    # ---- layout -------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="assess-progress")
        yield VerticalScroll(id="assess-body")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "store_version", self._store_changed)
        self.call_after_refresh(self.show_step)

    def _store_changed(self, _: int = 0) -> None:
        if self.step.kind == "start" and not self.stopped:
            self.call_after_refresh(self._refresh_start)

    async def _refresh_start(self) -> None:
        if self.step.kind == "start" and not self.stopped:
            await self.show_step()

    @property
    def step(self) -> Step:
        return STEPS[self.index]

    @property
    def store(self) -> Any:
        return getattr(self.app, "store", None)

    def draft(self) -> dict[str, Any] | None:
        store = self.store
        raw = store.kv(DRAFT_KEY) if store is not None else None
        return raw if isinstance(raw, Mapping) and isinstance(raw.get("step"), int) else None

    async def show_step(self) -> None:
        async with self._render_lock:
            await self._render_step()

    async def _render_step(self) -> None:
        body = self.query_one("#assess-body", VerticalScroll)
        for sw in body.query(Stopwatch):
            sw.cancel()
        await body.remove_children()
        step = self.step
        progress = self.query_one("#assess-progress", Static)
        if self.stopped:
            progress.update("Safety check")
            widgets: list[Widget] = self._stop_widgets()
        elif step.kind == "start":
            progress.update("Self-assessment")
            widgets = self._start_widgets()
        elif step.kind == "verdict":
            progress.update("Your result")
            widgets = self._verdict_widgets()
        else:
            progress.update(f"Step {self.index} of {ASKED} · {step.title}")
            widgets = self._step_widgets(step)
        await body.mount_all(widgets)
        body.scroll_home(animate=False)
        self.refresh_bindings()
        self._focus_first()

    def _focus_first(self) -> None:
        for selector in ("Stopwatch", "OptionList", "PickMany"):
            found = self.query(selector)
            if found:
                found.first().focus()
                return
        self.query_one("#assess-body").focus()  # so the arrow keys scroll

    # ---- step widgets ---------------------------------------------------------------------
    def _start_widgets(self) -> list[Widget]:
        out: list[Widget] = [Static(INTRO, classes="card", id="assess-intro")]
        draft = self.draft()
        if draft is not None:
            step = min(max(1, int(draft["step"])), ASKED)
            out.append(
                Static(
                    f"You have a draft from {str(draft.get('saved_at', ''))[:16].replace('T', ' ')}"
                    f" (stopped at step {step} of {ASKED}). Press [b]c[/b] to carry on, or "
                    "[b]enter[/b] to start afresh.",
                    classes="card notice",
                    id="assess-draft",
                )
            )
        store = self.store
        past = [a for a in store.assessments()] if store is not None else []
        lines = [summary_line(a) for a in reversed(past[-5:])]
        due = self._due_line(past)
        text = "[b]Past results[/b]\n" + (
            "\n".join(f"  {line}" for line in lines) if lines else "  None yet."
        )
        if due:
            text += f"\n\n{due}"
        out.append(Static(text, classes="card", id="assess-past"))
        return out

    def _due_line(self, past: list[dict[str, Any]]) -> str:
        done = [a for a in past if a.get("verdict") != "red_flag"]
        if not done:
            return ""
        app: Any = self.app
        days = app.protocols.reassess_days
        due = reassess_on(done[-1]["taken_at"], days)
        today: date = app.now().date()
        if due <= today:
            return f"It is more than {days // 7} weeks since your last result: time to re-assess."
        return f"Next re-assessment due on {due.isoformat()} (every {days // 7} weeks)."

    def _step_widgets(self, step: Step) -> list[Widget]:
        if step.question is not None:
            return self._question_widgets(step.question, step.kind == "red")
        assert step.test is not None
        if step.kind == "timed":
            return self._timed_widgets(step.test)
        return self._checklist_widgets(step.test)

    def _question_widgets(self, q: Question, red: bool) -> list[Widget]:
        out: list[Widget] = [Static(q.prompt, classes="assess-prompt")]
        current = self.red.get(q.id) if red else self.answers.get(q.id)
        if q.kind == "one":
            options = OptionList(
                *(
                    Option(f"{i}  {label}", id=value)
                    for i, (value, label) in enumerate(q.options, 1)
                ),
                id="assess-options",
            )
            values = [v for v, _ in q.options]
            # Nothing is pre-chosen: a stray enter never answers a question for you.
            options.highlighted = values.index(current) if current in values else None
            out.append(options)
            hint = "y yes · n no" if red else "↑↓ then enter, or a number key"
        else:
            ticked = set(current) if isinstance(current, list) else set()
            out.append(
                PickMany(
                    *((label, value, value in ticked) for value, label in q.options),
                    id="assess-many",
                )
            )
            hint = "space ticks · enter moves on (none ticked is fine)"
        out.append(Static(hint, classes="dim assess-hint"))
        return out

    def _timed_widgets(self, spec: TestSpec) -> list[Widget]:
        app: Any = self.app
        data = self.tests.setdefault(spec.id, {})
        typed = self.typed.setdefault(spec.id, {})
        self.side = next((s for s in SIDES if data.get(s) is None), "left")
        cols: list[Widget] = []
        for side in SIDES:
            value = typed.get(side)
            if value is None and isinstance(data.get(side), (int, float)):
                value = f"{data[side]:g}"
            _, error = parse_seconds(value or "", spec.cap_s)
            cols.append(
                Vertical(
                    Static(f"{side.capitalize()} side, seconds", classes="assess-label"),
                    SecondsInput(
                        value or "", spec.id, placeholder=f"0-{spec.cap_s:g}", id=f"in-{side}"
                    ),
                    Static(error or "", id=f"err-{side}", classes="assess-error"),
                    classes="assess-col",
                )
            )
        return [
            Static(spec.how, classes="assess-prompt"),
            Stopwatch(spec.id, spec.cap_s, app.clock, side=self.side, id="stopwatch"),
            Horizontal(*cols, classes="assess-cols"),
            Static("", id="assess-msg", classes="assess-error"),
        ]

    def _checklist_widgets(self, spec: TestSpec) -> list[Widget]:
        data = self.tests.get(spec.id, {})
        cols: list[Widget] = []
        for side in SIDES:
            ticked = data.get(side)
            if spec.kind == "yesno":
                label = f"Standing on the {side} leg"
                items = [("The pelvis dropped", "drop", ticked is True)]
            else:
                label = f"{side.capitalize()} leg"
                chosen = set(ticked) if isinstance(ticked, list) else set()
                items = [(f.label, f.id, f.id in chosen) for f in spec.faults]
            cols.append(
                Vertical(
                    Static(label, classes="assess-label"),
                    PickMany(*items, id=f"pick-{side}"),
                    Static(self._score_text(spec, ticked), id=f"score-{side}", classes="dim"),
                    classes="assess-col",
                )
            )
        hint = "space ticks · tab other side · enter saves (nothing ticked is a clean score)"
        return [
            Static(spec.how, classes="assess-prompt"),
            Horizontal(*cols, classes="assess-cols"),
            Static(hint, classes="dim assess-hint"),
        ]

    def _verdict_widgets(self) -> list[Widget]:
        result, plan = self.result, self.plan
        assert result is not None
        head = f"[b]{result.headline}[/b]"
        if plan is not None:
            head += f"\nYour hold timer and circuit now train: [b]{plan.sides_label()}[/b]."
        done = len(result.rests_on)
        head += f"\nBased on {done} of {len(TESTS)} test{'' if len(TESTS) == 1 else 's'}."
        if not result.enough:
            head += " [b]Too little to be sure[/b]: do more of the tests when you can."
        rows = ["[b]Test                     Left     Right    LSI[/b]"]
        for r in result.tests:
            name = r.name[0].upper() + r.name[1:]
            rows.append(
                f"{name:<24} {_cell(r.left, r.kind):<8} {_cell(r.right, r.kind):<8} "
                f"{'' if r.lsi is None else f'{r.lsi:g}%'}"
            )
        if not result.tests:
            rows.append("No test was done on both sides.")
        if result.skipped:
            names = ", ".join(t.name for t in TESTS if t.id in result.skipped)
            rows.append(f"[dim]Not done: {names}[/dim]")
        why = "[b]Why[/b]\n" + "\n".join(f"• {w}" for w in (*result.why, *result.observations))
        notes = "\n".join(f"• {n}" for n in plan.notes) if plan is not None else ""
        return [
            Static(head, id="verdict-head", classes="card"),
            Static(self._saved_text(), id="verdict-saved"),
            Static("\n".join(rows), id="verdict-tests", classes="card"),
            Static(why, id="verdict-why", classes="card"),
            Static(f"[b]Your plan[/b]\n{notes}", id="verdict-plan", classes="card"),
        ]

    def _stop_widgets(self) -> list[Widget]:
        result = self.result
        said = "\n".join(f"• {w}" for w in result.why) if result is not None else ""
        return [
            Static(STOP_TEXT, id="stop-text", classes="card notice"),
            Static(said, classes="card"),
            Static(self._saved_text(), id="verdict-saved"),
        ]

    def _saved_text(self) -> str:
        if self.saved == "saving":
            return "Saving…"
        if self.saved == "saved":
            what = "your plan" if self.plan is not None else "your answers"
            return f"Saved: this result and {what} are in your history. Enter: done."
        if self.saved:
            return f"[b]Could not save:[/b] {self.saved}. Press [b]r[/b] to try again."
        return ""

    # ---- bindings per step --------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        kind = "stop" if self.stopped else self.step.kind
        if action == "continue_draft":
            return kind == "start" and self.draft() is not None
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
            app: Any = self.app
            app.write(self._draft_change(self._draft_dict()), on_error=lambda _: None)
        await self.show_step()

    def _has_answers(self) -> bool:
        return bool(self.red or self.answers or self.tests or self.typed)

    def _draft_dict(self) -> dict[str, Any]:
        app: Any = self.app
        return {
            "step": self.index,
            "red": dict(self.red),
            "answers": dict(self.answers),
            "tests": {k: dict(v) for k, v in self.tests.items()},
            "typed": {k: dict(v) for k, v in self.typed.items()},
            "saved_at": app.now().isoformat(timespec="seconds"),
        }

    def _draft_change(self, draft: dict[str, Any] | None) -> Callable[[Any], None]:
        """A store change setting (or clearing) the draft, skipped if a later one ran."""
        self._draft_asked += 1
        ticket = self._draft_asked

        def change(store: Any) -> None:
            with self._draft_lock:
                if ticket < self._draft_applied:
                    return
                self._draft_applied = ticket
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
        if kind in ("faults", "yesno"):
            self._save_checklist()
            await self.go(self.index + 1)

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

    # ---- answering ----------------------------------------------------------------------------
    async def _answer(self, q: Question, value: Any) -> None:
        if self.step.kind == "red":
            self.red[q.id] = value
            if value == "yes":
                self._stop_for_red_flag()
                await self.show_step()
                return
        else:
            self.answers[q.id] = value
        await self.go(self.index + 1)

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
        selected = list(event.selection_list.selected)
        value: Any = bool(selected) if spec.kind == "yesno" else selected
        self.query_one(f"#score-{side}", Static).update(self._score_text(spec, value))

    @staticmethod
    def _score_text(spec: TestSpec, value: Any) -> str:
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

    def _save_checklist(self) -> None:
        spec = self.step.test
        assert spec is not None
        data = self.tests.setdefault(spec.id, {})
        for side in SIDES:
            selected = list(self.query_one(f"#pick-{side}", PickMany).selected)
            data[side] = bool(selected) if spec.kind == "yesno" else selected
        data["skipped"] = False

    def _keep_current(self) -> None:
        """Hold on to what the current step shows (ticks in checklists) before moving."""
        if self.step.kind in ("faults", "yesno") and self.query("#pick-left"):
            spec = self.step.test
            assert spec is not None
            data = self.tests.setdefault(spec.id, {})
            for side in SIDES:
                selected = list(self.query_one(f"#pick-{side}", PickMany).selected)
                data[side] = bool(selected) if spec.kind == "yesno" else selected

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
        app: Any = self.app
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

        def change(store: Any) -> None:
            store.add_assessment(record, plan)
            clear_draft(store)

        app: Any = self.app
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
        app: Any = self.app
        draft = self._draft_dict() if choice == "keep" else None
        app.write(self._draft_change(draft))
        self.app.pop_screen()


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "yesno":
        return "drops" if value else "level"
    if kind == "timed":
        return f"{value:g} s"
    return str(value)
