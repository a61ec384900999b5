"""The next-morning pain check: which session to ask about, and what the answer means.

Pure functions of session rows and a day. The rule (DOMAIN): some pain is fine if it settles
by the next morning; the answer is saved on yesterday's last session.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, NamedTuple


class NextMorningAsk(NamedTuple):
    session_id: str  # yesterday's last session: the answer is saved on it
    day: str
    before: int | None  # pain before yesterday's first session: the baseline


def next_morning_candidate(rows: Sequence[Mapping[str, Any]], today: date) -> NextMorningAsk | None:
    """What to ask about when yesterday had sessions and none has a next-morning pain yet."""
    yesterday = (today - timedelta(days=1)).isoformat()
    found: list[Mapping[str, Any]] = []
    for row in reversed(rows):
        day = str(row["day"])
        if day > yesterday:
            continue
        if day < yesterday:
            break
        found.append(row)
    if not found or any(r.get("pain_next_morning") is not None for r in found):
        return None
    before = next(
        (r.get("pain_before") for r in reversed(found) if r.get("pain_before") is not None), None
    )
    return NextMorningAsk(str(found[0]["id"]), yesterday, before)


class PainAdvice(NamedTuple):
    level: str  # "ok" | "watch" | "reduce"
    message: str


def next_morning_advice(next_morning: int, before: int | None) -> PainAdvice:
    """The pain-monitoring rule: some pain is fine if it settles by the next morning (0-3
    safe, 4-5 acceptable, over 5 too much); worse than before training means reduce the load."""
    if next_morning > 5:
        return PainAdvice(
            "reduce",
            f"{next_morning}/10 this morning is too much. Take it easier today: fewer reps or "
            "sets, or a rest day. If it does not settle, stop and see a professional.",
        )
    if before is not None and next_morning > before:
        return PainAdvice(
            "reduce",
            f"Your pain is worse this morning ({next_morning}/10) than before yesterday's "
            f"training ({before}/10). Reduce the load today: fewer reps or sets, shorter holds.",
        )
    if next_morning >= 4:
        return PainAdvice(
            "watch",
            f"{next_morning}/10 is acceptable as it has not got worse. Keep the load as it is "
            "and check again tomorrow.",
        )
    return PainAdvice("ok", f"{next_morning}/10 is in the safe range. Carry on as planned.")
