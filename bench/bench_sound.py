"""From a phase boundary to the sound player's process being started.

A hold session runs on a fake clock through the core Runner; at each boundary the
Signals facade starts a fake player (a tiny shell script on a private PATH that sleeps,
as a real player would while it plays). Measured: runner.poll() returning the event
plus Signals.phase_started() returning, which is after the child has been exec'd
(subprocess.Popen returns once the exec succeeded). Yardstick, measured in the same
run: starting `true` with subprocess.Popen directly.

Target: p95 at most 20 ms.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import summary

from glute_tui.audio.signals import PLAYED, Signals
from glute_tui.core.plan import Plan
from glute_tui.core.runner import Runner
from glute_tui.core.sound import SoundSettings
from glute_tui.core.timeline import HoldSettings, build_hold_timeline
from glute_tui.store import shipped

SESSIONS = 4


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-sound-"))
    try:
        fake = work / "bin" / "paplay"
        fake.parent.mkdir()
        fake.write_text("#!/bin/sh\nexec sleep 0.3\n")
        fake.chmod(0o755)
        protocols = shipped.protocols()
        timeline = build_hold_timeline(
            Plan(), shipped.library(), protocols.hold, HoldSettings.defaults(protocols.hold)
        )
        boundary: list[float] = []
        for _ in range(SESSIONS):
            clock = Clock()
            signals = Signals(
                SoundSettings(), clock, path=str(fake.parent), platform="linux", timeout_s=1
            )
            signals.prepare()
            runner = Runner(timeline, clock)
            runner.start()
            while runner.state != "ended":
                clock.t += runner.remaining() if runner.current else 0.0
                t0 = time.perf_counter()
                for ev in runner.poll():
                    if ev.kind == "phase_started":
                        spec = runner.specs[ev.index]
                        assert signals.phase_started(spec.kind, spec.side) == PLAYED
                        boundary.append(time.perf_counter() - t0)
                signals.reap()
            signals.close()
        yardstick: list[float] = []
        true = shutil.which("true") or "/bin/true"
        for _ in range(len(boundary)):
            t0 = time.perf_counter()
            p = subprocess.Popen([true], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
            yardstick.append(time.perf_counter() - t0)
            p.wait()
        print(f"phase boundary -> player started: {summary(boundary)}  (target p95 <= 20 ms)")
        print(f"yardstick, Popen(['true']) alone: {summary(yardstick)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
