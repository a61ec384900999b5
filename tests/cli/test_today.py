"""`glute-tui today`: JSON and text in a real subprocess, --as-of replay, bad input, fast path;
and the store-side adapters from history records to programme inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from glute_tui.core.programme import DaySession, MorningPain, StageChange, Verdict
from glute_tui.store.history import HistoryStore
from glute_tui.store.programme_input import (
    STAGE_CHANGES_KEY,
    day_sessions,
    history_from,
    mornings,
    stage_change,
    verdicts,
)

TZ = timezone(timedelta(hours=1))
START = date(2026, 10, 1)


def _session(sid: str, k: int, routine: str, **extra: Any) -> dict[str, Any]:
    start = datetime.combine(START + timedelta(days=k), datetime.min.time(), TZ).replace(hour=8)
    side = extra.pop("side", "left")
    return {
        "id": sid,
        "routine": routine,
        "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=5)).isoformat(),
        "status": "completed",
        "stop_reason": "planned_end",
        "pain_before": 1,
        "pain_after": 1,
        "effort": 3,
        "phases": [
            {
                "kind": "hold",
                "exercise": "iso_standing",
                "side": side,
                "set": 1,
                "planned_s": 3,
                "start_s": 0,
                "end_s": 3,
                "reps": None,
            }
        ],
        **extra,
    }


def _assessment(k: int, verdict: str, lsi: float) -> dict[str, Any]:
    taken = datetime.combine(START + timedelta(days=k), datetime.min.time(), TZ).replace(hour=7)
    return {
        "id": f"a{k}",
        "taken_at": taken.isoformat(),
        "verdict": verdict,
        "weaker": verdict if verdict in ("left", "right") else None,
        "tests": {},
        "lsi": {"bridge_hold": lsi},
        "answers": {},
        "tight": False,
    }


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Left side weak on day 0; every activation session done for 20 days; a morning of 7
    on day 17 (about day 16's training)."""
    path = tmp_path / "h.json"
    sessions = []
    for k in range(20):
        sessions += [_session(f"h{k}a", k, "hold"), _session(f"h{k}b", k, "hold")]
        sessions.append(_session(f"c{k}", k, "circuit", pain_next_morning=7 if k == 16 else 1))
    HistoryStore.open(path).merge(sessions, [_assessment(0, "left", 70.0)])
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "glute_tui", "today", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_today_json_as_of_walks_the_programme(db: Path) -> None:
    out = _run("--json", "--db", str(db), "--as-of", "2026-10-10")
    assert out.returncode == 0, out.stderr
    t = json.loads(out.stdout)
    assert t["date"] == "2026-10-10"
    assert t["stage"]["id"] == "activate" and t["stage"]["week"] == 2
    assert t["stage"]["since"] == "2026-10-01"
    assert t["stage"]["gate"][0] == {
        "need": "14 days in this stage",
        "met": False,
        "have": "9 days, 5 more",
    }
    assert t["load"] == {"step": 0, "why": None}
    assert t["due"] == [
        {
            "routine": "hold",
            "side": "left",
            "target": 2,
            "done": 2,
            "dose": {"reps": 10, "hold_s": 3},
        },
        {
            "routine": "circuit",
            "side": "left",
            "target": 1,
            "done": 1,
            "dose": {"rounds": 3, "reps": 8, "cap_min": 10},  # what the circuit runs
        },
    ]
    moved = json.loads(_run("--json", "--db", str(db), "--as-of", "2026-10-15").stdout)
    assert moved["stage"]["id"] == "integrate"
    assert moved["notes"] == ["Stage moved on to Integrate: every check of the gate was met."]
    pain = json.loads(_run("--json", "--db", str(db), "--as-of", "2026-10-18").stdout)
    assert pain["load"] == {"step": -1, "why": "next-morning pain of 7 on 2026-10-18"}
    assert pain["notes"] == ["Load lowered one step: this morning's pain was 7."]


