"""The physio report's adherence is the programme's: the sessions its due list asked for."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from glute_tui.core import progress as pg
from glute_tui.store.history import HistoryStore
from glute_tui.store.report import adherence_of, report_html
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()


def _session(sid: str, days_ago: int, routine: str, side: str, hour: int) -> dict[str, Any]:
    start = FIXED_NOW.replace(hour=hour, minute=0) - timedelta(days=days_ago)
    return {
        "id": sid, "routine": routine, "side": side, "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=5)).isoformat(), "status": "completed",
        "stop_reason": "planned_end", "pain_before": 1, "pain_after": 1, "effort": 3,
        "phases": [],
    }  # fmt: skip


def _return_store(path: Path, every: int = 1, days: int = 60) -> HistoryStore:
    """Balanced `days` ago (Return: the primer and single-leg work on each side); every
    session the programme asked for on every `every`-th day since."""
    taken = FIXED_NOW.replace(hour=7, minute=0) - timedelta(days=days)
    balanced = {
        "id": "a", "taken_at": taken.isoformat(), "verdict": "balanced", "weaker": None,
        "tests": {}, "lsi": {"bridge_hold": 97.0}, "answers": {}, "tight": False,
    }  # fmt: skip
    sessions = []
    for k in range(1, days + 1, every):
        sessions.append(_session(f"p{k}", k, "primer", "both", 8))
        sessions += [_session(f"s{k}{s}", k, "single_leg", s, 9) for s in ("left", "right")]
    store = HistoryStore.open(path)
    store.merge(sessions, [balanced])
    return store


def _week_cells(html: str) -> list[str]:
    section = html[html.index('id="adherence"') : html.index('id="volume"')]
    return re.findall(r"<td>(\d+%|–)</td></tr>", section)


def test_every_session_the_return_stage_asked_for_reads_100_percent(tmp_path: Path) -> None:
    store = _return_store(tmp_path / "h.json")
    days = adherence_of(store, TODAY)
    assert days and all(a == (3, 3) for a in days.values())
    html = report_html(store, TODAY, weeks=4)
    assert "Adherence averaged 100% of what the programme asked" in html
    cells = _week_cells(html)
    assert cells == ["100%"] * 4  # this week's complete days, then the three before


def test_every_other_day_reads_about_half(tmp_path: Path) -> None:
    store = _return_store(tmp_path / "h.json", every=2)
    html = report_html(store, TODAY, weeks=4)
    cells = _week_cells(html)
    assert all(c in ("42%", "57%") for c in cells[1:])  # 3 or 4 of the week's 7 days
    assert "0 of 4 weeks at 80% or more" in html


def test_paused_days_count_for_nothing(tmp_path: Path) -> None:
    store = _return_store(tmp_path / "h.json")
    first = pg.week_start(TODAY) - timedelta(weeks=1)
    store.set_pauses([{"start": first.isoformat(), "end": (TODAY - timedelta(1)).isoformat()}])
    days = adherence_of(store, TODAY)
    assert not any(d >= first for d in days)
    assert max(days) == first - timedelta(days=1)
    cells = _week_cells(report_html(store, TODAY, weeks=4))
    assert cells == ["–", "–", "100%", "100%"]
