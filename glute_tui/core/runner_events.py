"""What a Runner reports: why a phase ended, the record of a finished phase, and the
events its operations return. Plain frozen values; times are session seconds on the
runner's clock, pauses included (the export's `start_s` / `end_s`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from glute_tui.core.timeline import PhaseSpec

# Why a phase ended (PhaseRecord.ended_by)
PLANNED = "planned"  # its planned time ran out
SKIPPED = "skipped"  # the user moved on early
READY = "ready"  # the user ended a rest window after its minimum
GLUTES_STOPPED = "glutes_stopped"  # the user reported the glutes had stopped working
STOPPED = "stopped"  # the session was stopped during this phase
OUT_OF_TIME = "out_of_time"  # the active-time budget (the daily circuit cap) ran out
DONE = "done"  # the user finished a user-paced phase (and said how many reps)


@dataclass(frozen=True)
class PhaseRecord:
    index: int
    spec: PhaseSpec
    start_s: float
    end_s: float
    paused_s: float
    ended_by: str
    reps: int | None
    load_kg: float | None = None  # a user-paced set's load, when the user gave one

    @property
    def active_s(self) -> float:
        return self.end_s - self.start_s - self.paused_s

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.spec.kind,
            "exercise": self.spec.exercise,
            "side": self.spec.side,
            "set": self.spec.set,
            "planned_s": round(self.spec.planned_s, 3),
            "start_s": round(self.start_s, 3),
            "end_s": round(self.end_s, 3),
            "paused_s": round(self.paused_s, 3),
            "reps": self.reps,
            "ended_by": self.ended_by,
            **({"paced": True, "rep_target": self.spec.reps} if self.spec.paced else {}),
            **({"load_kg": self.load_kg} if self.load_kg is not None else {}),
        }


@dataclass(frozen=True)
class Event:
    kind: str  # phase_started | phase_ended | paused | resumed | session_ended
    index: int  # phase index (-1 for session-level events with no phase)
    at: float  # session seconds at which it happened (scheduled moment for timed ends)
    record: PhaseRecord | None = None
    status: str | None = None  # session_ended: completed | stopped
    reason: str | None = None
