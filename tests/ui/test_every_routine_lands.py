"""Every routine of the registry, run to its end on the live screen, lands as a completed
session in the history, in the export and in the per-day counts the heatmap and streaks
read (issue 13: "its sessions in history, heatmap, streaks and export"). Only some routines
had such an end-to-end test; this one follows the registry, so a new routine gets it too."""

from __future__ import annotations

import pytest

from glute_tui.core.progress import counts_by_day
from glute_tui.core.routines.catalogue import IDS
from glute_tui.store.export import build_export
from glute_tui.store.history import HistoryStore
from glute_tui.ui.screens.live import LiveSessionScreen
from tests.conftest import settle
from tests.ui.live import (  # noqa: F401  (screened_db: a fixture)
    drain_writer,
    right_weak_store,
    run_clock,
    screened_db,
)

pytestmark = pytest.mark.usefixtures("screened_db")


@pytest.mark.parametrize("rid", IDS)
async def test_a_whole_session_lands_everywhere(make_app, clock, db_path, rid: str) -> None:
    right_weak_store(db_path)
    app = make_app(rid.replace("_", "-"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LiveSessionScreen) and screen.routine.id == rid
        await pilot.press("enter")
        assert screen.mode == "live", rid
        for _ in range(400):  # a user who does every set: Enter ends a user-paced one
            if screen.mode != "live":
                break
            if screen.runner.current.paced:
                await pilot.press("enter")
            else:
                await run_clock(pilot, clock, 20.0)
        assert screen.mode == "summary", rid
        await drain_writer(app)
    store = HistoryStore.open(db_path)
    (row,) = [r for r in store.rows() if r["routine"] == rid]
    assert row["status"] == "completed"
    exported = [s for s in build_export(store)["sessions"] if s["routine"] == rid]
    assert len(exported) == 1 and exported[0]["phases"], rid
    counts = counts_by_day(store.row_dicts())
    (day,) = [d for d, c in counts.items() if len(c) > IDS.index(rid) and c[IDS.index(rid)]]
    assert counts[day][IDS.index(rid)] == 1
