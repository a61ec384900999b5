"""The rehab programme: four stages with gates, and a load that follows next-morning pain.

Pure: no I/O, no wall clock. `evaluate(history, as_of, ...)` folds the whole history, day by
day, up to the end of `as_of` and says what that day looks like. Nothing after `as_of` is
read, so any past day can be replayed exactly as it stood.

Each day of the fold, in order:
1. a new self-assessment verdict: the sides to train (and, the first time, the stage to
   start in: balanced -> Return, the primer and maintenance; otherwise Activate);
2. a stage set by hand (with its reason);
3. this morning's pain about yesterday's training: > 5, or 2+ above the usual morning (the
   median of the last 14 days, only with 3 or more answers), lowers today's load one step;
   two such mornings within 7 days go back a stage and suggest a clinician; three good
   mornings (<= 3) in a row restore the load;
4. the gate of the stage (core/programme_gate.py), on the days before today and the
   mornings up to today: when every check is met, the next stage starts today.
Routines are plain string ids; `loggable` names the routines the app can record, and only
those count for adherence (a routine the app cannot log yet can never be "missed").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from glute_tui.core.programme_config import (
    SETTINGS,
    STAGES,
    Programme,
    ProgrammeError,
    Settings,
    dose,
    parse_programme,
    read_settings,
    setting_problem,
)
from glute_tui.core.programme_due import DayIndex, Plan, Planner
from glute_tui.core.programme_gate import PAIN_WINDOW_DAYS, gate_checks
from glute_tui.core.programme_types import (
    Checkpoint,
    DaySession,
    Due,
    GateCheck,
    History,
    MorningPain,
    StageChange,
    Today,
    Verdict,
)

__all__ = [
    "SETTINGS",
    "STAGES",
    "Checkpoint",
    "DaySession",
    "Due",
    "GateCheck",
    "History",
    "MorningPain",
    "Programme",
    "ProgrammeError",
    "Settings",
    "StageChange",
    "Today",
    "Verdict",
    "checkpoint",
    "dose",
    "evaluate",
    "parse_programme",
    "read_settings",
    "setting_problem",
    "walk",
]

SIDES = ("left", "right")
BAD_PAIN = 5  # next-morning pain above this is too much
GOOD_PAIN = 3  # next-morning pain at or below this is a good morning
BASELINE_DAYS = 14
BASELINE_MIN_ANSWERS = 3


# ---- the fold ------------------------------------------------------------------------
_NAMES = {"activate": "Activate", "integrate": "Integrate", "strengthen": "Strengthen"}
_NAMES["return"] = "Return"


_BACK = tuple(timedelta(days=k) for k in range(BASELINE_DAYS + 1))


def _median(values: list[int]) -> float:
    ordered, mid = sorted(values), len(values) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


@dataclass
class _State:
    stage: int = 0
    since: date | None = None
    started: bool = False  # a verdict or a hand-set stage has placed the user
    step: int = 0
    why: str | None = None
    bad: list[date] = field(default_factory=list)  # bad mornings since the last step back
    good_run: int = 0
    verdict: Verdict | None = None
    paused: int = 0  # paused days counted since `paused_since`
    paused_since: date | None = None

    def paused_in(self, since: date | None) -> int:
        """The paused days since the stage began on `since` (none counted for it yet: 0)."""
        return self.paused if since is not None and self.paused_since == since else 0

    def count_paused(self) -> None:
        if self.paused_since != self.since:
            self.paused, self.paused_since = 0, self.since
        self.paused += 1


class Fold:
    def __init__(
        self,
        history: History,
        as_of: date,
        programme: Programme,
        settings: Settings | None,
        loggable: Iterable[str] | None,
    ) -> None:
        self.days = DayIndex.of(history, as_of)
        self.paused = history.paused
        self.programme = programme
        self.settings = settings or Settings()
        self.loggable = None if loggable is None else frozenset(loggable)
        self.planner = Planner(programme, self.settings.doses)
        self.state = _State()
        self.adherence: dict[date, tuple[int, int]] = {}  # day -> (done, target), loggable

    def load(self, cp: Checkpoint) -> None:
        self.state = _State(
            cp.stage, cp.since, cp.started, cp.step, cp.why, list(cp.bad), cp.good_run, cp.verdict
        )
        self.state.paused, self.state.paused_since = cp.paused, cp.since
        self.adherence = {d: (done, due) for d, done, due in cp.adherence}

    def step(self, day: date, notes: list[str]) -> Plan:
        """Run one day's rules; the plan of what is due that day."""
        self.run_day(day, notes)
        st = self.state
        return self.planner.plan(st.stage, st.verdict, st.step)

    def begin(self, last: date) -> date:
        """The first day to fold: the first record's; the day after `last` with none."""
        d = self.days
        if not any((d.sessions, d.mornings, d.verdicts, d.changes)):
            return last + timedelta(days=1)
        return d.first_day(last)

    def run(self, day: date, last: date) -> None:
        """Fold every day from `day` to `last`, their notes unsaid."""
        while day <= last:
            self.close_day(day, self.step(day, []))
            day += timedelta(days=1)

    def due(self, day: date, plan: Plan) -> tuple[Due, ...]:
        return Planner.due(plan, self.days.completed.get(day, {}))

    # -- gates (core/programme_gate.py) --
    def gate(self, day: date) -> tuple[GateCheck, ...]:
        st = self.state
        stage, since, verdict = STAGES[st.stage], st.since, st.verdict
        s, paused = self.settings, st.paused_in(since)
        return gate_checks(
            stage, since, verdict, day, s, self.adherence, self.days, self._counts, paused
        )

    def _counts(self, routine: str) -> bool:
        return self.loggable is None or routine in self.loggable

    # -- one day --
    def run_day(self, day: date, notes: list[str]) -> None:
        st = self.state
        if day in self.days.verdicts:
            self._verdict(self.days.verdicts[day], notes)
        for change in self.days.changes.get(day, ()):
            st.stage, st.since, st.started = STAGES.index(change.stage), day, True
            notes.append(f"Stage set by hand to {_NAMES[change.stage]}: {change.reason}")
        if st.since is None:
            st.since = day
        bad = day in self.days.mornings and self._morning(day, self.days.mornings[day], notes)
        moved = st.since == day or bad  # no move forward on a bad morning
        red = st.verdict is not None and st.verdict.red_flag
        if st.started and not moved and not red and st.stage < len(STAGES) - 1:
            checks = self.gate(day)
            if checks and all(c.met for c in checks):
                st.stage, st.since = st.stage + 1, day
                name = _NAMES[STAGES[st.stage]]
                notes.append(f"Stage moved on to {name}: every check of the gate was met.")

    def close_day(self, day: date, plan: Plan) -> None:
        """Record the day's adherence (done, due) over the routines that can be logged."""
        if day in self.paused:
            self.state.count_paused()  # a paused day is not a day in the stage either
            return
        completed = self.days.completed.get(day, {})
        done = target = 0
        for routine, side, per_day, _ in plan:
            if self._counts(routine):
                done += min(Planner.done(routine, side, completed), per_day)
                target += per_day
        self.adherence[day] = (done, target)

    def _verdict(self, v: Verdict, notes: list[str]) -> None:
        st = self.state
        st.verdict = v
        if v.red_flag:
            notes.append("Your latest self-assessment raised a red flag: please see a clinician.")
            return
        if not st.started:
            st.started = True
            st.stage = STAGES.index("return" if v.weak_side is None else "activate")
            st.since = v.day
            notes.append(
                f"Programme started in {_NAMES[STAGES[st.stage]]} from your self-assessment."
            )

    def _morning(self, day: date, value: int, notes: list[str]) -> bool:
        """Apply this morning's pain; True when it was a bad morning."""
        st, s = self.state, self.settings
        earlier = [
            v
            for k in range(1, BASELINE_DAYS + 1)
            if (v := self.days.mornings.get(day - _BACK[k])) is not None
        ]
        usual = _median(earlier) if len(earlier) >= BASELINE_MIN_ANSWERS else None
        if value > BAD_PAIN or (usual is not None and value >= usual + 2):
            why = f"this morning's pain was {value}" + (
                "" if value > BAD_PAIN else f", 2 or more above your usual {usual:g}"
            )
            before = st.step
            st.step = max(-self.programme.max_steps_down, st.step - s.load_step)
            st.why = f"next-morning pain of {value} on {day.isoformat()}"
            st.good_run = 0
            steps = {0: "", 1: " one step", 2: " two steps"}.get(before - st.step, " three steps")
            notes.append(
                f"Load lowered{steps}: {why}." if steps else f"Load kept at its lowest: {why}."
            )
            st.bad = [d for d in st.bad if (day - d).days < PAIN_WINDOW_DAYS] + [day]
            if len(st.bad) >= 2:
                st.bad = []
                back = max(0, st.stage - s.back_stages)
                advice = "please check with a clinician before going on."
                if back < st.stage:
                    st.stage, st.since = back, day
                    notes.append(
                        f"Back to {_NAMES[STAGES[back]]}: two bad mornings within 7 days; {advice}"
                    )
                else:
                    notes.append(f"Two bad mornings within 7 days: {advice}")
            return True
        if value <= GOOD_PAIN:
            st.good_run += 1
            if st.good_run >= 3 and st.step < 0:
                st.step, st.why = 0, None
                notes.append("Load back to the stage's usual: three good mornings in a row.")
        else:
            st.good_run = 0
        return False


