"""Typed, frozen records for the seam between store and ui (issue 11).

The history file, the journal and exports hold plain JSON dicts (core/records.py checks
them field by field). These dataclasses are what the store will hand the UI instead:
`Session.from_dict(raw)` validates with the same rules (the same messages naming the
field) and builds a frozen value; `to_dict()` gives the JSON-ready dict back.

The round trip keeps everything:
- keys this version does not model (a newer file, a field another part adds) are kept in
  `extra` and written back as they were;
- the keys of the export contract (README "Export format") are always written, null
  where the file had null or nothing;
- other optional keys that were absent stay absent; one that held null is written back
  absent too (the only normalisation: readers treat both the same).
So `X.from_dict(x.to_dict()) == x` for every value, and `from_dict(d).to_dict()` equals `d`
less its null optional keys (tests/core/test_model.py checks both, on real exports too).

Plan already is a frozen dataclass with from_dict/to_dict (core/plan.py); it, and the
assessment records (core/model_assessment.py, kept apart for size), are re-exported here
so the seam has one import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from glute_tui.core.model_assessment import Assessment, TestScore
from glute_tui.core.model_view import RecordView
from glute_tui.core.plan import Plan
from glute_tui.core.records import (
    PHASE_FIELDS,
    RecordError,
    check_session_fields,
    local_day,
    session_row,
    validate_phase,
)

__all__ = ["Assessment", "Phase", "Plan", "Recovered", "Session", "SessionRow", "TestScore"]


def _optional(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        out[key] = value


def _is_mapping(value: Any) -> bool:
    # a JSON object is a dict: the exact-type test first (ABC isinstance is slow, and the
    # store types every row of a ten-year history on each load)
    return type(value) is dict or isinstance(value, Mapping)


def _number(value: Any) -> float:
    return float(value)


def _number_or_none(value: Any) -> float | None:
    return None if value is None else float(value)


# ---- phases ---------------------------------------------------------------------------------
_PHASE_OPTIONAL = ("paused_s", "ended_by")
_PHASE_KEYS = frozenset((*PHASE_FIELDS, *_PHASE_OPTIONAL))


@dataclass(frozen=True)
class Phase:
    """One phase of a session as it was done (seconds since the session started)."""

    kind: str  # prepare | hold | rest | work | switch | transition | round_rest | ...
    exercise: str | None
    side: str | None  # left | right | both | None
    set: int
    planned_s: float
    start_s: float
    end_s: float
    reps: int | None
    paused_s: float | None = None  # absent in files from before pauses were counted
    ended_by: str | None = None  # planned | skipped | ready | glutes_stopped | stopped | ...
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def active_s(self) -> float:
        return self.end_s - self.start_s - (self.paused_s or 0.0)

    @classmethod
    def from_dict(cls, raw: Any, where: str = "phase") -> Phase:
        d = validate_phase(raw, where)
        return cls(
            kind=d["kind"],
            exercise=d["exercise"],
            side=d["side"],
            set=d["set"],
            planned_s=_number(d["planned_s"]),
            start_s=_number(d["start_s"]),
            end_s=_number(d["end_s"]),
            reps=d["reps"],
            paused_s=_number_or_none(d.get("paused_s")),
            ended_by=d.get("ended_by"),
            extra={k: v for k, v in d.items() if k not in _PHASE_KEYS},
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            **self.extra,
            "kind": self.kind,
            "exercise": self.exercise,
            "side": self.side,
            "set": self.set,
            "planned_s": self.planned_s,
            "start_s": self.start_s,
            "end_s": self.end_s,
            "reps": self.reps,
        }
        _optional(out, "paused_s", self.paused_s)
        _optional(out, "ended_by", self.ended_by)
        return out


# ---- sessions -------------------------------------------------------------------------------
_SESSION_REQUIRED = (
    "id",
    "routine",
    "started_at",
    "ended_at",
    "status",
    "stop_reason",
    "pain_before",
    "pain_after",
    "effort",
    "phases",
)
_SESSION_OPTIONAL = ("pain_next_morning", "note", "pain_override", "active_s", "resumed_from")
_SESSION_KEYS = frozenset((*_SESSION_REQUIRED, *_SESSION_OPTIONAL))
_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})  # shared by every session without extras


@dataclass(frozen=True, slots=True)  # slots: ten years of rows are held in memory
class Session:
    """A finished (completed, stopped or interrupted) session with its phases."""

    id: str
    routine: str
    started_at: str  # ISO 8601 with the UTC offset it was recorded in
    ended_at: str
    status: str  # completed | stopped | interrupted
    stop_reason: str | None
    pain_before: int | None
    pain_after: int | None
    effort: int | None
    phases: tuple[Phase, ...] = ()
    pain_next_morning: int | None = None
    note: str | None = None
    pain_override: bool | None = None  # trained with pain before above the gate, knowingly
    active_s: float | None = None
    resumed_from: str | None = None  # the id of the cut-short session this one continued
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def day(self) -> date:
        """The calendar day it belongs to (its date in the offset it was recorded with)."""
        return local_day(self.started_at)

    @property
    def started(self) -> datetime:
        return datetime.fromisoformat(self.started_at)

    @property
    def ended(self) -> datetime:
        return datetime.fromisoformat(self.ended_at)

    @classmethod
    def from_dict(cls, raw: Any, where: str = "session") -> Session:
        check_session_fields(raw, where)
        phases = raw.get("phases")
        if not isinstance(phases, list):
            raise RecordError(f"{where}.phases: must be a list")
        return cls._checked(
            raw,
            where,
            tuple(Phase.from_dict(p, f"{where}.phases[{i}]") for i, p in enumerate(phases)),
            _SESSION_KEYS,
        )

    @classmethod
    def _checked(
        cls, raw: Mapping[str, Any], where: str, phases: tuple[Phase, ...], known: frozenset[str]
    ) -> Session:
        """The value of a record check_session_fields passed: read from `raw` itself (no
        copy); keys outside `known` are kept in `extra`."""
        note = raw.get("note")
        if note is not None and not isinstance(note, str):
            raise RecordError(f"{where}.note: must be text or null")
        resumed = raw.get("resumed_from")
        if resumed is not None and not isinstance(resumed, str):
            raise RecordError(f"{where}.resumed_from: must be a session id or null")
        return cls(
            id=raw["id"],
            routine=raw["routine"],
            started_at=raw["started_at"],
            ended_at=raw["ended_at"],
            status=raw["status"],
            stop_reason=raw.get("stop_reason"),
            pain_before=raw.get("pain_before"),
            pain_after=raw.get("pain_after"),
            effort=raw.get("effort"),
            phases=phases,
            pain_next_morning=raw.get("pain_next_morning"),
            note=note,
            pain_override=raw.get("pain_override"),
            active_s=_number_or_none(raw.get("active_s")),
            resumed_from=resumed,
            extra={k: v for k, v in raw.items() if k not in known} or _NO_EXTRA,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            **self.extra,
            "id": self.id,
            "routine": self.routine,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "status": self.status,
            "stop_reason": self.stop_reason,
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "effort": self.effort,
            "phases": [p.to_dict() for p in self.phases],
        }
        for key in _SESSION_OPTIONAL:
            _optional(out, key, getattr(self, key))
        return out


_ROW_KEYS = ("phase_count", "volume", "day")
_ROW_KNOWN = _SESSION_KEYS | frozenset(_ROW_KEYS)  # a row's keys that are not `extra`


@dataclass(frozen=True, slots=True)  # slots: ten years of rows are held in memory
class SessionRow(RecordView):
    """The light row the history keeps for every session (all but the phases), which
    home, streaks and the calendar read: `session` has no phases; `phase_count` says how
    many it has, `volume` the work per side (holds, reps, active seconds).

    `row["day"]` reads the row's JSON record (core/model_view.py), for the rule functions
    that still take records; `record` is that record, read-only."""

    session: Session
    phase_count: int
    volume: Mapping[str, Mapping[str, float]]
    record: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._fill_record(self.record)

    @property
    def id(self) -> str:
        return self.session.id

    @property
    def routine(self) -> str:
        return self.session.routine

    @property
    def day(self) -> date:
        day = self.record.get("day")  # checked against started_at once, by from_dict
        return date.fromisoformat(day) if isinstance(day, str) else self.session.day

    @classmethod
    def of(cls, session: Session) -> SessionRow:
        """The row of a whole session (the same numbers records.session_row works out)."""
        row = session_row(session.to_dict())
        return cls(replace(session, phases=()), row["phase_count"], row["volume"])

    @classmethod
    def from_dict(cls, raw: Any, where: str = "row") -> SessionRow:
        if not _is_mapping(raw):
            raise RecordError(f"{where}: must be an object")
        count = raw.get("phase_count")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise RecordError(f"{where}.phase_count: must be a whole number >= 0")
        volume = raw.get("volume")
        if not _is_mapping(volume) or not all(_is_mapping(v) for v in volume.values()):
            raise RecordError(f"{where}.volume: must map sides to their work")
        check_session_fields(raw, where)  # the one check of a row's fields (no copy)
        session = Session._checked(raw, where, (), _ROW_KNOWN)
        if raw.get("day") != session.day.isoformat():
            raise RecordError(f"{where}.day: is not the day of started_at")
        # kept as given, not copied (ten years of rows are held twice otherwise): `record`
        # and `volume` are read-only views of `raw`, so pass a dict nobody changes later
        return cls(session, count, MappingProxyType(volume), raw)

    def to_dict(self) -> dict[str, Any]:
        out = self.session.to_dict()
        del out["phases"]
        out["phase_count"] = self.phase_count
        out["volume"] = {k: dict(v) for k, v in self.volume.items()}
        out["day"] = self.session.day.isoformat()
        return out


@dataclass(frozen=True)
class Recovered:
    """A cut-short live session taken from an orphaned journal into the history: the
    session as saved (`interrupted`) and the journal's resume state (the rest of the
    timeline, the next index, the settings; empty when the journal kept none)."""

    session: Session
    resume: Mapping[str, Any] = field(default_factory=dict)
