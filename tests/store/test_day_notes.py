"""Day notes: one locked read-modify-write per change, and they travel in the JSON export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glute_tui.store.errors import StoreError
from glute_tui.store.export import build_export, import_file, render
from glute_tui.store.history import HistoryStore


def test_set_and_remove_a_day_note(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.json")
    assert store.set_day_note("2026-11-17", "  sore hip  ") == {"2026-11-17": "sore hip"}
    store.set_day_note("2026-11-18", "fine")
    assert HistoryStore.open(tmp_path / "h.json").kv("day_notes") == {
        "2026-11-17": "sore hip",
        "2026-11-18": "fine",
    }
    assert store.set_day_note("2026-11-17", "") == {"2026-11-18": "fine"}
    with pytest.raises(ValueError):
        store.set_day_note("yesterday", "x")


def test_day_notes_export_and_import_merge(tmp_path: Path) -> None:
    a = HistoryStore.open(tmp_path / "a.json")
    a.set_day_note("2026-11-17", "sore hip")
    out = tmp_path / "e.json"
    out.write_text(render(build_export(a), "json"), encoding="utf-8")
    b = HistoryStore.open(tmp_path / "b.json")
    b.set_day_note("2026-11-18", "fine")
    import_file(b, out)
    assert b.kv("day_notes") == {"2026-11-17": "sore hip", "2026-11-18": "fine"}
    bad = json.loads(out.read_text())
    bad["day_notes"] = {"soon": "x"}
    out.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(StoreError, match=r"day_notes\.soon"):
        import_file(b, out)
    assert b.kv("day_notes") == {"2026-11-17": "sore hip", "2026-11-18": "fine"}
