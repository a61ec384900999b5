"""Sound and voice through the live screen (issue 14): a real hold and circuit session on the
fake clock, with a fake player and a fake speech engine on the sound path (tiny scripts that
log their arguments). The right tone for each phase kind, different switch tones for left
and right, the count-in, nothing when muted, and no phase waits for a player that sleeps."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from glute_tui.audio.signals import tone_for
from glute_tui.core.routines.base import COUNT_IN_KINDS, WORK_KINDS
from glute_tui.store.history import HistoryStore
from glute_tui.ui.screens.live import LiveSessionScreen
from tests.audio.fakes import fake_program, finish, log_lines
from tests.conftest import settle
from tests.ui.live import drain_writer, right_weak_store, screened_store


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The only place the app looks for players and speech engines in these tests."""
    path = tmp_path / "bin"
    path.mkdir()
    monkeypatch.setenv("GLUTE_TUI_SOUND_PATH", str(path))
    return path


def _short_hold(db_path: Path, **settings: Any) -> HistoryStore:
    store: HistoryStore = screened_store(db_path)  # no assessment: both sides, left first
    store.set_setting("hold_reps", 5)
    for key, value in settings.items():
        store.set_setting(key, value)
    return store


async def _start(pilot: Any) -> LiveSessionScreen:
    await settle(pilot)  # the tone files are written by a worker: ready before Enter
    screen = pilot.app.screen
    assert isinstance(screen, LiveSessionScreen) and screen.audio is not None
    await pilot.press("enter")
    await pilot.pause()
    assert screen.mode == "live" and screen.runner is not None
    return screen


async def _to_the_end(pilot: Any, clock: Any, screen: LiveSessionScreen) -> None:
    ticks = 0
    while screen.mode == "live":
        runner = screen.runner
        assert runner is not None and ticks < 5000
        if runner.current is not None and runner.current.paced:
            await pilot.press("enter")  # a user-paced set: its target done
        clock.advance(0.5)
        screen.tick()
        ticks += 1
        if ticks % 25 == 0:
            await pilot.pause()
    await drain_writer(pilot.app)
    await pilot.pause()


def _expected(specs: Any) -> list[str]:
    """The tones a whole session plays, in order: each phase's own tone, and 3-2-1 in the
    last seconds of a phase that leads into work."""
    out: list[str] = []
    for i, spec in enumerate(specs):
        tone = tone_for(spec.kind, spec.side)
        if tone is not None:
            out.append(tone)
        nxt = specs[i + 1] if i + 1 < len(specs) else None
        leads_in = spec.kind in COUNT_IN_KINDS and nxt is not None and nxt.kind in WORK_KINDS
        if leads_in and not spec.paced:
            out += ["count"] * sum(1 for mark in (3, 2, 1) if spec.planned_s > mark)
    return [*out, "end"]


def _played_files(log: Path) -> list[str]:
    """The tone names the fake player was asked to play (the wav file is `name-hash.wav`)."""
    return [_file(line).stem.rsplit("-", 1)[0] for line in log_lines(log) if "paplay" in line]


def _file(line: str) -> Path:
    return Path(line.split()[-1])


async def test_a_hold_session_plays_each_phase_tone_through_the_player(
    make_app, clock, db_path: Path, bin_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "sound.log"
    fake_program(bin_dir, "paplay", log)
    _short_hold(db_path)
    app = make_app("hold")
    rang: list[int] = []
    app.bell = lambda: rang.append(1)  # the terminal bell: only where no player works
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot)
        audio, specs = screen.audio, list(screen.runner.specs)  # type: ignore[union-attr]
        await _to_the_end(pilot, clock, screen)
        assert audio is not None
        finish(audio)
        assert audio.played == _expected(specs)
        assert rang == []  # one signal, never the bell on top of a tone
    played = _played_files(log)
    assert Counter(played) == Counter(_expected(specs))  # the player got every one
    kinds = {spec.kind for spec in specs}
    assert {"prepare", "hold", "rest"} <= kinds
    assert {"work", "rest", "count", "end", "switch_left", "switch_right"} <= set(played)
    # left and right switches are different sounds (different files, different bytes)
    left = _file(next(line for line in log_lines(log) if "switch_left" in line))
    right = _file(next(line for line in log_lines(log) if "switch_right" in line))
    assert left != right and left.read_bytes() != right.read_bytes()
    # the first side is the left, the first work tone comes after a 3-2-1 count-in
    assert audio.played[:5] == ["switch_left", "count", "count", "count", "work"]
    assert "--volume=52429" in log_lines(log)[0]  # 80 % of paplay's 65536, the default


