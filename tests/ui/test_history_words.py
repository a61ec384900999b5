"""Routine titles wherever a routine id would show, and a drill-down that fits 80 columns."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable

from glute_tui.store.history import HistoryStore
from glute_tui.ui.dialogs.session_detail import SessionDetail
from tests.conftest import settle
from tests.ui.live import hold_resume

LONG = [  # the longest words a phase can show, on the longest exercise names
    ("round_rest", "quadruped_hip_extension", "both", "out_of_time"),
    ("work", "iso_supine", "right", "glutes_stopped"),
    ("hold", "contract_relax", "left", "stopped"),
    ("transition", "clamshell", "left", "ready"),
]


def _session(sid: str, routine: str) -> dict[str, Any]:
    phases = []
    for i, (kind, ex, side, ended) in enumerate(LONG):
        phase = {
            "kind": kind, "exercise": ex, "side": side, "set": i + 1, "planned_s": 90.0,
            "start_s": 10.0 * i, "end_s": 10.0 * i + 9, "reps": 8 if kind == "work" else None,
            "ended_by": ended,
        }  # fmt: skip
        phases.append(phase)
    return {
        "id": sid, "routine": routine, "started_at": "2026-11-19T08:00:00+01:00",
        "ended_at": "2026-11-19T08:05:00+01:00", "status": "stopped", "stop_reason": "pain",
        "pain_before": 1, "pain_after": 2, "effort": 3, "phases": phases,
    }  # fmt: skip


async def test_drill_down_fits_80_columns_with_every_ended_by_whole(make_app, db_path) -> None:
    app = make_app()
    store = HistoryStore.open(db_path)
    store.add_session(_session("long", "contract_relax"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(SessionDetail("long", len(LONG)))
        await settle(pilot)
        table = app.screen.query_one("#phase-table", DataTable)
        assert table.row_count == len(LONG)
        assert table.max_scroll_x == 0  # nothing is cut off to the right
        shown = "\n".join(str(line.text) for line in table.render_lines(table.region.reset_offset))
        for word in ("daily cap reached", "glutes stopped", "session stopped", "ready early"):
            assert word in shown, word
        head = str(app.screen.query_one("#detail-head").render())
        assert head.startswith("Contract & relax session"), head


async def test_cut_short_notice_names_the_routine_by_its_title(make_app, db_path) -> None:
    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    header = {
        "id": "cut", "routine": "contract_relax", "started_at": "2026-11-20T17:00:00+01:00",
        "status": "interrupted", "stop_reason": "interrupted",
    }  # fmt: skip
    store.journal.begin(header, resume={**hold_resume(["right"], 0), "routine": "contract_relax"})
    store.journal.release()  # the crashed owner: its OS lock is gone
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        said = next(n for n in app.notices if "was cut short" in n)
        assert "contract_relax" not in said, said
        assert said.startswith("Your contract & relax session from 17:00 was cut short.")
        assert "Open the Contract & relax screen" in said


def _done(sid: str, routine: str, days_ago: int) -> dict[str, Any]:
    from datetime import timedelta

    from tests.conftest import FIXED_NOW

    start = FIXED_NOW.replace(hour=9, minute=0) - timedelta(days=days_ago)
    return {
        "id": sid, "routine": routine, "started_at": start.isoformat(),
        "ended_at": (start + timedelta(minutes=4)).isoformat(), "status": "completed",
        "stop_reason": "planned_end", "pain_before": 1, "pain_after": 1, "effort": 3,
        "phases": [],
    }  # fmt: skip


async def test_calendar_marks_and_legend_cover_every_routine(make_app, db_path) -> None:
    from glute_tui.ui.widgets.calendar import Calendar

    store = HistoryStore.open(db_path)
    store.set_setting("disclaimer_seen", True)
    store.merge(
        [
            _done("r3", "contract_relax", 3),  # only the drill: its own mark
            _done("c2", "circuit", 2),  # circuit and drill: both marks, or "+" when narrow
            _done("r2", "contract_relax", 2),
        ],
        [],
    )
    app = make_app("history")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        cal = app.screen.query_one(Calendar)
        cells = {c.day: c for col in cal.heat for c in col}
        from tests.conftest import FIXED_NOW

        today = FIXED_NOW.date()
        from datetime import timedelta

        three, two = cells[today - timedelta(days=3)], cells[today - timedelta(days=2)]
        assert three.counts == (0, 0, 1) and not three.circuit
        assert cal.other_marks(three, 1) == "[$accent]r[/]"
        assert cal.other_marks(two, 1) == "[$accent]+[/]"  # two routines, one column
        assert cal.other_marks(two, 2) == "[$accent]•[/][$accent]r[/]"
        text = str(cal.render())
        assert "• circuit" in text and "r contract & relax" in text
        assert "+ more than fit" in text  # 80 columns: two columns a day
        assert all(len(line) <= 78 for line in text.splitlines())
        streaks = str(app.screen.query_one("#streaks").render())
        row = next(line for line in streaks.splitlines() if line.startswith("Contract & relax"))
        assert "2 days" in row and "2 of the last 28 days" in row, row
