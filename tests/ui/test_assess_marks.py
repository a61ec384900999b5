"""The assessment's tick lists and help show state in glyphs and words, not colour alone."""

from __future__ import annotations

from typing import Any

from glute_tui.core.assessment import RED_FLAGS
from glute_tui.ui.screens.assess import AssessScreen, PickMany
from glute_tui.ui.screens.help import HelpScreen, describe_keys
from tests.conftest import settle


async def _to_checklists(pilot: Any) -> None:
    await settle(pilot)
    await pilot.press("enter")  # start
    for _ in RED_FLAGS:
        await pilot.press("n")
    await pilot.press("2", "enter", "2", "1", "3", "enter", "enter", "enter", "2")
    await pilot.pause()
    await pilot.press("s", "s", "s")  # skip the three timed tests: the squat checklist
    await pilot.pause()


def _line(pick: PickMany, y: int) -> str:
    return pick.render_line(y).text


async def test_a_ticked_line_differs_from_an_unticked_one_in_text(make_app) -> None:
    """Textual draws `▐X▌` for both; only the colour told them apart."""
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_checklists(pilot)
        screen = app.screen
        assert isinstance(screen, AssessScreen)
        assert screen.step.test is not None and screen.step.test.id == "squat"
        pick = screen.query_one("#pick-left", PickMany)
        await pilot.press("space")  # tick "no faults" on the left leg
        await pilot.pause()
        assert pick.selected == ["none"]
        ticked, unticked = _line(pick, 0), _line(pick, 1)
        assert ticked.startswith("▐X▌"), ticked
        assert unticked.startswith("▐ ▌"), unticked
        await pilot.press("space")  # and untick it again
        await pilot.pause()
        assert pick.selected == []
        assert _line(pick, 0).startswith("▐ ▌")


async def test_a_quick_check_list_marks_its_ticks_too(make_app) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        for _ in RED_FLAGS:
            await pilot.press("n")
        await pilot.press("2", "enter", "2", "1", "3", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AssessScreen)
        assert screen.step.question is not None and screen.step.question.kind == "many"
        many = screen.query_one("#assess-many", PickMany)
        await pilot.press("down", "space")
        await pilot.pause()
        assert _line(many, 0).startswith("▐ ▌")
        assert _line(many, 1).startswith("▐X▌")


async def _help_rows(pilot: Any) -> list[tuple[str, str]]:
    app = pilot.app
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    rows = describe_keys(app.screen.under)
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, AssessScreen)
    names = [k for k, _ in rows]
    assert len(names) == len(set(names)), rows  # each key once
    return rows


async def test_help_on_each_step_lists_only_the_keys_that_work_there(make_app) -> None:
    """Help listed `enter Start` and three escape rows on every step, and keys such as
    b Back on the start page, where they do nothing."""
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = dict(await _help_rows(pilot))  # the start page
        assert keys["enter"] == "Start"
        assert keys["escape"] == "Back"
        for gone in ("b", "s", "y", "n", "r", "c", "space"):
            assert gone not in keys, gone
        await pilot.press("enter")  # the first safety question
        await pilot.pause()
        keys = dict(await _help_rows(pilot))
        assert keys["escape"] == "Leave"
        assert keys["y"] == "Yes" and keys["n"] == "No"
        assert "Start" not in keys.values()
        for gone in ("s", "space", "r", "c"):
            assert gone not in keys, gone
        for _ in RED_FLAGS:
            await pilot.press("n")
        await pilot.press("2", "enter", "2", "1", "3", "enter", "enter", "enter", "2")
        await pilot.pause()
        assert app.screen.step.kind == "timed"
        keys = dict(await _help_rows(pilot))
        assert keys["space"] == "Timer" and keys["s"] == "Skip" and keys["enter"] == "Next"
        assert keys["b"] == "Back" and keys["escape"] == "Leave"
        await pilot.press("s", "s", "s")  # a checklist: space ticks, enter moves on
        await pilot.pause()
        keys = dict(await _help_rows(pilot))
        assert keys["space"] == "Tick" and keys["enter"] == "Next"
        assert "y" not in keys


def test_snapshot_checklist_with_ticks(snap_compare, make_app) -> None:
    """The squat checklist: 'no faults' ticked on the left, one fault on the right."""

    async def run_before(pilot: Any) -> None:
        await _to_checklists(pilot)
        await pilot.press("space", "tab", "down", "space")
        await settle(pilot)

    assert snap_compare(make_app("assess"), terminal_size=(80, 24), run_before=run_before)
