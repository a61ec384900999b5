"""The verdict refinements of DOMAIN.md and the reviewer's six cases (issue 12), as tables."""

from __future__ import annotations

from typing import Any

import pytest

from glute_tui.core.assessment import is_tight, observations, score
from glute_tui.core.plan import plan_for_verdict


def t(left: Any, right: Any) -> dict[str, Any]:
    return {"left": left, "right": right}


SQ3 = ["knee_in", "wobble", "pelvis"]
SD4 = ["hands", "trunk", "pelvis", "unsteady"]


def test_case_1_tests_that_disagree_say_so_and_ask_for_a_retest() -> None:
    result = score(
        {},
        {},
        {
            "bridge_hold": t(10, 40),
            "balance": t(8, 45),
            "step_down": t([], SD4),
            "trendelenburg": t(False, True),
        },
    )
    assert result.verdict == "both"
    assert result.disagree
    text = " ".join(result.why)
    assert "disagree" in text and "retest" in text
    assert "bridge hold" in text and "step-down" in text


@pytest.mark.parametrize(
    ("answers", "first"),
    [
        ({"less_stable": "right", "dominant": "right"}, "right"),
        ({"less_stable": "left"}, "left"),
        ({"dominant": "left"}, "right"),
        ({}, None),
    ],
)
def test_case_2_a_one_second_gap_does_not_pick_the_starting_side(
    answers: dict[str, Any], first: str | None
) -> None:
    tests = {"bridge_hold": t(12, 13), "squat": t(SQ3, SQ3), "step_down": t(SD4, SD4)}
    result = score({}, answers, tests)
    assert result.verdict == "both"
    assert result.weaker == first


def test_case_3_one_test_far_off_is_never_silently_balanced() -> None:
    tests = {
        "bridge_hold": t(5, 60),
        "balance": t(40, 41),
        "side_plank": t(60, 60),
        "squat": t([], []),
        "step_down": t([], []),
        "trendelenburg": t(False, False),
    }
    result = score({}, {}, tests)
    assert result.verdict == "balanced"
    assert result.retest == ("bridge_hold",)
    assert result.weaker == "left"
    assert "retest" in result.headline.lower() or "disagrees" in result.headline
    text = " ".join(result.why)
    assert "single-leg bridge hold" in text and "physio" in text
    assert "No test showed a gap" not in text


def test_case_4_trendelenburg_on_both_legs_fails_both_sides() -> None:
    tests = {"trendelenburg": t(True, True), "squat": t(["wobble"], [])}
    result = score({}, {}, tests)
    assert result.verdict == "both"
    assert result.weaker == "left"


@pytest.mark.parametrize(
    ("tests", "verdict"),
    [
        ({"bridge_hold": t(95, 106), "side_plank": t(100, 111)}, "balanced"),  # case 5
        ({"bridge_hold": t(90, 106), "side_plank": t(100, 115)}, "left"),  # 84.9% and 87%
        ({"bridge_hold": t(60, 71), "side_plank": t(50, 61)}, "left"),  # 84.5%, 82%
        ({"bridge_hold": t(100, 111), "side_plank": t(110, 121)}, "balanced"),
    ],
)
def test_case_5_the_ten_second_gap_counts_only_under_90_percent(
    tests: dict[str, Any], verdict: str
) -> None:
    result = score({}, {}, tests)
    assert result.verdict == verdict
    if verdict == "balanced":
        assert result.weaker is None  # an 11 s gap at LSI 90% does not pick a side


def test_ten_second_gap_still_fails_under_90_percent() -> None:
    # 70 vs 82 s: LSI 85.4% (not under 85) but 12 s shorter and under 90%: a fail
    result = score({}, {}, {"bridge_hold": t(70, 82), "side_plank": t(70, 82)})
    assert result.verdict == "left"


@pytest.mark.parametrize(
    ("signs", "tight"),
    [([], False), (["tension"], False), (["tension", "slouch"], True)],
)
def test_one_tight_sign_is_not_a_tight_verdict(signs: list[str], tight: bool) -> None:
    assert is_tight({"tight_signs": signs}) is tight
    result = score({}, {"tight_signs": signs}, {"bridge_hold": t(30, 30)})
    assert result.tight is tight


def test_the_verdict_says_tested_weaker_not_a_diagnosis() -> None:
    result = score({}, {}, {"bridge_hold": t(18, 34), "balance": t(20, 40)})
    assert result.headline == "Your left side tested weaker"
    assert "is the weaker" not in result.headline


def test_one_observation_claims_become_plain_observations() -> None:
    notes = observations(
        {
            "squat_feel": "quads",
            "sit_to_stand": "lower_back",
            "bench_sit": "drop",
            "squat_notice": ["shift"],
        }
    )
    assert len(notes) == 4
    for note in notes:
        for claim in ("points to", "sign", "protects", "often", "tire"):
            assert claim not in note, note


def test_one_side_only_and_the_two_to_one_note_agree() -> None:
    plan = plan_for_verdict("left", "left")
    assert plan is not None and plan.sides_label() == "left side only"
    notes = " ".join(plan.notes)
    assert "strength stage" in notes
    assert "twice the volume" in notes
    assert "only the left side" in notes
