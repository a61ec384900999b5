"""Routines as core modules: the protocol's rules, user-paced phases, the registry."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest

from glute_tui.core.plan import Plan
from glute_tui.core.progress import counts_by_day, routine_counts
from glute_tui.core.records import RecordError, validate_session
from glute_tui.core.routines import registry
from glute_tui.core.routines.base import (
    Built,
    Context,
    Refusal,
    count_in_mark,
    cues_for_role,
    in_a_row,
    logged_words,
    pain_gate,
    pain_stop_words,
    resume_from,
    step_fits,
)
from glute_tui.core.routines.circuit import ROUTINE as CIRCUIT
from glute_tui.core.routines.contract_relax import ROUTINE as RELAX
from glute_tui.core.routines.hold import ROUTINE as HOLD
from glute_tui.core.routines.hold import day_words
from glute_tui.core.runner import Runner
from glute_tui.core.runner_events import DONE, GLUTES_STOPPED, STOPPED
from glute_tui.core.timeline import PhaseSpec, Timeline
from glute_tui.store import shipped
from tests.conftest import FakeClock

TODAY = date(2026, 11, 20)


def ctx(
    settings: dict[str, Any] | None = None,
    rows: list[dict[str, Any]] | None = None,
    plan: Plan | None = None,
) -> Context:
    return Context(
        plan or Plan(),
        settings or {},
        shipped.library(),
        shipped.protocols(),
        TODAY,
        tuple(rows or ()),
    )


RIGHT = Plan(hold_sides=("right",), circuit_sides=("right",), source="assessment")


def run(timeline: Timeline, budget: float | None = None) -> tuple[Runner, FakeClock]:
    clock = FakeClock()
    runner = Runner(timeline, clock, budget_s=budget)
    runner.start()
    return runner, clock


def test_registry_lists_every_routine_once_with_its_own_key() -> None:
    assert registry.IDS == (
        "hold",
        "circuit",
        "contract_relax",
        "release",
        "cook_hip_lift",
        "bridge",
        "standing_glute",
        "single_leg",
        "primer",
    )
    assert len({r.key for r in registry.ROUTINES}) == len(registry.ROUTINES)
    assert registry.get("circuit") is CIRCUIT and registry.get("nope") is None


def test_timeline_survives_the_journal_round_trip() -> None:
    built = CIRCUIT.timeline(ctx())
    assert isinstance(built, Built)
    again = Timeline.from_dict(built.timeline.to_dict())
    assert again == built.timeline
    with pytest.raises(ValueError):
        Timeline.from_dict({"phases": [{"kind": "dance", "exercise": None}]})


def test_user_paced_phase_waits_for_the_user_and_logs_the_reps() -> None:
    spec = PhaseSpec("work", "lunge", "left", 1, 40.0, reps=10, paced=True)
    runner, clock = run(Timeline("x", (spec, PhaseSpec("rest", None, None, 1, 5.0))))
    clock.advance(500.0)
    assert runner.poll() == [] and runner.current is spec  # never ends by itself
    assert runner.remaining() == 0.0 and runner.next_change() == pytest.approx(1.0)
    events = runner.done(reps=7)
    assert events[0].kind == "phase_ended"
    record = runner.records[-1]
    assert (record.ended_by, record.reps, record.active_s) == (DONE, 7, 500.0)
    assert record.to_dict()["paced"] is True and record.to_dict()["rep_target"] == 10
    assert runner.current is not None and runner.current.kind == "rest"
    assert runner.done(reps=3) == []  # a timed phase is not ended by done()


def test_stop_keeps_the_partial_phase_with_its_real_seconds() -> None:
    built = HOLD.timeline(ctx())
    assert isinstance(built, Built)
    runner, clock = run(built.timeline)
    clock.advance(6.5)  # 5 s get ready, then 1.5 s into the first hold
    runner.stop("pain", keep_current=True)
    last = runner.records[-1]
    assert (last.spec.kind, last.ended_by, last.active_s) == ("hold", STOPPED, 1.5)
    assert runner.stop_reason == "pain" and runner.status == "stopped"


def test_count_in_beeps_three_two_one_before_work_only() -> None:
    built = HOLD.timeline(ctx())
    assert isinstance(built, Built)
    runner, clock = run(built.timeline)
    marks = []
    for _ in range(20):
        clock.advance(0.25)
        runner.poll()
        marks.append(count_in_mark(runner))
    assert [m for m in dict.fromkeys(marks) if m] == [3, 2, 1]
    clock.advance(0.1)
    runner.poll()
    assert runner.current is not None and runner.current.kind == "hold"
    assert count_in_mark(runner) is None


def test_glutes_stopped_in_a_row_counts_only_trailing_work() -> None:
    work = PhaseSpec("work", "clamshell", "left", 1, 15.0, reps=3, tempo=(2.0, 1.0, 2.0))
    gap = PhaseSpec("transition", "clamshell", "left", 1, 2.0)
    runner, _ = run(Timeline("circuit", (work, gap, work, gap, work, gap, work)))
    for ended in (None, GLUTES_STOPPED, GLUTES_STOPPED):
        runner.skip(ended_by=ended or "skipped")
        runner.skip()
    assert in_a_row(runner.records) == 2


def test_more_rest_fits_the_cap_or_not() -> None:
    rest = PhaseSpec("round_rest", None, None, 1, 90.0, min_s=60.0, max_s=120.0)
    runner, _ = run(Timeline("circuit", (rest,)), budget=100.0)
    assert step_fits(runner, 10.0) and not step_fits(runner, 15.0)
    note = CIRCUIT.adjust(runner, ctx(), 1)
    assert note is not None and not note.changed and "No more rest fits" in note.message


def test_resume_picks_up_at_the_next_work_phase() -> None:
    built = HOLD.timeline(ctx())
    assert isinstance(built, Built)
    got = resume_from(built.timeline, 4, HOLD.resume_kinds, 5.0)
    assert got is not None
    timeline, base = got
    assert [(p.kind, p.set) for p in timeline.phases[:3]] == [
        ("prepare", 0),
        ("hold", 3),
        ("rest", 3),
    ]
    assert base == 4
    assert resume_from(built.timeline, len(built.timeline), ("hold",), 5.0) is None


def test_pain_rules() -> None:
    assert pain_gate(5, False) is None
    assert "pain 6 of 10" in (pain_gate(6, False) or "")
    assert "injury" in (pain_gate(0, True) or "")
    assert pain_stop_words(5) is None
    words = pain_stop_words(7) or ""
    assert "stop for today" in words and "Tomorrow morning" in words


def test_one_daily_hold_target_and_extra_says_so() -> None:
    assert day_words(1, 2, 3) == "Hold session 1 of 2 today."
    assert "today counts" in day_words(2, 2, 3)
    assert "3 is the most" in day_words(3, 2, 3)
    assert "extra" in day_words(4, 2, 3)


def test_hold_rest_at_its_maximum_says_so() -> None:
    note = HOLD.adjust(None, ctx({"hold_rest_s": 5}), 1)
    assert note is not None and not note.changed and "maximum" in note.message
    note = HOLD.adjust(None, ctx({"hold_rest_s": 4}), 1)
    assert note is not None and note.settings == {"hold_rest_s": 5.0}


def test_circuit_refuses_plainly_when_the_cap_is_used() -> None:
    used = {"id": "a", "routine": "circuit", "day": TODAY.isoformat(), "active_s": 600}
    got = CIRCUIT.timeline(ctx(rows=[used]))
    assert isinstance(got, Refusal) and "done" in got.reason
    assert CIRCUIT.budget(ctx(rows=[used])) == 0.0


def test_rest_window_reads_without_a_second_clock() -> None:
    built = CIRCUIT.timeline(ctx(plan=RIGHT))
    assert isinstance(built, Built)
    runner, clock = run(built.timeline)
    while runner.current is not None and runner.current.kind != "round_rest":
        runner.skip()
    clock.advance(0.5)
    view = CIRCUIT.view(runner, ctx(plan=RIGHT))
    assert view.extra.startswith("next round in 1:30  ·  Enter lets you start after 1:00")
    assert view.big == "1:30" and view.cue_role == "rest"


def test_the_big_number_is_always_the_time_left() -> None:
    built = CIRCUIT.timeline(ctx())
    assert isinstance(built, Built)
    runner, clock = run(built.timeline)
    while runner.current is not None and runner.current.kind != "work":
        runner.skip()
    spec = runner.current
    assert spec is not None and spec.tempo is not None
    clock.advance(sum(spec.tempo) + 0.5)  # one rep done
    view = CIRCUIT.view(runner, ctx())
    left = spec.planned_s - sum(spec.tempo) - 0.5
    assert view.big == str(math.ceil(left)) and "rep 2 of" in view.counts


def test_contract_relax_is_a_routine_like_any_other() -> None:
    built = RELAX.timeline(ctx())
    assert isinstance(built, Built)
    kinds = [(p.kind, p.side) for p in built.timeline.phases]
    assert kinds.count(("hold", "left")) == 3 and kinds.count(("hold", "right")) == 3
    holds = [p.planned_s for p in built.timeline.phases if p.kind == "hold"]
    assert set(holds) == {8.0}
    short = RELAX.timeline(ctx({"relax_reps": 9, "relax_contract_s": 30}))
    assert isinstance(short, Built)
    assert max(p.planned_s for p in short.timeline.phases if p.kind == "hold") == 10.0
    assert sum(1 for p in short.timeline.phases if p.kind == "hold") == 6
    runner, clock = run(built.timeline)
    clock.advance(5.5)
    runner.poll()
    assert RELAX.view(runner, ctx()).banner == "CONTRACT"


def test_contract_relax_get_ready_counts_the_reps_to_come() -> None:
    """Get ready said "rep –/1" before a drill of 3 reps a side (the contract phase then
    said "rep 1/3")."""
    built = RELAX.timeline(ctx())
    assert isinstance(built, Built)
    runner, _ = run(built.timeline)
    assert runner.current is not None and runner.current.kind == "prepare"
    assert RELAX.view(runner, ctx()).counts.startswith("rep –/3")


def test_counts_by_day_has_a_column_for_every_routine() -> None:
    rows = [
        {"routine": "hold", "status": "completed", "day": "2026-11-20"},
        {"routine": "contract_relax", "status": "completed", "day": "2026-11-20"},
        {"routine": "circuit", "status": "completed", "day": "2026-11-19"},
    ]
    days = counts_by_day(rows)
    assert days == {"2026-11-20": [1, 0, 1], "2026-11-19": [0, 1]}
    zero = dict.fromkeys(registry.IDS, 0)
    assert routine_counts(days, TODAY) == zero | {"hold": 1, "contract_relax": 1}


def test_session_records_accept_every_routine_and_pain_during() -> None:
    session = {
        "id": "s",
        "routine": "contract_relax",
        "started_at": "2026-11-20T08:00:00+01:00",
        "ended_at": "2026-11-20T08:02:00+01:00",
        "status": "stopped",
        "stop_reason": "pain",
        "pain_during": 7,
        "phases": [],
    }
    assert validate_session(session)["pain_during"] == 7
    with pytest.raises(RecordError, match="pain_during"):
        validate_session({**session, "pain_during": 11})
    with pytest.raises(RecordError, match="routine"):
        validate_session({**session, "routine": "yoga"})


def test_cues_by_role_and_what_g_logged() -> None:
    cues = ("set up", "squeeze a", "squeeze b", "let go")
    assert cues_for_role(cues, "setup") == ("set up",)
    assert cues_for_role(cues, "squeeze") == ("squeeze a", "squeeze b")
    assert cues_for_role(cues, "rest") == ("let go",)
    work = PhaseSpec("work", "clamshell", "left", 1, 40.0, reps=8, tempo=(2.0, 1.0, 2.0))
    runner, clock = run(Timeline("circuit", (work,)))
    clock.advance(26.0)
    runner.skip(ended_by=GLUTES_STOPPED)
    assert logged_words(runner.records[-1], "clamshell") == "clamshell: 5 of 8 reps logged"


def test_every_routine_module_is_in_the_catalogue_and_loaded_by_the_registry() -> None:
    """A new routine is its module and one catalogue line: the registry loads what the
    catalogue names, and a module with a ROUTINE the catalogue forgot fails here."""
    import pkgutil

    import glute_tui.core.routines as package
    from glute_tui.core.routines.catalogue import IDS

    with_routine = {
        m.name
        for m in pkgutil.iter_modules(package.__path__)
        if hasattr(__import__(f"glute_tui.core.routines.{m.name}", fromlist=["_"]), "ROUTINE")
    }
    assert with_routine == set(IDS)
    assert tuple(r.id for r in registry.ROUTINES) == IDS


def test_the_registry_refuses_a_catalogue_line_without_its_module() -> None:
    from glute_tui.core.routines.catalogue import RoutineInfo

    with pytest.raises(ModuleNotFoundError):
        registry._load(RoutineInfo("no_such_routine", "T", "d", "z", "Z"))
    with pytest.raises(RuntimeError, match="must define ROUTINE"):
        registry._load(RoutineInfo("base", "T", "d", "z", "Z"))


def test_hold_summary_says_the_programme_s_target_not_the_protocol_s() -> None:
    """Integrate asks one hold session a day: the summary says "of 1", never Activate's 2."""
    from dataclasses import replace

    routine = HOLD
    integrate = replace(ctx(), targets={"hold": 1})
    done = {"id": "s1", "status": "completed", "phases": []}
    assert routine.summary(done, integrate)[1] == "Hold session 1 of 1 today — today counts."
    stopped = {"id": "s2", "status": "stopped", "phases": []}
    assert routine.summary(stopped, integrate)[1] == "Completed hold sessions today: 0 of 1."
    # not due today (a later stage): the count, and no target the programme does not ask
    later = replace(ctx(), targets={"primer": 1})
    assert routine.summary(stopped, later)[1] == (
        "Completed hold sessions today: 0; none are due today."
    )
    assert routine.summary(done, later)[1] == "Hold session 1 today; none are due today."


def test_contract_relax_summary_counts_only_contractions_held() -> None:
    """A contraction skipped at once is not one done (the summary said "RIGHT: 3" after
    three skips); one held at least half its time is, as the hold timer counts."""

    def phase(side: str, held: float, kind: str = "hold") -> dict[str, Any]:
        return {"kind": kind, "side": side, "planned_s": 8.0, "start_s": 0.0, "end_s": held}

    skipped = {"phases": [phase("right", 0.2) for _ in range(3)]}
    assert RELAX.summary(skipped, ctx())[0] == "Contractions: none"
    mixed = {"phases": [phase("left", 8.0), phase("left", 5.0), phase("right", 1.0)]}
    mixed["phases"].append(phase("left", 10.0, kind="rest"))
    assert RELAX.summary(mixed, ctx())[0] == "Contractions: LEFT: 2"
