"""The screens that exist, for the home menu, the command palette and the command line.

Kept free of Textual imports, and of the routine modules (their words come from
core/routines/catalogue.py), so the command line and home's first frame read it cheaply.
A screen is added here (one entry) only when it has landed: no menu entry pretends a
screen exists.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from glute_tui.core.routines.catalogue import CATALOGUE


@dataclass(frozen=True)
class ScreenInfo:
    name: str  # command-line name: `glute-tui NAME`
    title: str
    description: str
    key: str  # key on the home screen
    target: str  # "module:Class"
    short: str = ""  # the home screen's Footer label when the title is too long for 80 columns
    routine: str = ""  # a live session: the core routine the screen runs
    footer: bool = True  # its key in the home Footer (the key always works; see FOOTER_ROUTINES)

    def make(self, **kwargs: Any) -> Any:
        module, _, cls = self.target.partition(":")
        if self.routine:
            kwargs.setdefault("routine", self.routine)
        return getattr(importlib.import_module(module), cls)(**kwargs)


#: the routines whose keys the home Footer shows: with nine routines every key does not fit
#: 80 columns, so the later ones are in the menu (with their key), the palette and `?`
FOOTER_ROUTINES = ("hold", "circuit", "contract_relax")

#: the screens, one live-session entry per routine in core/routines/catalogue.py, settings
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
        "your calendar, streaks, progress, every session",
        "s",
        "glute_tui.ui.screens.history:HistoryScreen",
        short="Log",  # the home Footer fits 80 columns with every routine's key
    ),
    *(
        ScreenInfo(
            r.id.replace("_", "-"),
            r.title,
            r.description,
            r.key,
            "glute_tui.ui.screens.live:LiveSessionScreen",
            short=r.short,
            routine=r.id,
            footer=r.id in FOOTER_ROUTINES,
        )
        for r in CATALOGUE
    ),
    ScreenInfo(
        "settings",
        "Settings",
        "timer numbers, weekly targets, stage and sound",
        "o",
        "glute_tui.ui.screens.settings:SettingsScreen",
        short="Set",
        footer=False,  # the home Footer is full at 80 columns: menu, palette and `?` have it
    ),
)

SCREEN_NAMES = tuple(s.name for s in SCREENS)


def by_name(name: str) -> ScreenInfo | None:
    return next((s for s in SCREENS if s.name == name), None)
