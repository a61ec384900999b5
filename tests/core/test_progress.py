"""Streaks, habit strength, adherence and trends: hand-worked examples and properties."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glute_tui.core.next_morning import next_morning_advice, next_morning_candidate
from glute_tui.core.pauses import paused_days
from glute_tui.core.progress import (
    Streak,
    circuit_streak,
    circuit_strength,
    counts_by_day,
    heatmap,
    hold_streak,
    hold_strength,
    loop_multiplier,
    lsi_series,
    streak,
    weekly_means,
    weekly_volume,
)
from glute_tui.core.records import session_row

TODAY = date(2026, 11, 20)  # a Friday


def d(offset: int) -> date:
    """TODAY + offset days."""
    return TODAY + timedelta(days=offset)


def mk(entries: dict[int, tuple[int, int]]) -> dict[str, list[int]]:
    return {d(k).isoformat(): list(v) for k, v in entries.items()}


def row(started_at: str, routine: str = "hold", status: str = "completed", **kw: object) -> dict:
    start = datetime.fromisoformat(started_at)
    session = {
        "id": started_at + routine,
        "routine": routine,
        "started_at": started_at,
        "ended_at": (start + timedelta(minutes=5)).isoformat(),
        "status": status,
        "stop_reason": "planned_end",
        "pain_before": kw.pop("pain_before", 1),
        "pain_after": kw.pop("pain_after", 1),
        "effort": kw.pop("effort", 3),
        "phases": kw.pop("phases", []),
        **kw,
    }
    return session_row(session)


# ---- day counting, time zones and midnight --------------------------------------------
def test_sessions_count_on_the_local_day_they_started_across_midnight() -> None:
    rows = [
        row("2026-11-19T23:58:00+01:00"),  # just before midnight: the 19th
        row("2026-11-20T00:02:00+01:00"),  # just after: the 20th
        row("2026-11-19T23:30:00+00:00"),  # recorded in UTC: its own date, the 19th
        row("2026-11-20T00:30:00+09:00"),  # recorded in Tokyo: the 20th there
        row("2026-11-20T08:00:00+01:00", status="stopped"),  # stopped: does not count
        row("2026-11-20T18:00:00+01:00", routine="circuit"),
    ]
    assert counts_by_day(rows) == {"2026-11-19": [2, 0], "2026-11-20": [2, 1]}


# ---- streaks ---------------------------------------------------------------------------
def test_hold_streak_counts_days_with_two_sessions_and_a_gap_breaks_it() -> None:
    # -6 ok, -5 ok, -4 only one session, -3 ok, -2 ok, -1 ok, today none yet
    days = mk({-6: (2, 0), -5: (3, 0), -4: (1, 0), -3: (2, 0), -2: (2, 0), -1: (2, 0)})
    assert hold_streak(days, TODAY) == Streak(current=3, longest=3)


def test_a_day_with_one_session_breaks_the_hold_streak() -> None:
    days = mk({-3: (2, 0), -2: (2, 0), -1: (1, 0)})
    assert hold_streak(days, TODAY) == Streak(current=0, longest=2)


def test_today_not_yet_done_keeps_the_streak_and_done_today_extends_it() -> None:
    days = mk({-2: (2, 0), -1: (2, 0), 0: (1, 0)})
    assert hold_streak(days, TODAY).current == 2
    days[TODAY.isoformat()] = [2, 0]
    assert hold_streak(days, TODAY).current == 3


def test_paused_days_neither_count_nor_break_the_streak() -> None:
    days = mk({-6: (2, 0), -5: (2, 0), -1: (2, 0)})
    paused = paused_days([{"start": d(-4).isoformat(), "end": d(-2).isoformat()}])
    assert paused == {d(-4), d(-3), d(-2)}
    assert hold_streak(days, TODAY, paused) == Streak(3, 3)
    assert hold_streak(days, TODAY) == Streak(1, 2)  # without the pause it broke


def test_sessions_done_on_a_paused_day_do_not_count() -> None:
    days = mk({-2: (2, 0), -1: (2, 0)})
    paused = {d(-1)}
    assert hold_streak(days, TODAY, paused) == Streak(1, 1)


def test_circuit_streak_allows_the_weeks_rest_days() -> None:
    # Friday 2026-11-20. Week of Mon 9 Nov: Mon-Fri done, Sat+Sun rest (2 allowed at 5/week).
    days = {f"2026-11-{n:02d}": [0, 1] for n in (9, 10, 11, 12, 13)}
    # this week: Mon 16, Tue 17 done, Wed 18 missed, Thu 19 done; today open
    days.update({f"2026-11-{n:02d}": [0, 1] for n in (16, 17, 19)})
    assert circuit_streak(days, TODAY, weekly_target=5) == Streak(8, 8)
    # at 7 a week no rest day is allowed: Sat 14 broke it, and Wed 18 again
    assert circuit_streak(days, TODAY, weekly_target=7) == Streak(1, 5)
    # at 6 a week one rest day: Sat 14 is the rest, Sun 15 breaks; Wed 18 is this week's rest
    assert circuit_streak(days, TODAY, weekly_target=6) == Streak(3, 5)


def test_no_sessions_no_streak() -> None:
    assert hold_streak({}, TODAY) == Streak(0, 0)
    assert circuit_streak({}, TODAY) == Streak(0, 0)


def test_future_days_are_ignored() -> None:
    days = mk({-1: (2, 1), 1: (2, 1)})
    assert hold_streak(days, TODAY) == Streak(1, 1)


# ---- habit strength --------------------------------------------------------------------
def test_loop_multiplier_matches_the_formula() -> None:
    assert loop_multiplier(1) == pytest.approx(0.9480775143)
    assert loop_multiplier(5 / 7) == pytest.approx(0.9559374553)


def test_hold_strength_hand_worked() -> None:
    # day 1: two sessions (done 1), day 2: one session (0.5), day 3 (today): none (0)
    days = mk({-2: (2, 0), -1: (1, 0)})
    m = 0.9480775143391714
    s1 = 1 * (1 - m)  # 0.0519225
    s2 = s1 * m + 0.5 * (1 - m)  # 0.0751878
    s3 = s2 * m  # 0.0712838
    assert hold_strength(days, d(-2)) == pytest.approx(s1)
    assert hold_strength(days, d(-1)) == pytest.approx(0.0751878, abs=1e-6) == s2
    assert hold_strength(days, TODAY) == pytest.approx(s3)


def test_hold_strength_three_sessions_count_as_one_full_day() -> None:
    assert hold_strength(mk({0: (3, 0)}), TODAY) == hold_strength(mk({0: (2, 0)}), TODAY)


def test_paused_days_leave_the_strength_unchanged() -> None:
    days = mk({-3: (2, 0)})
    paused = {d(-2), d(-1), TODAY}
    assert hold_strength(days, TODAY, paused) == pytest.approx(hold_strength(days, d(-3)))


def test_circuit_strength_below_seven_uses_the_fourteen_day_window() -> None:
    m = 0.9559374552530502  # 0.5 ** (sqrt(5/7) / 13)
    days = mk({-1: (0, 1)})
    # yesterday: 1 circuit day in the window -> done 1/10; today still 1 in window -> 1/10
    s1 = 0.1 * (1 - m)
    s2 = s1 * m + 0.1 * (1 - m)
    assert circuit_strength(days, TODAY, weekly_target=5) == pytest.approx(s2)


def test_circuit_strength_window_caps_at_one_and_forgets_after_fourteen_days() -> None:
    # ten circuit days in a row: by the tenth the window holds 10 = 2 x 5, done = 1
    m = 0.9559374552530502
    days = mk({k: (0, 1) for k in range(-11, 1)})  # twelve days: done 0.1, 0.2 ... 1.0, 1.0
    expected = 0.0
    for n in range(1, 13):
        expected = expected * m + min(1.0, n / 10) * (1 - m)
    assert circuit_strength(days, TODAY, weekly_target=5) == pytest.approx(expected)
    # a day that fell out of the window (15 days back) no longer adds to today's done
    only_old = mk({-14: (0, 1)})
    m = 0.9559374552530502
    expected = 0.0
    for k in range(-14, 1):
        done = 0.1 if k <= -1 else 0.0  # days -14..-1 see it in their window, today does not
        expected = expected * m + done * (1 - m)
    assert circuit_strength(only_old, TODAY, weekly_target=5) == pytest.approx(expected)


def test_circuit_strength_at_seven_a_week_is_daily() -> None:
    m = loop_multiplier(1)
    days = mk({-1: (0, 1)})
    assert circuit_strength(days, TODAY, weekly_target=7) == pytest.approx((1 - m) * m)


def test_perfect_record_approaches_full_strength() -> None:
    days = {(TODAY - timedelta(days=k)).isoformat(): [2, 1] for k in range(400)}
    assert hold_strength(days, TODAY) > 0.99
    assert circuit_strength(days, TODAY, weekly_target=5) > 0.99


def test_the_circuit_target_defaults_to_every_day_and_5_stays_a_choice() -> None:
    from glute_tui.core.progress import circuit_target

    assert circuit_target({}) == 7  # the sources: 5-7 days a week, ideally 7
    assert circuit_target({"circuit_weekly_target": 5}) == 5
    assert circuit_target({"circuit_weekly_target": 4}) == 7


# ---- trends ----------------------------------------------------------------------------
def test_weekly_volume_per_side() -> None:
    phases = [
        {"kind": "hold", "exercise": "x", "side": "left", "set": 1, "planned_s": 3,
         "start_s": 0, "end_s": 3, "paused_s": 0, "reps": None},
        {"kind": "work", "exercise": "y", "side": "both", "set": 1, "planned_s": 30,
         "start_s": 3, "end_s": 33, "paused_s": 0, "reps": 10},
    ]  # fmt: skip
    rows = [
        row("2026-11-02T08:00:00+01:00", phases=phases),  # 3 weeks ago: outside 2 weeks
        row("2026-11-10T08:00:00+01:00", phases=phases),
        row("2026-11-16T08:00:00+01:00", phases=phases),
        row("2026-11-20T08:00:00+01:00", status="stopped", phases=phases),
    ]
    weeks = weekly_volume(rows, TODAY, 2)
    assert [w.start for w in weeks] == [date(2026, 11, 9), date(2026, 11, 16)]
    assert weeks[0].holds == {"left": 1, "right": 0}
    assert weeks[1].holds == {"left": 2, "right": 0}
    assert weeks[1].reps == {"left": 20, "right": 20}


def test_weekly_means_skip_missing_values() -> None:
    rows = [
        row("2026-11-16T08:00:00+01:00", pain_before=2, pain_after=4),
        row("2026-11-17T08:00:00+01:00", pain_before=4, pain_after=None, pain_next_morning=3),
    ]
    means = weekly_means(rows, TODAY, 2)
    assert means["pain_before"] == [None, 3.0]
    assert means["pain_after"] == [None, 4.0]
    assert means["pain_next_morning"] == [None, 3.0]


def test_lsi_series_takes_the_weakest_test() -> None:
    a = [
        {"taken_at": "2026-01-01T08:00:00+01:00", "lsi": {"a": 80.0, "b": 91.0}},
        {"taken_at": "2026-02-01T08:00:00+01:00", "lsi": {}},
        {"taken_at": "2026-03-01T08:00:00+01:00", "lsi": {"a": 95}},
    ]
    assert lsi_series(a) == [("2026-01-01", 80.0), ("2026-03-01", 95.0)]


def test_heatmap_has_26_weeks_ending_this_week_with_today_marked() -> None:
    days = mk({0: (2, 1), -1: (1, 0)})
    cols = heatmap(days, TODAY, {d(-1)})
    assert len(cols) == 26 and all(len(c) == 7 for c in cols)
    assert cols[-1][0].day == date(2026, 11, 16)  # Monday
    today = cols[-1][4]
    assert today.today and today.hold == 2 and today.circuit
    assert cols[-1][3].paused and cols[-1][3].hold == 1
    assert cols[-1][5].future and not cols[-1][4].future


# ---- next-morning pain -----------------------------------------------------------------
def test_next_morning_asks_about_yesterdays_last_session_once() -> None:
    rows = [
        row("2026-11-18T19:00:00+01:00"),
        row("2026-11-19T07:30:00+01:00", pain_before=2),
        row("2026-11-19T19:30:00+01:00", pain_before=3),
        row("2026-11-20T07:30:00+01:00"),
    ]
    ask = next_morning_candidate(rows, TODAY)
    assert ask is not None
    assert ask.session_id == rows[2]["id"] and ask.day == "2026-11-19" and ask.before == 2
    rows[1]["pain_next_morning"] = 2
    assert next_morning_candidate(rows, TODAY) is None
    assert next_morning_candidate(rows[:1], TODAY) is None  # nothing yesterday


@pytest.mark.parametrize(
    ("now", "before", "level"),
    [(0, 0, "ok"), (3, 3, "ok"), (4, 5, "watch"), (5, 5, "watch"), (3, 2, "reduce"),
     (6, 6, "reduce"), (6, None, "reduce"), (2, None, "ok")],
)  # fmt: skip
def test_pain_rule(now: int, before: int | None, level: str) -> None:
    advice = next_morning_advice(now, before)
    assert advice.level == level
    if level == "reduce":
        assert "educe" in advice.message or "easier" in advice.message


# ---- properties ------------------------------------------------------------------------
day_sets = st.sets(st.integers(min_value=-60, max_value=0), max_size=60)
pause_sets = st.sets(st.integers(min_value=-60, max_value=0), max_size=20)


@given(done=day_sets, paused=pause_sets, rest=st.integers(0, 2))
def test_a_streak_never_exceeds_the_days_in_range(
    done: set[int], paused: set[int], rest: int
) -> None:
    s = streak({d(k) for k in done}, TODAY, {d(k) for k in paused}, rest)
    span = (TODAY - min((d(k) for k in done), default=TODAY)).days + 1
    assert 0 <= s.current <= s.longest <= span
    assert s.longest <= len(done - paused)


@given(done=day_sets, paused=pause_sets, extra=st.integers(-60, 0), rest=st.integers(0, 2))
def test_adding_a_day_never_lowers_the_current_streak(
    done: set[int], paused: set[int], extra: int, rest: int
) -> None:
    p = {d(k) for k in paused}
    before = streak({d(k) for k in done}, TODAY, p, rest)
    after = streak({d(k) for k in done | {extra}}, TODAY, p, rest)
    assert after.current >= before.current
    assert after.longest >= before.longest


@given(
    sessions=st.lists(st.tuples(st.integers(-40, 0), st.sampled_from(["hold", "circuit"]))),
    extra=st.tuples(st.integers(-40, 0), st.sampled_from(["hold", "circuit"])),
    target=st.sampled_from([5, 6, 7]),
)
def test_adding_a_session_never_lowers_current_streaks(
    sessions: list[tuple[int, str]], extra: tuple[int, str], target: int
) -> None:
    def days_for(items: list[tuple[int, str]]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for k, routine in items:
            out.setdefault(d(k).isoformat(), [0, 0])[0 if routine == "hold" else 1] += 1
        return out

    a, b = days_for(sessions), days_for([*sessions, extra])
    assert hold_streak(b, TODAY).current >= hold_streak(a, TODAY).current
    assert circuit_streak(b, TODAY, weekly_target=target).current >= (
        circuit_streak(a, TODAY, weekly_target=target).current
    )


@given(
    st.dictionaries(
        st.integers(-100, 0), st.tuples(st.integers(0, 4), st.integers(0, 2)), max_size=100
    ),
    st.sampled_from([5, 6, 7]),
)
def test_strength_stays_between_zero_and_one(entries: dict, target: int) -> None:
    days = mk(entries)
    assert 0.0 <= hold_strength(days, TODAY) <= 1.0
    assert 0.0 <= circuit_strength(days, TODAY, weekly_target=target) <= 1.0


@pytest.mark.parametrize("offset", [timezone.utc, timezone(timedelta(hours=-8))])
def test_counts_ignore_the_viewers_time_zone(offset: timezone) -> None:
    # the day is fixed when the session is recorded; reading it elsewhere changes nothing
    r = row(datetime(2026, 11, 19, 23, 45, tzinfo=offset).isoformat())
    assert r["day"] == "2026-11-19"


def test_an_earlier_circuit_day_never_costs_a_streak() -> None:
    # found by hypothesis: rest days are counted per calendar week from its Monday
    later = mk({-2: (0, 1)})  # Wednesday 18th only
    both = mk({-4: (0, 1), -2: (0, 1)})  # Monday 16th too
    assert circuit_streak(later, TODAY, weekly_target=6).current == 0
    assert circuit_streak(both, TODAY, weekly_target=6).current == 0
    assert circuit_streak(both, TODAY, weekly_target=5) == Streak(2, 2)


@given(
    st.dictionaries(
        st.integers(-60, -1), st.tuples(st.integers(0, 4), st.integers(0, 2)), max_size=60
    ),
    st.sets(st.integers(-60, -1), max_size=30),
)
def test_training_on_a_paused_day_changes_nothing(entries: dict, paused: set[int]) -> None:
    p = {d(k) for k in paused}
    days = mk(entries)
    wiped = mk({k: v for k, v in entries.items() if k not in paused})
    if not wiped:
        return  # the first recorded day moved: nothing to compare
    assert hold_streak(days, TODAY, p).current == hold_streak(wiped, TODAY, p).current
    if min(entries) == min(k for k in entries if k not in paused):
        assert hold_strength(days, TODAY, p) == pytest.approx(hold_strength(wiped, TODAY, p))


def test_stats_summary_and_text_on_a_paused_day() -> None:
    from glute_tui.core.stats import stats_summary, stats_text

    days = mk({-2: (2, 1), -1: (2, 1)})
    pauses = [{"start": TODAY.isoformat(), "end": d(3).isoformat()}]
    summary = stats_summary(days, TODAY, pauses)
    assert summary["streaks"]["hold"] == {"current": 2, "longest": 2}
    text = stats_text(summary, TODAY, True)
    assert "paused (injury pause): nothing is due today" in text
    assert "hold 2 days (longest 2)" in text


def _walked_streak(done: set[date], today: date, paused: set[date]) -> Streak:
    """The day-by-day walk `streak` does with rest days, here with none."""
    run = longest = 0
    if not done:
        return Streak(0, 0)
    first = min(done)
    day = first - timedelta(days=first.weekday())
    while day <= today:
        if day not in paused:
            if day in done:
                run += 1
                longest = max(longest, run)
            elif day != today:
                run = 0
        day += timedelta(days=1)
    return Streak(run, longest)


@given(
    st.sets(st.integers(-80, 3), max_size=60),
    st.sets(st.integers(-80, 3), max_size=30),
)
def test_a_daily_streak_counts_as_the_day_by_day_walk(done: set[int], paused: set[int]) -> None:
    days, p = {d(k) for k in done}, {d(k) for k in paused}
    assert streak(days, TODAY, p) == _walked_streak(days, TODAY, p)
