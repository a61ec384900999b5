"""The six routines issue 13 adds: timelines (sides, order, counts, durations), how their
phases read, their summaries. One table per routine; the runner drives them on a fake clock."""

from __future__ import annotations

from typing import Any

import pytest

from glute_tui.core.plan import Plan
from glute_tui.core.records import RecordError, validate_session
from glute_tui.core.routines import registry
from glute_tui.core.routines.base import Built, Routine
from glute_tui.core.routines.sets import weak_first
from glute_tui.core.runner import Runner
from glute_tui.core.runner_events import GLUTES_STOPPED
from glute_tui.core.timeline import PHASE_KINDS, Timeline
from glute_tui.store.import_check import check_session
from tests.conftest import FakeClock
from tests.core.test_routines import ctx

NEW = ("release", "cook_hip_lift", "bridge", "standing_glute", "single_leg", "primer")
RIGHT = Plan(hold_sides=("right",), circuit_sides=("right",), source="assessment")
BOTH_RIGHT_FIRST = Plan(hold_sides=("right", "left"), circuit_sides=("right", "left"))


def routine(rid: str) -> Routine:
    r = registry.get(rid)
    assert r is not None
    return r


def built(rid: str, plan: Plan | None = None, settings: dict[str, Any] | None = None) -> Timeline:
    got = routine(rid).timeline(ctx(settings, plan=plan))
    assert isinstance(got, Built) and got.budget_s is None
    return got.timeline


def worked(t: Timeline, kind: str) -> list[tuple[str | None, str | None, int | None]]:
    return [(p.exercise, p.side, p.reps) for p in t.phases if p.kind == kind]


def run_through(t: Timeline, plan: Plan | None = None, reps: int | None = None) -> Runner:
    """Run a whole timeline, ending each user-paced set with `reps` (None: its target)."""
    clock = FakeClock()
    runner = Runner(t, clock)
    runner.start()
    while runner.current is not None:
        spec = runner.current
        if spec.paced:
            clock.advance(30.0)
            runner.done(reps=reps if reps is not None else spec.reps)
        else:
            clock.advance(spec.planned_s + 0.01)
            runner.poll()
    return runner


def session(rid: str, runner: Runner) -> dict[str, Any]:
    end = runner.records[-1].end_s if runner.records else 0.0
    return {
        "id": "s1",
        "routine": rid,
        "started_at": "2026-11-20T08:00:00+01:00",
        "ended_at": f"2026-11-20T{8 + int(end // 3600):02d}:{int(end % 3600 // 60):02d}:"
        f"{int(end % 60) + 1:02d}+01:00",
        "status": "completed",
        "phases": [r.to_dict() for r in runner.records],
    }


def test_the_six_are_in_the_registry_with_their_own_keys() -> None:
    assert set(NEW) <= set(registry.IDS)
    keys = [r.key for r in registry.ROUTINES]
    assert len(set(keys)) == len(keys)
    for rid in NEW:
        r = routine(rid)
        assert r.title and r.description and r.help and r.short
        t = built(rid)
        assert t.routine == rid and all(p.kind in PHASE_KINDS for p in t.phases)
        assert t.phases[0].kind == "prepare"
        assert Timeline.from_dict(t.to_dict()) == t  # the journal keeps it whole


@pytest.mark.parametrize(
    ("plan", "first"),
    [(None, "left"), (RIGHT, "right"), (BOTH_RIGHT_FIRST, "right")],
)
def test_weak_side_goes_first_and_both_legs_are_trained(plan: Plan | None, first: str) -> None:
    for rid in ("cook_hip_lift", "standing_glute", "single_leg", "primer"):
        t = built(rid, plan)
        sides = [p.side for p in t.phases if p.kind in ("hold", "work")]
        assert sides[0] == first, rid
        assert {"left", "right"} <= set(sides), rid


def test_cook_hip_lift_holds_and_bounds() -> None:
    t = built("cook_hip_lift", RIGHT)
    holds = [p for p in t.phases if p.kind == "hold"]
    assert [p.side for p in holds] == ["right"] * 10 + ["left"] * 10
    assert {p.planned_s for p in holds} == {6.0}
    assert [p.kind for p in t.phases].count("switch") == 1
    assert [p.kind for p in t.phases].count("rest") == 18  # none after a side's last hold
    assert t.planned_total_s == 5 + 20 * 6 + 18 * 4 + 5
    # settings are clamped into DOMAIN's 5-8 s, 8-12 a leg
    big = built("cook_hip_lift", None, {"cook_reps": 30, "cook_hold_s": 20})
    assert sum(p.kind == "hold" for p in big.phases) == 24
    assert max(p.planned_s for p in big.phases if p.kind == "hold") == 8.0
    small = built("cook_hip_lift", None, {"cook_reps": 1, "cook_hold_s": 1})
    assert sum(p.kind == "hold" for p in small.phases) == 16
    assert min(p.planned_s for p in small.phases if p.kind == "hold") == 5.0


