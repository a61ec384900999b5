"""Home's Today card: the programme's stage, load, what is due, the gate and what changed."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from glute_tui.core.plan import plan_for_verdict
from glute_tui.store.history import HistoryStore
from glute_tui.store.programme_input import shipped_programme
from tests.conftest import FIXED_NOW, settle


async def settle_programme(pilot) -> None:  # type: ignore[no-untyped-def]
    """The store load, then the programme fold it starts on a worker thread."""
    await settle(pilot)
    await settle(pilot)


def _hold(sid: str, days_ago: int, pain_next_morning: int | None = None) -> dict:
    start = FIXED_NOW - timedelta(days=days_ago, hours=8)
    row = {
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
        "side": "right",
    }
    if pain_next_morning is not None:
        row["pain_next_morning"] = pain_next_morning
    return row


def mid_programme(db_path: Path) -> None:
    """A right-weak user ten days into Activate; yesterday's training hurt (7) this morning."""
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    plan = plan_for_verdict(
        "right", "right", assessment_id="v", created_at="2026-11-10T08:00:00+01:00"
    )
    store.add_assessment(
        {
            "id": "v",
            "taken_at": "2026-11-10T08:00:00+01:00",
            "verdict": "right",
            "weaker": "right",
            "tight": False,
            "tests": {"bridge_hold": {"left": 34, "right": 20, "lsi": 58.8}},
            "lsi": {"bridge_hold": 58.8},
            "answers": {},
            "why": [],
        },
        plan,
    )
    for d in range(1, 10):
        store.add_session(_hold(f"h{d}", d, pain_next_morning=7 if d == 1 else 2))
    store.add_session(_hold("today", 0))


