"""`glute-tui today --json` on a 10-year demo history, beside `python -c pass` and `stats`.

Whole processes, interleaved so drift hits all alike; the medians are compared.
Target: `today --json` within 5x `python -c pass`. Rows:
- 'warm': nothing changed since the last run (the checkpoint cache next to the data file
  matches).
- 'after a session saved': the run right after glute-tui saved a session (through the
  store, as the app or `import` does; on a copy of the file, one five-minute hold session
  dated today per run). The store refreshes the cache after every write it makes, so this
  is the run a user makes after training.
- 'after another program wrote': the data file changed on disk without glute-tui (its
  mtime moved, records the same): the file is read and adapted, and the old checkpoint is
  reused when the records up to it are unchanged.
- 'cold': no cache at all (deleted): the whole file is read, folded and the cache written.
Also the parts in one process: reading the data file, adapting it, the fold over ten years,
and what a save costs the store's writer with and without the cache refresh.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_db, prepare_bytecode

from glute_tui.store.programme_cache import cache_path

SAVED_DIR = Path(__file__).resolve().parent / "out" / "today-saves"

RUNS = 9


def run_ms(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - t0) * 1000


def parts(db: Path) -> str:
    from glute_tui.core.programme import evaluate
    from glute_tui.core.records import ROUTINES
    from glute_tui.store.programme_input import history_from, read_tables, shipped_programme

    t0 = time.perf_counter()
    rows, assessments, kv = read_tables(db)
    t1 = time.perf_counter()
    history = history_from(rows, assessments, kv)
    t2 = time.perf_counter()
    today = evaluate(history, date.today(), shipped_programme(), loggable=ROUTINES)
    t3 = time.perf_counter()
    return (
        f"in one process: read {(t1 - t0) * 1000:.0f} ms ({len(rows)} sessions), "
        f"adapt {(t2 - t1) * 1000:.0f} ms, fold {(t3 - t2) * 1000:.0f} ms "
        f"(stage {today.stage}, week {today.week})"
    )


def hold_session(n: int) -> dict[str, object]:
    """A five-minute completed hold session started now (the n-th of this run)."""
    from datetime import datetime, timedelta

    start = datetime.now().astimezone().replace(microsecond=0) - timedelta(minutes=10 + n)
    return {
        "id": f"bench-save-{os.getpid()}-{n}",
        "routine": "hold",
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
                "side": "left",
                "set": 1,
                "planned_s": 3,
                "start_s": 0,
                "end_s": 3,
                "reps": None,
            }
        ],
    }


def save_costs(store: object) -> str:
    """A save through the store, with and without the programme cache refresh after it."""
    from glute_tui.store import programme_cache

    real = programme_cache.refresh
    costs: dict[str, list[float]] = {"with": [], "without": []}
    for k in range(2 * RUNS):
        mode = "with" if k % 2 == 0 else "without"
        if mode == "without":
            programme_cache.refresh = lambda *a, **kw: None
        t0 = time.perf_counter()
        store.set_day_note("2000-01-01", f"bench {k}")  # type: ignore[attr-defined]
        costs[mode].append((time.perf_counter() - t0) * 1000)
        programme_cache.refresh = real
    store.set_day_note("2000-01-01", None)  # type: ignore[attr-defined]
    w, wo = statistics.median(costs["with"]), statistics.median(costs["without"])
    return (
        f"a save on the writer thread (day note, 10-year file): median {w:.0f} ms with the "
        f"cache refresh, {wo:.0f} ms without it"
    )


def main() -> None:
    print(prepare_bytecode())
    ten = demo_db(10)
    shutil.rmtree(SAVED_DIR, ignore_errors=True)
    SAVED_DIR.mkdir(parents=True)
    saved = SAVED_DIR / "history.json"
    shutil.copyfile(ten, saved)
    from glute_tui.store.history import HistoryStore

    store = HistoryStore.open(saved)
    py = sys.executable
    today = [py, "-m", "glute_tui", "today", "--json", "--db"]
    cmds = {
        "python -c pass": [py, "-c", "pass"],
        "stats --json": [py, "-m", "glute_tui", "stats", "--json", "--db", str(ten)],
        "today warm": [*today, str(ten)],
        "today after a session saved": [*today, str(saved)],
        "today after another program wrote": [*today, str(ten)],
        "today cold": [*today, str(ten)],
    }
    for cmd in cmds.values():  # warm the file cache and the bytecode
        run_ms(cmd)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    was = os.stat(ten)
    for n in range(RUNS):
        for name, cmd in cmds.items():
            if name == "today cold":
                cache_path(ten).unlink(missing_ok=True)
            if name == "today after a session saved":
                store.add_session(hold_session(n))
            if name == "today after another program wrote":  # the file changed, its records not
                os.utime(ten, ns=(time.time_ns(), time.time_ns()))
            times[name].append(run_ms(cmd))
            if name == "today after another program wrote":  # back as it was, so the digest
                os.utime(ten, ns=(was.st_atime_ns, was.st_mtime_ns))  # `stats` reads matches
                run_ms(cmd)  # and the next warm run finds its cache
    base = statistics.median(times["python -c pass"])
    for name, values in times.items():
        med = statistics.median(values)
        print(
            f"{name:33} 10-year history: median {med:.0f} ms "
            f"({med / base:.2f}x python -c pass, n={RUNS})"
        )
    print(parts(ten))
    print(save_costs(store))
    print("target: today --json <= 5x python -c pass")


if __name__ == "__main__":
    main()
