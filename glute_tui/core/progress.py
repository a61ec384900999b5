"""Day-level summaries of the history: what counts today, streaks, habit strength,
per-side volume and pain trends. Pure functions of session rows and a day. (Adherence is
the programme's: core/programme_adherence.py.)

A session belongs to the calendar day of its `started_at` in the UTC offset it was recorded
with (the row's `day`), so a session just before midnight counts for that day, wherever the
user is now. Paused days (injury pauses, see core/pauses.py) neither count nor break
anything. The next-morning pain check is core/next_morning.py.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import date, timedelta
from typing import Any, NamedTuple

HOLD_TARGET = 2  # hold sessions that make a day count
CIRCUIT_TARGETS = (5, 6, 7)  # circuit days a week the user may aim for
CIRCUIT_TARGET_DEFAULT = 7  # sources: 5-7 days a week, ideally 7; 5 and 6 stay choices
ON_TRACK_PCT = 80  # adherence at or above this is on track

Days = Mapping[str, Sequence[int]]  # {'YYYY-MM-DD': [hold completed, circuit completed]}


def counts_by_day(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[int]]:
    """{'YYYY-MM-DD': [completed sessions of each routine, in registry order]}: hold first,
    circuit second (the streaks read those two), then every other routine. A day's list is
    cut after its last non-zero count but never shorter than two, so a day of only holds
    and circuits reads [hold, circuit] as it always did (and as older digests hold)."""
    from glute_tui.core.routines.catalogue import IDS

    column = {rid: i for i, rid in enumerate(IDS)}
    days: dict[str, list[int]] = {}
    for row in rows:
        if row.get("status") != "completed" or row.get("routine") not in column:
            continue
        bucket = days.setdefault(str(row["day"]), [0] * len(IDS))
        bucket[column[row["routine"]]] += 1
    for bucket in days.values():
        while len(bucket) > 2 and bucket[-1] == 0:
            bucket.pop()
    return days


def today_counts(days: Mapping[str, Sequence[int]], today: date) -> tuple[int, int]:
    counts = [*days.get(today.isoformat(), ()), 0, 0]
    return counts[0], counts[1]


def routine_counts(days: Mapping[str, Sequence[int]], day: date) -> dict[str, int]:
    """{routine id: completed sessions} on `day`, for every routine in the registry."""
    from glute_tui.core.routines.catalogue import IDS

    counts = list(days.get(day.isoformat(), ()))
    return {rid: (counts[i] if i < len(counts) else 0) for i, rid in enumerate(IDS)}


def circuit_target(settings: Mapping[str, Any]) -> int:
    """The user's weekly circuit target (5, 6 or 7 days), default 7 (ideally every day)."""
    value = settings.get("circuit_weekly_target")
    return value if value in CIRCUIT_TARGETS else CIRCUIT_TARGET_DEFAULT


def _first_day(days: Days) -> date | None:
    return date.fromisoformat(min(days)) if days else None


def _span(start: date, end: date) -> Iterable[date]:
    d = start
    one = timedelta(days=1)
    while d <= end:
        yield d
        d += one


# ---- streaks --------------------------------------------------------------------------
class Streak(NamedTuple):
    current: int
    longest: int


def streak(
    done: set[date],
    today: date,
    paused: AbstractSet[date] = frozenset(),
    rest_per_week: int = 0,
) -> Streak:
    """Count days done in a row, walking from the week of the first done day to today.

    A paused day is skipped. Today, not yet done, is still open and breaks nothing. A missed
    day breaks the run unless its calendar week (Monday to Sunday) still has a rest day
    left: `rest_per_week` misses a week are allowed (0 for a daily habit). The streak counts
    days done, never rest days.
    """
    if not done:
        return Streak(0, 0)
    if rest_per_week == 0:
        return _daily_streak(done, today, paused)
    run = longest = 0
    misses: dict[tuple[int, int], int] = {}
    # Walk whole weeks: a week's rest days are spent by every miss in it, so counting from
    # the Monday keeps the rule fair (adding a session can never lower a streak).
    first = min(done)
    for d in _span(first - timedelta(days=first.weekday()), today):
        if d in paused:
            continue
        if d in done:
            run += 1
            longest = max(longest, run)
        elif d != today:
            week = d.isocalendar()[:2]
            misses[week] = misses.get(week, 0) + 1
            if misses[week] > rest_per_week:
                run = 0
    return Streak(run, longest)


