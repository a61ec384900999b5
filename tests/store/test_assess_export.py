"""A saved assessment travels through export and import unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from glute_tui.cli import main
from glute_tui.core.assessment import score, to_record
from glute_tui.core.plan import plan_for_verdict
from glute_tui.store.export import build_export, import_file, parse_export
from glute_tui.store.history import HistoryStore


def _saved(db: Path) -> dict:
    red = {"cancer": "no"}
    answers = {"dominant": "right", "tight_signs": ["tension"]}
    result = score(
        red,
        answers,
        {"bridge_hold": {"left": 34, "right": 18}, "side_plank": {"left": 60, "right": 40}},
    )
    record = to_record(
        result,
        assessment_id="a-1",
        taken_at="2026-11-20T18:30:00+01:00",
        red_flags=red,
        answers=answers,
    )
    plan = plan_for_verdict(result.verdict, result.weaker, assessment_id="a-1", tight=True)
    HistoryStore.open(db).add_assessment(record, plan)
    return record


def test_export_carries_the_assessment_and_its_plan(tmp_path: Path) -> None:
    db = tmp_path / "h.json"
    record = _saved(db)
    data = build_export(HistoryStore.open(db))
    [exported] = data["assessments"]
    assert exported == record
    assert exported["tests"]["bridge_hold"] == {
        "left": 34.0,
        "right": 18.0,
        "lsi": 52.9,
        "fails": ["right"],
    }
    assert exported["lsi"] == {"bridge_hold": 52.9, "side_plank": 66.7}
    assert exported["why"][0].startswith("The right side fell short on 2 tests")
    assert data["plan"]["hold_sides"] == ["right"]
    assert data["plan"]["assessment_id"] == "a-1"
    parse_export(json.loads(json.dumps(data)))  # valid by the import rules


def test_cli_export_then_import_round_trips_the_assessment(tmp_path: Path, capsys) -> None:
    db = tmp_path / "h.json"
    record = _saved(db)
    out = tmp_path / "export.json"
    assert main(["export", "--db", str(db), "--out", str(out)]) == 0
    assert json.loads(out.read_text())["assessments"] == [record]
    other = tmp_path / "other.json"
    import_file(HistoryStore.open(other), out)
    assert HistoryStore.open(other).assessment_dicts() == [record]
    assert HistoryStore.open(other).plan().hold_sides == ("right",)


def test_a_red_flag_is_saved_without_touching_the_plan(tmp_path: Path) -> None:
    db = tmp_path / "h.json"
    _saved(db)
    result = score({"night_pain": "yes"}, {}, {})
    record = to_record(
        result,
        assessment_id="a-2",
        taken_at="2026-11-21T09:00:00+01:00",
        red_flags={"night_pain": "yes"},
        answers={},
    )
    HistoryStore.open(db).add_assessment(record, plan_for_verdict(result.verdict, None))
    store = HistoryStore.open(db)
    assert [a["verdict"] for a in store.assessments()] == ["right", "red_flag"]
    assert store.plan().assessment_id == "a-1"
