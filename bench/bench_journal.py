"""One journaled phase write (temp file, fsync, rename, fsync folder) with 10 years of history.

Target: p95 at most 10 ms.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_db, summary

from glute_tui.store.history import HistoryStore


def main() -> None:
    db = demo_db(10)
    t0 = time.perf_counter()
    store = HistoryStore.open(db)
    print(
        f"10-year history: {len(store.rows())} sessions, opened in "
        f"{(time.perf_counter() - t0) * 1000:.0f} ms "
        f"(main file {db.stat().st_size / 1e6:.1f} MB)"
    )
    header = {
        "id": "bench",
        "routine": "hold",
        "started_at": "2026-11-20T08:00:00+01:00",
        "ended_at": "2026-11-20T08:00:00+01:00",
        "status": "completed",
        "stop_reason": None,
        "pain_before": 1,
        "pain_after": None,
        "effort": None,
    }
    store.journal.begin(header, resume={"next": 0})
    times = []
    for i in range(120):  # a long, both-sides hold session
        phase = {
            "kind": "hold",
            "exercise": "iso_prone",
            "side": "left",
            "set": i % 10 + 1,
            "planned_s": 3.0,
            "start_s": i * 7.0,
            "end_s": i * 7.0 + 3.0,
            "paused_s": 0.0,
            "reps": None,
            "ended_by": "planned",
        }
        t = time.perf_counter()
        store.journal.append(phase, next=i + 1)
        times.append(time.perf_counter() - t)
    store.journal.clear()
    print(f"journal phase write: {summary(times)}")
    print("target: p95 <= 10 ms")


if __name__ == "__main__":
    main()
