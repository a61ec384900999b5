"""Standing glute contraction (DOMAIN.md, other activation drills): the standing kickback
contraction, 3 x 12-15 a leg, weak side first, with the pacer."""

from __future__ import annotations

from glute_tui.core.routines.base import Context
from glute_tui.core.routines.catalogue import ABOUT
from glute_tui.core.routines.sets import SetsRoutine, number, setting, tempo_of, weak_first, work
from glute_tui.core.timeline import PhaseSpec, Timeline

SECTION = "standing_glute"  # data/protocols.json


class StandingGluteRoutine(SetsRoutine):
    id, title, description, key, short = ABOUT["standing_glute"]  # catalogue.py
    resume_kinds: tuple[str, ...] = ("work",)
    help = (
        "Standing glute contraction: hold a wall, take one straight leg a short way back and "
        "squeeze at the end, with the pacer. Three sets on each leg, weak side first; the "
        "low back stays still. Press g the moment your glute stops doing the work."
    )

    def numbers(self, ctx: Context) -> tuple[int, int]:
        usual = {
            "sets": number(ctx, SECTION, "sets"),
            "reps": setting(ctx, SECTION, "reps", "standing_reps"),
        }
        low = ctx.lowered(usual)  # the programme's load step, from the user's own numbers
        return int(low["sets"]), int(low["reps"])

    def build(self, ctx: Context) -> Timeline:
        sets, reps = self.numbers(ctx)
        exercise = str(ctx.protocols.section(SECTION)["exercise"])
        tempo = tempo_of(ctx, SECTION)
        sides, _ = weak_first(ctx.plan)
        phases = [PhaseSpec("prepare", exercise, sides[0], 0, number(ctx, SECTION, "prepare_s"))]
        for s in range(1, sets + 1):
            for i, side in enumerate(sides):
                if i:
                    switch = number(ctx, SECTION, "switch_s")
                    phases.append(PhaseSpec("switch", exercise, side, s, switch))
                phases.append(work(exercise, side, s, sets, reps, tempo))
            if s < sets:
                rest = number(ctx, SECTION, "rest_s")
                phases.append(PhaseSpec("rest", exercise, sides[0], s, rest, set_count=sets))
        return Timeline(self.id, tuple(phases))

    def setup_lines(self, ctx: Context) -> list[str]:
        sets, reps = self.numbers(ctx)
        sides, _ = weak_first(ctx.plan)
        return [
            f"{sets} x {reps} on each leg  ·  {sides[0].upper()} side first",
            "A short reach back, a squeeze at the end, the low back still.",
        ]


ROUTINE = StandingGluteRoutine()
