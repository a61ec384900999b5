"""The live screen's signals with real sound: tones and voice from `Signals`, and the
screen's own bell-and-flash signals kept for the flash (never optional) and for the bell
where no player works.

The live screen calls `phase_started(view, event)`, `count_in(n)` and
`session_ended(status)`. This object passes each call to the audio facade first, then to
the fallback (the screen's bell-and-flash object), whose `muted` callable must be
`SoundSignals.bell_muted`: the bell stays quiet whenever a tone was played (or sound is
muted), so the user hears one signal, never both. No Textual import: the fallback is any
object with the same three methods.

    sound = SoundSignals(audio, lambda i: (runner.specs[i].kind, runner.specs[i].side))
    sound.fallback = BellSignals(screen, sound.bell_muted)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from glute_tui.audio.signals import MUTED, PLAYED, SILENT, Signals

PhaseOf = Callable[[int], tuple[str, str | None]]


class SoundSignals:
    def __init__(self, audio: Signals, phase_of: PhaseOf, fallback: Any = None) -> None:
        self.audio = audio
        self.phase_of = phase_of  # phase index -> (kind, side)
        self.fallback = fallback
        self._quiet = False

    def bell_muted(self) -> bool:
        """For the fallback: True when the last signal needs no bell."""
        return self._quiet

    def _then(self, result: str, method: str, *args: Any) -> None:
        self._quiet = result in (PLAYED, MUTED, SILENT)
        if self.fallback is not None:
            getattr(self.fallback, method)(*args)

    def phase_started(self, view: Any, event: Any) -> None:
        kind, side = self.phase_of(event.index)
        self._then(self.audio.phase_started(kind, side, view), "phase_started", view, event)

    def count_in(self, n: int) -> None:
        self._then(self.audio.count_in(n), "count_in", n)

    def session_ended(self, status: str) -> None:
        self._then(self.audio.session_ended(status), "session_ended", status)

    def unflash(self) -> None:
        unflash = getattr(self.fallback, "unflash", None)
        if unflash is not None:
            unflash()

    @property
    def bells(self) -> list[str]:
        return list(getattr(self.fallback, "bells", []))
