"""The adapter the live screen plugs in: a tone or the bell, never both; the flash always."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from glute_tui.audio.adapter import SoundSignals
from glute_tui.audio.signals import Signals
from glute_tui.core.sound import SoundSettings
from tests.audio.fakes import fake_program, finish, log_lines, only_path
from tests.conftest import FakeClock


class FakeBell:
    """Stands in for the screen's bell-and-flash signals."""

    def __init__(self, muted: Any) -> None:
        self.muted = muted
        self.rang: list[str] = []
        self.flashed: list[str] = []

    def phase_started(self, view: Any, event: Any) -> None:
        self.flashed.append(view.cue_role)
        if not self.muted():
            self.rang.append(view.cue_role)

    def count_in(self, n: int) -> None:
        if not self.muted():
            self.rang.append(f"count {n}")

    def session_ended(self, status: str) -> None:
        if not self.muted():
            self.rang.append(status)


PHASES = [("prepare", "left"), ("hold", "left"), ("rest", "left"), ("switch", "right")]
VIEWS = {
    "prepare": SimpleNamespace(banner="GET READY", where="LEFT glute, standing", counts="",
                               next="", cue_role="setup"),
    "hold": SimpleNamespace(banner="HOLD", where="LEFT glute, standing", counts="rep 1/10",
                            next="", cue_role="squeeze"),
    "rest": SimpleNamespace(banner="REST", where="LEFT glute, standing", counts="rep 1/10",
                            next="", cue_role="rest"),
    "switch": SimpleNamespace(banner="SWITCH", where="Other side: RIGHT glute, standing",
                              counts="", next="", cue_role="setup"),
}  # fmt: skip


def run(sound: SoundSignals) -> None:
    for i, (kind, _) in enumerate(PHASES):
        sound.phase_started(VIEWS[kind], SimpleNamespace(kind="phase_started", index=i))
    sound.count_in(3)
    sound.session_ended("completed")


def make(tmp_path: Path, players: tuple[str, ...], **settings: Any) -> tuple[SoundSignals, Any]:
    for name in players:
        fake_program(tmp_path / "bin", name, tmp_path / "log.txt")
    (tmp_path / "bin").mkdir(exist_ok=True)
    audio = Signals(
        SoundSettings(**settings), FakeClock(), path=only_path(tmp_path / "bin"), platform="linux"
    )
    sound = SoundSignals(audio, lambda i: PHASES[i])
    bell = FakeBell(sound.bell_muted)
    sound.fallback = bell
    return sound, bell


def test_a_player_plays_and_the_bell_stays_quiet_but_the_flash_is_kept(tmp_path: Path) -> None:
    sound, bell = make(tmp_path, ("paplay",))
    run(sound)
    finish(sound.audio)
    assert sound.audio.played == ["switch_left", "work", "rest", "switch_right", "count", "end"]
    assert len(log_lines(tmp_path / "log.txt")) == 6
    assert bell.rang == []
    assert bell.flashed == ["setup", "squeeze", "rest", "setup"]


def test_without_a_player_the_bell_rings(tmp_path: Path) -> None:
    sound, bell = make(tmp_path, ())
    run(sound)
    assert bell.rang == ["setup", "squeeze", "rest", "setup", "count 3", "completed"]
    assert bell.flashed == ["setup", "squeeze", "rest", "setup"]


def test_muted_neither_plays_nor_rings_but_flashes(tmp_path: Path) -> None:
    sound, bell = make(tmp_path, ("paplay",), muted=True)
    run(sound)
    finish(sound.audio)
    assert log_lines(tmp_path / "log.txt") == [] and bell.rang == []
    assert len(bell.flashed) == 4


def test_the_voice_speaks_each_phase_from_its_view(tmp_path: Path) -> None:
    sound, _ = make(tmp_path, ("paplay", "espeak-ng"), voice=True)
    run(sound)
    finish(sound.audio)
    assert sound.audio.speaker.said == [
        "Get ready. Left side first. Standing.",
        "Left side. Standing. Hold.",
        "Rest.",
        "Switch to the right.",
        "That's the session. Well done.",
    ]
