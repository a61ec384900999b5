"""The Cook hip lift (DOMAIN.md, bridge progression): one knee hugged to the chest, lift
the hips a little through the other heel and hold 5-8 s; 8-12 a leg, weak side first."""

from __future__ import annotations

from glute_tui.core.routines.base import Context
from glute_tui.core.routines.catalogue import ABOUT
from glute_tui.core.routines.sets import SetsRoutine, number, setting, weak_first
from glute_tui.core.timeline import PhaseSpec, Timeline

SECTION = "cook_hip_lift"  # data/protocols.json


class CookHipLiftRoutine(SetsRoutine):
    id, title, description, key, short = ABOUT["cook_hip_lift"]  # catalogue.py
    resume_kinds: tuple[str, ...] = ("hold",)
    help = (
        "The Cook hip lift: lie on your back, hug one knee to your chest and keep it there, "
        "then push through the other heel and lift the hips a little. Hold, lower slowly, "
        "rest. The hug keeps the low back out of it, so the glute of the foot on the floor "
        "does the lifting. Weak side first, then the other leg."
    )

    def numbers(self, ctx: Context) -> tuple[int, float, float]:
        usual = {
            "reps": setting(ctx, SECTION, "reps", "cook_reps"),
            "hold_s": setting(ctx, SECTION, "hold_s", "cook_hold_s"),
        }
        low = ctx.lowered(usual)  # the programme's load step, from the user's own numbers
        return int(low["reps"]), low["hold_s"], number(ctx, SECTION, "rest_s")

    def build(self, ctx: Context) -> Timeline:
        reps, hold, rest = self.numbers(ctx)
        exercise = str(ctx.protocols.section(SECTION).get("exercise", SECTION))
        sides, _ = weak_first(ctx.plan)
        phases = [PhaseSpec("prepare", exercise, sides[0], 0, number(ctx, SECTION, "prepare_s"))]
        for i, side in enumerate(sides):
            if i:
                phases.append(
                    PhaseSpec("switch", exercise, side, 0, number(ctx, SECTION, "switch_s"))
                )
            for rep in range(1, reps + 1):
                phases.append(PhaseSpec("hold", exercise, side, rep, hold, set_count=reps))
                if rep < reps:
                    phases.append(PhaseSpec("rest", exercise, side, rep, rest, set_count=reps))
        return Timeline(self.id, tuple(phases))

    def setup_lines(self, ctx: Context) -> list[str]:
        reps, hold, rest = self.numbers(ctx)
        sides, _ = weak_first(ctx.plan)
        return [
            f"{reps} lifts a leg: hold {hold:g} s, rest {rest:g} s  ·  "
            f"{sides[0].upper()} side first",
            "Hug the knee in tight, lift only a little, lower slowly.",
        ]

    def where(self, spec: PhaseSpec, ctx: Context) -> str:
        side = (spec.side or "").upper()
        if spec.kind == "hold":
            return f"{side} heel down, other knee hugged in: lift and hold"
        if spec.kind == "rest":
            return f"{side} side: lower slowly and rest"
        if spec.kind == "switch":
            return f"Other side: hug the other knee, {side} heel down"
        return f"{side} side first: lie on your back, hug the other knee in"


ROUTINE = CookHipLiftRoutine()
