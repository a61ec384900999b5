"""The store hands out frozen values (core/model.py), converted once per load (issue 11)."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from pathlib import Path

import pytest

from glute_tui.core.model import Assessment, Session, SessionRow
from glute_tui.core.plan import plan_for_verdict
from glute_tui.store.history import HistoryStore
from tests.store.test_history import T0, session

ASSESSMENT = {
    "id": "a-1",
    "taken_at": "2026-03-04T08:00:00+01:00",
    "verdict": "left",
    "weaker": "left",
    "tests": {},
    "answers": {},
}


def _filled(db_path: Path) -> HistoryStore:
    store = HistoryStore.open(db_path)
    store.add_session(session("a"))
    store.add_session(session("b", T0 + timedelta(days=1), routine="circuit"))
    store.add_assessment(ASSESSMENT, plan_for_verdict("left"))
    return store


def test_rows_and_assessments_are_frozen_values_that_read_as_their_records(
    db_path: Path,
) -> None:
    store = _filled(db_path)
    rows = HistoryStore.open(db_path).rows()
    assert all(isinstance(r, SessionRow) for r in rows)
    a, b = rows
    assert (a.id, a.routine, a.session.status, a.phase_count) == ("a", "hold", "completed", 2)
    assert a.day.isoformat() == "2026-03-05" and b.routine == "circuit"
    assert a.session.phases == ()  # a row has no phases; session(id) reads them
    # the rule functions that still take records read exactly what the file holds
    file_rows = sorted(json.loads(db_path.read_text())["sessions"].values(), key=lambda r: r["id"])
    assert [dict(r) for r in rows] == file_rows == store.row_dicts()
    assert a["day"] == "2026-03-05" and a.get("missing", 7) == 7 and "volume" in a
    (assessment,) = store.assessments()
    assert isinstance(assessment, Assessment)
    assert assessment.verdict == "left" and assessment["weaker"] == "left"
    assert store.assessment_dicts() == [ASSESSMENT]
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.phase_count = 3  # type: ignore[misc]
    with pytest.raises(TypeError):  # the record behind it is read-only too
        a.record["status"] = "stopped"  # type: ignore[index]
    assert store.rows()[0]["status"] == "completed"


def test_values_are_built_once_per_load_not_per_read(db_path: Path) -> None:
    store = _filled(db_path)
    first = store.rows()
    assert all(x is y for x, y in zip(first, store.rows(), strict=True))
    assert store.assessments()[0] is store.assessments()[0]
    # a write converts what it changed; the untouched rows keep their values
    store.update_session("b", note="felt it")
    again = store.rows()
    assert again[0] is first[0]
    assert again[1] is not first[1] and again[1].session.note == "felt it"


def test_sessions_are_typed_and_session_dicts_stay_json(db_path: Path) -> None:
    store = _filled(db_path)
    typed = list(store.sessions())
    assert all(isinstance(s, Session) for s in typed)
    assert [len(s.phases) for s in typed] == [2, 2]
    assert [Session.from_dict(d) for d in store.session_dicts()] == typed
    json.dumps(list(store.session_dicts()))  # export writes these as they are


def test_add_session_returns_the_typed_row(db_path: Path) -> None:
    row = HistoryStore.open(db_path).add_session(Session.from_dict(session("a", phases=3)))
    assert isinstance(row, SessionRow) and row.phase_count == 3 and row["phase_count"] == 3


def test_a_row_glute_tui_cannot_type_is_damage_and_the_file_is_kept_aside(
    db_path: Path,
) -> None:
    _filled(db_path)
    data = json.loads(db_path.read_text())
    doc = next(iter(data["sessions"].values()))
    doc["pain_before"] = "a lot"  # a hand edit: passes the quick shape check, not the types
    db_path.write_text(json.dumps(data))
    store = HistoryStore.open(db_path)
    assert store.moved_aside is not None and store.moved_aside.exists()
    assert "a lot" in store.moved_aside.read_text()  # every byte kept
    assert store.rows() == [] and store.assessments() == []
