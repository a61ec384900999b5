"""CSV export: one row per phase carrying every field of the JSON export (issue 15)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from glute_tui.store.export import build_export, render, stream_export, to_csv
from glute_tui.store.history import HistoryStore

SESSION = {
    "id": "s-1",
    "routine": "hold",
    "started_at": "2026-11-19T08:00:00+01:00",
    "ended_at": "2026-11-19T08:06:00+01:00",
    "status": "stopped",
    "stop_reason": "glutes_stopped",
    "pain_before": 2,
    "pain_during": 4,
    "pain_after": 3,
    "effort": 5,
    "pain_next_morning": 1,
    "pain_override": False,
    "active_s": 61.5,
    "note": 'left side "woke up", then faded,\nstopped',
    "phases": [
        {
            "kind": "prepare",
            "exercise": "iso_standing",
            "side": "left",
            "set": 0,
            "planned_s": 5.0,
            "start_s": 0.0,
            "end_s": 5.0,
            "paused_s": 0.0,
            "reps": None,
            "ended_by": "planned",
        },
        {
            "kind": "hold",
            "exercise": "iso_standing",
            "side": "left",
            "set": 1,
            "planned_s": 3.0,
            "start_s": 5.0,
            "end_s": 9.5,
            "paused_s": 1.5,
            "reps": None,
            "ended_by": "glutes_stopped",
        },
    ],
}


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_json_field_is_a_csv_column(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.json")
    store.add_session(SESSION)
    data = build_export(store)
    (session,) = data["sessions"]
    rows = _rows(to_csv(data))
    assert len(rows) == 2
    header = set(rows[0])
    for key in session:
        if key not in ("id", "phases"):
            assert key in header, key
    for key in session["phases"][1]:
        assert key in header, key
    hold = rows[1]
    assert hold["note"] == SESSION["note"]  # commas, quotes and the newline survive
    assert hold["pain_next_morning"] == "1" and hold["pain_during"] == "4"
    assert hold["stop_reason"] == "glutes_stopped"
    assert hold["ended_by"] == "glutes_stopped" and hold["paused_s"] == "1.5"
    assert [r["phase_index"] for r in rows] == ["0", "1"]


def test_first_columns_keep_their_order_and_streaming_matches(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.json")
    store.add_session(SESSION)
    store.add_session({**SESSION, "id": "s-2", "phases": []})
    text = render(build_export(store), "csv")
    first = text.splitlines()[0].split(",")
    assert first[:17] == [
        "session_id", "routine", "started_at", "ended_at", "status", "stop_reason",
        "pain_before", "pain_after", "effort",
        "kind", "exercise", "side", "set", "planned_s", "start_s", "end_s", "reps",
    ]  # fmt: skip
    assert "".join(stream_export(store, "csv")) == text
    assert _rows(text)[-1]["session_id"] == "s-2"  # a session without phases keeps a row


def test_a_user_paced_sets_fields_are_csv_columns_too(tmp_path: Path) -> None:
    """A single-leg set's rep target, `paced` and its load: in the CSV as in the JSON."""
    store = HistoryStore.open(tmp_path / "h.json")
    work = {
        "kind": "work",
        "exercise": "split_squat",
        "side": "left",
        "set": 1,
        "planned_s": 0.0,
        "start_s": 5.0,
        "end_s": 50.0,
        "reps": 9,
        "ended_by": "done",
        "paced": True,
        "rep_target": 10,
        "load_kg": 12.5,
    }
    store.add_session({**SESSION, "id": "s-3", "routine": "single_leg", "phases": [work]})
    data = build_export(store)
    (phase,) = data["sessions"][0]["phases"]
    (row,) = _rows(to_csv(data))
    for key in phase:
        assert key in row, key
    assert (row["rep_target"], row["paced"], row["load_kg"]) == (
        "10",
        "True",
        "12.5",
    )  # as pain_override
