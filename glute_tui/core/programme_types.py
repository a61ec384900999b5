"""The programme's inputs (plain records the store adapts from its files) and its output."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any


# ---- inputs ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DaySession:
    routine: str
    day: date
    side: str | None  # left, right, both (or None when not known)
    sets: int = 1
    glutes_stopped_sets: int = 0
    status: str = "completed"


@dataclass(frozen=True)
class MorningPain:
    day: date  # the morning the pain was felt (the day after the training)
    value: int


@dataclass(frozen=True)
class Verdict:
    day: date
    weak_side: str | None  # left, right, both; None when balanced
    tight: bool = False
    lsis: Mapping[str, float] = field(default_factory=dict)
    red_flag: bool = False
    first: str | None = None  # which side starts when both are trained


@dataclass(frozen=True)
class StageChange:
    day: date
    stage: str
    reason: str


@dataclass(frozen=True)
class History:
    sessions: Sequence[DaySession] = ()
    mornings: Sequence[MorningPain] = ()
    verdicts: Sequence[Verdict] = ()
    changes: Sequence[StageChange] = ()
    paused: frozenset[date] = frozenset()  # injury pauses: not counted for adherence


# ---- outputs -------------------------------------------------------------------------
@dataclass(frozen=True)
class GateCheck:
    need: str
    met: bool
    have: str


@dataclass(frozen=True)
class Due:
    routine: str
    side: str
    target: int
    done: int
    dose: Mapping[str, float]


@dataclass(frozen=True)
class Today:
    date: _dt.date
    stage: str
    week: int
    since: _dt.date
    gate: tuple[GateCheck, ...]
    step: int
    why: str | None
    due: tuple[Due, ...]
    notes: tuple[str, ...]

    def targets(self) -> dict[str, int]:
        """Today's sessions per due routine (the most any of its sides asks): every daily
        target the app shows comes from here."""
        out: dict[str, int] = {}
        for d in self.due:
            out[d.routine] = max(out.get(d.routine, 0), d.target)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "stage": {
                "id": self.stage,
                "week": self.week,
                "since": self.since.isoformat(),
                "gate": [{"need": g.need, "met": g.met, "have": g.have} for g in self.gate],
            },
            "load": {"step": self.step, "why": self.why},
            "due": [
                {
                    "routine": d.routine,
                    "side": d.side,
                    "target": d.target,
                    "done": d.done,
                    "dose": dict(d.dose),
                }
                for d in self.due
            ],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Checkpoint:
    """The fold's state at the end of `day`: a later day can then be evaluated from this and
    the records of the two weeks before it (the windows the rules look back over)."""

    day: date
    stage: int
    since: date | None
    started: bool
    step: int
    why: str | None
    bad: tuple[date, ...]
    good_run: int
    verdict: Verdict | None
    adherence: tuple[tuple[date, int, int], ...]  # (day, done, due), ADHERENCE_KEPT_DAYS
    paused: int = 0  # the paused days since `since` (not days in the stage)

    #: records on or after `day - LOOKBACK_DAYS` are what a resumed fold reads
    LOOKBACK_DAYS = 14
    #: the days of adherence kept (the gate reads 14; `stats` shows 7 and 28; the history
    #: screen's weekly trend 26 weeks, this one included)
    ADHERENCE_KEPT_DAYS = 189
