"""The one live-session screen: it takes a routine (core/routines) and runs it.

Three views (ui/widgets/session_views.py): the check before, the live timer, the summary
after. The Runner owns time and the routine owns every rule and word; this screen polls
the runner, hands its events to a `Signals` object (bell and flash by default), journals
every phase through the app's one ordered writer, and redraws what changed. It names no
routine and holds no protocol rule.

Timing: one precise one-shot timer wakes the screen at the next moment anything changes
(a phase boundary or the shown second), plus a slow safety tick. Remaining time always
comes from the clock, so a late wake-up never shifts the schedule.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, Header, Static

from glute_tui.audio.signals import Signals as Audio
from glute_tui.core.routines import registry
from glute_tui.core.routines.base import (
    WORK_KINDS,
    Context,
    Routine,
    count_in_mark,
)
from glute_tui.core.runner import Event, PhaseRecord, Runner
from glute_tui.ui.access import glute_app
from glute_tui.ui.screens.live_end import LiveEnd
from glute_tui.ui.screens.live_keys import LiveKeys
from glute_tui.ui.screens.live_resume import LiveResume
from glute_tui.ui.screens.live_save import LiveSave
from glute_tui.ui.screens.live_start import LiveStart
from glute_tui.ui.signals import Signals, sound_signals
from glute_tui.ui.widgets.session_views import LiveView, SetupForm, SummaryForm

SAFETY_TICK_S = 0.5  # the slow safety poll; the precise wake-up does the real work
NOTE_S = 4.0  # a short line under the digits lasts this many session seconds
GENERAL_HELP = (
    " Before you start, rate your pain; do not train through pain. p notes pain at any "
    "time (above 5 ends the session); q asks why you stop and keeps everything done, the "
    "phase under way too. Every finished phase is saved as you go, so a crash never loses "
    "a rep; if the disk refuses a write, a line at the top says so, the session stays in "
    "memory and ctrl+s tries again. Another screen opened on top (help, palette) pauses the timer."
)


class LiveSessionScreen(LiveSave, LiveKeys, LiveEnd, LiveResume, LiveStart, Screen[None]):
    HELP_KEYS_NOW = True  # `?` lists every key that works here, and only those
    # no focus handed out on its own: after a dialog closes mid-session Textual would give it
    # to the first focusable widget, the hidden pain box, and it would swallow every key
    AUTO_FOCUS = ""  # (None would mean the app's own, "*")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle", "Pause"),  # while running; while paused the footer
        Binding("space", "go_on", "Resume"),  # says Resume (check_action offers one of them)
        Binding("n", "skip", "Skip"),
        Binding("q", "stop", "Stop"),
        Binding("p", "pain", "Pain"),
        Binding("m", "mute", "Mute"),
        Binding("v", "voice", "Voice", show=False),  # in `?`: the Footer is full at 80 columns
        Binding("plus,equals_sign", "adjust(1)", "Rest", key_display="+"),
        Binding("minus", "adjust(-1)", "Rest", key_display="-"),
        Binding("g", "glutes_stopped", "Glutes stopped"),
        # a user-paced set's load (single-leg): in `?` and on the set's own line; the Footer is full
        Binding("k", "load", "Load kg", show=False),
        Binding("enter", "ready", "Ready"),
        Binding("escape", "back", "Back (a running session: asks why you stop)", show=False),
        Binding("ctrl+r", "resume", "Resume last"),
        # a user-paced set: type the reps done, Enter logs them (0 carries the help line)
        *(
            Binding(str(d), f"digit({d})", "Reps done: type them" if d == 0 else "", show=False)
            for d in range(10)
        ),
        Binding("backspace", "digit_back", "Reps done: take back a digit", show=False),
        Binding("ctrl+o", "forget", "Forget it"),  # works from the focused pain box too
        Binding("ctrl+s", "retry_save", "Save", priority=True),  # only when not saved
    ]

    def __init__(self, routine: str | Routine, signals: Signals | None = None) -> None:
        super().__init__()
        found = registry.get(routine) if isinstance(routine, str) else routine
        if found is None:
            raise ValueError(f"no routine {routine!r}")
        self.routine: Routine = found
        self.audio: Audio | None = None  # tones and voice (glute_tui/audio) by default
        if signals is None:
            signals, self.audio = sound_signals(self, lambda: self.muted, self._phase_of)
        self.signals: Signals = signals
        self.runner: Runner | None = None
        self.mode = "setup"  # setup | live | summary
        self.session_id = ""
        self.started_at: datetime | None = None
        self.pain_before: int | None = None
        self.pain_during: int | None = None
        self.pain_override = False
        self.resume_of: str | None = None
        self.saved: dict[str, Any] | None = None
        self.summary_saved = False
        self.index_base = 0  # timeline index 0 of a resumed session in the original one
        self.can_start = False
        self._said_elsewhere = False
        self._ctx: tuple[int, Context] | None = None
        self._wake: Timer | None = None
        self._wake_due = 0.0
        self._wakes = 0  # wake-ups set so far: only the newest may tick
        self._last_key: tuple[object, ...] = ()
        self._safety: Timer | None = None
        self._offered: object = None
        self._pending_resume: dict[str, Any] | None = None
        self._beeped: set[tuple[int, int]] = set()
        self._note, self._note_until = "", 0.0
        self._view_widget: LiveView | None = None
        self.reps_typed: int | None = None  # reps typed during a user-paced set
        self.load_typed: float | None = None  # its load in kg (`k`), None: bodyweight

    @property
    def HELP(self) -> str:  # type: ignore[override]  # `?` reads it
        return self.routine.help + GENERAL_HELP

    @property
    def bells(self) -> list[str]:
        return list(getattr(self.signals, "bells", []))

    @property
    def muted(self) -> bool:
        store = glute_app(self).store
        return bool(store is not None and store.settings().get("muted"))

    def _phase_of(self, index: int) -> tuple[str, str | None]:
        """(kind, side) of phase `index` of the running timeline, for the tone."""
        assert self.runner is not None
        spec = self.runner.specs[index]
        return spec.kind, spec.side

    def ctx(self) -> Context:
        """What the routine reads, rebuilt only when the store changed."""
        app = glute_app(self)
        version = app.store_version
        if self._ctx is None or self._ctx[0] != version:
            store = app.loaded_store
            from glute_tui.ui.today_state import load_for

            ctx = Context(
                store.plan(),
                dict(store.settings()),
                app.library,
                app.protocols,
                app.now().date(),
                tuple(store.rows()),
                *load_for(store, version, app.now().date()),  # the programme's load step
            )
            self._ctx = (version, ctx)
        return self._ctx[1]

    # ---- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        unsaved = Static("", id="unsaved", classes="notice")  # issue 10: not on disk yet
        unsaved.display = False
        yield unsaved
        with ContentSwitcher(initial="setup", id="switcher"):
            yield SetupForm(id="setup", classes="session-view")
            yield LiveView(id="live", classes="session-view")
            yield SummaryForm(id="summary", classes="session-view")
        # ctrl+p is in `?` help: its footer hint would push the keys past 80 columns
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = self.routine.title
        self.watch(self.app, "store_version", self._store_changed)
        if self.audio is not None:  # the tone files, written once, off the event loop
            self.run_worker(self.audio.prepare, thread=True)
        self.query_one("#pain-before").focus()

    # ---- starting -------------------------------------------------------------------------
    def on_setup_form_start_requested(self, _: SetupForm.StartRequested) -> None:
        self.try_start()

    def try_start(self, resume: dict[str, Any] | None = None) -> None:
        """The checks (live_start.py), then start (or resume `resume`, a cut-short
        session's state)."""
        if self.mode != "setup" or glute_app(self).store is None:
            return
        form = self.query_one(SetupForm)
        self._pending_resume = resume
        stop = self._red_flag()
        if stop is not None:
            form.error(stop)  # red flags override everything, a resume included
            return
        try:
            pain, injury = form.answers()
        except ValueError as exc:
            form.error(str(exc))
            return
        form.error("")
        if resume is None and not self.can_start:
            self.begin()  # nothing to start: it says why
            return
        if pain is None and resume is not None:  # resuming: the answer given before stands
            rec = self._recovered()
            pain = rec.session.pain_before if rec is not None else None
        self.pain_before = pain  # None: not answered (never 0)
        self.check_safety(injury)  # safety screen, pause, injury, pain: then it starts

    def _start_pending(self) -> None:
        resume = self._pending_resume
        if resume is not None:
            rec = self._recovered()
            self.resume_of = rec.session.id if rec is not None else None
        self.begin(resume=resume)

    def begin(self, resume: dict[str, Any] | None = None) -> None:
        planned = self._plan_run(resume)
        if isinstance(planned, str):
            self.query_one(SetupForm).error(planned)
            return
        timeline, full, budget = planned
        app = glute_app(self)
        if app.recovered is not None and app.recovered.session.routine == self.routine.id:
            self._forget_recovered()  # the offer is spent once a new session starts
        self.runner = Runner(timeline, app.clock, budget_s=budget)
        self.session_id = uuid.uuid4().hex[:12]
        self.started_at = app.now()
        header = self.session_header()
        state = {"routine": self.routine.id, "timeline": full.to_dict(), "next_index": 0}
        self.journal_write(lambda s: s.journal.begin(header, resume=state))
        self.mode = "live"
        self.query_one("#switcher", ContentSwitcher).current = "live"
        self.set_focus(None)
        self._safety = self.set_interval(SAFETY_TICK_S, self.tick)
        self.handle(self.runner.start())
        self.redraw()

    # ---- the clock -----------------------------------------------------------------------
    def tick(self) -> None:
        runner = self.runner
        if runner is None or self.mode != "live":
            return
        evs = runner.poll()
        self.handle(evs)
        if self.audio is not None and self.audio.launcher.children:
            self.audio.reap()  # finished players collected, a hung one killed
        idle = self._wake is not None or runner.state != "running"
        if not evs and idle and self.draw_key() == self._last_key:
            return  # nothing the user can see has changed
        self.redraw()

    def draw_key(self) -> tuple[object, ...]:
        """Everything the live view shows changes only when this does."""
        runner = self.runner
        assert runner is not None
        app = glute_app(self)
        paced = runner.current is not None and runner.current.paced
        shown = runner.elapsed() if paced else runner.remaining()
        return (runner.index, runner.state, _ceil(shown), runner.reps_done(), app.store_version)

    def _schedule(self) -> None:
        runner = self.runner
        delay = runner.next_change(1.0) if runner is not None and self.mode == "live" else None
        if delay is None or runner is None:
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
        self._wakes += 1
        n = self._wakes
        self._wake = self.set_timer(max(delay, 0.0005), lambda: self._woken(n))

    def _woken(self, n: int) -> None:
        # Textual queues a timer's callback on the screen: one stopped after it fired (the
        # safety tick got in first and moved the wake-up) still runs, and must not start a
        # second chain of wake-ups beside the one that replaced it
        if n != self._wakes or self._wake is None:
            return
        self._wake = None
        self.tick()

    def handle(self, evs: list[Event]) -> None:
        """Events become signals (sound, flash) and journal writes."""
        if not evs:
            return
        runner = self.runner
        for ev in evs:
            if ev.kind == "phase_ended" and ev.record is not None:
                self.journal_phase(ev.record)
            elif ev.kind == "phase_started" and runner is not None:
                self._note = ""
                self.reps_typed = None
                self.load_typed = None
                if runner.current is not None and runner.index == ev.index:
                    self.signals.phase_started(self.routine.view(runner, self.ctx()), ev)
            elif ev.kind == "session_ended":
                self.session_ended()
        self._refresh_keys()

    def _refresh_keys(self) -> None:
        """The footer rebuilds itself: only when the keys on offer change."""
        runner = self.runner if self.mode == "live" else None
        keys = ("more", "less", "glutes_stopped", "ready")
        offered: tuple[object, ...] = (
            self.mode,
            runner.state if runner else None,
            *(self.routine.offers(a, runner) for a in keys),
        )
        if runner is not None and runner.current is not None:
            offered += (runner.current.paced,)
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    def journal_phase(self, record: PhaseRecord) -> None:
        phase = record.to_dict()
        nxt = self.index_base + record.index + 1
        # a failed write keeps the phase in memory: this append writes it again with the rest
        self.journal_write(lambda s: s.journal.append(phase, next_index=nxt))

    def say(self, text: str) -> None:
        """A short line under the digits that fades after a few (session) seconds."""
        self._note = text
        self._note_until = (self.runner.now() if self.runner else 0.0) + NOTE_S
        self.redraw()

    def unflash(self) -> None:
        unflash = getattr(self.signals, "unflash", None)
        if unflash is not None:
            unflash()

    # ---- drawing ---------------------------------------------------------------------------
    def redraw(self) -> None:
        runner = self.runner
        if runner is None or self.mode != "live" or runner.current is None:
            return
        self._last_key = self.draw_key()
        mark = count_in_mark(runner)
        if mark is not None and (runner.index, mark) not in self._beeped:
            self._beeped.add((runner.index, mark))
            self.signals.count_in(mark)
        view = self.routine.view(runner, self.ctx())
        note = self._note if self._note and runner.now() < self._note_until else ""
        total = runner.planned_total() or 1.0
        done = sum(r.spec.planned_s for r in runner.records) + runner.elapsed()
        self._live_view().show(
            view,
            paused=runner.state == "paused",
            pct=min(100, round(100 * done / total)),
            cue=self.cue_text(view.cue_role),
            extra=note or view.extra,
        )
        self._schedule()

    def _live_view(self) -> LiveView:
        if self._view_widget is None:
            self._view_widget = self.query_one(LiveView)
        return self._view_widget

    def cue_text(self, role: str) -> str:
        runner = self.runner
        spec = runner.current if runner is not None else None
        if runner is None or spec is None or spec.exercise is None:
            return ""
        app = glute_app(self)
        cues = self.routine.pick_cues(app.cues_for(spec.exercise), role)  # edits show at once
        if not cues:
            return ""
        # one cue per counted rep of a timed squeeze, else a new one every 5 s
        squeeze = spec.kind in WORK_KINDS and spec.tempo is None and spec.set > 0
        turn = spec.set if squeeze else int(runner.elapsed() // 5)
        return f"“{cues[turn % len(cues)]}”"


def _ceil(value: float) -> int:
    whole = int(value)
    return whole + 1 if value - whole > 1e-6 else whole
