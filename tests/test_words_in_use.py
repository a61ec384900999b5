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


def test_a_one_week_report_says_week_not_weeks(tmp_path: Path, capsys) -> None:
    """`report --weeks 1` printed "the last 1 weeks" and the page said "(1 weeks)",
    "sessions in 1 weeks" and "holds in 1 weeks"."""
    import html
    import re

    db, out = tmp_path / "demo.json", tmp_path / "one.html"
    assert main(["demo-history", "--years", "1", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["report", "--db", str(db), "--weeks", "1", "--out", str(out)]) == 0
    assert "report of the last 1 week saved to" in capsys.readouterr().err
    text = html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8")))
    assert not re.search(r"\b1 weeks\b", text), re.findall(r".{30}\b1 weeks\b.{10}", text)
    assert "(1 week)" in text
    assert "holds in 1 week " in text
    sessions = re.search(r"(\d+) sessions? in 1 week\b", text)
    assert sessions is not None, text[:2000]


async def test_the_report_dialog_says_one_week(make_app, db_path: Path, tmp_path: Path) -> None:
    from textual.widgets import Input

    from glute_tui.ui.dialogs.report import ReportDialog
    from glute_tui.ui.screenshots import seed_demo
    from tests.conftest import settle

    seed_demo(db_path, years=0.3, seed=7)
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReportDialog)
        dialog.query_one("#report-weeks", Input).value = "1"
        dialog.query_one("#report-path", Input).value = str(tmp_path / "r.html")
        await pilot.press("enter")
        await settle(pilot)
        status = str(dialog.query_one("#report-status").render())
        assert "Saved the report of the last 1 week to" in status, status
