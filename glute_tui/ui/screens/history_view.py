"""What the history screen draws, as Rich-markup strings: computed once off the event loop
(`compute`) and drawn by pure functions, so the screen itself only places them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from glute_tui.core import progress as pg
from glute_tui.core.model import Assessment, SessionRow
from glute_tui.core.pauses import paused_days
from glute_tui.core.programme_adherence import Adherence, DayAdherence, week, window
from glute_tui.core.report import LsiRow, lsi_table
from glute_tui.core.routines.catalogue import CATALOGUE
from glute_tui.core.safety import clearances
from glute_tui.core.stats import routine_summaries
from glute_tui.core.text_chart import Cell, TextSeries, text_chart
from glute_tui.core.words import plural

HEAT_WEEKS = 52  # the calendar shows as many as fit
TREND_WEEKS = 26
VOLUME_WEEKS = 12
BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None], lo: float, hi: float) -> str:
    """One character per value on a lo..hi scale; a gap (no data) is a faint dot."""
    out = []
    span = max(hi - lo, 1e-9)
    for v in values:
        if v is None:
            out.append("[$text-muted]·[/]")
        else:
            i = round((min(max(v, lo), hi) - lo) / span * (len(BARS) - 1))
            out.append(BARS[i])
    return "".join(out)


@dataclass
class HistoryData:
    """Everything the screen draws, computed off the event loop."""

    today: date
    total: int
    heat: list[list[pg.HeatCell]]
    hold: pg.Streak
    circuit: pg.Streak
    hold_strength: float
    circuit_strength: float
    a7: Adherence  # the programme's: the sessions its due list asked for
    a28: Adherence
    weekly_target: int
    hold_target: int
    volume: list[pg.WeekVolume]
    means: dict[str, list[float | None]]
    lsi: list[tuple[str, float]]
    weak: str | None
    pauses: list[dict[str, str]]
    adherence_weeks: list[int | None]  # the last TREND_WEEKS weeks, this week last
    lsi_rows: list[LsiRow]
    lsi_tests: list[str]
    stages: list[tuple[str, str]]  # (first day, stage name): filled in after the rest
    #: every routine after the first two that was ever done: (title, summary of core.stats)
    others: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    #: clinicians' clearances on file (core.safety.clearances), oldest first
    clearances: list[dict[str, Any]] = field(default_factory=list)


def compute(
    rows: Sequence[SessionRow],
    assessments: Sequence[Assessment],
    settings: dict[str, Any],
    pauses: list[dict[str, str]],
    weak: str | None,
    today: date,
    hold_target: int,
    programme_days: DayAdherence | None = None,
) -> HistoryData:
    """`programme_days`: the programme's (done, due) per day (store/report.py
    adherence_of); the adherence figures and the weekly trend come from it."""
    per_day = programme_days or {}
    days = pg.counts_by_day(rows)
    paused = paused_days(pauses)
    target = pg.circuit_target(settings)
    lsi = lsi_table(assessments)
    first = pg.week_start(today) - timedelta(weeks=TREND_WEEKS - 1)
    return HistoryData(
        today=today,
        total=len(rows),
        heat=pg.heatmap(days, today, paused, HEAT_WEEKS),
        hold=pg.hold_streak(days, today, paused, hold_target),
        circuit=pg.circuit_streak(days, today, paused, target),
        hold_strength=pg.hold_strength(days, today, paused, hold_target),
        circuit_strength=pg.circuit_strength(days, today, paused, target),
        a7=window(per_day, today, 7),
        a28=window(per_day, today, 28),
        weekly_target=target,
        hold_target=hold_target,
        volume=pg.weekly_volume(rows, today, VOLUME_WEEKS),
        means=pg.weekly_means(rows, today, TREND_WEEKS),
        lsi=pg.lsi_series(assessments)[-TREND_WEEKS:],
        weak=weak if weak in ("left", "right") else None,
        pauses=sorted(pauses, key=lambda p: p.get("start", "")),
        adherence_weeks=[
            week(per_day, first + timedelta(weeks=i), today) for i in range(TREND_WEEKS)
        ],
        lsi_rows=lsi[0],
        lsi_tests=lsi[1],
        clearances=clearances(assessments),
        stages=[],
        others=[
            (r["title"], r)
            for r in list(
                routine_summaries(
                    days, today, paused, [(x.id, x.title) for x in CATALOGUE], hold_target, target
                ).values()
            )[2:]
            if r["streak"]["longest"] > 0
        ],
    )


# ---- drawing ----------------------------------------------------------------------------
def _days(n: int) -> str:
    return plural(n, "day")


def _pct(v: int | None) -> str:
    return "—" if v is None else f"{v}%"


def draw_streaks(d: HistoryData) -> str:
    def verdict(a: Adherence) -> str:
        if a.pct is None:
            return "[$text-muted]not enough days yet[/]"
        if a.on_track:
            return "[$success]on track[/]"
        return "[$warning]below 80%[/]"

    w = max([9, *(len(title) + 1 for title, _ in d.others)])  # the routine column
    lines = [
        "[b]Streaks and habit strength[/b]",
        f"[$text-muted]{'routine':{w}}{'now':>10}{'longest':>10}{'strength':>10}[/]",
        f"{'Hold':{w}}{_days(d.hold.current):>10}{_days(d.hold.longest):>10}"
        f"{round(d.hold_strength * 100):>9}%  [$text-muted]a day counts at "
        f"{d.hold_target}+ sessions[/]",
        f"{'Circuit':{w}}{_days(d.circuit.current):>10}{_days(d.circuit.longest):>10}"
        f"{round(d.circuit_strength * 100):>9}%  [$text-muted]target {d.weekly_target} "
        "days a week (w)[/]",
    ]
    for title, r in d.others:
        st = r["streak"]
        lines.append(
            f"{title:{w}}{_days(st['current']):>10}{_days(st['longest']):>10}{'':10}  "
            f"[$text-muted]{r['days_28d']} of the last 28 days[/]"
        )
    lines.append("")
    if d.a28.pct is None:
        lines.append(
            "[b]Adherence[/b]  [$text-muted]not enough complete days yet (today counts "
            "from tomorrow)[/]"
        )
    else:
        lines += [
            f"[b]Adherence[/b]  last 7 days {_pct(d.a7.pct)} {verdict(d.a7)}  ·  "
            f"last 28 days {_pct(d.a28.pct)} {verdict(d.a28)}",
            f"[$text-muted]sessions done of those the programme asked for: {d.a7.done} of "
            f"{d.a7.due} / {d.a28.done} of {d.a28.due}[/]",
        ]
    current = [p for p in d.pauses if p.get("end", "") >= d.today.isoformat()]
    if current:
        p = current[0]
        lines.append(
            f"[$warning]Injury pause {p['start']} to {p['end']}: those days do not count "
            "and do not break a streak.[/]"
        )
    for c in d.clearances:  # issue 12: a lifted stop is shown with its date, not hidden
        what = "the injury" if list(c.get("covers") or []) == ["injury"] else "the red flags"
        lines.append(
            f"[$success]Cleared[/] on {c.get('on', '?')}: a clinician checked {what} and "
            "cleared you to exercise."
        )
    return "\n".join(lines)


ROLE_STYLE = {
    "axis": "$text-muted",
    "label": "$text-muted",
    "band": "$text-muted",
    "ref": "$error",
    "s0": "$accent",
    "s1": "$primary-lighten-2",
    "s2": "$success",
    "s3": "$warning",
}


def markup(grid: list[list[Cell]]) -> str:
    """A text chart as markup: runs of one role share one style tag."""
    lines = []
    for row in grid:
        out: list[str] = []
        run, role = "", ""
        for ch, r in [*row, ("", "end")]:
            if r != role and run:
                text = run.replace("[", "\\[")
                style = ROLE_STYLE.get(role)
                out.append(f"[{style}]{text}[/]" if style else text)
                run = ""
            role = r
            run += ch
        lines.append("".join(out).rstrip())
    return "\n".join(lines)


def _weeks(d: HistoryData, n: int) -> list[str]:
    first = pg.week_start(d.today) - timedelta(weeks=n - 1)
    return [(first + timedelta(weeks=i)).strftime("%d %b") for i in range(n)]


def _bands(d: HistoryData, n: int) -> list[tuple[int, str]]:
    first = pg.week_start(d.today) - timedelta(weeks=n - 1)
    out = []
    for start, name in d.stages:
        i = max(0, (date.fromisoformat(start) - first).days // 7)
        if i < n:
            out.append((i, name))
    return out


def _chart_width(width: int) -> int:
    return max(30, width - 2)


def draw_adherence(d: HistoryData, width: int = 100) -> str:
    n = len(d.adherence_weeks)
    grid = text_chart(
        _weeks(d, n),
        [
            TextSeries(
                "adherence, % of the programme",
                [None if v is None else float(v) for v in d.adherence_weeks],
                "bar",
            )
        ],
        width=_chart_width(width),
        height=6,
        y_max=100,
        y_unit="%",
        ref=(pg.ON_TRACK_PCT, f"{pg.ON_TRACK_PCT}% on track"),
        bands=_bands(d, n),
    )
    return f"[b]Adherence per week[/b], last {n} weeks (this week so far)\n" + markup(grid)


def draw_volume(d: HistoryData, width: int = 100) -> str:
    sides = ("left", "right")
    if d.weak in sides:
        order = [d.weak, "right" if d.weak == "left" else "left"]
        names = {order[0]: f"weak ({order[0]})", order[1]: f"strong ({order[1]})"}
    else:
        order = list(sides)
        names = {"left": "left", "right": "right"}
    n = len(d.volume)
    grid = text_chart(
        _weeks(d, n),
        [
            TextSeries(f"holds {names[s]}", [float(w.holds[s]) for w in d.volume], "bar")
            for s in order
        ],
        width=_chart_width(width),
        height=6,
        bands=_bands(d, n),
    )
    reps = "  ·  ".join(f"{names[s]} {d.volume[-1].reps[s]}" for s in order)
    lines = [
        f"[b]Per-side volume[/b]: completed holds per week, last {n} weeks",
        markup(grid),
        f"[$text-muted]Reps of paced drills this week: {reps}[/]",
    ]
    if d.weak in sides:
        lines.append("[$text-muted]Your plan trains the weak side only: it should lead.[/]")
    return "\n".join(lines)


def draw_pain(d: HistoryData, width: int = 100) -> str:
    labels = {
        "pain_before": "before",
        "pain_after": "after",
        "pain_next_morning": "next morning",
    }
    n = len(d.means["pain_before"])
    grid = text_chart(
        _weeks(d, n),
        [TextSeries(label, d.means[key]) for key, label in labels.items()],
        width=_chart_width(width),
        height=6,
        y_max=10,
        ref=(5, "5/10 limit"),
        bands=_bands(d, n),
    )
    effort = next((v for v in reversed(d.means["effort"]) if v is not None), None)
    tail = "" if effort is None else f"  ·  effort this week {effort:.1f}/10"
    return (
        f"[b]Pain[/b], weekly average 0-10, last {n} weeks\n{markup(grid)}\n"
        f"[$text-muted]Up to 5/10 is fine if it settles by the next morning.{tail}[/]"
    )


def draw_lsi(d: HistoryData, width: int = 100) -> str:
    rows = [r for r in d.lsi_rows if r.tests][-TREND_WEEKS:]
    if not rows:
        return (
            "[b]Limb symmetry (LSI)[/b]\n[$text-muted]No measured assessment yet. The "
            "self-assessment compares your sides.[/]"
        )
    names = [t for t in d.lsi_tests if any(t in r.tests for r in rows)][:4]
    low = min([v for r in rows for v in r.tests.values()] + [90.0])
    grid = text_chart(
        [r.day[5:] for r in rows],
        [TextSeries(name, [r.tests.get(name) for r in rows]) for name in names],
        width=_chart_width(width),
        height=6,
        y_min=max(0.0, (low // 10) * 10 - 10),
        y_max=100,
        y_unit="%",
        ref=(90, "90% pass"),
    )
    last = rows[-1]
    lowest = min(last.tests, key=lambda t: last.tests[t])
    value = last.tests[lowest]
    mark = "[$success]passes[/]" if value >= 90 else "[$warning]below 90%[/]"
    return (
        f"[b]Limb symmetry (LSI)[/b] per test, weaker side as % of the stronger, last "
        f"{plural(len(rows), 'assessment')} (month-day)\n{markup(grid)}\n"
        f"Latest {last.day}: {lowest} {value:g}% {mark}"
    )
