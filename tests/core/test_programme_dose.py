"""The dose on the due list is the user's own (what a physio set on the settings screen),
lowered from there on a bad morning: never the stage's default when the user set another,
and the same numbers the routine then runs (issue 13)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from glute_tui.core.circuit import CircuitSettings
from glute_tui.core.plan import Plan
from glute_tui.core.programme import (
    History,
    MorningPain,
    StageChange,
    Verdict,
    evaluate,
    read_settings,
)
from glute_tui.core.routines.base import Context
from glute_tui.core.routines.cook_hip_lift import ROUTINE as COOK
from glute_tui.core.routines.hold import ROUTINE as HOLD
from glute_tui.core.routines.sets import number, setting
from glute_tui.core.routines.single_leg import ROUTINE as SINGLE_LEG
from glute_tui.store import shipped
from glute_tui.store.programme_input import shipped_programme

D0 = date(2026, 3, 2)
PROG = shipped_programme()
LEFT = Plan(hold_sides=("left",), circuit_sides=("left",), source="assessment")


def _day(history: History, k: int, raw: dict[str, Any], stage: str = "activate") -> Any:
    changes = [StageChange(D0, stage, "my physio says so")] if stage != "activate" else []
    h = replace(history, verdicts=[Verdict(D0, "left")], changes=changes)
    return evaluate(h, D0 + timedelta(days=k), PROG, read_settings(raw), loggable=None)


def _dose(t: Any, routine: str, side: str = "left") -> dict[str, float]:
    return dict(next(d.dose for d in t.due if d.routine == routine and d.side == side))


BAD = History(mornings=[MorningPain(D0 + timedelta(days=1), 7)])


def test_a_physio_set_hold_is_the_due_dose_and_the_lowered_one_comes_from_it() -> None:
    raw = {"hold_reps": 6, "hold_s": 5}
    assert _dose(_day(History(), 1, raw), "hold") == {"reps": 6, "hold_s": 5}
    low = _dose(_day(BAD, 1, raw), "hold")
    assert low == {"reps": 5, "hold_s": 4}  # one step below 6 x 5 s, not below 10 x 3 s
    ctx = Context(LEFT, raw, shipped.library(), shipped.protocols(), D0, (), -1, "pain", PROG)
    s = HOLD.settings(ctx)
    assert (s.reps, s.hold_s) == (low["reps"], low["hold_s"])  # what the timer runs


def test_the_circuit_dose_is_what_the_circuit_runs() -> None:
    raw = {"circuit_reps": 6, "circuit_rounds": 2}
    assert _dose(_day(History(), 1, raw), "circuit") == {"rounds": 2, "reps": 6, "cap_min": 10}
    assert _dose(_day(BAD, 1, raw), "circuit") == {"rounds": 1, "reps": 5, "cap_min": 10}
    usual = CircuitSettings.from_settings({}, shipped.protocols().circuit)
    plain = _dose(_day(History(), 1, {}), "circuit")
    assert (plain["reps"], plain["rounds"]) == (usual.reps, usual.rounds)


def test_a_setting_out_of_its_bounds_is_not_the_dose() -> None:
    assert _dose(_day(History(), 1, {"hold_reps": "ten", "hold_s": True}), "hold") == {
        "reps": 10,
        "hold_s": 3,
    }


def test_the_shipped_doses_are_the_routines_own_defaults() -> None:
    """data/programme.json and data/protocols.json say the same numbers."""
    ctx = Context(LEFT, {}, shipped.library(), shipped.protocols(), D0)
    hold = HOLD.settings(ctx)
    circuit = CircuitSettings.from_settings({}, shipped.protocols().circuit)
    want = {
        "hold": {"reps": hold.reps, "hold_s": hold.hold_s},
        "circuit": {"reps": circuit.reps, "rounds": circuit.rounds},
        "cook_hip_lift": {
            "reps": setting(ctx, "cook_hip_lift", "reps", "cook_reps"),
            "hold_s": setting(ctx, "cook_hip_lift", "hold_s", "cook_hold_s"),
        },
        "standing_glute": {
            "sets": number(ctx, "standing_glute", "sets"),
            "reps": setting(ctx, "standing_glute", "reps", "standing_reps"),
        },
        "bridge": {
            "sets": number(ctx, "bridge", "sets"),
            "reps": setting(ctx, "bridge", "reps", "bridge_reps"),
        },
        "single_leg": {"sets": SINGLE_LEG.numbers(ctx)[0], "reps": SINGLE_LEG.numbers(ctx)[1]},
        "release": {"minutes": setting(ctx, "release", "minutes", "release_min")},
    }
    for stage in PROG.stages:
        for w in (*PROG.tight_work, *stage.work):
            for key, value in want.get(w.routine, {}).items():
                assert w.dose[key] == value, (stage.id, w.routine, key)


@pytest.mark.parametrize("steps", [1, 2, 3])
def test_the_cook_hip_lift_and_single_leg_run_the_lowered_dose(steps: int) -> None:
    raw = {"cook_reps": 12, "cook_hold_s": 8, "single_leg_sets": 3}
    t = _day(BAD, 1, {**raw, "programme_load_step": steps}, "integrate")
    assert t.step == -steps
    ctx = Context(LEFT, raw, shipped.library(), shipped.protocols(), D0, (), t.step, "pain", PROG)
    cook = _dose(t, "cook_hip_lift")
    reps, hold, _ = COOK.numbers(ctx)
    assert (reps, hold) == (cook["reps"], cook["hold_s"])
    assert reps < 12 and hold < 8
    strengthen = _day(BAD, 1, {**raw, "programme_load_step": steps}, "strengthen")
    weak, strong = _dose(strengthen, "single_leg"), _dose(strengthen, "single_leg", "right")
    assert SINGLE_LEG.numbers(ctx) == (weak["sets"], weak["reps"], strong["reps"])
    assert weak["sets"] < 3
