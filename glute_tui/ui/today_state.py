"""The programme's day for the UI: what home's Today card and a session's load step read.

The records are copied from the open store on the event loop (cheap: list copies), and the
fold over the history (`store.programme_input.from_store` + `core.programme.evaluate`) runs
wherever the caller likes (home runs it on a worker thread). The last answer is kept per
store, store version and day, so a session opened from home does not fold again.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when first used: home's first frame does not wait for it
    from glute_tui.core.programme import Programme, Today

_STAGE_NAMES = {
    "activate": "Activate",
    "integrate": "Integrate",
    "strengthen": "Strengthen",
    "return": "Return",
}


@dataclass(frozen=True)
class Records:
    """A copy of what the programme reads from the store (safe to hand to a thread)."""

    row_list: list[dict[str, Any]]
    assessment_list: list[dict[str, Any]]
    values: Mapping[str, Any] = field(default_factory=dict)

    def rows(self) -> list[dict[str, Any]]:
        return self.row_list

    def assessments(self) -> list[dict[str, Any]]:
        return self.assessment_list

    def kv(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set_kv(self, key: str, value: Any) -> None:  # pragma: no cover - read-only copy
        raise TypeError("a copy of the records cannot be written")


def records(store: Any) -> Records:
    from glute_tui.store.programme_input import STAGE_CHANGES_KEY

    keys = ("settings", "pauses", STAGE_CHANGES_KEY)
    return Records(store.rows(), store.assessments(), {k: store.kv(k) for k in keys})


_last: dict[str, tuple[object, Today | str]] = {}


def compute(recs: Records, as_of: date) -> Today | str:
    """The programme on `as_of`, or one line saying why it cannot be worked out."""
    from glute_tui.core.programme import ProgrammeError, evaluate
    from glute_tui.core.records import ROUTINES
    from glute_tui.store.programme_input import from_store, shipped_programme

    try:
        history, settings = from_store(recs)
        return evaluate(history, as_of, shipped_programme(), settings, loggable=tuple(ROUTINES))
    except (ProgrammeError, KeyError, TypeError, ValueError) as exc:
        return f"The programme cannot be worked out: {exc}"


def remember(key: object, result: Today | str) -> None:
    _last["today"] = (key, result)


def known(key: object) -> Today | str | None:
    found = _last.get("today")
    return found[1] if found is not None and found[0] == key else None


def key_for(store: Any, version: int, as_of: date) -> object:
    """The store itself (weakly: never an id a later store may reuse), its version, the day."""
    return (weakref.ref(store), version, as_of)


def today_for(store: Any, version: int, as_of: date) -> Today | str:
    """The remembered answer for this store version and day, or a fold now."""
    key = key_for(store, version, as_of)
    found = known(key)
    if found is None:
        found = compute(records(store), as_of)
        remember(key, found)
    return found


def load_for(store: Any, version: int, as_of: date) -> tuple[int, str | None, Programme | None]:
    """(load step, why, programme) for a session's Context: the usual load when the
    programme cannot be worked out (the reason is on home)."""
    from glute_tui.core.programme import ProgrammeError
    from glute_tui.store.programme_input import shipped_programme

    today = today_for(store, version, as_of)
    if isinstance(today, str):
        return 0, None, None
    try:
        return today.step, today.why, shipped_programme()
    except ProgrammeError:
        return 0, None, None


def load_line(today: Today) -> str | None:
    """'Load lowered one step: this morning's pain was 7.' or None at the usual load."""
    if today.step >= 0:
        return None
    steps = -today.step
    count = {1: "one step", 2: "two steps", 3: "three steps"}.get(steps, f"{steps} steps")
    why = (today.why or "").rstrip(".")
    return f"Load lowered {count}" + (f": {why}." if why else ".")


def _routine(routine: str) -> str:
    from glute_tui.core.routines.catalogue import ABOUT

    found = ABOUT.get(routine)
    return found.title if found is not None else routine.replace("_", " ").capitalize()


def card(today: Today | str) -> str:
    """The programme part of home's Today card (Rich markup)."""
    if isinstance(today, str):
        return f"[b]Programme[/b]\n  {today}"
    lines = [
        f"[b]Programme[/b] · {_STAGE_NAMES.get(today.stage, today.stage)}, "
        f"week {today.week} (since {today.since.strftime('%d %b %Y')})"
    ]
    load = load_line(today)
    lines.append(f"  Load            {load[5:] if load else 'the stage’s usual'}")
    if today.due:
        lines.append("  Due today")
        for d in today.due:
            left = max(0, d.target - d.done)
            state = "done" if left == 0 else f"{left} to go"
            side = "both sides" if d.side == "both" else f"{d.side} side"
            lines.append(f"    {_routine(d.routine):<22}{side:<12}{d.done} of {d.target} · {state}")
    waiting = [g for g in today.gate if not g.met]
    if today.gate and not waiting:
        lines.append("  Next stage      every check of the gate is met")
    for i, g in enumerate(waiting):
        label = "Next stage" if i == 0 else ""
        lines.append(f"  {label:<16}{g.need}: now {g.have}")
    for note in today.notes:
        if note != load:
            lines.append(f"  · {note}")
    return "\n".join(lines)
