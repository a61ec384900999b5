"""The facade with fake players and speech engines on a private PATH."""

from __future__ import annotations

import signal
from pathlib import Path
from types import SimpleNamespace

import pytest

from glute_tui.audio import tones
from glute_tui.audio.signals import FAILED, MUTED, NO_PLAYER, PLAYED, SILENT, Signals, tone_for
from glute_tui.core.sound import SoundSettings
from tests.audio.fakes import fake_program, finish, log_lines, only_path
from tests.conftest import FakeClock


def make(tmp_path: Path, player: str = "paplay", sleep_s: float = 0, **settings: object):
    log = tmp_path / "log.txt"
    bin_dir = tmp_path / "bin"
    fake_program(bin_dir, player, log, sleep_s)
    s = Signals(
        SoundSettings(**settings),  # type: ignore[arg-type]
        FakeClock(),
        path=only_path(bin_dir),
        platform="linux",
        cache_dir=tmp_path / "cache",
    )
    return s, log


def played_files(log: Path) -> list[str]:
    return [line.rsplit(" ", 1)[-1] for line in log_lines(log)]


@pytest.mark.parametrize(
    ("kind", "side", "tone"),
    [
        ("hold", "left", "work"),
        ("work", "right", "work"),
        ("rest", "left", "rest"),
        ("round_rest", None, "rest"),
        ("switch", "left", "switch_left"),
        ("switch", "right", "switch_right"),
        ("transition", "right", "switch_right"),
        ("prepare", "left", "switch_left"),
    ],
)
def test_each_phase_kind_plays_its_tone(tmp_path: Path, kind: str, side: str, tone: str) -> None:
    s, log = make(tmp_path)
    assert s.phase_started(kind, side) == PLAYED
    finish(s)
    (line,) = log_lines(log)
    assert line.startswith("paplay --volume=")
    assert Path(line.rsplit(" ", 1)[-1]).name == tones.file_name(tone)


def test_left_and_right_switch_tones_differ(tmp_path: Path) -> None:
    s, log = make(tmp_path)
    s.phase_started("switch", "left")
    s.phase_started("switch", "right")
    finish(s)
    left, right = (Path(p) for p in played_files(log))
    assert left != right
    assert left.read_bytes() != right.read_bytes()
    assert left.read_bytes()[:4] == b"RIFF" and right.read_bytes()[:4] == b"RIFF"


def test_every_tone_is_a_distinct_wav(tmp_path: Path) -> None:
    paths = tones.ensure_all(tmp_path / "c")
    assert set(paths) == {"work", "rest", "switch_left", "switch_right", "count", "end"}
    assert len({p.read_bytes() for p in paths.values()}) == len(paths)
    again = tones.ensure_all(tmp_path / "c")
    assert again == paths  # cached: the same files, not new ones


def test_tones_default_to_the_cache_dir_from_the_environment(
    tmp_path: Path, _cache_in_tmp: Path
) -> None:
    path = tones.tone_path("count")
    assert path.parent == _cache_in_tmp / "tones"
    assert path.is_file()


def test_count_in_and_session_end(tmp_path: Path) -> None:
    s, log = make(tmp_path)
    for n in (3, 2, 1):
        assert s.count_in(n) == PLAYED
    assert s.session_ended() == PLAYED
    finish(s)
    names = [Path(p).name for p in played_files(log)]
    assert names == [tones.file_name("count")] * 3 + [tones.file_name("end")]


