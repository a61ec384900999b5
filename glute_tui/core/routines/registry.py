"""Every routine glute-tui runs, in home-menu order. A new routine is one line here."""

from __future__ import annotations

from glute_tui.core.routines import (
    bridge,
    circuit,
    contract_relax,
    cook_hip_lift,
    hold,
    primer,
    release,
    single_leg,
    standing_glute,
)
from glute_tui.core.routines.base import Routine

ROUTINES: tuple[Routine, ...] = (
    hold.ROUTINE,
    circuit.ROUTINE,
    contract_relax.ROUTINE,
    release.ROUTINE,
    cook_hip_lift.ROUTINE,
    bridge.ROUTINE,
    standing_glute.ROUTINE,
    single_leg.ROUTINE,
    primer.ROUTINE,
)

IDS: tuple[str, ...] = tuple(r.id for r in ROUTINES)


def get(routine_id: str) -> Routine | None:
    return next((r for r in ROUTINES if r.id == routine_id), None)
