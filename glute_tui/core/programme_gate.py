"""The gate of each stage (DOMAIN.md, "The programme"): the checks that must all be met
before the next stage starts. Pure; the fold (core/programme.py) calls `gate_checks` with
its state and the history indexed by day."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta

from glute_tui.core.programme_config import Settings
from glute_tui.core.programme_due import DayIndex
from glute_tui.core.programme_types import GateCheck, Verdict

ADHERENCE_PCT = 80  # DOMAIN: 80% or more of the prescribed sessions
ADHERENCE_DAYS = 14
PAIN_WINDOW_DAYS = 7
GATE_PAIN_MAX = 3
LSI_PASS = 90.0
STOPPED_DAYS = 7

_BACK = tuple(timedelta(days=k) for k in range(ADHERENCE_DAYS + 1))


def gate_checks(
    stage: str,
    since: date | None,
    verdict: Verdict | None,
    day: date,
    settings: Settings,
    adherence: Mapping[date, tuple[int, int]],
    days: DayIndex,
    counts: Callable[[str], bool],
    paused: int = 0,
) -> tuple[GateCheck, ...]:
    """Every check of `stage`'s gate on `day` (none in Return, the last stage). `paused`:
    the paused days since the stage began, which do not count as days in it."""
    if stage == "return" or since is None:
        return ()
    if stage == "strengthen":
        return (lsi_check(verdict, since),)
    in_stage = (day - since).days - paused
    need = settings.days_in_stage
    checks = [
        GateCheck(
            f"{need} days in this stage",
            in_stage >= need,
            f"{in_stage} day{'' if in_stage == 1 else 's'}"
            + (f", {need - in_stage} more" if in_stage < need else "")
            + (f"; {paused} paused day{'' if paused == 1 else 's'} not counted" if paused else ""),
        ),
        adherence_check(day, adherence),
        pain_check(day, days.mornings),
    ]
    if stage == "integrate":
        checks.append(stopped_check(day, days, counts, settings.glutes_stopped_pct))
    return tuple(checks)


def adherence_check(day: date, adherence: Mapping[date, tuple[int, int]]) -> GateCheck:
    window = [adherence.get(day - _BACK[k]) for k in range(1, ADHERENCE_DAYS + 1)]
    done = sum(w[0] for w in window if w)
    target = sum(w[1] for w in window if w)
    need = f"adherence {ADHERENCE_PCT}% over the last {ADHERENCE_DAYS} days"
    if not target:
        return GateCheck(need, False, "nothing you can log was due")
    pct = 100 * done // target
    return GateCheck(need, done * 100 >= ADHERENCE_PCT * target, f"{pct}%")


def pain_check(day: date, mornings: Mapping[date, int]) -> GateCheck:
    high = [
        (d, v)
        for k in range(PAIN_WINDOW_DAYS)
        if (v := mornings.get(d := day - _BACK[k])) is not None and v > GATE_PAIN_MAX
    ]
    need = f"no next-morning pain above {GATE_PAIN_MAX} in the last {PAIN_WINDOW_DAYS} days"
    if not high:
        return GateCheck(need, True, "none")
    d, v = high[0]
    return GateCheck(need, False, f"{v} on {d.isoformat()}")


def stopped_check(day: date, days: DayIndex, counts: Callable[[str], bool], pct: int) -> GateCheck:
    sets = stopped = 0
    for k in range(1, STOPPED_DAYS + 1):
        for sess in days.sessions.get(day - _BACK[k], ()):
            if counts(sess.routine) and sess.status != "interrupted":
                sets += sess.sets
                stopped += sess.glutes_stopped_sets
    need = f"glutes stopped on under {pct}% of sets in the last {STOPPED_DAYS} days"
    if not sets:
        return GateCheck(need, False, "no sets logged")
    return GateCheck(need, stopped * 100 < pct * sets, f"{stopped} of {sets} sets")


def lsi_check(verdict: Verdict | None, since: date) -> GateCheck:
    need = f"a re-assessment with every measured LSI at {LSI_PASS:g}% or more"
    v = verdict
    if v is None or v.day < since or v.red_flag:
        return GateCheck(need, False, f"no re-assessment since {since.isoformat()}")
    if not v.lsis:
        return GateCheck(need, False, "the re-assessment measured no side-to-side test")
    low = sorted((k, x) for k, x in v.lsis.items() if x < LSI_PASS)
    if low:
        return GateCheck(need, False, ", ".join(f"{k.replace('_', ' ')} {x:g}%" for k, x in low))
    return GateCheck(need, True, f"{len(v.lsis)} of {len(v.lsis)} at {LSI_PASS:g}% or more")
