"""What the set-based routines share (Cook hip lift, bridges, standing contraction,
single-leg strength, release work, the warm-up primer): weak-side ordering, phase
builders, how a phase reads, a summary. Each routine stays its own module; this one holds
no protocol numbers of its own."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from glute_tui.core.circuit import fmt_minutes
from glute_tui.core.plan import Plan, other_side
from glute_tui.core.protocol import bounds_of, number_of
from glute_tui.core.routines.base import (
    Adjusted,
    Built,
    Context,
    PhaseView,
    Refusal,
    big_number,
    bounds_num,
    cue_role,
    cues_for_role,
    side_words,
)
from glute_tui.core.routines.circuit import PACER_CLASSES, pacer
from glute_tui.core.runner import Runner
from glute_tui.core.runner_events import GLUTES_STOPPED
from glute_tui.core.timeline import PhaseSpec, Timeline

BANNERS = {
    "prepare": ("GET READY", "phase-ready"),
    "hold": ("HOLD", "phase-hold"),
    "rest": ("REST", "phase-rest"),
    "round_rest": ("REST", "phase-rest"),
    "switch": ("SWITCH", "phase-switch"),
    "transition": ("GET IN POSITION", "phase-switch"),
    "work": ("WORK", "phase-work"),
}


def weak_first(plan: Plan) -> tuple[tuple[str, str], str | None]:
    """Both sides, the plan's first (weaker) side first; and the weak side when the plan
    trains one side only (a clear weak side), else None."""
    first = plan.hold_sides[0] if plan.hold_sides else "left"
    weak = first if len(plan.hold_sides) == 1 else None
    return (first, other_side(first)), weak


def setting(ctx: Context, section: str, key: str, setting_key: str) -> float:
    """A {default, min, max} number of a protocols.json section, overridden (clamped) by
    the user's setting `setting_key`."""
    b = bounds_of(ctx.protocols.section(section), key, section)
    return bounds_num(ctx.settings, setting_key, b.default, b.min, b.max)


def number(ctx: Context, section: str, key: str) -> float:
    return number_of(ctx.protocols.section(section), key, section)


def tempo_of(ctx: Context, section: str) -> tuple[float, float, float]:
    raw = ctx.protocols.section(section).get("tempo", (2, 1, 2))
    a, b, c = (float(x) for x in raw)
    return (a, b, c)


def work(
    exercise: str,
    side: str,
    set_no: int,
    sets: int,
    reps: int,
    tempo: tuple[float, float, float] | None = None,
    rep_s: float = 4.0,
    group: int = 0,
    groups: int = 0,
) -> PhaseSpec:
    """A work phase: paced by a tempo (ends by itself) or, without one, user-paced (the
    user says when the set is done and how many reps; `rep_s` only guesses its length)."""
    return PhaseSpec(
        "work",
        exercise,
        side,
        set_no,
        reps * (sum(tempo) if tempo else rep_s),
        reps=reps,
        tempo=tempo,
        set_count=sets,
        group=group,
        groups=groups,
        paced=tempo is None,
    )


