"""The safety screen: red flags asked once, a yes confirmed, the stop, and a clearance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from glute_tui.core import safety
from glute_tui.store.export import build_export, parse_export
from glute_tui.store.history import HistoryStore
from glute_tui.ui.screens.safety import SafetyScreen, needs_safety_screen
from tests.conftest import settle

N = len(safety.RED_FLAGS)


def _text(app: Any) -> str:
    return str(app.screen.query_one("#safety-text").render())


async def _open(app: Any, pilot: Any) -> list[bool | None]:
    got: list[bool | None] = []
    await settle(pilot)
    app.push_screen(SafetyScreen(), got.append)
    await pilot.pause()
    assert isinstance(app.screen, SafetyScreen)
    return got


def _flagged(db_path: Path, flag: str = "cancer") -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    record = safety.screening_record(
        {flag: "yes"}, record_id="s1", taken_at="2026-11-01T09:00:00+01:00"
    )
    store.add_assessment(record, None)


async def test_all_no_saves_a_screening_and_lets_training_go_on(make_app, db_path: Path) -> None:
    app = make_app("home")
    async with app.run_test(size=(80, 24)) as pilot:
        got = await _open(app, pilot)
        assert needs_safety_screen(app.store.assessments())
        for i in range(N):
            assert f"question {i + 1} of {N}" in str(
                app.screen.query_one("#safety-progress").render()
            )
            await pilot.press("n")
        await settle(pilot)
        assert got == [True]
        assert not isinstance(app.screen, SafetyScreen)
    [record] = HistoryStore.open(db_path).assessments()
    assert record["kind"] == "screening" and record["verdict"] == "screening"
    assert record["answers"]["red_flag_answers"] == {f: "no" for f in safety.RED_FLAG_IDS}
    assert not needs_safety_screen([record])


async def test_enter_on_an_untouched_question_answers_nothing(make_app) -> None:
    app = make_app("home")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SafetyScreen)
        assert screen.index == 0 and screen.answers == {} and screen.page == "question"


async def test_a_stray_yes_is_confirmed_once_and_can_be_taken_back(make_app, db_path: Path) -> None:
    app = make_app("home")
    async with app.run_test(size=(80, 24)) as pilot:
        got = await _open(app, pilot)
        await pilot.press("n", "y")  # a stray yes on question 2
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SafetyScreen) and screen.page == "confirm"
        assert "Is that right?" in _text(app)
        await pilot.press("n")  # no, the wrong key
        await pilot.pause()
        assert screen.page == "question" and screen.index == 1
        assert app.store.assessments() == []  # nothing was saved
        await pilot.press(*["n"] * (N - 1))
        await settle(pilot)
        assert got == [True]
    [record] = HistoryStore.open(db_path).assessments()
    assert record["verdict"] == "screening"


async def test_a_confirmed_yes_stops_training_and_is_saved(make_app, db_path: Path) -> None:
    app = make_app("home")
    async with app.run_test(size=(80, 24)) as pilot:
        got = await _open(app, pilot)
        await pilot.press("y", "y")  # saddle numbness, confirmed
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SafetyScreen) and screen.page == "stop"
        text = _text(app)
        assert "numbness in the saddle area" in text and "urgent help today" in text
        assert got == []
        await pilot.press("escape")
        await pilot.pause()
        assert got == [False]
    store = HistoryStore.open(db_path)
    [record] = store.assessments()
    assert record["verdict"] == "red_flag"
    assert record["answers"]["red_flags"] == ["saddle_numbness"]
    assert safety.red_flag_stop(store.assessments()) is not None
    assert store.plan().needs_assessment  # no plan was made


async def test_a_clearance_lifts_the_stop_with_its_date_and_reaches_the_export(
    make_app, db_path: Path
) -> None:
    _flagged(db_path)
    app = make_app("home")
    async with app.run_test(size=(80, 24)) as pilot:
        got = await _open(app, pilot)
        screen = app.screen
        assert isinstance(screen, SafetyScreen) and screen.page == "stop"
        assert "a past or current diagnosis of cancer" in _text(app)
        await pilot.press("c")
        await pilot.pause()
        assert screen.page == "clear"
        await pilot.press("n")  # not yet: back to the stop
        await pilot.pause()
        assert screen.page == "stop"
        await pilot.press("c", "y")
        await settle(pilot)
        assert got == [True]
    store = HistoryStore.open(db_path)
    assert safety.red_flag_stop(store.assessments()) is None
    assert not needs_safety_screen(store.assessments())
    exported = parse_export(build_export(store))
    [clearance] = [a for a in exported["assessments"] if a.get("kind") == "clearance"]
    assert clearance["clearance"] == {
        "statement": safety.CLEARANCE_STATEMENT,
        "on": "2026-11-20",
        "covers": ["cancer"],
    }


async def test_leaving_the_questions_is_not_a_pass(make_app, db_path: Path) -> None:
    app = make_app("home")
    async with app.run_test(size=(80, 24)) as pilot:
        got = await _open(app, pilot)
        await pilot.press("n", "escape")
        await settle(pilot)
        assert got == [False]
    assert HistoryStore.open(db_path).assessments() == []


def test_snapshot_safety_screen(snap_compare, make_app) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.push_screen(SafetyScreen())
        await pilot.pause()

    assert snap_compare(make_app("home"), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_red_flag_stop(snap_compare, make_app, db_path: Path) -> None:
    _flagged(db_path, "bladder_bowel")

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.push_screen(SafetyScreen())
        await pilot.pause()

    assert snap_compare(make_app("home"), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_clearance_page(snap_compare, make_app, db_path: Path) -> None:
    _flagged(db_path)

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.push_screen(SafetyScreen())
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(make_app("home"), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_flag_confirm_dialog(snap_compare, make_app) -> None:
    from glute_tui.ui.screens.safety import FlagConfirm

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.push_screen(FlagConfirm("below_knee"))
        await pilot.pause()

    assert snap_compare(make_app("home"), terminal_size=(80, 24), run_before=run_before)
