"""The report's stage history and the charts' stage bands come from the programme core."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from glute_tui.core.programme import StageChange
from glute_tui.core.stage_history import FIRST_WHY
from glute_tui.store.history import HistoryStore
from glute_tui.store.programme_input import add_stage_change
from glute_tui.store.report import report_html, stages_of
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()


def _session(sid: str, days_ago: int) -> dict:
    start = FIXED_NOW.replace(hour=8, minute=0) - timedelta(days=days_ago)
    return {
        "id": sid, "routine": "hold", "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=5)).isoformat(), "status": "completed",
        "stop_reason": "planned_end", "pain_before": 1, "pain_after": 1, "effort": 3,
        "phases": [],
    }  # fmt: skip


def test_stage_history_walks_the_programme_over_the_store(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.json")
    assert stages_of(store, TODAY) == []  # nothing recorded: no stage pretends to exist
    store.merge([_session("a", 20), _session("b", 3)], [])
    moved = TODAY - timedelta(days=10)
    add_stage_change(store, StageChange(moved, "integrate", "my physio says so"))
    spans = stages_of(store, TODAY)
    assert [(s.stage, s.since) for s in spans] == [
        ("activate", TODAY - timedelta(days=20)),
        ("integrate", moved),
    ]
    assert spans[0].why == FIRST_WHY
    assert spans[1].why == "Stage set by hand to Integrate: my physio says so"
    html = report_html(store, TODAY, weeks=4)
    section = html[html.index('id="stages"') : html.index('id="adherence"')]
    assert f"<td>Integrate</td><td>{moved.isoformat()}</td>" in section
    assert "my physio says so" in section
    assert f"Stage now: Integrate since {moved.isoformat()}" in html