def evaluate(
    history: History,
    as_of: date,
    programme: Programme,
    settings: Settings | None = None,
    loggable: Iterable[str] | None = None,
) -> Today:
    """The programme as it stands at the end of `as_of`, from the history up to that day."""
    return walk(history, as_of, as_of, programme, settings, loggable)[-1]


def walk(
    history: History,
    first: date,
    last: date,
    programme: Programme,
    settings: Settings | None = None,
    loggable: Iterable[str] | None = None,
    start: Checkpoint | None = None,
) -> list[Today]:
    """Every day from `first` to `last`, each as `evaluate` gives it, in a single fold.

    With `start` (a checkpoint before `first`), the fold resumes from it and `history` need
    only hold the records from `start.day - Checkpoint.LOOKBACK_DAYS` on."""
    fold = Fold(history, last, programme, settings, loggable)
    out: list[Today] = []
    if start is not None and first <= start.day:
        raise ValueError("a resumed walk starts after its checkpoint")
    if start is not None and start.since is None:
        start = None  # nothing was folded by then: every record is still in `history`
    if start is not None:
        fold.load(start)
        day = start.day + timedelta(days=1)
    else:
        day = first
        begin = fold.days.first_day(last)
        while day < begin and day <= last:  # before the first record: nothing to fold yet
            out.append(evaluate(history, day, programme, settings, loggable))
            day += timedelta(days=1)
        day = begin
    while day <= last:
        notes: list[str] = []
        plan = fold.step(day, notes)
        if day >= first:
            out.append(today_of(fold, day, fold.due(day, plan), notes))
        fold.close_day(day, plan)
        day += timedelta(days=1)
    return out


