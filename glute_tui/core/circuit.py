"""The circuit planner: fit whole rounds into what is left of today's circuit cap.

DOMAIN: the dynamic circuit is capped at 5-10 minutes a day, never more. The library's
dose (10 reps of every drill, 3 rounds) cannot fit that cap, so the circuit has its own
rep target per drill (a setting with safe bounds) and the planner takes as many whole
rounds as fit, warm-up included. A plan never exceeds what is left of today's cap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from glute_tui.core.library import Library
from glute_tui.core.plan import Plan
from glute_tui.core.protocol import Bounds, CircuitProtocol
from glute_tui.core.timeline import Timeline, build_circuit_timeline

#: reps per drill per side in one round: 8 at the default tempo (5 s a rep) is 40 s of work,
#: which lets two rounds of the weak side fit in 10 minutes
REPS = Bounds(default=8, min=5, max=12)
#: rounds wanted at most (the library's typical dose is 3 sets)
ROUNDS = Bounds(default=3, min=1, max=3)
#: the library's tempo (e.g. 2 s lift, 1 s hold, 2 s lower) times this: slower is fine,
#: much faster stops being controlled
TEMPO_SCALE = Bounds(default=1.0, min=0.8, max=1.5)


@dataclass(frozen=True)
class CircuitSettings:
    reps: int
    rest_s: float  # planned rest between rounds, inside the protocol's window
    cap_min: float  # today's cap in minutes (5-10, never more)
    rounds: int  # most rounds wanted
    tempo_scale: float = 1.0

    @classmethod
    def defaults(cls, protocol: CircuitProtocol) -> CircuitSettings:
        return cls(
            int(REPS.default),
            (protocol.rest_min_s + protocol.rest_max_s) / 2,
            protocol.daily_cap_min.default,
            int(ROUNDS.default),
            TEMPO_SCALE.default,
        )

    @classmethod
    def from_settings(cls, raw: Mapping[str, Any], protocol: CircuitProtocol) -> CircuitSettings:
        """Read the user's settings; anything missing or malformed falls back to the default."""
        d = cls.defaults(protocol)

        def num(key: str, default: float) -> float:
            value = raw.get(key)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return default
            return float(value)

        return cls(
            int(num("circuit_reps", d.reps)),
            num("circuit_rest_s", d.rest_s),
            num("circuit_cap_min", d.cap_min),
            int(num("circuit_rounds", d.rounds)),
            num("circuit_tempo_scale", d.tempo_scale),
        ).clamped(protocol)

    def clamped(self, protocol: CircuitProtocol) -> CircuitSettings:
        return CircuitSettings(
            int(REPS.clamp(self.reps)),
            max(protocol.rest_min_s, min(protocol.rest_max_s, self.rest_s)),
            protocol.daily_cap_min.clamp(self.cap_min),
            int(ROUNDS.clamp(self.rounds)),
            TEMPO_SCALE.clamp(self.tempo_scale),
        )


@dataclass(frozen=True)
class CircuitPlan:
    rounds: int
    timeline: Timeline | None  # None when not even one round fits
    left_s: float  # what was left of today's cap when planning
    cap_s: float
    first_round_s: float  # warm-up plus one round: the least a session takes

    @property
    def fits(self) -> bool:
        return self.timeline is not None

    @property
    def total_s(self) -> float:
        return self.timeline.planned_total_s if self.timeline else 0.0

    def message(self) -> str:
        if self.timeline is None:
            if self.left_s <= 0:
                return (
                    f"Today's {fmt_minutes(self.cap_s)} of circuit is done. More is not "
                    "better: your glutes get their next go tomorrow."
                )
            return (
                f"{fmt_minutes(self.left_s)} of today's circuit time is left, and a round "
                f"with its warm-up takes {fmt_minutes(self.first_round_s)}. "
                "That is enough for today."
            )
        word = "round fits" if self.rounds == 1 else "rounds fit"
        return f"{self.rounds} {word}, {fmt_minutes(self.total_s)}"


def fmt_minutes(seconds: float) -> str:
    whole = round(seconds)
    m, s = divmod(whole, 60)
    if m == 0:
        return f"{s} s"
    return f"{m} min" if s == 0 else f"{m} min {s} s"


def plan_circuit(
    plan: Plan,
    library: Library,
    protocol: CircuitProtocol,
    settings: CircuitSettings,
    used_today_s: float,
) -> CircuitPlan:
    """As many whole rounds (up to `settings.rounds`) as fit in what is left of the cap."""
    s = settings.clamped(protocol)
    cap_s = s.cap_min * 60.0
    left = max(0.0, cap_s - max(0.0, used_today_s))
    best: Timeline | None = None
    rounds = 0

    def build(n: int) -> Timeline:
        return build_circuit_timeline(
            plan, library, protocol, n, s.rest_s, reps=s.reps, tempo_scale=s.tempo_scale
        )

    first = build(1)
    for n in range(1, s.rounds + 1):
        timeline = first if n == 1 else build(n)
        if timeline.planned_total_s > left + 1e-9:
            break
        best, rounds = timeline, n
    return CircuitPlan(rounds, best, left, cap_s, first.planned_total_s)


def session_active_s(session: Mapping[str, Any]) -> float:
    """Active seconds of a session or history row: its `active_s` when recorded, else the
    time from start to end (pauses included, so never less than the truth)."""
    value = session.get("active_s")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    try:
        start = datetime.fromisoformat(str(session["started_at"]))
        end = datetime.fromisoformat(str(session["ended_at"]))
    except (KeyError, ValueError):
        return 0.0
    return max(0.0, (end - start).total_seconds())


def circuit_used_today(rows: Iterable[Mapping[str, Any]], today: date) -> float:
    """Circuit seconds already spent today, over every circuit session of any status."""
    day = today.isoformat()
    return sum(
        session_active_s(r)
        for r in rows
        if r.get("routine") == "circuit" and str(r.get("day", "")) == day
    )


def circuit_today_line(completed: int, used_s: float, cap_s: float) -> str:
    """Home's circuit status: what was done today and what is left of today's cap.
    `completed`: finished circuit sessions today; `used_s`: seconds spent on the circuit
    today, stopped sessions included (circuit_used_today); `cap_s`: today's cap."""
    if used_s <= 0 and not completed:
        return "not yet today"
    left = max(0.0, cap_s - max(0.0, used_s))
    done = "done today" if completed else f"{fmt_minutes(used_s)} done, stopped early"
    if left < 1:
        return f"{done} · today's {fmt_minutes(cap_s)} cap is used"
    return f"{done} · {fmt_minutes(left)} of today's {fmt_minutes(cap_s)} cap left"
