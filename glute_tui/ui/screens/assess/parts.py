"""The self-assessment's steps and small widgets: the step list, the pick lists, the seconds
box and the leave dialog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, SelectionList, Static

from glute_tui.core.assessment import QUICK_CHECKS, RED_FLAGS, TESTS, Question, TestSpec
from glute_tui.ui.widgets.toggles import TickList

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
    "No training plan was made. When a clinician has checked it and cleared you to exercise, "
    "press [b]c[/b] to say so (it is saved with the date), then take the assessment again."
)


class PickMany(TickList[str]):
    """Tick any with space; enter moves on instead of ticking. Ticked shows `▐X▌`, not `▐ ▌`."""

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


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "yesno":
        return "drops" if value else "level"
    if kind == "timed":
        return f"{value:g} s"
    return str(value)


# ---- checklists: an answer only when the user says so ---------------------------------
NO_FAULTS = "none"  # "done, no faults on this leg": a clean score is an answer, not a default
DROP, LEVEL = "drop", "level"


def checklist_items(spec: TestSpec, value: Any) -> list[tuple[str, str, bool]]:
    """The ticks a checklist shows for a saved side value (None: nothing ticked)."""
    if spec.kind == "yesno":
        return [
            ("The pelvis dropped", DROP, value is True),
            ("The pelvis stayed level", LEVEL, value is False),
        ]
    chosen = set(value) if isinstance(value, list) else set()
    clean = isinstance(value, list) and not chosen
    return [
        ("Done: no faults on this leg", NO_FAULTS, clean),
        *((f.label, f.id, f.id in chosen) for f in spec.faults),
    ]


def checklist_value(spec: TestSpec, selected: list[str]) -> tuple[Any, str | None]:
    """(value, None) for an answered side; (None, why) when it is not an answer yet.

    Trendelenburg: True dropped, False level. Faults: the ticked fault ids ([] is "no
    faults", ticked on purpose). Nothing ticked is not answered.
    """
    ticks = set(selected)
    if not ticks:
        return None, "not answered"
    if spec.kind == "yesno":
        if ticks >= {DROP, LEVEL}:
            return None, "ticked both 'dropped' and 'level'"
        return DROP in ticks, None
    faults = [f.id for f in spec.faults if f.id in ticks]
    if NO_FAULTS in ticks and faults:
        return None, "ticked 'no faults' and a fault"
    return faults, None
