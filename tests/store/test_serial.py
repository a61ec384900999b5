"""The ordered writer thread behind the live-session journal."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from glute_tui.store.journal import Journal
from glute_tui.store.serial import SerialWriter


def test_tasks_run_in_order_on_one_thread_and_errors_do_not_stop_it() -> None:
    writer = SerialWriter()
    seen: list[int] = []
    threads: set[int] = set()
    errors: list[str] = []

    def task(i: int) -> None:
        if i % 7 == 3:
            time.sleep(0.001)  # uneven durations: order must still hold
        threads.add(threading.get_ident())
        seen.append(i)
        if i == 10:
            raise OSError("disk full")

    for i in range(50):
        writer.submit(lambda i=i: task(i), on_error=lambda e: errors.append(str(e)))
    assert writer.drain()
    assert seen == list(range(50))
    assert threads.isdisjoint({threading.get_ident()}) and len(threads) == 1
    assert errors == ["disk full"]
    writer.close()


def test_journal_phases_land_in_order(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.json")
    writer = SerialWriter()
    header = {"id": "s", "routine": "hold", "started_at": "2026-11-20T08:00:00+01:00"}
    writer.submit(lambda: journal.begin(header, resume={"next_index": 0}))
    for i in range(20):
        phase = {"kind": "hold", "set": i}
        writer.submit(lambda p=phase, n=i + 1: journal.append(p, next_index=n))
    writer.close()
    data = journal.read()
    assert data is not None
    assert [p["set"] for p in data["session"]["phases"]] == list(range(20))
    assert data["resume"]["next_index"] == 20
