"""Home's circuit line says what was done and what is left of today's cap (issue 16)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from glute_tui.core.circuit import circuit_today_line
from glute_tui.store.history import HistoryStore
from tests.conftest import FIXED_NOW, settle


def _circuit(sid: str, status: str, seconds: int) -> dict:
    start = FIXED_NOW - timedelta(hours=1)
    return {
        "id": sid,
        "routine": "circuit",
        "started_at": start.isoformat(timespec="seconds"),
        "ended_at": (start + timedelta(seconds=seconds)).isoformat(timespec="seconds"),
        "status": status,
        "stop_reason": "quit" if status == "stopped" else "planned_end",
        "pain_before": 1,
        "pain_after": 1,
        "effort": 3,
        "phases": [],
    }


async def test_home_after_a_stopped_circuit_shows_time_done_and_left(
    make_app, db_path: Path
) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.set_setting("circuit_cap_min", 10)
    store.add_session(_circuit("c", "stopped", 142))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # the card wraps long lines under their text at 80 columns: read it as words
        text = " ".join(str(app.screen.query_one("#today").render()).split())
        assert "not yet today" not in text
        assert "2 min 22 s done, stopped early" in text
        assert "7 min 38 s of today's 10 min cap left" in text


def test_the_circuit_line_in_every_state() -> None:
    assert circuit_today_line(0, 0.0, 600.0) == "not yet today"
    assert circuit_today_line(1, 420.0, 600.0) == "done today · 3 min of today's 10 min cap left"
    assert circuit_today_line(1, 600.0, 600.0) == "done today · today's 10 min cap is used"
    assert circuit_today_line(0, 30.0, 300.0) == (
        "30 s done, stopped early · 4 min 30 s of today's 5 min cap left"
    )
