"""The dynamic circuit (Protocol 2): paced drills, rest windows, a hard daily cap."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Static

from glute_tui.core.circuit import (
    CircuitPlan,
    CircuitSettings,
    circuit_used_today,
    fmt_minutes,
    plan_circuit,
)
from glute_tui.core.plan import Plan
from glute_tui.core.runner import GLUTES_STOPPED, OUT_OF_TIME, Event
from glute_tui.core.timeline import PhaseSpec, Timeline, build_circuit_timeline
from glute_tui.ui.screens.session import LiveSessionScreen, side_words

#: this many early stops in a row suggest ending for today
EARLY_STOPS_TO_SUGGEST_END = 3
PACER_CLASSES = ("phase-lift", "phase-top", "phase-lower")


def mmss(seconds: float) -> str:
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"


class CircuitScreen(LiveSessionScreen):
    ROUTINE = "circuit"
    HELP = (
        "The dynamic circuit: a bird-dog warm-up, then side-lying hip abduction, clamshell, "
        "quadruped hip extension and lateral sumo walk, weaker side first. Move with the "
        "pacer (lift, hold, lower). Press g the moment your glutes stop doing the work: the "
        "drill ends and the app moves on. Between rounds you rest 1 to 2 minutes: Enter when "
        "ready (after the minimum), + for 15 s more. The circuit never runs past today's "
        "cap (10 minutes unless you set less): more is not better."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "glutes_stopped", "Glutes stopped"),
        Binding("enter", "ready", "Ready"),
        Binding("plus,equals_sign", "more_rest", "+15 s", key_display="+"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.plan_result: CircuitPlan | None = None
        self.early_in_a_row = 0
        self.budget: float | None = None
        self._note_line = ""
        self._note_until = 0.0

    # ---- plan -------------------------------------------------------------------------------
    def _settings(self) -> CircuitSettings:
        app: Any = self.app
        raw = app.store.settings() if app.store else {}
        return CircuitSettings.from_settings(raw, app.protocols.circuit)

    def _used_today(self) -> float:
        app: Any = self.app
        return circuit_used_today(app.store.rows(), app.now().date()) if app.store else 0.0

    def _plan(self) -> CircuitPlan | None:
        app: Any = self.app
        if app.store is None:
            return None
        plan: Plan = app.store.plan()
        return plan_circuit(
            plan, app.library, app.protocols.circuit, self._settings(), self._used_today()
        )

    def build(self) -> tuple[Timeline, dict[str, Any]] | None:
        result = self._plan()
        if result is None or result.timeline is None:
            if result is not None:
                self.query_one("#setup-error", Static).update(result.message())
            return None
        self.plan_result = result
        self.budget = result.left_s
        app: Any = self.app
        plan: Plan = app.store.plan()
        s = self._settings()
        return result.timeline, self._resume_state(s, plan.circuit_sides, result.rounds)

    def _resume_state(
        self, s: CircuitSettings, sides: tuple[str, ...], rounds: int
    ) -> dict[str, Any]:
        return {
            "routine": "circuit",
            "settings": {"reps": s.reps, "rest_s": s.rest_s, "tempo_scale": s.tempo_scale},
            "sides": list(sides),
            "rounds": rounds,
            "next_index": 0,
        }

    def runner_budget(self) -> float | None:
        return self.budget

    def prepare_s(self) -> float:
        app: Any = self.app
        return float(app.protocols.circuit.prepare_s)

    def build_resumed(self, resume: dict[str, Any]) -> tuple[Timeline, dict[str, Any]] | None:
        app: Any = self.app
        raw = resume.get("settings", {})
        s = CircuitSettings(int(raw.get("reps", 8)), float(raw.get("rest_s", 90)), 10, 3).clamped(
            app.protocols.circuit
        )
        sides = tuple(x for x in resume.get("sides", []) if x in ("left", "right")) or (
            "left",
            "right",
        )
        rounds = max(1, min(3, int(resume.get("rounds", 1))))
        full = build_circuit_timeline(
            Plan(hold_sides=sides, circuit_sides=sides),
            app.library,
            app.protocols.circuit,
            rounds,
            s.rest_s,
            reps=s.reps,
            tempo_scale=s.tempo_scale,
        )
        left = max(0.0, self._settings().cap_min * 60 - self._used_today())
        if left <= 0:
            self.query_one("#setup-error", Static).update(
                "Today's circuit time is used up, so there is nothing to resume today."
            )
            return None
        timeline = self.slice_from(full, int(resume.get("next_index", 0)), "work")
        if timeline is None:
            return None
        self.budget = left
        return timeline, self._resume_state(s, sides, rounds)

    def setup_text(self) -> str:
        app: Any = self.app
        result = self._plan()
        if result is None:
            return "Loading your plan…"
        plan: Plan = app.store.plan()
        s = self._settings()
        sides = plan.circuit_sides
        side_line = (
            f"{sides[0].upper()} side only"
            if len(sides) == 1
            else f"both sides, {sides[0].upper()} first"
        )
        used = self._used_today()
        lines = [
            "[b]Dynamic circuit[/b] — bird-dog warm-up, then four drills a round",
            f"Sides: {side_line}  ·  {s.reps} reps a drill  ·  rest "
            f"{mmss(app.protocols.circuit.rest_min_s)}-{mmss(app.protocols.circuit.rest_max_s)}",
            f"Today: {fmt_minutes(used)} used of your {fmt_minutes(result.cap_s)} cap",
            f"[b]{result.message()}[/b]",
        ]
        if plan.needs_assessment:
            lines.append(
                "[b]No self-assessment yet[/b], so both sides get the work. "
                "Take it to find your weak side."
            )
        hint = self.query_one("#start-hint", Static)
        hint.update(
            "Press Enter to start. Tab moves between the boxes; escape goes back."
            if result.fits
            else "Nothing to start today. Escape goes back."
        )
        return "\n".join(lines)

    # ---- how phases read --------------------------------------------------------------------
    def _drill_name(self, spec: PhaseSpec) -> str:
        app: Any = self.app
        ex = app.library.get(spec.exercise) if spec.exercise else None
        return ex.name if ex else ""

    def _pacer(self, spec: PhaseSpec) -> tuple[int, str]:
        """(segment 0-2, word) of the pacer in the rep being done."""
        runner = self.runner
        assert runner is not None and spec.tempo is not None
        app: Any = self.app
        ex = app.library.get(spec.exercise) if spec.exercise else None
        words = ex.pacer if ex else ("LIFT", "HOLD", "LOWER")
        rep_len = sum(spec.tempo)
        t = runner.elapsed() % rep_len if rep_len else 0.0
        seg = 0
        acc = 0.0
        for i, part in enumerate(spec.tempo):
            acc += part
            if t < acc - 1e-6:
                seg = i
                break
        else:
            seg = 2
        return seg, words[seg]

    def banner_for(self, spec: PhaseSpec) -> tuple[str, str]:
        if spec.kind == "work":
            if self.runner is not None and self.runner.current is spec:
                seg, word = self._pacer(spec)
                return f"{word}…", PACER_CLASSES[seg]
            return "WORK", "phase-work"
        return {
            "prepare": ("GET READY", "phase-ready"),
            "round_rest": ("REST", "phase-rest"),
            "switch": ("SWITCH", "phase-switch"),
            "transition": ("GET IN POSITION", "phase-switch"),
        }.get(spec.kind, (spec.kind.upper(), "phase-ready"))

    def where_for(self, spec: PhaseSpec) -> str:
        name = self._drill_name(spec)
        warm = " (warm-up)" if spec.exercise == "bird_dog" else ""
        if spec.kind == "round_rest":
            return f"Round {spec.set} done. Breathe, shake out, sip water."
        if spec.kind == "switch":
            return f"Other side: {side_words(spec.side)} — {name}{warm}"
        return f"{name}{warm} — {side_words(spec.side)}"

    def counts_for(self, spec: PhaseSpec) -> str:
        runner = self.runner
        rounds = spec.groups or (self.plan_result.rounds if self.plan_result else 1)
        rnd = (
            "warm-up"
            if spec.group == 0 and spec.kind != "round_rest"
            else f"round {spec.group}/{rounds}"
        )
        if spec.kind == "work" and spec.reps and runner is not None and runner.current is spec:
            done = runner.reps_done() or 0
            return f"rep {min(done + 1, spec.reps)} of {spec.reps}   ·   {rnd}"
        return rnd

    def big_for(self, spec: PhaseSpec) -> str:
        runner = self.runner
        assert runner is not None
        if spec.kind == "work" and spec.reps:
            done = runner.reps_done() or 0
            return str(min(done + 1, spec.reps))
        if spec.kind == "round_rest":
            return mmss(runner.remaining())
        return super().big_for(spec)

    def extra_for(self, spec: PhaseSpec) -> str:
        runner = self.runner
        assert runner is not None
        if self._note_line and runner.now() < self._note_until:
            return self._note_line
        if spec.kind == "round_rest":
            ready_in = runner.ready_in() or 0.0
            more = (
                "+ adds 15 s"
                if spec.max_s is not None and spec.planned_s < spec.max_s
                else "longest rest"
            )
            starts = f"starts in {mmss(runner.remaining())}"
            if ready_in > 0:
                return f"{starts}  ·  ready from {mmss(ready_in)}  ·  {more}"
            return f"{starts}  ·  [b]Enter when ready[/b]  ·  {more}"
        if spec.kind == "work":
            if self.early_in_a_row >= EARLY_STOPS_TO_SUGGEST_END:
                return (
                    f"Your glutes stopped {self.early_in_a_row} drills in a row. "
                    "Ending for today (q) is a good choice."
                )
            return "g when your glutes stop working"
        return ""

    def display_step(self) -> float:
        return 1.0

    # ---- events -------------------------------------------------------------------------------
    def on_runner_events(self, evs: list[Event]) -> None:
        for ev in evs:
            if ev.kind == "phase_ended" and ev.record is not None and ev.record.spec.kind == "work":
                if ev.record.ended_by == GLUTES_STOPPED:
                    self.early_in_a_row += 1
                else:
                    self.early_in_a_row = 0
            if ev.kind == "phase_started":
                self._note_line = ""

    def _say(self, text: str, seconds: float = 4.0) -> None:
        """A short line under the digits that fades after a few (session) seconds."""
        self._note_line = text
        self._note_until = (self.runner.now() if self.runner else 0.0) + seconds

    # ---- keys ---------------------------------------------------------------------------------
    def bindings_key(self, spec: PhaseSpec) -> object:
        return (self.mode, spec.kind if spec.kind in ("work", "round_rest") else "other")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        current = self.runner.current if self.runner is not None else None
        if action == "glutes_stopped":
            return self.mode == "live" and current is not None and current.kind == "work"
        if action in ("ready", "more_rest"):
            return self.mode == "live" and current is not None and current.kind == "round_rest"
        return super().check_action(action, parameters)

    def action_glutes_stopped(self) -> None:
        runner = self.runner
        if self.mode != "live" or runner is None or runner.current is None:
            return
        if runner.current.kind != "work":
            return
        self.handle(runner.skip(ended_by=GLUTES_STOPPED))
        self.redraw()

    def action_ready(self) -> None:
        runner = self.runner
        if self.mode != "live" or runner is None or runner.current is None:
            return
        if runner.current.kind != "round_rest":
            return
        if runner.state == "paused":
            self.handle(runner.resume())
        events = runner.ready()
        if not events:
            wait = runner.ready_in() or 0.0
            self._say(f"Rest a little longer: ready from {mmss(wait)}.")
            self.redraw()
            return
        self.handle(events)
        self.redraw()

    def action_more_rest(self) -> None:
        runner = self.runner
        if self.mode != "live" or runner is None or runner.current is None:
            return
        spec = runner.current
        if spec.kind != "round_rest" or spec.max_s is None:
            return
        step = 15.0
        app: Any = self.app
        step = float(app.protocols.circuit.rest_step_s or 15.0)
        budget = self.budget
        planned_left = runner.planned_total() - sum(r.active_s for r in runner.records)
        done = sum(r.active_s for r in runner.records)
        if budget is not None and done + planned_left + step > budget + 1e-6:
            self._say("No more rest fits in today's cap.")
        elif spec.planned_s >= spec.max_s:
            self._say(f"Rest is at its longest ({mmss(spec.max_s)}).")
        else:
            runner.adjust_current(step)
            self._note_line = ""
        self.redraw()

    # ---- summary ------------------------------------------------------------------------------
    def summary_lines(self, session: dict[str, Any]) -> list[str]:
        phases = session["phases"]
        lines: list[str] = []
        if session.get("stop_reason") == OUT_OF_TIME:
            lines.append(
                "Today's circuit time is used up, so the session ended here. "
                "That is the most your glutes need today."
            )
        reps: dict[str, int] = {}
        for p in phases:
            if p["kind"] == "work" and p["exercise"] != "bird_dog" and p["reps"]:
                reps[p["side"]] = reps.get(p["side"], 0) + p["reps"]
        lines.append(
            "Reps: " + ("   ".join(f"{k.upper()} {v}" for k, v in sorted(reps.items())) or "none")
        )
        rounds = {p["set"] for p in phases if p["kind"] == "work" and p["exercise"] != "bird_dog"}
        lines.append(f"Rounds started: {len(rounds)}")
        early = sum(1 for p in phases if p.get("ended_by") == GLUTES_STOPPED)
        if early:
            lines.append(
                f"Early stops (glutes stopped): {early}. Stopping on time is good practice."
            )
        used = self._used_today()
        app: Any = self.app
        if app.store is not None and not any(
            r.get("id") == session["id"] for r in app.store.rows()
        ):
            used += session.get("active_s", 0.0)
        lines.append(
            f"Circuit today: {fmt_minutes(used)} of {fmt_minutes(self._settings().cap_min * 60)}"
        )
        if session.get("pain_override"):
            lines.append("You chose to train despite pain; that choice is in your log.")
        return lines

    def resume_offer(self) -> str | None:
        rec = self._recovered()
        if rec is None:
            return None
        s = rec["session"]
        drills = sum(1 for p in s["phases"] if p["kind"] == "work")
        return (
            f"Your circuit from {s['started_at'][11:16]} was cut short after {drills} "
            f"drill{'' if drills == 1 else 's'}. "
            "What you did is saved. Press [b]ctrl+r[/b] to pick up from the next drill "
            "(within today's cap)."
        )
