"""A demo history that follows the programme (what `glute-tui demo-history` writes).

Pure and deterministic: the same seed, `now` and span give the same data. Day by day the
programme is replayed as the history grows (core/programme_replay.py, the very fold that
home and `glute-tui today` run), and the day's sessions are what it says is due for the
stage it is in, built by the routines' own timelines at the day's load step:
- a self-assessment on the first morning finds a weak side (Activate); later ones in
  Activate and Integrate still find it; a few weeks into Strengthen one measures every
  LSI at 90% or more (most of the time: otherwise "not yet" and another some weeks on),
  which opens the way to Return, where one comes every four weeks or so;
- about nine in ten due sessions are done, a whole day is skipped now and then;
- next-morning pain is mostly 0-2; a first flare (one bad morning: the load is lowered,
  three good mornings restore it) comes in the first weeks, a second one (two bad mornings
  within a week: back a stage) some weeks later, then a flare every 3-8 months;
- an injury break of 7-21 days about once a year, most of them marked as pauses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from glute_tui.core.assessment import is_tight
from glute_tui.core.library import Library
from glute_tui.core.plan import Plan, plan_for_verdict
from glute_tui.core.programme_config import Programme
from glute_tui.core.programme_replay import Replay
from glute_tui.core.programme_types import DaySession, MorningPain, Today, Verdict
from glute_tui.core.protocol import Protocols
from glute_tui.core.routines import registry
from glute_tui.core.routines.base import Built, Context
from glute_tui.core.timeline import Timeline
from glute_tui.core.volume import session_volume

#: when in the day each routine is done (several times a day: the first slots)
SLOTS = {
    "hold": (time(7, 30), time(13, 0), time(19, 30)),
    "contract_relax": (time(8, 0), time(12, 30), time(20, 0)),
    "release": (time(21, 0),),
    "cook_hip_lift": (time(8, 15),),
    "standing_glute": (time(12, 15),),
    "circuit": (time(17, 45),),
    "primer": (time(17, 15),),
    "bridge": (time(17, 30),),
    "single_leg": (time(17, 50),),
}
DONE_CHANCE = 0.9  # a due session is done
SKIP_DAY = 0.05  # nothing at all is done that day


@dataclass
class Demo:
    sessions: list[dict[str, Any]]
    assessments: list[dict[str, Any]]
    pauses: list[dict[str, str]]
    plan: Plan
    stages: dict[date, str]  # the stage of every day, as the replay saw it


def uid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def _assessment(rng: random.Random, when: datetime, verdict: str, weak: str) -> dict[str, Any]:
    """A bridge-hold self-assessment: a weak side with a gap over 10 s, or balanced with
    every LSI at 90% or more."""
    strong = rng.randint(30, 45)
    gap = {"left": rng.randint(0, 2), "right": 0}
    if verdict in ("left", "right"):
        gap = {"left": 0, "right": 0}
        gap[weak] = rng.randint(11, 16)
    left_b, right_b = strong - gap["left"], strong - gap["right"]
    lsi = round(min(left_b, right_b) / max(left_b, right_b) * 100, 1)
    return {
        "id": uid(rng),
        "taken_at": when.isoformat(timespec="seconds"),
        "verdict": verdict,
        "weaker": weak if verdict != "balanced" else None,
        "tests": {"bridge_hold": {"left": left_b, "right": right_b, "lsi": lsi}},
        "lsi": {"bridge_hold": lsi},
        "answers": {"dominant": "right" if weak == "left" else "left"},
        "why": [f"bridge hold {left_b} s left vs {right_b} s right, LSI {lsi}%"],
    }


def _verdict(a: dict[str, Any], day: date) -> Verdict:
    """The programme's reading of an assessment (as store/programme_input.py reads it)."""
    v = a["verdict"]
    return Verdict(
        day=day,
        weak_side=None if v == "balanced" else v,
        tight=is_tight(a["answers"]),
        lsis={k: float(x) for k, x in a["lsi"].items()},
        first=a["weaker"],
    )


