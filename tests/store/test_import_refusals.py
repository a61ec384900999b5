"""Each thing an import must refuse (issue 10), one case at a time: one line, nothing written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from glute_tui.store.errors import StoreError
from glute_tui.store.export import import_file, read_export_file
from glute_tui.store.history import HistoryStore
from tests.store.test_edges import _session, snapshot
from tests.store.test_journal import phase


def _export() -> dict[str, Any]:
    s = _session("a", n=3)
    s["ended_at"] = "2026-11-20T08:01:00+01:00"
    return {
        "format": "glute-tui-export",
        "version": 1,
        "sessions": [s],
        "assessments": [],
        "settings": {"hold_reps": 10},
    }


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        target: Any = data
        *parents, last = path.split(".")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return edit


CASES: dict[str, tuple[Callable[[dict[str, Any]], None] | str, str]] = {
    "NaN token": ('{"format": "glute-tui-export", "version": 1, "x": NaN}', "NaN"),
    "Infinity": ('{"format": "glute-tui-export", "version": 1, "x": -Infinity}', "Infinity"),
    "1e400 is infinite": (_set("sessions.0.phases.0.planned_s", "@1e400"), "finite"),
    "duplicate keys": ('{"format": "glute-tui-export", "format": "x"}', "twice"),
    "deep nesting": ('{"x": ' + "[" * 990 + "]" * 990 + "}", "nested"),
    "lone surrogate": (_set("sessions.0.note", '@"a\\udc00"'), "surrogate"),
    "bidi in an id": (_set("sessions.0.id", "a\u202eb"), "direction"),
    "control in a note": (_set("sessions.0.note", "a\x1b[2Jb"), "control"),
    "id over 64": (_set("sessions.0.id", "x" * 65), "at most 64"),
    "note over 2000": (_set("sessions.0.note", "x" * 2001), "at most 2000"),
    "unknown phase kind": (_set("sessions.0.phases.0.kind", "jump"), "not a phase"),
    "paused_s too long": (_set("sessions.0.phases.0.paused_s", 99.0), "longer than the phase"),
    "paused_s negative": (_set("sessions.0.phases.0.paused_s", -1), "from 0"),
    "phase ends before it starts": (_set("sessions.0.phases.0.end_s", 1.0), "before start_s"),
    "phase after its session": (_set("sessions.0.phases.2.end_s", 900.0), "after its session"),
    "date before 2000": (_set("sessions.0.started_at", "1999-12-31T08:00:00+00:00"), "2000"),
    "date after tomorrow": (_set("sessions.0.ended_at", "2099-01-01T08:00:00+00:00"), "future"),
    "hold_reps Infinity": (_set("settings.hold_reps", "@1e999"), "finite"),
    "hold_reps out of bounds": (_set("settings.hold_reps", 10**6), "whole number"),
    "hold_s not a number": (_set("settings.hold_s", "3"), "number"),
    # the settings screen's bounds (core/user_settings.py) are import's too
    "volume out of bounds": (_set("settings.volume", 150), "from 0 to 100"),
    "release_min out of bounds": (_set("settings.release_min", 12), "from 5 to 10"),
    "circuit_cap_min above the cap": (_set("settings.circuit_cap_min", 30), "from 5 to 10"),
    "programme setting out of bounds": (
        _set("settings.programme_days_in_stage", 2),
        "from 7 to 90",
    ),
    "duplicate session ids": (
        lambda d: d["sessions"].append(dict(d["sessions"][0])),
        "appears twice",
    ),
    "unknown top-level part": (_set("extra", 1), "not a part"),
    "a deep unknown field": (_set("sessions.0.extra", {"a": [1]}), "not a field"),
}


def _write(tmp_path: Path, edit: Callable[[dict[str, Any]], None] | str) -> Path:
    src = tmp_path / "in.json"
    if isinstance(edit, str):
        src.write_text(edit)
        return src
    data = _export()
    edit(data)
    text = json.dumps(data)
    # "@raw" values are spliced in as raw JSON text
    for token in ('"@1e400"', '"@1e999"', '"@\\"a\\\\udc00\\""'):
        raw = json.loads(token)[1:]
        text = text.replace(token, raw)
    src.write_text(text)
    return src


@pytest.mark.parametrize("case", list(CASES))
def test_import_refuses(case: str, tmp_path: Path, db_path: Path) -> None:
    edit, words = CASES[case]
    store = HistoryStore.open(db_path)
    store.add_session(_session("keep", day="2026-11-19"))
    before = snapshot(db_path.parent)
    src = _write(tmp_path, edit)
    with pytest.raises(StoreError) as info:
        import_file(store, src)
    message = str(info.value)
    assert words in message and "\n" not in message and "nothing was imported" in message
    assert snapshot(db_path.parent) == before


def test_the_untouched_export_is_accepted(tmp_path: Path, db_path: Path) -> None:
    src = _write(tmp_path, lambda d: None)
    store = HistoryStore.open(db_path)
    assert import_file(store, src) == (1, 0)
    saved = store.session_dict("a")
    assert saved is not None and [p["set"] for p in saved["phases"]] == [1, 2, 3]
    assert read_export_file(src)["sessions"][0]["phases"][0] == phase(0)


def test_cue_import_refuses_a_part_it_does_not_know(tmp_path: Path, db_path: Path) -> None:
    from glute_tui.store import shipped
    from glute_tui.store.cue_share import read_cue_file

    src = tmp_path / "cues.json"
    src.write_text(
        json.dumps({"format": "glute-tui-cues", "version": 1, "cues": {}, "settings": {}})
    )
    with pytest.raises(StoreError, match="'settings' is not a part of a cue file"):
        read_cue_file(src, shipped.library())
