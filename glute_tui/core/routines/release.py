"""Release work for tight glutes (DOMAIN.md): a foam roller or a ball on the glutes,
5-10 minutes a day. One side, then the other; on each, the areas in turn, each with its
own cue (the areas are exercise entries, so their cues are the user's to reword)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from glute_tui.core.routines.base import Context, PhaseView, mmss
from glute_tui.core.routines.catalogue import ABOUT
from glute_tui.core.routines.sets import SetsRoutine, number, setting
from glute_tui.core.runner import Runner
from glute_tui.core.timeline import PhaseSpec, Timeline

SECTION = "release"  # data/protocols.json


class ReleaseRoutine(SetsRoutine):
    id, title, description, key, short = ABOUT["release"]  # catalogue.py
    resume_kinds: tuple[str, ...] = ("work",)
    work_word = "Release"
    help = (
        "Release work, for tight glutes: a foam roller or a ball under one buttock, then the "
        "other, the areas in turn. Roll slowly, stop on a tender spot and breathe out until "
        "it eases. Tender is fine; sharp or tingling pain is not: move off it. The minutes "
        "are a setting (release_min, 5 to 10)."
    )

    def minutes(self, ctx: Context) -> float:
        usual = setting(ctx, SECTION, "minutes", "release_min")
        return ctx.lowered({"minutes": usual})["minutes"]  # the programme's load step

    def areas(self, ctx: Context) -> list[str]:
        return [a for a in ctx.protocols.section(SECTION)["areas"] if a in ctx.library]

    def build(self, ctx: Context) -> Timeline:
        areas = self.areas(ctx)
        sides = ("left", "right")  # tightness is not the weak side: both, every time
        each = self.minutes(ctx) * 60 / (len(sides) * len(areas))
        phases = [PhaseSpec("prepare", areas[0], sides[0], 0, number(ctx, SECTION, "prepare_s"))]
        for i, side in enumerate(sides):
            if i:
                phases.append(
                    PhaseSpec("switch", areas[0], side, 0, number(ctx, SECTION, "switch_s"))
                )
            for n, area in enumerate(areas, start=1):
                phases.append(
                    PhaseSpec(
                        "work", area, side, n, each, set_count=len(areas), group=i + 1, groups=2
                    )
                )
        return Timeline(self.id, tuple(phases))

    def setup_lines(self, ctx: Context) -> list[str]:
        areas = self.areas(ctx)
        each = self.minutes(ctx) * 60 / (2 * len(areas))
        return [
            f"{self.minutes(ctx):g} minutes: LEFT side, then RIGHT  ·  {len(areas)} areas a side, "
            f"{mmss(each)} each",
            "Roll slowly, pause on tender spots, breathe out. Move off anything sharp.",
        ]

    def where(self, spec: PhaseSpec, ctx: Context) -> str:
        side = (spec.side or "").upper()
        if spec.kind == "switch":
            return f"Other side: {side} glute — {ctx.name(spec.exercise)}"
        if spec.kind == "prepare":
            return f"{side} glute first: roller or ball under it"
        return f"{side} glute: {ctx.name(spec.exercise)}"

    def counts(self, runner: Runner, spec: PhaseSpec) -> str:
        if spec.kind == "work":
            return f"area {spec.set}/{spec.set_count}   ·   {(spec.side or '').upper()} side"
        return ""

    def extra(self, runner: Runner, spec: PhaseSpec) -> str:
        return "tender is fine, sharp is not" if spec.kind == "work" else ""

    def offers(self, action: str, runner: Runner | None) -> bool:
        return False  # nothing to stop early: n moves on to the next area

    def view(self, runner: Runner, ctx: Context) -> PhaseView:
        v = super().view(runner, ctx)
        if runner.current is not None and runner.current.kind == "work":
            return replace(v, banner="RELEASE", colour="phase-rest")
        return v

    def summary(self, session: Mapping[str, Any], ctx: Context) -> list[str]:
        seconds = sum(
            p["end_s"] - p["start_s"] - p.get("paused_s", 0.0)
            for p in session["phases"]
            if p["kind"] == "work"
        )
        areas = sum(1 for p in session["phases"] if p["kind"] == "work")
        return [f"Release: {areas} areas, {mmss(seconds)} in all", "Notice how the hips move now."]

    def pick_cues(self, cues: Sequence[str], role: str) -> tuple[str, ...]:
        """Each area's cues: where to put the roller first, then how to work it."""
        cues = tuple(cues)
        return cues[:1] if role == "setup" else cues[1:3]


ROUTINE = ReleaseRoutine()