@pytest.mark.parametrize(
    ("plan", "singles"),
    [
        (None, [("single_leg_bridge", "left", 10), ("single_leg_bridge", "right", 10)]),
        (RIGHT, [("single_leg_bridge", "right", 10), ("single_leg_bridge", "left", 5)]),
    ],
)
def test_bridge_progression(plan: Plan | None, singles: list[Any]) -> None:
    t = built("bridge", plan)
    work = worked(t, "work")
    assert work[:3] == [("glute_bridge", "both", 12)] * 3
    assert work[3:] == singles  # weak side first, twice the reps when one side is weak
    bridge = next(p for p in t.phases if p.kind == "work")
    assert bridge.tempo == (2.0, 2.0, 2.0) and not bridge.paced  # the 2 s squeeze
    assert bridge.planned_s == 12 * 6
    assert sum(p.kind == "rest" for p in t.phases) == 2
    assert built("bridge", None, {"bridge_reps": 20}).phases[1].reps == 15


def test_standing_glute_contraction_three_sets_a_leg() -> None:
    t = built("standing_glute", RIGHT)
    assert worked(t, "work") == [
        ("standing_kickback", side, 12) for _ in range(3) for side in ("right", "left")
    ]
    assert [p.set for p in t.phases if p.kind == "work"] == [1, 1, 2, 2, 3, 3]
    assert sum(p.kind == "rest" for p in t.phases) == 2
    assert built("standing_glute", None, {"standing_reps": 15}).phases[1].reps == 15


@pytest.mark.parametrize(
    ("plan", "reps"),
    [(None, {"left": 10, "right": 10}), (RIGHT, {"right": 10, "left": 5})],
)
def test_single_leg_is_user_paced_with_double_volume_on_the_weak_side(
    plan: Plan | None, reps: dict[str, int]
) -> None:
    t = built("single_leg", plan)
    sets = [p for p in t.phases if p.kind == "work"]
    assert all(p.paced and p.tempo is None for p in sets)
    order = list(dict.fromkeys(p.exercise for p in sets))
    assert order == ["split_squat", "reverse_lunge", "single_leg_rdl", "step_down"]
    assert len(sets) == 4 * 2 * 2  # four moves, two sets, two sides
    first = weak_first(plan or Plan())[0][0]
    assert [p.side for p in sets[:2]] == [first, "left" if first == "right" else "right"]
    assert {p.side: p.reps for p in sets} == reps
    one = built("single_leg", plan, {"single_leg_sets": 1})
    assert sum(p.kind == "work" for p in one.phases) == 8
    assert (
        sum(p.kind == "work" for p in built("single_leg", plan, {"single_leg_sets": 9}).phases)
        == 24
    )


def test_single_leg_offers_g_and_logs_the_reps_typed() -> None:
    r = routine("single_leg")
    clock = FakeClock()
    runner = Runner(built("single_leg", RIGHT), clock)
    runner.start()
    assert not r.offers("glutes_stopped", runner)  # get ready
    clock.advance(10.01)
    runner.poll()
    assert runner.current is not None and runner.current.paced
    assert r.offers("glutes_stopped", runner) and not r.offers("more", runner)
    view = r.view(runner, ctx(plan=RIGHT))
    assert view.where == "Split squat — RIGHT side"
    assert view.counts == "set 1/2   ·   aim for 10 reps"
    assert view.banner == "YOUR PACE" and "g when your glute stops" in view.extra
    clock.advance(20.0)
    runner.skip(GLUTES_STOPPED, reps=6)
    last = runner.records[-1]
    assert (last.reps, last.ended_by, last.to_dict()["rep_target"]) == (6, GLUTES_STOPPED, 10)


@pytest.mark.parametrize(("minutes", "each"), [(None, 45.0), (10, 75.0), (3, 37.5), (30, 75.0)])
def test_release_splits_the_minutes_over_each_side_and_area(
    minutes: int | None, each: float
) -> None:
    t = built("release", RIGHT, {} if minutes is None else {"release_min": minutes})
    areas = [(p.exercise, p.side) for p in t.phases if p.kind == "work"]
    names = ["release_upper", "release_outer", "release_middle", "release_low"]
    assert areas == [(a, "left") for a in names] + [(a, "right") for a in names]
    assert {p.planned_s for p in t.phases if p.kind == "work"} == {each}
    assert sum(p.planned_s for p in t.phases if p.kind == "work") == each * 8


