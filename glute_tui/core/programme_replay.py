"""The programme's fold fed one day at a time, as the days happen (pure).

`evaluate` folds a history that is already written. A generator of histories (the demo,
core/demo_programme.py) needs the other way round: ask what is due today, then write what
was done, then hear tomorrow morning's pain. `Replay` runs the very same fold
(core/programme.py), so the day it reports is the day `evaluate` gives for the history
the records add up to.

Each day, in order: `verdict` (a self-assessment taken that morning), `day` (the
programme's day before anything is logged), `log` (each session of the day), `close`;
then `morning` for the next day's answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from glute_tui.core.programme import Fold, today_of
from glute_tui.core.programme_config import Programme, Settings
from glute_tui.core.programme_due import Plan
from glute_tui.core.programme_types import DaySession, History, MorningPain, Today, Verdict


class Replay:
    def __init__(
        self,
        programme: Programme,
        settings: Settings | None = None,
        loggable: Iterable[str] | None = None,
        paused: frozenset[date] = frozenset(),
    ) -> None:
        self._fold = Fold(History(paused=paused), date.max, programme, settings, loggable)
        self._plan: Plan = ()
        self._open: date | None = None

    def verdict(self, v: Verdict) -> None:
        self._fold.days.verdicts[v.day] = v

    def morning(self, m: MorningPain) -> None:
        mornings = self._fold.days.mornings
        mornings[m.day] = max(m.value, mornings.get(m.day, m.value))

    def day(self, day: date) -> Today:
        """The programme on `day` before any of its sessions (what home shows that morning)."""
        if self._open is not None:
            raise ValueError("close the day before opening the next one")
        notes: list[str] = []
        self._plan = self._fold.step(day, notes)
        self._open = day
        return today_of(self._fold, day, self._fold.due(day, self._plan), notes)

    def log(self, session: DaySession) -> None:
        if session.day != self._open:
            raise ValueError("a session is logged on the day that is open")
        days = self._fold.days
        days.sessions.setdefault(session.day, []).append(session)
        if session.status == "completed":
            counts = days.completed.setdefault(session.day, {})
            key = (session.routine, session.side)
            counts[key] = counts.get(key, 0) + 1

    def close(self) -> None:
        if self._open is None:
            raise ValueError("no day is open")
        self._fold.close_day(self._open, self._plan)
        self._open = None
