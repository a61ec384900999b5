"""The live-session screen shared by the hold timer and the circuit.

Three views in one screen: the check before (pain, injury, the plan), the live timer, and
the summary after. The Runner (core) owns time; this screen only polls it, turns its events
into sound, a flash and journal writes, and redraws what changed.

Timing: one precise one-shot timer wakes the screen at the next moment anything changes
(a phase boundary or the shown second), plus a slow safety tick. Remaining time always
comes from the clock, so a late wake-up never shifts the schedule.
"""

from __future__ import annotations

import contextlib
import uuid
from datetime import datetime, timedelta
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import (
    Button,
    Checkbox,
    ContentSwitcher,
    Footer,
    Header,
    Input,
    ProgressBar,
    Static,
)

from glute_tui.core.plan import red_flag_stop
from glute_tui.core.runner import Event, PhaseRecord, Runner
from glute_tui.core.timeline import PhaseSpec, Timeline
from glute_tui.store.serial import SerialWriter
from glute_tui.ui.widgets.big_digits import BigDigits

PAIN_ADVICE = (
    "Do not train through pain. A little discomfort that settles is fine; "
    "pain above 5 of 10 is a sign to stop."
)
EFFORT_SCALE = "0 rest · 3 moderate · 5 hard · 7 very hard · 10 maximal"
SAFETY_TICK_S = 0.5  # the slow safety poll; the precise wake-up does the real work
FLASH_S = 0.35
WORK_KINDS = ("hold", "work")
COUNT_IN_KINDS = ("prepare", "rest", "switch", "transition", "round_rest")