class SetsRoutine:
    """The shared behaviour; a routine sets its id, words and `build`."""

    id = ""
    title = ""
    description = ""
    key = ""
    short = ""
    help = ""
    resume_kinds: tuple[str, ...] = ("hold", "work")
    work_word = "Work"  # how "Next:" names a work phase

    def build(self, ctx: Context) -> Timeline:
        raise NotImplementedError

    def setup_lines(self, ctx: Context) -> list[str]:
        return []

    def timeline(self, ctx: Context) -> Built | Refusal:
        return Built(self.build(ctx))

    def budget(self, ctx: Context) -> float | None:
        return None

    def setup_text(self, ctx: Context) -> str:
        total = self.build(ctx).planned_total_s
        head = f"[b]{self.title}[/b] — {self.description}"
        return "\n".join([head, *self.setup_lines(ctx), f"About {fmt_minutes(total)}"])

    # ---- how phases read ------------------------------------------------------------
    def where(self, spec: PhaseSpec, ctx: Context) -> str:
        name = ctx.name(spec.exercise)
        if spec.kind in ("rest", "round_rest"):
            return f"{name}: let go and rest"
        if spec.kind == "switch":
            return f"Other side: {side_words(spec.side)} — {name}"
        return f"{name} — {side_words(spec.side)}"

    def counts(self, runner: Runner, spec: PhaseSpec) -> str:
        sets = spec.set_count or 1
        if spec.kind == "hold":
            return f"rep {spec.set}/{sets}"
        if spec.kind == "work" and spec.paced:
            return f"set {spec.set}/{sets}   ·   aim for {spec.reps} reps"
        if spec.kind == "work" and spec.reps:
            done = runner.reps_done() or 0
            return f"rep {min(done + 1, spec.reps)} of {spec.reps}   ·   set {spec.set}/{sets}"
        if spec.kind in ("rest", "round_rest"):
            after_hold = bool(runner.records) and runner.records[-1].spec.kind == "hold"
            return f"{'rep' if after_hold else 'set'} {spec.set}/{sets} done"
        return ""

    def extra(self, runner: Runner, spec: PhaseSpec) -> str:
        if spec.kind == "work" and spec.paced:
            return "Type the reps you did, Enter logs them  ·  g when your glute stops"
        if spec.kind == "work":
            return "g when your glutes stop working"
        return ""

    def view(self, runner: Runner, ctx: Context) -> PhaseView:
        spec = runner.current
        assert spec is not None
        banner, colour = BANNERS.get(spec.kind, (spec.kind.upper(), "phase-ready"))
        if spec.kind == "work" and spec.tempo is not None:
            ex = ctx.library.get(spec.exercise) if spec.exercise else None
            seg, word = pacer(runner, ex.pacer if ex else ("LIFT", "HOLD", "LOWER"))
            banner, colour = f"{word}…", PACER_CLASSES[seg]
        elif spec.kind == "work" and spec.paced:
            banner = "YOUR PACE"
        nxt = runner.upcoming
        if nxt is None:
            next_text = "Next: done"
        else:
            word = BANNERS.get(nxt.kind, (nxt.kind.upper(), ""))[0].capitalize()
            word = self.work_word if nxt.kind == "work" else word
            next_text = f"Next: {word} — {self.where(nxt, ctx)}"
        return PhaseView(
            banner=banner,
            colour=colour,
            where=self.where(spec, ctx),
            counts=self.counts(runner, spec),
            big=big_number(runner),
            cue_role=cue_role(spec.kind),
            next=next_text,
            extra=self.extra(runner, spec),
        )

    # ---- keys -------------------------------------------------------------------------
    def offers(self, action: str, runner: Runner | None) -> bool:
        current = runner.current if runner is not None else None
        return action == "glutes_stopped" and current is not None and current.kind == "work"

    def adjust(self, runner: Runner | None, ctx: Context, delta: int) -> Adjusted | None:
        return None

    # ---- after ------------------------------------------------------------------------
    def summary(self, session: Mapping[str, Any], ctx: Context) -> list[str]:
        phases = session["phases"]
        lines: list[str] = []
        holds: dict[str, int] = {}
        reps: dict[str, int] = {}
        for p in phases:
            side = p.get("side") or "both"
            if p["kind"] == "hold":
                holds[side] = holds.get(side, 0) + 1
            elif p["kind"] == "work" and p.get("reps") is not None:
                reps[side] = reps.get(side, 0) + p["reps"]
        if holds:
            lines.append(
                "Holds: " + "   ".join(f"{k.upper()} {v}" for k, v in sorted(holds.items()))
            )
        if reps or not holds:
            lines.append(
                "Reps: "
                + ("   ".join(f"{k.upper()} {v}" for k, v in sorted(reps.items())) or "none")
            )
        early = sum(1 for p in phases if p.get("ended_by") == GLUTES_STOPPED)
        if early:
            lines.append(f"Stopped when the glute stopped: {early}. Stopping on time is right.")
        return lines

    def resume_offer(self, session: Mapping[str, Any]) -> str:
        return (
            f"Your {self.title.lower()} from {session['started_at'][11:16]} was cut short. "
            "What you did is saved. Press [b]ctrl+r[/b] to pick it up."
        )

    def pick_cues(self, cues: Sequence[str], role: str) -> tuple[str, ...]:
        return cues_for_role(cues, role)