async def test_a_circuit_session_plays_work_rest_switch_and_end(
    make_app, clock, db_path: Path, bin_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "sound.log"
    fake_program(bin_dir, "paplay", log)
    right_weak_store(db_path)
    app = make_app("circuit")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot)
        audio, specs = screen.audio, list(screen.runner.specs)  # type: ignore[union-attr]
        await _to_the_end(pilot, clock, screen)
        assert audio is not None
        finish(audio)
        assert audio.played == _expected(specs)
    played = Counter(_played_files(log))
    assert played == Counter(_expected(specs))
    assert {"work", "rest", "count", "end"} <= set(played)
    assert "round_rest" in {s.kind for s in specs} and played["rest"] >= 1


async def test_nothing_is_played_or_spoken_when_muted(
    make_app, clock, db_path: Path, bin_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "sound.log"
    fake_program(bin_dir, "paplay", log)
    fake_program(bin_dir, "espeak-ng", log)
    _short_hold(db_path, muted=True, voice=True)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot)
        await _to_the_end(pilot, clock, screen)
        assert screen.audio is not None
        finish(screen.audio)
        assert screen.audio.played == []
    assert log_lines(log) == []


async def test_m_mutes_the_player_at_once(
    make_app, clock, db_path: Path, bin_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "sound.log"
    fake_program(bin_dir, "paplay", log)
    _short_hold(db_path)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot)
        assert screen.audio is not None and screen.audio.played == ["switch_left"]
        await pilot.press("m")
        await drain_writer(app)
        await pilot.pause()
        await _to_the_end(pilot, clock, screen)
        finish(screen.audio)
        assert screen.audio.played == ["switch_left"]  # nothing after the mute
    assert HistoryStore.open(db_path).settings()["muted"] is True
    assert _played_files(log) == ["switch_left"]


async def test_v_turns_the_voice_on_and_it_is_saved(
    make_app, clock, db_path: Path, bin_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "sound.log"
    fake_program(bin_dir, "paplay", log)
    fake_program(bin_dir, "espeak-ng", log)
    _short_hold(db_path)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot)
        assert screen.audio is not None and not screen.audio.voice  # off by default
        await pilot.press("v")
        await drain_writer(app)
        await pilot.pause()
        assert screen.audio.voice
        for _ in range(12):  # past the get-ready into the first hold
            clock.advance(0.5)
            screen.tick()
        await pilot.pause()
        finish(screen.audio)
        spoken = [line for line in log_lines(log) if line.startswith("espeak-ng")]
        assert spoken and "Hold" in spoken[0] and "Left" in spoken[0]
        await pilot.press("v")  # and off again
        await drain_writer(app)
        assert not screen.audio.voice
    assert HistoryStore.open(db_path).settings()["voice"] is False


async def test_no_phase_waits_for_a_player_that_sleeps_5_s(
    make_app, clock, db_path: Path, bin_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "sound.log"
    fake_program(bin_dir, "paplay", log, sleep_s=5)
    _short_hold(db_path)
    app = make_app("hold")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _start(pilot)
        signals: Any = screen.signals
        audio = screen.audio
        assert audio is not None
        started = signals.phase_started
        checked = [0]

        def watched(view: Any, event: Any) -> None:
            before = len(audio.launcher.finished) + len(audio.launcher.children)
            started(view, event)
            launched = audio.launcher.children
            if len(audio.launcher.finished) + len(launched) > before:  # a tone was started
                assert launched[-1].running  # the call returned while its player plays
                checked[0] += 1

        signals.phase_started = watched
        await _to_the_end(pilot, clock, screen)
        assert len(audio.launcher.children) > 1  # players still sleeping meanwhile
        audio.close()
    # no wall clock (bench/bench_sound.py times the start): every phase start returned
    # while the 5 s player it started was still playing, so none waited for one
    assert checked[0] >= 3
    store = HistoryStore.open(db_path)
    (row,) = store.rows()
    session = store.session_dict(row["id"])
    assert session is not None
    expected = 0.0
    for phase in session["phases"]:  # every phase began on schedule
        assert abs(phase["start_s"] - expected) <= 0.05
        expected += phase["planned_s"] + phase["paused_s"]
