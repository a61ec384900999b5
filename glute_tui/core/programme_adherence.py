"""Adherence as the programme counts it (pure): of the sessions the programme asked for on a
day (its due list, the routines the app can log), how many were done.

DOMAIN.md: 80% or more of the prescribed sessions counts as adherent. The prescribed
sessions are the programme's due list of each day (core/programme.py, `Fold.close_day`):
a stage that asks for the primer and single-leg work is judged on those, never on holds
or circuits it does not ask for. Paused days (injury pauses) count for nothing: they are
absent from the days given here. Today stays open: a window ends the day before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from glute_tui.core.programme import Fold
from glute_tui.core.programme_config import Programme, Settings
from glute_tui.core.programme_gate import ADHERENCE_PCT
from glute_tui.core.programme_types import Checkpoint, History

DayAdherence = Mapping[date, tuple[int, int]]  # day -> (done, due)


@dataclass(frozen=True)
class Adherence:
    """The sessions done and due over a window of days; `pct` rounded down (as the gate
    says it), None when nothing the app can log was due."""

    done: int
    due: int
    days: int  # the days judged (not paused, after the first record)

    @property
    def pct(self) -> int | None:
        return 100 * self.done // self.due if self.due else None

    @property
    def on_track(self) -> bool:
        return self.due > 0 and self.done * 100 >= ADHERENCE_PCT * self.due


def adherence_days(
    history: History,
    first: date,
    last: date,
    programme: Programme,
    settings: Settings | None = None,
    loggable: Iterable[str] | None = None,
    start: Checkpoint | None = None,
) -> dict[date, tuple[int, int]]:
    """(done, due) of every day from `first` to `last` the fold judged: a paused day, or a
    day before the first record, is absent. With `start` (a checkpoint), the fold resumes
    from it; the days it holds (Checkpoint.ADHERENCE_KEPT_DAYS) come from it, so `first`
    should not be earlier than those."""
    fold = Fold(history, last, programme, settings, loggable)
    if start is not None and start.since is None:
        start = None  # nothing was folded by then: every record is still in `history`
    if start is not None:
        fold.load(start)
        day = start.day + timedelta(days=1)
    else:
        day = fold.begin(last)  # no record: nothing to judge
    fold.run(day, last)
    return {d: a for d, a in fold.adherence.items() if first <= d <= last}


def window(per_day: DayAdherence, today: date, days: int) -> Adherence:
    """The `days` complete days before `today` (today stays open)."""
    done = due = judged = 0
    for k in range(1, days + 1):
        a = per_day.get(today - timedelta(days=k))
        if a is not None:
            done, due, judged = done + a[0], due + a[1], judged + 1
    return Adherence(done, due, judged)


def week(per_day: DayAdherence, start: date, today: date) -> int | None:
    """The % of the week starting `start` over its complete days (today stays open); None
    when none is complete yet or nothing was due."""
    end = min(start + timedelta(days=7), today)
    span = (end - start).days
    if span <= 0:
        return None
    return window(per_day, end, span).pct
