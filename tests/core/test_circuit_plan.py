"""The circuit planner: whole rounds, warm-up included, never past today's cap."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from glute_tui.core.circuit import (
    CircuitSettings,
    circuit_used_today,
    fmt_minutes,
    plan_circuit,
)
from glute_tui.core.plan import Plan
from glute_tui.core.runner import Runner
from glute_tui.store import shipped
from tests.conftest import FakeClock

LIB = shipped.library()
PROTO = shipped.protocols().circuit
ONE = Plan(hold_sides=("right",), circuit_sides=("right",), source="assessment")
BOTH = Plan()


def test_weak_side_only_fits_two_rounds_in_ten_minutes() -> None:
    p = plan_circuit(ONE, LIB, PROTO, CircuitSettings.defaults(PROTO), 0.0)
    assert p.rounds == 2 and p.total_s <= 600
    assert p.message() == f"2 rounds fit, {fmt_minutes(p.total_s)}"
    kinds = [ph.kind for ph in p.timeline.phases]  # type: ignore[union-attr]
    assert kinds.count("round_rest") == 1
    first_drills = [ph.exercise for ph in p.timeline.phases if ph.kind == "work"][:6]  # type: ignore[union-attr]
    assert first_drills == [
        "bird_dog",
        "bird_dog",
        "side_lying_abduction",
        "clamshell",
        "quadruped_hip_extension",
        "lateral_sumo_walk",
    ]


def test_both_sides_weaker_first_and_fewer_rounds() -> None:
    p = plan_circuit(BOTH, LIB, PROTO, CircuitSettings.defaults(PROTO), 0.0)
    assert p.rounds == 1
    sides = [
        ph.side for ph in p.timeline.phases if ph.kind == "work" and ph.exercise == "clamshell"
    ]  # type: ignore[union-attr]
    assert sides == ["left", "right"]


def test_used_up_cap_is_refused_politely() -> None:
    p = plan_circuit(ONE, LIB, PROTO, CircuitSettings.defaults(PROTO), 600.0)
    assert not p.fits and "done" in p.message()
    p = plan_circuit(ONE, LIB, PROTO, CircuitSettings.defaults(PROTO), 500.0)
    assert not p.fits and "left" in p.message()


def test_cap_setting_is_never_more_than_ten_minutes() -> None:
    s = CircuitSettings.from_settings({"circuit_cap_min": 25, "circuit_reps": 99}, PROTO)
    assert s.cap_min == 10 and s.reps == 12
    s = CircuitSettings.from_settings({"circuit_cap_min": 1, "circuit_reps": "x"}, PROTO)
    assert s.cap_min == 5 and s.reps == 8


def test_used_today_counts_every_circuit_session_of_today() -> None:
    rows = [
        {"routine": "circuit", "day": "2026-11-20", "active_s": 120.0},
        {
            "routine": "circuit",
            "day": "2026-11-20",
            "status": "interrupted",
            "started_at": "2026-11-20T08:00:00+01:00",
            "ended_at": "2026-11-20T08:01:30+01:00",
        },
        {"routine": "hold", "day": "2026-11-20", "active_s": 300.0},
        {"routine": "circuit", "day": "2026-11-19", "active_s": 500.0},
    ]
    assert circuit_used_today(rows, date(2026, 11, 20)) == 210.0


@settings(max_examples=200, deadline=None)
@given(
    used=st.floats(min_value=0, max_value=900, allow_nan=False),
    cap=st.floats(min_value=0, max_value=30, allow_nan=False),
    reps=st.integers(min_value=0, max_value=40),
    rest=st.floats(min_value=0, max_value=400, allow_nan=False),
    rounds=st.integers(min_value=0, max_value=9),
    both=st.booleans(),
    tempo=st.floats(min_value=0.1, max_value=5.0, allow_nan=False),
)
def test_property_no_plan_exceeds_what_is_left(
    used: float, cap: float, reps: int, rest: float, rounds: int, both: bool, tempo: float
) -> None:
    s = CircuitSettings(reps, rest, cap, rounds, tempo)
    p = plan_circuit(BOTH if both else ONE, LIB, PROTO, s, used)
    clamped = s.clamped(PROTO)
    left = max(0.0, clamped.cap_min * 60 - used)
    assert p.left_s == left and p.cap_s <= 600
    if p.fits:
        assert p.total_s <= left + 1e-9
        # whole rounds: one more would not fit (or the wanted number is reached)
        more = plan_circuit(
            BOTH if both else ONE, LIB, PROTO, CircuitSettings(reps, rest, cap, 3, tempo), used
        )
        assert more.rounds >= p.rounds
        # run on the clock with the budget as a backstop: a straight run fits the budget
        clock = FakeClock()
        runner = Runner(p.timeline, clock, budget_s=left)  # type: ignore[arg-type]
        runner.start()
        clock.advance(10_000)
        runner.poll()
        assert runner.status == "completed"
    else:
        assert p.first_round_s > left


def test_session_records_check_pain_override_and_active_time() -> None:
    import pytest

    from glute_tui.core.records import RecordError, validate_session

    base = {
        "id": "s",
        "routine": "hold",
        "started_at": "2026-11-20T08:00:00+01:00",
        "ended_at": "2026-11-20T08:05:00+01:00",
        "status": "completed",
        "phases": [],
    }
    assert validate_session({**base, "pain_override": True, "active_s": 300.0})["pain_override"]
    with pytest.raises(RecordError, match="pain_override"):
        validate_session({**base, "pain_override": "yes"})
    with pytest.raises(RecordError, match="active_s"):
        validate_session({**base, "active_s": -1})


def test_slower_tempo_is_a_bounded_setting_and_can_cost_a_round() -> None:
    s = CircuitSettings.from_settings({"circuit_tempo_scale": 9}, PROTO)
    assert s.tempo_scale == 1.5
    slow = plan_circuit(ONE, LIB, PROTO, s, 0.0)
    assert slow.rounds == 1
    work = [p for p in slow.timeline.phases if p.kind == "work" and p.exercise == "clamshell"]  # type: ignore[union-attr]
    assert work[0].tempo == (3.0, 1.5, 3.0)
    warm = [p for p in slow.timeline.phases if p.exercise == "bird_dog" and p.kind == "work"]  # type: ignore[union-attr]
    assert warm[0].tempo == (2.0, 2.0, 2.0)  # the warm-up keeps its own tempo
