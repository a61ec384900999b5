"""Counts read right where they are shown (issue 16: "1 assessments", "1 new assessments")."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

from glute_tui.cli import main


def test_import_of_one_session_and_one_assessment_says_so(tmp_path: Path, capsys) -> None:
    full, one = tmp_path / "full.json", tmp_path / "one.json"
    assert main(["demo-history", "--years", "1", "--db", str(tmp_path / "demo.json")]) == 0
    assert main(["export", "--db", str(tmp_path / "demo.json"), "--out", str(full)]) == 0
    data = json.loads(full.read_text(encoding="utf-8"))
    data["sessions"] = data["sessions"][:1]
    data["assessments"] = data["assessments"][:1]
    one.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(one), "--db", str(tmp_path / "fresh.json")]) == 0
    out = capsys.readouterr()
    assert "imported 1 new session and 1 new assessment into" in out.out
    assert main(["export", "--db", str(tmp_path / "fresh.json"), "--out", str(full)]) == 0
    assert "exported 1 session to" in capsys.readouterr().err


def test_the_lsi_trend_counts_one_assessment() -> None:
    from glute_tui.core.report import LsiRow
    from glute_tui.ui.screens.history_view import draw_lsi

    one = [LsiRow("2026-11-30", "left", {"Side plank": 88.0}, 88.0)]
    text = draw_lsi(SimpleNamespace(lsi_rows=one, lsi_tests=["Side plank"]))  # type: ignore[arg-type]
    assert "last 1 assessment (month-day)" in text
    two = [LsiRow("2026-11-23", "left", {"Side plank": 80.0}, 80.0), *one]
    text = draw_lsi(SimpleNamespace(lsi_rows=two, lsi_tests=["Side plank"]))  # type: ignore[arg-type]
    assert "last 2 assessments (month-day)" in text
