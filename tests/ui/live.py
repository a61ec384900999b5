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


def drain_writer(app: Any, screen_type: type) -> None:
    """Wait until the session screen's ordered writer has written everything."""
    screen = next(s for s in app.screen_stack if isinstance(s, screen_type))
    assert screen._writer is not None and screen._writer.drain()


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