def _phases(tl: Timeline, rng: random.Random, cut: int | None, load: float | None) -> list[Any]:
    out: list[dict[str, Any]] = []
    t = 0.0
    for spec in tl.phases if cut is None else tl.phases[:cut]:
        paused = round(rng.uniform(5, 40), 3) if rng.random() < 0.004 else 0.0
        length = spec.planned_s * (rng.uniform(0.8, 1.3) if spec.paced else 1.0)
        reps = spec.reps
        if spec.paced and reps is not None and rng.random() < 0.15:
            reps = max(1, reps - rng.randint(1, 3))  # a set or two short of the target
        end = round(t + length + paused, 3)
        phase: dict[str, Any] = {
            "kind": spec.kind,
            "exercise": spec.exercise,
            "side": spec.side,
            "set": spec.set,
            "planned_s": round(spec.planned_s, 3),
            "start_s": round(t, 3),
            "end_s": end,
            "paused_s": paused,
            "reps": reps,
            "ended_by": "done" if spec.paced else "planned",
        }
        if spec.paced:
            phase.update({"paced": True, "rep_target": spec.reps})
            if load is not None and spec.kind == "work":
                phase["load_kg"] = load
        out.append(phase)
        t = end
    return out


def _session(
    rng: random.Random, routine: str, start: datetime, tl: Timeline, load: float | None
) -> dict[str, Any]:
    stopped = rng.random() < 0.05
    cut = rng.randint(1, len(tl.phases) - 1) if stopped and len(tl.phases) > 1 else None
    phases = _phases(tl, rng, cut, load)
    duration = phases[-1]["end_s"] if phases else 0.0
    pain_before = rng.choices(range(0, 6), (30, 25, 20, 12, 8, 5))[0]
    reason = (
        rng.choice(("glutes_stopped", "form_lost", "quit", "out_of_time"))
        if cut is not None
        else "planned_end"
    )
    return {
        "id": uid(rng),
        "routine": routine,
        "started_at": start.isoformat(timespec="seconds"),
        "ended_at": (start + timedelta(seconds=round(duration))).isoformat(timespec="seconds"),
        "status": "stopped" if cut is not None else "completed",
        "stop_reason": reason,
        "pain_before": pain_before,
        "pain_after": max(0, min(10, pain_before + rng.choice((-1, 0, 0, 0, 1)))),
        "effort": rng.choice((2, 3, 3, 4, 5)),
        "pain_next_morning": None,
        "phases": phases,
    }


def _day_session(s: dict[str, Any], day: date) -> DaySession:
    """The programme's reading of a session (as store/programme_input.py reads it)."""
    sides = [k for k in ("left", "right") if k in session_volume(s["phases"])]
    side = "both" if len(sides) == 2 else (sides[0] if sides else None)
    stopped = 1 if s["stop_reason"] == "glutes_stopped" else 0
    return DaySession(s["routine"], day, side, 1, stopped, s["status"])


class _Mornings:
    """Next-morning pain: calm, with flares (see the module docstring)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.first = ["single", "double"]  # the first two flares; then either, by chance
        self.flare_in = rng.randint(20, 30)  # training days to the next flare
        self.pending: list[int] = []  # the answers still to come in the current flare

    def next(self) -> int | None:
        """Tomorrow morning's answer after a training day (None: not answered)."""
        rng = self.rng
        self.flare_in -= 1
        if self.flare_in <= 0 and not self.pending:
            kind = self.first.pop(0) if self.first else rng.choice(("single", "double"))
            self.pending = [rng.randint(6, 7)]
            if kind == "double":  # a second bad morning a few days later
                self.pending += [rng.randint(1, 2) for _ in range(rng.randint(1, 3))]
                self.pending.append(rng.randint(6, 8))
            self.pending += [rng.randint(0, 2) for _ in range(3)]
            self.flare_in = rng.randint(30, 45) if self.first else rng.randint(90, 240)
        if self.pending:
            return self.pending.pop(0)
        return rng.choice((0, 1, 1, 1, 1, 2)) if rng.random() < 0.85 else None


