"""History dialogs: the export choice shows its state without colour and agrees with the
typed name both ways (issue 16); the physio report is saved from the history screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, RadioButton

from glute_tui.ui.dialogs.export import ExportDialog
from glute_tui.ui.dialogs.report import ReportDialog
from glute_tui.ui.screenshots import seed_demo
from tests.conftest import settle


def _plain(widget) -> str:  # type: ignore[no-untyped-def]
    render = widget.render()
    return str(getattr(render, "plain", render))


async def _open_export(app, pilot) -> ExportDialog:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("x")
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


async def test_export_choice_differs_by_glyph_not_only_colour(make_app, db_path) -> None:
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open_export(app, pilot)
        json_btn = dialog.query_one("#fmt-json", RadioButton)
        csv_btn = dialog.query_one("#fmt-csv", RadioButton)
        on, off = _plain(json_btn), _plain(csv_btn)
        assert "●" in on and "●" not in off
        csv_btn.value = True
        await pilot.pause()
        assert "●" in _plain(csv_btn) and "●" not in _plain(json_btn)


async def test_typed_csv_name_moves_the_choice_to_csv(make_app, db_path, tmp_path: Path) -> None:
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open_export(app, pilot)
        box = dialog.query_one("#export-path", Input)
        box.value = str(tmp_path / "mine.csv")
        await pilot.pause()
        assert dialog.query_one("#fmt-csv", RadioButton).value
        assert not dialog.query_one("#fmt-json", RadioButton).value
        box.value = str(tmp_path / "mine.json")
        await pilot.pause()
        assert dialog.query_one("#fmt-json", RadioButton).value
        # a name with another ending leaves the choice alone
        box.value = str(tmp_path / "mine.txt")
        await pilot.pause()
        assert dialog.query_one("#fmt-json", RadioButton).value
        assert box.value == str(tmp_path / "mine.txt")


async def test_report_key_saves_the_report(make_app, db_path, tmp_path: Path) -> None:
    seed_demo(db_path, years=0.3, seed=7)
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReportDialog)
        weeks = dialog.query_one("#report-weeks", Input)
        box = dialog.query_one("#report-path", Input)
        box.value = str(tmp_path / "r.txt")
        await pilot.press("enter")
        assert "end the name in .html" in _plain(dialog.query_one("#report-status"))
        weeks.value = "0"
        box.value = str(tmp_path / "r.html")
        await pilot.press("enter")
        assert "Weeks back: a whole number from 1 to 520" in _plain(
            dialog.query_one("#report-status")
        )
        assert not (tmp_path / "r.html").exists()
        weeks.value = "4"
        await pilot.press("enter")
        await settle(pilot)
        assert "Saved the report of the last 4 weeks" in _plain(dialog.query_one("#report-status"))
        html = (tmp_path / "r.html").read_text(encoding="utf-8")
        assert "(4 weeks)" in html and "<script" not in html
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HistoryScreen"


async def _report_dialog(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)


def test_report_dialog_snapshot(snap_compare, make_app, db_path) -> None:
    seed_demo(db_path, years=0.3, seed=7)
    assert snap_compare(make_app("history"), terminal_size=(80, 24), run_before=_report_dialog)


async def test_report_asks_again_before_replacing_after_any_edit(
    make_app, db_path, tmp_path: Path
) -> None:
    target = tmp_path / "r.html"
    target.write_text("keep me", encoding="utf-8")
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReportDialog)
        dialog.query_one("#report-path", Input).value = str(target)
        await pilot.press("enter")
        assert "already exists" in _plain(dialog.query_one("#report-status"))
        dialog.query_one("#report-weeks", Input).value = "2"  # an edit: asked again
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert "already exists" in _plain(dialog.query_one("#report-status"))
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")
        await settle(pilot)
        assert "Saved the report of the last 2 weeks" in _plain(dialog.query_one("#report-status"))
        assert "(2 weeks)" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(("key", "prefix"), [("x", "export"), ("r", "report")])
async def test_export_and_report_fit_the_smallest_terminal(
    make_app, db_path, key: str, prefix: str
) -> None:
    """Found in the break-it sweep: at 60x18 the buttons' lower edge was cut off."""
    app = make_app("history")
    async with app.run_test(size=(60, 18)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        app.screen.query_one(f"#{prefix}-path", Input).value = "/no/such/folder/x.html"
        await pilot.press("enter")
        await settle(pilot)
        assert "does not exist" in _plain(app.screen.query_one(f"#{prefix}-status"))
        box = app.screen.query_one(f"#{prefix}-box")
        for part in ("status", "go", "close"):
            region = app.screen.query_one(f"#{prefix}-{part}").region
            assert region.bottom <= box.content_region.bottom, part
