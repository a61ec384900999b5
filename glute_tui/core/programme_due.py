"""The programme's history indexed by day, and what is due on a day (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from glute_tui.core.programme_config import Programme, Work, dose
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

    @classmethod
    def of(cls, history: History, as_of: date) -> DayIndex:
        days = cls({}, {}, {}, {})
        for s in history.sessions:
            if s.day <= as_of:
                days.sessions.setdefault(s.day, []).append(s)
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


def _sides(work: Work, verdict: Verdict | None) -> list[tuple[str, Mapping[str, float]]]:
    weak = verdict.weak_side if verdict else None
    if work.sides == "both" or (work.sides == "weak" and weak not in SIDES):
        return [("both", work.dose)]
    if work.sides == "weak" and weak is not None:
        return [(weak, work.dose)]
    first = weak if weak in SIDES else (verdict.first if verdict and verdict.first else "left")
    assert first is not None
    strong = work.strong_dose if weak in SIDES and work.strong_dose else work.dose
    return [(first, work.dose), (_other(first), strong)]


def _done(sessions: Iterable[DaySession], routine: str, side: str) -> int:
    ok = ("both", None) if side == "both" else (side, "both")
    return sum(
        1 for s in sessions if s.routine == routine and s.status == "completed" and s.side in ok
    )


def due_list(
    programme: Programme,
    stage: int,
    verdict: Verdict | None,
    step: int,
    sessions: Sequence[DaySession],
) -> tuple[Due, ...]:
    """What is due on a day: the stage's work (release work first for tight glutes) per
    routine and side, with the day's completed sessions and the dose at `step`."""
    if verdict is not None and verdict.red_flag:
        return ()
    work = programme.stages[stage].work
    if verdict is not None and verdict.tight:
        work = programme.tight_work + work
    return tuple(
        Due(
            w.routine,
            side,
            w.per_day,
            _done(sessions, w.routine, side),
            dose(base, step, programme),
        )
        for w in work
        for side, base in _sides(w, verdict)
    )
