"""The runner: ordered events, exact phase timing on a fake clock, pauses never counted."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glute_tui.core.plan import Plan
from glute_tui.core.runner import Runner
from glute_tui.core.runner_events import OUT_OF_TIME, PLANNED, READY, SKIPPED
from glute_tui.core.timeline import HoldSettings, PhaseSpec, Timeline, build_hold_timeline
from glute_tui.store import shipped
from tests.conftest import FakeClock

LIB = shipped.library()
PROTO = shipped.protocols()


def _hold_timeline(reps: int = 3) -> Timeline:
    settings = HoldSettings(reps, 3.0, 4.0)
    return build_hold_timeline(Plan(), LIB, PROTO.hold, settings)


def _small_timeline() -> Timeline:
    return Timeline(
        "hold",
        (
            PhaseSpec("prepare", None, None, 0, 2.0),
            PhaseSpec("hold", "iso_standing", "left", 1, 3.0),
            PhaseSpec("rest", "iso_standing", "left", 1, 4.0, min_s=3.0, max_s=5.0),
            PhaseSpec("hold", "iso_standing", "left", 2, 3.0),
            PhaseSpec("round_rest", None, None, 1, 90.0, min_s=60.0, max_s=120.0),
            PhaseSpec("work", "clamshell", "left", 1, 15.0, reps=3, tempo=(2.0, 1.0, 2.0)),
        ),
    )


def test_phases_close_at_their_planned_moment_even_when_polled_late() -> None:
    clock = FakeClock()
    runner = Runner(_small_timeline(), clock)
    runner.start()
    clock.advance(100.0)  # one very late poll closes every phase due by now, at its moment
    events = runner.poll()
    ends = [e for e in events if e.kind == "phase_ended"]
    assert [e.at for e in ends] == [2.0, 5.0, 9.0, 12.0]
    assert runner.index == 4 and runner.remaining() == pytest.approx(102.0 - 100.0)


def test_pause_is_not_counted_and_shifts_later_phases() -> None:
    clock = FakeClock()
    runner = Runner(_small_timeline(), clock)
    runner.start()
    clock.advance(1.0)
    runner.pause()
    clock.advance(30.0)
    assert runner.poll() == []
    assert runner.remaining() == pytest.approx(1.0)
    runner.resume()
    clock.advance(1.0)
    (end, start) = runner.poll()
    assert end.record is not None
    assert end.at == pytest.approx(32.0) and end.record.paused_s == pytest.approx(30.0)
    assert end.record.active_s == pytest.approx(2.0)
    assert start.kind == "phase_started" and start.at == pytest.approx(32.0)


def test_ready_refused_before_minimum_then_accepted() -> None:
    clock = FakeClock()
    runner = Runner(_small_timeline(), clock)
    runner.start()
    clock.advance(12.0)
    runner.poll()
    assert runner.current is not None and runner.current.kind == "round_rest"
    clock.advance(59.0)
    assert runner.ready() == []
    assert runner.ready_in() == pytest.approx(1.0)
    clock.advance(1.0)
    events = runner.ready()
    assert events[0].record is not None and events[0].record.ended_by == READY
    assert runner.current is not None and runner.current.kind == "work"


def test_round_rest_starts_next_round_by_itself_at_its_plan_and_plus_stops_at_max() -> None:
    clock = FakeClock()
    runner = Runner(_small_timeline(), clock)
    runner.start()
    clock.advance(12.0)
    runner.poll()
    assert runner.adjust_current(15.0) == 105.0
    assert runner.adjust_current(15.0) == 120.0
    assert runner.adjust_current(15.0) == 120.0  # never past the maximum
    clock.advance(119.9)
    assert runner.poll() == []
    clock.advance(0.1)
    ended = runner.poll()[0]
    assert ended.record is not None and ended.record.ended_by == PLANNED
    assert ended.at == pytest.approx(132.0)


def test_work_phase_counts_whole_reps() -> None:
    clock = FakeClock()
    tl = Timeline(
        "circuit", (PhaseSpec("work", "clamshell", "left", 1, 15.0, reps=3, tempo=(2.0, 1.0, 2.0)),)
    )
    runner = Runner(tl, clock)
    runner.start()
    clock.advance(9.9)
    assert runner.reps_done() == 1
    events = runner.skip(ended_by="glutes_stopped")
    record = events[0].record
    assert record is not None and record.reps == 1 and record.ended_by == "glutes_stopped"
    assert runner.state == "ended"


def test_rest_retime_within_bounds() -> None:
    clock = FakeClock()
    runner = Runner(_hold_timeline(), clock)
    runner.retime("rest", 9.0)
    assert {s.planned_s for s in runner.specs if s.kind == "rest"} == {5.0}
    runner.retime("rest", 1.0)
    assert {s.planned_s for s in runner.specs if s.kind == "rest"} == {3.0}


def test_budget_ends_session_mid_phase_out_of_time() -> None:
    clock = FakeClock()
    runner = Runner(_small_timeline(), clock, budget_s=7.0)
    runner.start()
    clock.advance(3.0)
    runner.pause()
    clock.advance(50.0)  # paused time does not use the budget
    runner.resume()
    assert runner.next_change() == pytest.approx(1.0)
    clock.advance(10.0)
    events = runner.poll()
    last = [e for e in events if e.kind == "phase_ended"][-1]
    assert last.record is not None and last.record.ended_by == OUT_OF_TIME
    assert sum(r.active_s for r in runner.records) == pytest.approx(7.0)
    assert events[-1].kind == "session_ended" and events[-1].reason == OUT_OF_TIME


def test_next_change_wakes_at_whole_seconds_and_boundaries() -> None:
    clock = FakeClock()
    runner = Runner(_small_timeline(), clock)
    assert runner.next_change() is None
    runner.start()
    clock.advance(0.3)
    assert runner.next_change() == pytest.approx(0.7)
    runner.pause()
    assert runner.next_change() is None


def test_stop_keeps_completed_phases_and_ends_once() -> None:
    clock = FakeClock()
    runner = Runner(_small_timeline(), clock)
    runner.start()
    clock.advance(6.0)
    runner.poll()
    events = runner.stop("quit")
    assert [e.kind for e in events] == ["session_ended"]
    assert len(runner.records) == 2 and runner.status == "stopped" and runner.stop_reason == "quit"
    assert runner.stop("quit") == [] and runner.poll() == []


# ---- property: random pause/resume/skip/ready/adjust at random times -----------------------

OPS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "pause",
                "resume",
                "toggle",
                "skip",
                "ready",
                "plus",
                "minus",
                "rest3",
                "rest5",
                "poll",
            ]
        ),
        st.floats(min_value=0.0, max_value=40.0, allow_nan=False),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(ops=OPS, budget=st.one_of(st.none(), st.floats(min_value=1.0, max_value=200.0)))
def test_property_random_operations(ops: list[tuple[str, float]], budget: float | None) -> None:
    clock = FakeClock()
    timeline = _small_timeline()
    runner = Runner(timeline, clock, budget_s=budget)
    events = runner.start()
    pause_windows: list[tuple[float, float]] = []
    paused_at: float | None = None
    for op, dt in ops:
        clock.advance(dt)
        was_paused = runner.state == "paused"
        if op == "plus":
            runner.adjust_current(15.0)
            continue
        if op == "minus":
            runner.adjust_current(-15.0)
            continue
        if op.startswith("rest"):
            runner.retime("rest", float(op[4:]))
            continue
        if op == "toggle":
            out = runner.toggle()
        elif op == "skip":
            out = runner.skip()
        else:
            out = getattr(runner, op)()
        events += out
        if not was_paused and runner.state == "paused":
            paused_at = runner.now()
        if was_paused and runner.state != "paused" and paused_at is not None:
            pause_windows.append((paused_at, runner.now()))
            paused_at = None
    clock.advance(1000.0)
    if runner.state == "paused":
        events += runner.resume()
        if paused_at is not None:
            pause_windows.append((paused_at, runner.now()))
    clock.advance(1000.0)
    events += runner.poll()

    # the session ends exactly once, and last
    ends = [e for e in events if e.kind == "session_ended"]
    assert len(ends) == 1 and events[-1].kind == "session_ended"
    # phases start and end once each, in order, each start before its end
    started = [e.index for e in events if e.kind == "phase_started"]
    ended = [e.index for e in events if e.kind == "phase_ended"]
    assert started == list(range(len(started)))
    assert ended == started
    # boundaries are continuous: each phase starts when the previous one ended
    recs = runner.records
    for a, b in itertools.pairwise(recs):
        assert b.start_s == pytest.approx(a.end_s)
    # event times never go backwards
    times = [e.at for e in events]
    assert times == sorted(times)
    total_paused = sum(b - a for a, b in pause_windows)
    for r in recs:
        assert r.active_s >= -1e-9
        assert r.paused_s >= -1e-9
        if r.ended_by == PLANNED:
            # active time of a phase that ran its course equals its (final) plan
            assert r.active_s == pytest.approx(r.spec.planned_s, abs=1e-6)
        else:
            assert r.active_s <= r.spec.planned_s + 1e-6
        assert r.ended_by in (PLANNED, SKIPPED, READY, OUT_OF_TIME)
    # paused time is never counted as active: active + paused spans the whole session
    span = recs[-1].end_s - recs[0].start_s if recs else 0.0
    assert sum(r.active_s for r in recs) + sum(r.paused_s for r in recs) == pytest.approx(span)
    assert sum(r.paused_s for r in recs) == pytest.approx(total_paused, abs=1e-6)
    if budget is not None:
        assert sum(r.active_s for r in recs) <= budget + 1e-6
    if runner.status == "completed":
        assert len(recs) == len(timeline)
