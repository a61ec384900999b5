from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.command import CommandPalette

from glute_tui.core.plan import plan_for_verdict
from glute_tui.store.history import HistoryStore
from glute_tui.ui.screens.disclaimer import DisclaimerScreen
from glute_tui.ui.screens.help import HelpScreen
from glute_tui.ui.screens.too_small import TooSmallScreen
from tests.conftest import FIXED_NOW, settle


def _hold_session(sid: str, hours_ago: float) -> dict:
    start = FIXED_NOW - timedelta(hours=hours_ago)
    return {
        "id": sid,
        "routine": "hold",
        "started_at": start.isoformat(timespec="seconds"),
        "ended_at": (start + timedelta(minutes=4)).isoformat(timespec="seconds"),
        "status": "completed",
        "stop_reason": "planned_end",
        "pain_before": 1,
        "pain_after": 1,
        "effort": 3,
        "phases": [],
    }


async def test_home_shows_today_and_nudges_to_assess(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#today").render())
        assert "Friday 20 November 2026" in text
        assert "0 of 2" in text
        assert "take the self-assessment" in text


async def test_home_counts_todays_completed_sessions_and_plan(make_app, db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.add_session(_hold_session("a", 10))
    store.add_session(_hold_session("b", 2))
    store.add_session(_hold_session("old", 30))  # yesterday
    plan = plan_for_verdict(
        "right", "right", assessment_id="x", created_at="2026-11-01T08:00:00+01:00"
    )
    assert plan is not None
    store.set_plan(plan)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#today").render())
        assert "2 of 2 ●● · today counts" in text
        assert "right side only" in text


async def test_first_run_shows_disclaimer_once(make_app, db_path: Path) -> None:
    app = make_app(first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DisclaimerScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, DisclaimerScreen)
    assert HistoryStore.open(db_path).settings()["disclaimer_seen"] is True
    app = make_app(first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, DisclaimerScreen)


async def test_help_opens_and_closes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_theme_toggle_persists(make_app, db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = app.theme
        await pilot.press("t")
        await settle(pilot)
        assert app.theme != before
    assert HistoryStore.open(db_path).settings()["theme"] == app.theme


async def test_too_small_terminal_shows_notice_and_recovers(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(50, 14)
        await pilot.pause(0.1)
        assert isinstance(app.screen, TooSmallScreen)
        assert "Make the terminal larger" in str(app.screen.query_one("#too-small").render())
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        assert not isinstance(app.screen, TooSmallScreen)


async def test_corrupt_file_is_moved_aside_and_named_on_home(make_app, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text('{"sessions": {"1": {"id": "x"')  # cut off mid-write
    app = make_app(first_run=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # first-run note: the history is empty again
        await pilot.pause()
        notice = str(app.screen.query_one("#notices").render())
        assert "moved aside" in notice
    aside = list(db_path.parent.glob("history.corrupt-*.json"))
    assert len(aside) == 1
    assert aside[0].read_text().startswith('{"sessions"')
    assert str(aside[0]) in notice.replace("\n", "")


def test_home_snapshot(snap_compare, make_app, db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.add_session(_hold_session("a", 10))

    async def settled(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)  # the store load
        await settle(pilot)  # then the programme's fold it starts

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=settled)


async def test_writes_land_in_the_order_asked_even_when_the_first_is_slow(
    make_app, db_path: Path
) -> None:
    import time as _time

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        def slow_first(store: HistoryStore) -> None:
            _time.sleep(0.2)
            store.set_setting("order", "first")

        app.write(slow_first)
        app.write(lambda s: s.set_setting("order", "second"))
        await settle(pilot)
        assert app.store.settings()["order"] == "second"
    assert HistoryStore.open(db_path).settings()["order"] == "second"


async def test_quitting_right_after_an_edit_still_saves_it(make_app, db_path: Path) -> None:
    import time as _time

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        def slow(store: HistoryStore) -> None:
            _time.sleep(0.3)
            store.set_setting("kept", True)

        app.write(slow)
        await pilot.press("ctrl+q")
    assert HistoryStore.open(db_path).settings().get("kept") is True


async def test_a_failed_write_is_reported_not_raised(make_app, db_path: Path) -> None:
    app = make_app()
    errors: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.write(lambda s: s.update_session("nope", effort=1), on_error=errors.append)
        await settle(pilot)
    assert errors and "no session nope" in errors[0]


async def test_too_small_notice_does_not_stick_under_another_screen(make_app) -> None:
    """A screen opened while the notice shows (the palette, the first-run note) sat on
    top of it; once the terminal was big again and that screen closed, the notice stayed
    for good."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(40, 12)
        await pilot.pause(0.1)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        await pilot.press("escape")
        await pilot.pause(0.1)
        assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)


async def test_first_run_in_a_tiny_terminal_recovers_after_the_note(make_app) -> None:
    app = make_app(first_run=True)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DisclaimerScreen)  # pushed over the notice
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        await pilot.press("enter")
        await settle(pilot)
        assert not any(isinstance(s, TooSmallScreen) for s in app.screen_stack)


async def test_home_does_not_offer_a_plan_after_a_red_flag(make_app, db_path: Path) -> None:
    """A red flag makes no plan; home used to show the plan of an older assessment (or
    the nudge to train both sides) as if nothing had happened."""
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    plan = plan_for_verdict(
        "right", "right", assessment_id="old", created_at="2026-10-01T08:00:00+01:00"
    )
    store.set_plan(plan)  # type: ignore[arg-type]
    store.add_assessment(
        {
            "id": "rf",
            "taken_at": "2026-11-20T08:00:00+01:00",
            "verdict": "red_flag",
            "tests": {},
            "answers": {},
        },
        None,
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = str(app.screen.query_one("#today").render())
        assert "see a clinician" in text
        assert "right side only" not in text


async def test_another_instances_writes_show_up_without_a_restart(make_app, db_path: Path) -> None:
    """Each glute-tui read the file once at start-up: a plan, cue or pause saved by a
    second glute-tui (or `glute-tui import`) stayed invisible until this one wrote."""
    app = make_app()
    app.store_poll_s = 0.05
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "take the self-assessment" in str(app.screen.query_one("#today").render())
        other = HistoryStore.open(db_path)
        plan = plan_for_verdict(
            "left", "left", assessment_id="x", created_at="2026-11-20T08:00:00+01:00"
        )
        other.set_plan(plan)  # type: ignore[arg-type]
        other.set_cues("iso_standing", ["Ribs down."])
        for _ in range(40):
            await pilot.pause(0.05)
            if "left side only" in str(app.screen.query_one("#today").render()):
                break
        assert "left side only" in str(app.screen.query_one("#today").render())
        assert app.cues_for("iso_standing") == ("Ribs down.",)


async def test_a_damaged_entry_is_moved_aside_not_loading_forever(make_app, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_text('{"meta": {"1": {"schema": 1}}, "sessions": {"1": {"id": "x"}}}')
    app = make_app(first_run=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the first-run note: the history is empty again
        await pilot.pause()
        assert "Loading" not in str(app.screen.query_one("#today").render())
        assert "moved aside" in str(app.screen.query_one("#notices").render())


async def test_an_unexpected_load_error_exits_with_a_message_not_a_hang(
    make_app, monkeypatch
) -> None:
    """The load worker swallowed anything but StoreError: home said 'Loading your
    history…' for good and nothing told the user why."""
    from glute_tui.store.history import HistoryStore as Store

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    app = make_app()
    monkeypatch.setattr(Store, "open", broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert app.return_code == 2
    assert app.fatal_error is not None and "disk on fire" in app.fatal_error


async def test_home_footer_fits_80_columns(make_app) -> None:
    """'s History & streaks' pushed the Footer past 80 columns: 't Theme' read 't T'."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = list(app.screen.query("FooterKey"))
        palette = [k for k in keys if k.key == "ctrl+p"]
        keys = [k for k in keys if k.key != "ctrl+p"]
        assert keys[-1].description == "Theme"
        limit = palette[0].region.x if palette else 80
        assert all(k.region.right <= limit for k in keys)
