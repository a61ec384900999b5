"""`glute-tui stats` judges today and the adherence by the programme's due list, not by the
hold timer and the circuit: a user in Return who did every primer and single-leg session
is 100% adherent, and nothing says a hold is due."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from glute_tui.cli import main
from glute_tui.store.history import HistoryStore
from glute_tui.store.programme_cache import cache_path
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()


def _session(sid: str, days_ago: int, routine: str, side: str, hour: int = 8) -> dict[str, Any]:
    start = FIXED_NOW.replace(hour=hour, minute=0) - timedelta(days=days_ago)
    return {
        "id": sid,
        "routine": routine,
        "side": side,
        "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=5)).isoformat(),
        "status": "completed",
        "stop_reason": "planned_end",
        "pain_before": 1,
        "pain_after": 1,
        "effort": 3,
        "phases": [],
    }


def _balanced(days_ago: int) -> dict[str, Any]:
    taken = FIXED_NOW.replace(hour=7, minute=0) - timedelta(days=days_ago)
    return {
        "id": f"a{days_ago}",
        "taken_at": taken.isoformat(),
        "verdict": "balanced",
        "weaker": None,
        "tests": {},
        "lsi": {"bridge_hold": 97.0},
        "answers": {},
        "tight": False,
    }


def _return_day(k: int, sides: tuple[str, ...] = ("left", "right")) -> list[dict[str, Any]]:
    out = [_session(f"p{k}", k, "primer", "both", 8)]
    out += [_session(f"s{k}{side}", k, "single_leg", side, 9) for side in sides]
    return out


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Balanced on day -30 (the programme starts in Return); every session it asked for on
    the 30 days before today; today the primer only."""
    path = tmp_path / "h.json"
    sessions = [s for k in range(1, 31) for s in _return_day(k)]
    sessions.append(_session("p0", 0, "primer", "both"))
    HistoryStore.open(path).merge(sessions, [_balanced(30)])
    return path


def _stats(db: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    assert main(["stats", "--db", str(db), "--today", TODAY.isoformat(), *extra]) == 0
    return capsys.readouterr().out


def test_return_stage_with_everything_done_is_100_percent(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = json.loads(_stats(db, capsys, "--json"))
    assert out["adherence"]["7d"] == 100 and out["adherence"]["28d"] == 100
    assert out["adherence"]["on_track"] is True
    assert (out["adherence"]["done_28d"], out["adherence"]["due_28d"]) == (84, 84)
    assert out["today"] == {"hold": 0, "hold_target": 0, "circuit": 0, "circuit_target": 0}
    assert out["programme"]["stage"]["id"] == "return"
    assert [(d["routine"], d["side"], d["done"]) for d in out["programme"]["due"]] == [
        ("primer", "both", 1),
        ("single_leg", "left", 0),
        ("single_leg", "right", 0),
    ]


def test_return_stage_text_names_the_due_routines_and_no_hold(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _stats(db, capsys)
    lines = text.splitlines()
    assert lines[0].startswith("Today Fri 20 Nov: Return, week ")
    assert lines[1] == "  Warm-up primer       both 1 of 1 done"
    assert lines[2] == "  Single-leg strength  left 0 of 1, right 0 of 1"
    assert "Adherence: 7 days 100%, 28 days 100% (on track)" in text
    assert "hold 0 of 2" not in text and "to go" not in text


def test_half_done_is_50_percent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "h.json"
    sessions = [s for k in range(2, 31, 2) for s in _return_day(k)]  # every other day
    HistoryStore.open(path).merge(sessions, [_balanced(30)])
    out = json.loads(_stats(path, capsys, "--json"))
    assert out["adherence"]["28d"] == 50 and out["adherence"]["on_track"] is False
    text = _stats(path, capsys)
    assert "28 days 50%" in text and "(on track)" not in text


def test_the_same_figures_without_the_cache(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_cache = json.loads(_stats(db, capsys, "--json"))
    cache_path(db).unlink()
    without = json.loads(_stats(db, capsys, "--json"))
    assert without == with_cache
    assert cache_path(db).exists()  # the whole-file path wrote it again


def test_paused_days_count_for_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "h.json"
    sessions = [s for k in range(8, 31) for s in _return_day(k)]  # nothing in the last 7
    store = HistoryStore.open(path)
    store.merge(sessions, [_balanced(30)])
    start, end = TODAY - timedelta(days=7), TODAY - timedelta(days=1)
    store.set_pauses([{"start": start.isoformat(), "end": end.isoformat()}])
    out = json.loads(_stats(path, capsys, "--json"))
    assert out["adherence"]["7d"] is None and out["adherence"]["28d"] == 100
    assert out["adherence"]["due_28d"] == 21 * 3
