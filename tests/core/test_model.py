"""The typed seam (core/model.py): frozen records that round-trip real exports exactly."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glute_tui.core.assessment import score, to_record
from glute_tui.core.demo import generate
from glute_tui.core.model import Assessment, Phase, Plan, Session, SessionRow, TestScore
from glute_tui.core.records import RecordError, session_row
from glute_tui.store import shipped
from glute_tui.store.export import build_export, to_json
from glute_tui.store.history import HistoryStore

NOW = datetime(2026, 11, 20, 18, 30, tzinfo=timezone(timedelta(hours=1)))
OPTIONAL_SESSION = ("pain_next_morning", "note", "pain_override", "active_s", "resumed_from")
OPTIONAL_PHASE = ("paused_s", "ended_by")


def without_null_optionals(session: dict[str, Any]) -> dict[str, Any]:
    """What to_dict promises: the same dict, less optional keys that held null."""
    out = {k: v for k, v in session.items() if not (k in OPTIONAL_SESSION and v is None)}
    out["phases"] = [
        {k: v for k, v in p.items() if not (k in OPTIONAL_PHASE and v is None)}
        for p in session["phases"]
    ]
    return out


@pytest.fixture(scope="module")
def real_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A full export as `glute-tui export` writes it: demo years through the store, an
    assessment scored by the real rules, and a session shaped as the live screen saves it."""
    path: Path = tmp_path_factory.mktemp("model") / "history.json"
    demo = generate(shipped.library(), shipped.protocols(), years=0.3, seed=11, now=NOW)
    store = HistoryStore.open(path)
    store.merge(demo.sessions, demo.assessments, {"plan": demo.plan.to_dict()})
    red = {"cancer": "no"}
    answers = {"dominant": "right", "tight_signs": ["tension"]}
    result = score(
        red,
        answers,
        {"bridge_hold": {"left": 34, "right": 18}, "side_plank": {"left": 60, "right": 40}},
    )
    store.add_assessment(
        to_record(
            result,
            assessment_id="a-real",
            taken_at="2026-11-20T18:30:00+01:00",
            red_flags=red,
            answers=answers,
        ),
        None,
    )
    store.add_session(
        {
            "id": "live-1",
            "routine": "hold",
            "started_at": "2026-11-20T08:00:00+01:00",
            "ended_at": "2026-11-20T08:01:10+01:00",
            "status": "stopped",
            "stop_reason": "glutes_stopped",
            "pain_before": 2,
            "pain_override": False,
            "resumed_from": "cut-0",
            "pain_after": 2,
            "effort": 6,
            "note": "left hip felt it",
            "active_s": 69.5,
            "phases": [
                {
                    "kind": "hold",
                    "exercise": "iso_standing",
                    "side": "left",
                    "set": 1,
                    "planned_s": 10.0,
                    "start_s": 5.0,
                    "end_s": 12.5,
                    "paused_s": 0.0,
                    "reps": None,
                    "ended_by": "glutes_stopped",
                }
            ],
        }
    )
    data: dict[str, Any] = json.loads(to_json(build_export(store)))
    assert len(data["sessions"]) > 50 and len(data["assessments"]) >= 2
    return data


def test_every_session_of_a_real_export_round_trips(real_export: dict[str, Any]) -> None:
    for raw in real_export["sessions"]:
        session = Session.from_dict(raw)
        assert session.to_dict() == without_null_optionals(raw)
        assert Session.from_dict(session.to_dict()) == session


def test_every_row_of_a_real_history_round_trips(real_export: dict[str, Any]) -> None:
    for raw in real_export["sessions"]:
        row = session_row(raw)
        typed = SessionRow.from_dict(row)
        expected = {k: v for k, v in row.items() if not (k in OPTIONAL_SESSION and v is None)}
        assert typed.to_dict() == expected
        assert SessionRow.of(Session.from_dict(raw)) == typed
        assert typed.session.phases == () and typed.phase_count == len(raw["phases"])


