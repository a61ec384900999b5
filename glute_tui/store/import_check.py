"""Whole-import checks beyond the record contract: an import that cannot lie.

`core.records` checks each record's shape; this module adds what an import from outside
must also satisfy before one byte is written: every number finite, every text short and
free of invisible control, format and bidi characters, ids at most 64 characters, no id
twice, known phase kinds, times inside their session, dates from 2000 to tomorrow, and
settings inside the bounds the app itself enforces.

It is table-driven: SESSION_FIELDS, PHASE_FIELDS and SETTINGS map a field to its check.
A field another part of the app adds (a new session field, a new phase kind) slots in by
adding a row; an unknown field is accepted only as a plain short value (text, number,
true/false or null), so it can never hide a deep or huge payload.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any

from glute_tui.core.limits import MAX_LOAD_KG as _MAX_LOAD_KG
from glute_tui.core.records import MAX_REPS, RecordError, parse_time

MAX_ID = 64
MAX_TEXT = 2000
MAX_SECONDS = 24 * 3600.0  # no phase or session lasts longer than a day
MAX_COUNT = MAX_REPS  # sets and reps: the record's own bound
MAX_LOAD_KG = _MAX_LOAD_KG  # a set's load (core/limits.py: the live screen checks it too)
TOLERANCE_S = 2.0  # session times are whole seconds; phase times are not
EARLIEST_YEAR = 2000
TOP_KEYS = frozenset(
    {
        "format",
        "version",
        "sessions",
        "assessments",
        "plan",
        "settings",
        "cues",
        "pauses",
        "day_notes",
    }
)
#: session fields the store derives itself: an import carrying them would not round-trip
RESERVED_SESSION_KEYS = frozenset({"phase_count", "volume", "day"})

_REFUSED = frozenset({"Cc", "Cs", "Cf", "Co", "Zl", "Zp"})
_JOINERS = frozenset({"\u200c", "\u200d"})  # emoji and script joiners, as the cue rules

Check = Callable[[Any, str], None]


def text_problem(value: str, limit: int) -> str | None:
    if len(value) > limit:
        return f"is {len(value)} characters; at most {limit} are allowed"
    if value.isascii() and value.isprintable():  # the common case, at C speed
        return None
    for ch in value:
        if ch in _JOINERS or 0xE0020 <= ord(ch) <= 0xE007F:
            continue
        if unicodedata.category(ch) in _REFUSED:
            return f"holds an invisible control, format or direction character (U+{ord(ch):04X})"
    return None


def _text(limit: int, *, optional: bool = False) -> Check:
    def check(value: Any, where: str) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str):
            raise RecordError(f"{where}: must be text")
        problem = text_problem(value, limit)
        if problem:
            raise RecordError(f"{where}: {problem}")

    return check


def _number(low: float, high: float, *, optional: bool = False) -> Check:
    def check(value: Any, where: str) -> None:
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise RecordError(f"{where}: must be a number")
        if not (math.isfinite(value) and low <= value <= high):
            raise RecordError(f"{where}: must be a number from {low:g} to {high:g}")

    return check


def _whole(low: int, high: int, *, optional: bool = False) -> Check:
    def check(value: Any, where: str) -> None:
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise RecordError(f"{where}: must be a whole number from {low} to {high}")

    return check


def _flag(value: Any, where: str) -> None:
    if not isinstance(value, bool):
        raise RecordError(f"{where}: must be true or false")


def _any(value: Any, where: str) -> None:
    """Checked by core.records (or the walk over every value)."""


def _plain(value: Any, where: str) -> None:
    """An unknown field: a plain short value only."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, str):
        _text(MAX_TEXT)(value, where)
    elif isinstance(value, (int, float)):
        _number(-1e9, 1e9)(value, where)
    else:
        raise RecordError(f"{where}: is not a field glute-tui knows")


