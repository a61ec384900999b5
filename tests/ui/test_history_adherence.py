"""The history screen's adherence is the programme's: a user in Return who did every primer
and single-leg session reads 100%, not the 0% holds and circuits would give."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from glute_tui.core.programme_adherence import window
from glute_tui.core.routines.catalogue import IDS
from glute_tui.ui.screens.history import HistoryScreen
from glute_tui.ui.screens.history_view import compute, draw_adherence, draw_streaks
from tests.conftest import FIXED_NOW, settle
from tests.store.test_report_adherence import _return_store

TODAY = FIXED_NOW.date()


async def test_return_stage_with_everything_done_reads_100_percent(make_app, db_path) -> None:  # type: ignore[no-untyped-def]
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _return_store(db_path).set_setting("disclaimer_seen", True)
    app = make_app("history")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        text = str(screen.query_one("#streaks").render())
        assert "last 7 days 100% on track" in text and "last 28 days 100% on track" in text
        assert "sessions done of those the programme asked for: 21 of 21 / 84 of 84" in text
        assert screen.data is not None
        assert screen.data.adherence_weeks[-9:] == [100] * 9  # the weeks since it began


def test_half_done_is_below_80_and_the_weekly_trend_follows(tmp_path: Path) -> None:
    from glute_tui.store.report import adherence_of

    store = _return_store(tmp_path / "h.json", every=2)
    per_day = adherence_of(store, TODAY)
    data = compute(store.rows(), store.assessments(), {}, [], None, TODAY, 2, per_day)
    assert data.a28 == window(per_day, TODAY, 28) and data.a28.pct == 50
    assert "below 80%" in draw_streaks(data)
    assert set(data.adherence_weeks[-8:]) <= {42, 50, 57}
    assert "adherence, % of the programme" in draw_adherence(data)


def test_nothing_recorded_judges_nothing() -> None:
    data = compute([], [], {}, [], None, date(2026, 11, 21), 2)
    assert data.a7.pct is None and data.adherence_weeks == [None] * len(data.adherence_weeks)
    assert "not enough complete days yet" in draw_streaks(data)


def test_the_screen_reads_the_same_days_from_the_cache_as_from_the_whole_history(
    tmp_path: Path,
) -> None:
    from glute_tui.store import programme_cache
    from glute_tui.store.report import adherence_of, recent_adherence

    store = _return_store(tmp_path / "h.json", every=3)
    assert programme_cache.load(store.path, programme_cache.conf(IDS)) is not None
    whole = adherence_of(store, TODAY)
    fast = recent_adherence(store, TODAY)
    assert fast == whole and len(fast) == 60  # every day since the assessment
    first = TODAY - timedelta(weeks=26)
    long = _return_store(tmp_path / "long.json", every=1, days=400)
    recent = recent_adherence(long, TODAY)
    assert {d: a for d, a in adherence_of(long, TODAY).items() if d >= first} == {
        d: a for d, a in recent.items() if d >= first
    }
    programme_cache.cache_path(long.path).unlink()
    assert recent_adherence(long, TODAY) == adherence_of(long, TODAY)  # no cache: the whole
