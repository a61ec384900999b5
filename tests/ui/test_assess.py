"""The self-assessment screen, walked by keys on the fake clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from glute_tui.core.assessment import LEAD_IN_S, QUICK_CHECKS, RED_FLAGS
from glute_tui.core.timeline import HoldSettings, build_hold_timeline
from glute_tui.store.history import HistoryStore
from glute_tui.ui.screens.assess import DRAFT_KEY, AssessScreen, LeaveDialog
from glute_tui.ui.screens.safety import FlagConfirm, SafetyScreen
from glute_tui.ui.screens.too_small import TooSmallScreen
from tests.conftest import settle


def _text(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def _answer_safety(pilot: Any) -> None:
    await pilot.press("enter")  # start
    for _ in RED_FLAGS:
        await pilot.press("n")
    await pilot.pause()


async def _answer_quick(pilot: Any, tight: bool = False) -> None:
    # squat feel: quads; squat notice: none; sit-to-stand: quads; bench: controlled;
    # less steady: no difference; weak signs: none; tight signs: maybe; causes: none;
    # dominant: right
    await pilot.press("2", "enter", "2", "1", "3", "enter")
    if tight:
        await pilot.press("space", "down", "space")  # two signs: one is not a tight verdict
    await pilot.press("enter", "enter", "2")
    await pilot.pause()


async def _to_tests(pilot: Any) -> None:
    await settle(pilot)
    await _answer_safety(pilot)
    await _answer_quick(pilot)


async def _type(pilot: Any, text: str) -> None:
    await pilot.press(*list(text))


def _screen(app: Any) -> AssessScreen:
    screen = app.screen
    assert isinstance(screen, AssessScreen), type(screen)
    return screen


async def test_whole_flow_by_keys_saves_the_verdict_and_the_plan_the_hold_timer_uses(
    make_app, clock, db_path: Path
) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _answer_safety(pilot)
        assert _screen(app).step.kind == "quick"
        await _answer_quick(pilot, tight=True)
        screen = _screen(app)
        assert screen.step.test is not None and screen.step.test.id == "balance"
        # single-leg balance, timed: left 30 s, right 12.5 s
        await pilot.press("space")
        clock.advance(LEAD_IN_S + 30)
        await pilot.press("space")
        await pilot.press("space")
        clock.advance(LEAD_IN_S + 12.5)
        await pilot.press("space")
        await pilot.pause()
        assert screen.tests["balance"]["left"] == 30.0
        assert screen.tests["balance"]["right"] == 12.5
        await pilot.press("enter")
        # bridge hold, typed
        await pilot.press("tab")
        await _type(pilot, "34")
        await pilot.press("tab")
        await _type(pilot, "18")
        await pilot.press("enter")
        await pilot.pause()
        # side plank: skipped
        assert screen.step.test is not None and screen.step.test.id == "side_plank"
        await pilot.press("s")
        # squat: no faults on the left (said so), one fault on the right
        await pilot.press("space", "tab", "down", "space", "enter")
        # step-down: clean on both, ticked as such
        await pilot.press("space", "tab", "space", "enter")
        # Trendelenburg: level on the left leg, dropped standing on the right leg
        await pilot.press("down", "space", "tab", "space", "enter")
        await settle(pilot)
        assert screen.step.kind == "verdict"
        assert "right side tested weaker" in _text(app, "#verdict-head")
        assert "right side only" in _text(app, "#verdict-head")
        why = _text(app, "#verdict-why")
        assert "Right single-leg bridge hold 18 s vs 34 s, LSI 52.9%" in why
        assert "LSI 41.7%" in _text(app, "#verdict-tests") or "41.7%" in why
        assert "Saved" in _text(app, "#verdict-saved")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, AssessScreen)

    store = HistoryStore.open(db_path)
    [record] = store.assessments()
    assert record["verdict"] == "right" and record["weaker"] == "right"
    assert record["tests"]["balance"] == {
        "left": 30.0,
        "right": 12.5,
        "lsi": 41.7,
        "fails": ["right"],
    }
    assert record["tests"]["bridge_hold"]["lsi"] == 52.9
    assert record["lsi"] == {"balance": 41.7, "bridge_hold": 52.9}
    assert record["skipped"] == ["side_plank"]
    assert record["answers"]["dominant"] == "right"
    assert record["answers"]["red_flags"] == []
    assert record["taken_at"] == "2026-11-20T18:30:00+01:00"
    plan = store.plan()
    assert plan.verdict == "right" and plan.assessment_id == record["id"]
    assert plan.hold_sides == ("right",) and plan.circuit_sides == ("right",)
    assert "contract_relax" in plan.extras  # tight-glute signs were ticked
    assert any("twice the volume" in n for n in plan.notes)
    assert any("2026-12-18" in n for n in plan.notes)
    assert store.kv(DRAFT_KEY) is None
    # the following hold session trains the side the verdict named, and only that side
    protocol = app.protocols.hold
    timeline = build_hold_timeline(
        store.plan(), app.library, protocol, HoldSettings.defaults(protocol)
    )
    sides = {p.side for p in timeline.phases if p.kind == "hold"}
    assert sides == {"right"}


async def test_both_weak_trains_both_sides_weaker_first(make_app, db_path: Path) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_tests(pilot)
        await pilot.press("s")  # balance
        await pilot.press("tab")
        await _type(pilot, "15")
        await pilot.press("tab")
        await _type(pilot, "8")
        await pilot.press("enter")  # bridge: both under 20 s, right lower
        await pilot.press("s", "s", "s", "s")  # plank, squat, step-down, Trendelenburg
        await settle(pilot)
        assert "Both sides look low" in _text(app, "#verdict-head")
        assert "Too little to be sure" in _text(app, "#verdict-head")
    store = HistoryStore.open(db_path)
    assert store.assessments()[0]["verdict"] == "both"
    assert store.assessments()[0]["enough_evidence"] is False
    protocol = app.protocols.hold
    timeline = build_hold_timeline(
        store.plan(), app.library, protocol, HoldSettings.defaults(protocol)
    )
    holds = [p.side for p in timeline.phases if p.kind == "hold"]
    assert holds[0] == "right" and set(holds) == {"left", "right"}


async def test_a_red_flag_stops_calmly_and_saves_no_plan(make_app, db_path: Path) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "n", "n", "y")
        await pilot.pause()
        assert isinstance(app.screen, FlagConfirm)  # asked once more before it stops all
        await pilot.press("y")
        await settle(pilot)
        text = _text(app, "#stop-text")
        assert "Please stop the assessment here" in text
        assert "No training plan was made" in text
        assert "Saved" in _text(app, "#verdict-saved")
        await pilot.press("b", "n")  # no way round the stop by keys
        assert _screen(app).stopped
        await pilot.press("c")  # a clinician cleared me: the safety screen's clearance page
        await pilot.pause()
        assert isinstance(app.screen, SafetyScreen) and app.screen.page == "stop"
        await pilot.press("escape")  # not now
        await pilot.pause()
        assert _screen(app).stopped
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AssessScreen)
    store = HistoryStore.open(db_path)
    [record] = store.assessments()
    assert record["verdict"] == "red_flag"
    assert record["answers"]["red_flags"] == ["leg_weakness"]
    assert record["tests"] == {}
    assert store.plan().needs_assessment  # no plan was made


async def test_a_stray_red_flag_yes_can_be_taken_back(make_app, db_path: Path) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "n", "y")
        await pilot.pause()
        assert isinstance(app.screen, FlagConfirm)
        await pilot.press("enter")  # enter is not an answer here
        await pilot.pause()
        assert isinstance(app.screen, FlagConfirm)
        await pilot.press("n")  # a slip
        await settle(pilot)
        screen = _screen(app)
        assert not screen.stopped and screen.index == 2 and "bladder_bowel" not in screen.red
        await pilot.press(*["n"] * (len(RED_FLAGS) - 1))
        await pilot.pause()
        assert screen.step.kind == "quick"
    assert HistoryStore.open(db_path).assessments() == []


async def test_typed_seconds_are_checked_as_typed_and_block_saving(make_app) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_tests(pilot)
        screen = _screen(app)
        await pilot.press("tab")
        await _type(pilot, "abc")
        assert "'abc' is not a number of seconds" in _text(app, "#err-left")
        await pilot.press("enter")
        assert screen.step.test is not None and screen.step.test.id == "balance"
        assert "Fix it" in _text(app, "#assess-msg")
        for bad, message in (("-3", "cannot be negative"), ("46", "the most this test counts")):
            await pilot.press("ctrl+a", "ctrl+k")
            await _type(pilot, bad)
            assert message in _text(app, "#err-left")
            await pilot.press("enter")
            assert screen.step.test.id == "balance"
        await pilot.press("ctrl+a", "ctrl+k")
        await _type(pilot, "40")
        assert _text(app, "#err-left") == ""
        await pilot.press("enter")  # the right side is still empty
        assert screen.step.test.id == "balance"
        assert "right side too" in _text(app, "#assess-msg")
        await pilot.press("tab")
        await _type(pilot, "38.5")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.step.test.id == "bridge_hold"
        assert screen.tests["balance"] == {"left": 40.0, "right": 38.5, "skipped": False}


async def test_stopwatch_stops_itself_at_the_cap(make_app, clock) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_tests(pilot)
        await pilot.press("space")
        clock.advance(50)
        await pilot.pause(0.25)  # a tick polls the runner
        screen = _screen(app)
        assert screen.tests["balance"]["left"] == 45.0
        assert "reached the cap" in _text(app, "#sw-status")
        assert screen.query_one("#in-left").value == "45"


async def test_the_stopwatch_counts_3_2_1_before_test_time(make_app, clock) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_tests(pilot)
        screen = _screen(app)
        await pilot.press("space")
        await pilot.pause(0.15)
        assert str(screen.query_one("#sw-digits").value) == "3"
        assert "Get set" in _text(app, "#sw-status")
        clock.advance(2.5)
        await pilot.pause(0.15)
        assert str(screen.query_one("#sw-digits").value) == "1"
        await pilot.press("space")  # stopped during the lead-in: nothing recorded
        await pilot.pause()
        assert screen.tests["balance"].get("left") is None
        assert "nothing recorded" in _text(app, "#sw-status")
        await pilot.press("space")
        clock.advance(LEAD_IN_S + 7.25)
        await pilot.pause(0.15)
        await pilot.press("space")
        await pilot.pause()
        assert screen.tests["balance"]["left"] == 7.2  # the lead-in is not test time


async def test_balance_keeps_the_best_of_the_tries(make_app, clock) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_tests(pilot)
        screen = _screen(app)
        for seconds in (20, 12):
            await pilot.press("space")
            clock.advance(LEAD_IN_S + seconds)
            await pilot.press("space")
            await pilot.press("x")  # back to the left side for another try
        assert screen.tests["balance"]["left"] == 20.0


async def test_leaving_mid_way_keeps_a_draft_to_continue(make_app, db_path: Path) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_tests(pilot)
        await pilot.press("tab")
        await _type(pilot, "3x")  # half-typed, not even valid yet
        await pilot.press("escape")  # leaves the box
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert isinstance(app.screen, AssessScreen)
        await pilot.press("escape", "k")
        await settle(pilot)
        assert not isinstance(app.screen, AssessScreen)
    draft = HistoryStore.open(db_path).kv(DRAFT_KEY)
    assert draft["step"] == 1 + len(RED_FLAGS) + len(QUICK_CHECKS)
    assert draft["typed"]["balance"]["left"] == "3x"
    assert draft["answers"]["dominant"] == "right"

    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "You have a draft" in _text(app, "#assess-draft")
        await pilot.press("c")
        await pilot.pause()
        screen = _screen(app)
        assert screen.step.test is not None and screen.step.test.id == "balance"
        assert screen.query_one("#in-left").value == "3x"
        assert "is not a number" in _text(app, "#err-left")
        assert screen.answers["dominant"] == "right"
        await pilot.press("escape", "d")  # discard this time
        await settle(pilot)
    assert HistoryStore.open(db_path).kv(DRAFT_KEY) is None
    assert HistoryStore.open(db_path).assessments() == []


async def test_leaving_before_any_answer_asks_nothing(make_app) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, (AssessScreen, LeaveDialog))


async def test_back_keeps_answers_and_checklists(make_app) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_tests(pilot)
        screen = _screen(app)
        await pilot.press("s", "s", "s")  # to the squat checklist
        await pilot.press("down", "space", "down", "space")  # two faults on the left
        assert "2 faults" in _text(app, "#score-left")
        await pilot.press("b")
        await pilot.pause()
        assert screen.step.test is not None and screen.step.test.id == "side_plank"
        await pilot.press("s")
        await pilot.pause()
        assert "2 faults" in _text(app, "#score-left")
        assert screen.tests["squat"]["left"] == ["knee_in", "wobble"]


async def test_past_results_and_reassess_reminder_on_the_start_page(
    make_app, db_path: Path
) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.add_assessment(
        {
            "id": "old",
            "taken_at": "2026-10-01T08:00:00+01:00",
            "verdict": "left",
            "tests": {"bridge_hold": {"left": 18, "right": 34, "lsi": 52.9}},
            "lsi": {"bridge_hold": 52.9},
            "answers": {},
            "why": [],
        },
        None,
    )
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = _text(app, "#assess-past")
        assert "2026-10-01  left weak  ·  LSI single-leg bridge hold 52.9%" in text
        assert "time to re-assess" in text


async def test_a_tiny_terminal_mid_test_loses_nothing(make_app, clock) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_tests(pilot)
        await pilot.press("space")
        clock.advance(LEAD_IN_S + 10)
        await pilot.resize_terminal(50, 14)
        await pilot.pause(0.1)
        assert isinstance(app.screen, TooSmallScreen)
        clock.advance(5)
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        screen = _screen(app)
        await pilot.press("space")
        assert screen.tests["balance"]["left"] == 15.0


def test_opens_from_the_home_key(make_app) -> None:
    import asyncio

    async def run() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, AssessScreen)

    asyncio.run(run())


# ---- snapshots ---------------------------------------------------------------------------
def test_snapshot_red_flag_stop(snap_compare, make_app) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("enter", "n", "y", "y")
        await settle(pilot)

    assert snap_compare(make_app("assess"), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_timed_test_running(snap_compare, make_app, clock) -> None:
    async def run_before(pilot: Any) -> None:
        await _to_tests(pilot)
        await pilot.press("s")  # to the bridge hold
        await pilot.press("space")
        clock.advance(LEAD_IN_S + 12.34)
        await pilot.pause(0.25)

    assert snap_compare(make_app("assess"), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_verdict(snap_compare, make_app) -> None:
    async def run_before(pilot: Any) -> None:
        await _to_tests(pilot)
        for left, right in (("40", "25"), ("34", "18"), ("62", "60")):
            await pilot.press("tab")
            await _type(pilot, left)
            await pilot.press("tab")
            await _type(pilot, right)
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("s", "s", "s")
        await settle(pilot)

    assert snap_compare(make_app("assess"), terminal_size=(80, 24), run_before=run_before)


async def test_quitting_mid_way_still_leaves_a_draft(make_app, db_path: Path) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_tests(pilot)
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    draft = HistoryStore.open(db_path).kv(DRAFT_KEY)
    assert draft["answers"]["dominant"] == "right"
    assert draft["step"] == 1 + len(RED_FLAGS) + len(QUICK_CHECKS)


async def test_enter_alone_never_answers_a_safety_question(make_app) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter", "enter")
        screen = _screen(app)
        assert screen.index == 1 and screen.red == {}
        await pilot.press("down", "enter")  # a deliberate choice: "No"
        assert screen.index == 2 and screen.red == {"saddle_numbness": "no"}


async def test_a_damaged_draft_starts_afresh_without_a_traceback(make_app, db_path: Path) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.set_kv(DRAFT_KEY, {"step": 19, "red": [1, 2], "tests": {"balance": "x"}})
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        screen = _screen(app)
        assert screen.index == 1 and screen.red == {}


async def test_skipping_while_the_stopwatch_runs_records_nothing(make_app, clock) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_tests(pilot)
        await pilot.press("space")
        clock.advance(60)
        await pilot.press("s")
        await pilot.pause(0.25)
        screen = _screen(app)
        assert screen.step.test is not None and screen.step.test.id == "bridge_hold"
        assert screen.tests["balance"] == {"skipped": True}
        assert screen.query_one("#in-left").value == ""


async def test_two_redraws_at_once_do_not_clash(make_app) -> None:
    import asyncio

    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = _screen(app)
        await asyncio.gather(screen.show_step(), screen.show_step(), screen.show_step())
        await pilot.pause()
        assert len(screen.query("#assess-intro")) == 1


async def test_enter_on_untouched_checklists_scores_nothing(make_app) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_tests(pilot)
        await pilot.press("s", "s", "s")  # skip the three timed tests
        await pilot.pause()
        screen = _screen(app)
        for test_id in ("squat", "step_down", "trendelenburg"):
            assert screen.step.test is not None and screen.step.test.id == test_id
            await pilot.press("enter")  # untouched: not an answer
            await pilot.pause()
            assert screen.step.test.id == test_id
            assert "not answered" in _text(app, "#assess-msg")
            assert screen.tests.get(test_id, {}).get("left") is None
            # "done, no faults" (or "pelvis stayed level") on both legs is an answer
            await pilot.press("down" if test_id == "trendelenburg" else "space")
            if test_id == "trendelenburg":
                await pilot.press("space")
            await pilot.press("tab", "down" if test_id == "trendelenburg" else "space")
            if test_id == "trendelenburg":
                await pilot.press("space")
            await pilot.press("enter")
            await settle(pilot)
        assert screen.step.kind == "verdict"
        assert screen.result is not None
        assert [r.id for r in screen.result.tests] == ["squat", "step_down", "trendelenburg"]
        assert screen.tests["squat"]["left"] == []
        assert screen.tests["trendelenburg"]["left"] is False


async def test_half_answered_checklist_says_which_leg(make_app) -> None:
    app = make_app("assess")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_tests(pilot)
        await pilot.press("s", "s", "s")
        await pilot.pause()
        await pilot.press("down", "space", "enter")  # a fault on the left, right untouched
        await pilot.pause()
        screen = _screen(app)
        assert screen.step.test is not None and screen.step.test.id == "squat"
        assert "right leg" in _text(app, "#assess-msg")
