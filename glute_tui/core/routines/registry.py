"""Every routine glute-tui runs, in home-menu order: the catalogue's (catalogue.py).

A new routine is one module in this package, named by its id, with a module-level
`ROUTINE`, and one line in catalogue.py; nothing here changes. Importing this module
imports every routine module: what needs only names, titles or keys reads catalogue.py
instead (start-up stays light)."""

from __future__ import annotations

from importlib import import_module

from glute_tui.core.routines.base import Routine
from glute_tui.core.routines.catalogue import CATALOGUE, IDS, RoutineInfo


def _load(info: RoutineInfo) -> Routine:
    module = import_module(f"{__package__}.{info.id}")
    routine = getattr(module, "ROUTINE", None)
    if routine is None or getattr(routine, "id", None) != info.id:
        raise RuntimeError(
            f"core/routines/{info.id}.py must define ROUTINE with id {info.id!r} "
            "(catalogue.py lists it)"
        )
    loaded: Routine = routine
    return loaded


ROUTINES: tuple[Routine, ...] = tuple(_load(info) for info in CATALOGUE)

__all__ = ["IDS", "ROUTINES", "get"]


def get(routine_id: str) -> Routine | None:
    return next((r for r in ROUTINES if r.id == routine_id), None)
