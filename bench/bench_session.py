"""Live-session benchmarks: phase-boundary timing and CPU / memory, hold timer and circuit.

1. Timing. The real app runs headless in real time on time.monotonic. For every phase
   start we take the wall clock at the poll that emitted the event (when the app actually
   noticed the boundary) and compare it with the schedule: the sum of the earlier phases'
   planned durations plus paused time. One pause of 1.5 s is pressed mid-session. Run once
   on an idle machine and once beside a second process that spins the CPU.
   The hold runs the full default timeline of a one-side plan (10 x 3 s, rest 4 s, three
   positions: 3 min 43 s). The circuit runs its real timeline with the durations divided
   by 6 (GLUTE_BENCH_CIRCUIT_SCALE), because the full one takes 9 minutes.
2. CPU and peak RSS of the app process during 30 s of a live session, beside a minimal
   Textual app that redraws a Digits widget ten times a second, measured the same way in
   the same run: each in its own process, both at the same time (so load from anything
   else on the machine hits both alike), getrusage over the 30 s window, ru_maxrss.

Set GLUTE_BENCH_QUICK=1 to shorten every run (for trying the script, not for quoting).
`--sound`: sound on, through a fake player (a script on a private sound path that sleeps
0.3 s, as a real player does while a tone plays), so every phase start, count-in beat and
the end starts a child process during the timing and the CPU window.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

QUICK = os.environ.get("GLUTE_BENCH_QUICK") == "1"
WINDOW_S = 6.0 if QUICK else 30.0
CIRCUIT_SCALE = float(os.environ.get("GLUTE_BENCH_CIRCUIT_SCALE", "6"))
SOUND = "--sound" in sys.argv

CHILD = r"""
import asyncio, json, resource, sys, time
from dataclasses import replace
from pathlib import Path

mode, routine, db, window = sys.argv[1], sys.argv[2], Path(sys.argv[3]), float(sys.argv[4])
quick = sys.argv[5] == "1"
scale = float(sys.argv[6])

def usage():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime, r.ru_maxrss / 1024.0

async def minimal():
    from textual.app import App
    from textual.widgets import Digits
    class Mini(App):
        def compose(self):
            yield Digits("0")
        def on_mount(self):
            self.n = 0
            self.set_interval(0.1, self.bump)
        def bump(self):
            self.n += 1
            self.query_one(Digits).update(str(self.n % 10))
    app = Mini()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.0)
        cpu0, _ = usage(); t0 = time.monotonic()
        await asyncio.sleep(window)
        cpu1, rss = usage(); t1 = time.monotonic()
    print(json.dumps({"cpu_s": cpu1 - cpu0, "wall_s": t1 - t0, "rss_mb": rss}))

async def session():
    from glute_tui.store.history import HistoryStore
    from glute_tui.ui.app import GluteApp
    from glute_tui.core.runner import Runner
    from glute_tui.core.timeline import Timeline
    app = GluteApp(db_path=db, start_screen=routine)
    noticed = []  # (phase index, session seconds on the wall clock at the emitting poll)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        screen = app.screen
        if mode == "timing" and routine == "circuit" and scale != 1:
            from glute_tui.core.routines.base import Built
            real = screen.routine
            def sc(v):
                return None if v is None else v / scale
            class Scaled:  # the same routine, its timeline `scale` times faster
                def __getattr__(self, name):
                    return getattr(real, name)
                def timeline(self, ctx):
                    built = real.timeline(ctx)
                    if not isinstance(built, Built):
                        return built
                    tl = built.timeline
                    phases = tuple(
                        replace(p, planned_s=p.planned_s / scale, min_s=sc(p.min_s),
                                max_s=sc(p.max_s),
                                tempo=p.tempo and tuple(t / scale for t in p.tempo))
                        for p in tl.phases)
                    return Built(Timeline(tl.routine, phases), built.budget_s)
            screen.routine = Scaled()
        orig = screen.handle
        def handle(evs):
            now = time.monotonic()
            for e in evs:
                if e.kind == "phase_started" and screen.runner is not None:
                    noticed.append((e.index, now - screen.runner._t0))
            return orig(evs)
        screen.handle = handle
        await pilot.press("enter")
        cpu0, _ = usage(); t0 = time.monotonic()
        if mode == "cpu":
            await asyncio.sleep(window)
            cpu1, rss = usage(); t1 = time.monotonic()
            print(json.dumps({"cpu_s": cpu1 - cpu0, "wall_s": t1 - t0, "rss_mb": rss,
                              "state": screen.runner.state if screen.runner else None,
                              "played": len(getattr(screen.audio, "played", []))}))
            return
        runner = screen.runner
        total = runner.planned_total()
        limit = min(total, 40.0) if quick else total
        await asyncio.sleep(limit * 0.4)
        await pilot.press("space"); await asyncio.sleep(1.5); await pilot.press("space")
        while screen.mode == "live" and time.monotonic() - t0 < limit + 10:
            await asyncio.sleep(0.2)
            if quick and time.monotonic() - t0 > limit:
                runner.stop("quit")
                break
        recs = runner.records
        sched = 0.0
        devs = []
        starts = dict(noticed)
        for r in recs:
            if r.index in starts:
                devs.append(starts[r.index] - sched)
            sched += r.spec.planned_s + r.paused_s
        cpu1, rss = usage()
        print(json.dumps({"devs": devs, "phases": len(recs), "total_s": total,
                          "rss_mb": rss, "cpu_s": cpu1 - cpu0,
                          "played": len(getattr(screen.audio, "played", []))}))

