"""The screens that exist, for the home menu, the command palette and the command line.

Kept free of Textual imports so the command line can read it cheaply. A screen is added
here (one entry) only when it has landed: no menu entry pretends a screen exists.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ScreenInfo:
    name: str  # command-line name: `glute-tui NAME`
    title: str
    description: str
    key: str  # key on the home screen
    target: str  # "module:Class"
    short: str = ""  # the home screen's Footer label when the title is too long for 80 columns

    def make(self, **kwargs: Any) -> Any:
        module, _, cls = self.target.partition(":")
        return getattr(importlib.import_module(module), cls)(**kwargs)


SCREENS: tuple[ScreenInfo, ...] = (
    ScreenInfo(
        "assess",
        "Self-assessment",
        "find your weaker side and set your plan",
        "a",
        "glute_tui.ui.screens.assess:AssessScreen",
        short="Assess",
    ),
    ScreenInfo(
        "cues",
        "Cues",
        "word the timer cues your way",
        "e",
        "glute_tui.ui.screens.cues:CuesScreen",
    ),
    ScreenInfo(
        "history",
        "History & streaks",
        "your calendar, streaks, progress and every session",
        "s",
        "glute_tui.ui.screens.history:HistoryScreen",
        short="History",
    ),
    ScreenInfo(
        "hold",
        "Hold timer",
        "isometric squeezes: standing, seated, prone",
        "h",
        "glute_tui.ui.screens.hold:HoldScreen",
        short="Hold",
    ),
    ScreenInfo(
        "circuit",
        "Circuit",
        "paced drills, rest windows, 10 minutes a day at most",
        "c",
        "glute_tui.ui.screens.circuit:CircuitScreen",
    ),
)

SCREEN_NAMES = tuple(s.name for s in SCREENS)


def by_name(name: str) -> ScreenInfo | None:
    return next((s for s in SCREENS if s.name == name), None)