def test_every_assessment_and_the_plan_of_a_real_export_round_trip(
    real_export: dict[str, Any],
) -> None:
    for raw in real_export["assessments"]:
        assessment = Assessment.from_dict(raw)
        assert assessment.to_dict() == raw
        assert Assessment.from_dict(assessment.to_dict()) == assessment
    plan = Plan.from_dict(real_export["plan"])
    assert plan.to_dict() == real_export["plan"]


def test_the_typed_values_say_what_the_dict_said(real_export: dict[str, Any]) -> None:
    live = Session.from_dict(next(s for s in real_export["sessions"] if s["id"] == "live-1"))
    assert live.note == "left hip felt it" and live.resumed_from == "cut-0"
    assert live.pain_override is False and live.extra == {}
    assert live.day.isoformat() == "2026-11-20"
    [hold] = live.phases
    assert (hold.side, hold.ended_by, hold.active_s) == ("left", "glutes_stopped", 7.5)
    scored = Assessment.from_dict(
        next(a for a in real_export["assessments"] if a["id"] == "a-real")
    )
    assert scored.tests["bridge_hold"] == TestScore(34.0, 18.0, 52.9, fails=("right",))
    assert scored.weaker == "right" and not scored.is_red_flag


def test_records_are_frozen(real_export: dict[str, Any]) -> None:
    session = Session.from_dict(real_export["sessions"][0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        session.status = "completed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        session.phases[0].reps = 3  # type: ignore[misc]


def test_a_bad_record_names_its_field_as_the_import_does() -> None:
    raw = {
        "id": "x",
        "routine": "hold",
        "started_at": "2026-11-20T08:00:00+01:00",
        "ended_at": "2026-11-20T08:01:00+01:00",
        "status": "completed",
        "phases": [{"kind": "hold", "exercise": "e", "side": "middle", "set": 1}],
    }
    with pytest.raises(RecordError, match=r"session\.phases\[0\]\.planned_s: is missing"):
        Session.from_dict(raw)
    raw["phases"] = []
    raw["note"] = 5
    with pytest.raises(RecordError, match=r"session\.note"):
        Session.from_dict(raw)
    del raw["note"]
    row = session_row(raw)
    with pytest.raises(RecordError, match=r"row\.day: is not the day of started_at"):
        SessionRow.from_dict({**row, "day": "2026-11-21"})
    with pytest.raises(RecordError, match=r"assessment\.tests\.bridge\.left"):
        Assessment.from_dict(
            {
                "id": "a",
                "taken_at": "2026-11-20T08:00:00+01:00",
                "verdict": "left",
                "tests": {"bridge": {"left": "lots", "right": 3, "lsi": None}},
                "answers": {},
            }
        )


# ---- property tests: any valid record round-trips, unknown keys included ---------------------
JSON_SCALARS = st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=5)
EXTRA = st.dictionaries(st.sampled_from(["x_new", "zz", "from_v2"]), JSON_SCALARS, max_size=2)
SECONDS = st.floats(0, 3600, allow_nan=False).map(lambda v: round(v, 3))
PAIN = st.none() | st.integers(0, 10)


@st.composite
def phases(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(SECONDS)
    out: dict[str, Any] = {
        **draw(EXTRA),
        "kind": draw(st.sampled_from(["prepare", "hold", "rest", "work", "switch"])),
        "exercise": draw(st.none() | st.sampled_from(["iso_prone", "clamshell"])),
        "side": draw(st.sampled_from(["left", "right", "both", None])),
        "set": draw(st.integers(0, 20)),
        "planned_s": draw(SECONDS),
        "start_s": start,
        "end_s": round(start + draw(SECONDS), 3),
        "reps": draw(st.none() | st.integers(0, 50)),
    }
    if draw(st.booleans()):
        out["paused_s"] = draw(SECONDS)
    if draw(st.booleans()):
        out["ended_by"] = draw(st.sampled_from(["planned", "skipped", "stopped", "new_way"]))
    return out


@st.composite
def sessions(draw: st.DrawFn) -> dict[str, Any]:
    start = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=draw(st.integers(-12, 14)))))
    start += timedelta(minutes=draw(st.integers(0, 500_000)))
    out: dict[str, Any] = {
        **draw(EXTRA),
        "id": draw(st.uuids()).hex,
        "routine": draw(st.sampled_from(["hold", "circuit"])),
        "started_at": start.isoformat(timespec="seconds"),
        "ended_at": (start + timedelta(seconds=draw(st.integers(0, 3600)))).isoformat(
            timespec="seconds"
        ),
        "status": draw(st.sampled_from(["completed", "stopped", "interrupted"])),
        "stop_reason": draw(st.sampled_from([None, "planned_end", "pain", "quit"])),
        "pain_before": draw(PAIN),
        "pain_after": draw(PAIN),
        "effort": draw(PAIN),
        "phases": draw(st.lists(phases(), max_size=4)),
    }
    optional = {
        "pain_next_morning": PAIN,
        "note": st.none() | st.text(max_size=20),
        "pain_override": st.booleans(),
        "active_s": SECONDS,
        "resumed_from": st.text(min_size=1, max_size=8),
    }
    for key, values in optional.items():
        if draw(st.booleans()):
            out[key] = draw(values)
    return out


