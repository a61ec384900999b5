"""Snapshots of the one live state that had none: a session cut short (the app killed
mid-session), as the setup screen offers to resume it and as home's notice says it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from glute_tui.store.history import HistoryStore
from tests.conftest import settle
from tests.ui.live import hold_resume, screened_db  # noqa: F401  (screened_db: a fixture)
from tests.ui.test_hold import _one_side

pytestmark = pytest.mark.usefixtures("screened_db")


def _cut_short(db_path: Path) -> None:
    """Two holds done on the right, then the process died: the journal is left behind."""
    _one_side(db_path)
    store = HistoryStore.open(db_path)
    header = {
        "id": "cut",
        "routine": "hold",
        "started_at": "2026-11-20T17:00:00+01:00",
        "status": "interrupted",
        "stop_reason": "interrupted",
        "pain_before": 1,
    }
    store.journal.begin(header, resume=hold_resume(["right"], 0))
    phases = [("prepare", 0, 5.0, 0.0), ("hold", 1, 3.0, 5.0), ("rest", 1, 4.0, 8.0)]
    phases.append(("hold", 2, 3.0, 12.0))
    for i, (kind, s, planned, start) in enumerate(phases):
        phase = {
            "kind": kind,
            "exercise": "iso_standing",
            "side": "right",
            "set": s,
            "planned_s": planned,
            "start_s": start,
            "end_s": start + planned,
            "paused_s": 0.0,
            "reps": None,
            "ended_by": "planned",
        }
        store.journal.append(phase, next_index=i + 1)
    store.journal.release()  # the crashed owner: its OS lock is gone


def _snap(snap_compare: Any, make_app: Any, screen: str | None) -> bool:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.pause(0.45)
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()

    app = make_app(screen) if screen else make_app()
    return snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_snapshot_resume_offer(snap_compare, make_app, db_path: Path) -> None:
    _cut_short(db_path)
    assert _snap(snap_compare, make_app, "hold")


def test_snapshot_home_says_a_session_was_cut_short(snap_compare, make_app, db_path) -> None:
    _cut_short(db_path)
    assert _snap(snap_compare, make_app, None)