def _date_in_range(value: Any, where: str) -> None:
    moment = parse_time(value, where)
    if moment.year < EARLIEST_YEAR:
        raise RecordError(f"{where}: {value!r} is before {EARLIEST_YEAR}")
    if moment > datetime.now(timezone.utc) + timedelta(days=1):
        raise RecordError(f"{where}: {value!r} is in the future")


def _day_in_range(value: Any, where: str) -> None:
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RecordError(f"{where}: must be a YYYY-MM-DD date") from None
    if day.year < EARLIEST_YEAR or day > date.today() + timedelta(days=1):
        raise RecordError(f"{where}: {value!r} is before {EARLIEST_YEAR} or after tomorrow")


ID = _text(MAX_ID)
SESSION_FIELDS: dict[str, Check] = {
    "id": ID,
    "routine": _any,
    "started_at": _date_in_range,
    "ended_at": _date_in_range,
    "status": _any,
    "stop_reason": _any,
    "pain_before": _any,
    "pain_after": _any,
    "effort": _any,
    "pain_next_morning": _any,
    "pain_during": _whole(0, 10, optional=True),
    "pain_override": _any,
    "active_s": _number(0, MAX_SECONDS, optional=True),
    "note": _text(MAX_TEXT, optional=True),
    "resumed_from": _text(MAX_ID, optional=True),
    "phases": _any,
}
PHASE_FIELDS: dict[str, Check] = {
    "kind": _any,  # checked against core.timeline.PHASE_KINDS below
    "exercise": _text(MAX_ID, optional=True),
    "side": _any,
    "set": _whole(0, MAX_COUNT),
    "planned_s": _number(0, MAX_SECONDS),
    "start_s": _number(0, MAX_SECONDS),
    "end_s": _number(0, MAX_SECONDS),
    "paused_s": _number(0, MAX_SECONDS),
    "reps": _whole(0, MAX_REPS, optional=True),
    "load_kg": _number(0, MAX_LOAD_KG, optional=True),  # a user-paced set's load
    "ended_by": _text(MAX_ID, optional=True),
}


def settings_table() -> dict[str, Check]:
    """Each setting the app writes, with the bounds it enforces itself."""
    from glute_tui.core.progress import CIRCUIT_TARGETS
    from glute_tui.store import shipped

    hold = shipped.protocols().hold

    def target(value: Any, where: str) -> None:
        if isinstance(value, bool) or value not in CIRCUIT_TARGETS:
            raise RecordError(f"{where}: must be one of {', '.join(map(str, CIRCUIT_TARGETS))}")

    from glute_tui.core.user_settings import fields

    # every setting the settings screen writes, with the bounds it refuses outside (issue 13)
    screen: dict[str, Check] = {
        f.key: _flag
        if f.kind == "flag"
        else _whole(int(f.low), int(f.high))
        if f.kind == "whole"
        else _number(f.low, f.high)
        for f in fields(shipped.protocols())
    }
    return {
        **screen,
        "hold_reps": _whole(int(hold.reps.min), int(hold.reps.max)),
        "hold_s": _number(hold.hold_s.min, hold.hold_s.max),
        "hold_rest_s": _number(hold.rest_s.min, hold.rest_s.max),
        "circuit_weekly_target": target,
        "muted": _flag,
        "disclaimer_seen": _flag,
        "theme": _text(MAX_ID),
        "next_morning_asked": _day_in_range,
    }


def check_fields(raw: Mapping[str, Any], table: Mapping[str, Check], where: str) -> None:
    for key, value in raw.items():
        table.get(key, _plain)(value, f"{where}.{key}")


