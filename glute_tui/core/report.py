"""The physio report: what the last N weeks of training add up to, as plain numbers.

`build_report` is a pure function of the stored rows (no phases needed), assessments,
plan, pauses and settings, and the programme's adherence per day (the sessions its due
list asked for, as the gate counts them: core/programme_adherence.py);
`glute_tui.core.report_html` turns the model into one HTML file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from glute_tui.core import progress as pg
from glute_tui.core.assessment import TEST_SPECS
from glute_tui.core.pauses import paused_days
from glute_tui.core.plan import Plan
from glute_tui.core.programme_adherence import DayAdherence, week
from glute_tui.core.report_span import DEFAULT_WEEKS as DEFAULT_WEEKS
from glute_tui.core.report_span import MAX_WEEKS as MAX_WEEKS
from glute_tui.core.words import routine_ids, routine_title, stop_word

if TYPE_CHECKING:  # the programme core is not imported on `stats`'s fast path
    from glute_tui.core.stage_history import StageSpan

PAIN_KEYS = ("pain_before", "pain_during", "pain_after", "pain_next_morning")
PAIN_LABELS = {
    "pain_before": "before",
    "pain_during": "during (peak)",
    "pain_after": "after",
    "pain_next_morning": "next morning",
}
PAIN_LIMIT = 5  # up to 5/10 is acceptable if it settles by the next morning
LSI_PASS = 90
MAX_NOTES = 40
VERDICT_WORDS = {
    "left": "left side weaker",
    "right": "right side weaker",
    "both": "both sides weak",
    "balanced": "balanced",
    "red_flag": "red flag: see a clinician before training",
}


@dataclass(frozen=True)
class WeekRow:
    start: date
    days_trained: int  # days with at least one completed session
    days_in_week: int  # complete, unpaused days of the week so far
    adherence: int | None  # % of the sessions the programme asked for (complete days)
    sessions: dict[str, int]  # routine -> completed sessions
    holds: dict[str, int]  # side -> completed holds
    reps: dict[str, int]  # side -> reps of paced drills
    pain: dict[str, float | None]  # PAIN_KEYS -> weekly mean


@dataclass(frozen=True)
class LsiRow:
    day: str
    verdict: str
    tests: dict[str, float]  # test name -> LSI %
    lowest: float | None


@dataclass(frozen=True)
class Note:
    day: str
    routine: str
    text: str


@dataclass(frozen=True)
class Report:
    today: date
    first: date  # first day covered
    weeks: int
    first_ever: str | None  # the first recorded session, any time
    total_sessions: int  # in the period
    completed: int
    routines: tuple[str, ...]
    week_rows: tuple[WeekRow, ...]
    lsi: tuple[LsiRow, ...]
    lsi_tests: tuple[str, ...]  # test names in the LSI table, in order
    stop_reasons: tuple[tuple[str, str, int], ...]  # (routine word, reason word, count)
    over_limit: int  # sessions with a pain score above PAIN_LIMIT
    notes: tuple[Note, ...]
    notes_left_off: int
    plan_lines: tuple[str, ...]
    weak: str | None
    pauses: tuple[tuple[str, str], ...]  # in the period
    stages: tuple[StageSpan, ...]  # in effect during the period, oldest first
    who: str = ""  # the person the report is about, as they typed it


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def plan_lines(plan: Plan) -> list[str]:
    lines = []
    if plan.needs_assessment:
        lines.append("No self-assessment yet: both sides are trained, left first.")
    else:
        when = (plan.created_at or "")[:10]
        verdict = VERDICT_WORDS.get(plan.verdict or "", plan.verdict or "")
        lines.append(f"From the self-assessment of {when}: {verdict}.")
    lines.append(f"Hold timer: {plan.sides_label()}.")
    lines.append(f"Circuit: {', '.join(plan.circuit_sides)} (in that order).")
    if plan.extras:
        lines.append("Extras: " + ", ".join(e.replace("_", " ") for e in plan.extras) + ".")
    lines.extend(plan.notes)
    return lines


def build_report(
    rows: Sequence[Mapping[str, Any]],
    assessments: Sequence[Mapping[str, Any]],
    plan: Plan,
    pauses: Sequence[Mapping[str, str]],
    settings: Mapping[str, Any],
    today: date,
    weeks: int = DEFAULT_WEEKS,
    hold_target: int = pg.HOLD_TARGET,
    stages: Sequence[StageSpan] = (),
    who: str = "",
    day_notes: Mapping[str, str] | None = None,
    programme_days: DayAdherence | None = None,
) -> Report:
    """The report over the last `weeks` weeks (Monday first, this week last). Adherence:
    the programme's (done, due) per day (core/programme_adherence.py, paused days absent);
    without it no week is judged."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be from 1 to {MAX_WEEKS}")
    first = pg.week_start(today) - timedelta(weeks=weeks - 1)
    since = first.isoformat()
    until = today.isoformat()
    recent = []
    for r in reversed(rows):  # rows are oldest first: walk back only as far as needed
        if str(r["day"]) < since:
            break
        if str(r["day"]) <= until:
            recent.append(r)
    recent.reverse()
    paused = paused_days(pauses)
    volume = pg.weekly_volume(rows, today, weeks)
    routines = routine_ids()

    trained: list[set[str]] = [set() for _ in range(weeks)]
    sessions = [dict.fromkeys(routines, 0) for _ in range(weeks)]
    sums = [dict.fromkeys(PAIN_KEYS, 0.0) for _ in range(weeks)]
    counts = [dict.fromkeys(PAIN_KEYS, 0) for _ in range(weeks)]
    stops: Counter[tuple[str, str]] = Counter()
    over = 0
    notes: list[Note] = []
    for r in recent:
        i = (date.fromisoformat(str(r["day"])) - first).days // 7
        if r.get("status") == "completed":
            trained[i].add(str(r["day"]))
            routine = str(r.get("routine"))
            sessions[i][routine] = sessions[i].get(routine, 0) + 1
        elif r.get("stop_reason"):
            stops[(str(r.get("routine")), str(r["stop_reason"]))] += 1
        high = False
        for key in PAIN_KEYS:
            v = _int(r.get(key))
            if v is not None:
                sums[i][key] += v
                counts[i][key] += 1
                high = high or v > PAIN_LIMIT
        over += high
        if isinstance(r.get("note"), str) and r["note"].strip():
            notes.append(Note(str(r["day"]), routine_title(r.get("routine")), r["note"].strip()))

    week_rows = []
    for i in range(weeks):
        start = first + timedelta(weeks=i)
        so_far = min(7, (today - start).days + 1)  # today included: it may be trained
        judged = sum(1 for k in range(so_far) if start + timedelta(days=k) not in paused)
        adh = week(programme_days or {}, start, today)
        week_rows.append(
            WeekRow(
                start,
                len(trained[i]),
                judged,
                adh,
                sessions[i],
                dict(volume[i].holds),
                dict(volume[i].reps),
                {k: (sums[i][k] / counts[i][k] if counts[i][k] else None) for k in PAIN_KEYS},
            )
        )

    lsi_rows, test_names = lsi_table(assessments)
    for day, text in (day_notes or {}).items():  # notes on a day itself, from the calendar
        if since <= day <= until and isinstance(text, str) and text.strip():
            notes.append(Note(day, "the day", text.strip()))
    notes.sort(key=lambda n: n.day, reverse=True)  # newest day first; stable within a day
    pause_rows = tuple(
        (p["start"], p["end"])
        for p in sorted(pauses, key=lambda p: p.get("start", ""))
        if p.get("end", "") >= since and p.get("start", "") <= until
    )
    return Report(
        today=today,
        first=first,
        weeks=weeks,
        first_ever=str(rows[0]["day"]) if rows else None,
        total_sessions=len(recent),
        completed=sum(1 for r in recent if r.get("status") == "completed"),
        routines=routines,
        week_rows=tuple(week_rows),
        lsi=tuple(lsi_rows),
        lsi_tests=tuple(test_names),
        stop_reasons=tuple(
            (routine_title(rt), stop_word(reason), n)
            for (rt, reason), n in sorted(stops.items(), key=lambda kv: (-kv[1], kv[0]))
        ),
        over_limit=over,
        notes=tuple(notes[:MAX_NOTES]),
        notes_left_off=max(0, len(notes) - MAX_NOTES),
        plan_lines=tuple(plan_lines(plan)),
        weak=plan.verdict if plan.verdict in ("left", "right") else None,
        pauses=pause_rows,
        stages=tuple(in_period(stages, first)),
        who=who.strip(),
    )


def in_period(stages: Sequence[StageSpan], first: date) -> list[StageSpan]:
    """The stages that began in the period, after the one in effect when it began."""
    before = [s for s in stages if s.since < first]
    return before[-1:] + [s for s in stages if s.since >= first]


def lsi_table(assessments: Sequence[Mapping[str, Any]]) -> tuple[list[LsiRow], list[str]]:
    """One row per assessment, oldest first, with the LSI of each measured test by name."""
    rows = []
    names: list[str] = []
    for a in sorted(assessments, key=lambda a: str(a.get("taken_at", ""))):
        raw = a.get("lsi")
        tests: dict[str, float] = {}
        if isinstance(raw, Mapping):
            for test_id, v in raw.items():
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    spec = TEST_SPECS.get(str(test_id))
                    name = spec.name if spec else str(test_id).replace("_", " ")
                    tests[name] = float(v)
                    if name not in names:
                        names.append(name)
        verdict = VERDICT_WORDS.get(str(a.get("verdict")), str(a.get("verdict")))
        rows.append(
            LsiRow(
                str(a.get("taken_at", ""))[:10],
                verdict,
                tests,
                min(tests.values()) if tests else None,
            )
        )
    return rows, names
