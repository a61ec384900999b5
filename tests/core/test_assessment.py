"""The assessment scoring, table by table: every verdict, ties, zeros, caps, skips, red flags."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glute_tui.core.assessment import (
    LEAD_IN_S,
    QUICK_CHECKS,
    RED_FLAGS,
    TEST_SPECS,
    fault_points,
    hold_record,
    lsi,
    measured_seconds,
    parse_seconds,
    reassess_on,
    score,
    stopwatch_timeline,
    summary_line,
    to_record,
)
from glute_tui.core.plan import plan_for_verdict
from glute_tui.core.records import validate_assessment
from glute_tui.core.runner import Runner


def t(left: Any, right: Any) -> dict[str, Any]:
    return {"left": left, "right": right}


SKIP = {"skipped": True}
SQ = ["knee_in", "wobble", "pelvis", "trunk"]


# (name, tests, answers, verdict, weaker, enough)
CASES: list[tuple[str, dict[str, Any], dict[str, Any], str, str | None, bool]] = [
    # -- one side weak ---------------------------------------------------------------------
    (
        "right weak: bridge and plank",
        {"bridge_hold": t(34, 18), "side_plank": t(60, 40)},
        {},
        "right",
        "right",
        True,
    ),
    (
        "left weak: bridge and balance",
        {"bridge_hold": t(18, 34), "balance": t(20, 40)},
        {},
        "left",
        "left",
        True,
    ),
    (
        "left weak: squat 1 worse and Trendelenburg",
        {"squat": t(["wobble"], []), "trendelenburg": t(True, False)},
        {},
        "left",
        "left",
        True,
    ),
    (
        "right weak: step-down 2 worse and plank",
        {"step_down": t([], ["hands", "trunk"]), "side_plank": t(50, 30)},
        {},
        "right",
        "right",
        True,
    ),
    (
        "right weak: 3 fails vs 1",
        {
            "bridge_hold": t(40, 20),
            "side_plank": t(60, 40),
            "balance": t(45, 30),
            "trendelenburg": t(True, False),
        },
        {},
        "right",
        "right",
        True,
    ),
    (
        "left weak: knee inside the foot scores 2",
        {"step_down": t(["knee_foot"], []), "bridge_hold": t(20, 35)},
        {},
        "left",
        "left",
        True,
    ),
    (
        "left weak: 0 s vs more is LSI 0",
        {"bridge_hold": t(0, 25), "side_plank": t(0, 30)},
        {},
        "left",
        "left",
        True,
    ),
    (
        "right weak even though the left reached the cap",
        {"balance": t(45, 20), "side_plank": t(120, 80)},
        {},
        "right",
        "right",
        True,
    ),
    # -- both weak -------------------------------------------------------------------------
    (
        "both: bridge under 20 s on both sides",
        {"bridge_hold": t(12, 15), "balance": t(30, 30)},
        {},
        "both",
        "left",
        True,
    ),
    (
        "both: step-down poor on both",
        {
            "step_down": t(
                ["hands", "trunk", "pelvis", "unsteady"], ["hands", "trunk", "pelvis", "knee_foot"]
            ),
            "side_plank": t(40, 40),
        },
        {},
        "both",
        "right",
        True,
    ),
    (
        "both: squat poor on both",
        {"squat": t(SQ, SQ[:3]), "balance": t(30, 31)},
        {},
        "both",
        "left",
        True,
    ),
    (
        "both: two fails each side",
        {
            "bridge_hold": t(10, 30),
            "balance": t(10, 30),
            "side_plank": t(60, 20),
            "trendelenburg": t(True, True),
        },
        {},
        "both",
        "left",
        True,
    ),
    (
        "both floors beat one-sided fails",
        {"bridge_hold": t(5, 19), "side_plank": t(10, 40)},
        {},
        "both",
        "left",
        True,
    ),
    (
        "both: 0 s on both bridges is under the floor",
        {"bridge_hold": t(0, 0), "balance": t(20, 20)},
        {"dominant": "left"},
        "both",
        "right",
        True,
    ),
    (
        "not both: one floor test low, another fine",
        {"bridge_hold": t(15, 15), "step_down": t([], [])},
        {},
        "balanced",
        None,
        True,
    ),
    # -- balanced --------------------------------------------------------------------------
    (
        "balanced: equal everywhere",
        {"bridge_hold": t(30, 30), "side_plank": t(45, 45)},
        {},
        "balanced",
        None,
        True,
    ),
    (
        "balanced: a single fail is not enough",
        {"bridge_hold": t(20, 40), "side_plank": t(45, 45)},
        {},
        "balanced",
        "left",
        True,
    ),
    (
        "balanced: one fail each side",
        {"bridge_hold": t(20, 40), "side_plank": t(60, 30)},
        {"dominant": "right"},
        "balanced",
        "left",
        True,
    ),
    (
        "balanced: LSI exactly 85 does not fail",
        {"balance": t(34, 40), "side_plank": t(85, 100)},
        {},
        "balanced",
        "left",
        True,
    ),
    (
        "balanced: gap of exactly 10 s does not fail",
        {"bridge_hold": t(100, 110), "side_plank": t(110, 120)},
        {},
        "balanced",
        None,  # LSI 90% or more: the gap picks no side
        True,
    ),
    (
        "balanced: both capped",
        {"balance": t(45, 45), "side_plank": t(120, 120)},
        {},
        "balanced",
        None,
        True,
    ),
    (
        "balanced: small gaps",
        {"balance": t(40, 43), "bridge_hold": t(30, 33)},
        {},
        "balanced",
        None,  # LSI 90% or more: the gap picks no side
        True,
    ),
    (
        "balanced: squat equal faults",
        {"squat": t(["wobble"], ["trunk"]), "step_down": t(["hands"], [])},
        {},
        "balanced",
        "left",
        True,
    ),
    (
        "balanced: step-down 1 worse is not a fail",
        {"step_down": t(["hands"], []), "squat": t([], [])},
        {"less_stable": "right"},
        "balanced",
        "left",
        True,
    ),
    (
        "balanced: Trendelenburg alone",
        {"trendelenburg": t(False, True), "balance": t(30, 30)},
        {},
        "balanced",
        "right",
        True,
    ),
    (
        "tie broken by the less steady leg",
        {"balance": t(30, 30), "side_plank": t(40, 40)},
        {"less_stable": "right", "dominant": "right"},
        "balanced",
        "right",
        True,
    ),
    (
        "tie broken by the non-dominant leg",
        {"balance": t(30, 30), "side_plank": t(40, 40)},
        {"dominant": "right"},
        "balanced",
        "left",
        True,
    ),
    # -- skipped and too little evidence ---------------------------------------------------
    ("only one test done", {"bridge_hold": t(10, 40)}, {}, "balanced", "left", False),
    (
        "only one test, others skipped",
        {"bridge_hold": t(10, 40), "balance": SKIP, "side_plank": SKIP},
        {},
        "balanced",
        "left",
        False,
    ),
    ("nothing done", {}, {"dominant": "left"}, "balanced", "right", False),
    (
        "one side only counts as not done",
        {"bridge_hold": t(10, None), "side_plank": t(20, 40)},
        {},
        "balanced",
        "left",
        False,
    ),
    (
        "skipped flag wins over values",
        {
            "bridge_hold": {"left": 5, "right": 40, "skipped": True},
            "side_plank": t(30, 30),
            "balance": t(30, 30),
        },
        {},
        "balanced",
        None,
        True,
    ),
    ("only one test, both under the floor", {"bridge_hold": t(10, 12)}, {}, "both", "left", False),
    (
        "bad values are not measurements",
        {"bridge_hold": t("x", 30), "balance": t(-1, 30), "side_plank": t(True, 20)},
        {},
        "balanced",
        None,
        False,
    ),
    (
        "over-cap values are clamped to the cap",
        {"balance": t(80, 45), "side_plank": t(200, 120)},
        {},
        "balanced",
        None,
        True,
    ),
]


@pytest.mark.parametrize(
    ("tests", "answers", "verdict", "weaker", "enough"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_verdicts(
    tests: dict[str, Any], answers: dict[str, Any], verdict: str, weaker: str | None, enough: bool
) -> None:
    result = score({}, answers, tests)
    assert result.verdict == verdict
    assert result.weaker == weaker
    assert result.enough is enough
    if not enough:
        assert any("Too little to go on" in line for line in result.why)


def test_at_least_thirty_scoring_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("flag", [q.id for q in RED_FLAGS])
def test_any_red_flag_overrides_a_clear_result(flag: str) -> None:
    tests = {"bridge_hold": t(10, 40), "side_plank": t(10, 40), "balance": t(10, 40)}
    result = score({flag: "yes"}, {"tight_signs": ["tension"]}, tests)
    assert result.verdict == "red_flag"
    assert result.weaker is None
    assert result.tests == ()
    assert result.red_flags == (flag,)
    assert plan_for_verdict(result.verdict, result.weaker) is None


def test_no_answers_to_red_flags_are_not_flags() -> None:
    result = score({q.id: "no" for q in RED_FLAGS}, {}, {"bridge_hold": t(30, 30)})
    assert result.verdict == "balanced"


def test_why_names_the_numbers_and_lsi() -> None:
    result = score({}, {}, {"bridge_hold": t(34, 18), "side_plank": t(60, 40)})
    assert "Right single-leg bridge hold 18 s vs 34 s, LSI 52.9%" in result.why
    assert result.fails == {"left": (), "right": ("bridge_hold", "side_plank")}
    assert result.rests_on == ("bridge_hold", "side_plank")
    assert set(result.skipped) == {"balance", "squat", "step_down", "trendelenburg"}


def test_why_says_when_the_stronger_side_hit_the_cap() -> None:
    result = score({}, {}, {"balance": t(45, 20), "side_plank": t(50, 30)})
    line = next(x for x in result.why if "balance" in x)
    assert "reached the 45 s cap" in line
    assert result.tests[0].capped == ("left",)


def test_zero_on_both_sides_has_no_lsi() -> None:
    result = score({}, {}, {"side_plank": t(0, 0), "balance": t(20, 20)})
    plank = next(r for r in result.tests if r.id == "side_plank")
    assert plank.lsi is None and plank.fails == ()
    assert "no LSI" in plank.line


@pytest.mark.parametrize(
    ("answers", "tight"),
    [
        ({"tight_signs": ["tension", "soreness"]}, True),
        ({"tight_signs": ["tension"]}, False),  # one sign is not a tight verdict
        ({"tight_signs": []}, False),
        ({}, False),
    ],
)
def test_tight_signs_add_release_work(answers: dict[str, Any], tight: bool) -> None:
    result = score({}, answers, {"bridge_hold": t(30, 30), "balance": t(30, 30)})
    assert result.tight is tight
    plan = plan_for_verdict(result.verdict, result.weaker, tight=result.tight)
    assert plan is not None
    assert ("contract_relax" in plan.extras) is tight
    assert any("contract/relax" in n for n in plan.notes) is tight
    assert any("contract/relax" in w for w in result.why) is tight


def test_lsi() -> None:
    assert lsi(18, 34) == 52.9
    assert lsi(34, 18) == 52.9
    assert lsi(0, 10) == 0.0
    assert lsi(0, 0) is None
    assert lsi(45, 45) == 100.0


def test_step_down_knee_inside_foot_includes_the_toe_point() -> None:
    spec = TEST_SPECS["step_down"]
    assert fault_points(spec, ["knee_toe"]) == 1
    assert fault_points(spec, ["knee_foot"]) == 2
    assert fault_points(spec, ["knee_toe", "knee_foot"]) == 2
    assert fault_points(spec, ["hands", "trunk", "pelvis", "knee_foot", "unsteady"]) == 6
    assert fault_points(spec, None) is None


@pytest.mark.parametrize(
    ("text", "value", "error"),
    [
        ("", None, None),
        ("  ", None, None),
        ("12", 12.0, None),
        ("12.34", 12.3, None),
        ("12,5", 12.5, None),
        ("30 s", 30.0, None),
        ("0", 0.0, None),
        ("45", 45.0, None),
        ("45.1", None, "the most this test counts is 45 s"),
        ("-1", None, "seconds cannot be negative"),
        ("abc", None, "'abc' is not a number of seconds"),
        ("nan", None, "'nan' is not a number of seconds"),
        ("inf", None, "'inf' is not a number of seconds"),
        ("1e9", None, "the most this test counts is 45 s"),
    ],
)
def test_parse_seconds(text: str, value: float | None, error: str | None) -> None:
    assert parse_seconds(text, 45.0) == (value, error)


def test_stopwatch_on_the_runner_stops_at_the_key_or_the_cap() -> None:
    now = [100.0]
    runner = Runner(stopwatch_timeline("bridge_hold", "left", 120), lambda: now[0])
    runner.start()
    now[0] += LEAD_IN_S + 18.47
    record = hold_record(runner.skip())
    assert record is not None
    assert measured_seconds(record.active_s, record.ended_by, 120) == 18.4
    runner = Runner(stopwatch_timeline("balance", "right", 45), lambda: now[0])
    runner.start()
    now[0] += 300
    record = hold_record(runner.poll())
    assert record is not None
    assert record.ended_by == "planned"
    assert measured_seconds(record.active_s, record.ended_by, 45) == 45


def test_stopwatch_counts_3_2_1_before_test_time_starts() -> None:
    now = [100.0]
    runner = Runner(stopwatch_timeline("balance", "left", 45), lambda: now[0])
    runner.start()
    current = runner.current
    assert current is not None and current.kind == "prepare" and LEAD_IN_S == 3
    now[0] += 2.9
    assert hold_record(runner.poll()) is None  # still setting up on one leg
    now[0] += 0.1 + 10
    current = runner.current
    record = hold_record(runner.skip())
    assert record is not None
    assert measured_seconds(record.active_s, record.ended_by, 45) == 10  # not 13


def test_record_follows_the_export_contract() -> None:
    answers = {"dominant": "right", "tight_signs": ["tension", "slouch"]}
    result = score(
        {"cancer": "no"},
        answers,
        {"bridge_hold": t(34, 18), "side_plank": t(60, 40), "squat": t(["wobble"], [])},
    )
    record = to_record(
        result,
        assessment_id="a1",
        taken_at="2026-11-20T18:30:00+01:00",
        red_flags={"cancer": "no"},
        answers=answers,
    )
    validate_assessment(record)
    assert record["tests"]["bridge_hold"] == {
        "left": 34.0,
        "right": 18.0,
        "lsi": 52.9,
        "fails": ["right"],
    }
    assert record["tests"]["squat"]["lsi"] is None
    assert record["lsi"] == {"bridge_hold": 52.9, "side_plank": 66.7}
    assert record["answers"]["red_flags"] == []
    assert record["weaker"] == "right" and record["tight"] is True
    assert "balance" in record["skipped"]
    line = summary_line(record)
    assert line.startswith("2026-11-20  right weak")
    assert "single-leg bridge hold 52.9%" in line


def test_plan_notes_carry_the_two_to_one_rule_and_the_reassess_day() -> None:
    day = reassess_on("2026-11-20T18:30:00+01:00", 28).isoformat()
    assert day == "2026-12-18"
    plan = plan_for_verdict("left", "left", reassess_on=day)
    assert plan is not None
    assert plan.hold_sides == ("left",)
    assert any("twice the volume" in n for n in plan.notes)
    assert any("2026-12-18" in n for n in plan.notes)
    both = plan_for_verdict("both", "right")
    assert both is not None and both.hold_sides == ("right", "left")
    assert any("start each exercise on the right" in n for n in both.notes)


def test_questions_are_well_formed() -> None:
    ids = [q.id for q in (*RED_FLAGS, *QUICK_CHECKS)]
    assert len(ids) == len(set(ids))
    for q in (*RED_FLAGS, *QUICK_CHECKS):
        assert q.kind in ("one", "many")
        assert len(q.options) >= 2


# ---- properties: any input scores without error, and mirroring swaps the sides -----------
_side_value = {
    "balance": st.one_of(st.none(), st.floats(0, 60, allow_nan=False)),
    "bridge_hold": st.one_of(st.none(), st.floats(0, 150, allow_nan=False)),
    "side_plank": st.one_of(st.none(), st.integers(0, 150)),
    "squat": st.one_of(st.none(), st.lists(st.sampled_from(SQ), unique=True)),
    "step_down": st.one_of(
        st.none(),
        st.lists(
            st.sampled_from(["hands", "trunk", "pelvis", "knee_toe", "knee_foot", "unsteady"]),
            unique=True,
        ),
    ),
    "trendelenburg": st.one_of(st.none(), st.booleans()),
}
_tests = st.fixed_dictionaries(
    {},
    optional={
        k: st.fixed_dictionaries({"left": v, "right": v, "skipped": st.booleans()})
        for k, v in _side_value.items()
    },
)
_MIRROR = {"left": "right", "right": "left"}


@settings(max_examples=300, deadline=None)
@given(_tests)
def test_mirrored_tests_give_the_mirrored_verdict(tests: dict[str, Any]) -> None:
    result = score({}, {}, tests)
    assert result.verdict in ("left", "right", "both", "balanced")
    assert set(result.rests_on) | set(result.skipped) == set(TEST_SPECS)
    mirrored = {k: {**v, "left": v["right"], "right": v["left"]} for k, v in tests.items()}
    flipped = score({}, {}, mirrored)
    assert flipped.verdict == _MIRROR.get(result.verdict, result.verdict)
    assert flipped.fails == {"left": result.fails["right"], "right": result.fails["left"]}
    if result.verdict in ("left", "right"):
        assert len(result.fails[result.verdict]) >= 2
