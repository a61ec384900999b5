"""Every routine glute-tui runs, in home-menu order. A new routine is one line here and
one in catalogue.py (its words). Importing this module imports every routine module: what
needs only names, titles or keys reads catalogue.py instead (start-up stays light)."""

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
from glute_tui.core.routines.catalogue import IDS

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

if tuple(r.id for r in ROUTINES) != IDS:  # a routine left out of one of the two lists
    raise RuntimeError(
        f"core/routines: registry.py lists {[r.id for r in ROUTINES]}, catalogue.py {list(IDS)}"
    )

__all__ = ["IDS", "ROUTINES", "get"]


def get(routine_id: str) -> Routine | None:
    return next((r for r in ROUTINES if r.id == routine_id), None)
