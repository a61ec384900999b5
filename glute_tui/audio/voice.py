"""Spoken cues through a speech engine run as a child process: espeak-ng, spd-say or
macOS `say`, the first found. A newer phrase replaces an unfinished one: the older
process is terminated before the new one starts, so speech never overlaps itself.

Volume: espeak-ng (-a, 0-200, 100 its normal level) and spd-say (-i, -100..100, 0 its
normal level) take one, and 100 % here is their normal level; `say` takes none. spd-say
is run with --wait so that ending it ends its phrase.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass

from glute_tui.audio.procs import Child, Launcher

Argv = Callable[[str, str, int], list[str]]


def _espeak(exe: str, text: str, volume: int) -> list[str]:
    return [exe, "-a", str(volume), "-s", "165", "--", text]


def _spd_say(exe: str, text: str, volume: int) -> list[str]:
    return [exe, "--wait", "-i", str(volume - 100), "--", text]


def _say(exe: str, text: str, volume: int) -> list[str]:
    return [exe, "--", text]


ENGINES: tuple[tuple[str, Argv], ...] = (
    ("espeak-ng", _espeak),
    ("spd-say", _spd_say),
    ("say", _say),
)


@dataclass(frozen=True)
class Engine:
    name: str
    exe: str
    build: Argv

    def argv(self, text: str, volume: int) -> list[str]:
        return self.build(self.exe, text, volume)


def find_engine(path: str | None = None, platform: str = sys.platform) -> Engine | None:
    for name, build in ENGINES:
        if name == "say" and platform != "darwin":
            continue  # other systems' `say` commands are not speech engines
        exe = shutil.which(name, path=path)
        if exe:
            return Engine(name, exe, build)
    return None


def names() -> list[str]:
    return [name for name, _ in ENGINES]


class Speaker:
    """Says one phrase at a time on a Launcher; `say` cuts off the phrase before it."""

    def __init__(self, engine: Engine | None, launcher: Launcher) -> None:
        self.engine = engine
        self.launcher = launcher
        self.current: Child | None = None
        self.said: list[str] = []  # newest last (tests, the settings screen)

    def say(self, text: str, volume: int) -> bool:
        if self.engine is None or not text:
            return False
        if self.current is not None:
            self.launcher.stop(self.current)
        self.current = self.launcher.start(self.engine.argv(text, volume))
        self.said.append(text)
        return self.current is not None

    def hush(self) -> None:
        if self.current is not None:
            self.launcher.stop(self.current)
            self.current = None
