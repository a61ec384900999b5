"""Contract and relax, for tight glutes (DOMAIN.md): contract gently 5-10 s, let go all at
once and notice the difference, 2-3 reps a side. Release, not more activation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from glute_tui.core.circuit import fmt_minutes
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
)
from glute_tui.core.routines.catalogue import ABOUT
from glute_tui.core.runner import Runner
from glute_tui.core.timeline import PhaseSpec, Timeline
from glute_tui.core.volume import session_volume

SECTION = "contract_relax"  # data/protocols.json
BANNERS = {
    "prepare": ("GET READY", "phase-ready"),
    "hold": ("CONTRACT", "phase-hold"),
    "rest": ("RELAX", "phase-rest"),
    "switch": ("SWITCH", "phase-switch"),
}


class ContractRelaxRoutine:
    id, title, description, key, short = ABOUT["contract_relax"]  # catalogue.py
    resume_kinds: tuple[str, ...] = ("hold",)
    help = (
        "Contract and relax, for tight glutes: squeeze gently for 5 to 10 seconds, then let "
        "go all at once and notice how the muscle feels. Two or three on each side; it is "
        "fine several times a day. This is release work, not a hard squeeze."
    )

    def numbers(self, ctx: Context) -> tuple[int, float, float, float, float, str]:
        sec = ctx.protocols.section(SECTION)
        reps = bounds_of(sec, "reps", SECTION)
        contract = bounds_of(sec, "contract_s", SECTION)
        relax = bounds_of(sec, "relax_s", SECTION)
        raw = ctx.settings
        low = ctx.lowered(  # the programme's load step, from the user's own numbers
            {
                "reps": bounds_num(raw, "relax_reps", reps.default, reps.min, reps.max),
                "hold_s": bounds_num(
                    raw, "relax_contract_s", contract.default, contract.min, contract.max
                ),
            }
        )
        return (
            int(low["reps"]),
            low["hold_s"],
            bounds_num(raw, "relax_relax_s", relax.default, relax.min, relax.max),
            number_of(sec, "prepare_s", SECTION),
            number_of(sec, "switch_s", SECTION),
            str(sec.get("exercise", SECTION)),
        )

    def build(self, ctx: Context) -> Timeline:
        reps, contract, relax, prepare, switch, exercise = self.numbers(ctx)
        sides = ("left", "right")  # tightness is not the weak side: both, every time
        phases = [PhaseSpec("prepare", exercise, sides[0], 0, prepare)]
        for i, side in enumerate(sides):
            if i:
                phases.append(PhaseSpec("switch", exercise, side, 0, switch))
            for rep in range(1, reps + 1):
                phases.append(PhaseSpec("hold", exercise, side, rep, contract, set_count=reps))
                phases.append(PhaseSpec("rest", exercise, side, rep, relax, set_count=reps))
        return Timeline(self.id, tuple(phases))

    def timeline(self, ctx: Context) -> Built | Refusal:
        return Built(self.build(ctx))

    def budget(self, ctx: Context) -> float | None:
        return None

    def setup_text(self, ctx: Context) -> str:
        reps, contract, relax, *_ = self.numbers(ctx)
        total = self.build(ctx).planned_total_s
        return "\n".join(
            [
                "[b]Contract & relax[/b] — for tight glutes",
                f"{reps} on each side: contract gently {contract:g} s, relax {relax:g} s  ·  "
                f"about {fmt_minutes(total)}",
                "Squeeze at about half effort, then let go all at once and notice.",
            ]
        )

    def view(self, runner: Runner, ctx: Context) -> PhaseView:
        spec = runner.current
        assert spec is not None
        banner, colour = BANNERS.get(spec.kind, (spec.kind.upper(), "phase-ready"))
        side = (spec.side or "").upper()
        where = {
            "hold": f"{side} glute: squeeze gently",
            "rest": f"{side} glute: let go and notice how it feels",
            "switch": f"Other side: {side} glute",
        }.get(spec.kind, f"{side} glute first")
        reps = spec.set_count or self.numbers(ctx)[0]  # get ready: the reps to come
        counts = f"rep {spec.set}/{reps}" if spec.set else f"rep –/{reps}"
        nxt = runner.upcoming
        next_text = "Next: done"
        if nxt is not None:
            next_text = f"Next: {BANNERS.get(nxt.kind, (nxt.kind.upper(), ''))[0].capitalize()}"
        return PhaseView(
            banner=banner,
            colour=colour,
            where=where,
            counts=f"{counts}   ·   {side} side",
            big=big_number(runner),
            cue_role=cue_role(spec.kind),
            next=next_text,
            extra="about half effort" if spec.kind == "hold" else "",
        )

    def offers(self, action: str, runner: Runner | None) -> bool:
        return False

    def adjust(self, runner: Runner | None, ctx: Context, delta: int) -> Adjusted | None:
        return None

    def summary(self, session: Mapping[str, Any], ctx: Context) -> list[str]:
        # a contraction counts when held half its time, as a hold does
        vol = session_volume(session["phases"])
        done = {side: int(v["holds"]) for side, v in vol.items() if v["holds"]}
        per_side = "   ".join(f"{s.upper()}: {n}" for s, n in sorted(done.items()))
        return [
            f"Contractions: {per_side or 'none'}",
            "Notice the difference after each one: that is the point of this drill.",
        ]

    def resume_offer(self, session: Mapping[str, Any]) -> str:
        return (
            f"Your contract & relax from {session['started_at'][11:16]} was cut short. "
            "What you did is saved. Press [b]ctrl+r[/b] to pick it up."
        )

    def pick_cues(self, cues: Sequence[str], role: str) -> tuple[str, ...]:
        """This drill's cues read: the squeeze, letting go, noticing, when to repeat."""
        cues = tuple(cues)
        if len(cues) < 3:
            return cues
        return cues[1:3] if role == "rest" else cues[:1]


ROUTINE = ContractRelaxRoutine()
