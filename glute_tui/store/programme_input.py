"""The programme's inputs from the history file: store records -> core.programme records.

The core programme knows nothing of dict records or files; this module adapts the store's
session rows (`HistoryStore.rows()`, or whole sessions from `sessions()`), assessments and
key-value entries into `History`, and reads the shipped data/programme.json.

`read_inputs(db)` reads the main data file with the json module alone (no tinydb, no lock,
read-only) for `glute-tui today`. It is imported on that fast path: keep it free of tinydb,
filelock and textual.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from glute_tui.core.programme import (
    STAGES,
    DaySession,
    History,
    MorningPain,
    Programme,
    ProgrammeError,
    Settings,
    StageChange,
    Verdict,
    parse_programme,
    read_settings,
)

#: The kv key holding the stages set by hand: a list of {"day", "stage", "reason"}.
STAGE_CHANGES_KEY = "programme_stage_changes"
SIDES = ("left", "right")


@cache
def shipped_programme() -> Programme:
    """data/programme.json from the installed package (the shipped.py pattern)."""
    where = "data/programme.json"
    try:
        text = resources.files("glute_tui.data").joinpath("programme.json").read_text("utf-8")
        raw = json.loads(text)
    except (OSError, ModuleNotFoundError, ValueError) as exc:
        raise ProgrammeError(f"{where}: cannot be read ({exc})") from None
    return parse_programme(raw, where)


_DAYS: dict[str, date] = {}  # many sessions share a day: parse each day once


def _day(record: Mapping[str, Any], time_key: str) -> date:
    text = record.get("day")
    if not isinstance(text, str):
        return datetime.fromisoformat(str(record[time_key])).date()
    day = _DAYS.get(text)
    if day is None:
        day = _DAYS[text] = date.fromisoformat(text)
    return day


def _side(row: Mapping[str, Any]) -> str | None:
    volume = row.get("volume")
    if not isinstance(volume, Mapping):  # a whole session: work the volume out of its phases
        from glute_tui.core.volume import session_volume

        phases = row.get("phases")
        volume = session_volume(phases) if isinstance(phases, list) else {}
    sides = [s for s in SIDES if s in volume]
    if len(sides) == 2:
        return "both"
    if sides:
        return sides[0]
    side = row.get("side")
    return side if side in ("left", "right", "both") else None


def _count(value: Any, default: int) -> int:
    return (
        value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else default
    )


def day_sessions(rows: Iterable[Mapping[str, Any]]) -> list[DaySession]:
    """One DaySession per session. A session counts as one set unless its record says how
    many it had (`sets`, `glutes_stopped_sets`); stopping because the glutes stopped marks
    that set."""
    out = []
    for row in rows:
        stopped = 1 if row.get("stop_reason") == "glutes_stopped" else 0
        sets = _count(row["sets"], 1) if "sets" in row else 1
        if "glutes_stopped_sets" in row:
            stopped = min(sets, _count(row["glutes_stopped_sets"], stopped))
        out.append(
            DaySession(
                str(row.get("routine")),
                _day(row, "started_at"),
                _side(row),
                sets,
                stopped,
                str(row.get("status")),
            )
        )
    return out


def mornings(rows: Iterable[Mapping[str, Any]]) -> list[MorningPain]:
    """`pain_next_morning` on a session is the pain felt the morning after its day."""
    out = []
    for row in rows:
        value = row.get("pain_next_morning")
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
            out.append(MorningPain(_day(row, "started_at") + timedelta(days=1), value))
    return out


def verdicts(assessments: Iterable[Mapping[str, Any]]) -> list[Verdict]:
    out = []
    for a in assessments:
        verdict = a.get("verdict")
        if verdict not in ("left", "right", "both", "balanced", "red_flag"):
            continue
        tight = a.get("tight")
        if not isinstance(tight, bool):  # older records: the assessment rule decides
            from glute_tui.core.assessment import is_tight

            answers = a.get("answers")
            tight = is_tight(answers) if isinstance(answers, Mapping) else False
        raw_lsi = a.get("lsi")
        lsis = {
            str(k): float(v)
            for k, v in (raw_lsi.items() if isinstance(raw_lsi, Mapping) else ())
            if isinstance(v, (int, float)) and not isinstance(v, bool)
        }
        weaker = a.get("weaker")
        out.append(
            Verdict(
                day=_day(a, "taken_at"),
                weak_side=None if verdict in ("balanced", "red_flag") else str(verdict),
                tight=tight,
                lsis=lsis,
                red_flag=verdict == "red_flag",
                first=weaker if weaker in SIDES else None,
            )
        )
    return out


def stage_changes(raw: Any) -> list[StageChange]:
    """The stages set by hand (entries that are not valid are skipped)."""
    out = []
    for item in raw if isinstance(raw, list) else ():
        try:
            change = stage_change(item.get("day"), item.get("stage"), item.get("reason"))
        except (AttributeError, ProgrammeError):
            continue
        out.append(change)
    return out


def stage_change(day: Any, stage: Any, reason: Any) -> StageChange:
    """A valid hand-set stage, or ProgrammeError naming what is wrong."""
    try:
        when = date.fromisoformat(str(day))
    except ValueError:
        raise ProgrammeError(f"{day!r} is not a YYYY-MM-DD date") from None
    if stage not in STAGES:
        raise ProgrammeError(f"the stage must be one of {', '.join(STAGES)}")
    if not isinstance(reason, str) or not reason.strip():
        raise ProgrammeError("say why the stage is set by hand (for example: my physio says so)")
    return StageChange(when, str(stage), reason.strip())


def stage_change_entry(change: StageChange) -> dict[str, str]:
    """The JSON entry to append to the kv list under STAGE_CHANGES_KEY."""
    return {"day": change.day.isoformat(), "stage": change.stage, "reason": change.reason}


def history_from(
    rows: Iterable[Mapping[str, Any]],
    assessments: Iterable[Mapping[str, Any]],
    kv: Mapping[str, Any],
) -> History:
    from glute_tui.core.pauses import paused_days

    rows = list(rows)
    pauses = kv.get("pauses")
    return History(
        sessions=tuple(day_sessions(rows)),
        mornings=tuple(mornings(rows)),
        verdicts=tuple(verdicts(assessments)),
        changes=tuple(stage_changes(kv.get(STAGE_CHANGES_KEY))),
        paused=frozenset(paused_days(pauses if isinstance(pauses, list) else [])),
    )


class UnreadableFile(Exception):
    """The data file is not what glute-tui writes: let the store handle it (move it aside)."""


def read_tables(db: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """Session rows, assessments and kv from the main data file, read-only, no lock.

    A missing file is an empty history. A file that does not parse or has the wrong shape
    raises UnreadableFile (the caller opens the store, which moves it aside and says so);
    so does `history_from` on a record without a time (KeyError, ValueError)."""
    try:
        with open(db, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return [], [], {}
    except (OSError, ValueError) as exc:
        raise UnreadableFile(str(exc)) from None
    try:
        rows = [dict(r) for r in (data.get("sessions") or {}).values()]
        assessments = [dict(a) for a in (data.get("assessments") or {}).values()]
        kv = {d["key"]: d["value"] for d in (data.get("kv") or {}).values()}
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise UnreadableFile(str(exc)) from None
    rows.sort(key=lambda r: (str(r.get("started_at")), str(r.get("id"))))
    assessments.sort(key=lambda a: (str(a.get("taken_at")), str(a.get("id"))))
    return rows, assessments, kv


class _KvStore(Protocol):
    def kv(self, key: str, default: Any = None) -> Any: ...
    def set_kv(self, key: str, value: Any) -> None: ...
    def rows(self) -> Sequence[Mapping[str, Any]]: ...
    def assessments(self) -> Sequence[Mapping[str, Any]]: ...


def from_store(store: _KvStore) -> tuple[History, Settings]:
    """The programme's inputs and settings from an open HistoryStore (for the UI)."""
    kv = {k: store.kv(k) for k in ("pauses", STAGE_CHANGES_KEY)}
    raw = store.kv("settings")
    settings = read_settings(raw if isinstance(raw, Mapping) else {})
    return history_from(store.rows(), store.assessments(), kv), settings


def add_stage_change(store: _KvStore, change: StageChange) -> None:
    """Log a stage set by hand (the reason is kept with it). Call it from the app's
    writer thread, like every other write."""
    entries = store.kv(STAGE_CHANGES_KEY)
    entries = list(entries) if isinstance(entries, list) else []
    store.set_kv(STAGE_CHANGES_KEY, [*entries, stage_change_entry(change)])
