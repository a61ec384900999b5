"""Bridge progression (DOMAIN.md): glute bridge 3 x 12-15 with a 2 s squeeze at the top,
then the single-leg bridge on each side, weak side first and, with a clear weak side,
twice the reps there. Paced by a tempo like the circuit's drills."""

from __future__ import annotations

from glute_tui.core.routines.base import Context
from glute_tui.core.routines.catalogue import ABOUT
from glute_tui.core.routines.sets import SetsRoutine, number, setting, tempo_of, weak_first, work
from glute_tui.core.timeline import PhaseSpec, Timeline

SECTION = "bridge"  # data/protocols.json


class BridgeRoutine(SetsRoutine):
    id, title, description, key, short = ABOUT["bridge"]  # catalogue.py
    resume_kinds: tuple[str, ...] = ("work",)
    help = (
        "Bridge progression: glute bridges on both feet, three sets, with a two-second "
        "squeeze at the top of each; move with the pacer (lift, squeeze, lower). Then the "
        "single-leg bridge, weak side first. Press g the moment your glutes stop doing the "
        "work: the set ends, what you did is logged, and the app moves on."
    )

    def numbers(self, ctx: Context) -> tuple[int, int, int, int]:
        """(sets, bridge reps, single-leg reps on the first side, on the second side)."""
        _, weak = weak_first(ctx.plan)
        single = int(number(ctx, SECTION, "single_reps"))
        strong = int(number(ctx, SECTION, "single_strong_reps")) if weak else single
        usual = {
            "sets": number(ctx, SECTION, "sets"),
            "reps": setting(ctx, SECTION, "reps", "bridge_reps"),
        }
        low = ctx.lowered(usual)  # the programme's load step, from the user's own numbers
        one, other = ctx.lowered({"reps": single}), ctx.lowered({"reps": strong})
        return int(low["sets"]), int(low["reps"]), int(one["reps"]), int(other["reps"])

    def build(self, ctx: Context) -> Timeline:
        sets, reps, first_reps, second_reps = self.numbers(ctx)
        sec = ctx.protocols.section(SECTION)
        bridge, single = str(sec["bridge"]), str(sec["single"])
        tempo = tempo_of(ctx, SECTION)
        sides, _ = weak_first(ctx.plan)
        phases = [PhaseSpec("prepare", bridge, "both", 0, number(ctx, SECTION, "prepare_s"))]
        for s in range(1, sets + 1):
            phases.append(work(bridge, "both", s, sets, reps, tempo, group=1, groups=2))
            if s < sets:
                rest = number(ctx, SECTION, "rest_s")
                phases.append(PhaseSpec("rest", bridge, "both", s, rest, set_count=sets))
        phases.append(
            PhaseSpec("transition", single, sides[0], 0, number(ctx, SECTION, "transition_s"))
        )
        for i, (side, n) in enumerate(zip(sides, (first_reps, second_reps), strict=True)):
            if i:
                phases.append(
                    PhaseSpec("switch", single, side, 0, number(ctx, SECTION, "switch_s"))
                )
            phases.append(work(single, side, 1, 1, n, tempo, group=2, groups=2))
        return Timeline(self.id, tuple(phases))

    def setup_lines(self, ctx: Context) -> list[str]:
        sets, reps, first_reps, second_reps = self.numbers(ctx)
        sides, _ = weak_first(ctx.plan)
        return [
            f"Glute bridge {sets} x {reps}, a 2 s squeeze at the top of each",
            f"Then single-leg bridge: {sides[0].upper()} {first_reps}, "
            f"{sides[1].upper()} {second_reps}",
        ]


ROUTINE = BridgeRoutine()
