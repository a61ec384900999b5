"""The programme: table tests for each rule, and hypothesis properties over random histories."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glute_tui.core.programme import (
    STAGES,
    Checkpoint,
    DaySession,
    History,
    MorningPain,
    ProgrammeError,
    Settings,
    StageChange,
    Today,
    Verdict,
    checkpoint,
    dose,
    evaluate,
    parse_programme,
    read_settings,
    setting_problem,
    walk,
)
from glute_tui.core.records import routine_ids

RAW = json.loads((Path(__file__).parents[2] / "data" / "programme.json").read_text("utf-8"))
PROG = parse_programme(RAW)
LOGGABLE = ("hold", "circuit")
SIDES = ("left", "right")
D0 = date(2026, 3, 2)


def day(k: int) -> date:
    return D0 + timedelta(days=k)


def full_days(first: int, last: int, side: str = "left") -> list[DaySession]:
    """Every activation session due, on days first..last (inclusive)."""
    out = []
    for k in range(first, last + 1):
        out += [DaySession("hold", day(k), side), DaySession("hold", day(k), side)]
        out.append(DaySession("circuit", day(k), side))
    return out


def ev(h: History, k: int, s: Settings | None = None) -> Today:
    return evaluate(h, day(k), PROG, s, loggable=LOGGABLE)


def sides(t: Today, routine: str) -> list[str]:
    return [d.side for d in t.due if d.routine == routine]


# ---- where the programme starts, and what is due ----------------------------------------
def test_no_history_is_activate_on_both_sides_with_a_note() -> None:
    t = ev(History(), 0)
    assert (t.stage, t.week, t.since, t.step, t.why) == ("activate", 1, day(0), 0, None)
    assert [(d.routine, d.side, d.target, d.done) for d in t.due] == [
        ("hold", "both", 2, 0),
        ("circuit", "both", 1, 0),
    ]
    assert any("No self-assessment yet" in n for n in t.notes)


def test_one_weak_side_trains_that_side_and_goes_first_in_two_sided_work() -> None:
    h = History(
        verdicts=[Verdict(day(0), "right")], changes=[StageChange(day(0), "integrate", "x")]
    )
    t = ev(h, 0)
    assert sides(t, "hold") == ["right"] and sides(t, "circuit") == ["right"]
    assert sides(t, "cook_hip_lift") == ["right", "left"]


def test_weak_side_gets_double_volume_in_single_leg_work() -> None:
    h = History(
        verdicts=[Verdict(day(0), "left")], changes=[StageChange(day(0), "strengthen", "x")]
    )
    legs = [d for d in ev(h, 0).due if d.routine == "single_leg"]
    assert [(d.side, d.dose["reps"]) for d in legs] == [("left", 10), ("right", 5)]


def test_both_weak_starts_with_the_weaker_side_and_same_volume() -> None:
    h = History(
        verdicts=[Verdict(day(0), "both", first="right")],
        changes=[StageChange(day(0), "strengthen", "x")],
    )
    legs = [d for d in ev(h, 0).due if d.routine == "single_leg"]
    assert [(d.side, d.dose["reps"]) for d in legs] == [("right", 10), ("left", 10)]


def test_balanced_starts_in_return_with_the_primer() -> None:
    t = ev(History(verdicts=[Verdict(day(0), None, lsis={"bridge_hold": 97.0})]), 3)
    assert (t.stage, t.since) == ("return", day(0))
    assert sides(t, "primer") == ["both"]
    assert t.gate == ()


def test_tight_glutes_get_release_first_in_every_stage() -> None:
    for stage in STAGES:
        h = History(
            verdicts=[Verdict(day(0), "left", tight=True)],
            changes=[StageChange(day(0), stage, "physio")],
        )
        routines = [d.routine for d in ev(h, 0).due]
        assert routines[:2] == ["release", "contract_relax"], stage


def test_red_flag_stops_all_work() -> None:
    h = History(verdicts=[Verdict(day(0), "left"), Verdict(day(2), None, red_flag=True)])
    t = ev(h, 2)
    assert t.due == ()
    assert any("red flag" in n for n in t.notes)


def test_done_counts_the_day_and_the_side() -> None:
    h = History(
        sessions=[
            DaySession("hold", day(1), "left"),
            DaySession("hold", day(1), "right"),  # not the weak side
            DaySession("hold", day(1), "left", status="stopped"),  # not completed
            DaySession("hold", day(0), "left"),  # another day
        ],
        verdicts=[Verdict(day(0), "left")],
    )
    assert ev(h, 1).due[0].done == 1


# ---- gates -----------------------------------------------------------------------------
def _activate(sessions: list[DaySession], mornings: list[MorningPain] | None = None) -> History:
    return History(sessions=sessions, mornings=mornings or [], verdicts=[Verdict(day(0), "left")])


def test_activate_gate_opens_after_14_full_days_not_before() -> None:
    h = _activate(full_days(0, 20))
    assert ev(h, 13).stage == "activate"
    assert [g.met for g in ev(h, 13).gate] == [False, True, True]
    t = ev(h, 14)
    assert (t.stage, t.since) == ("integrate", day(14))
    assert "Stage moved on to Integrate: every check of the gate was met." in t.notes


def test_paused_days_do_not_count_as_days_in_the_stage() -> None:
    """A ten-day injury pause in the middle of Activate: fourteen days of training are
    still asked for, and the gate says how many paused days it left out."""
    paused = frozenset(day(k) for k in range(4, 14))
    sessions = [s for s in full_days(0, 40) if s.day not in paused]
    h = History(sessions=sessions, verdicts=[Verdict(day(0), "left")], paused=paused)
    t = ev(h, 20)
    assert t.stage == "activate"
    assert t.gate[0].have == "10 days, 4 more; 10 paused days not counted"
    assert ev(h, 24).stage == "integrate"  # 24 calendar days, 14 of them not paused


def test_adherence_just_under_80_percent_keeps_the_gate_shut() -> None:
    sessions = full_days(0, 13)  # 42 due over 14 days; 80% needs 34 done
    holds = [i for i, s in enumerate(sessions) if s.routine == "hold"]
    kept = [s for i, s in enumerate(sessions) if i not in holds[:9]]  # 33 done
    t = ev(_activate(kept), 14)
    assert t.stage == "activate"
    assert t.gate[1].have == f"{100 * 33 // 42}%" and not t.gate[1].met
    kept.append(sessions[holds[0]])  # 34 of 42
    assert ev(_activate(kept), 14).stage == "integrate"


def test_a_next_morning_pain_above_3_in_the_last_7_days_keeps_the_gate_shut() -> None:
    h = _activate(full_days(0, 30), [MorningPain(day(9), 4)])
    assert ev(h, 14).stage == "activate"
    assert ev(h, 14).gate[2].have == f"4 on {day(9).isoformat()}"
    assert ev(h, 16).stage == "integrate"  # day 9 left the 7-day window on day 16


def _integrate(stopped: int, sets: int) -> History:
    sessions = [
        DaySession("hold", day(k), "left", sets=1, glutes_stopped_sets=0) for k in range(0, 20)
    ] + [DaySession("circuit", day(k), "left") for k in range(0, 20)]
    stop = DaySession("circuit", day(10), "left", sets=1, glutes_stopped_sets=1)
    sessions += [stop] * stopped
    sessions += [DaySession("circuit", day(10), "left") for _ in range(sets - stopped - 14)]
    return History(
        sessions=sessions,
        verdicts=[Verdict(day(0), "left")],
        changes=[StageChange(day(0), "integrate", "physio says so")],
    )


def test_integrate_gate_needs_glutes_stopped_on_under_a_third_of_sets() -> None:
    # on day 14, days 7..13 carry 14 sets of the base history; day 10 adds more
    ok = ev(_integrate(stopped=6, sets=20), 14)
    assert ok.stage == "strengthen", ok.gate
    shut = ev(_integrate(stopped=7, sets=21), 14)  # exactly a third is not under a third
    assert shut.stage == "integrate"
    assert not shut.gate[3].met and shut.gate[3].have == "7 of 21 sets"


def _strengthen(*verdicts: Verdict) -> History:
    return History(
        verdicts=[Verdict(day(0), "left"), *verdicts],
        changes=[StageChange(day(2), "strengthen", "physio")],
    )


def test_strengthen_gate_needs_a_re_assessment_with_every_lsi_at_90() -> None:
    passed = _strengthen(Verdict(day(5), None, lsis={"bridge_hold": 95.0, "side_plank": 90.0}))
    assert ev(passed, 4).stage == "strengthen"
    assert ev(passed, 4).gate[0].have == f"no re-assessment since {day(2).isoformat()}"
    t = ev(passed, 5)  # the re-assessment opens the gate on the day it is taken
    assert (t.stage, t.since) == ("return", day(5))
    assert "Stage moved on to Return: every check of the gate was met." in t.notes
    low = _strengthen(Verdict(day(5), "left", lsis={"bridge_hold": 89.9, "side_plank": 99.0}))
    assert ev(low, 9).stage == "strengthen"
    assert ev(low, 9).gate[0].have == "bridge hold 89.9%"
    unmeasured = _strengthen(Verdict(day(5), None))
    assert ev(unmeasured, 9).stage == "strengthen"


def test_a_re_assessment_before_the_stage_began_does_not_open_the_gate() -> None:
    h = History(
        verdicts=[Verdict(day(0), "left"), Verdict(day(1), None, lsis={"bridge_hold": 99.0})],
        changes=[StageChange(day(2), "strengthen", "physio")],
    )
    assert ev(h, 9).stage == "strengthen"


# ---- load follows pain -----------------------------------------------------------------
def test_a_morning_above_5_lowers_today_one_step_and_says_why() -> None:
    h = _activate(full_days(0, 5), [MorningPain(day(3), 7)])
    before, t = ev(h, 2), ev(h, 3)
    assert (before.step, t.step) == (0, -1)
    assert t.why == f"next-morning pain of 7 on {day(3).isoformat()}"
    assert "Load lowered one step: this morning's pain was 7." in t.notes
    assert t.due[0].dose["reps"] < before.due[0].dose["reps"]
    assert ev(h, 4).step == -1 and ev(h, 4).notes == ()


def test_no_baseline_is_never_a_zero_baseline() -> None:
    h = _activate([], [MorningPain(day(3), 5)])  # 5 is not above 5, and there is no usual
    assert ev(h, 3).step == 0


def test_two_above_the_usual_morning_lowers_the_load() -> None:
    base = [MorningPain(day(k), 1) for k in (0, 1, 2)]
    t = ev(_activate([], [*base, MorningPain(day(3), 3)]), 3)
    assert t.step == -1
    assert t.notes[0] == (
        "Load lowered one step: this morning's pain was 3, 2 or more above your usual 1."
    )
    assert ev(_activate([], [*base, MorningPain(day(3), 2)]), 3).step == 0
    two_answers = [MorningPain(day(1), 1), MorningPain(day(2), 1), MorningPain(day(3), 3)]
    assert ev(_activate([], two_answers), 3).step == 0  # too few answers for a usual


def test_two_bad_mornings_within_7_days_go_back_a_stage_and_suggest_a_clinician() -> None:
    pains = [MorningPain(day(20), 6), MorningPain(day(26), 6)]
    h = _activate(full_days(0, 30), pains)
    assert ev(h, 19).stage == "integrate"
    t = ev(h, 26)
    assert (t.stage, t.since, t.step) == ("activate", day(26), -2)
    assert any("Back to Activate" in n and "clinician" in n for n in t.notes)
    apart = _activate(full_days(0, 30), [MorningPain(day(19), 6), MorningPain(day(26), 6)])
    assert ev(apart, 26).stage == "integrate"


def test_three_good_mornings_in_a_row_restore_the_load() -> None:
    pains = [MorningPain(day(1), 7), MorningPain(day(2), 2), MorningPain(day(3), 3)]
    broken = [*pains, MorningPain(day(4), 4), MorningPain(day(5), 0), MorningPain(day(6), 0)]
    assert ev(_activate([], pains), 3).step == -1
    t = ev(_activate([], [*pains, MorningPain(day(4), 1)]), 4)
    assert (t.step, t.why) == (0, None)
    assert "Load back to the stage's usual: three good mornings in a row." in t.notes
    assert ev(_activate([], broken), 6).step == -1  # the 4 broke the run


def test_load_bottoms_out_at_the_lowest_step() -> None:
    h = _activate([], [MorningPain(day(k), 8) for k in range(0, 30, 8)])
    assert ev(h, 30).step == -PROG.max_steps_down


# ---- hand-set stage and settings -------------------------------------------------------
def test_stage_set_by_hand_is_kept_with_its_reason() -> None:
    h = History(
        verdicts=[Verdict(day(0), "left")],
        changes=[StageChange(day(4), "strengthen", "My physio says I am ready.")],
    )
    t = ev(h, 4)
    assert (t.stage, t.since) == ("strengthen", day(4))
    assert t.notes == ("Stage set by hand to Strengthen: My physio says I am ready.",)


def test_days_in_stage_is_a_setting() -> None:
    h = _activate(full_days(0, 20))
    s = read_settings({"programme_days_in_stage": 7})
    assert ev(h, 6, s).stage == "activate" and ev(h, 7, s).stage == "integrate"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("programme_days_in_stage", 6),
        ("programme_days_in_stage", 91),
        ("programme_days_in_stage", True),
        ("programme_glutes_stopped_pct", "33"),
        ("programme_load_step", 0),
        ("programme_reassess_weeks", 13),
    ],
)
def test_settings_out_of_bounds_are_refused_in_one_line(key: str, value: object) -> None:
    with pytest.raises(ProgrammeError, match=key):
        read_settings({key: value})
    assert setting_problem(key, value) is not None


def test_defaults_and_other_keys() -> None:
    assert read_settings({"hold_rest_s": 4}) == Settings()
    assert setting_problem("programme_nope", 1) == "programme_nope is not a programme setting"


def test_reassessment_due_in_return_after_4_weeks() -> None:
    h = History(verdicts=[Verdict(day(0), None, lsis={"bridge_hold": 99.0})])
    assert not any("re-assessment is due" in n for n in ev(h, 27).notes)
    assert any("re-assessment is due" in n for n in ev(h, 28).notes)


# ---- dose and file ---------------------------------------------------------------------
def test_dose_steps_down_and_keeps_its_floors() -> None:
    base = {"reps": 10, "hold_s": 3, "rest_s": 4}
    assert dose(base, 0, PROG) == base
    assert dose(base, -1, PROG) == {"reps": 8, "hold_s": 2, "rest_s": 4}
    assert dose(base, -3, PROG) == {"reps": 4, "hold_s": 2, "rest_s": 4}
    assert dose(base, 2, PROG) == base  # never above the default


def test_programme_file_errors_name_the_field() -> None:
    bad = json.loads(json.dumps(RAW))
    bad["stages"] = bad["stages"][::-1]
    with pytest.raises(ProgrammeError, match="stages"):
        parse_programme(bad)
    bad = json.loads(json.dumps(RAW))
    bad["stages"][0]["work"][0]["sides"] = "up"
    with pytest.raises(ProgrammeError, match=r"stages\[0\]\.work\[0\]\.sides"):
        parse_programme(bad)


def test_today_json_shape() -> None:
    out = ev(_activate(full_days(0, 2)), 2).to_dict()
    assert list(out) == ["date", "stage", "load", "due", "notes"]
    assert list(out["stage"]) == ["id", "week", "since", "gate"]
    assert out["load"] == {"step": 0, "why": None}
    assert out["due"][0] == {
        "routine": "hold",
        "side": "left",
        "target": 2,
        "done": 2,
        "dose": {"reps": 10, "hold_s": 3},
    }


# ---- properties over random histories --------------------------------------------------
SPAN = 40
k_days = st.integers(0, SPAN - 1)
verdict_st = st.builds(
    Verdict,
    day=k_days.map(day),
    weak_side=st.sampled_from(["left", "right", "both", None]),
    tight=st.booleans(),
    lsis=st.dictionaries(st.sampled_from(["bridge_hold", "side_plank"]), st.floats(60, 100)),
    red_flag=st.sampled_from([False, False, False, True]),
    first=st.sampled_from(["left", "right", None]),
)


@st.composite
def histories(draw: st.DrawFn) -> History:
    sessions = []
    calm = draw(st.booleans())  # half the histories keep the gates within reach
    for k in range(SPAN):
        side = draw(st.sampled_from(["left", "right", "both"]))
        for _ in range(draw(st.sampled_from([2, 2, 3] if calm else [0, 1, 2, 2, 2, 3]))):
            sessions.append(DaySession("hold", day(k), side))
        if draw(st.integers(0, 9)) < 8:
            stopped = draw(st.integers(0, 5)) == 0
            sessions.append(DaySession("circuit", day(k), side, 1, int(stopped)))
    values = [0, 1, 2, 2, 3, 3, 4] if calm else [0, 1, 1, 2, 2, 3, 4, 5, 6, 8]
    pains = draw(st.dictionaries(k_days, st.sampled_from(values)))
    changes = draw(
        st.lists(
            st.builds(StageChange, k_days.map(day), st.sampled_from(STAGES), st.just("physio")),
            max_size=1,
        )
    )
    pauses = draw(st.lists(st.tuples(k_days, st.integers(1, 12)), max_size=2))
    return History(
        sessions=sessions,
        mornings=[MorningPain(day(k), v) for k, v in pains.items()],
        verdicts=([Verdict(day(0), "left")] if calm else [])
        + draw(st.lists(verdict_st, max_size=3)),
        changes=changes,
        paused=frozenset(day(k + i) for k, n in pauses for i in range(n)),
    )


def _days(h: History) -> list[Today]:
    return walk(h, day(0), day(SPAN - 1), PROG, loggable=LOGGABLE)


PROPS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _adherence(days: list[Today], k: int, paused: frozenset[date] = frozenset()) -> float:
    """Over the 14 days before day k; a paused day counts for nothing."""
    window = [days[j] for j in range(max(0, k - 14), k) if day(j) not in paused]
    due = [d for t in window for d in t.due if d.routine in LOGGABLE]
    target = sum(d.target for d in due)
    return 100 * sum(min(d.done, d.target) for d in due) / target if target else 0.0


@PROPS
@given(histories())
def test_a_stage_never_advances_without_its_gate(h: History) -> None:
    days = _days(h)
    for k in range(1, SPAN):
        before, now = days[k - 1], days[k]
        if STAGES.index(now.stage) <= STAGES.index(before.stage):
            continue
        if any(c.day == day(k) for c in h.changes):
            continue  # set by hand, with its reason
        by_day = {v.day: v for v in sorted(h.verdicts, key=lambda v: v.day)}  # last one wins
        firsts = sorted(d for d, v in by_day.items() if not v.red_flag)
        if firsts and firsts[0] == day(k):
            continue  # the first verdict places the user; that is a start, not an advance
        assert STAGES.index(now.stage) == STAGES.index(before.stage) + 1
        assert now.since == day(k)
        assert "Stage moved on" in " ".join(now.notes)
        if before.stage == "strengthen":
            taken = sorted(
                (v for v in h.verdicts if before.since <= v.day <= day(k)), key=lambda v: v.day
            )
            assert taken and taken[-1].lsis and all(x >= 90 for x in taken[-1].lsis.values())
            continue
        in_stage = (day(k) - before.since).days
        trained = [j for j in range(in_stage) if before.since + timedelta(days=j) not in h.paused]
        assert len(trained) >= 14  # a paused day is not a day in the stage
        assert all(
            m.value <= 3 for m in h.mornings if day(k) - timedelta(days=6) <= m.day <= day(k)
        )
        assert _adherence(days, k, h.paused) >= 80


@PROPS
@given(histories())
def test_a_morning_above_5_always_lowers_that_days_load(h: History) -> None:
    days = _days(h)
    for m in h.mornings:
        k = (m.day - D0).days
        if m.value > 5 and k > 0:
            worst = max(x.value for x in h.mornings if x.day == m.day)
            assert worst > 5
            before, now = days[k - 1].step, days[k].step
            assert now < before or before == -PROG.max_steps_down
            assert now < 0 and now >= -PROG.max_steps_down


@PROPS
@given(histories())
def test_load_never_rises_above_the_stage_default(h: History) -> None:
    for t in _days(h):
        assert -PROG.max_steps_down <= t.step <= 0
        defaults = {}
        for w in (*PROG.tight_work, *PROG.stage(t.stage).work):
            for base in (w.dose, w.strong_dose or {}):
                for key, value in base.items():
                    defaults[(w.routine, key)] = max(defaults.get((w.routine, key), 0), value)
        for d in t.due:
            for key, value in d.dose.items():
                assert value <= defaults[(d.routine, key)]


@PROPS
@given(histories())
def test_due_sides_follow_the_latest_verdict(h: History) -> None:
    modes = {w.routine: w.sides for s in PROG.stages for w in (*PROG.tight_work, *s.work)}
    for k, t in enumerate(_days(h)):
        known = [v for v in h.verdicts if v.day <= day(k)]
        if not known:  # no verdict yet: both sides, left first where sides take turns
            for d in t.due:
                assert d.side == "both" if modes[d.routine] != "each" else d.side in SIDES
            continue
        latest = max(known, key=lambda v: v.day)  # the last one listed for that day wins
        latest = [v for v in h.verdicts if v.day == latest.day][-1]
        if latest.red_flag:
            assert t.due == ()
            continue
        for d in t.due:
            mode = modes[d.routine]
            if mode == "both":
                assert d.side == "both"
            elif mode == "weak":
                want = latest.weak_side if latest.weak_side in ("left", "right") else "both"
                assert d.side == want
            else:
                first = next(x.side for x in t.due if x.routine == d.routine)
                if latest.weak_side in ("left", "right"):
                    assert first == latest.weak_side
                assert d.side in ("left", "right")


@PROPS
@given(histories(), k_days)
def test_the_replay_of_a_day_equals_what_that_day_showed(h: History, k: int) -> None:
    known = History(
        sessions=[s for s in h.sessions if s.day <= day(k)],
        mornings=[m for m in h.mornings if m.day <= day(k)],
        verdicts=[v for v in h.verdicts if v.day <= day(k)],
        changes=[c for c in h.changes if c.day <= day(k)],
        paused=frozenset(d for d in h.paused if d <= day(k)),
    )
    assert ev(h, k) == ev(known, k)


@PROPS
@given(histories(), k_days, k_days)
def test_a_walk_gives_each_day_as_evaluate_does(h: History, a: int, b: int) -> None:
    first, last = min(a, b), max(a, b)
    assert walk(h, day(first), day(last), PROG, loggable=LOGGABLE) == [
        ev(h, k) for k in range(first, last + 1)
    ]


def test_the_demo_history_walks_through_the_stages_and_back() -> None:
    from glute_tui.core.demo import generate
    from glute_tui.store import shipped
    from glute_tui.store.programme_input import history_from

    now = datetime(2026, 11, 20, 18, 30, tzinfo=timezone.utc)
    demo = generate(
        shipped.library(), shipped.protocols(), years=2, seed=7, now=now, programme=PROG
    )
    h = history_from(demo.sessions, demo.assessments, {"pauses": demo.pauses})
    days = walk(h, now.date() - timedelta(days=730), now.date(), PROG, loggable=routine_ids())
    notes = " ".join(n for t in days for n in t.notes)
    assert {t.stage for t in days} == set(STAGES)
    for said in (
        "Stage moved on to Integrate",
        "Stage moved on to Strengthen",
        "Stage moved on to Return",
        "Load lowered one step",
        "Back to",
        "Load back to the stage's usual",
    ):
        assert said in notes, said


def _since(h: History, first: date) -> History:
    return History(
        sessions=[s for s in h.sessions if s.day >= first],
        mornings=[m for m in h.mornings if m.day >= first],
        verdicts=[v for v in h.verdicts if v.day >= first],
        changes=[c for c in h.changes if c.day >= first],
        paused=frozenset(d for d in h.paused if d >= first),
    )


@PROPS
@given(histories(), st.integers(0, SPAN - 2))
def test_a_fold_resumed_from_a_checkpoint_gives_the_same_days(h: History, k: int) -> None:
    cp = checkpoint(h, day(k), PROG, loggable=LOGGABLE)
    recent = _since(h, day(k) - timedelta(days=Checkpoint.LOOKBACK_DAYS))
    resumed = walk(recent, day(k + 1), day(SPAN - 1), PROG, loggable=LOGGABLE, start=cp)
    assert resumed == walk(h, day(k + 1), day(SPAN - 1), PROG, loggable=LOGGABLE)


def test_a_resumed_walk_must_start_after_its_checkpoint() -> None:
    cp = checkpoint(History(), day(3), PROG)
    with pytest.raises(ValueError, match="after its checkpoint"):
        walk(History(), day(3), day(4), PROG, start=cp)


def test_no_move_forward_on_a_bad_morning_even_when_it_changes_no_stage() -> None:
    calm = [MorningPain(day(k), 0) for k in range(1, 14) if k != 9]
    bad = [MorningPain(day(9), 2), MorningPain(day(14), 2)]  # 2 above a usual 0, twice
    h = _activate(full_days(0, 20), calm + bad)
    t = ev(h, 14)
    assert t.stage == "activate"
    assert "Two bad mornings within 7 days: please check with a clinician before going on." in (
        t.notes
    )
    assert ev(h, 15).stage == "integrate"


def test_the_load_note_says_how_many_steps() -> None:
    s = read_settings({"programme_load_step": 2})
    t = ev(_activate([], [MorningPain(day(3), 7)]), 3, s)
    assert t.step == -2
    assert t.notes == ("Load lowered two steps: this morning's pain was 7.",)