def _only_paused(start: date, end: date, paused: AbstractSet[date]) -> bool:
    """Every day after `start` and before `end` is paused."""
    gap = (end - start).days - 1
    if gap <= 0:
        return True
    if gap > len(paused):
        return False
    return all(start + timedelta(days=k) in paused for k in range(1, gap + 1))


def _daily_streak(done: set[date], today: date, paused: AbstractSet[date]) -> Streak:
    """`streak` with no rest day: the same count from the done days alone (a run goes on
    over paused days only), without walking every day of ten years."""
    ordered = sorted(d for d in done if d <= today and d not in paused)
    run = longest = 0
    last: date | None = None
    for d in ordered:
        run = run + 1 if last is not None and _only_paused(last, d, paused) else 1
        longest = max(longest, run)
        last = d
    if last is None:
        return Streak(0, 0)
    if last != today and not _only_paused(last, today, paused):
        run = 0  # a day missed since (today itself is still open)
    return Streak(run, longest)


def hold_streak(
    days: Days, today: date, paused: AbstractSet[date] = frozenset(), target: int = HOLD_TARGET
) -> Streak:
    """Hold routine: a day counts with at least `target` completed hold sessions."""
    done = {date.fromisoformat(k) for k, v in days.items() if v[0] >= target}
    return streak({d for d in done if d <= today}, today, paused)


def circuit_streak(
    days: Days,
    today: date,
    paused: AbstractSet[date] = frozenset(),
    weekly_target: int = CIRCUIT_TARGET_DEFAULT,
) -> Streak:
    """Circuit: a day counts with a completed circuit; 7 - target rest days a week are
    allowed without breaking the streak."""
    done = {date.fromisoformat(k) for k, v in days.items() if v[1] >= 1}
    return streak({d for d in done if d <= today}, today, paused, 7 - weekly_target)


# ---- habit strength (Loop Habit Tracker's score) ----------------------------------------
def loop_multiplier(frequency: float) -> float:
    """Loop's daily decay: m = 0.5 ** (sqrt(f) / 13)."""
    return float(0.5 ** (math.sqrt(frequency) / 13))


def loop_score(values: Iterable[float | None], frequency: float) -> float:
    """score = previous * m + done * (1 - m), day by day from 0; None (paused) keeps it."""
    m = loop_multiplier(frequency)
    score = 0.0
    for v in values:
        if v is None:
            continue
        score = score * m + v * (1 - m)
    return score


def hold_strength(
    days: Days,
    today: date,
    paused: AbstractSet[date] = frozenset(),
    target: int = HOLD_TARGET,
) -> float:
    """Hold routine: f = 1, done = min(1, completed hold sessions / 2). 0.0-1.0."""
    first = _first_day(days)
    if first is None or first > today:
        return 0.0
    values = (
        None if d in paused else min(1.0, days.get(d.isoformat(), (0, 0))[0] / target)
        for d in _span(first, today)
    )
    return loop_score(values, 1.0)


def circuit_strength(
    days: Days,
    today: date,
    paused: AbstractSet[date] = frozenset(),
    weekly_target: int = CIRCUIT_TARGET_DEFAULT,
) -> float:
    """Circuit: f = target / 7. Below 7, done = min(1, circuit days in the last 14 days /
    (2 x target)) as Loop does for non-daily habits; at 7, done = 1 on a circuit day."""
    first = _first_day(days)
    if first is None or first > today:
        return 0.0
    window: list[int] = []
    in_window = 0
    values: list[float | None] = []
    for d in _span(first, today):
        hit = 1 if days.get(d.isoformat(), (0, 0))[1] >= 1 else 0
        window.append(hit)
        in_window += hit
        if len(window) > 14:
            in_window -= window[-15]
        if d in paused:
            values.append(None)
        elif weekly_target >= 7:
            values.append(float(hit))
        else:
            values.append(min(1.0, in_window / (2 * weekly_target)))
    return loop_score(values, weekly_target / 7)


