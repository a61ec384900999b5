"""The warm-up primer (DOMAIN.md, Return stage: activation before every workout): a short
activation block of 3-4 minutes. Standing squeezes, glute bridges, lateral sumo walk,
weak side first."""

from __future__ import annotations

from glute_tui.core.routines.base import Context
from glute_tui.core.routines.catalogue import ABOUT
from glute_tui.core.routines.sets import SetsRoutine, number, weak_first, work
from glute_tui.core.timeline import PhaseSpec, Timeline

SECTION = "primer"  # data/protocols.json


class PrimerRoutine(SetsRoutine):
    id, title, description, key, short = ABOUT["primer"]  # catalogue.py
    help = (
        "The warm-up primer wakes the glutes up before a workout: standing squeezes on each "
        "side, glute bridges with the pacer, then the lateral sumo walk, weak side first. "
        "A few minutes, no more: it is a primer, not the workout."
    )

    def build(self, ctx: Context) -> Timeline:
        steps = [s for s in ctx.protocols.section(SECTION)["steps"] if s["exercise"] in ctx.library]
        sides, _ = weak_first(ctx.plan)
        first = steps[0]["exercise"]
        phases = [PhaseSpec("prepare", first, sides[0], 0, number(ctx, SECTION, "prepare_s"))]
        for g, step in enumerate(steps, start=1):
            ex = str(step["exercise"])
            per_side = ctx.library[ex].per_side
            if g > 1:
                move = number(ctx, SECTION, "transition_s")
                phases.append(
                    PhaseSpec("transition", ex, sides[0], 0, move, group=g, groups=len(steps))
                )
            for i, side in enumerate(sides if per_side else ("both",)):
                if i:
                    phases.append(
                        PhaseSpec("switch", ex, side, 0, number(ctx, SECTION, "switch_s"))
                    )
                reps = int(step["reps"])
                if step["kind"] == "hold":
                    for rep in range(1, reps + 1):
                        hold = float(step["hold_s"])
                        phases.append(PhaseSpec("hold", ex, side, rep, hold, set_count=reps))
                        if rep < reps:
                            rest = float(step["rest_s"])
                            phases.append(PhaseSpec("rest", ex, side, rep, rest, set_count=reps))
                else:
                    a, b, c = (float(t) for t in step["tempo"])
                    phases.append(work(ex, side, 1, 1, reps, (a, b, c), group=g, groups=len(steps)))
        return Timeline(self.id, tuple(phases))

    def setup_lines(self, ctx: Context) -> list[str]:
        sides, _ = weak_first(ctx.plan)
        names = [ctx.name(s["exercise"]) for s in ctx.protocols.section(SECTION)["steps"]]
        names = names[:1] + [n.lower() for n in names[1:]]
        return [", then ".join(names), f"{sides[0].upper()} side first  ·  before your workout"]


ROUTINE = PrimerRoutine()