def test_a_lowered_dose_comes_from_what_the_physio_set(db: Path) -> None:
    store = HistoryStore.open(db)
    store.set_kv("settings", {"hold_reps": 6, "hold_s": 5})
    for _ in range(2):  # from the whole file, then from the cache it wrote
        out = _run("--json", "--db", str(db), "--as-of", "2026-10-18")
        assert out.returncode == 0, out.stderr
        hold = [d for d in json.loads(out.stdout)["due"] if d["routine"] == "hold"]
        assert [d["dose"] for d in hold] == [{"reps": 5, "hold_s": 4}]  # not 8 x 2 s


def test_as_of_replays_a_past_day_as_it_stood(db: Path, tmp_path: Path) -> None:
    """The replay of day 12 equals what a history ending on day 12 showed that day."""
    early = tmp_path / "early.json"
    store = HistoryStore.open(db)
    rows = [s for s in store.session_dicts() if s["started_at"] < "2026-10-13"]
    HistoryStore.open(early).merge(rows, store.assessments())
    replay = _run("--json", "--db", str(db), "--as-of", "2026-10-12").stdout
    then = _run("--json", "--db", str(early), "--as-of", "2026-10-12").stdout
    assert json.loads(replay) == json.loads(then)


def test_today_text_is_a_few_plain_lines(db: Path) -> None:
    out = _run("--db", str(db), "--as-of", "2026-10-18")
    assert out.returncode == 0
    assert out.stdout.splitlines() == [
        "2026-10-18: Integrate, week 1 (since 2026-10-15)",
        "Load: 1 step lower (next-morning pain of 7 on 2026-10-18)",
        "Due:",
        "  Cook hip lift               left 0 of 1, right 0 of 1",
        "  Standing glute contraction  left 0 of 1, right 0 of 1",
        "  Circuit                     left 1 of 1 done",
        "  Hold timer                  left 2 of 1 done",
        "Next stage: 14 days in this stage (now 3 days, 11 more); "
        "adherence 80% over the last 14 days (now 76%); "  # every due routine is loggable now
        "no next-morning pain above 3 in the last 7 days (now 7 on 2026-10-18)",
        "Load lowered one step: this morning's pain was 7.",
    ]


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "2026-1-1x"])
def test_a_bad_date_is_one_line_and_exit_2(db: Path, bad: str) -> None:
    out = _run("--db", str(db), "--as-of", bad)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr == f"glute-tui: --as-of {bad!r} is not a YYYY-MM-DD date\n"


def test_a_bad_setting_is_one_line_and_exit_2(db: Path) -> None:
    HistoryStore.open(db).set_setting("programme_days_in_stage", 2)
    out = _run("--db", str(db), "--as-of", "2026-10-10")
    assert out.returncode == 2
    assert len(out.stderr.splitlines()) == 1 and "programme_days_in_stage" in out.stderr


