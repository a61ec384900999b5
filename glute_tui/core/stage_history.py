"""The stages the programme went through (stage, since, why), for the charts' stage bands
and the report's "Stage history". Pure: the programme core is walked over the history."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from glute_tui.core.programme import History, Programme, Settings, stage_days

#: why the first stage holds when no note says so (no assessment, no stage set by hand)
FIRST_WHY = "where the programme starts until a self-assessment places you"


@dataclass(frozen=True)
class StageSpan:
    stage: str  # the programme's stage id
    name: str  # its name, as the programme file gives it
    since: date
    why: str


def first_record(history: History) -> date | None:
    days = [s.day for s in history.sessions]
    days += [v.day for v in history.verdicts]
    days += [c.day for c in history.changes]
    days += [m.day for m in history.mornings]
    return min(days, default=None)


def spans(
    days: Sequence[tuple[date, str, date, Sequence[str]]], names: dict[str, str]
) -> list[StageSpan]:
    """A span each time the stage (or the day it was set from) changes, with the note of
    that day that says why. `days`: (day, stage, since, notes), as programme.stage_days."""
    out: list[StageSpan] = []
    for _, stage, since, notes in days:
        last = out[-1] if out else None
        if last is not None and last.stage == stage and last.since == since:
            continue
        name = names.get(stage, stage)
        why = next((n for n in notes if name in n), "")
        if not why and last is None:
            why = FIRST_WHY
        out.append(StageSpan(stage, name, since, why.rstrip(".")))
    return out


def stage_history(
    history: History,
    today: date,
    programme: Programme,
    settings: Settings | None = None,
    loggable: Iterable[str] | None = None,
) -> list[StageSpan]:
    """Every stage from the first record to `today`, oldest first ([] with no record)."""
    first = first_record(history)
    if first is None or first > today:
        return []
    days = stage_days(history, today, programme, settings, loggable)
    return spans(days, {s.id: s.name for s in programme.stages})


def bands(stages: Sequence[StageSpan]) -> list[tuple[str, str]]:
    """(first day, stage name) pairs, as the charts' stage bands take them."""
    return [(s.since.isoformat(), s.name) for s in stages]
