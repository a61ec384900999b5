"""History with ten years of data: key press to populated screen, `glute-tui stats` as a whole
process beside `python -c pass`, and peak memory of the app with the history open.

Targets (issue 6): populated within 300 ms; stats within 5x `python -c pass`; <= 100 MB.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import demo_db, prepare_bytecode, summary  # noqa: E402

YEARS = 10
ROUNDS = 20


def _venv_script() -> str:
    return str(Path(sys.executable).with_name("glute-tui"))


async def _key_to_history(db: Path) -> tuple[list[float], list[float]]:
    """Key press on the home screen -> the first frame written to the terminal after the
    computed data was drawn (and, for reference, the first frame of the screen at all).
    Frames are timed by wrapping App._display, which writes each frame (pinned Textual)."""
    from glute_tui.store.history import HistoryStore
    from glute_tui.ui.app import GluteApp
    from glute_tui.ui.screens import history as history_mod

    HistoryStore.open(db).set_setting("disclaimer_seen", True)
    applied: list[float] = []
    original_apply = history_mod.HistoryScreen._apply

    def timed_apply(self, *args):  # type: ignore[no-untyped-def]
        original_apply(self, *args)
        applied.append(time.perf_counter())

    history_mod.HistoryScreen._apply = timed_apply  # type: ignore[method-assign]
    app = GluteApp(db_path=db, ask_next_morning=False)
    frames: list[tuple[float, str]] = []
    display = app._display

    def timed_display(screen, renderable):  # type: ignore[no-untyped-def]
        display(screen, renderable)
        frames.append((time.perf_counter(), type(screen).__name__))

    app._display = timed_display  # type: ignore[method-assign]
    populated, first = [], []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(ROUNDS):
            frames.clear()
            applied.clear()
            t0 = time.perf_counter()
            await pilot.press("s")
            while not (applied and any(t > applied[0] for t, _ in frames)):
                await asyncio.sleep(0.001)
            populated.append(min(t for t, _ in frames if t > applied[0]) - t0)
            first.append(min(t for t, name in frames if name == "HistoryScreen") - t0)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
    return populated, first


def _stats_vs_python(db: Path, n: int = 30) -> tuple[list[float], list[float]]:
    script = _venv_script()
    base, stats = [], []
    env = dict(os.environ)
    subprocess.run([script, "stats", "--db", str(db)], check=True, capture_output=True)
    for _ in range(n):  # interleaved, so both see the same machine
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True, env=env)
        base.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        subprocess.run([script, "stats", "--db", str(db)], check=True, capture_output=True, env=env)
        stats.append(time.perf_counter() - t0)
    return base, stats


PEAK_CHILD = r"""
import asyncio, resource, sys
from pathlib import Path
from glute_tui.ui.app import GluteApp
from glute_tui.ui.screens.history import HistoryScreen

async def main():
    app = GluteApp(db_path=Path(sys.argv[1]), start_screen="history", ask_next_morning=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            await pilot.pause()
            s = app.screen
            if isinstance(s, HistoryScreen) and s.data is not None:
                break
            await asyncio.sleep(0.01)
        await pilot.press("3")  # the sessions table too
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
    with open("/proc/self/status") as fh:
        hwm = next(line for line in fh if line.startswith("VmHWM")).split()[1]
    print(int(hwm) / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

asyncio.run(main())
"""


def main() -> None:
    print(prepare_bytecode())
    db = demo_db(YEARS)
    size = db.stat().st_size / 1e6
    rows = None
    from glute_tui.store.history import HistoryStore

    rows = len(HistoryStore.open(db).rows())
    print(f"demo history: {YEARS} years, {rows} sessions, main file {size:.1f} MB")

    populated, first = asyncio.run(_key_to_history(db))
    print(f"key press -> first frame of the history screen: {summary(first)}")
    print(f"key press -> populated history screen:  {summary(populated)}  (target <= 300 ms)")

    base, stats = _stats_vs_python(db)
    mb, ms = statistics.median(base), statistics.median(stats)
    print(f"python -c pass:        {summary(base)}")
    print(f"glute-tui stats:       {summary(stats)}")
    print(f"stats / python ratio:  {ms / mb:.2f}x (medians; target <= 5x)")

    out = subprocess.run(
        [sys.executable, "-c", PEAK_CHILD, str(db)], check=True, capture_output=True, text=True
    ).stdout.split()
    # VmHWM, not ru_maxrss: on Linux a child's ru_maxrss starts from its forked parent's
    print(
        f"peak memory, app with the history open (all tabs): {float(out[0]):.1f} MB "
        "(VmHWM)  (target <= 100 MB)"
    )


if __name__ == "__main__":
    main()
