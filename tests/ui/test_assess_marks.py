"""The assessment's tick lists and help show state in glyphs and words, not colour alone."""

from __future__ import annotations

from typing import Any

from glute_tui.core.assessment import RED_FLAGS
from glute_tui.ui.screens.assess import AssessScreen, PickMany
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


def test_snapshot_checklist_with_ticks(snap_compare, make_app) -> None:
    """The squat checklist: 'no faults' ticked on the left, one fault on the right."""

    async def run_before(pilot: Any) -> None:
        await _to_checklists(pilot)
        await pilot.press("space", "tab", "down", "space")
        await settle(pilot)

    assert snap_compare(make_app("assess"), terminal_size=(80, 24), run_before=run_before)