def check_session(s: Mapping[str, Any], where: str) -> None:
    """After core.records.validate_session: the import-only rules."""
    from glute_tui.core.timeline import PHASE_KINDS

    reserved = RESERVED_SESSION_KEYS & set(s)
    if reserved:
        raise RecordError(f"{where}.{min(reserved)}: is not a field an export holds")
    check_fields(s, SESSION_FIELDS, where)
    started = parse_time(s["started_at"], f"{where}.started_at")
    ended = parse_time(s["ended_at"], f"{where}.ended_at")
    length = (ended - started).total_seconds()
    if length > MAX_SECONDS:
        raise RecordError(f"{where}.ended_at: the session would last more than a day")
    active = s.get("active_s")
    if active is not None and active > length + TOLERANCE_S:
        raise RecordError(f"{where}.active_s: is longer than the session")
    for i, p in enumerate(s["phases"]):
        at = f"{where}.phases[{i}]"
        check_fields(p, PHASE_FIELDS, at)
        if p["kind"] not in PHASE_KINDS:
            raise RecordError(f"{at}.kind: {p['kind']!r} is not a phase glute-tui knows")
        paused = p.get("paused_s", 0.0)
        if paused > p["end_s"] - p["start_s"]:
            raise RecordError(f"{at}.paused_s: is longer than the phase")
        if p["end_s"] > length + TOLERANCE_S:
            raise RecordError(f"{at}.end_s: ends after its session ends")


def check_assessment(a: Mapping[str, Any], where: str) -> None:
    ID(a["id"], f"{where}.id")
    _date_in_range(a["taken_at"], f"{where}.taken_at")


def check_settings(raw: Mapping[str, Any]) -> None:
    check_fields(raw, settings_table(), "settings")


def check_plan(raw: Mapping[str, Any]) -> None:
    if raw.get("created_at") is not None:
        _date_in_range(raw["created_at"], "plan.created_at")
    if raw.get("assessment_id") is not None:
        ID(raw["assessment_id"], "plan.assessment_id")


def check_pause_days(start: date, end: date, where: str) -> None:
    from glute_tui.core.pauses import MAX_PAUSE_DAYS

    if start.year < EARLIEST_YEAR or start > date.today() + timedelta(days=1):
        raise RecordError(f"{where}.start: is before {EARLIEST_YEAR} or after tomorrow")
    if (end - start).days + 1 > MAX_PAUSE_DAYS:
        raise RecordError(f"{where}: is longer than {MAX_PAUSE_DAYS} days")


def check_unique(items: list[Mapping[str, Any]], where: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item["id"] in seen:
            raise RecordError(f"{where}[{i}].id: {item['id']!r} appears twice")
        seen.add(item["id"])


def _all_fine(value: Any) -> bool:
    """check_every_value's rules, fast and without naming the place (the common case)."""
    stack = [value]
    pop, extend = stack.pop, stack.extend
    while stack:
        item = pop()
        kind = type(item)
        if kind is str:
            if text_problem(item, MAX_TEXT):
                return False
        elif kind is dict:
            for k in item:
                if text_problem(k, MAX_ID):
                    return False
            extend(item.values())
        elif kind is list:
            extend(item)
        elif kind is float:
            if not math.isfinite(item):
                return False
        elif kind is int and abs(item) > 10**15:
            return False
    return True


def check_every_value(value: Any, where: str = "export") -> None:
    """Every text short and clean (keys too), every number finite; iterative, so no input
    can exhaust the stack (depth is bounded before parsing, in files.strict_loads)."""
    if _all_fine(value):
        return
    stack: list[tuple[Any, str]] = [(value, where)]
    while stack:
        item, at = stack.pop()
        if isinstance(item, str):
            problem = text_problem(item, MAX_TEXT)
            if problem:
                raise RecordError(f"{at}: {problem}")
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise RecordError(f"{at}: is not a finite number")
        elif isinstance(item, int) and not isinstance(item, bool):
            if abs(item) > 10**15:
                raise RecordError(f"{at}: is too large a number")
        elif isinstance(item, Mapping):
            for k, v in item.items():
                problem = text_problem(k, MAX_ID)
                if problem:
                    raise RecordError(f"{at}: a key {problem}")
                stack.append((v, f"{at}.{k}"))
        elif isinstance(item, list):
            stack.extend((v, f"{at}[{i}]") for i, v in enumerate(item))