class StartInput(Input):
    """A number box whose Enter starts the session. Input hides its Enter binding, and a
    focused Input hides every one-letter key, so the Footer needs this to say what to do."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Start")]


class NextInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Next")]


class SaveInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Save")]


def field_row(
    label: str, kind: type[Input], input_id: str, placeholder: str, *, score: bool = True
) -> Horizontal:
    """A labelled one-line box: a 0-10 score (digits only) or, with score=False, free text."""
    box = (
        kind(placeholder=placeholder, id=input_id, compact=True, max_length=2, restrict=r"\d*")
        if score
        else kind(placeholder=placeholder, id=input_id, compact=True, max_length=200)
    )
    return Horizontal(Static(label, classes="field-label"), box, classes="field-row")


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question. The safe answer has the focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
    ]

    def __init__(self, text: str, yes: str, no: str) -> None:
        super().__init__()
        self.text, self.yes, self.no = text, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.text, id="confirm-text")
            with Horizontal(id="confirm-buttons"):
                yield Button(self.no, id="no", variant="primary")
                yield Button(self.yes, id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def parse_score(text: str, default: int | None) -> int | None:
    """0-10 from an input box; empty gives the default; anything else raises ValueError."""
    text = text.strip()
    if not text:
        return default
    if not text.isdigit() or not 0 <= int(text) <= 10:
        raise ValueError
    return int(text)


def side_words(side: str | None) -> str:
    return "BOTH sides" if side == "both" else (f"{side.upper()} side" if side else "")


class LiveSessionScreen(Screen[None]):
    """Base class. Subclasses build the timeline and say how phases read."""

    ROUTINE = "hold"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle", "Pause"),
        Binding("n", "skip", "Skip"),
        Binding("q", "stop", "Stop"),
        Binding("m", "mute", "Mute"),
        Binding("escape", "back", "Back", show=False),
        Binding("ctrl+r", "resume", "Resume last"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.runner: Runner | None = None
        self.mode = "setup"  # setup | live | summary
        self.session_id = ""
        self.started_at: datetime | None = None
        self.pain_before: int | None = None
        self.pain_override = False
        self.resume_of: str | None = None
        self.saved: dict[str, Any] | None = None
        self.summary_saved = False
        self._writer: SerialWriter | None = None
        self._wake: Timer | None = None
        self._wake_due = 0.0
        self._last_key: tuple[object, ...] = ()
        self._safety: Timer | None = None
        self._flash_timer: Timer | None = None
        self._shown: dict[str, str] = {}
        self._widgets: dict[str, Any] = {}
        self._bindings_key: object = None
        self._pending_resume: dict[str, Any] | None = None
        self._beeped: set[tuple[int, int]] = set()
        self._cue_index = 0
        self._auto_paused = False
        self.index_base = 0  # timeline index 0 of a resumed session in the original one
        self.bells: list[str] = []  # what was sounded, newest last (tests, bench)

    # ---- subclass hooks -----------------------------------------------------------------
    def build(self) -> tuple[Timeline, dict[str, Any]] | None:
        """The timeline to run and the resume state to journal; None when it cannot start."""
        raise NotImplementedError

    def setup_text(self) -> str:
        raise NotImplementedError

    def banner_for(self, spec: PhaseSpec) -> tuple[str, str]:
        """(text, css class) of the phase banner."""
        raise NotImplementedError

    def where_for(self, spec: PhaseSpec) -> str:
        raise NotImplementedError

    def counts_for(self, spec: PhaseSpec) -> str:
        raise NotImplementedError

    def big_for(self, spec: PhaseSpec) -> str:
        runner = self.runner
        assert runner is not None
        return str(_ceil(runner.remaining()))

    def extra_for(self, spec: PhaseSpec) -> str:
        return ""

    def summary_lines(self, session: dict[str, Any]) -> list[str]:
        return []

    def resume_offer(self) -> str | None:
        """Words offering to resume a cut-short session, or None."""
        return None

    def bindings_key(self, spec: PhaseSpec) -> object:
        """Changes when the keys on offer change (the footer is rebuilt only then)."""
        return self.mode

    def on_runner_events(self, evs: list[Event]) -> None:
        """Subclass extra handling (e.g. counting early stops)."""

    def runner_budget(self) -> float | None:
        return None

    # ---- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="setup", id="switcher"):
            with VerticalScroll(id="setup", classes="session-view"):
                yield Static("", id="setup-text")
                yield Static("", id="resume-offer", classes="card")
                yield Static(PAIN_ADVICE, id="pain-advice", classes="card notice")
                yield field_row("Pain right now (0-10)", StartInput, "pain-before", "none = 0")
                yield Checkbox("An injury has not healed yet", id="injury")
                yield Static("", id="setup-error", classes="error")
                yield Static(
                    "Enter starts. Tab: next box. Escape: back. F1: help.",
                    id="start-hint",
                    classes="dim",
                )
            with Vertical(id="live", classes="session-view"):
                yield Static("", id="banner")
                yield Static("", id="where")
                yield Static("", id="counts")
                with Center():
                    yield BigDigits("", id="big")
                yield Static("", id="extra")
                yield ProgressBar(total=100, show_eta=False, id="progress")
                yield Static("", id="cue")
                yield Static("", id="next")
            with VerticalScroll(id="summary", classes="session-view"):
                yield Static("", id="summary-text")
                yield field_row("Pain now (0-10)", NextInput, "pain-after", "a number, 0-10")
                yield field_row("Effort (0-10)", NextInput, "effort", "a number, 0-10")
                yield Static(EFFORT_SCALE, id="summary-view-scale", classes="dim")
                yield field_row("Note", SaveInput, "note", "optional", score=False)
                yield Static("", id="summary-error", classes="error")
                yield Static("Enter on the note saves. Escape goes home.", id="summary-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "store_version", self._store_changed)
        self.query_one("#pain-before", Input).focus()

    def _red_flag(self) -> str | None:
        store = getattr(self.app, "store", None)
        return red_flag_stop(store.assessments()) if store is not None else None

    def _store_changed(self, _: int = 0) -> None:
        if self.mode == "setup":
            self.query_one("#setup-text", Static).update(self.setup_text())
            stop = self._red_flag()
            if stop is not None:
                self.query_one("#setup-error", Static).update(stop)
            offer = self.resume_offer()
            box = self.query_one("#resume-offer", Static)
            box.display = offer is not None
            box.update(offer or "")

    @property
    def muted(self) -> bool:
        store = getattr(self.app, "store", None)
        return bool(store is not None and store.settings().get("muted"))

    # ---- starting ------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "pain-before":
            self.try_start()
        elif event.input.id == "pain-after":
            self.query_one("#effort", Input).focus()
        elif event.input.id == "effort":
            self.query_one("#note", Input).focus()
        elif event.input.id == "note":
            self.save_summary()

    def try_start(self, resume: dict[str, Any] | None = None) -> None:
        """The pain check, then start (or resume `resume`, a cut-short session's state)."""
        if self.mode != "setup" or getattr(self.app, "store", None) is None:
            return
        self._pending_resume = resume
        error = self.query_one("#setup-error", Static)
        stop = self._red_flag()
        if stop is not None:
            error.update(stop)  # red flags override everything, a resume included
            return
        try:
            pain = parse_score(self.query_one("#pain-before", Input).value, 0)
        except ValueError:
            error.update("Pain is a whole number from 0 (none) to 10 (worst).")
            return
        error.update("")
        injury = self.query_one("#injury", Checkbox).value
        self.pain_before = pain
        if (pain or 0) >= 6 or injury:
            why = (f"You rated your pain {pain} of 10." if (pain or 0) >= 6 else "") + (
                " You have an injury that has not healed." if injury else ""
            )
            self.app.push_screen(
                ConfirmDialog(
                    f"{why.strip()}\n\nTraining through pain does not help your glutes. "
                    "The safer choice is to rest today and, for an unhealed injury, to see "
                    "a professional first.\n\nGo on anyway?",
                    yes="Go on anyway",
                    no="Not today",
                ),
                self._pain_answer,
            )
            return
        self.pain_override = False
        self._start_pending()

    def _start_pending(self) -> None:
        resume = self._pending_resume
        if resume is not None:
            rec = self._recovered()
            self.resume_of = rec["session"]["id"] if rec is not None else None
        self.begin(resume=resume)

    def _pain_answer(self, go_on: bool | None) -> None:
        if go_on:
            self.pain_override = True
            self._start_pending()
        else:
            self.query_one("#setup-error", Static).update(
                "Good call. Rest today; your plan will be here tomorrow."
            )

    def begin(self, resume: dict[str, Any] | None = None) -> None:
        built = self.build_resumed(resume) if resume else self.build()
        if built is None:
            return
        timeline, resume_state = built
        app: Any = self.app
        if app.recovered is not None and app.recovered["session"]["routine"] == self.ROUTINE:
            app.recovered = None  # the offer is spent once a new session starts
        self.runner = Runner(timeline, app.clock, budget_s=self.runner_budget())
        self.session_id = uuid.uuid4().hex[:12]
        self.started_at = app.now()
        header = self.session_header()
        store = app.store
        self._writer = SerialWriter()
        self._writer.submit(
            lambda: store.journal.begin(header, resume=resume_state),
            on_error=self._journal_failed,
        )
        self.mode = "live"
        self.query_one("#switcher", ContentSwitcher).current = "live"
        self.set_focus(None)
        self._safety = self.set_interval(SAFETY_TICK_S, self.tick)
        self.handle(self.runner.start())
        self.redraw()

    def build_resumed(self, resume: dict[str, Any]) -> tuple[Timeline, dict[str, Any]] | None:
        return None

    # ---- resume a cut-short session -----------------------------------------------------
    def _recovered(self) -> dict[str, Any] | None:
        app: Any = self.app
        rec = app.recovered
        if rec is None or rec["session"].get("routine") != self.ROUTINE:
            return None
        if not isinstance(rec.get("resume"), dict) or "settings" not in rec["resume"]:
            return None
        return rec  # type: ignore[no-any-return]

    def action_resume(self) -> None:
        rec = self._recovered()
        if self.mode != "setup" or rec is None:
            return
        self.try_start(resume=rec["resume"])  # the same pain check as a fresh start

    def slice_from(self, full: Timeline, next_index: int, kind: str) -> Timeline | None:
        """The rest of `full` from its first `kind` phase at or after `next_index`, after a
        short get-ready. Sets `index_base` so journaled indices stay in `full`'s terms."""
        later = [i for i, p in enumerate(full.phases) if i >= next_index and p.kind == kind]
        if not later:
            app: Any = self.app
            self.notify("That session had nothing left to do.", timeout=4)
            app.recovered = None
            self._store_changed()
            return None
        first = full.phases[later[0]]
        prepare = PhaseSpec("prepare", first.exercise, first.side, 0, self.prepare_s())
        self.index_base = later[0] - 1
        return Timeline(full.routine, (prepare, *full.phases[later[0] :]))

    def prepare_s(self) -> float:
        return 5.0

    def session_header(self) -> dict[str, Any]:
        assert self.started_at is not None
        header: dict[str, Any] = {
            "id": self.session_id,
            "routine": self.ROUTINE,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "status": "interrupted",
            "stop_reason": "interrupted",
            "pain_before": self.pain_before,
            "pain_override": self.pain_override,
        }
        if self.resume_of:
            header["resumed_from"] = self.resume_of
        return header

    # ---- the clock -----------------------------------------------------------------------
    def tick(self) -> None:
        runner = self.runner
        if runner is None or self.mode != "live":
            return
        evs = runner.poll()
        self.handle(evs)
        idle = self._wake is not None or runner.state != "running"
        if not evs and idle and self.draw_key() == self._last_key:
            return  # nothing the user can see has changed
        self.redraw()

    def draw_key(self) -> tuple[object, ...]:
        """Everything the live view shows changes only when this does."""
        runner = self.runner
        assert runner is not None
        app: Any = self.app
        return (
            runner.index,
            runner.state,
            _ceil(runner.remaining() / self.display_step()),
            runner.reps_done(),
            app.store_version,
        )

    def _schedule(self) -> None:
        runner = self.runner
        if runner is None or self.mode != "live":
            if self._wake is not None:
                self._wake.stop()
                self._wake = None
            return
        delay = runner.next_change(self.display_step())
        if delay is None:
            if self._wake is not None:
                self._wake.stop()
                self._wake = None
            return
        due = runner.clock() + delay
        if self._wake is not None and abs(due - self._wake_due) < 0.001:
            return  # already set for that moment
        if self._wake is not None:
            self._wake.stop()
        self._wake_due = due
        self._wake = self.set_timer(max(delay, 0.0005), self._woken)

    def _woken(self) -> None:
        self._wake = None
        self.tick()

    def display_step(self) -> float:
        return 1.0

    def handle(self, evs: list[Event]) -> None:
        """Events become sound, a flash and journal writes."""
        if not evs:
            return
        for ev in evs:
            if ev.kind == "phase_ended" and ev.record is not None:
                self.journal_phase(ev.record)
            elif ev.kind == "phase_started":
                self.phase_started(ev.index)
            elif ev.kind == "session_ended":
                self.session_ended()
        self.on_runner_events(evs)

    def phase_started(self, index: int) -> None:
        runner = self.runner
        assert runner is not None
        spec = runner.specs[index]
        self._cue_index = 0
        keys = self.bindings_key(spec)
        if keys != self._bindings_key:  # the footer rebuilds itself: only when keys change
            self._bindings_key = keys
            self.refresh_bindings()
        if spec.kind in WORK_KINDS:
            self.sound("go", 1)
            self.flash("flash-go")
        elif spec.kind in ("rest", "round_rest"):
            self.sound("rest", 2)
            self.flash("flash-rest")
        else:
            self.sound("change", 1)
            self.flash("flash-change")

    def journal_phase(self, record: PhaseRecord) -> None:
        writer, store = self._writer, getattr(self.app, "store", None)
        if writer is None or store is None:
            return
        phase = record.to_dict()
        nxt = self.index_base + record.index + 1
        writer.submit(
            lambda: store.journal.append(phase, next_index=nxt), on_error=self._journal_failed
        )

    def _journal_failed(self, exc: BaseException) -> None:
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(
                self.app.notify,
                f"Could not write the session journal: {exc}",
                severity="error",
                timeout=10,
            )

    # ---- sound and flash -------------------------------------------------------------------
    def sound(self, name: str, times: int) -> None:
        self.bells.append(name)
        if self.muted:
            return
        self.app.bell()
        for i in range(1, times):
            self.set_timer(0.18 * i, self._bell_again)

    def _bell_again(self) -> None:
        if not self.muted:
            self.app.bell()

    def flash(self, cls: str) -> None:
        live = self.query_one("#live")
        live.remove_class("flash-go", "flash-rest", "flash-change")
        live.add_class(cls)
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.set_timer(FLASH_S, self._unflash)

    def _unflash(self) -> None:
        self.query_one("#live").remove_class("flash-go", "flash-rest", "flash-change")

    def _count_in(self) -> None:
        """Short beeps over the last 3 s before work starts again."""
        runner = self.runner
        if runner is None or runner.state != "running" or runner.current is None:
            return
        spec = runner.current
        nxt = runner.upcoming
        if spec.kind not in COUNT_IN_KINDS or nxt is None or nxt.kind not in WORK_KINDS:
            return
        left = runner.remaining()
        for mark in (3, 2, 1):
            key = (runner.index, mark)
            if left <= mark + 1e-6 and left > mark - 1 and key not in self._beeped:
                self._beeped.add(key)
                if spec.planned_s > mark:
                    self.sound("count", 1)

    # ---- drawing ---------------------------------------------------------------------------
    def _set(self, widget_id: str, text: str) -> None:
        if self._shown.get(widget_id) == text:
            return
        self._shown[widget_id] = text
        widget = self._widgets.get(widget_id)
        if widget is None:
            widget = self._widgets[widget_id] = self.query_one(f"#{widget_id}")
        if isinstance(widget, BigDigits):
            widget.update(text)  # lays out again only when the width changes
        elif isinstance(widget, Static):
            widget.update(text, layout=False)  # fixed size in app.tcss: repaint only

    def redraw(self) -> None:
        runner = self.runner
        if runner is None or self.mode != "live":
            return
        spec = runner.current
        if spec is None:
            return
        self._last_key = self.draw_key()
        self._count_in()
        paused = runner.state == "paused"
        text, cls = self.banner_for(spec)
        if paused:
            text, cls = "PAUSED · space to go on", "phase-paused"
        banner = self.query_one("#banner", Static)
        if self._shown.get("banner-class") != cls:
            self._shown["banner-class"] = cls
            banner.set_classes(cls)
        self._set("banner", text)
        self._set("where", self.where_for(spec))
        self._set("counts", self.counts_for(spec))
        self._set("big", self.big_for(spec))
        self._set("extra", self.extra_for(spec))
        total = runner.planned_total() or 1.0
        done = sum(r.spec.planned_s for r in runner.records) + runner.elapsed()
        pct = min(100, round(100 * done / total))
        if self._shown.get("pct") != str(pct):
            self._shown["pct"] = str(pct)
            self.query_one("#progress", ProgressBar).update(progress=pct)
        self._set("cue", self.cue_text(spec))
        self._set("next", self.next_text())
        self._schedule()

    def cue_text(self, spec: PhaseSpec) -> str:
        if spec.exercise is None:
            return ""
        app: Any = self.app
        cues = app.cues_for(spec.exercise)  # asked every time: edits show at once
        if not cues:
            return ""
        runner = self.runner
        assert runner is not None
        # rotate: one cue per rep (hold) or every 5 s (other phases)
        turn = spec.set if spec.kind == "hold" else int(runner.elapsed() // 5)
        return f"“{cues[(turn + self._cue_index) % len(cues)]}”"

    def next_text(self) -> str:
        runner = self.runner
        assert runner is not None
        nxt = runner.upcoming
        if nxt is None:
            return "Next: done"
        banner, _ = self.banner_for(nxt)
        return f"Next: {banner.split(' ·')[0].rstrip('…').capitalize()} — {self.where_for(nxt)}"

    # ---- keys -------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.mode == "setup" and self._recovered() is not None
        if action in ("skip", "mute", "stop") and self.mode != "live":
            return action == "mute"
        return True

    def action_toggle(self) -> None:
        if self.mode == "setup":
            self.try_start()
            return
        if self.mode != "live" or self.runner is None:
            return
        self._auto_paused = False
        self.handle(self.runner.toggle())
        self.redraw()

    def action_skip(self) -> None:
        if self.mode == "live" and self.runner is not None:
            self.handle(self.runner.skip())
            self.redraw()

    def action_mute(self) -> None:
        muted = not self.muted
        app: Any = self.app
        app.write(lambda s: s.set_setting("muted", muted))
        self.notify("Sound off" if muted else "Sound on", timeout=2)

    def action_stop(self) -> None:
        runner = self.runner
        if self.mode != "live" or runner is None:
            return
        was_running = runner.state == "running"
        if was_running:
            self.handle(runner.pause())
            self.redraw()

        def answer(stop: bool | None) -> None:
            if self.runner is None or self.mode != "live":
                return
            if stop:
                self.handle(self.runner.stop("quit"))
            elif was_running:
                self.handle(self.runner.resume())
            self.redraw()

        self.app.push_screen(
            ConfirmDialog(
                "Stop this session? Everything you have done so far is kept.",
                yes="Stop",
                no="Keep going",
            ),
            answer,
        )

    def action_back(self) -> None:
        if self.mode == "live":
            self.action_stop()
            return
        if self.mode == "summary" and not self.summary_saved:
            self.save_summary(leave=True)
            return
        self.app.pop_screen()

    # Another screen on top (help, palette, a dialog) pauses a running session. The
    # "terminal too small" notice does not: the timer keeps its time, as that notice says.
    def on_screen_suspend(self, _: events.ScreenSuspend) -> None:
        self.call_later(self._pause_if_covered)

    def _pause_if_covered(self) -> None:
        runner = self.runner
        if self.mode != "live" or runner is None or runner.state != "running":
            return
        if self.app.screen is self or type(self.app.screen).__name__ == "TooSmallScreen":
            return
        self._auto_paused = True
        self.handle(runner.pause())
        self.redraw()

    def on_screen_resume(self, _: events.ScreenResume) -> None:
        if self.mode == "live":
            self.redraw()

    # ---- the end ------------------------------------------------------------------------------
    def session_dict(self) -> dict[str, Any]:
        runner = self.runner
        assert runner is not None and self.started_at is not None
        end = runner.records[-1].end_s if runner.records else runner.now()
        header = self.session_header()
        header.update(
            ended_at=(self.started_at + timedelta(seconds=end)).isoformat(timespec="seconds"),
            status=runner.status or "stopped",
            stop_reason=runner.stop_reason,
            active_s=round(sum(r.active_s for r in runner.records), 3),
            phases=[r.to_dict() for r in runner.records],
        )
        return header

    def session_ended(self) -> None:
        if self.mode != "live":
            return
        self.mode = "summary"
        self.refresh_bindings()
        if self._safety is not None:
            self._safety.stop()
        if self._wake is not None:
            self._wake.stop()
        session = self.session_dict()
        self.saved = session
        app: Any = self.app
        store = app.store
        writer = self._writer

        def save() -> None:
            store.add_session(session)
            store.journal.clear()

        def done(_: object) -> None:
            with contextlib.suppress(RuntimeError):
                app.call_from_thread(self._saved)

        if writer is not None:
            writer.submit(save, on_done=done, on_error=self._journal_failed)
        self.sound("end", 3)
        self.query_one("#switcher", ContentSwitcher).current = "summary"
        self.query_one("#summary-text", Static).update(self.summary_text(session))
        self.query_one("#pain-after", Input).focus()

    def _saved(self) -> None:
        app: Any = self.app
        app.store_version += 1
        if self.saved is not None:
            self.query_one("#summary-text", Static).update(self.summary_text(self.saved))

    def summary_text(self, session: dict[str, Any]) -> str:
        from glute_tui.core.circuit import fmt_minutes

        status = {
            "completed": "[b]Session complete.[/b] Well done.",
            "stopped": "[b]Session stopped.[/b] What you did is saved.",
        }.get(session["status"], "")
        lines = [status, ""]
        lines += self.summary_lines(session)
        lines.append(f"Time: {fmt_minutes(session['active_s'])} of work and rest")
        return "\n".join(lines)

    def save_summary(self, leave: bool = False) -> None:
        if self.saved is None or self.summary_saved:
            if leave:
                self.app.pop_screen()
            return
        error = self.query_one("#summary-error", Static)
        try:
            pain_after = parse_score(self.query_one("#pain-after", Input).value, None)
            effort = parse_score(self.query_one("#effort", Input).value, None)
        except ValueError:
            if leave:  # leaving without valid answers: the session itself is already saved
                self.app.pop_screen()
                return
            error.update("Pain and effort are whole numbers from 0 to 10 (or leave them empty).")
            return
        error.update("")
        note = self.query_one("#note", Input).value.strip() or None
        fields = {"pain_after": pain_after, "effort": effort, "note": note}
        self.saved.update(fields)
        sid = self.session_id
        self.summary_saved = True
        app: Any = self.app
        writer = self._writer

        def update() -> None:
            app.store.update_session(sid, **fields)

        def done(_: object) -> None:
            with contextlib.suppress(RuntimeError):
                app.call_from_thread(self._summary_done, leave)

        # same ordered writer: the update lands after the session itself
        if writer is not None:
            writer.submit(update, on_done=done, on_error=self._journal_failed)
        self.query_one("#summary-hint", Static).update("Saved. Escape goes home.")
        if leave:
            self.app.pop_screen()

    def _summary_done(self, leave: bool) -> None:
        app: Any = self.app
        app.store_version += 1

    def on_unmount(self) -> None:
        """Leaving mid-session (another screen opened from the palette, the app closing):
        stop the session and save what was done, in order, before the writer ends."""
        runner, writer = self.runner, self._writer
        app: Any = self.app
        if self.mode == "live" and runner is not None and writer is not None:
            runner.stop("quit")
            self.mode = "summary"
            session = self.session_dict()
            store = app.store

            def save() -> None:
                store.add_session(session)
                store.journal.clear()

            writer.submit(save, on_error=self._journal_failed)
        if writer is not None:
            writer.close(timeout=5.0)


def _ceil(value: float) -> int:
    whole = int(value)
    return whole + 1 if value - whole > 1e-6 else whole
