"""Helpers for driving a live session screen on the fake clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


async def run_clock(pilot: Any, clock: Any, seconds: float, step: float = 0.5) -> None:
    """Advance the fake clock in steps, letting the screen poll after each."""
    screen = pilot.app.screen
    t = 0.0
    while t < seconds - 1e-9:
        clock.advance(step)
        t += step
        screen.tick()
    await pilot.pause()


async def drain_writer(app: Any, _screen_type: type | None = None) -> None:
    """Wait until the app's ordered writer (journal appends included) has written everything."""
    await app.wait_for_writes()


def hold_resume(sides: list[str], next_index: int, reps: int = 10) -> dict[str, Any]:
    """The resume state a hold session journals: the whole timeline and where it got to."""
    from glute_tui.core.plan import Plan
    from glute_tui.core.timeline import HoldSettings, build_hold_timeline
    from glute_tui.store import shipped

    plan = Plan(hold_sides=tuple(sides), circuit_sides=tuple(sides))
    proto = shipped.protocols().hold
    full = build_hold_timeline(plan, shipped.library(), proto, HoldSettings(reps, 3.0, 4.0))
    return {"routine": "hold", "timeline": full.to_dict(), "next_index": next_index}


def circuit_resume(sides: list[str], rounds: int, next_index: int) -> dict[str, Any]:
    from glute_tui.core.plan import Plan
    from glute_tui.core.timeline import build_circuit_timeline
    from glute_tui.store import shipped

    plan = Plan(hold_sides=tuple(sides), circuit_sides=tuple(sides))
    proto = shipped.protocols().circuit
    full = build_circuit_timeline(plan, shipped.library(), proto, rounds, 90.0, reps=8)
    return {"routine": "circuit", "timeline": full.to_dict(), "next_index": next_index}


def screened(store: Any, taken_at: str = "2026-11-01T07:55:00+01:00") -> Any:
    """The red-flag questions answered, every one no (a live session needs them on file)."""
    from glute_tui.core import safety

    answers = dict.fromkeys(safety.RED_FLAG_IDS, "no")
    store.add_assessment(
        safety.screening_record(answers, record_id="screen-1", taken_at=taken_at), None
    )
    return store


def screened_store(db_path: Any) -> Any:
    """A fresh data file whose only record is a clean safety screen (first-run note seen)."""
    from glute_tui.store.history import HistoryStore

    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    return screened(store)


@pytest.fixture
def screened_db(db_path: Path) -> Any:
    """For a test module's `pytestmark = pytest.mark.usefixtures("screened_db")`: every
    test's data file starts screened, as a user who has trained before."""
    return screened_store(db_path)


def right_weak_store(db_path: Any) -> Any:
    """A data file whose assessment found the right side weak (first-run note acknowledged),
    screened for red flags."""
    from glute_tui.core.plan import plan_for_verdict

    store = screened_store(db_path)
    plan = plan_for_verdict(
        "right", "right", assessment_id="a", created_at="2026-11-01T08:00:00+01:00"
    )
    assert plan is not None
    store.set_plan(plan)
    return store
