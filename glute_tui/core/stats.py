"""The headless summary (`glute-tui stats`): today, streaks, habit strength and adherence,
and a line for every other routine of the registry that was done lately. Pure.

`stats` runs on the fast path (it reads the digest next to the data file), so the routines
come in as (id, title) pairs from the digest: this module does not import the registry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from glute_tui.core.pauses import paused_days
from glute_tui.core.programme_adherence import DayAdherence, window
from glute_tui.core.programme_types import Today
from glute_tui.core.progress import (
    CIRCUIT_TARGET_DEFAULT,
    HOLD_TARGET,
    ON_TRACK_PCT,
    Days,
    circuit_streak,
    circuit_strength,
    hold_streak,
    hold_strength,
    streak,
    today_counts,
)
from glute_tui.core.words import plural

#: what a digest written before routines were listed in it holds
FIRST_ROUTINES: tuple[tuple[str, str], ...] = (("hold", "Hold timer"), ("circuit", "Circuit"))


def _days_done(days: Days, column: int, today: date, window: int) -> int:
    """Days among the last `window` (today included) with a completed session of `column`."""
    n = 0
    for k in range(window):
        counts = days.get((today - timedelta(days=k)).isoformat(), ())
        if column < len(counts) and counts[column] > 0:
            n += 1
    return n


def routine_summaries(
    days: Days,
    today: date,
    paused: frozenset[date] | set[date],
    routines: Sequence[tuple[str, str]],
    hold_target: int = HOLD_TARGET,
    weekly_target: int = CIRCUIT_TARGET_DEFAULT,
) -> dict[str, dict[str, Any]]:
    """{routine id: today, days done in the last 7 and 28 days, streak} for every routine.
    The first two keep their own streak rules (hold: `hold_target` sessions make a day;
    circuit: rest days allowed by the weekly target); any other routine counts a day done
    with one completed session, every day."""
    out: dict[str, dict[str, Any]] = {}
    for i, (rid, title) in enumerate(routines):
        if i == 0:
            st = hold_streak(days, today, paused, hold_target)
        elif i == 1:
            st = circuit_streak(days, today, paused, weekly_target)
        else:
            done = {
                date.fromisoformat(k)
                for k, v in days.items()
                if i < len(v) and v[i] > 0 and k <= today.isoformat()
            }
            st = streak(done, today, paused)
        counts = days.get(today.isoformat(), ())
        out[rid] = {
            "title": title,
            "today": counts[i] if i < len(counts) else 0,
            "days_7d": _days_done(days, i, today, 7),
            "days_28d": _days_done(days, i, today, 28),
            "streak": {"current": st.current, "longest": st.longest},
        }
    return out


def stats_summary(
    days: Days,
    today: date,
    pauses: Iterable[Mapping[str, str]],
    hold_target: int = HOLD_TARGET,
    weekly_target: int = CIRCUIT_TARGET_DEFAULT,
    routines: Sequence[tuple[str, str]] = FIRST_ROUTINES,
    programme: Today | None = None,
    per_day: DayAdherence | None = None,
) -> dict[str, Any]:
    """The shape of `glute-tui stats --json`: numbers only (strength and adherence 0-100).
    `programme`: the programme's day (core/programme.py, as `glute-tui today` gives it):
    today's targets come from its due list (a routine it does not ask for has target 0),
    and it is kept whole under "programme". `per_day`: the programme's (done, due) per
    day (core/programme_adherence.py); adherence is over its sessions, None when nothing it
    asked for fell in the window. Streaks and strength count what was done, by the two
    timers' own rules; `routines` adds every routine of the registry, keyed by id."""
    paused = paused_days(pauses)
    hold, circuit = today_counts(days, today)
    targets = programme.targets() if programme is not None else {}
    hs = hold_streak(days, today, paused, hold_target)
    cs = circuit_streak(days, today, paused, weekly_target)
    a7 = window(per_day or {}, today, 7)
    a28 = window(per_day or {}, today, 28)
    return {
        "today": {
            "hold": hold,
            "hold_target": targets.get("hold", 0),
            "circuit": circuit,
            "circuit_target": targets.get("circuit", 0),
        },
        "streaks": {
            "hold": {"current": hs.current, "longest": hs.longest},
            "circuit": {"current": cs.current, "longest": cs.longest},
        },
        "strength": {
            "hold": round(100 * hold_strength(days, today, paused, hold_target)),
            "circuit": round(100 * circuit_strength(days, today, paused, weekly_target)),
        },
        "adherence": {
            "7d": a7.pct,
            "28d": a28.pct,
            "on_track": a7.on_track,
            "done_7d": a7.done,
            "due_7d": a7.due,
            "done_28d": a28.done,
            "due_28d": a28.due,
        },
        "routines": routine_summaries(days, today, paused, routines, hold_target, weekly_target),
        "programme": None if programme is None else programme.to_dict(),
    }


