"""Helpers for driving a live session screen on the fake clock."""

from __future__ import annotations

from typing import Any


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


def right_weak_store(db_path: Any) -> Any:
    """A data file whose assessment found the right side weak (first-run note acknowledged)."""
    from glute_tui.core.plan import plan_for_verdict
    from glute_tui.store.history import HistoryStore

    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    plan = plan_for_verdict(
        "right", "right", assessment_id="a", created_at="2026-11-01T08:00:00+01:00"
    )
    assert plan is not None
    store.set_plan(plan)
    return store
