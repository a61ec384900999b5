"""The self-assessment's pages: what each step shows (the screen's state in, widgets out)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from glute_tui.core.assessment import (
    TESTS,
    Question,
    Result,
    TestSpec,
    parse_seconds,
    reassess_on,
    summary_line,
)
from glute_tui.core.plan import Plan
from glute_tui.ui.access import glute_app
from glute_tui.ui.screens.assess.parts import (
    ASKED,
    DRAFT_KEY,
    INTRO,
    SIDES,
    STEPS,
    STOP_TEXT,
    PickMany,
    SecondsInput,
    Step,
    _cell,
    checklist_items,
)
from glute_tui.ui.widgets.stopwatch import Stopwatch

if TYPE_CHECKING:
    from glute_tui.core.model import Assessment
    from glute_tui.store.history import HistoryStore


class AssessPages(Screen[None]):
    """State and page building; the keys and answers live in the subclasses."""

    if TYPE_CHECKING:  # defined by the subclasses (answers.py, screen.py)

        async def go(self, index: int) -> None: ...
        async def action_next(self) -> None: ...
        def _stop_for_red_flag(self) -> None: ...
        @staticmethod
        def _score_text(spec: TestSpec, value: Any) -> str: ...

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
    def store(self) -> HistoryStore | None:
        return glute_app(self).store

    def draft(self) -> dict[str, Any] | None:
        store = self.store
        raw = store.kv(DRAFT_KEY) if store is not None else None
        if isinstance(raw, Mapping) and isinstance(raw.get("step"), int):
            return dict(raw)
        return None

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

    def _due_line(self, past: list[Assessment]) -> str:
        # safety screens and clearances are not assessments: they do not reset the date
        done = [a for a in past if a.verdict in ("left", "right", "both", "balanced")]
        if not done:
            return ""
        app = glute_app(self)
        days = app.protocols.reassess_days
        due = reassess_on(done[-1].taken_at, days)
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
        app = glute_app(self)
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
            label = (
                f"Standing on the {side} leg"
                if spec.kind == "yesno"
                else f"{side.capitalize()} leg"
            )
            items = checklist_items(spec, ticked)
            cols.append(
                Vertical(
                    Static(label, classes="assess-label"),
                    PickMany(*items, id=f"pick-{side}"),
                    Static(self._score_text(spec, ticked), id=f"score-{side}", classes="dim"),
                    classes="assess-col",
                )
            )
        hint = "space ticks · tab other leg · enter saves (a clean leg: tick 'no faults')"
        if spec.kind == "yesno":
            hint = "space ticks · tab other leg · enter saves (tick one for each leg)"
        return [
            Static(spec.how, classes="assess-prompt"),
            Horizontal(*cols, classes="assess-cols"),
            Static("", id="assess-msg", classes="assess-error"),
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
        why = "[b]Why[/b]\n" + "\n".join(f"• {w}" for w in result.why)
        if result.observations:
            why += "\n\n[b]What you noticed[/b] (on their own, these do not change the result)\n"
            why += "\n".join(f"• {w}" for w in result.observations)
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