def _card(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#today").render())


async def test_fresh_user_sees_the_first_stage_and_what_is_due(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_programme(pilot)
        text = _card(app)
        assert "Today · Friday 20 November 2026 · Activate, week 1 (since 20 Nov)" in text
        assert "Load" not in text  # at the stage's usual load nothing is said
        assert "Hold timer  both 0 of 2 ○○ · 2 to go for today to count" in text
        assert "Circuit     both 0 of 1 · 1 to go" in text
        assert "until you take the self-assessment" in text
        assert "No self-assessment yet" not in text  # said once, on the plan line


async def test_lowered_load_is_said_with_its_reason(make_app, db_path: Path) -> None:
    mid_programme(db_path)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_programme(pilot)
        text = " ".join(_card(app).split())
        assert "Activate, week 2 (since 10 Nov)" in text
        assert "Load lowered one step: this morning's pain was 7." in text
        assert text.count("Load lowered") == 1  # today's change, said once
        assert "Hold timer right 1 of 2 ●○ · 1 to go" in text
        assert "Next stage 14 days in this stage: now 10 days, 4 more" in text


async def test_the_card_follows_a_new_session(make_app, db_path: Path) -> None:
    mid_programme(db_path)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_programme(pilot)
        assert "right 1 of 2 ●○ · 1 to go" in " ".join(_card(app).split())
        app.write(lambda s: s.add_session(_hold("more", 0)))
        await settle_programme(pilot)
        assert "right 2 of 2 ●● · today counts" in " ".join(_card(app).split())


def test_today_snapshot_fresh_user(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=settle_programme)


def test_today_snapshot_lowered_load(snap_compare, make_app, db_path: Path) -> None:
    mid_programme(db_path)
    assert snap_compare(make_app(), terminal_size=(80, 30), run_before=settle_programme)


def demo_programme(db_path: Path, seed: int = 29) -> None:
    """A year of `glute-tui demo-history` data (a history that follows the programme);
    with seed 29 the fixed day is in Strengthen with the load one step down."""
    from glute_tui.core.demo import generate
    from glute_tui.store import shipped

    demo = generate(
        shipped.library(),
        shipped.protocols(),
        years=1,
        seed=seed,
        now=FIXED_NOW,
        programme=shipped_programme(),
    )
    HistoryStore.open(db_path).merge(
        demo.sessions,
        demo.assessments,
        {"plan": demo.plan.to_dict(), "pauses": demo.pauses, "settings": {"disclaimer_seen": True}},
    )


async def test_demo_history_shows_a_stage_and_a_lowered_load(make_app, db_path: Path) -> None:
    demo_programme(db_path)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_programme(pilot)
        text = " ".join(_card(app).split())
        # the stage the demo reaches depends on the routines it logs: any stage, named
        assert re.search(r"2026 · (Activate|Integrate|Strengthen|Return), week \d+", text)
        assert "Load lowered one step: next-morning pain of" in text


def test_today_snapshot_demo_history(snap_compare, make_app, db_path: Path) -> None:
    demo_programme(db_path)
    assert snap_compare(make_app(), terminal_size=(80, 30), run_before=settle_programme)


def test_a_remembered_day_belongs_to_its_store_only(tmp_path: Path) -> None:
    from datetime import date

    from glute_tui.ui import today_state

    day = date(2026, 11, 20)
    a = HistoryStore.open(tmp_path / "a.json")
    b = HistoryStore.open(tmp_path / "b.json")
    today_state.remember(today_state.key_for(a, 1, day), "from a")
    assert today_state.known(today_state.key_for(a, 1, day)) == "from a"
    assert today_state.known(today_state.key_for(b, 1, day)) is None
    assert today_state.known(today_state.key_for(a, 2, day)) is None


def _home_text(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(app.screen.query_one("#today").render()).split())


async def test_every_target_on_home_is_the_stage_s_own(make_app, db_path: Path) -> None:
    """Integrate asks one hold session a day: home says "1 of 1", never the 2 of Activate."""
    mid_programme(db_path)
    HistoryStore.open(db_path).set_kv(
        "programme_stage_changes",
        [{"day": "2026-11-15", "stage": "integrate", "reason": "my physio says so"}],
    )
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_programme(pilot)
        text = _home_text(app)
        assert "Integrate, week 1" in text
        assert re.search(r"Hold timer right 1 of 1 ● · today counts", text), text
        assert "of 2" not in text and "2 a day" not in text
        assert re.search(r"Cook hip lift right 0 of 1 · left 0 of 1 · 1 to go", text), text


async def test_hold_wording_follows_the_due_target(make_app, db_path: Path) -> None:
    mid_programme(db_path)  # Activate: two a day, one done
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_programme(pilot)
        assert "Hold timer right 1 of 2 ●○ · 1 to go for today to count" in _home_text(app)
        for sid in ("b", "c", "d"):
            app.write(lambda s, sid=sid: s.add_session(_hold(sid, 0)))
        await settle_programme(pilot)
        assert "Hold timer right 4 done ●●● · today counts; 3 is the most" in _home_text(app)


async def test_home_fits_80x24_with_the_menu_in_view(make_app, db_path: Path) -> None:
    demo_programme(db_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_programme(pilot)
        card = str(app.screen.query_one("#today").render())
        for routine in ("Warm-up primer", "Bridge progression", "Single-leg strength"):
            assert card.count(routine) == 1, card  # one line per due routine
        assert "Hold sessions" not in card and "Circuit " not in card
        menu = app.screen.query_one("#menu")
        assert menu.region.height >= 3
        assert menu.region.bottom <= 23  # above the footer, nothing scrolled
        assert app.screen.query_one("#today").region.y >= 1


async def test_start_up_rebuilds_a_programme_cache_that_does_not_match(
    make_app, db_path: Path
) -> None:
    """After an upgrade (or a file another program wrote) the cache no longer matches;
    the app rebuilds it on its loading thread, so `glute-tui today` reads only the cache."""
    from glute_tui.core.routines.catalogue import IDS
    from glute_tui.store import programme_cache

    mid_programme(db_path)
    programme_cache.cache_path(db_path).unlink()
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_programme(pilot)
        assert programme_cache.load(db_path, programme_cache.conf(IDS)) is not None


async def test_the_menu_points_at_the_next_routine_due(make_app, db_path: Path) -> None:
    """Enter on home starts what is due next: the hold (1 of 2 done today), and the
    circuit once the hold is done; a menu the user moved stays where they put it."""
    from textual.widgets import OptionList

    mid_programme(db_path)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_programme(pilot)
        menu = app.screen.query_one("#menu", OptionList)
        assert menu.get_option_at_index(menu.highlighted or 0).id == "hold"
        app.write(lambda s: s.add_session(_hold("more", 0)))
        await settle_programme(pilot)
        assert menu.get_option_at_index(menu.highlighted or 0).id == "circuit"
        await pilot.press("up")  # the user's own choice
        app.write(lambda s: s.add_session(_hold("extra", 0)))
        await settle_programme(pilot)
        assert menu.get_option_at_index(menu.highlighted or 0).id == "hold"


async def test_before_the_first_assessment_the_menu_stays_on_it(make_app) -> None:
    from textual.widgets import OptionList

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_programme(pilot)
        menu = app.screen.query_one("#menu", OptionList)
        assert menu.get_option_at_index(menu.highlighted or 0).id == "assess"


async def test_a_long_menu_entry_goes_on_under_its_title(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(62, 24)) as pilot:
        await settle_programme(pilot)
        menu = app.screen.query_one("#menu")
        rows = [str(strip.text) for strip in menu.render_lines(menu.region.reset_offset)]
        lines = [r.rstrip() for r in rows if r.strip()]
        assert lines[0].lstrip().startswith("a  Self-assessment")
        title_at = lines[0].index("Self-assessment")
        assert lines[1][title_at - 3 : title_at].strip() == ""  # the key column stays empty
        assert lines[1][title_at] != " "  # the next line starts under the title


async def test_the_routine_pointed_at_is_scrolled_into_view(make_app, db_path: Path) -> None:
    """The primer is last in the menu; pointed at, it is on screen, not below the fold."""
    from textual.widgets import OptionList

    demo_programme(db_path)
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await settle_programme(pilot)
        menu = app.screen.query_one("#menu", OptionList)
        assert menu.get_option_at_index(menu.highlighted or 0).id == "primer"
        shown = "".join(str(s.text) for s in menu.render_lines(menu.region.reset_offset))
        assert "Warm-up primer" in shown
