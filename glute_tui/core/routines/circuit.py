"""The dynamic circuit (Protocol 2): paced drills, rest windows, a hard daily cap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from glute_tui.core.circuit import (
    CircuitSettings,
    circuit_used_today,
    fmt_minutes,
    plan_circuit,
)
from glute_tui.core.routines.base import (
    Adjusted,
    Built,
    Context,
    PhaseView,
    Refusal,
    big_number,
    cue_role,
    cues_for_role,
    in_a_row,
    mmss,
    side_words,
    step_fits,
)
from glute_tui.core.routines.catalogue import ABOUT
from glute_tui.core.runner import Runner
from glute_tui.core.runner_events import GLUTES_STOPPED, OUT_OF_TIME
from glute_tui.core.timeline import PhaseSpec

#: this many early stops in a row suggest ending for today
EARLY_STOPS_TO_SUGGEST_END = 3
PACER_CLASSES = ("phase-lift", "phase-top", "phase-lower")
BANNERS = {
    "prepare": ("GET READY", "phase-ready"),
    "round_rest": ("REST", "phase-rest"),
    "switch": ("SWITCH", "phase-switch"),
    "transition": ("GET IN POSITION", "phase-switch"),
    "work": ("WORK", "phase-work"),
}


def pacer(runner: Runner, words: tuple[str, str, str]) -> tuple[int, str]:
    """(segment 0-2, word) of the pacer in the rep being done."""
    spec = runner.current
    assert spec is not None and spec.tempo is not None
    rep_len = sum(spec.tempo)
    t = runner.elapsed() % rep_len if rep_len else 0.0
    acc = 0.0
    for i, part in enumerate(spec.tempo):
        acc += part
        if t < acc - 1e-6:
            return i, words[i]
    return 2, words[2]


def rest_window_words(runner: Runner) -> str:
    """ "next round in 1:29 · Enter lets you start after 0:59 · + adds 15 s"."""
    spec = runner.current
    assert spec is not None
    more = (
        "+ adds 15 s" if spec.max_s is not None and spec.planned_s < spec.max_s else "longest rest"
    )
    starts = f"next round in {mmss(runner.remaining())}"
    ready_in = runner.ready_in() or 0.0
    if ready_in > 0:
        return f"{starts}  ·  Enter lets you start after {mmss(ready_in)}  ·  {more}"
    return f"{starts}  ·  [b]Enter when ready[/b]  ·  {more}"


class CircuitRoutine:
    id, title, description, key, short = ABOUT["circuit"]  # catalogue.py
    resume_kinds: tuple[str, ...] = ("work",)
    help = (
        "The dynamic circuit: a bird-dog warm-up, then side-lying hip abduction, clamshell, "
        "quadruped hip extension and lateral sumo walk, weaker side first. Move with the "
        "pacer (lift, hold, lower). Press g the moment your glutes stop doing the work: the "
        "drill ends, what you did is logged, and the app moves on. Between rounds you rest "
        "1 to 2 minutes: Enter when ready (after the minimum), + for 15 s more. The circuit "
        "never runs past today's cap (10 minutes unless you set less): more is not better."
    )

    def usual(self, ctx: Context) -> CircuitSettings:
        return CircuitSettings.from_settings(ctx.settings, ctx.protocols.circuit)

    def settings(self, ctx: Context) -> CircuitSettings:
        s = self.usual(ctx)
        if ctx.load_step >= 0:
            return s
        low = ctx.lowered({"reps": s.reps, "rounds": s.rounds})  # the programme's load step
        # shorter rounds must not let more rounds fit in today's cap than the usual load did
        fit = plan_circuit(ctx.plan, ctx.library, ctx.protocols.circuit, s, self.used_today(ctx))
        rounds = min(int(low["rounds"]), max(fit.rounds, 1))
        return replace(s, reps=int(low["reps"]), rounds=rounds).clamped(ctx.protocols.circuit)

    def used_today(self, ctx: Context, exclude: str | None = None) -> float:
        rows = [r for r in ctx.rows if r.get("id") != exclude]
        return circuit_used_today(rows, ctx.today)

    def budget(self, ctx: Context) -> float | None:
        return max(0.0, self.settings(ctx).cap_min * 60 - self.used_today(ctx))

    def timeline(self, ctx: Context) -> Built | Refusal:
        if ctx.load_step < 0:  # no round fits at the usual load: none at a lower one either
            usual = plan_circuit(
                ctx.plan, ctx.library, ctx.protocols.circuit, self.usual(ctx), self.used_today(ctx)
            )
            if usual.timeline is None:
                return Refusal(usual.message())
        result = plan_circuit(
            ctx.plan, ctx.library, ctx.protocols.circuit, self.settings(ctx), self.used_today(ctx)
        )
        if result.timeline is None:
            return Refusal(result.message())
        return Built(result.timeline, result.left_s)

    def setup_text(self, ctx: Context) -> str:
        proto = ctx.protocols.circuit
        s = self.settings(ctx)
        used = self.used_today(ctx)
        result = plan_circuit(ctx.plan, ctx.library, proto, s, used)
        sides = ctx.plan.circuit_sides
        side_line = (
            f"{sides[0].upper()} side only"
            if len(sides) == 1
            else f"both sides, {sides[0].upper()} first"
        )
        lines = [
            "[b]Dynamic circuit[/b] — bird-dog warm-up, then four drills a round",
            f"Sides: {side_line}  ·  {s.reps} reps a drill  ·  rest "
            f"{mmss(proto.rest_min_s)}-{mmss(proto.rest_max_s)}",
            f"Today: {fmt_minutes(used)} used of your {fmt_minutes(result.cap_s)} cap",
            f"[b]{result.message()}[/b]",
        ]
        lines += ctx.setup_notes()
        return "\n".join(lines)

    # ---- how phases read ----------------------------------------------------------------
    def where(self, spec: PhaseSpec, ctx: Context) -> str:
        name = ctx.name(spec.exercise)
        warm = " (warm-up)" if spec.exercise == ctx.protocols.circuit.warmup else ""
        if spec.kind == "round_rest":
            return f"Round {spec.set} done. Breathe, shake out, sip water."
        if spec.kind == "switch":
            return f"Other side: {side_words(spec.side)} — {name}{warm}"
        return f"{name}{warm} — {side_words(spec.side)}"

    def view(self, runner: Runner, ctx: Context) -> PhaseView:
        spec = runner.current
        assert spec is not None
        banner, colour = BANNERS.get(spec.kind, (spec.kind.upper(), "phase-ready"))
        if spec.kind == "work" and spec.tempo is not None:
            ex = ctx.library.get(spec.exercise) if spec.exercise else None
            seg, word = pacer(runner, ex.pacer if ex else ("LIFT", "HOLD", "LOWER"))
            banner, colour = f"{word}…", PACER_CLASSES[seg]
        rounds = spec.groups or 1
        rnd = (
            "warm-up"
            if spec.group == 0 and spec.kind != "round_rest"
            else f"round {spec.group}/{rounds}"
        )
        counts = rnd
        if spec.kind == "work" and spec.reps:
            done = runner.reps_done() or 0
            counts = f"rep {min(done + 1, spec.reps)} of {spec.reps}   ·   {rnd}"
        extra = ""
        if spec.kind == "round_rest":
            extra = rest_window_words(runner)
        elif spec.kind == "work":
            stops = in_a_row(runner.records)
            extra = (
                f"Your glutes stopped {stops} drills in a row. "
                "Ending for today (q) is a good choice."
                if stops >= EARLY_STOPS_TO_SUGGEST_END
                else "g when your glutes stop working"
            )
        nxt = runner.upcoming
        if nxt is None:
            next_text = "Next: done"
        else:
            word = BANNERS.get(nxt.kind, (nxt.kind.upper(), ""))[0].capitalize()
            next_text = f"Next: {word} — {self.where(nxt, ctx)}"
        return PhaseView(
            banner=banner,
            colour=colour,
            where=self.where(spec, ctx),
            counts=counts,
            big=big_number(runner),
            cue_role=cue_role(spec.kind),
            next=next_text,
            extra=extra,
        )

    # ---- keys -----------------------------------------------------------------------------
    def offers(self, action: str, runner: Runner | None) -> bool:
        current = runner.current if runner is not None else None
        if current is None:
            return False
        if action == "glutes_stopped":
            return current.kind == "work"
        if action in ("ready", "more"):
            return current.kind == "round_rest"
        return False

    def adjust(self, runner: Runner | None, ctx: Context, delta: int) -> Adjusted | None:
        spec = runner.current if runner is not None else None
        if runner is None or spec is None or spec.kind != "round_rest" or delta <= 0:
            return None
        if spec.max_s is None:
            return None
        step = float(ctx.protocols.circuit.rest_step_s or 15.0)
        if not step_fits(runner, step):
            return Adjusted("No more rest fits in today's cap.", changed=False)
        if spec.planned_s >= spec.max_s:
            return Adjusted(f"Rest is at its longest ({mmss(spec.max_s)}).", changed=False)
        runner.adjust_current(step)
        return Adjusted("")

    # ---- after -----------------------------------------------------------------------------
    def summary(self, session: Mapping[str, Any], ctx: Context) -> list[str]:
        phases = session["phases"]
        warm = ctx.protocols.circuit.warmup
        lines: list[str] = []
        if session.get("stop_reason") == OUT_OF_TIME:
            lines.append(
                "Today's circuit time is used up, so the session ended here. "
                "That is the most your glutes need today."
            )
        reps: dict[str, int] = {}
        for p in phases:
            if p["kind"] == "work" and p["exercise"] != warm and p["reps"]:
                reps[p["side"]] = reps.get(p["side"], 0) + p["reps"]
        lines.append(
            "Reps: " + ("   ".join(f"{k.upper()} {v}" for k, v in sorted(reps.items())) or "none")
        )
        rounds = {p["set"] for p in phases if p["kind"] == "work" and p["exercise"] != warm}
        lines.append(f"Rounds started: {len(rounds)}")
        early = sum(1 for p in phases if p.get("ended_by") == GLUTES_STOPPED)
        if early:
            lines.append(
                f"Early stops (glutes stopped): {early}. Stopping on time is good practice."
            )
        used = self.used_today(ctx, exclude=session["id"]) + float(session.get("active_s", 0.0))
        cap = self.settings(ctx).cap_min * 60
        lines.append(f"Circuit today: {fmt_minutes(used)} of {fmt_minutes(cap)}")
        return lines

    def resume_offer(self, session: Mapping[str, Any]) -> str:
        drills = sum(1 for p in session["phases"] if p["kind"] == "work")
        return (
            f"Your circuit from {session['started_at'][11:16]} was cut short after {drills} "
            f"drill{'' if drills == 1 else 's'}. "
            "What you did is saved. Press [b]ctrl+r[/b] to pick up from the next drill "
            "(within today's cap)."
        )

    def pick_cues(self, cues: Sequence[str], role: str) -> tuple[str, ...]:
        return cues_for_role(cues, role)


ROUTINE = CircuitRoutine()
