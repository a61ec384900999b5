"""The live-session screen's keys and its stop questions (mixed into LiveSessionScreen in
live.py, which owns the views, the clock and the journal; the end is live_end.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events

from glute_tui.core.records import MAX_REPS
from glute_tui.core.routines.base import logged_words, mmss, pain_stop_words
from glute_tui.core.runner import GLUTES_STOPPED
from glute_tui.ui.screens.live_host import LiveHost
from glute_tui.ui.widgets.session_dialogs import PainDialog, StopDialog

if TYPE_CHECKING:
    pass

ADJUST = {1: "more", -1: "less"}


class LiveKeys(LiveHost):
    """Mixin: every key of the live screen and the stop dialog flow."""

    # ---- which keys work now ------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        runner = self.runner if self.mode == "live" else None
        live = runner is not None
        current = runner.current if runner is not None else None
        if action == "resume" or action == "forget":
            return self.mode == "setup" and self._recovered() is not None
        if action == "toggle":
            return live and runner is not None and runner.state != "paused"
        if action == "go_on":
            return live and runner is not None and runner.state == "paused"
        if action in ("skip", "stop", "pain"):
            return live
        if action == "adjust":
            step = parameters[0] if parameters else None  # adjust(1) / adjust(-1)
            name = ADJUST.get(step) if isinstance(step, int) else None
            if self.mode == "summary" or name is None:
                return False
            if self.mode == "setup" and not getattr(self, "can_start", False):
                return False  # nothing to start (a red flag, the cap used up): no settings
            return bool(self.routine.offers(name, self.runner if live else None))
        if action in ("digit", "digit_back"):
            return live and current is not None and current.paced
        if action == "glutes_stopped":
            return live and self.routine.offers("glutes_stopped", self.runner)
        if action == "load":
            return live and self.routine.offers("load", self.runner)
        if action == "ready":
            paced = current is not None and current.paced
            return live and (paced or self.routine.offers("ready", self.runner))
        return True

    # ---- live keys ------------------------------------------------------------------------
    # Textual's DOMNode has an action_toggle(attribute_name) of its own; our space key's
    # "toggle" (pause/resume) predates it and is bound by that name
    def action_toggle(self) -> None:  # type: ignore[override]
        if self.mode == "live" and self.runner is not None:
            self.handle(self.runner.toggle())
            self.redraw()

    def action_go_on(self) -> None:  # space while paused (the footer says Resume)
        self.action_toggle()

    def action_skip(self) -> None:
        if self.mode == "live" and self.runner is not None:
            self.handle(self.runner.skip())
            self.redraw()

    def action_mute(self) -> None:
        muted = not self.muted
        self.glute().write(lambda s: s.set_setting("muted", muted))
        if self.audio is not None:
            self.audio.set_muted(muted)
        self.notify("Sound off" if muted else "Sound on", timeout=2)

    def action_voice(self) -> None:
        """v: spoken cues on or off (saved). Mute silences them too."""
        audio = self.audio
        on = not (audio.voice if audio is not None else self._saved_voice())
        if audio is not None:
            audio.set_voice(on)
        self.glute().write(lambda s: s.set_setting("voice", on))
        words = "Voice on" if on else "Voice off"
        if on and audio is not None and audio.engine is None:
            words += ": no speech engine found (espeak-ng, spd-say or say)"
        self.notify(words, timeout=3)

    def _saved_voice(self) -> bool:
        store = self.glute().store
        return bool(store is not None and store.settings().get("voice") is True)

    def action_adjust(self, delta: int) -> None:
        runner = self.runner if self.mode == "live" else None
        got = self.routine.adjust(runner, self.ctx(), delta)
        if got is None:
            return
        for key, value in got.settings.items():
            self._save_setting(key, value)
        if self.mode == "live":
            self.say(got.message) if got.message else self.say("")
        elif got.message:
            self.notify(got.message, timeout=2)

    def _save_setting(self, key: str, value: object) -> None:
        self.glute().write(lambda s: s.set_setting(key, value))

    def action_glutes_stopped(self) -> None:
        runner = self.runner
        if (
            self.mode != "live"
            or runner is None
            or not self.routine.offers("glutes_stopped", runner)
        ):
            return
        paced = runner.current is not None and runner.current.paced  # the reps typed count
        typed = (self.reps_typed, self.load_typed) if paced else (None, None)
        evs = runner.skip(ended_by=GLUTES_STOPPED, reps=typed[0], load_kg=typed[1])
        self.handle(evs)
        record = next((e.record for e in evs if e.kind == "phase_ended" and e.record), None)
        if record is not None and self.mode == "live":
            name = self.ctx().name(record.spec.exercise) or "that drill"
            self.say(logged_words(record, name))
        self.redraw()

    def action_load(self) -> None:
        """k during a user-paced set: its load in kilograms (empty: bodyweight)."""
        from glute_tui.ui.widgets.load_dialog import Load, LoadDialog

        if not self.check_action("load", ()):
            return
        was_running = self._hold_still()  # the time in the box is a pause, then it goes on

        def answer(got: Load | None) -> None:
            if self.mode != "live":
                return
            self._go_on(was_running)
            if got is None:
                return  # escape: the load stays as it was
            self.load_typed = got.kg
            if got.kg is None:
                self.say("Bodyweight for this set. Enter logs it.")
            else:
                self.say(f"Load {got.kg:g} kg for this set. Enter logs it.")

        self.app.push_screen(LoadDialog(self.load_typed), answer)

    def action_ready(self) -> None:
        runner = self.runner
        if self.mode != "live" or runner is None or runner.current is None:
            return
        if not self.check_action("ready", ()):
            return
        if runner.state == "paused":
            self.handle(runner.resume())
        if runner.current.paced:  # a user-paced set: the reps typed, else its target
            typed = self.reps_typed
            reps = typed if typed is not None else runner.current.reps
            self.handle(runner.done(reps=reps, load_kg=self.load_typed))
            self.redraw()
            return
        evs = runner.ready()
        if not evs:
            wait = runner.ready_in() or 0.0
            self.say(f"Rest a little longer: Enter lets you start after {mmss(wait)}.")
            return
        self.handle(evs)
        self.redraw()

    def action_digit(self, digit: int) -> None:
        """A digit during a user-paced set: the reps done so far (Enter logs them)."""
        runner = self.runner
        if self.mode != "live" or runner is None or runner.current is None:
            return
        if not runner.current.paced:
            return
        typed = self.reps_typed
        value = digit if typed is None else typed * 10 + digit
        if value > MAX_REPS:  # refused: the number typed so far stays
            return self.say(f"Reps done: at most {MAX_REPS} in a set; {typed} kept.")
        self.reps_typed = value
        self.say(f"Reps done: {value}. Enter logs them.")

    def action_digit_back(self) -> None:
        """Backspace during a user-paced set: the last digit typed is taken back."""
        typed = self.reps_typed
        if self.mode != "live" or typed is None:
            return
        value = typed // 10 if typed >= 10 else None
        self.reps_typed = value
        self.say(
            f"Reps done: {value}. Enter logs them."
            if value is not None
            else "No reps typed: Enter logs the set's target."
        )

    # ---- stopping: why, and pain ------------------------------------------------------------
    def _hold_still(self) -> bool:
        """Pause a running session while a question is open; True when it was running."""
        runner = self.runner
        was_running = runner is not None and runner.state == "running"
        if runner is not None and was_running:
            self.handle(runner.pause())
            self.redraw()
        return was_running

    def _go_on(self, was_running: bool) -> None:
        if self.runner is not None and self.mode == "live" and was_running:
            self.handle(self.runner.resume())
        self.redraw()

    def action_stop(self, then: Callable[[], None] | None = None) -> None:
        """q: why stop? (p pain, f form lost, t out of time, o other; escape keeps going)."""
        if self.mode != "live" or self.runner is None:
            return
        was_running = self._hold_still()

        def answer(reason: str | None) -> None:
            if self.runner is None or self.mode != "live":
                return
            if reason is None:
                self._go_on(was_running)
            elif reason == "pain":
                self.glute().push_screen(PainDialog(), lambda p: pain(p))
            else:
                self.stop_session(reason, then)

        def pain(value: int | None) -> None:
            if value is None:
                self._go_on(was_running)
                return
            self.pain_during = max(value, self.pain_during or 0)
            self.stop_session("pain", then)

        self.glute().push_screen(StopDialog(), answer)

    def action_pain(self) -> None:
        """p: note pain now; 5 or less keeps going, above 5 stops for today."""
        if self.mode != "live" or self.runner is None:
            return
        was_running = self._hold_still()

        def answer(value: int | None) -> None:
            if value is None or self.runner is None or self.mode != "live":
                self._go_on(was_running)
                return
            peak = max(value, self.pain_during or 0)
            self.pain_during = peak
            if pain_stop_words(value) is not None:
                self.stop_session("pain")
                return
            self.journal_write(lambda s: s.journal.update(pain_during=peak))
            self.say(f"Pain {value} of 10 noted. Stop (q) if it climbs above 5.")
            self._go_on(was_running)

        self.glute().push_screen(PainDialog("How bad is the pain right now?"), answer)

    def stop_session(self, reason: str, then: Callable[[], None] | None = None) -> None:
        runner = self.runner
        if runner is not None and self.mode == "live":
            reps, load = self.reps_typed, self.load_typed  # a user-paced set
            self.handle(runner.stop(reason, keep_current=True, reps=reps, load_kg=load))
        if then is not None:
            then()

    def confirm_leave(self, then: Callable[[], None]) -> bool:
        """Leaving by the palette or ctrl+q: a running session asks why first, then `then`
        runs. False when there is nothing to ask (leave at once)."""
        if self.mode != "live" or self.runner is None:
            return False
        if isinstance(self.glute().screen, (StopDialog, PainDialog)):
            return True  # already asking: answer that question first
        self.action_stop(then=then)
        return True

    def action_back(self) -> None:
        if self.mode == "live":
            self.action_stop()
            return
        if self.mode == "summary":
            self.save_summary(leave=True)  # what was typed since is saved too
            return
        self.glute().pop_screen()

    # Another screen on top (help, palette, a dialog) pauses a running session. The
    # "terminal too small" notice does not: the timer keeps its time, as that notice says.
    def on_screen_suspend(self, _: events.ScreenSuspend) -> None:
        self.call_later(self._pause_if_covered)

    def _pause_if_covered(self) -> None:
        runner = self.runner
        if self.mode != "live" or runner is None or runner.state != "running":
            return
        screen: object = self.glute().screen
        if screen is self or type(screen).__name__ == "TooSmallScreen":
            return
        self.handle(runner.pause())
        self.redraw()

    def on_screen_resume(self, _: events.ScreenResume) -> None:
        if self.mode == "live":
            self.redraw()
