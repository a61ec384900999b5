"""The isometric hold timer (Protocol 1): standing, seated, prone; 10 squeezes of 3 s."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from glute_tui.core.circuit import fmt_minutes
from glute_tui.core.protocol import HoldProtocol
from glute_tui.core.routines.base import (
    Adjusted,
    Built,
    Context,
    PhaseView,
    Refusal,
    big_number,
    cue_role,
    cues_for_role,
)
from glute_tui.core.routines.catalogue import ABOUT
from glute_tui.core.runner import Runner
from glute_tui.core.timeline import HoldSettings, PhaseSpec, build_hold_timeline
from glute_tui.core.volume import session_volume

BANNERS = {
    "prepare": ("GET READY", "phase-ready"),
    "hold": ("HOLD", "phase-hold"),
    "rest": ("REST", "phase-rest"),
    "switch": ("SWITCH", "phase-switch"),
    "transition": ("SWITCH", "phase-switch"),
}


def hold_settings(raw: Mapping[str, Any], protocol: HoldProtocol) -> HoldSettings:
    d = HoldSettings.defaults(protocol)

    def num(key: str, default: float) -> float:
        value = raw.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return default
        return float(value)

    return HoldSettings(
        int(num("hold_reps", d.reps)), num("hold_s", d.hold_s), num("hold_rest_s", d.rest_s)
    ).clamped(protocol)


def day_words(done: int, target: int | None, most: int) -> str:
    """One daily hold target everywhere: `target` sessions (the programme's, None when none
    are due today) make the day count, `most` is the most the protocol asks, and any more is
    extra (and says so)."""
    if target is None:
        return f"Hold session {done} today; none are due today."
    if done < target:
        return f"Hold session {done} of {target} today."
    if done == target:
        return f"Hold session {done} of {target} today — today counts."
    if done <= most:
        return (
            f"Hold session {done} today — today counted at {target}; "
            f"{most} is the most the protocol asks."
        )
    return (
        f"Hold session {done} today — extra: {most} a day is the most the protocol asks, "
        "and more does not help."
    )


def completed_today(ctx: Context, routine: str, exclude: str | None = None) -> int:
    day = ctx.today.isoformat()
    return sum(
        1
        for r in ctx.rows
        if r.get("routine") == routine
        and r.get("status") == "completed"
        and str(r.get("day", "")) == day
        and r.get("id") != exclude
    )


class HoldRoutine:
    id, title, description, key, short = ABOUT["hold"]  # catalogue.py
    resume_kinds: tuple[str, ...] = ("hold",)
    help = (
        "The isometric hold timer: three positions (standing, seated, prone), ten hard "
        "squeezes of 3 seconds each with a short rest, weaker side first. Squeeze on HOLD, "
        "let go fully on REST. + and - change the rest (3 to 5 s)."
    )

    def settings(self, ctx: Context) -> HoldSettings:
        s = hold_settings(ctx.settings, ctx.protocols.hold)
        low = ctx.lowered({"reps": s.reps, "hold_s": s.hold_s})  # the programme's load step
        return HoldSettings(int(low["reps"]), low["hold_s"], s.rest_s).clamped(ctx.protocols.hold)

    def timeline(self, ctx: Context) -> Built | Refusal:
        return Built(
            build_hold_timeline(ctx.plan, ctx.library, ctx.protocols.hold, self.settings(ctx))
        )

    def budget(self, ctx: Context) -> float | None:
        return None

    def setup_text(self, ctx: Context) -> str:
        s = self.settings(ctx)
        proto = ctx.protocols.hold
        timeline = build_hold_timeline(ctx.plan, ctx.library, proto, s)
        names = " → ".join(
            (ctx.library[p].position or p) for p in proto.positions if p in ctx.library
        )
        sides = ctx.plan.hold_sides
        side_line = (
            f"{sides[0].upper()} glute only"
            if len(sides) == 1
            else f"both glutes, {sides[0].upper()} first"
        )
        lines = [
            "[b]Isometric hold[/b] — " + names,
            f"Sides: {side_line}",
            f"{s.reps} squeezes of {s.hold_s:g} s, {s.rest_s:g} s rest  ·  "
            f"about {fmt_minutes(timeline.planned_total_s)}",
        ]
        lines += ctx.setup_notes()
        return "\n".join(lines)

    # ---- how phases read ----------------------------------------------------------------
    def _position(self, spec: PhaseSpec, ctx: Context) -> str:
        ex = ctx.library.get(spec.exercise) if spec.exercise else None
        return (ex.position or ex.name) if ex else ""

    def where(self, spec: PhaseSpec, ctx: Context) -> str:
        side = (spec.side or "").upper()
        pos = self._position(spec, ctx)
        if spec.kind == "switch":
            return f"Other side: {side} glute, {pos}"
        if spec.kind == "transition":
            return f"New position: {pos} — {side} glute"
        return f"{side} glute, {pos}"

    def view(self, runner: Runner, ctx: Context) -> PhaseView:
        spec = runner.current
        assert spec is not None
        banner, colour = BANNERS.get(spec.kind, (spec.kind.upper(), "phase-ready"))
        positions = [p for p in ctx.protocols.hold.positions if p in ctx.library]
        pos_i = positions.index(spec.exercise) + 1 if spec.exercise in positions else 0
        reps = spec.set_count or self.settings(ctx).reps
        rep = spec.set if spec.kind in ("hold", "rest") else 0
        rep_text = f"rep {rep}/{reps}" if rep else f"rep –/{reps}"
        extra = ""
        if spec.kind == "rest":
            b = ctx.protocols.hold.rest_s
            extra = f"rest {spec.planned_s:g} s  ( + / - : {b.min:g} to {b.max:g} s)"
        elif spec.kind == "hold":
            extra = "squeeze hard"
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
            counts=f"{rep_text}   ·   position {pos_i}/{len(positions)}",
            big=big_number(runner),
            cue_role=cue_role(spec.kind),
            next=next_text,
            extra=extra,
        )

    # ---- keys -----------------------------------------------------------------------------
    def offers(self, action: str, runner: Runner | None) -> bool:
        return action in ("more", "less")

    def adjust(self, runner: Runner | None, ctx: Context, delta: int) -> Adjusted | None:
        bounds = ctx.protocols.hold.rest_s
        current = self.settings(ctx).rest_s
        if runner is not None:
            rests = [s for s in runner.specs if s.kind == "rest"]
            current = rests[0].planned_s if rests else current
            live = runner.current
            if live is not None and live.kind == "rest":
                current = live.planned_s
        new = bounds.clamp(current + delta)
        if new == current:
            edge = "maximum" if delta > 0 else "minimum"
            return Adjusted(f"Rest is at its {edge}: {new:g} s.", changed=False)
        if runner is not None:
            runner.retime("rest", new)
        return Adjusted(f"Rest {new:g} s", {"hold_rest_s": new})

    # ---- after -----------------------------------------------------------------------------
    def summary(self, session: Mapping[str, Any], ctx: Context) -> list[str]:
        vol = session_volume(session["phases"])
        per_side = "   ".join(
            f"{side.upper()}: {int(v['holds'])} hold{'' if v['holds'] == 1 else 's'}"
            for side, v in sorted(vol.items())
        )
        lines = [per_side or "No holds done."]
        done = completed_today(ctx, self.id, exclude=session["id"])
        proto = ctx.protocols.hold
        target = ctx.target(self.id, proto.sessions_target)  # the stage's, from the due list
        if session["status"] == "completed":
            lines.append(day_words(done + 1, target, proto.sessions_max))
        elif target is None:
            lines.append(f"Completed hold sessions today: {done}; none are due today.")
        else:
            lines.append(f"Completed hold sessions today: {done} of {target}.")
        return lines

    def resume_offer(self, session: Mapping[str, Any]) -> str:
        holds = sum(1 for p in session["phases"] if p["kind"] == "hold")
        return (
            f"Your hold session from {session['started_at'][11:16]} was cut short after "
            f"{holds} hold{'' if holds == 1 else 's'}. What you did is saved. "
            "Press [b]ctrl+r[/b] to pick up from the next rep."
        )

    def pick_cues(self, cues: Sequence[str], role: str) -> tuple[str, ...]:
        return cues_for_role(cues, role)


ROUTINE = HoldRoutine()
