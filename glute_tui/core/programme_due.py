"""The programme's history indexed by day, and what is due on a day (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from glute_tui.core.programme_config import Programme, Work, dose, own_dose
from glute_tui.core.programme_types import DaySession, Due, History, StageChange, Verdict

SIDES = ("left", "right")


def _other(side: str) -> str:
    return "right" if side == "left" else "left"


@dataclass
class DayIndex:
    """The history indexed by day (only what is on or before `as_of`)."""

    sessions: dict[date, list[DaySession]]
    mornings: dict[date, int]
    verdicts: dict[date, Verdict]
    changes: dict[date, list[StageChange]]
    completed: dict[date, dict[tuple[str, str | None], int]]  # (routine, side) -> sessions

    @classmethod
    def of(cls, history: History, as_of: date) -> DayIndex:
        days = cls({}, {}, {}, {}, {})
        for s in history.sessions:
            if s.day <= as_of:
                days.sessions.setdefault(s.day, []).append(s)
                if s.status == "completed":
                    counts = days.completed.setdefault(s.day, {})
                    counts[(s.routine, s.side)] = counts.get((s.routine, s.side), 0) + 1
        for m in history.mornings:  # several answers for one morning: the worst one counts
            if m.day <= as_of:
                days.mornings[m.day] = max(m.value, days.mornings.get(m.day, m.value))
        for v in sorted(history.verdicts, key=lambda v: v.day):
            if v.day <= as_of:
                days.verdicts[v.day] = v
        for c in history.changes:
            if c.day <= as_of:
                days.changes.setdefault(c.day, []).append(c)
        return days

    def first_day(self, as_of: date) -> date:
        found = [min(d) for d in (self.sessions, self.mornings, self.verdicts, self.changes) if d]
        return min(found, default=as_of)


def _sides(
    work: Work, verdict: Verdict | None, mine: Mapping[str, float] | None = None
) -> list[tuple[str, Mapping[str, float]]]:
    """(side, the usual dose on it): the user's own numbers over the stage's defaults."""
    weak = verdict.weak_side if verdict else None
    usual = own_dose(work.dose, mine)
    if work.sides == "both" or (work.sides == "weak" and weak not in SIDES):
        return [("both", usual)]
    if work.sides == "weak" and weak is not None:
        return [(weak, usual)]
    first = weak if weak in SIDES else (verdict.first if verdict and verdict.first else "left")
    assert first is not None
    strong = (
        own_dose(work.strong_dose, mine, strong=True)
        if weak in SIDES and work.strong_dose
        else usual
    )
    return [(first, usual), (_other(first), strong)]


Plan = tuple[tuple[str, str, int, Mapping[str, float]], ...]  # routine, side, per day, dose


class Planner:
    """What is due on a day: the stage's work (release work first for tight glutes) per
    routine and side, from the user's own dose (`doses`, settings) at the load step.
    Worked out once per stage, verdict and step."""

    def __init__(
        self, programme: Programme, doses: Mapping[str, Mapping[str, float]] | None = None
    ) -> None:
        self.programme = programme
        self.doses = doses or {}
        self._plans: dict[tuple[int, int, int], tuple[Verdict | None, Plan]] = {}

    def plan(self, stage: int, verdict: Verdict | None, step: int) -> Plan:
        key = (stage, id(verdict), step)
        hit = self._plans.get(key)
        if hit is not None and hit[0] is verdict:
            return hit[1]
        plan: Plan = ()
        if verdict is None or not verdict.red_flag:
            work = self.programme.stages[stage].work
            if verdict is not None and verdict.tight:
                work = self.programme.tight_work + work
            plan = tuple(
                (w.routine, side, w.per_day, dose(base, step, self.programme))
                for w in work
                for side, base in _sides(w, verdict, self.doses.get(w.routine))
            )
        self._plans[key] = (verdict, plan)
        return plan

    @staticmethod
    def due(plan: Plan, completed: Mapping[tuple[str, str | None], int]) -> tuple[Due, ...]:
        """The plan with the day's completed sessions: a session on both sides counts for
        each side; a one-sided session does not count for work on both."""
        return tuple(
            Due(routine, side, per_day, Planner.done(routine, side, completed), amount)
            for routine, side, per_day, amount in plan
        )

    @staticmethod
    def done(routine: str, side: str, completed: Mapping[tuple[str, str | None], int]) -> int:
        if side == "both":
            return completed.get((routine, "both"), 0) + completed.get((routine, None), 0)
        return completed.get((routine, side), 0) + completed.get((routine, "both"), 0)
