"""`glute-tui stats`: text and JSON, fast path without textual or tinydb, slow path rebuilds."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from glute_tui.cli import main
from glute_tui.store.digest import digest_path
from glute_tui.store.history import HistoryStore
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date().isoformat()


def _session(sid: str, days_ago: int, routine: str = "hold", hour: int = 8) -> dict:
    start = FIXED_NOW.replace(hour=hour, minute=0) - timedelta(days=days_ago)
    return {
        "id": sid,
        "routine": routine,
        "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=5)).isoformat(),
        "status": "completed",
        "stop_reason": "planned_end",
        "pain_before": 1,
        "pain_after": 1,
        "effort": 3,
        "phases": [],
    }


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "h.json"
    store = HistoryStore.open(path)
    sessions = []
    for k in range(1, 4):  # three full days before today
        sessions += [_session(f"h{k}a", k), _session(f"h{k}b", k, hour=13)]
        sessions.append(_session(f"c{k}", k, "circuit", 18))
    sessions.append(_session("today", 0))
    store.merge(sessions, [])
    return path


def test_stats_json_shape(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--json", "--db", str(db), "--today", TODAY]) == 0
    out = json.loads(capsys.readouterr().out)
    routines = out.pop("routines")
    from glute_tui.core.routines.registry import IDS

    assert list(routines) == list(IDS)  # the registry, in order
    assert routines["hold"]["today"] == 1 and routines["circuit"]["days_7d"] == 3
    assert routines["contract_relax"] == {
        "title": "Contract & relax",
        "today": 0,
        "days_7d": 0,
        "days_28d": 0,
        "streak": {"current": 0, "longest": 0},
    }
    programme = out.pop("programme")  # the programme's day, as `glute-tui today --json`
    assert programme["stage"]["id"] == "activate"
    assert [(d["routine"], d["side"], d["target"], d["done"]) for d in programme["due"]] == [
        ("hold", "both", 2, 1),
        ("circuit", "both", 1, 0),
    ]
    assert out == {
        "today": {"hold": 1, "hold_target": 2, "circuit": 0, "circuit_target": 1},
        "streaks": {"hold": {"current": 3, "longest": 3}, "circuit": {"current": 3, "longest": 3}},
        "strength": {"hold": out["strength"]["hold"], "circuit": out["strength"]["circuit"]},
        "adherence": {
            "7d": 100,
            "28d": 100,
            "on_track": True,
            "done_7d": 9,
            "due_7d": 9,
            "done_28d": 9,
            "due_28d": 9,
        },
    }
    assert 0 < out["strength"]["hold"] <= 100
    assert 0 < out["strength"]["circuit"] <= 100


def test_stats_text(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(db), "--today", TODAY]) == 0
    text = capsys.readouterr().out
    assert text.startswith(
        "Today Fri 20 Nov: Activate, week 1\n  Hold timer  both 1 of 2\n  Circuit     both 0 of 1\n"
    )
    assert "Streaks: hold 3 days (longest 3), circuit 3 days (longest 3)" in text
    assert "Adherence: 7 days 100%, 28 days 100% (on track)" in text


def test_stats_counts_every_routine_of_the_registry(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = HistoryStore.open(db)
    store.merge(
        [_session("r1", 1, "contract_relax", 10), _session("r0", 0, "contract_relax", 10)], []
    )
    assert main(["stats", "--json", "--db", str(db), "--today", TODAY]) == 0
    relax = json.loads(capsys.readouterr().out)["routines"]["contract_relax"]
    assert relax["today"] == 1 and relax["days_28d"] == 2
    assert relax["streak"] == {"current": 2, "longest": 2}
    assert main(["stats", "--db", str(db), "--today", TODAY]) == 0
    text = capsys.readouterr().out
    assert "Contract & relax: 1 today, 2 days of the last 28, streak 2 days" in text


def test_stats_has_no_line_for_a_routine_not_done_lately(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--db", str(db), "--today", TODAY]) == 0
    assert "Contract & relax" not in capsys.readouterr().out


def test_stats_rebuilds_a_missing_digest_and_handles_no_file(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    digest_path(db).unlink()
    assert main(["stats", "--json", "--db", str(db), "--today", TODAY]) == 0
    assert json.loads(capsys.readouterr().out)["streaks"]["hold"]["current"] == 3
    assert digest_path(db).exists()
    nothing = tmp_path / "none" / "h.json"
    assert main(["stats", "--json", "--db", str(nothing)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["adherence"]["7d"] is None and out["adherence"]["28d"] is None
    assert out["adherence"]["due_28d"] == 0
    assert not nothing.exists()  # stats never creates a data file


def test_bad_today_is_one_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(db), "--today", "yesterday"]) == 2
    assert "is not a YYYY-MM-DD date" in capsys.readouterr().err


def test_stats_fast_path_loads_neither_textual_nor_tinydb(db: Path) -> None:
    code = (
        "import sys; from glute_tui.cli import main; main(['stats', '--db', sys.argv[1]]); "
        "print(sorted(m for m in ('textual', 'tinydb', 'filelock') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_stats_fast_path_does_not_load_the_stage_history(db: Path) -> None:
    """`stats` folds the programme from its cache (a few days), as `today` does; the
    report's stage history walks every day and is not loaded."""
    main(["stats", "--db", str(db)])  # the first run writes the digest
    heavy = ("glute_tui.core.stage_history", "glute_tui.store.history")
    code = (
        "import sys; from glute_tui.cli import main; main(['stats', '--db', sys.argv[1]]); "
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_stats_on_a_corrupt_file_says_it_was_moved_aside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "h.json"
    db.write_text("{broken")
    assert main(["stats", "--json", "--db", str(db)]) == 0
    captured = capsys.readouterr()
    assert "moved aside" in captured.err
    assert json.loads(captured.out)["streaks"]["hold"] == {"current": 0, "longest": 0}
    assert list(tmp_path.glob("h.corrupt-*.json"))
