"""Every routine glute-tui runs, in home-menu order. A new routine is one line here."""

from __future__ import annotations

from glute_tui.core.routines import circuit, contract_relax, hold
from glute_tui.core.routines.base import Routine

ROUTINES: tuple[Routine, ...] = (
    hold.ROUTINE,
    circuit.ROUTINE,
    contract_relax.ROUTINE,
)

IDS: tuple[str, ...] = tuple(r.id for r in ROUTINES)


def get(routine_id: str) -> Routine | None:
    return next((r for r in ROUTINES if r.id == routine_id), None)