_STAGE_NAMES = {"activate": "Activate", "integrate": "Integrate", "strengthen": "Strengthen"}
_STAGE_NAMES["return"] = "Return"


def due_lines(due: Sequence[Mapping[str, Any]], titles: Mapping[str, str]) -> list[str]:
    """One line per routine the programme asks for today (its title, each side's done of
    target, 'done' when met), in the programme's order."""
    sides: dict[str, list[str]] = {}
    for d in due:
        mark = " done" if d["done"] >= d["target"] else ""
        sides.setdefault(d["routine"], []).append(f"{d['side']} {d['done']} of {d['target']}{mark}")
    names = {r: titles.get(r, r.replace("_", " ")) for r in sides}
    width = max((len(t) for t in names.values()), default=0)
    return [f"  {names[r]:{width}}  {', '.join(s)}" for r, s in sides.items()]


def stats_text(summary: Mapping[str, Any], today: date, paused_today: bool) -> str:
    """`glute-tui stats`: a few short lines, fit for a shell prompt."""
    prog = summary.get("programme")
    titles = {rid: r["title"] for rid, r in summary.get("routines", {}).items()}
    due: list[str] = []
    if paused_today:
        today_line = "paused (injury pause): nothing is due today"
    elif prog is None:
        today_line = "no programme day"
    else:
        stage = prog["stage"]
        today_line = f"{_STAGE_NAMES.get(stage['id'], stage['id'])}, week {stage['week']}"
        due = due_lines(prog["due"], titles)
        if not due:
            today_line += ", nothing due"
        elif all(d["done"] >= d["target"] for d in prog["due"]):
            today_line += ", everything due is done"
    s, st, ad = summary["streaks"], summary["strength"], summary["adherence"]

    def days(n: int) -> str:
        return plural(n, "day")

    def pct(v: int | None) -> str:
        return "-" if v is None else f"{v}%"

    track = ad["7d"] is not None and ad["7d"] >= ON_TRACK_PCT
    others = ""
    for r in list(summary.get("routines", {}).values())[2:]:
        if not (r["today"] or r["days_28d"]):
            continue  # not done lately: no line
        others += (
            f"{r['title']}: {r['today']} today, {days(r['days_28d'])} of the last 28, "
            f"streak {days(r['streak']['current'])}\n"
        )
    return (
        f"Today {today.strftime('%a %d %b')}: {today_line}\n"
        + "".join(f"{line}\n" for line in due)
        + f"Streaks: hold {days(s['hold']['current'])} (longest {s['hold']['longest']}), "
        f"circuit {days(s['circuit']['current'])} (longest {s['circuit']['longest']})\n"
        f"{others}"
        f"Habit strength: hold {st['hold']}%, circuit {st['circuit']}%\n"
        f"Adherence: 7 days {pct(ad['7d'])}, 28 days {pct(ad['28d'])}"
        f"{' (on track)' if track else ''}\n"
    )