def test_release_reads_one_area_at_a_time_with_its_cue() -> None:
    r = routine("release")
    c = ctx()
    clock = FakeClock()
    runner = Runner(built("release"), clock)
    runner.start()
    clock.advance(10.01)
    runner.poll()
    view = r.view(runner, c)
    assert view.banner == "RELEASE"
    assert view.where == "LEFT glute: Upper glute, under the hip bone"
    assert view.counts == "area 1/4   ·   LEFT side"
    assert view.next.startswith("Next: Release — LEFT glute: Outer hip")
    cues = c.library["release_upper"].cues
    assert r.pick_cues(cues, "setup") == cues[:1]
    assert r.pick_cues(cues, view.cue_role) == cues[1:3]
    assert not r.offers("glutes_stopped", runner)


def test_primer_is_three_to_four_minutes_of_activation() -> None:
    for plan in (None, RIGHT):
        t = built("primer", plan)
        assert 180 <= t.planned_total_s <= 240
        order = list(dict.fromkeys(p.exercise for p in t.phases))
        assert order == ["iso_standing", "glute_bridge", "lateral_sumo_walk"]
        assert sum(p.kind == "hold" for p in t.phases) == 10
        assert ("glute_bridge", "both", 10) in worked(t, "work")


@pytest.mark.parametrize(
    ("rid", "lines"),
    [
        ("cook_hip_lift", ["Holds: LEFT 10   RIGHT 10"]),
        ("bridge", ["Reps: BOTH 36   LEFT 5   RIGHT 10"]),
        ("standing_glute", ["Reps: LEFT 36   RIGHT 36"]),
        (
            "single_leg",
            [
                "Reps: LEFT 40   RIGHT 80",
                "  Split squat: RIGHT 20   LEFT 10",
                "  Reverse lunge: RIGHT 20   LEFT 10",
                "  Single-leg Romanian deadlift: RIGHT 20   LEFT 10",
                "  Step-down: RIGHT 20   LEFT 10",
            ],
        ),
        ("primer", ["Holds: LEFT 5   RIGHT 5", "Reps: BOTH 10   LEFT 10   RIGHT 10"]),
        ("release", ["Release: 8 areas, 6:00 in all", "Notice how the hips move now."]),
    ],
)
def test_summaries_and_the_import_check_accept_the_session(rid: str, lines: list[str]) -> None:
    runner = run_through(built(rid, RIGHT), RIGHT)
    s = session(rid, runner)
    assert routine(rid).summary(s, ctx(plan=RIGHT)) == lines
    check_session(s, "sessions[0]")  # its phase kinds and fields import cleanly


def test_summary_counts_the_early_stops() -> None:
    clock = FakeClock()
    runner = Runner(built("standing_glute"), clock)
    runner.start()
    clock.advance(5.01)
    runner.poll()
    clock.advance(6.0)
    runner.skip(GLUTES_STOPPED)
    lines = routine("standing_glute").summary(session("standing_glute", runner), ctx())
    assert lines == [
        "Reps: LEFT 1",
        "Stopped when the glute stopped: 1. Stopping on time is right.",
    ]


def test_setup_words_name_the_first_side_and_the_dose() -> None:
    text = routine("single_leg").setup_text(ctx(plan=RIGHT))
    assert "RIGHT 10 reps first, then LEFT 5" in text
    assert "About 13 min 30 s" in text
    assert "LEFT side first" in routine("cook_hip_lift").setup_text(ctx())
    assert "Then single-leg bridge: RIGHT 10, LEFT 5" in routine("bridge").setup_text(
        ctx(plan=RIGHT)
    )
    assert "6 minutes: LEFT side, then RIGHT" in routine("release").setup_text(ctx())


def test_a_user_paced_set_records_an_optional_load() -> None:
    clock = FakeClock()
    runner = Runner(built("single_leg", RIGHT), clock)
    runner.start()
    clock.advance(10.01)
    runner.poll()
    clock.advance(30.0)
    with pytest.raises(ValueError):
        runner.done(reps=3, load_kg=-1)
    runner.done(reps=10, load_kg=7.5)
    clock.advance(10.01)
    runner.poll()
    runner.done(reps=5)  # no load: bodyweight, and the record says nothing of load
    first, second = (r.to_dict() for r in runner.records if r.spec.kind == "work")
    assert first["load_kg"] == 7.5 and "load_kg" not in second
    s = session("single_leg", runner)
    check_session(s, "sessions[0]")
    lines = routine("single_leg").summary(s, ctx(plan=RIGHT))
    assert lines[-1] == "  Split squat: RIGHT 10   LEFT 5  ·  up to 7.5 kg"
    for bad in (-1, 5000, "heavy", True):
        s["phases"][1]["load_kg"] = bad
        with pytest.raises(RecordError, match="load_kg"):
            validate_session(s)
            check_session(s, "sessions[0]")
