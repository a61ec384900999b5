from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from glute_tui.core.demo import generate
from glute_tui.store import shipped
from glute_tui.store.export import build_export, import_file, render, to_csv, write_export
from glute_tui.store.history import HistoryStore, StoreError

NOW = datetime(2026, 11, 20, 18, 30, tzinfo=timezone(timedelta(hours=1)))


def demo_store(path: Path, years: float = 0.2) -> HistoryStore:
    demo = generate(shipped.library(), shipped.protocols(), years=years, seed=5, now=NOW)
    store = HistoryStore.open(path)
    store.merge(
        demo.sessions,
        demo.assessments,
        {
            "plan": demo.plan.to_dict(),
            "pauses": [{"start": "2026-10-01", "end": "2026-10-03"}],
            "settings": {"muted": True},
            "cues": {"iso_prone": ["Heavy hips.", "Lift with the glute."]},
        },
    )
    return store


def test_export_import_export_is_identical(tmp_path: Path) -> None:
    first = demo_store(tmp_path / "a" / "history.json")
    exported = tmp_path / "export.json"
    write_export(first, "json", exported)
    second = HistoryStore.open(tmp_path / "b" / "history.json")
    added = import_file(second, exported)
    assert added == (len(first.rows()), len(first.assessments()))
    assert render(build_export(second), "json") == exported.read_text()
    data = json.loads(exported.read_text())
    assert data["format"] == "glute-tui-export" and data["version"] == 1
    assert data["settings"] == {"muted": True}
    assert data["cues"]["iso_prone"] == ["Heavy hips.", "Lift with the glute."]
    assert data["pauses"] == [{"start": "2026-10-01", "end": "2026-10-03"}]


def test_import_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    first = demo_store(tmp_path / "a" / "history.json", years=0.05)
    exported = tmp_path / "e.json"
    write_export(first, "json", exported)
    target = HistoryStore.open(tmp_path / "b" / "history.json")
    import_file(target, exported)
    assert import_file(target, exported) == (0, 0)
    assert len(target.rows()) == len(first.rows())


def test_export_session_fields_follow_the_contract(tmp_path: Path) -> None:
    store = demo_store(tmp_path / "h.json", years=0.02)
    s = build_export(store)["sessions"][0]
    for key in (
        "id",
        "routine",
        "started_at",
        "ended_at",
        "status",
        "stop_reason",
        "pain_before",
        "pain_after",
        "effort",
        "phases",
    ):
        assert key in s
    assert datetime.fromisoformat(s["started_at"]).utcoffset() == timedelta(hours=1)
    p = s["phases"][0]
    for key in ("kind", "exercise", "side", "set", "planned_s", "start_s", "end_s", "reps"):
        assert key in p
    assert not {"day", "volume", "phase_count"} & set(s)


def test_csv_has_one_row_per_phase(tmp_path: Path) -> None:
    store = demo_store(tmp_path / "h.json", years=0.02)
    data = build_export(store)
    rows = list(csv.DictReader(io.StringIO(to_csv(data))))
    assert len(rows) == sum(len(s["phases"]) for s in data["sessions"])
    first = data["sessions"][0]
    assert rows[0]["session_id"] == first["id"]
    assert rows[0]["kind"] == first["phases"][0]["kind"]
    assert rows[0]["started_at"] == first["started_at"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not valid JSON"),
        ("[]", "not a glute-tui export"),
        ('{"format": "glute-tui-export", "version": 9}', "version 9"),
        (
            '{"format": "glute-tui-export", "version": 1, "sessions": {}}',
            "sessions: must be a list",
        ),
        (
            '{"format": "glute-tui-export", "version": 1, "sessions": [{"id": "x"}]}',
            r"sessions\[0\]\.routine",
        ),
        (
            '{"format": "glute-tui-export", "version": 1, "pauses": [{"start": "2026-02-02",'
            ' "end": "2026-01-01"}]}',
            r"pauses\[0\]: end is before start",
        ),
    ],
)
def test_bad_import_is_refused_and_nothing_written(
    tmp_path: Path, content: str, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    db = tmp_path / "h" / "history.json"
    store = HistoryStore.open(db)
    with pytest.raises(StoreError, match=message):
        import_file(store, bad)
    assert not db.exists()


def test_one_bad_session_among_good_ones_writes_nothing(tmp_path: Path) -> None:
    source = demo_store(tmp_path / "a" / "history.json", years=0.05)
    data = build_export(source)
    data["sessions"][-1]["phases"][0]["end_s"] = -1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    target = HistoryStore.open(tmp_path / "b" / "history.json")
    with pytest.raises(StoreError, match="end_s"):
        import_file(target, bad)
    assert target.is_empty() and not target.path.exists()


def test_export_carries_stop_reason_and_pain_during(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.json")
    store.add_session(
        {
            "id": "p",
            "routine": "hold",
            "started_at": "2026-11-20T08:00:00+01:00",
            "ended_at": "2026-11-20T08:01:00+01:00",
            "status": "stopped",
            "stop_reason": "pain",
            "pain_during": 7,
            "phases": [],
        }
    )
    data = build_export(store)
    (s,) = data["sessions"]
    assert (s["stop_reason"], s["pain_during"]) == ("pain", 7)
    (row,) = csv.DictReader(io.StringIO(to_csv(data)))
    assert (row["stop_reason"], row["pain_during"]) == ("pain", "7")
