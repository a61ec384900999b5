"""Property: a stage never advances without its gate, for the gates the random histories of
test_programme.py do not reach in 40 days (they start in Activate, and almost never get
past Integrate): Integrate's (14 days, adherence, calm mornings, glutes stopped on under a
third of sets) and Strengthen's (a re-assessment since the stage began, every LSI >= 90).
Each history here is placed in its stage by hand on day 0, as a physio would."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glute_tui.core.programme import (
    STAGES,
    DaySession,
    History,
    MorningPain,
    StageChange,
    Today,
    Verdict,
    walk,
)
from tests.core.test_programme import PROG, day

SPAN = 30
k_days = st.integers(0, SPAN - 1)
INTEGRATE = ("cook_hip_lift", "standing_glute", "circuit", "hold")
STRENGTHEN = ("primer", "bridge", "single_leg")
LOGGABLE = INTEGRATE + STRENGTHEN
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _walk(h: History) -> list[Today]:
    return walk(h, day(0), day(SPAN - 1), PROG, loggable=LOGGABLE)


@st.composite
def integrate_histories(draw: st.DrawFn) -> History:
    sessions = []
    tiring = draw(st.integers(0, 4))  # how often a set ends with the glutes stopped
    for k in range(SPAN):
        if draw(st.integers(0, 9)) == 0:
            continue  # a day missed now and then: adherence near its line
        for routine in INTEGRATE:
            for side in (
                ("left", "right") if routine in ("cook_hip_lift", "standing_glute") else ("left",)
            ):
                sets = draw(st.integers(1, 3))
                tired = draw(st.integers(0, 9)) < tiring
                stopped = draw(st.integers(1, sets)) if tired else 0
                sessions.append(DaySession(routine, day(k), side, sets, stopped))
    pains = draw(st.dictionaries(k_days, st.sampled_from([0, 1, 2, 3, 3, 4])))
    return History(
        sessions=sessions,
        mornings=[MorningPain(day(k), v) for k, v in pains.items()],
        verdicts=[Verdict(day(0), "left")],
        changes=[StageChange(day(0), "integrate", "physio")],
    )


def _stopped_share(h: History, k: int) -> tuple[int, int]:
    window = [s for s in h.sessions if day(k) - timedelta(days=7) <= s.day < day(k)]
    return sum(s.glutes_stopped_sets for s in window), sum(s.sets for s in window)


@PROPS
@given(integrate_histories())
def test_integrate_moves_on_only_through_its_whole_gate(h: History) -> None:
    days = _walk(h)
    assert days[0].stage == "integrate"
    for k in range(1, SPAN):
        before, now = days[k - 1], days[k]
        if before.stage != "integrate" or now.stage != "strengthen":
            continue  # a move back (two bad mornings) needs no gate
        assert now.since == day(k) and "Stage moved on" in " ".join(now.notes)
        assert k >= 14
        assert all(
            m.value <= 3 for m in h.mornings if day(k) - timedelta(days=6) <= m.day <= day(k)
        )
        stopped, sets = _stopped_share(h, k)
        assert sets and 3 * stopped < sets, (stopped, sets)


@PROPS
@given(integrate_histories())
def test_integrate_holds_while_the_glutes_stop_on_a_third_of_sets(h: History) -> None:
    """The same histories with a third or more of every day's sets stopped never get past
    Integrate (two bad mornings may still send them back to Activate)."""
    tired = History(
        sessions=[
            DaySession(s.routine, s.day, s.side, s.sets, s.sets)
            if s.routine == "circuit"
            # circuit stops every set; the others keep theirs: over a third in all
            else s
            for s in h.sessions
        ]
        + [DaySession("circuit", s.day, s.side, 30, 30) for s in h.sessions if s.routine == "hold"],
        mornings=h.mornings,
        verdicts=h.verdicts,
        changes=h.changes,
    )
    assert all(STAGES.index(t.stage) <= STAGES.index("integrate") for t in _walk(tired))


lsi = st.floats(80, 100)
re_assessment = st.builds(
    Verdict,
    day=k_days.map(day),
    weak_side=st.sampled_from(["left", "right", None]),
    lsis=st.dictionaries(st.sampled_from(["bridge_hold", "side_plank"]), lsi),
)


@st.composite
def strengthen_histories(draw: st.DrawFn) -> History:
    return History(
        verdicts=[Verdict(day(0), "left"), *draw(st.lists(re_assessment, max_size=3))],
        changes=[StageChange(day(0), "strengthen", "physio")],
    )


@PROPS
@given(strengthen_histories())
def test_strengthen_moves_on_only_with_every_lsi_at_90(h: History) -> None:
    days = _walk(h)
    for k in range(1, SPAN):
        before, now = days[k - 1], days[k]
        if before.stage != "strengthen" or STAGES.index(now.stage) <= STAGES.index(before.stage):
            continue
        assert now.stage == "return"
        latest = _latest(h, k)  # the one the gate reads: the last listed on the latest day
        assert latest.day >= before.since, "a re-assessment from before the stage opened it"
        assert latest.lsis and all(x >= 90 for x in latest.lsis.values()), latest.lsis
    last = _latest(h, SPAN - 1)
    if last.lsis and all(x >= 90 for x in last.lsis.values()):
        assert days[-1].stage == "return"  # and the gate does open: the property is not empty


def _latest(h: History, k: int) -> Verdict:
    known = [v for v in h.verdicts if v.day <= day(k)]
    top = max(v.day for v in known)
    return [v for v in known if v.day == top][-1]
