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
from glute_tui.core.progress import (
    CIRCUIT_TARGET_DEFAULT,
    HOLD_TARGET,
    ON_TRACK_PCT,
    Days,
    adherence,
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
) -> dict[str, Any]:
    """The shape of `glute-tui stats --json`: numbers only (strength and adherence 0-100,
    adherence None when there is no complete, unpaused day to judge yet). The documented
    keys (today, streaks, strength, adherence) stay as they were; `routines` adds every
    routine of the registry, keyed by id."""
    paused = paused_days(pauses)
    hold, circuit = today_counts(days, today)
    hs = hold_streak(days, today, paused, hold_target)
    cs = circuit_streak(days, today, paused, weekly_target)
    a7 = adherence(days, today, 7, paused, hold_target, weekly_target)
    a28 = adherence(days, today, 28, paused, hold_target, weekly_target)
    return {
        "today": {"hold": hold, "hold_target": hold_target, "circuit": circuit},
        "streaks": {
            "hold": {"current": hs.current, "longest": hs.longest},
            "circuit": {"current": cs.current, "longest": cs.longest},
        },
        "strength": {
            "hold": round(100 * hold_strength(days, today, paused, hold_target)),
            "circuit": round(100 * circuit_strength(days, today, paused, weekly_target)),
        },
        "adherence": {"7d": a7.overall, "28d": a28.overall},
        "routines": routine_summaries(days, today, paused, routines, hold_target, weekly_target),
    }


def stats_text(summary: Mapping[str, Any], today: date, paused_today: bool) -> str:
    """`glute-tui stats`: a few short lines, fit for a shell prompt."""
    t = summary["today"]
    hold, target = t["hold"], t["hold_target"]
    if paused_today:
        today_line = "paused (injury pause): nothing is due today"
    else:
        left = f"{target - hold} to go" if hold < target else "today counts"
        circuit = "done" if t["circuit"] else "not yet"
        today_line = f"hold {hold} of {target} ({left}), circuit {circuit}"
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
        f"Streaks: hold {days(s['hold']['current'])} (longest {s['hold']['longest']}), "
        f"circuit {days(s['circuit']['current'])} (longest {s['circuit']['longest']})\n"
        f"{others}"
        f"Habit strength: hold {st['hold']}%, circuit {st['circuit']}%\n"
        f"Adherence: 7 days {pct(ad['7d'])}, 28 days {pct(ad['28d'])}"
        f"{' (on track)' if track else ''}\n"
    )
