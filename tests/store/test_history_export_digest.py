"""Export is a full backup (round trip), streamed exports match, the stats digest stays true."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from glute_tui.core.demo import generate
from glute_tui.core.progress import counts_by_day
from glute_tui.store import shipped
from glute_tui.store.digest import digest_path, read_digest
from glute_tui.store.export import build_export, import_file, render, stream_export, write_export
from glute_tui.store.history import HistoryStore
from tests.conftest import FIXED_NOW


def _demo_store(path: Path, years: float = 0.2) -> HistoryStore:
    store = HistoryStore.open(path)
    demo = generate(shipped.library(), shipped.protocols(), years=years, seed=3, now=FIXED_NOW)
    store.merge(demo.sessions, demo.assessments, {"plan": demo.plan.to_dict()})
    store.set_pauses([{"start": "2026-10-01", "end": "2026-10-05"}])
    store.set_setting("circuit_weekly_target", 6)
    store.set_cues("clamshell", ["Knees stacked", "Slow and small"])
    return store


def test_streamed_export_is_identical_to_the_rendered_one(tmp_path: Path) -> None:
    store = _demo_store(tmp_path / "a.json")
    for fmt in ("json", "csv"):
        assert "".join(stream_export(store, fmt)) == render(build_export(store), fmt)
    empty = HistoryStore.open(tmp_path / "empty.json")
    assert "".join(stream_export(empty, "json")) == render(build_export(empty), "json")


def test_export_import_export_round_trip_is_identical(tmp_path: Path) -> None:
    store = _demo_store(tmp_path / "a.json")
    first = write_export(store, "json", tmp_path / "one.json")
    data = json.loads(first.read_text())
    assert data["pauses"] == [{"start": "2026-10-01", "end": "2026-10-05"}]
    assert data["settings"]["circuit_weekly_target"] == 6
    assert data["cues"] == {"clamshell": ["Knees stacked", "Slow and small"]}
    assert data["plan"]["source"] == "assessment"
    fresh = HistoryStore.open(tmp_path / "b.json")
    added, _ = import_file(fresh, first)
    assert added == len(store.rows()) > 0
    assert fresh.pauses() == store.pauses()
    assert fresh.settings() == store.settings()
    assert fresh.cue_overrides() == store.cue_overrides()
    assert fresh.plan() == store.plan()
    second = write_export(fresh, "json", tmp_path / "two.json")
    assert second.read_text() == first.read_text()


def test_digest_follows_every_write(tmp_path: Path) -> None:
    db = tmp_path / "h.json"
    store = _demo_store(db)
    digest = read_digest(db)
    assert digest is not None
    assert digest["days"] == counts_by_day(store.rows())
    assert digest["pauses"] == store.pauses()
    assert digest["circuit_target"] == 6 and digest["hold_target"] == 2
    start = FIXED_NOW + timedelta(minutes=5)
    store.add_session(
        {
            "id": "new",
            "routine": "circuit",
            "started_at": start.isoformat(),
            "ended_at": (start + timedelta(minutes=8)).isoformat(),
            "status": "completed",
            "stop_reason": "planned_end",
            "pain_before": 0,
            "pain_after": 0,
            "effort": 4,
            "phases": [],
        }
    )
    after = read_digest(db)
    assert after is not None and after["days"] == counts_by_day(store.rows())


def test_a_stale_digest_is_not_trusted_and_open_rebuilds_it(tmp_path: Path) -> None:
    db = tmp_path / "h.json"
    _demo_store(db)
    # another program rewrites the data file without touching the digest
    other = HistoryStore.open(db)
    good = digest_path(db).read_text()
    other.set_setting("circuit_weekly_target", 7)
    digest_path(db).write_text(good)  # put the old digest back: now it is stale
    assert read_digest(db) is None
    HistoryStore.open(db)
    fixed = read_digest(db)
    assert fixed is not None and fixed["circuit_target"] == 7


def test_a_corrupt_digest_is_ignored(tmp_path: Path) -> None:
    db = tmp_path / "h.json"
    _demo_store(db)
    digest_path(db).write_text("{not json")
    assert read_digest(db) is None
