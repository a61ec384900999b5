"""The safety rules: screening, clearances, the injury stop, pauses and the pain answers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from glute_tui.core import safety
from glute_tui.core.assessment import RED_FLAGS, score, summary_line, to_record
from glute_tui.core.pauses import ended_pause, pause_question, pause_today
from glute_tui.core.plan import red_flag_stop
from glute_tui.core.records import validate_assessment


def screen(at: str, **yes: str) -> dict[str, Any]:
    answers = {f: "no" for f in safety.RED_FLAG_IDS} | yes
    return safety.screening_record(answers, record_id=f"s-{at}", taken_at=at)


def clear(at: str, *covers: str, injury: bool = False) -> dict[str, Any]:
    return safety.clearance_record(record_id=f"c-{at}", taken_at=at, covers=covers, injury=injury)


def full(at: str, verdict: str = "balanced") -> dict[str, Any]:
    return {"id": f"a-{at}", "taken_at": at, "verdict": verdict, "answers": {}, "tests": {}}


T1, T2, T3 = "2026-03-01T08:00:00+00:00", "2026-03-10T08:00:00+00:00", "2026-03-20T08:00:00+00:00"


def test_time_bound_questions_ask_their_time_frame() -> None:
    for flag in safety.RED_FLAGS:
        if flag.time_frame is not None:
            assert flag.time_frame in flag.prompt, flag.id
    trauma = next(f for f in safety.RED_FLAGS if f.id == "major_trauma")
    assert "a fall or a crash in the last few weeks" in trauma.prompt
    assert trauma.time_frame == "the last few weeks"


def test_cancer_and_leg_questions_are_asked_as_a_clinician_would() -> None:
    by_id = {f.id: f for f in safety.RED_FLAGS}
    assert "diagnosed with cancer" in by_id["cancer"].prompt
    assert "treated" not in by_id["cancer"].prompt.split(",")[0]  # not "ever treated for"
    leg = by_id["below_knee"].prompt
    assert "spread" in leg and "past the knee" in leg and "tingling" in leg


def test_the_assessment_asks_the_same_red_flags() -> None:
    assert [q.id for q in RED_FLAGS] == list(safety.RED_FLAG_IDS)
    assert [q.prompt for q in RED_FLAGS] == [f.prompt for f in safety.RED_FLAGS]


def test_needs_screening_until_any_record_answered_the_red_flags() -> None:
    assert safety.needs_screening([])
    assert safety.needs_screening([clear(T1, "cancer")])  # a clearance alone screens nothing
    assert not safety.needs_screening([screen(T1)])
    assert not safety.needs_screening([screen(T1, night_pain="yes")])
    assert not safety.needs_screening([full(T1)])
    assert not safety.needs_screening([full(T1, "red_flag")])


def test_screening_records_validate_and_name_their_flags() -> None:
    rec = validate_assessment(screen(T1, cancer="yes", saddle_numbness="yes"))
    assert rec["verdict"] == "red_flag" and rec["kind"] == "screening"
    assert rec["answers"]["red_flags"] == ["saddle_numbness", "cancer"]  # question order
    ok = validate_assessment(screen(T1))
    assert ok["verdict"] == "screening" and ok["answers"]["red_flags"] == []
    assert ok["answers"]["red_flag_answers"]["cancer"] == "no"
    assert summary_line(ok).endswith("safety check: no red flag")


def test_a_clearance_is_a_dated_assessment_record() -> None:
    rec = validate_assessment(clear(T2, "cancer"))
    assert rec["verdict"] == "cleared"
    assert rec["clearance"] == {
        "statement": "A clinician has checked this and cleared me to exercise.",
        "on": "2026-03-10",
        "covers": ["cancer"],
    }
    assert safety.clearances([full(T1), rec]) == [rec["clearance"]]
    assert "cleared by a clinician" in summary_line(rec)


@pytest.mark.parametrize(
    ("records", "stopped"),
    [
        ([], False),
        ([screen(T1)], False),
        ([screen(T1, cancer="yes")], True),
        ([screen(T1, cancer="yes"), clear(T2, "cancer")], False),  # cleared after the flag
        ([clear(T1, "cancer"), screen(T2, cancer="yes")], True),  # a clearance before: no
        ([screen(T1, cancer="yes"), clear(T2, "cancer"), screen(T3, night_pain="yes")], True),
        ([screen(T1, cancer="yes"), screen(T2)], False),  # a newer all-no screen
        ([full(T1, "red_flag"), clear(T2, "night_pain")], False),
        ([full(T1, "red_flag"), clear(T2, injury=True)], True),  # injury clearance: not a flag
        ([full(T1, "red_flag"), full(T2)], False),
        ([full(T2, "red_flag"), full(T1)], True),  # order in the list does not matter
    ],
)
def test_red_flag_stop_honours_a_clearance_newer_than_the_flag(
    records: list[dict[str, Any]], stopped: bool
) -> None:
    assert (safety.red_flag_stop(records) is not None) is stopped
    assert (red_flag_stop(records) is not None) is stopped  # the plan's name still works


def test_active_red_flag_says_which_and_whether_urgent() -> None:
    state = safety.active_red_flag([screen(T1, bladder_bowel="yes")])
    assert state is not None and state.urgent and state.taken_at == T1
    assert state.lines() == ("a new change in bladder or bowel control",)
    calm = safety.active_red_flag([screen(T1, cancer="yes")])
    assert calm is not None and not calm.urgent


def test_a_full_assessment_red_flag_is_lifted_by_a_clearance() -> None:
    result = score({"night_pain": "yes"}, {}, {})
    rec = to_record(
        result, assessment_id="a", taken_at=T1, red_flags={"night_pain": "yes"}, answers={}
    )
    assert safety.active_red_flag([rec]) is not None
    assert safety.active_red_flag([rec, clear(T2, "night_pain")]) is None


def test_an_unhealed_injury_stops_unless_a_professional_cleared_it() -> None:
    assert safety.injury_stop(False, False) is None
    assert safety.injury_stop(True, True) is None
    stop = safety.injury_stop(True, False)
    assert stop is not None and "stop" in stop and "professional" in stop
    rec = validate_assessment(clear(T1, injury=True))
    assert rec["clearance"]["covers"] == ["injury"]
    assert "professional" in rec["clearance"]["statement"]


def test_an_injury_pause_today_is_found_and_can_end() -> None:
    pauses = [{"start": "bad"}, {"start": "2026-03-01", "end": "2026-03-09"}]
    assert pause_today(pauses, date(2026, 2, 28)) is None
    p = pause_today(pauses, date(2026, 3, 5))
    assert p == {"start": "2026-03-01", "end": "2026-03-09"}
    assert "2026-03-01" in pause_question(p) and "end today" in pause_question(p)
    assert ended_pause(p, date(2026, 3, 5)) == {"start": "2026-03-01", "end": "2026-03-04"}
    assert ended_pause(p, date(2026, 3, 1)) is None


@pytest.mark.parametrize(
    ("text", "value", "error"),
    [
        ("", None, False),
        ("  ", None, False),
        ("0", 0, False),
        ("10", 10, False),
        ("11", None, True),
        ("-1", None, True),
        ("a", None, True),
        ("2.5", None, True),
    ],
)
def test_an_empty_pain_box_is_not_answered_never_zero(
    text: str, value: int | None, error: bool
) -> None:
    got, message = safety.parse_pain(text)
    assert got == value and (message is not None) is error


def test_the_usual_morning_needs_answers_and_invents_no_zero() -> None:
    assert safety.usual_morning([]) is None
    assert safety.usual_morning([None, None]) is None
    assert safety.usual_morning([2, None, 4, 3]) == 3
    assert safety.usual_morning([9] * 3 + [1] * 7) == 1  # the last 7 only


def test_a_morning_of_8_is_never_followed_by_a_silent_start() -> None:
    check = safety.session_check(2, 8)
    assert check.confirm and check.load_down
    assert any("8/10" in line for line in check.lines)


def test_a_rise_of_two_over_the_usual_morning_goes_lighter() -> None:
    check = safety.session_check(1, 4, usual=2)
    assert check.load_down and check.confirm
    assert any("2 points above your usual 2/10" in line for line in check.lines)
    assert not safety.session_check(1, 3, usual=2).load_down


def test_has_not_got_worse_is_said_only_with_a_baseline() -> None:
    with_base = safety.session_check(1, 2, usual=2)
    assert any("has not got worse" in line for line in with_base.lines)
    without = safety.session_check(1, 2)
    assert not any("worse" in line for line in without.lines)
    assert not without.confirm


def test_pain_before_not_answered_or_high() -> None:
    assert any("right now" in line for line in safety.session_check(None, None).lines)
    high = safety.session_check(6, None)
    assert high.confirm and not high.load_down
    assert not safety.session_check(5, None).confirm


@pytest.mark.parametrize(("pain", "said"), [(None, False), (0, False), (5, False), (6, True)])
def test_pain_above_five_after_a_session_gets_a_plain_response(
    pain: int | None, said: bool
) -> None:
    text = safety.after_session_response(pain)
    assert (text is not None) is said
    if text is not None:
        assert f"{pain}/10" in text and "Tomorrow morning" in text and "clinician" in text


def test_an_unanswered_pain_box_is_said_as_it_is_and_starts() -> None:
    """Left empty, the box is "not answered" and the session may start (saved as null); the
    check's words, shown in a yes/no question, say so and ask for no typing there."""
    check = safety.session_check(None, 8)
    assert check.confirm  # this morning's 8 asks, as ever
    (now,) = [line for line in check.lines if "right now" in line]
    assert "not answered" in now and "Type" not in now
    assert not safety.session_check(None, None).confirm
    assert not hasattr(safety, "may_start")  # the start never waits for the box
