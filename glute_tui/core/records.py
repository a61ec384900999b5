"""Session and assessment records: the export contract, validated field by field.

Records are plain JSON-ready dicts (they travel to TinyDB, the journal and exports
unchanged); this module checks them and derives summaries. Nothing here touches files.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from glute_tui.core.limits import MAX_LOAD_KG
from glute_tui.core.plan import RECORD_VERDICTS
from glute_tui.core.volume import session_volume

_IDS: tuple[str, ...] | None = None


def routine_ids() -> tuple[str, ...]:
    """Every routine a session may belong to: the catalogue's (core/routines/catalogue.py,
    which imports no routine module). Looked up once: every row of a history asks."""
    global _IDS
    if _IDS is None:
        from glute_tui.core.routines.catalogue import IDS

        _IDS = IDS
    return _IDS


def __getattr__(name: str) -> Any:  # ROUTINES stays importable for older callers
    if name == "ROUTINES":
        return routine_ids()
    raise AttributeError(name)


STATUSES = ("completed", "stopped", "interrupted")
STOP_REASONS = (
    "planned_end",
    "glutes_stopped",
    "form_lost",
    "pain",
    "out_of_time",
    "quit",
    "interrupted",
)
#: the most reps one set may log: a record, an import and the reps typed in a set all
#: refuse more
MAX_REPS = 10_000
PHASE_FIELDS = ("kind", "exercise", "side", "set", "planned_s", "start_s", "end_s", "reps")
SIDE_VALUES = ("left", "right", "both", None)
EXPORT_FORMAT = "glute-tui-export"
EXPORT_VERSION = 1


class RecordError(ValueError):
    """An invalid record; the message names the field (e.g. sessions[2].phases[0].side)."""


def parse_time(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise RecordError(f"{where}: must be an ISO 8601 time with a UTC offset")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise RecordError(f"{where}: {value!r} is not an ISO 8601 time") from None
    if parsed.tzinfo is None:
        raise RecordError(f"{where}: {value!r} has no UTC offset")
    return parsed


def local_day(started_at: str) -> date:
    """The calendar day a session belongs to: its date in the offset it was recorded with."""
    return datetime.fromisoformat(started_at).date()


def _pain(value: Any, where: str, *, required: bool = False) -> None:
    if value is None and not required:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise RecordError(f"{where}: must be a whole number from 0 to 10")


def validate_phase(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise RecordError(f"{where}: must be an object")
    for key in PHASE_FIELDS:
        if key not in raw:
            raise RecordError(f"{where}.{key}: is missing")
    if not isinstance(raw["kind"], str):
        raise RecordError(f"{where}.kind: must be a string")
    if raw["exercise"] is not None and not isinstance(raw["exercise"], str):
        raise RecordError(f"{where}.exercise: must be a string or null")
    if raw["side"] not in SIDE_VALUES:
        raise RecordError(f"{where}.side: must be left, right, both or null")
    if isinstance(raw["set"], bool) or not isinstance(raw["set"], int) or raw["set"] < 0:
        raise RecordError(f"{where}.set: must be a whole number >= 0")
    for key in ("planned_s", "start_s", "end_s"):
        value = raw[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise RecordError(f"{where}.{key}: must be a number of seconds >= 0")
    if raw["end_s"] < raw["start_s"]:
        raise RecordError(f"{where}.end_s: is before start_s")
    reps = raw["reps"]
    if reps is not None and (
        isinstance(reps, bool) or not isinstance(reps, int) or not 0 <= reps <= MAX_REPS
    ):
        raise RecordError(f"{where}.reps: must be a whole number from 0 to {MAX_REPS} or null")
    if "paced" in raw and not isinstance(raw["paced"], bool):
        raise RecordError(f"{where}.paced: must be true or false")
    load = raw.get("load_kg")
    if load is not None and (
        isinstance(load, bool) or not isinstance(load, (int, float)) or not 0 <= load <= MAX_LOAD_KG
    ):
        raise RecordError(f"{where}.load_kg: must be a number of kilograms >= 0 or null")
    return dict(raw)


def check_session_fields(raw: Any, where: str = "session") -> None:
    """Every check of validate_session but the phases (the caller checks those), without
    copying anything: the typed values (core/model.py) read `raw` once it has passed."""
    if type(raw) is not dict and not isinstance(raw, Mapping):  # dict first: ABC is slow
        raise RecordError(f"{where}: must be an object")
    sid = raw.get("id")
    if not isinstance(sid, str) or not sid.strip():
        raise RecordError(f"{where}.id: must be a non-empty string")
    if raw.get("routine") not in routine_ids():
        raise RecordError(f"{where}.routine: must be one of {', '.join(routine_ids())}")
    started = parse_time(raw.get("started_at"), f"{where}.started_at")
    ended = parse_time(raw.get("ended_at"), f"{where}.ended_at")
    if ended < started:
        raise RecordError(f"{where}.ended_at: is before started_at")
    if raw.get("status") not in STATUSES:
        raise RecordError(f"{where}.status: must be completed, stopped or interrupted")
    reason = raw.get("stop_reason")
    if reason is not None and reason not in STOP_REASONS:
        raise RecordError(f"{where}.stop_reason: must be one of {', '.join(STOP_REASONS)}")
    _pain(raw.get("pain_before"), f"{where}.pain_before")
    _pain(raw.get("pain_after"), f"{where}.pain_after")
    _pain(raw.get("effort"), f"{where}.effort")
    _pain(raw.get("pain_next_morning"), f"{where}.pain_next_morning")
    _pain(raw.get("pain_during"), f"{where}.pain_during")
    if "pain_override" in raw and not isinstance(raw["pain_override"], bool):
        raise RecordError(f"{where}.pain_override: must be true or false")
    active = raw.get("active_s")
    if active is not None and (
        isinstance(active, bool) or not isinstance(active, (int, float)) or active < 0
    ):
        raise RecordError(f"{where}.active_s: must be a number of seconds >= 0")


def validate_session(raw: Any, where: str = "session") -> dict[str, Any]:
    check_session_fields(raw, where)
    phases = raw.get("phases")
    if not isinstance(phases, list):
        raise RecordError(f"{where}.phases: must be a list")
    out = dict(raw)
    out["phases"] = [validate_phase(p, f"{where}.phases[{i}]") for i, p in enumerate(phases)]
    return out


def validate_assessment(raw: Any, where: str = "assessment") -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise RecordError(f"{where}: must be an object")
    aid = raw.get("id")
    if not isinstance(aid, str) or not aid.strip():
        raise RecordError(f"{where}.id: must be a non-empty string")
    parse_time(raw.get("taken_at"), f"{where}.taken_at")
    if raw.get("verdict") not in RECORD_VERDICTS:
        raise RecordError(f"{where}.verdict: must be one of {', '.join(RECORD_VERDICTS)}")
    for key in ("tests", "answers"):
        if not isinstance(raw.get(key, {}), Mapping):
            raise RecordError(f"{where}.{key}: must be an object")
    return dict(raw)


def session_row(session: Mapping[str, Any]) -> dict[str, Any]:
    """The light row kept in the main history table: everything but the phases."""
    row = {k: v for k, v in session.items() if k != "phases"}
    row["phase_count"] = len(session["phases"])
    row["volume"] = session_volume(session["phases"])
    row["day"] = local_day(session["started_at"]).isoformat()
    return row


def row_to_session(row: Mapping[str, Any], phases: list[dict[str, Any]]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k not in ("phase_count", "volume", "day")}
    out["phases"] = phases
    return out
