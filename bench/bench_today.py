"""`glute-tui today --json` on a 10-year demo history, beside `python -c pass` and `stats`.

Whole processes, interleaved so drift hits all alike; the medians are compared.
Target: `today --json` within 5x `python -c pass`. 'warm' is every run but the first after
a write (the checkpoint cache next to the data file matches); 'cold' is the first run after
a write with no cache at all (the whole file is read, folded and the cache written again);
'after a write' is the first run after the data file changed while a cache is there (the
file is read and adapted; the old checkpoint is reused when the records up to it are
unchanged, as after a new session). Also the parts in one process: reading the data file,
adapting it, and the fold over ten years.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_db, prepare_bytecode

from glute_tui.store.programme_cache import cache_path

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


def main() -> None:
    print(prepare_bytecode())
    ten = demo_db(10)
    py = sys.executable
    cmds = {
        "python -c pass": [py, "-c", "pass"],
        "stats --json": [py, "-m", "glute_tui", "stats", "--json", "--db", str(ten)],
        "today warm": [py, "-m", "glute_tui", "today", "--json", "--db", str(ten)],
        "today cold": [py, "-m", "glute_tui", "today", "--json", "--db", str(ten)],
        "today after a write": [py, "-m", "glute_tui", "today", "--json", "--db", str(ten)],
    }
    for cmd in cmds.values():  # warm the file cache and the bytecode
        run_ms(cmd)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    was = os.stat(ten)
    for _ in range(RUNS):
        for name, cmd in cmds.items():
            if name == "today cold":
                cache_path(ten).unlink(missing_ok=True)
            if name == "today after a write":  # the file changed on disk, its records not
                os.utime(ten, ns=(time.time_ns(), time.time_ns()))
            times[name].append(run_ms(cmd))
            if name == "today after a write":  # back as it was, so the digest `stats`
                os.utime(ten, ns=(was.st_atime_ns, was.st_mtime_ns))  # reads matches
                run_ms(cmd)  # and the next warm run finds its cache
    base = statistics.median(times["python -c pass"])
    for name, values in times.items():
        med = statistics.median(values)
        print(
            f"{name:19} 10-year history: median {med:.0f} ms ({med / base:.2f}x python -c pass, "
            f"n={RUNS})"
        )
    print(parts(ten))
    print("target: today --json <= 5x python -c pass")


if __name__ == "__main__":
    main()
