"""The stage history: a span each time the programme's stage changes, with why."""

from __future__ import annotations

from datetime import date, timedelta

from glute_tui.core.programme import (
    DaySession,
    History,
    MorningPain,
    StageChange,
    Verdict,
    stage_days,
    walk,
)
from glute_tui.core.stage_history import bands, spans, stage_history
from glute_tui.store.programme_input import shipped_programme

START = date(2026, 9, 1)


def _history() -> History:
    sessions = [
        DaySession(r, START + timedelta(days=k), "left")
        for k in range(40)
        for r in ("hold", "hold", "circuit")
    ]
    return History(
        sessions=tuple(sessions),
        mornings=(
            MorningPain(START + timedelta(days=20), 8),
            MorningPain(START + timedelta(days=23), 8),
        ),
        verdicts=(Verdict(START, "left", lsis={"bridge_hold": 70.0}),),
        changes=(StageChange(START + timedelta(days=30), "strengthen", "my physio says so"),),
    )


def test_stage_history_names_each_change_and_why() -> None:
    programme = shipped_programme()
    got = stage_history(_history(), START + timedelta(days=39), programme)
    assert (got[0].stage, got[0].since) == ("activate", START)
    assert got[0].why == "Programme started in Activate from your self-assessment"
    assert got[1].stage == "integrate" and got[1].why.startswith("Stage moved on to Integrate")
    assert got[-1].stage == "strengthen" and got[-1].since == START + timedelta(days=30)
    assert got[-1].why == "Stage set by hand to Strengthen: my physio says so"
    assert bands(got)[-1] == ((START + timedelta(days=30)).isoformat(), "Strengthen")
    assert stage_history(History(), START, programme) == []


def test_stage_days_is_walk_without_the_due_list() -> None:
    programme, history = shipped_programme(), _history()
    last = START + timedelta(days=39)
    names = {s.id: s.name for s in programme.stages}
    walked = [(t.date, t.stage, t.since, t.notes) for t in walk(history, START, last, programme)]
    assert spans(stage_days(history, last, programme), names) == spans(walked, names)
