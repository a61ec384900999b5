"""Adherence as the programme counts it: the due list of each day, paused days left out."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glute_tui.core.programme import (
    Checkpoint,
    DaySession,
    History,
    Verdict,
    checkpoint,
    evaluate,
    parse_programme,
)
from glute_tui.core.programme_adherence import adherence_days, week, window
from glute_tui.core.routines.catalogue import IDS

RAW = json.loads((Path(__file__).parents[2] / "data" / "programme.json").read_text("utf-8"))
PROG = parse_programme(RAW)
D0 = date(2026, 3, 2)  # a Monday


def day(k: int) -> date:
    return D0 + timedelta(days=k)


def return_day(k: int, half: bool = False) -> list[DaySession]:
    """Return asks for the primer (both sides) and single-leg work on each side."""
    out = [DaySession("primer", day(k), "both"), DaySession("single_leg", day(k), "left")]
    if not half:
        out.append(DaySession("single_leg", day(k), "right"))
    return out


def balanced(sessions: list[DaySession], paused: frozenset[date] = frozenset()) -> History:
    return History(sessions=sessions, verdicts=[Verdict(day(0), None)], paused=paused)


def per_day(h: History, last: int) -> dict[date, tuple[int, int]]:
    return adherence_days(h, day(0), day(last), PROG, None, IDS)


def test_every_primer_and_single_leg_session_done_in_return_is_100_percent() -> None:
    h = balanced([s for k in range(29) for s in return_day(k)])
    assert evaluate(h, day(28), PROG, None, IDS).stage == "return"
    a = window(per_day(h, 28), day(28), 28)
    assert (a.pct, a.done, a.due, a.days, a.on_track) == (100, 84, 84, 28, True)
    assert window(per_day(h, 28), day(28), 7).pct == 100


def test_half_of_it_done_is_50_percent_and_not_on_track() -> None:
    # every other day everything, the days between nothing
    h = balanced([s for k in range(0, 28, 2) for s in return_day(k)])
    a = window(per_day(h, 28), day(28), 28)
    assert (a.done, a.due, a.pct, a.on_track) == (42, 84, 50, False)
    # the primer alone: one of the three sessions asked for
    only_primer = balanced([DaySession("primer", day(k), "both") for k in range(28)])
    b = window(per_day(only_primer, 28), day(28), 28)
    assert (b.pct, b.on_track) == (33, False)
    # the primer and one side of the single-leg work: two of three, under 80%
    c = window(
        per_day(balanced([s for k in range(28) for s in return_day(k, True)]), 28), day(28), 28
    )
    assert (c.done, c.due, c.pct, c.on_track) == (56, 84, 66, False)


def test_hold_and_circuit_are_not_counted_when_the_programme_does_not_ask_for_them() -> None:
    h = balanced(
        [DaySession(r, day(k), "left") for k in range(14) for r in ("hold", "hold", "circuit")]
    )
    a = window(per_day(h, 14), day(14), 14)
    assert (a.done, a.due, a.pct) == (0, 14 * 3, 0)


def test_paused_days_count_for_nothing() -> None:
    paused = frozenset(day(k) for k in range(7, 14))
    h = balanced([s for k in range(14, 28) for s in return_day(k)], paused)
    days = per_day(h, 27)
    assert not any(d in days for d in paused)
    a = window(days, day(28), 28)
    # days 0-6 nothing done, 7-13 paused, 14-27 everything done
    assert (a.done, a.due, a.days) == (14 * 3, 21 * 3, 21)
    assert window(days, day(14), 7).due == 0 and window(days, day(14), 7).pct is None


def test_no_record_judges_nothing() -> None:
    assert adherence_days(History(), day(0), day(10), PROG, None, IDS) == {}


def test_a_week_reads_its_complete_days_only() -> None:
    h = balanced([s for k in range(10) for s in return_day(k)])
    days = per_day(h, 10)
    assert week(days, day(7), day(10)) == 100  # days 7, 8, 9 (today, day 10, is open)
    assert week(days, day(14), day(10)) is None
    assert week(days, day(7), day(7)) is None


def test_from_a_checkpoint_the_days_are_the_same() -> None:
    h = balanced([s for k in range(0, 40, 3) for s in return_day(k)])
    whole = adherence_days(h, day(12), day(39), PROG, None, IDS)
    cp = checkpoint(h, day(30), PROG, None, IDS)
    assert len(cp.adherence) == 31  # every day from the first record, up to the days kept
    assert Checkpoint.ADHERENCE_KEPT_DAYS >= 26 * 7 + 6  # the history screen's 26 weeks
    resumed = adherence_days(h, day(12), day(39), PROG, None, IDS, start=cp)
    assert resumed == whole and len(whole) == 28


hist = st.lists(
    st.tuples(
        st.integers(0, 40),
        st.sampled_from(["hold", "circuit", "primer", "single_leg", "cook_hip_lift"]),
        st.sampled_from(["left", "right", "both"]),
    ),
    max_size=80,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hist, st.integers(15, 41), st.sets(st.integers(0, 40), max_size=8), st.booleans())
def test_equals_the_gates_adherence_check_over_the_14_days_before(
    raw: list[tuple[int, str, str]], k: int, pauses: set[int], weak: bool
) -> None:
    verdicts = [Verdict(day(0), "left")] if weak else []
    h = History(
        sessions=[DaySession(r, day(d), s) for d, r, s in raw],
        verdicts=verdicts,
        paused=frozenset(day(p) for p in pauses),
    )
    t = evaluate(h, day(k), PROG, None, IDS)
    gate = [g for g in t.gate if g.need.startswith("adherence")]
    if not gate:
        return  # a stage whose gate has no adherence check
    a = window(adherence_days(h, day(0), day(k - 1), PROG, None, IDS), day(k), 14)
    assert gate[0].have == ("nothing you can log was due" if a.pct is None else f"{a.pct}%")
    assert gate[0].met == a.on_track
