"""The system's sound player: the first found of paplay, pw-play, aplay, afplay
(PowerShell's SoundPlayer on Windows), run as a child process per tone.

Volume (0-100 %) is passed to the players that take one: paplay (--volume, 0-65536),
pw-play (--volume, 0.0-1.0) and afplay (-v, 0.0-1.0). aplay and PowerShell's
SoundPlayer take no volume: they play at the system's level.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Argv = Callable[[str, Path, int], list[str]]


def _paplay(exe: str, wav: Path, volume: int) -> list[str]:
    return [exe, f"--volume={round(65536 * volume / 100)}", str(wav)]


def _pw_play(exe: str, wav: Path, volume: int) -> list[str]:
    return [exe, f"--volume={volume / 100:.2f}", str(wav)]


def _aplay(exe: str, wav: Path, volume: int) -> list[str]:
    return [exe, "-q", str(wav)]


def _afplay(exe: str, wav: Path, volume: int) -> list[str]:
    return [exe, "-v", f"{volume / 100:.2f}", str(wav)]


def _powershell(exe: str, wav: Path, volume: int) -> list[str]:
    quoted = str(wav).replace("'", "''")
    script = f"(New-Object Media.SoundPlayer '{quoted}').PlaySync()"
    return [exe, "-NoProfile", "-NonInteractive", "-Command", script]


#: (program name, builds its argv, takes a volume)
POSIX_PLAYERS: tuple[tuple[str, Argv, bool], ...] = (
    ("paplay", _paplay, True),
    ("pw-play", _pw_play, True),
    ("aplay", _aplay, False),
    ("afplay", _afplay, True),
)
WINDOWS_PLAYERS: tuple[tuple[str, Argv, bool], ...] = (
    ("powershell", _powershell, False),
    ("pwsh", _powershell, False),
)


@dataclass(frozen=True)
class Player:
    name: str
    exe: str
    build: Argv
    has_volume: bool

    def argv(self, wav: Path, volume: int) -> list[str]:
        return self.build(self.exe, wav, volume)


def candidates(platform: str = sys.platform) -> tuple[tuple[str, Argv, bool], ...]:
    return WINDOWS_PLAYERS if platform.startswith("win") else POSIX_PLAYERS


def find_players(path: str | None = None, platform: str = sys.platform) -> list[Player]:
    """Every player on `path` (default: $PATH), in order of preference."""
    found: list[Player] = []
    for name, build, has_volume in candidates(platform):
        exe = shutil.which(name, path=path)
        if exe:
            found.append(Player(name, exe, build, has_volume))
    return found


def find_player(path: str | None = None, platform: str = sys.platform) -> Player | None:
    """The first player on `path` (default: $PATH), or None."""
    found = find_players(path, platform)
    return found[0] if found else None


def names(platform: str = sys.platform) -> list[str]:
    return [name for name, _, _ in candidates(platform)]
