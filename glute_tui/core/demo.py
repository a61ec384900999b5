"""A realistic synthetic history, for screenshots, benchmarks and trying the app.

Pure and deterministic: the same seed, `now` and span give the same data. Phases come from
the real timeline builders, so demo sessions look exactly like recorded ones.

With a `programme` (what `glute-tui demo-history` passes), the history follows it day by
day instead (core/demo_programme.py): what is due for the stage it is in, bad mornings,
a step back a stage and the way forward again. Without one, the history stays the hold
timer and circuit it always was (the screenshots and snapshot tests rest on it).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from glute_tui.core.library import Library
from glute_tui.core.plan import Plan, plan_for_verdict
from glute_tui.core.protocol import Protocols
from glute_tui.core.timeline import (
    HoldSettings,
    Timeline,
    build_circuit_timeline,
    build_hold_timeline,
)

if TYPE_CHECKING:
    from glute_tui.core.programme_config import Programme


@dataclass
class DemoHistory:
    sessions: list[dict[str, Any]]
    assessments: list[dict[str, Any]]
    pauses: list[dict[str, str]]
    plan: Plan
    stages: dict[date, str] = field(default_factory=dict)  # each day's stage (programme)


def _uid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def _phases(timeline: Timeline, rng: random.Random, cut: int | None = None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    t = 0.0
    specs = timeline.phases if cut is None else timeline.phases[:cut]
    for spec in specs:
        paused = round(rng.uniform(5, 40), 3) if rng.random() < 0.004 else 0.0
        start = round(t, 3)
        end = round(t + spec.planned_s + paused, 3)
        out.append(
            {
                "kind": spec.kind,
                "exercise": spec.exercise,
                "side": spec.side,
                "set": spec.set,
                "planned_s": spec.planned_s,
                "start_s": start,
                "end_s": end,
                "paused_s": paused,
                "reps": spec.reps,
                "ended_by": "planned",
            }
        )
        t = end
    return out


def _assessment(rng: random.Random, when: datetime, verdict: str, weak: str) -> dict[str, Any]:
    # both weak: both sides under the 20 s bridge floor; one side weak: a gap over 10 s;
    # balanced: within a few seconds, as healthy people vary
    strong_bridge = rng.randint(11, 19) if verdict == "both" else rng.randint(28, 45)
    gap = {"left": rng.randint(0, 3), "right": 0}
    if verdict in ("left", "right"):
        gap = {"left": 0, "right": 0}
        gap[weak] = rng.randint(11, 18)
    left_b, right_b = strong_bridge - gap["left"], strong_bridge - gap["right"]
    lsi = round(min(left_b, right_b) / max(left_b, right_b) * 100, 1)
    return {
        "id": _uid(rng),
        "taken_at": when.isoformat(timespec="seconds"),
        "verdict": verdict,
        "weaker": weak if verdict != "balanced" else None,
        "tests": {"bridge_hold": {"left": left_b, "right": right_b, "lsi": lsi}},
        "lsi": {"bridge_hold": lsi},
        "answers": {"dominant": "right" if weak == "left" else "left"},
        "why": [f"bridge hold {left_b} s left vs {right_b} s right, LSI {lsi}%"],
    }


def generate(
    library: Library,
    protocols: Protocols,
    *,
    years: float,
    seed: int,
    now: datetime,
    programme: Programme | None = None,
) -> DemoHistory:
    """The demo history; with a `programme`, one that follows it (see the docstring)."""
    if programme is not None:
        from glute_tui.core import demo_programme

        d = demo_programme.generate(library, protocols, programme, years=years, seed=seed, now=now)
        return DemoHistory(d.sessions, d.assessments, d.pauses, d.plan, d.stages)
    rng = random.Random(seed)
    tz = now.tzinfo
    today = now.date()
    first = today - timedelta(days=round(years * 365))
    hold_settings = HoldSettings.defaults(protocols.hold)
    weak = rng.choice(("left", "right"))
    timelines: dict[tuple[str, tuple[str, ...]], Timeline] = {}

    def timeline_for(routine: str, plan: Plan) -> Timeline:
        key = (routine, plan.hold_sides)
        if key not in timelines:
            timelines[key] = (
                build_hold_timeline(plan, library, protocols.hold, hold_settings)
                if routine == "hold"
                else build_circuit_timeline(plan, library, protocols.circuit, rounds=1)
            )
        return timelines[key]

    # injury breaks: about one a year, 7-21 days; most of them marked as pauses
    breaks: list[tuple[date, date]] = []
    day = first + timedelta(days=rng.randint(60, 200))
    while day < today - timedelta(days=30):
        length = rng.randint(7, 21)
        breaks.append((day, day + timedelta(days=length - 1)))
        day += timedelta(days=rng.randint(250, 450))
    pauses = [
        {"start": a.isoformat(), "end": b.isoformat()} for a, b in breaks if rng.random() < 0.8
    ]

    sessions: list[dict[str, Any]] = []
    assessments: list[dict[str, Any]] = []
    plan: Plan = plan_for_verdict(weak, weak) or Plan()
    next_assess = first
    span = max(1, (today - first).days)
    day = first
    while day <= today:
        in_break = any(a <= day <= b for a, b in breaks)
        progress = (day - first).days / span
        if day >= next_assess and not in_break:
            if progress < 0.5:
                verdict = weak
            else:
                verdict = rng.choices((weak, "both", "balanced"), (2, 1, 3))[0]
            when = datetime.combine(day, time(8, 0), tz) - timedelta(minutes=30)
            if when < now:
                a = _assessment(rng, when, verdict, weak)
                assessments.append(a)
                plan = (
                    plan_for_verdict(verdict, weak, assessment_id=a["id"], created_at=a["taken_at"])
                    or plan
                )
            next_assess = day + timedelta(days=rng.randint(21, 42))
        if not in_break:
            n_hold = rng.choices((0, 1, 2, 3), (8, 12, 45, 35))[0]
            slots = [time(7, 30), time(13, 0), time(19, 30)][:n_hold]
            for slot in slots:
                start = datetime.combine(day, slot, tz) + timedelta(minutes=rng.randint(0, 50))
                sessions.append(_session(rng, "hold", start, timeline_for("hold", plan)))
            if rng.random() < 0.8:
                start = datetime.combine(day, time(17, 45), tz) + timedelta(
                    minutes=rng.randint(0, 60)
                )
                sessions.append(_session(rng, "circuit", start, timeline_for("circuit", plan)))
        day += timedelta(days=1)
    sessions = [s for s in sessions if s["ended_at"] <= now.isoformat(timespec="seconds")]
    return DemoHistory(sessions, assessments, pauses, plan)


def _session(rng: random.Random, routine: str, start: datetime, tl: Timeline) -> dict[str, Any]:
    stopped = rng.random() < 0.05
    cut = rng.randint(1, len(tl.phases) - 1) if stopped else None
    phases = _phases(tl, rng, cut)
    duration = phases[-1]["end_s"] if phases else 0.0
    pain_before = rng.choices(range(0, 6), (30, 25, 20, 12, 8, 5))[0]
    reason = (
        rng.choice(("glutes_stopped", "form_lost", "pain", "quit")) if stopped else "planned_end"
    )
    return {
        "id": _uid(rng),
        "routine": routine,
        "started_at": start.isoformat(timespec="seconds"),
        "ended_at": (start + timedelta(seconds=round(duration))).isoformat(timespec="seconds"),
        "status": "stopped" if stopped else "completed",
        "stop_reason": reason,
        "pain_before": pain_before,
        "pain_after": max(0, min(10, pain_before + rng.choice((-1, 0, 0, 0, 1)))),
        "effort": rng.choice((2, 3, 3, 4, 5)) if routine == "hold" else rng.choice((3, 4, 5, 6)),
        "pain_next_morning": rng.choice((None, max(0, pain_before - 1), pain_before)),
        "phases": phases,
    }
