"""Opening a history checks every record once, and still catches every hand edit (issue 11:
start-up must not get slower; the typed seam had made a ten-year open about twice as slow).

Deterministic: these count calls, they do not time anything."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from glute_tui.core import model, records
from glute_tui.core.plan import plan_for_verdict
from glute_tui.store import history_files
from glute_tui.store.history import HistoryStore
from tests.store.test_history import T0, session
from tests.store.test_typed_seam import ASSESSMENT


def _filled(db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.add_session(session("a"))
    store.add_session(session("b", T0 + timedelta(days=1), routine="circuit"))
    store.add_assessment(ASSESSMENT, plan_for_verdict("left"))


def _counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[Any]:
    calls: list[Any] = []
    real: Callable[..., Any] = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0] if args else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_open_checks_each_row_once_and_builds_the_views_once(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(db_path)
    checks = _counting(monkeypatch, model, "check_session_fields")
    built = _counting(monkeypatch, history_files, "views")
    store = HistoryStore.open(db_path)
    assert [r.id for r in store.rows()] == ["a", "b"]
    assert sorted(r["id"] for r in checks) == ["a", "b"]  # each row checked once
    assert len(built) == 1  # not a check before the load and a second load after it


def test_open_of_a_current_file_copies_nothing_to_migrate(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(db_path)
    migrations = _counting(monkeypatch, history_files, "migrate")
    assert len(HistoryStore.open(db_path).rows()) == 2
    assert migrations == []


def test_a_session_checks_each_phase_once(monkeypatch: pytest.MonkeyPatch) -> None:
    phase_checks = _counting(monkeypatch, model, "validate_phase")
    phase_checks_in_records = _counting(monkeypatch, records, "validate_phase")
    value = model.Session.from_dict(session("a", phases=3))
    assert len(value.phases) == 3
    assert len(phase_checks) + len(phase_checks_in_records) == 3  # not 3 and 3 again


ROW_EDITS: list[tuple[str, str, Any]] = [
    ("sessions", "id", 5),
    ("sessions", "id", ["a"]),
    ("sessions", "id", ""),
    ("sessions", "started_at", 5),
    ("sessions", "started_at", "yesterday"),
    ("sessions", "day", 5),
    ("sessions", "day", "2001-01-01"),
    ("sessions", "routine", "juggling"),
    ("sessions", "status", 5),
    ("sessions", "status", "abandoned"),
    ("sessions", "phase_count", -1),
    ("sessions", "volume", [1]),
    ("sessions", "pain_before", "a lot"),
    ("assessments", "id", 5),
    ("assessments", "taken_at", 5),
    ("assessments", "verdict", "both weak"),
]


@pytest.mark.parametrize(("table", "key", "value"), ROW_EDITS)
def test_a_hand_edited_record_is_still_caught_at_open(
    db_path: Path, table: str, key: str, value: Any
) -> None:
    _filled(db_path)
    data = json.loads(db_path.read_text())
    next(iter(data[table].values()))[key] = value
    original = json.dumps(data).encode()
    db_path.write_bytes(original)
    store = HistoryStore.open(db_path)
    assert store.moved_aside is not None
    assert store.moved_aside.read_bytes() == original  # every byte kept
    assert store.rows() == [] and store.assessments() == []


def test_an_old_file_whose_damage_only_the_types_see_keeps_its_original_bytes(
    db_path: Path,
) -> None:
    # schema 0 (no meta table): the store migrates it, but only after checking it whole,
    # so what is kept aside is what the user had, not the migrated file
    _filled(db_path)
    data = json.loads(db_path.read_text())
    del data["meta"]
    next(iter(data["sessions"].values()))["pain_before"] = "a lot"
    original = json.dumps(data).encode()
    db_path.write_bytes(original)
    store = HistoryStore.open(db_path)
    assert store.moved_aside is not None
    assert store.moved_aside.read_bytes() == original


def test_a_good_old_file_is_still_migrated(db_path: Path) -> None:
    _filled(db_path)
    data = json.loads(db_path.read_text())
    del data["meta"]
    db_path.write_text(json.dumps(data))
    store = HistoryStore.open(db_path)
    assert store.moved_aside is None and [r.id for r in store.rows()] == ["a", "b"]
    assert json.loads(db_path.read_text())["meta"] == {"1": {"schema": 1}}
