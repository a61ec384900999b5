"""`glute-tui demo-history` follows the programme: it logs what is due for the stage it is
in, day by day, so `today --as-of` on the demo walks through every stage (issue 13)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from glute_tui.cli import main
from glute_tui.core.demo import generate
from glute_tui.core.programme import STAGES, evaluate
from glute_tui.core.records import routine_ids
from glute_tui.store import shipped
from glute_tui.store.history import HistoryStore
from glute_tui.store.programme_input import history_from, shipped_programme

NOW = datetime(2026, 11, 20, 18, 30, tzinfo=timezone.utc)
FIRST = NOW.date() - timedelta(days=365)


def _demo(seed: int = 7):  # type: ignore[no-untyped-def]
    return generate(
        shipped.library(),
        shipped.protocols(),
        years=1,
        seed=seed,
        now=NOW,
        programme=shipped_programme(),
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    demo = _demo()
    HistoryStore.open(path).merge(
        demo.sessions, demo.assessments, {"plan": demo.plan.to_dict(), "pauses": demo.pauses}
    )
    return path


def _today(db: Path, day: date, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    assert main(["today", "--json", "--db", str(db), "--as-of", day.isoformat()]) == 0
    return json.loads(capsys.readouterr().out)


def test_today_as_of_on_a_demo_shows_every_stage_within_a_few_months(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: dict[str, date] = {}
    notes: list[str] = []
    for k in range(0, 150, 2):
        t = _today(demo_db, FIRST + timedelta(days=k), capsys)
        seen.setdefault(t["stage"]["id"], FIRST + timedelta(days=k))
        notes += t["notes"]
    assert set(seen) == set(STAGES), seen
    assert seen["activate"] < seen["integrate"] < seen["strengthen"] < seen["return"]


def test_the_demo_logs_the_work_of_each_stage(capsys: pytest.CaptureFixture[str]) -> None:
    demo = _demo()
    by_stage: dict[str, set[str]] = {}
    for s in demo.sessions:
        day = date.fromisoformat(s["started_at"][:10])
        by_stage.setdefault(demo.stages[day], set()).add(s["routine"])
    assert by_stage["activate"] == {"hold", "circuit"}
    assert {"cook_hip_lift", "standing_glute", "circuit", "hold"} <= by_stage["integrate"]
    assert {"primer", "bridge", "single_leg"} <= by_stage["strengthen"]
    assert {"primer", "single_leg"} <= by_stage["return"]
    loads = [p.get("load_kg") for s in demo.sessions for p in s["phases"] if p.get("load_kg")]
    assert loads, "single-leg work in Return carries some load"


@pytest.mark.parametrize("seed", [3, 7, 11])
def test_the_demo_has_bad_mornings_a_step_back_and_the_way_forward_again(seed: int) -> None:
    demo = _demo(seed)
    history = history_from(demo.sessions, demo.assessments, {"pauses": demo.pauses})
    notes: list[tuple[date, str]] = []
    for k in range(0, 200):
        day = FIRST + timedelta(days=k)
        t = evaluate(history, day, shipped_programme(), loggable=routine_ids())
        assert t.stage == demo.stages[day]  # the demo saw each day as the programme does
        notes += [(day, n) for n in t.notes]
    said = " ".join(n for _, n in notes)
    for words in ("Load lowered one step", "Load back to the stage's usual", "Back to"):
        assert words in said, (seed, words)
    back = min(d for d, n in notes if n.startswith("Back to"))
    assert any(d > back and n.startswith("Stage moved on") for d, n in notes), seed


def test_the_demo_is_the_same_for_the_same_seed_and_differs_for_another() -> None:
    assert _demo(5).sessions == _demo(5).sessions
    assert _demo(5).sessions != _demo(6).sessions


def test_without_a_programme_the_demo_keeps_to_hold_and_circuit() -> None:
    old = generate(shipped.library(), shipped.protocols(), years=1, seed=7, now=NOW)
    assert {s["routine"] for s in old.sessions} == {"hold", "circuit"}
