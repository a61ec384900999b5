"""The one-minute safety screen: the red-flag questions, the red-flag stop and a clearance.

Push it before a session with a callback; it dismisses with True when training may go on:

    app.push_screen(SafetyScreen(), on_safety)  # on_safety(ok: bool | None)

It opens on the stop page when a red flag is in force (from `core.safety.active_red_flag`),
else on the questions. Answers are saved like an assessment's (`store.add_assessment`, no
plan). A "yes" is confirmed once before it stops everything. The rules live in core.safety.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from glute_tui.core import safety
from glute_tui.ui.access import glute_app

STOP_TEXT = (
    "[b]Please do not train yet.[/b]\n\n"
    "What you told us is worth a proper check by a doctor or physiotherapist before you "
    "exercise. It may well be nothing serious, but training is not the right first step."
)
URGENT_TEXT = (
    "[b]If this came on suddenly, or you cannot control your bladder or bowel, get urgent "
    "help today[/b] (an emergency department or your doctor's urgent line)."
)
INTRO = (
    "Before you train: {n} yes/no questions, about a minute. They ask about the few signs "
    "that need a clinician before any exercise. Answer for how things are now."
)


def confirm_text(flag_id: str) -> str:
    return (
        f"You answered [b]yes[/b]: {safety.RED_FLAG_TEXT.get(flag_id, flag_id)}.\n\n"
        "Is that right? A yes stops all training until a clinician has checked it.\n\n"
        "[b]y[/b] yes, that is right    [b]n[/b] no, I pressed the wrong key"
    )


class FlagConfirm(ModalScreen[bool]):
    """A red-flag yes, asked once more (a stray key must not block training for weeks).
    Enter is not an answer here: only y or n."""

    HELP = "Confirm the red-flag answer: y if it is right, n (or escape) if it was a slip."
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes, that is right"),
        Binding("n,escape", "answer(False)", "No, go back"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, flag_id: str) -> None:
        super().__init__()
        self.flag_id = flag_id

    def compose(self) -> ComposeResult:
        with Vertical(id="leave-box"):
            yield Static(confirm_text(self.flag_id), id="flag-confirm")
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def needs_safety_screen(assessments: Sequence[Mapping[str, Any]]) -> bool:
    """Whether a session must open the safety screen first (never screened, or a red flag
    in force)."""
    return safety.needs_screening(assessments) or safety.active_red_flag(assessments) is not None


class SafetyScreen(Screen[bool]):
    HELP = (
        "The safety screen asks the red-flag questions: y for yes, n for no, b to go back. "
        "A yes is asked once more, so a stray key cannot stop your training. After a red "
        "flag, training stays stopped until a clinician has checked it: press c when one has "
        "cleared you to exercise (it is saved with today's date). Escape leaves without "
        "training."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('yes')", "Yes"),
        Binding("n", "answer('no')", "No"),
        Binding("1", "answer('no')", "No", show=False),
        Binding("2", "answer('yes')", "Yes", show=False),
        Binding("y", "confirm(True)", "Yes, that is right"),
        Binding("n,escape", "confirm(False)", "No, go back"),
        Binding("y", "cleared(True)", "Yes, I was cleared"),
        Binding("n,escape", "cleared(False)", "Not yet"),
        Binding("b", "back", "Back"),
        Binding("c", "clearance", "A clinician cleared me"),
        Binding("r", "retry", "Try saving again"),
        Binding("escape", "close", "Leave"),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.page = "question"  # question | confirm | stop | clear | saving
        self.index = 0
        self.answers: dict[str, str] = {}
        self.flag: safety.FlagState | None = None
        self.save_error: str | None = None
        self._pending: dict[str, Any] | None = None  # the record a failed save retries
        self._result = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="safety-progress")
        with VerticalScroll(id="safety-body"):
            yield Static("", id="safety-text", classes="card")
            yield OptionList(id="safety-options")
            yield Static("", id="safety-status", classes="assess-error")
        yield Footer()

    def on_mount(self) -> None:
        store = glute_app(self).store
        past = store.assessments() if store is not None else []
        self.flag = safety.active_red_flag(past)
        if self.flag is not None:
            self.page = "stop"
        self._render_page()

    # ---- pages ----------------------------------------------------------------------------
    @property
    def question(self) -> safety.RedFlag:
        return safety.RED_FLAGS[self.index]

    def _render_page(self) -> None:
        progress = self.query_one("#safety-progress", Static)
        text = self.query_one("#safety-text", Static)
        options = self.query_one("#safety-options", OptionList)
        text.set_class(self.page in ("confirm", "stop"), "notice")
        options.display = self.page == "question"
        if self.page == "question":
            n = len(safety.RED_FLAGS)
            progress.update(f"Safety check · question {self.index + 1} of {n}")
            intro = INTRO.format(n=n) if self.index == 0 else ""
            text.update((f"[dim]{intro}[/dim]\n\n" if intro else "") + self.question.prompt)
            options.clear_options()
            options.add_options([Option("1  No", id="no"), Option("2  Yes", id="yes")])
            current = self.answers.get(self.question.id)
            # Nothing is pre-chosen: a stray enter never answers for you.
            options.highlighted = {"no": 0, "yes": 1}.get(current or "")
            options.focus()
        elif self.page == "confirm":
            progress.update("Safety check · please confirm")
            text.update(confirm_text(self.question.id))
        elif self.page == "stop":
            progress.update("Safety check · training stopped")
            flags = self.flag.lines() if self.flag is not None else ()
            said = "\n".join(f"• {line}" for line in flags)
            body = f"{STOP_TEXT}\n\nYou answered yes to:\n{said}"
            if self.flag is not None and self.flag.urgent:
                body += f"\n\n{URGENT_TEXT}"
            when = self.flag.taken_at[:10] if self.flag is not None else ""
            body += (
                f"\n\nNo training starts while this stands (answered {when}). When a "
                "clinician has checked it and cleared you to exercise, press [b]c[/b]."
            )
            text.update(body)
        elif self.page == "saving":
            progress.update("Safety check")
            text.update("Saving your answers…" if not self.save_error else "Not saved yet.")
        else:
            progress.update("Safety check · clearance")
            flags = self.flag.lines() if self.flag is not None else ()
            what = "; ".join(flags) or "what you answered yes to"
            text.update(
                f"Has a doctor or physiotherapist checked this ({what}) and told you that "
                "you may exercise?\n\n"
                f"[b]y[/b] means: “{safety.CLEARANCE_STATEMENT}” It is saved with today's "
                "date, listed with your past results and included in the export.\n\n"
                "[b]y[/b] yes, I was cleared    [b]n[/b] not yet"
            )
        self._show_status()
        self.refresh_bindings()

    def _show_status(self) -> None:
        status = self.query_one("#safety-status", Static)
        if self.save_error:
            status.update(f"[b]Could not save:[/b] {self.save_error}. Press [b]r[/b] to retry.")
        else:
            status.update("")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return self.page == "question"
        if action == "confirm":
            return self.page == "confirm"
        if action == "cleared":
            return self.page == "clear"
        if action == "back":
            return self.page == "question" and self.index > 0
        if action == "clearance":
            return self.page == "stop"
        if action == "retry":
            return self._pending is not None and self.save_error is not None
        if action == "close":
            return self.page in ("question", "stop") or (
                self.page == "saving" and self.save_error is not None
            )
        return True

    # ---- actions ---------------------------------------------------------------------------
    def action_answer(self, value: str) -> None:
        if self.page != "question":
            return
        if value == "yes":
            self.page = "confirm"
            self._render_page()
            return
        self.answers[self.question.id] = "no"
        self._next()

    @on(OptionList.OptionSelected, "#safety-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in ("yes", "no"):
            self.action_answer(event.option.id)

    def action_confirm(self, yes: bool) -> None:
        if self.page != "confirm":
            return
        if not yes:
            self.answers.pop(self.question.id, None)
            self.page = "question"
            self._render_page()
            return
        self.answers[self.question.id] = "yes"
        # The rest are not asked: one confirmed red flag stops everything.
        record = safety.screening_record(
            self.answers, record_id=str(uuid.uuid4()), taken_at=self._now()
        )
        self.flag = safety.FlagState(tuple(record["answers"]["red_flags"]), record["taken_at"])
        self.page = "stop"
        self._save(record, result=False)

    def _next(self) -> None:
        if self.index + 1 < len(safety.RED_FLAGS):
            self.index += 1
            self._render_page()
            return
        record = safety.screening_record(
            self.answers, record_id=str(uuid.uuid4()), taken_at=self._now()
        )
        self._save(record, result=True)

    def action_back(self) -> None:
        if self.page == "question" and self.index > 0:
            self.index -= 1
            self._render_page()

    def action_clearance(self) -> None:
        if self.page == "stop":
            self.page = "clear"
            self._render_page()

    def action_cleared(self, yes: bool) -> None:
        if self.page != "clear":
            return
        if not yes:
            self.page = "stop"
            self._render_page()
            return
        covers = self.flag.flags if self.flag is not None else ()
        record = safety.clearance_record(
            record_id=str(uuid.uuid4()), taken_at=self._now(), covers=covers
        )
        self._save(record, result=True)

    def action_close(self) -> None:
        self.dismiss(False)

    def action_retry(self) -> None:
        if self._pending is not None:
            self._save(self._pending, result=self._result)

    # ---- saving ------------------------------------------------------------------------------
    def _now(self) -> str:
        app = glute_app(self)
        return str(app.now().isoformat(timespec="seconds"))

    def _save(self, record: dict[str, Any], *, result: bool) -> None:
        """Save like an assessment (no plan). Training goes on only once it is saved."""
        self._pending, self._result, self.save_error = record, result, None
        if result:
            self.page = "saving"  # no key answers twice while it saves
        self._render_page()
        app = glute_app(self)
        app.write(
            lambda store: store.add_assessment(record, None),
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, _: object = None) -> None:
        self._pending = None
        if self._result:
            self.dismiss(True)
        else:
            self._render_page()

    def _failed(self, message: str) -> None:
        self.save_error = message
        self._render_page()