def checkpoint(
    history: History,
    through: date,
    programme: Programme,
    settings: Settings | None = None,
    loggable: Iterable[str] | None = None,
) -> Checkpoint:
    """The fold's state at the end of `through` (see Checkpoint)."""
    fold = Fold(history, through, programme, settings, loggable)
    fold.run(fold.begin(through), through)
    st = fold.state
    keep = [
        (d, done, due)
        for d, (done, due) in sorted(fold.adherence.items())
        if (through - d).days < Checkpoint.ADHERENCE_KEPT_DAYS
    ]
    return Checkpoint(
        through,
        st.stage,
        st.since,
        st.started,
        st.step,
        st.why,
        tuple(st.bad),
        st.good_run,
        st.verdict,
        tuple(keep),
        st.paused_in(st.since),
    )


def today_of(fold: Fold, as_of: date, due: tuple[Due, ...], notes: list[str]) -> Today:
    st = fold.state
    assert st.since is not None
    v = st.verdict
    standing = list(notes)
    if v is None:
        standing.append(
            "No self-assessment yet: both sides are trained until one shows the weaker side."
        )
    elif v.red_flag:
        if not any("red flag" in n for n in standing):
            standing.append("Training is stopped by a red flag: please see a clinician first.")
    elif STAGES[st.stage] == "return":
        due_on = v.day + timedelta(weeks=fold.settings.reassess_weeks)
        if as_of >= due_on:
            standing.append(f"A re-assessment is due (the last one was on {v.day.isoformat()}).")
    return Today(
        date=as_of,
        stage=STAGES[st.stage],
        week=(as_of - st.since).days // 7 + 1,
        since=st.since,
        gate=fold.gate(as_of),
        step=st.step,
        why=st.why,
        due=due,
        notes=tuple(standing),
    )


def stage_days(
    history: History,
    last: date,
    programme: Programme,
    settings: Settings | None = None,
    loggable: Iterable[str] | None = None,
) -> list[tuple[date, str, date, tuple[str, ...]]]:
    """(day, stage, since, that day's notes) from the first record to `last`: the fold of
    `walk` without the due list and the gate, for the stage history (core/stage_history)."""
    fold = Fold(history, last, programme, settings, loggable)
    out = []
    day = fold.days.first_day(last)
    while day <= last:
        notes: list[str] = []
        plan = fold.step(day, notes)
        st = fold.state
        assert st.since is not None
        out.append((day, STAGES[st.stage], st.since, tuple(notes)))
        fold.close_day(day, plan)
        day += timedelta(days=1)
    return out
