"""A whole hold and circuit session on the fake clock, the facade fed by the core Runner's
events: every phase boundary starts the right tone at once, even with a player that
sleeps 5 s, and the count-in and the session end are heard."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from glute_tui.audio import tones
from glute_tui.audio.signals import PLAYED, Signals, tone_for
from glute_tui.core.circuit import CircuitSettings, plan_circuit
from glute_tui.core.plan import Plan
from glute_tui.core.runner import Runner
from glute_tui.core.runner_events import Event
from glute_tui.core.sound import SoundSettings
from glute_tui.core.timeline import HoldSettings, Timeline, build_hold_timeline
from glute_tui.store import shipped
from tests.audio.fakes import fake_program, only_path
from tests.conftest import FakeClock


def drive(timeline: Timeline, signals: Signals, clock: FakeClock) -> list[tuple[str, float]]:
    """Run the session to its end on the fake clock, the way a live screen would: each
    phase start plays its tone, the last 3 s of a prepare phase count in. Returns what was
    heard, with the session second it was asked for."""
    runner = Runner(timeline, clock)
    heard: list[tuple[str, float]] = []
    counted: set[tuple[int, int]] = set()

    def handle(events: list[Event]) -> None:
        for ev in events:
            if ev.kind == "phase_started":
                spec = runner.specs[ev.index]
                view = SimpleNamespace(banner=spec.kind.upper(), where="", counts="", next=None)
                assert signals.phase_started(spec.kind, spec.side, view) == PLAYED
                still_playing(signals)
                heard.append((tone_for(spec.kind, spec.side) or "", ev.at))
            elif ev.kind == "session_ended":
                assert signals.session_ended() == PLAYED
                still_playing(signals)
                heard.append(("end", ev.at))

    handle(runner.start())
    while runner.state != "ended":
        spec = runner.current
        if spec is not None and spec.kind == "prepare":
            n = int(runner.remaining() + 0.999)
            if 1 <= n <= 3 and (runner.index, n) not in counted:
                counted.add((runner.index, n))
                assert signals.count_in(n) == PLAYED
                heard.append(("count", runner.now()))
        clock.advance(0.25)
        handle(runner.poll())
        signals.reap()
    return heard


def still_playing(signals: Signals) -> None:
    """The call that just returned started its player now, on this session second, and that
    player (it sleeps 5 s) is still running: nothing waited for it to finish. How fast the
    start is belongs to bench/bench_sound.py, not to a test on a shared machine."""
    newest = signals.launcher.children[-1]
    assert newest.started == signals.launcher.clock() and newest.running


def expected(timeline: Timeline) -> list[str]:
    out: list[str] = []
    for spec in timeline.phases:
        if spec.kind == "prepare":
            out += ["switch_left" if spec.side != "right" else "switch_right"]
            out += ["count"] * 3
        else:
            out.append(tone_for(spec.kind, spec.side) or "")
    return [*out, "end"]


def sleepy_signals(tmp_path: Path, clock: FakeClock) -> Signals:
    fake_program(tmp_path / "bin", "paplay", tmp_path / "log.txt", sleep_s=5)
    signals = Signals(
        SoundSettings(), clock, path=only_path(tmp_path / "bin"), platform="linux", timeout_s=1
    )
    signals.prepare()
    return signals


def test_a_whole_hold_session(tmp_path: Path) -> None:
    protocols = shipped.protocols()
    timeline = build_hold_timeline(
        Plan(), shipped.library(), protocols.hold, HoldSettings(3, 3.0, 3.0)
    )
    clock = FakeClock()
    signals = sleepy_signals(tmp_path, clock)
    heard = drive(timeline, signals, clock)
    names = [name for name, _ in heard]
    prepare = names[:1]
    counts = names[1:4]
    assert prepare == ["switch_left"] and counts == ["count"] * 3  # left side first
    assert names == expected(timeline)
    holds = [p for p in timeline.phases if p.kind == "hold"]
    assert "switch_right" in names and names.count("work") == len(holds) >= 6
    assert names.count("rest") == len(holds) - 3 * 2  # no rest after a side's last hold
    # each tone was asked for at its boundary (the fake clock moves in 0.25 s steps)
    starts = [p.planned_s for p in timeline.phases]
    boundary = 0.0
    phase_tones = [h for h in heard if h[0] != "count"]
    for (_, at), planned in zip(phase_tones, [*starts, 0.0], strict=True):
        assert abs(at - boundary) < 1e-6
        boundary += planned
    signals.close()
    # the files played are the cached tones
    played = signals.played
    assert played == names
    assert all(tones.tone_path(n) for n in set(played))


def test_a_whole_circuit_session(tmp_path: Path) -> None:
    protocols = shipped.protocols()
    settings = CircuitSettings.defaults(protocols.circuit)
    plan = Plan(circuit_sides=("left",))  # the weak side only: two rounds fit the cap
    result = plan_circuit(plan, shipped.library(), protocols.circuit, settings, 0.0)
    assert result.timeline is not None and result.rounds >= 2
    clock = FakeClock()
    signals = sleepy_signals(tmp_path, clock)
    names = [name for name, _ in drive(result.timeline, signals, clock)]
    signals.close()
    assert names == expected(result.timeline)
    assert {"work", "rest", "switch_left", "switch_right", "count", "end"} <= set(names)
