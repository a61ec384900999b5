"""What the history screen draws, as Rich-markup strings: computed once off the event loop
(`compute`) and drawn by pure functions, so the screen itself only places them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from glute_tui.core import progress as pg

HEAT_WEEKS = 26
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
    a7: pg.Adherence
    a28: pg.Adherence
    weekly_target: int
    hold_target: int
    volume: list[pg.WeekVolume]
    means: dict[str, list[float | None]]
    lsi: list[tuple[str, float]]
    weak: str | None
    pauses: list[dict[str, str]]


def compute(
    rows: list[dict[str, Any]],
    assessments: list[dict[str, Any]],
    settings: dict[str, Any],
    pauses: list[dict[str, str]],
    weak: str | None,
    today: date,
    hold_target: int,
) -> HistoryData:
    days = pg.counts_by_day(rows)
    paused = pg.paused_days(pauses)
    target = pg.circuit_target(settings)
    return HistoryData(
        today=today,
        total=len(rows),
        heat=pg.heatmap(days, today, paused, HEAT_WEEKS),
        hold=pg.hold_streak(days, today, paused, hold_target),
        circuit=pg.circuit_streak(days, today, paused, target),
        hold_strength=pg.hold_strength(days, today, paused, hold_target),
        circuit_strength=pg.circuit_strength(days, today, paused, target),
        a7=pg.adherence(days, today, 7, paused, hold_target, target),
        a28=pg.adherence(days, today, 28, paused, hold_target, target),
        weekly_target=target,
        hold_target=hold_target,
        volume=pg.weekly_volume(rows, today, VOLUME_WEEKS),
        means=pg.weekly_means(rows, today, TREND_WEEKS),
        lsi=pg.lsi_series(assessments)[-TREND_WEEKS:],
        weak=weak if weak in ("left", "right") else None,
        pauses=sorted(pauses, key=lambda p: p.get("start", "")),
    )


# ---- drawing ----------------------------------------------------------------------------
HOLD_GLYPHS = (
    "[$text-muted]·[/]",
    "[$success-darken-2]▒[/]",
    "[$success]▓[/]",
    "[$success-lighten-2]█[/]",
)


def _cell(c: pg.HeatCell) -> str:
    if c.future:
        return "  "
    if c.paused:
        body = "[$warning]~~[/]"
    else:
        body = HOLD_GLYPHS[min(c.hold, 3)] + ("[$accent]•[/]" if c.circuit else " ")
    return f"[reverse]{body}[/]" if c.today else body


def draw_heatmap(d: HistoryData, width: int = 200) -> str:
    """The calendar, as many of the last 26 weeks as fit in `width` cells (2 per day)."""
    weeks = max(4, min(len(d.heat), (width - 4) // 2))
    cols = d.heat[-weeks:]
    months = [" "] * (len(cols) * 2)
    last_month = None
    for i, col in enumerate(cols):
        m = col[0].day.month
        if i == 0 and len(cols) > 1 and cols[1][0].day.month != m:
            # a month with one week in view: its label would push out the next month's
            last_month = m
            continue
        if m != last_month:
            label = col[0].day.strftime("%b")
            if all(months[j] == " " for j in range(max(0, 2 * i - 1), min(len(months), 2 * i + 3))):
                for k, ch in enumerate(label):
                    if 2 * i + k < len(months):
                        months[2 * i + k] = ch
            last_month = m
    title = f"[b]Last {weeks} weeks[/b]"
    if d.total == 0:
        title += "  [$text-muted]No sessions yet: each one you finish fills in its day.[/]"
    lines = [title, "    " + "".join(months)]
    for row, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        lines.append(f"{name:<4}" + "".join(_cell(col[row]) for col in cols))
    lines.append(
        "[$text-muted]hold:[/] [$text-muted]·[/] none  [$success-darken-2]▒[/] 1  "
        f"[$success]▓[/] {d.hold_target} (counts)  [$success-lighten-2]█[/] 3   "
        "[$accent]•[/] circuit  [$warning]~~[/] paused  [reverse]  [/] today"
    )
    return "\n".join(lines)


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _pct(v: int | None) -> str:
    return "—" if v is None else f"{v}%"


def draw_streaks(d: HistoryData) -> str:
    def verdict(a: pg.Adherence) -> str:
        if a.overall is None:
            return "[$text-muted]not enough days yet[/]"
        if a.on_track:
            return "[$success]on track[/]"
        return "[$warning]below 80%[/]"

    lines = [
        "[b]Streaks and habit strength[/b]",
        f"[$text-muted]{'routine':9}{'now':>10}{'longest':>10}{'strength':>10}[/]",
        f"{'Hold':9}{_days(d.hold.current):>10}{_days(d.hold.longest):>10}"
        f"{round(d.hold_strength * 100):>9}%  [$text-muted]a day counts at "
        f"{d.hold_target}+ sessions[/]",
        f"{'Circuit':9}{_days(d.circuit.current):>10}{_days(d.circuit.longest):>10}"
        f"{round(d.circuit_strength * 100):>9}%  [$text-muted]target {d.weekly_target} "
        "days a week (w)[/]",
        "",
    ]
    if d.a28.overall is None:
        lines.append(
            "[b]Adherence[/b]  [$text-muted]not enough complete days yet (today counts "
            "from tomorrow)[/]"
        )
    else:
        lines += [
            f"[b]Adherence[/b]  last 7 days {_pct(d.a7.overall)} {verdict(d.a7)}  ·  "
            f"last 28 days {_pct(d.a28.overall)} {verdict(d.a28)}",
            f"[$text-muted]hold {_pct(d.a7.hold)} / {_pct(d.a28.hold)}, circuit "
            f"{_pct(d.a7.circuit)} / {_pct(d.a28.circuit)} of what the plan asks[/]",
        ]
    current = [p for p in d.pauses if p.get("end", "") >= d.today.isoformat()]
    if current:
        p = current[0]
        lines.append(
            f"[$warning]Injury pause {p['start']} to {p['end']}: those days do not count "
            "and do not break a streak.[/]"
        )
    return "\n".join(lines)


def draw_volume(d: HistoryData) -> str:
    sides = ("left", "right")
    if d.weak in sides:
        order = [d.weak, "right" if d.weak == "left" else "left"]
        names = {order[0]: f"weak ({order[0]})", order[1]: f"strong ({order[1]})"}
    else:
        order = list(sides)
        names = {"left": "left", "right": "right"}
    hi_h = max([1, *(w.holds[s] for w in d.volume for s in sides)])
    hi_r = max([1, *(w.reps[s] for w in d.volume for s in sides)])
    lines = [f"[b]Per-side volume[/b], last {VOLUME_WEEKS} weeks (this week last)"]
    for s in order:
        holds = [float(w.holds[s]) for w in d.volume]
        reps = [float(w.reps[s]) for w in d.volume]
        lines.append(
            f"{names[s]:<15} holds {sparkline(list(holds), 0, hi_h)} {int(holds[-1]):>4}  "
            f"reps {sparkline(list(reps), 0, hi_r)} {int(reps[-1]):>4}"
        )
    if d.weak in sides:
        lines.append("[$text-muted]Your plan trains the weak side only: it should lead.[/]")
    return "\n".join(lines)


def draw_pain(d: HistoryData) -> str:
    labels = {
        "pain_before": "pain before",
        "pain_after": "pain after",
        "pain_next_morning": "next morning",
        "effort": "effort",
    }
    lines = [f"[b]Pain and effort[/b], weekly average 0-10, last {TREND_WEEKS} weeks"]
    for key, label in labels.items():
        values = d.means[key]
        last = next((v for v in reversed(values) if v is not None), None)
        tail = "—" if last is None else f"{last:.1f}"
        lines.append(f"{label:<13} {sparkline(values, 0, 10)} {tail:>4}")
    return "\n".join(lines)


def draw_lsi(d: HistoryData) -> str:
    if not d.lsi:
        return (
            "[b]Limb symmetry (LSI)[/b]\n[$text-muted]No measured assessment yet. The "
            "self-assessment compares your sides.[/]"
        )
    values: list[float | None] = [v for _, v in d.lsi]
    day, last = d.lsi[-1]
    mark = "[$success]passes[/]" if last >= 90 else "[$warning]below 90%[/]"
    return (
        f"[b]Limb symmetry (LSI)[/b], weaker side as % of the stronger, last "
        f"{len(values)} assessments\n"
        f"{sparkline(values, 50, 100)}  latest {last:.0f}% on {day} {mark}\n"
        "[$text-muted]90% or more is the usual pass mark; below 85% is worth correcting.[/]"
    )
