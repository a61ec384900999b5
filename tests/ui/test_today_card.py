"""Home's Today card in the cases round 1 left: an injury pause, long lines at 80 columns."""

from __future__ import annotations

import re
from pathlib import Path

from glute_tui.store.history import HistoryStore
from tests.ui.test_today import _card, mid_programme, settle_programme


def _paused(db_path: Path) -> None:
    mid_programme(db_path)  # Activate, one hold session of two done today (2026-11-20)
    HistoryStore.open(db_path).add_pause({"start": "2026-11-18", "end": "2026-11-27"})


async def test_a_paused_day_asks_nothing_and_says_until_when(make_app, db_path: Path) -> None:
    _paused(db_path)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_programme(pilot)
        text = " ".join(_card(app).split())
        assert "to go" not in text and "of 2" not in text, text
        assert re.search(r"Paused nothing is due: injury pause from 18 Nov to Fri 27 Nov", text)
        assert "training picks up on Sat 28 Nov" in text
        assert "Done today Hold timer 1" in text  # what was done is still said


def test_today_snapshot_paused(snap_compare, make_app, db_path: Path) -> None:
    _paused(db_path)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=settle_programme)


async def test_long_lines_wrap_under_their_text_at_80_columns(make_app, db_path: Path) -> None:
    """A gate line or a note too long for 80 columns goes on under its own text, so the
    card reads as a list: no line but the heading starts at column 1."""
    _paused(db_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle_programme(pilot)
        lines = _card(app).split("\n")
        assert len(lines) > 6, lines  # some lines did wrap at this width
        assert all(line.startswith("  ") for line in lines[1:]), lines
        paused = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Paused"))
        col = lines[paused].index("nothing is due")
        assert lines[paused + 1][:col].strip() == "" and lines[paused + 1][col] != " ", lines
        gate = next(i for i, line in enumerate(lines) if "Next stage" in line)
        assert lines[gate + 1].startswith(" " * col) and lines[gate + 1][col] != " ", lines
        width = app.screen.query_one("#today").content_size.width
        assert all(len(line) <= width for line in lines), (width, lines)
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:  # wide: one line each again
        await settle_programme(pilot)
        assert "training picks up" in next(
            line for line in _card(app).split("\n") if "Paused" in line
        )


async def test_after_a_session_stopped_for_pain_above_5_the_card_says_rest(
    make_app, db_path: Path
) -> None:
    """The session said "stop for today": home must not then say "1 to go"."""
    from tests.ui.test_today import _hold

    store = HistoryStore.open(db_path)
    mid_programme(db_path)
    hurt = _hold("hurt", 0)
    hurt.update(id="hurt", status="stopped", stop_reason="pain", pain_during=7)
    store = HistoryStore.open(db_path)
    store.add_session(hurt)
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle_programme(pilot)
        text = " ".join(_card(app).split())
        assert "to go" not in text, text
        assert "Rest for today: pain 7 of 10 in today's hold timer session" in text, text
