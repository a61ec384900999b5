"""app.tcss in two parts (ui/styles.py): home's first frame parses only the first part;
every other screen is styled by the later part before its first paint."""

from __future__ import annotations

from typing import Any

import pytest

from glute_tui.ui import styles
from glute_tui.ui.app import GluteApp
from tests.conftest import settle


def test_the_split_keeps_every_rule_once_and_in_order() -> None:
    text = styles.TCSS.read_text(encoding="utf-8")
    first, later = styles.split(text)
    assert first + later.lstrip("\n") == text  # nothing lost, nothing moved
    assert later.count("\n") == text.count("\n")  # CSS errors name the real line
    assert "#menu" in first and "HeaderIcon" in first and "#too-small" in first
    assert "#assess-progress" in later and "#history-tabs" in later and "#banner" in later
    assert "LiveSessionScreen" not in first and "#history-tabs" not in first
    assert styles.split("Screen { }") == ("Screen { }", "")  # no mark: one part


@pytest.fixture
def no_deferred_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drop the read scheduled after home's first frame, to see the other trigger alone."""
    schedule = GluteApp.call_after_refresh

    def without(self: GluteApp, callback: Any, *args: Any, **kwargs: Any) -> bool:
        if getattr(callback, "__name__", "") == "read_later_css":
            return True
        return schedule(self, callback, *args, **kwargs)

    monkeypatch.setattr(GluteApp, "call_after_refresh", without)


async def test_home_alone_does_not_parse_the_later_part(make_app, no_deferred_read) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert styles.LATER_FROM not in app.stylesheet.source
        # the first part of app.tcss sets it (OptionList's own default is auto)
        assert str(app.screen.query_one("#menu").styles.height) == "1fr"


async def test_a_screen_opened_at_once_is_styled_by_the_later_part(
    make_app, no_deferred_read
) -> None:
    app = make_app("history")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert styles.LATER_FROM in app.stylesheet.source
        assert str(app.screen.query_one("#history-tabs").styles.height) == "1fr"


async def test_the_later_part_is_read_once_home_is_up(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert styles.LATER_FROM in app.stylesheet.source
        await pilot.press("s")  # history, opened from home
        await settle(pilot)
        assert str(app.screen.query_one("#history-tabs").styles.height) == "1fr"
