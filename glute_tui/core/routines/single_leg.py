"""Single-leg strength (DOMAIN.md): split squat, reverse lunge, single-leg Romanian
deadlift, step-down. Every set is at the user's pace: the user says when it is done and
types the reps. Weak side first and, with a clear weak side, twice the volume there
(10 weak, 5 strong). Bodyweight first."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from glute_tui.core.limits import MAX_LOAD_KG
from glute_tui.core.routines.base import Context
from glute_tui.core.routines.catalogue import ABOUT
from glute_tui.core.routines.sets import SetsRoutine, number, setting, weak_first, work
from glute_tui.core.runner import Runner
from glute_tui.core.timeline import PhaseSpec, Timeline

SECTION = "single_leg"  # data/protocols.json


def parse_load(text: str) -> tuple[float | None, str | None]:
    """A set's load typed in kilograms: (kg, None), (None, None) for nothing typed (body
    weight), or (None, the problem in one line). The bounds are import's (MAX_LOAD_KG)."""
    text = text.strip()
    if not text:
        return None, None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 <= value <= MAX_LOAD_KG):
        return None, (
            f"Load: {text} is not a number of kilograms from 0 to {MAX_LOAD_KG:g} "
            "(for example 12.5); leave it empty for bodyweight."
        )
    return value, None


class SingleLegRoutine(SetsRoutine):
    id, title, description, key, short = ABOUT["single_leg"]  # catalogue.py
    resume_kinds: tuple[str, ...] = ("work",)
    help = (
        "Single-leg strength: split squat, reverse lunge, single-leg Romanian deadlift and "
        "step-down, one leg at a time, weak side first. Each set goes at your pace: type "
        "the reps you did and press Enter (nothing typed logs the target). Press g the "
        "moment your glute stops doing the work: the set ends there with the reps you "
        "typed. Bodyweight first; add load only when every rep is clean. k types the "
        "load of the set in kilograms (optional; kept with that set)."
    )

    def offers(self, action: str, runner: Runner | None) -> bool:
        current = runner.current if runner is not None else None
        if action == "load":
            return current is not None and current.kind == "work" and current.paced
        return super().offers(action, runner)

    def extra(self, runner: Runner, spec: PhaseSpec) -> str:
        if spec.kind == "work" and spec.paced:
            return "Type the reps, Enter logs them  ·  k load (kg)  ·  g when your glute stops"
        return super().extra(runner, spec)

    def numbers(self, ctx: Context) -> tuple[int, int, int]:
        """(sets, reps on the first side, reps on the second side)."""
        _, weak = weak_first(ctx.plan)
        sets = setting(ctx, SECTION, "sets", "single_leg_sets")
        first = number(ctx, SECTION, "weak_reps")
        second = number(ctx, SECTION, "strong_reps") if weak else first
        # the programme's load step, from the user's own numbers (each side as the due list)
        low, strong = ctx.lowered({"sets": sets, "reps": first}), ctx.lowered({"reps": second})
        return int(low["sets"]), int(low["reps"]), int(strong["reps"])

    def build(self, ctx: Context) -> Timeline:
        sets, first, second = self.numbers(ctx)
        exercises = [e for e in ctx.protocols.section(SECTION)["exercises"] if e in ctx.library]
        sides, _ = weak_first(ctx.plan)
        rep_s = number(ctx, SECTION, "rep_s")
        phases = [
            PhaseSpec("prepare", exercises[0], sides[0], 0, number(ctx, SECTION, "prepare_s"))
        ]
        for g, ex in enumerate(exercises, start=1):
            if g > 1:
                move = number(ctx, SECTION, "transition_s")
                phases.append(
                    PhaseSpec("transition", ex, sides[0], 0, move, group=g, groups=len(exercises))
                )
            for s in range(1, sets + 1):
                for i, (side, reps) in enumerate(zip(sides, (first, second), strict=True)):
                    if i:
                        switch = number(ctx, SECTION, "switch_s")
                        phases.append(PhaseSpec("switch", ex, side, s, switch))
                    phases.append(
                        work(ex, side, s, sets, reps, rep_s=rep_s, group=g, groups=len(exercises))
                    )
                if s < sets:
                    rest = number(ctx, SECTION, "rest_s")
                    phases.append(PhaseSpec("rest", ex, sides[0], s, rest, set_count=sets))
        return Timeline(self.id, tuple(phases))

    def setup_lines(self, ctx: Context) -> list[str]:
        sets, first, second = self.numbers(ctx)
        sides, _ = weak_first(ctx.plan)
        return [
            "Split squat, reverse lunge, single-leg RDL, step-down",
            f"{sets} {'set' if sets == 1 else 'sets'} each: {sides[0].upper()} {first} reps "
            f"first, then {sides[1].upper()} {second}  ·  your pace",
            "Type the reps you did, Enter logs them. g when your glute stops.",
        ]

    def summary(self, session: Mapping[str, Any], ctx: Context) -> list[str]:
        """The shared lines, then each move's reps per side (loads when given)."""
        per: dict[str, dict[str, int]] = {}
        loads: dict[str, float] = {}
        for p in session["phases"]:
            if p["kind"] == "work" and p.get("reps") is not None:
                sides = per.setdefault(p["exercise"], {})
                sides[p["side"]] = sides.get(p["side"], 0) + p["reps"]
                if p.get("load_kg") is not None:
                    loads[p["exercise"]] = max(loads.get(p["exercise"], 0.0), p["load_kg"])
        lines = super().summary(session, ctx)
        for ex, sides in per.items():
            load = f"  ·  up to {loads[ex]:g} kg" if ex in loads else ""
            reps = "   ".join(f"{k.upper()} {v}" for k, v in sides.items())
            lines.append(f"  {ctx.name(ex)}: {reps}{load}")
        return lines


ROUTINE = SingleLegRoutine()