def test_nothing_plays_when_muted(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    fake_program(tmp_path / "bin", "paplay", log)
    fake_program(tmp_path / "bin", "espeak-ng", log)
    s = Signals(
        SoundSettings(muted=True, voice=True),
        FakeClock(),
        path=only_path(tmp_path / "bin"),
        platform="linux",
        cache_dir=tmp_path / "cache",
    )
    view = SimpleNamespace(banner="HOLD", where="LEFT glute, prone", counts="", next=None)
    assert s.phase_started("hold", "left", view) == MUTED
    assert s.count_in(3) == MUTED
    assert s.session_ended() == MUTED
    finish(s)
    assert log_lines(log) == []
    s.set_muted(False)
    assert s.phase_started("hold", "left", view) == PLAYED
    finish(s)
    assert len(log_lines(log)) == 2  # the tone and the phrase


def test_no_player_tells_the_screen_to_ring_the_bell(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    s = Signals(SoundSettings(), FakeClock(), path=str(tmp_path / "empty"), platform="linux")
    assert s.player is None
    assert s.phase_started("hold", "left") == NO_PLAYER
    assert s.phase_started("hold", "left") != PLAYED
    assert "no working player" in s.describe()


def test_a_kind_without_a_tone_is_silent(tmp_path: Path) -> None:
    s, _log = make(tmp_path)
    assert tone_for("paused", None) is None
    assert s.play(None) == SILENT


@pytest.mark.parametrize(
    ("player", "volume_arg"),
    [("paplay", "--volume=39322"), ("pw-play", "--volume=0.60"), ("afplay", "-v 0.60")],
)
def test_volume_is_passed_where_the_player_takes_one(
    tmp_path: Path, player: str, volume_arg: str
) -> None:
    s, log = make(tmp_path, player=player, volume=60)
    s.count_in(1)
    finish(s)
    assert log_lines(log)[0].startswith(f"{player} {volume_arg} ")


def test_aplay_has_no_volume_and_the_order_is_paplay_first(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    for name in ("aplay", "pw-play", "paplay"):
        fake_program(tmp_path / "bin", name, log)
    s = Signals(SoundSettings(), FakeClock(), path=only_path(tmp_path / "bin"), platform="linux")
    assert s.player is not None and s.player.name == "paplay"
    (tmp_path / "bin" / "paplay").unlink()
    (tmp_path / "bin" / "pw-play").unlink()
    s = Signals(SoundSettings(), FakeClock(), path=only_path(tmp_path / "bin"), platform="linux")
    assert s.player is not None and s.player.name == "aplay"
    assert not s.player.has_volume
    assert s.player.argv(Path("/x.wav"), 10) == [s.player.exe, "-q", "/x.wav"]


def test_windows_uses_powershell_sound_player(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    fake_program(tmp_path / "bin", "powershell", log)
    fake_program(tmp_path / "bin", "paplay", log)
    s = Signals(SoundSettings(), FakeClock(), path=only_path(tmp_path / "bin"), platform="win32")
    assert s.player is not None and s.player.name == "powershell"
    argv = s.player.argv(Path("C:/t/work.wav"), 80)
    assert "Media.SoundPlayer" in argv[-1] and "C:/t/work.wav" in argv[-1]


def test_a_sleeping_player_never_delays_a_phase(tmp_path: Path) -> None:
    s, _log = make(tmp_path, sleep_s=5)
    s.prepare()  # the tone files exist before the session, as the screen does on mount
    for kind, side in [("hold", "left"), ("rest", "left"), ("switch", "right"), ("hold", "right")]:
        assert s.phase_started(kind, side) == PLAYED
        assert s.launcher.children[-1].running  # returned while its player still plays
    # no wall clock here (bench/bench_sound.py times the start): four 5 s players, all
    # four still "playing", so none of the calls waited for one
    assert len(s.launcher.children) == 4
    assert all(c.running for c in s.launcher.children)
    s.close()
    assert s.launcher.children == []


def test_an_overdue_player_is_killed_when_reaped(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    fake_program(tmp_path / "bin", "paplay", log, sleep_s=5)
    clock = FakeClock()
    s = Signals(
        SoundSettings(), clock, path=only_path(tmp_path / "bin"), platform="linux", timeout_s=3
    )
    s.count_in(3)
    (child,) = s.launcher.children
    clock.advance(2.9)
    s.reap()
    assert s.launcher.children == [child] and child.running
    clock.advance(0.2)
    s.reap()
    assert s.launcher.children == []
    assert child.process.returncode == -signal.SIGKILL


def test_a_newer_phrase_replaces_an_unfinished_one(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    fake_program(tmp_path / "bin", "espeak-ng", log, sleep_s=5)
    s = Signals(
        SoundSettings(voice=True), FakeClock(), path=only_path(tmp_path / "bin"), platform="linux"
    )
    assert s.engine is not None and s.engine.name == "espeak-ng"
    hold = SimpleNamespace(banner="HOLD", where="LEFT glute, prone", counts="rep 1/10", next=None)
    rest = SimpleNamespace(banner="REST", where="LEFT glute, prone", counts="rep 1/10", next=None)
    s.phase_started("hold", "left", hold)
    first = s.speaker.current
    s.phase_started("rest", "left", rest)
    second = s.speaker.current
    assert first is not None and second is not None and first is not second
    assert first.process.wait(2) == -signal.SIGTERM
    assert second.running
    assert s.speaker.said == ["Left side. Prone. Hold.", "Rest."]
    assert first.process.args[-2:] == ["--", "Left side. Prone. Hold."]
    assert second.process.args[-2:] == ["--", "Rest."]
    s.close()
    assert not second.running


def test_voice_is_off_by_default_and_toggles(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    fake_program(tmp_path / "bin", "espeak-ng", log)
    s = Signals(SoundSettings(), FakeClock(), path=only_path(tmp_path / "bin"), platform="linux")
    view = SimpleNamespace(banner="REST", where="", counts="", next=None)
    s.phase_started("rest", None, view)
    assert s.speaker.said == []
    s.set_voice(True)
    s.phase_started("rest", None, view)
    finish(s)
    assert s.speaker.said == ["Rest."]
    assert log_lines(log) == ["espeak-ng -a 80 -s 165 -- Rest."]


def test_say_is_only_the_speech_engine_on_macos(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    fake_program(tmp_path / "bin", "say", log)
    path = only_path(tmp_path / "bin")
    linux = Signals(SoundSettings(), FakeClock(), path=path, platform="linux")
    mac = Signals(SoundSettings(), FakeClock(), path=path, platform="darwin")
    assert linux.engine is None
    assert mac.engine is not None and mac.engine.name == "say"


def test_volume_setting_is_bounded() -> None:
    assert SoundSettings.from_settings({"volume": 250}).volume == 100
    assert SoundSettings.from_settings({"volume": -5}).volume == 0
    assert SoundSettings.from_settings({"volume": "loud"}).volume == 80
    assert SoundSettings.from_settings({"volume": True}).volume == 80
    assert SoundSettings.from_settings({}) == SoundSettings(False, False, 80)
    assert SoundSettings.from_settings({"muted": True, "voice": "yes"}).voice is False


def test_a_failing_player_gives_way_to_the_next_then_to_the_bell(tmp_path: Path) -> None:
    """paplay is often installed where no sound server runs: it exits 1 at once."""
    log = tmp_path / "log.txt"
    bin_dir = tmp_path / "bin"
    for name in ("paplay", "aplay"):
        bad = bin_dir / name
        bin_dir.mkdir(exist_ok=True)
        bad.write_text(f'#!/bin/sh\nprintf "%s\\n" "{name}" >> "{log}"\nexit 1\n')
        bad.chmod(0o755)
    s = Signals(SoundSettings(), FakeClock(), path=only_path(bin_dir), platform="linux")
    assert [p.name for p in s.players] == ["paplay", "aplay"]
    assert s.phase_started("hold", "left") == PLAYED  # started; its failure shows later
    finish(s)
    assert s.phase_started("rest", "left") == PLAYED
    assert s.player is not None and s.player.name == "aplay"
    finish(s)
    assert s.phase_started("hold", "left") == NO_PLAYER  # the screen rings the bell now
    assert log_lines(log) == ["paplay", "aplay"]
    assert s.failed == ["paplay (exit 1)", "aplay (exit 1)"]
    assert "paplay (exit 1), aplay (exit 1) failed" in s.describe()


def test_a_slow_player_killed_at_its_deadline_keeps_its_place(tmp_path: Path) -> None:
    clock = FakeClock()
    fake_program(tmp_path / "bin", "paplay", tmp_path / "log.txt", sleep_s=5)
    s = Signals(
        SoundSettings(), clock, path=only_path(tmp_path / "bin"), platform="linux", timeout_s=1
    )
    s.count_in(3)
    clock.advance(2)
    s.reap()
    assert s.player is not None and s.player.name == "paplay" and s.failed == []


def test_a_cue_role_and_the_side_in_where_are_enough(tmp_path: Path) -> None:
    s, _log = make(tmp_path)
    right = SimpleNamespace(banner="SWITCH", where="Other side: RIGHT glute", counts="", next="")
    assert s.phase_started("setup", None, right) == PLAYED
    assert s.phase_started("squeeze", None, right) == PLAYED
    finish(s)
    assert s.played == ["switch_right", "work"]


def test_the_sound_path_variable_replaces_path_for_players(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "log.txt"
    fake_program(tmp_path / "bin", "pw-play", log)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv("GLUTE_TUI_SOUND_PATH", str(tmp_path / "nothing-here"))
    assert Signals(SoundSettings(), FakeClock(), platform="linux").player is None
    monkeypatch.setenv("GLUTE_TUI_SOUND_PATH", str(tmp_path / "bin"))
    found = Signals(SoundSettings(), FakeClock(), platform="linux").player
    assert found is not None and found.name == "pw-play"


def test_an_unwritable_cache_never_raises_and_the_bell_takes_over(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    fake_program(tmp_path / "bin", "paplay", log)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    s = Signals(
        SoundSettings(), FakeClock(), path=only_path(tmp_path / "bin"), platform="linux",
        cache_dir=blocked,
    )  # fmt: skip
    problem = s.prepare()
    assert problem is not None and problem.startswith("the tones could not be written")
    assert s.phase_started("hold", "left") == FAILED  # the adapter rings the bell on this
    assert log_lines(log) == []