asyncio.run(minimal() if mode == "minimal" else session())
"""


def spawn(mode: str, routine: str, db: Path) -> subprocess.Popen[str]:
    args = [sys.executable, "-c", CHILD, mode, routine, str(db), str(WINDOW_S)]
    args += ["1" if QUICK else "0", str(CIRCUIT_SCALE)]
    return subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=HERE.parent
    )


def collect(proc: subprocess.Popen[str], what: str) -> dict:
    out, err = proc.communicate()
    lines = [ln for ln in out.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"child failed ({what}):\n{err[-2000:]}")
    return json.loads(lines[-1])


def child(mode: str, routine: str, db: Path) -> dict:
    return collect(spawn(mode, routine, db), f"{mode} {routine}")


def fresh_db(tmp: Path, name: str) -> Path:
    from glute_tui.core import safety
    from glute_tui.core.plan import plan_for_verdict
    from glute_tui.store.history import HistoryStore

    db = tmp / name / "history.json"
    store = HistoryStore.open(db)
    store.set_setting("disclaimer_seen", True)
    # no bells into the benchmark's terminal; with --sound the fake player plays instead
    store.set_setting("muted", not SOUND)
    answers = dict.fromkeys(safety.RED_FLAG_IDS, "no")  # screened: Enter starts the timer
    store.add_assessment(
        safety.screening_record(answers, record_id="bench", taken_at="2026-01-01T07:55:00+00:00"),
        None,
    )
    plan = plan_for_verdict(
        "left", "left", assessment_id="bench", created_at="2026-01-01T08:00:00+00:00"
    )
    assert plan is not None
    store.set_plan(plan)
    return db


def timing(routine: str, tmp: Path, loaded: bool) -> None:
    burner = None
    if loaded:
        burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        r = child("timing", routine, fresh_db(tmp, f"{routine}-timing-{loaded}"))
    finally:
        if burner is not None:
            burner.kill()
            burner.wait()
    devs = [abs(d) * 1000 for d in r["devs"]]
    devs_sorted = sorted(devs)
    p95 = devs_sorted[min(len(devs) - 1, round(0.95 * (len(devs) - 1)))]
    label = "with a CPU-spinning process beside it" if loaded else "idle machine"
    print(
        f"{routine} timing, {label}: {r['phases']} phases over {r['total_s']:.1f} s planned; "
        f"phase-start deviation (wall clock at the emitting poll vs schedule): "
        f"max {max(devs):.1f} ms, p95 {p95:.1f} ms, median {devs_sorted[len(devs) // 2]:.1f} ms"
        + (f"; {r['played']} tones played" if SOUND else ""),
        flush=True,
    )


def cpu(routine: str, tmp: Path) -> None:
    # Both run at the same time, so whatever else the machine is doing hits both alike.
    mini_p = spawn("minimal", routine, tmp)
    app_p = spawn("cpu", routine, fresh_db(tmp, f"{routine}-cpu"))
    mini = collect(mini_p, "minimal")
    app = collect(app_p, f"cpu {routine}")
    ratio = app["cpu_s"] / mini["cpu_s"] if mini["cpu_s"] else float("inf")
    print(
        f"{routine} CPU over {app['wall_s']:.1f} s live: app {app['cpu_s']:.3f} s "
        f"({100 * app['cpu_s'] / app['wall_s']:.2f}% of a core), minimal Digits app at 10 Hz "
        f"{mini['cpu_s']:.3f} s ({100 * mini['cpu_s'] / mini['wall_s']:.2f}%) -> ratio "
        f"{ratio:.2f}x (target <= 1.0x); peak RSS app {app['rss_mb']:.1f} MB, minimal "
        f"{mini['rss_mb']:.1f} MB (target <= 80 MB)"
        + (f"; {app['played']} tones played" if SOUND else ""),
        flush=True,
    )


def fake_player(tmp: Path) -> None:
    """The children find only this player (and write their tones under tmp)."""
    bin_dir = tmp / "sound-bin"
    bin_dir.mkdir()
    player = bin_dir / "paplay"
    player.write_text("#!/bin/sh\nexec sleep 0.3\n")
    player.chmod(0o755)
    os.environ["GLUTE_TUI_SOUND_PATH"] = str(bin_dir)
    os.environ["GLUTE_TUI_CACHE_DIR"] = str(tmp / "sound-cache")
    print("sound on: a fake player that sleeps 0.3 s per tone", flush=True)


def main() -> None:
    routines = [a for a in sys.argv[1:] if a in ("hold", "circuit")] or ["hold", "circuit"]
    from glute_tui.ui import registry

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        if SOUND:
            fake_player(tmp)
        for routine in routines:
            if registry.by_name(routine) is None:
                print(f"{routine}: screen not built yet, skipped")
                continue
            cpu(routine, tmp)
            if "--cpu-only" in sys.argv:
                continue
            timing(routine, tmp, loaded=False)
            timing(routine, tmp, loaded=True)


if __name__ == "__main__":
    main()
