"""Day-level summaries of the history: what counts today, per routine."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any


def counts_by_day(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[int]]:
    """{'YYYY-MM-DD': [completed hold sessions, completed circuit sessions]}."""
    days: dict[str, list[int]] = {}
    for row in rows:
        if row.get("status") != "completed":
            continue
        bucket = days.setdefault(str(row["day"]), [0, 0])
        bucket[0 if row["routine"] == "hold" else 1] += 1
    return days


def today_counts(days: Mapping[str, list[int]], today: date) -> tuple[int, int]:
    hold, circuit = days.get(today.isoformat(), [0, 0])
    return hold, circuit