def test_no_file_is_an_empty_programme_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    out = _run("--json", "--db", str(path), "--as-of", "2026-10-10")
    assert out.returncode == 0
    assert json.loads(out.stdout)["stage"] == {
        "id": "activate",
        "week": 1,
        "since": "2026-10-10",
        "gate": json.loads(out.stdout)["stage"]["gate"],
    }
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_a_corrupt_file_is_moved_aside_and_said(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    path.write_text("{not json", encoding="utf-8")
    out = _run("--db", str(path), "--as-of", "2026-10-10")
    assert out.returncode == 0
    assert "moved aside" in out.stderr
    kept = [p for p in tmp_path.iterdir() if p.read_text() == "{not json"]
    assert len(kept) == 1 and kept[0] != path


def test_today_fast_path_loads_neither_textual_nor_tinydb(db: Path) -> None:
    code = (
        "import sys; from glute_tui.cli import main; main(['today', '--db', sys.argv[1]]); "
        "print(sorted(m for m in ('textual', 'tinydb', 'filelock') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


# ---- adapters ------------------------------------------------------------------------
def test_rows_and_whole_sessions_adapt_the_same(db: Path) -> None:
    store = HistoryStore.open(db)
    assert day_sessions(store.rows()) == day_sessions(store.session_dicts())
    first_hold = next(s for s in day_sessions(store.rows()) if s.routine == "hold")
    assert first_hold == DaySession("hold", START, "left", 1, 0, "completed")


def test_glutes_stopped_and_sets_come_from_the_record() -> None:
    stopped = _session("s", 0, "circuit", stop_reason="glutes_stopped", status="stopped")
    counted = _session("c", 0, "circuit", sets=4, glutes_stopped_sets=2, side="right")
    a, b = day_sessions([stopped, counted])
    assert (a.sets, a.glutes_stopped_sets, a.status) == (1, 1, "stopped")
    assert (b.sets, b.glutes_stopped_sets, b.side) == (4, 2, "right")


def test_next_morning_pain_belongs_to_the_next_day() -> None:
    rows = [
        _session("a", 3, "hold", pain_next_morning=6),
        _session("b", 3, "hold", pain_next_morning=None),
        _session("c", 4, "hold", pain_next_morning=True),  # not a pain score
    ]
    assert mornings(rows) == [MorningPain(START + timedelta(days=4), 6)]


def test_assessments_adapt_to_verdicts() -> None:
    tight = {
        **_assessment(2, "balanced", 95.0),
        "tight": None,
        "answers": {"tight_signs": ["a", "b"]},
    }
    got = verdicts([_assessment(0, "left", 80.0), tight, _assessment(5, "red_flag", 99.0)])
    assert got[0] == Verdict(START, "left", False, {"bridge_hold": 80.0}, False, "left")
    assert (got[1].weak_side, got[1].tight) == (None, True)
    assert got[2].red_flag and got[2].weak_side is None


def test_stage_changes_are_validated_and_bad_entries_skipped() -> None:
    good = {"day": "2026-10-05", "stage": "strengthen", "reason": " physio says so "}
    kv = {STAGE_CHANGES_KEY: [good, {"day": "x", "stage": "activate", "reason": "r"}, 3]}
    h = history_from([], [], kv)
    assert h.changes == (StageChange(date(2026, 10, 5), "strengthen", "physio says so"),)
    with pytest.raises(ValueError, match="say why"):
        stage_change("2026-10-05", "activate", " ")
    with pytest.raises(ValueError, match="stage must be one of"):
        stage_change("2026-10-05", "walk", "r")


# ---- the cache -------------------------------------------------------------------------
def test_the_cache_gives_what_the_whole_file_gives(db: Path) -> None:
    from glute_tui.store.programme_cache import cache_path

    days = ["2026-10-19", "2026-10-20", "2026-10-25", "2026-12-31"]
    cold = []
    for d in days:
        cache_path(db).unlink(missing_ok=True)
        cold.append(_run("--json", "--db", str(db), "--as-of", d).stdout)
    assert cache_path(db).exists()
    warm = [_run("--json", "--db", str(db), "--as-of", d).stdout for d in days]
    assert warm == cold
    assert json.loads(warm[0])["stage"]["id"] == "integrate"


def test_the_cache_follows_every_write(db: Path) -> None:
    from glute_tui.store.programme_cache import cache_path

    _run("--json", "--db", str(db), "--as-of", "2026-10-25")
    assert cache_path(db).exists()
    store = HistoryStore.open(db)
    last = [r for r in store.rows() if r["started_at"].startswith("2026-10-19")]
    store.update_session(last[0]["id"], pain_next_morning=8)
    out = json.loads(_run("--json", "--db", str(db), "--as-of", "2026-10-20").stdout)
    assert out["load"]["why"] == "next-morning pain of 8 on 2026-10-20"


def test_a_damaged_cache_is_ignored(db: Path) -> None:
    from glute_tui.store.programme_cache import cache_path

    good = _run("--json", "--db", str(db), "--as-of", "2026-10-25").stdout
    cache_path(db).write_text('{"version": 1, "key": [1, 2, 3', encoding="utf-8")
    assert _run("--json", "--db", str(db), "--as-of", "2026-10-25").stdout == good
    data = json.loads(cache_path(db).read_text(encoding="utf-8"))
    data["checkpoint"]["stage"] = "walk"  # the key matches, the content is junk
    cache_path(db).write_text(json.dumps(data), encoding="utf-8")
    assert _run("--json", "--db", str(db), "--as-of", "2026-10-25").stdout == good


def test_a_stage_set_by_hand_is_logged_and_moves_the_programme(db: Path) -> None:
    from glute_tui.store.programme_input import add_stage_change, from_store

    store = HistoryStore.open(db)
    add_stage_change(store, stage_change("2026-10-05", "strengthen", "My physio says so."))
    assert store.kv(STAGE_CHANGES_KEY) == [
        {"day": "2026-10-05", "stage": "strengthen", "reason": "My physio says so."}
    ]
    history, settings = from_store(HistoryStore.open(db))
    assert settings.days_in_stage == 14
    assert history.changes == (StageChange(date(2026, 10, 5), "strengthen", "My physio says so."),)
    out = json.loads(_run("--json", "--db", str(db), "--as-of", "2026-10-05").stdout)
    assert out["stage"]["id"] == "strengthen"
    assert out["notes"] == ["Stage set by hand to Strengthen: My physio says so."]


def test_a_record_without_a_time_is_a_damaged_file_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    bad = {
        "meta": {"1": {"schema": 1}},
        "sessions": {"1": {"id": "x", "routine": "hold", "status": "completed"}},
    }
    path.write_text(json.dumps(bad), encoding="utf-8")
    out = _run("--db", str(path), "--as-of", "2026-10-10")
    assert out.returncode == 0
    assert len(out.stderr.splitlines()) == 1 and "moved aside" in out.stderr
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("h.corrupt")]
    assert [p.read_text(encoding="utf-8") for p in kept] == [json.dumps(bad)]  # every byte


def test_today_json_notes_say_when_a_re_assessment_is_due(db: Path) -> None:
    """The assessment was on day 0 (2026-10-01); the protocol asks again 28 days later."""
    from glute_tui.store.programme_cache import cache_path

    due = "A re-assessment is due (the last one was on 2026-10-01)."
    before = json.loads(_run("--json", "--db", str(db), "--as-of", "2026-10-28").stdout)
    assert not any("re-assessment is due" in n for n in before["notes"])
    for cold in (True, False):  # the whole file, then the cache next to it
        if cold:
            cache_path(db).unlink(missing_ok=True)
        t = json.loads(_run("--json", "--db", str(db), "--as-of", "2026-10-29").stdout)
        assert t["notes"].count(due) == 1, t["notes"]
    text = _run("--db", str(db), "--as-of", "2026-11-05").stdout
    assert due in text


def test_a_re_assessment_note_is_not_said_twice() -> None:
    from glute_tui.core.programme import Today
    from glute_tui.today_cmd import with_reassessment

    said = "A re-assessment is due (the last one was on 2026-09-01)."
    today = Today(date(2026, 12, 1), "return", 9, date(2026, 10, 1), (), 0, None, (), (said,))
    last = Verdict(date(2026, 9, 1), None)
    assert with_reassessment(today, last, 28).notes == (said,)
    assert with_reassessment(today, None, 28) is today
    red = Verdict(date(2026, 9, 1), None, red_flag=True)
    bare = Today(date(2026, 12, 1), "activate", 1, date(2026, 12, 1), (), 0, None, (), ())
    assert with_reassessment(bare, red, 28).notes == ()
    assert with_reassessment(bare, last, 28).notes == (
        "A re-assessment is due (the last one was on 2026-09-01).",
    )