@st.composite
def assessments(draw: st.DrawFn) -> dict[str, Any]:
    score_value = st.none() | st.booleans() | st.integers(0, 120) | SECONDS
    tests = draw(
        st.dictionaries(
            st.sampled_from(["bridge_hold", "side_plank", "step_down"]),
            st.fixed_dictionaries(
                {"left": score_value, "right": score_value, "lsi": st.none() | SECONDS},
                optional={"fails": st.lists(st.sampled_from(["left", "right"]), max_size=2)},
            ),
            max_size=3,
        )
    )
    out: dict[str, Any] = {
        **draw(EXTRA),
        "id": draw(st.uuids()).hex,
        "taken_at": "2026-11-20T18:30:00+01:00",
        "verdict": draw(st.sampled_from(["left", "right", "both", "balanced", "red_flag"])),
        "weaker": draw(st.sampled_from(["left", "right", None])),
        "tests": tests,
        "answers": draw(st.dictionaries(st.sampled_from(["dominant", "tight"]), JSON_SCALARS)),
    }
    if draw(st.booleans()):
        out["why"] = draw(st.lists(st.text(max_size=10), max_size=3))
        out["tight"] = draw(st.booleans())
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_any_valid_session_round_trips(raw: dict[str, Any]) -> None:
    session = Session.from_dict(raw)
    assert session.to_dict() == without_null_optionals(raw)
    assert Session.from_dict(session.to_dict()) == session
    assert json.loads(json.dumps(session.to_dict())) == session.to_dict()


@settings(max_examples=60, deadline=None)
@given(phases())
def test_any_valid_phase_round_trips(raw: dict[str, Any]) -> None:
    phase = Phase.from_dict(raw)
    assert Phase.from_dict(phase.to_dict()) == phase
    assert phase.to_dict() == raw


@settings(max_examples=60, deadline=None)
@given(assessments())
def test_any_valid_assessment_round_trips(raw: dict[str, Any]) -> None:
    assessment = Assessment.from_dict(raw)
    assert assessment.to_dict() == raw
    assert Assessment.from_dict(assessment.to_dict()) == assessment


def test_the_routine_ids_are_looked_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # every row of a ten-year history asks for them; the catalogue is imported once
    import sys
    from types import SimpleNamespace

    from glute_tui.core import records

    first = records.routine_ids()
    monkeypatch.setitem(
        sys.modules, "glute_tui.core.routines.catalogue", SimpleNamespace(IDS=("other",))
    )
    assert records.routine_ids() is first