def generate(
    library: Library,
    protocols: Protocols,
    programme: Programme,
    *,
    years: float,
    seed: int,
    now: datetime,
) -> Demo:
    rng = random.Random(seed)
    tz = now.tzinfo
    today = now.date()
    first = today - timedelta(days=round(years * 365))
    weak = rng.choice(("left", "right"))

    breaks: list[tuple[date, date]] = []
    day = first + timedelta(days=rng.randint(120, 240))
    while day < today - timedelta(days=30):
        length = rng.randint(7, 21)
        breaks.append((day, day + timedelta(days=length - 1)))
        day += timedelta(days=rng.randint(250, 450))
    marked = [(a, b) for a, b in breaks if rng.random() < 0.8]
    pauses = [{"start": a.isoformat(), "end": b.isoformat()} for a, b in marked]
    paused = frozenset(a + timedelta(days=k) for a, b in marked for k in range((b - a).days + 1))

    replay = Replay(programme, loggable=registry.IDS, paused=paused)
    mornings = _Mornings(random.Random(f"{seed}-mornings"))
    timelines: dict[tuple[str, tuple[str, ...], int], Timeline] = {}
    sessions: list[dict[str, Any]] = []
    assessments: list[dict[str, Any]] = []
    stages: dict[date, str] = {}
    plan: Plan = plan_for_verdict(weak, weak) or Plan()
    last_assessed: date | None = None
    stage_seen: tuple[str, date] | None = None
    wait = 0  # days into Strengthen before the re-assessment
    now_text = now.isoformat(timespec="seconds")

    def timeline(routine: str, today_: Today, day: date) -> Timeline | None:
        key = (routine, plan.hold_sides, today_.step)
        if key not in timelines:
            found = registry.get(routine)
            if found is None:
                return None
            ctx = Context(
                plan,
                {},
                library,
                protocols,
                day,
                (),
                today_.step,
                today_.why,
                programme,
                today_.targets(),
            )
            built = found.timeline(ctx)
            if not isinstance(built, Built):
                return None
            timelines[key] = built.timeline
        return timelines[key]

    day = first
    while day <= today:
        in_break = any(a <= day <= b for a, b in breaks)
        stage = stages.get(day - timedelta(days=1), "activate")
        since = stage_seen[1] if stage_seen else first
        verdict = _due_assessment(rng, day, stage, since, last_assessed, wait, weak)
        when = datetime.combine(day, time(7, 0), tz)
        if verdict is not None and not in_break and when < now:
            a = _assessment(rng, when, verdict, weak)
            assessments.append(a)
            replay.verdict(_verdict(a, day))
            last_assessed = day
            plan = (
                plan_for_verdict(verdict, weak, assessment_id=a["id"], created_at=a["taken_at"])
                or plan
            )
        t = replay.day(day)
        stages[day] = t.stage
        if stage_seen is None or stage_seen != (t.stage, t.since):
            stage_seen = (t.stage, t.since)
            wait = rng.randint(18, 30)
        last_of_day: dict[str, Any] | None = None
        if not in_break and rng.random() >= SKIP_DAY:
            left: dict[str, int] = {}  # one session covers every side its routine trains
            for d in t.due:
                left[d.routine] = max(left.get(d.routine, 0), d.target - d.done)
            for routine, n in left.items():
                tl = timeline(routine, t, day)
                if tl is None:
                    continue
                if routine == "hold" and rng.random() < 0.2:
                    n += 1  # a third hold some days
                for slot in SLOTS.get(routine, (time(18, 0),))[: max(0, n)]:
                    if rng.random() >= DONE_CHANCE:
                        continue
                    start = datetime.combine(day, slot, tz) + timedelta(minutes=rng.randint(0, 40))
                    load = _load(rng, routine, t.stage)
                    s = _session(rng, routine, start, tl, load)
                    if s["ended_at"] > now_text:
                        continue
                    sessions.append(s)
                    replay.log(_day_session(s, day))
                    if last_of_day is None or s["started_at"] > last_of_day["started_at"]:
                        last_of_day = s
        replay.close()
        tomorrow = day + timedelta(days=1)
        if last_of_day is not None and tomorrow <= today:
            value = mornings.next()
            if value is not None:
                last_of_day["pain_next_morning"] = value
                replay.morning(MorningPain(tomorrow, value))
        day = tomorrow
    sessions.sort(key=lambda s: s["started_at"])
    return Demo(sessions, assessments, pauses, plan, stages)


def _due_assessment(
    rng: random.Random,
    day: date,
    stage: str,
    since: date,
    last: date | None,
    wait: int,
    weak: str,
) -> str | None:
    """The verdict of a self-assessment taken this morning, or None when none is taken."""
    if last is None:
        return weak
    gap = (day - last).days
    if stage == "strengthen" and (day - since).days >= wait and gap >= 14:
        return "balanced" if rng.random() < 0.75 else weak
    if stage == "return" and gap >= 28 + rng.randint(0, 6):
        return "balanced" if rng.random() < 0.85 else weak
    if stage in ("activate", "integrate") and gap >= 35 + rng.randint(0, 14):
        return weak
    return None


def _load(rng: random.Random, routine: str, stage: str) -> float | None:
    """Single-leg work in Return carries some load; bodyweight before."""
    if routine != "single_leg" or stage != "return":
        return None
    return float(rng.choice((6, 8, 8, 10, 12)))
