"""Every routine's name and words, in home-menu order, without importing the routines.

The home screen's menu and Footer, the command line's screen names, the palette, the
heatmap legend, `stats` and the history's per-day counts need only these few words; the
routine modules (timelines, views, rules) are imported when a session opens (registry.py).
Each routine module takes its id, title, description, key and short label from here, so
the words live in one place. A new routine is its module and one line here (registry.py
loads each module the catalogue names).
"""

from __future__ import annotations

from typing import NamedTuple


class RoutineInfo(NamedTuple):
    id: str  # stored in every session record; the module name; `glute-tui ID` (_ as -)
    title: str
    description: str
    key: str  # its key on the home screen
    short: str  # its label in the home Footer


CATALOGUE: tuple[RoutineInfo, ...] = (
    RoutineInfo("hold", "Hold timer", "isometric squeezes: standing, seated, prone", "h", "Hold"),
    RoutineInfo(
        "circuit", "Circuit", "paced drills, rest windows, 10 minutes a day at most", "c", "Circuit"
    ),
    RoutineInfo(
        "contract_relax",
        "Contract & relax",
        "for tight glutes: squeeze gently, let go, notice",
        "r",
        "Relax",
    ),
    RoutineInfo("release", "Release work", "roller or ball on tight glutes", "f", "Release"),
    RoutineInfo("cook_hip_lift", "Cook hip lift", "knee hugged in, lift and hold", "k", "Cook"),
    RoutineInfo(
        "bridge", "Bridge progression", "bridges with a squeeze, then one leg", "b", "Bridge"
    ),
    RoutineInfo(
        "standing_glute",
        "Standing glute contraction",
        "kickbacks at a wall, each leg",
        "w",
        "Standing",
    ),
    RoutineInfo(
        "single_leg", "Single-leg strength", "split squat, lunge, RDL, step-down", "l", "Single-leg"
    ),
    RoutineInfo(
        "primer", "Warm-up primer", "a short activation block before a workout", "u", "Primer"
    ),
)

IDS: tuple[str, ...] = tuple(r.id for r in CATALOGUE)
ABOUT: dict[str, RoutineInfo] = {r.id: r for r in CATALOGUE}
