"""The programme's load step reaches the timelines: fewer reps or rounds, shorter holds,
never more than the usual load (issue 13)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from glute_tui.core.plan import Plan
from glute_tui.core.routines.base import Built, Context
from glute_tui.core.routines.circuit import ROUTINE as CIRCUIT
from glute_tui.core.routines.hold import ROUTINE as HOLD
from glute_tui.core.timeline import Timeline
from glute_tui.store import shipped
from glute_tui.store.programme_input import shipped_programme

TODAY = date(2026, 11, 20)
RIGHT = Plan(hold_sides=("right",), circuit_sides=("right",), source="assessment")


def ctx(raw: dict[str, Any], step: int = 0, why: str | None = None) -> Context:
    return Context(
        RIGHT,
        raw,
        shipped.library(),
        shipped.protocols(),
        TODAY,
        (),
        step,
        why,
        shipped_programme(),
    )


def timeline(routine: Any, c: Context) -> Timeline:
    built = routine.timeline(c)
    assert isinstance(built, Built)
    return built.timeline


def work(t: Timeline) -> list[float]:
    return [p.planned_s for p in t.phases if p.kind in ("hold", "work")]


def test_one_step_lowers_the_hold_and_says_why() -> None:
    usual = ctx({})
    low = replace(usual, load_step=-1, load_why="next-morning pain of 7 on 2026-11-20")
    assert HOLD.settings(usual).reps == 10 and HOLD.settings(low).reps == 8
    assert HOLD.settings(low).hold_s == 2  # 3 s one step down (never below its floor of 2)
    assert len(work(timeline(HOLD, low))) == 3 * 8  # three positions, one side
    assert "8 squeezes of 2 s" in HOLD.setup_text(low)
    assert "Load lowered one step: next-morning pain of 7 on 2026-11-20." in HOLD.setup_text(low)
    assert "Load lowered" not in HOLD.setup_text(usual)


def test_one_step_lowers_the_circuit_and_says_so() -> None:
    usual = ctx({})
    low = replace(usual, load_step=-1, load_why="next-morning pain of 7 on 2026-11-20")
    assert (CIRCUIT.settings(usual).reps, CIRCUIT.settings(usual).rounds) == (8, 3)
    assert (CIRCUIT.settings(low).reps, CIRCUIT.settings(low).rounds) == (6, 2)
    assert "Load lowered one step" in CIRCUIT.setup_text(low)
    reps = {p.reps for p in timeline(CIRCUIT, low).phases if p.kind == "work" and p.reps}
    assert reps == {6}


@settings(max_examples=60, deadline=None)
@given(
    step=st.integers(-5, 0),
    hold_reps=st.integers(5, 15),
    hold_s=st.sampled_from([2, 2.5, 3, 4, 6, 10]),
    circuit_reps=st.integers(5, 12),
    rounds=st.integers(1, 3),
)
def test_load_never_rises_above_the_usual_through_the_timeline(
    step: int, hold_reps: int, hold_s: float, circuit_reps: int, rounds: int
) -> None:
    raw = {
        "hold_reps": hold_reps,
        "hold_s": hold_s,
        "circuit_reps": circuit_reps,
        "circuit_rounds": rounds,
    }
    usual, low = ctx(raw), ctx(raw, step, "a bad morning")
    for routine in (HOLD, CIRCUIT):
        a, b = timeline(routine, usual), timeline(routine, low)
        assert len(work(b)) <= len(work(a))
        assert max(work(b)) <= max(work(a))
        assert sum(work(b)) <= sum(work(a))
        assert b.planned_total_s <= a.planned_total_s
        reps_a = max((p.reps or 0) for p in a.phases)
        assert all((p.reps or 0) <= reps_a for p in b.phases)
    # a step down always lowers something while there is room above the floors
    if step < 0 and hold_reps > 5:
        assert HOLD.settings(low).reps < HOLD.settings(usual).reps
