"""What a live session signals, and the default way it does: the terminal bell and a flash.

The live-session screen calls one `Signals` object on every change:
- `phase_started(view, event)`: a phase began; `view.cue_role` is setup, squeeze or rest;
- `count_in(n)`: 3, 2, 1 in the last seconds before work starts again;
- `session_ended(status)`: "completed" or "stopped".
Sound and voice (glute_tui/audio) implement the same three methods and may wrap
`BellSignals` to keep its flash: the flash is not optional, sound is best effort. Nothing
here may block: a player runs off the event loop.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from textual.screen import Screen
from textual.timer import Timer

from glute_tui.audio.adapter import PhaseOf, SoundSignals
from glute_tui.audio.signals import Signals as Audio
from glute_tui.core.routines.base import PhaseView
from glute_tui.core.runner import Event
from glute_tui.core.sound import SoundSettings
from glute_tui.ui.widgets.session_views import LiveView

FLASH_S = 0.35
#: (name, bells, flash: a key of session_views.FLASHES) per cue role
ROLE_SIGNAL = {
    "squeeze": ("go", 1, "flash-go"),
    "rest": ("rest", 2, "flash-rest"),
    "setup": ("change", 1, "flash-change"),
}


class Signals(Protocol):
    def phase_started(self, view: PhaseView, event: Event) -> None: ...

    def count_in(self, n: int) -> None: ...

    def session_ended(self, status: str) -> None: ...


class BellSignals:
    """Bells (unless muted) and a visible flash of the live view. `bells` lists what was
    sounded, newest last (tests and the bench read it)."""

    def __init__(self, screen: Screen[Any], muted: object) -> None:
        self.screen = screen
        self._muted = muted  # a callable returning the current mute setting
        self.bells: list[str] = []
        self._flash_timer: Timer | None = None

    @property
    def muted(self) -> bool:
        return bool(self._muted()) if callable(self._muted) else bool(self._muted)

    def phase_started(self, view: PhaseView, event: Event) -> None:
        name, times, flash = ROLE_SIGNAL.get(view.cue_role, ROLE_SIGNAL["setup"])
        self.sound(name, times)
        self.flash(flash)

    def count_in(self, n: int) -> None:
        self.sound("count", 1)

    def session_ended(self, status: str) -> None:
        self.sound("end", 3)

    def sound(self, name: str, times: int) -> None:
        self.bells.append(name)
        if self.muted:
            return
        self.screen.app.bell()
        for i in range(1, times):
            self.screen.set_timer(0.18 * i, self._bell_again)

    def _bell_again(self) -> None:
        if not self.muted:
            self.screen.app.bell()

    def flash(self, cls: str) -> None:
        live = self.screen.query_one(LiveView)
        live.flash(cls)
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.screen.set_timer(FLASH_S, self.unflash)

    def unflash(self) -> None:
        self.screen.query_one(LiveView).unflash()


def sound_signals(
    screen: Screen[Any], muted: Callable[[], bool], phase_of: PhaseOf
) -> tuple[SoundSignals, Audio]:
    """The live screen's signals with real sound: a tone (and, with voice on, a phrase) per
    phase from glute_tui/audio, the bell only where no player works, the flash always.
    Returns (the signals, the audio facade: mute, voice, volume and close go to it)."""
    audio = Audio(SoundSettings(), time.monotonic)  # real time: child processes' time-outs
    sound = SoundSignals(audio, phase_of)
    sound.fallback = BellSignals(screen, lambda: muted() or sound.bell_muted())
    return sound, audio
