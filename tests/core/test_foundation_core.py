"""Records, the hold timeline's shape, the demo generator and day counting."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from glute_tui.core.demo import generate
from glute_tui.core.plan import Plan, plan_for_verdict
from glute_tui.core.progress import counts_by_day, today_counts
from glute_tui.core.records import RecordError, local_day, session_row, validate_session
from glute_tui.core.timeline import HoldSettings, build_hold_timeline
from glute_tui.store import shipped

NOW = datetime(2026, 11, 20, 18, 30, tzinfo=timezone(timedelta(hours=1)))


def test_hold_timeline_one_side() -> None:
    proto = shipped.protocols().hold
    plan = plan_for_verdict("right")
    assert plan is not None
    tl = build_hold_timeline(plan, shipped.library(), proto, HoldSettings.defaults(proto))
    kinds = [p.kind for p in tl.phases]
    assert kinds[0] == "prepare"
    holds = [p for p in tl.phases if p.kind == "hold"]
    assert len(holds) == 30 and {p.side for p in holds} == {"right"}
    assert [p.exercise for p in holds[::10]] == ["iso_standing", "iso_seated", "iso_prone"]
    assert kinds.count("rest") == 27  # no rest after the last hold of a position
    assert kinds.count("transition") == 2
    assert all(p.planned_s == 3 for p in holds)
    rests = [p for p in tl.phases if p.kind == "rest"]
    assert all((r.planned_s, r.min_s, r.max_s) == (4, 3, 5) for r in rests)


def test_hold_timeline_both_sides_weaker_first_and_bounded_settings() -> None:
    proto = shipped.protocols().hold
    plan = plan_for_verdict("both", weaker="right")
    assert plan is not None
    tl = build_hold_timeline(plan, shipped.library(), proto, HoldSettings(99, 0.1, 60))
    holds = [p for p in tl.phases if p.kind == "hold"]
    assert len(holds) == 3 * 2 * 15  # reps clamped to 15
    assert holds[0].side == "right" and holds[15].side == "left"
    assert all(p.planned_s == 2 for p in holds)  # hold clamped up to 2 s
    assert {p.planned_s for p in tl.phases if p.kind == "rest"} == {5}
    assert [p.kind for p in tl.phases].count("switch") == 3


def test_red_flag_makes_no_plan() -> None:
    assert plan_for_verdict("red_flag") is None
    assert Plan().needs_assessment


def test_local_day_uses_the_recorded_offset() -> None:
    assert local_day("2026-11-20T23:50:00+01:00") == date(2026, 11, 20)
    assert local_day("2026-11-20T23:50:00-08:00") == date(2026, 11, 20)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"routine": "yoga"}, "routine"),
        ({"started_at": "2026-11-20 08:00"}, "started_at"),
        ({"started_at": "2026-11-20T08:00:00"}, "no UTC offset"),
        ({"ended_at": "2026-11-19T08:00:00+00:00"}, "ended_at: is before"),
        ({"status": "done"}, "status"),
        ({"stop_reason": "bored"}, "stop_reason"),
        ({"pain_before": 11}, "pain_before"),
        ({"effort": True}, "effort"),
        ({"phases": {}}, "phases"),
        ({"id": ""}, "id"),
    ],
)
def test_session_validation_names_the_field(change: dict, field: str) -> None:
    base = {
        "id": "a",
        "routine": "hold",
        "started_at": "2026-11-20T08:00:00+00:00",
        "ended_at": "2026-11-20T08:05:00+00:00",
        "status": "completed",
        "stop_reason": "planned_end",
        "pain_before": 0,
        "pain_after": 0,
        "effort": 3,
        "phases": [],
    }
    with pytest.raises(RecordError, match=field):
        validate_session({**base, **change})


def test_demo_is_deterministic_and_realistic() -> None:
    lib, proto = shipped.library(), shipped.protocols()
    a = generate(lib, proto, years=0.5, seed=1, now=NOW)
    b = generate(lib, proto, years=0.5, seed=1, now=NOW)
    assert a.sessions == b.sessions and a.assessments == b.assessments
    assert generate(lib, proto, years=0.5, seed=2, now=NOW).sessions != a.sessions
    rows = [session_row(validate_session(s)) for s in a.sessions]
    days = counts_by_day(rows)
    span = 183
    hold_days = sum(1 for h, _ in days.values() if h >= 2)
    circuit_days = sum(1 for _, c in days.values() if c >= 1)
    assert 0.5 * span < hold_days < 0.95 * span
    assert 0.5 * span < circuit_days < 0.95 * span
    assert {s["status"] for s in a.sessions} >= {"completed", "stopped"}
    assert len(a.assessments) >= 3
    assert all(s["ended_at"] <= NOW.isoformat() for s in a.sessions)
    assert any(
        day not in days
        for day in ((NOW.date() - timedelta(days=i)).isoformat() for i in range(span))
    ), "a realistic history has missed days"


def test_today_counts() -> None:
    rows = [
        {"day": "2026-11-20", "routine": "hold", "status": "completed"},
        {"day": "2026-11-20", "routine": "hold", "status": "stopped"},
        {"day": "2026-11-20", "routine": "circuit", "status": "completed"},
        {"day": "2026-11-19", "routine": "hold", "status": "completed"},
    ]
    assert today_counts(counts_by_day(rows), date(2026, 11, 20)) == (1, 1)
    assert today_counts(counts_by_day(rows), date(2026, 11, 21)) == (0, 0)


def test_demo_assessments_agree_with_their_verdicts() -> None:
    demo = generate(shipped.library(), shipped.protocols(), years=3, seed=4, now=NOW)
    for a in demo.assessments:
        bridge = a["tests"]["bridge_hold"]
        if a["verdict"] == "both":
            assert bridge["left"] < 20 and bridge["right"] < 20
        elif a["verdict"] in ("left", "right"):
            other = "right" if a["verdict"] == "left" else "left"
            assert bridge[other] - bridge[a["verdict"]] > 10
        else:
            assert abs(bridge["left"] - bridge["right"]) <= 3
    assert {a["verdict"] for a in demo.assessments} >= {"both", "balanced"}


def test_a_red_flag_stops_training_until_a_newer_assessment() -> None:
    from glute_tui.core.plan import red_flag_stop

    older = {"taken_at": "2026-10-01T08:00:00+01:00", "verdict": "right"}
    flag = {"taken_at": "2026-11-01T08:00:00+01:00", "verdict": "red_flag"}
    newer = {"taken_at": "2026-11-15T08:00:00+01:00", "verdict": "balanced"}
    assert red_flag_stop([]) is None
    assert red_flag_stop([older]) is None
    stop = red_flag_stop([older, flag])
    assert stop is not None and "clinician" in stop
    assert red_flag_stop([flag, older]) is not None  # order in the list does not matter
    assert red_flag_stop([older, flag, newer]) is None