# ---- weekly series ---------------------------------------------------------------------
def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _recent(rows: Sequence[Mapping[str, Any]], since: str) -> Iterable[Mapping[str, Any]]:
    """Rows on or after day `since`, walking back from the newest (rows are oldest first)."""
    for row in reversed(rows):
        if str(row["day"]) < since:
            break
        yield row


class WeekVolume(NamedTuple):
    start: date
    holds: dict[str, int]  # side -> completed holds
    reps: dict[str, int]  # side -> reps of paced drills


def weekly_volume(rows: Sequence[Mapping[str, Any]], today: date, weeks: int) -> list[WeekVolume]:
    """Per-side work done in each of the last `weeks` weeks (Monday first), oldest first.
    Stopped and interrupted sessions count for the work they did."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    holds = [{"left": 0, "right": 0} for _ in range(weeks)]
    reps = [{"left": 0, "right": 0} for _ in range(weeks)]
    for row in _recent(rows, first.isoformat()):
        d = date.fromisoformat(str(row["day"]))
        i = (d - first).days // 7
        if not 0 <= i < weeks:
            continue
        for side, vol in (row.get("volume") or {}).items():
            if side in ("left", "right"):
                holds[i][side] += int(vol.get("holds", 0))
                reps[i][side] += int(vol.get("reps", 0))
    return [WeekVolume(first + timedelta(weeks=i), holds[i], reps[i]) for i in range(weeks)]


PAIN_FIELDS = ("pain_before", "pain_after", "pain_next_morning", "effort")


def weekly_means(
    rows: Sequence[Mapping[str, Any]], today: date, weeks: int
) -> dict[str, list[float | None]]:
    """Weekly means of pain before/after/next morning and effort (None: nothing logged)."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    sums = {f: [0.0] * weeks for f in PAIN_FIELDS}
    counts = {f: [0] * weeks for f in PAIN_FIELDS}
    for row in _recent(rows, first.isoformat()):
        i = (date.fromisoformat(str(row["day"])) - first).days // 7
        if not 0 <= i < weeks:
            continue
        for f in PAIN_FIELDS:
            v = row.get(f)
            if isinstance(v, int) and not isinstance(v, bool):
                sums[f][i] += v
                counts[f][i] += 1
    return {
        f: [sums[f][i] / counts[f][i] if counts[f][i] else None for i in range(weeks)]
        for f in PAIN_FIELDS
    }


def lsi_series(assessments: Iterable[Mapping[str, Any]]) -> list[tuple[str, float]]:
    """(day, LSI %) per assessment with numbers: the lowest test LSI (the weakest link)."""
    out = []
    for a in assessments:
        lsi = a.get("lsi")
        values = (
            [v for v in lsi.values() if isinstance(v, (int, float)) and not isinstance(v, bool)]
            if isinstance(lsi, Mapping)
            else []
        )
        if values:
            out.append((str(a.get("taken_at", ""))[:10], float(min(values))))
    return out


# ---- heatmap ---------------------------------------------------------------------------
class HeatCell(NamedTuple):
    day: date
    hold: int
    circuit: bool
    paused: bool
    future: bool
    today: bool
    #: completed sessions of every routine, in registry order (hold and circuit included)
    counts: tuple[int, ...] = ()

    def done(self) -> tuple[int, ...]:
        """Registry indexes of the routines done that day after the first two (hold and
        circuit have marks of their own)."""
        return tuple(i for i, n in enumerate(self.counts) if i >= 2 and n > 0)


def heatmap(
    days: Days, today: date, paused: AbstractSet[date], weeks: int = 26
) -> list[list[HeatCell]]:
    """`weeks` columns (oldest first) of 7 cells, Monday to Sunday; the last is this week."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    cols = []
    for w in range(weeks):
        col = []
        for i in range(7):
            d = first + timedelta(days=7 * w + i)
            counts = tuple(days.get(d.isoformat(), ())) or (0, 0)
            hold, circuit = counts[0], counts[1] if len(counts) > 1 else 0
            col.append(HeatCell(d, hold, circuit > 0, d in paused, d > today, d == today, counts))
        cols.append(col)
    return cols
