"""Injury pauses: days the user marked as paused for an injury.

A paused day neither counts nor breaks a streak, adherence or the strength (progress.py reads
`paused_days`). Pure: typed dates in, ranges out; the store keeps the list of
{'start', 'end'} dicts (inclusive, ISO dates).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

MAX_PAUSE_DAYS = 366


def make_pause(start_text: str, end_text: str) -> dict[str, str]:
    """A pause from typed dates; ValueError with a plain message when they do not work."""
    try:
        start = date.fromisoformat(start_text.strip())
    except ValueError:
        raise ValueError(f"'{start_text.strip()}' is not a date; type it as YYYY-MM-DD") from None
    end_raw = end_text.strip() or start_text.strip()
    try:
        end = date.fromisoformat(end_raw)
    except ValueError:
        raise ValueError(f"'{end_raw}' is not a date; type it as YYYY-MM-DD") from None
    if end < start:
        raise ValueError("the last day is before the first day")
    if (end - start).days + 1 > MAX_PAUSE_DAYS:
        raise ValueError("a pause can be at most a year; add another one after it")
    return {"start": start.isoformat(), "end": end.isoformat()}


def paused_days(pauses: Iterable[Mapping[str, str]]) -> set[date]:
    """Every day inside an injury pause (ranges are inclusive; bad entries are ignored)."""
    out: set[date] = set()
    for p in pauses:
        try:
            start = date.fromisoformat(p["start"])
            end = date.fromisoformat(p["end"])
        except (KeyError, TypeError, ValueError):
            continue
        d = start
        while d <= end:
            out.add(d)
            d += timedelta(days=1)
    return out


def pause_today(pauses: Sequence[Mapping[str, Any]], today: date) -> dict[str, str] | None:
    """The injury pause that covers `today`, or None (bad entries are ignored)."""
    for p in pauses:
        try:
            start, end = date.fromisoformat(p["start"]), date.fromisoformat(p["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if start <= today <= end:
            return {"start": p["start"], "end": p["end"]}
    return None


def pause_question(pause: Mapping[str, str]) -> str:
    return (
        f"You marked an injury pause from {pause['start']} to {pause['end']}. "
        "Is the injury better, so the pause can end today?"
    )


def ended_pause(pause: Mapping[str, str], today: date) -> dict[str, str] | None:
    """The pause cut short because it is over today: it ends yesterday, or None when it
    started today (nothing of it is left to keep)."""
    end = today - timedelta(days=1)
    if end < date.fromisoformat(pause["start"]):
        return None
    return {"start": pause["start"], "end": end.isoformat()}
