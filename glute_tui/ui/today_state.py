"""The programme's day for the UI: what home's Today card and a session's load step read.

The records are copied from the open store on the event loop (cheap: list copies), and the
fold over the history (`store.programme_input.from_store` + `core.programme.evaluate`) runs
wherever the caller likes (home runs it on a worker thread). The last answer is kept per
store, store version and day, so a session opened from home does not fold again.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
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


def load_for(
    store: Any, version: int, as_of: date
) -> tuple[int, str | None, Programme | None, dict[str, int] | None]:
    """(load step, why, programme, targets) for a session's Context: the usual load and no
    targets when the programme cannot be worked out (the reason is on home)."""
    from glute_tui.core.programme import ProgrammeError
    from glute_tui.store.programme_input import shipped_programme

    today = today_for(store, version, as_of)
    if isinstance(today, str):
        return 0, None, None, None
    try:
        return today.step, today.why, shipped_programme(), today.targets()
    except ProgrammeError:
        return 0, None, None, None


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


@dataclass(frozen=True)
class Facts:
    """What home knows without the programme: the day, today's completed sessions per
    routine, the circuit's time against its cap, the plan's line, the most hold sessions
    a day that count."""

    day: date
    counts: Mapping[str, int]
    plan_line: str
    circuit_status: str = "not yet today"
    hold_most: int = 3
    #: the injury pause covering the day ({"start", "end"} ISO dates), or None
    pause: Mapping[str, str] | None = None
    #: a session today stopped by pain above 5: (its routine, the peak pain), or None
    pain_stop: tuple[str, int] | None = None


PAIN_STOP_ABOVE = 5  # as core/routines/base.py (not imported: home's first frame stays light)


def pain_stop_today(rows: Iterable[Mapping[str, Any]], day: date) -> tuple[str, int] | None:
    """The first session of `day` whose pain during it was above 5 (routine, pain)."""
    for row in rows:
        pain = row.get("pain_during")
        if isinstance(pain, int) and pain > PAIN_STOP_ABOVE and row.get("day") == day.isoformat():
            return str(row.get("routine")), pain
    return None


def rest_words(stop: tuple[str, int]) -> str:
    routine, pain = stop
    return (
        f"Rest for today: pain {pain} of 10 in today's {_routine(routine).lower()} session. "
        "Tomorrow morning's check sets the load."
    )


def pause_words(pause: Mapping[str, str]) -> str:
    """What a paused day asks (nothing), and until when."""
    start, end = date.fromisoformat(pause["start"]), date.fromisoformat(pause["end"])
    back = end + timedelta(days=1)
    return (
        f"nothing is due: injury pause from {start:%d %b} to {end:%a %d %b}; "
        f"training picks up on {back:%a %d %b}"
    )


NAME_W = 12  # the least width of the card's label column


def _hold_words(done: int, target: int, most: int) -> str:
    """The daily hold target in one wording everywhere: `target` is the stage's own."""
    dots = "●" * min(done, most) + "○" * max(0, target - done)
    if done > most:
        return f"{done} done {dots} · today counts; {most} is the most, more is extra"
    if done >= target:
        return f"{done} of {target} {dots} · today counts"
    return f"{done} of {target} {dots} · {target - done} to go for today to count"


def label_width(today: Today | str | None) -> int:
    """The label column: at least NAME_W, and two spaces after the longest due routine's
    title (one reads as a run-on: "Single-leg strength left 0 of 1")."""
    titles = (
        [len(_routine(d.routine)) + 2 for d in today.due]
        if not isinstance(today, (str, type(None)))
        else []
    )
    return max([NAME_W, *titles])


def due_lines(today: Today, facts: Facts) -> list[str]:
    """One line per due routine, its sides side by side: every target is the programme's."""
    by_routine: dict[str, list[Any]] = {}
    for d in today.due:
        by_routine.setdefault(d.routine, []).append(d)
    lines = []
    width = label_width(today)
    for routine, items in by_routine.items():
        left = max(max(0, d.target - d.done) for d in items)
        name = f"  {_routine(routine):<{width}}"
        if routine == "hold" and len(items) == 1:
            d = items[0]
            side = "both" if d.side == "both" else d.side
            lines.append(f"{name}{side} {_hold_words(d.done, d.target, facts.hold_most)}")
            continue
        sides = " · ".join(
            f"{'both' if d.side == 'both' else d.side} {d.done} of {d.target}" for d in items
        )
        state = "done" if left == 0 else f"{left} to go"
        if routine == "circuit" and facts.circuit_status != "not yet today":
            state = facts.circuit_status  # done or stopped early, and what is left of the cap
        lines.append(f"{name}{sides} · {state}")
    return lines


def hang(lines: list[tuple[str, int]], width: int | None) -> str:
    """The card's lines, each wrapped at `width` under its own text: a line's first
    `indent` columns (its label) stay clear, so the card reads as a list. None: unwrapped."""
    from textual.content import Content

    out: list[str] = []
    for text, indent in lines:
        room = (width or 0) - indent
        content = Content.from_markup(text)
        if width is None or content.cell_length <= width or room < 20:
            out.append(text)
            continue
        label, rest = content[:indent], content[indent:]
        parts = rest.wrap(room)
        out.append(label.markup + (parts[0].markup if parts else ""))
        out += [" " * indent + p.markup for p in parts[1:]]
    return "\n".join(out)


def card(today: Today | str | None, facts: Facts, width: int | None = None) -> str:
    """Home's Today card (Rich markup): the stage, one line per due routine, the load, the
    next gate in one line, the plan, what changed. `today` None: still being worked out.
    `width`: the card's width, long lines wrap under their text (hanging indent)."""
    head = f"[b]Today[/b] · {facts.day.strftime('%A %d %B %Y')}"
    width_l = label_width(today)
    col = 2 + width_l  # where a labelled line's text starts
    lines: list[tuple[str, int]] = []
    due: set[str] = set()
    if today is None:
        lines.append(("  Working out today's programme…", 2))
    elif isinstance(today, str):
        lines.append((f"  {today}", 2))
    else:
        head += (
            f" · [b]{_STAGE_NAMES.get(today.stage, today.stage)}[/b], week {today.week} "
            f"(since {today.since.strftime('%d %b')})"
        )
        if facts.pause is not None:  # a paused day asks nothing: no "to go"
            lines.append((f"  {'Paused':<{width_l}}{pause_words(facts.pause)}", col))
        elif facts.pain_stop is not None:  # the session said stop for today: so does home
            lines.append((f"  {'Rest':<{width_l}}{rest_words(facts.pain_stop)}", col))
        else:
            lines += [(line, col) for line in due_lines(today, facts)]
            due = {d.routine for d in today.due}
            if not today.due:
                lines.append(("  Nothing is due today.", 2))
    extra = [f"{_routine(r)} {n}" for r, n in facts.counts.items() if n and r not in due]
    if extra:
        label = "Also done" if due else "Done today"  # in the label column, as the others
        lines.append((f"  {label:<{width_l}}{', '.join(extra)}", col))
    if isinstance(today, str) or today is None:
        lines.append((f"  {'Plan':<{width_l}}{facts.plan_line}", col))
        return hang([(head, 2), *lines], width)
    load = load_line(today)
    waiting = [g for g in today.gate if not g.met]
    said = any(n.startswith(("Load lowered", "Load kept")) for n in today.notes)
    if load and not said:  # today's change is said once, in its own words, below
        lines.append((f"  {'Load':<{width_l}}{load[5:]}", col))
    if today.gate and not waiting:
        lines.append((f"  {'Next stage':<{width_l}}every check of the gate is met", col))
    elif waiting:
        n = len(waiting) - 1
        more = f" · and {n} other check{'s' if n > 1 else ''}" if n else ""
        need = f"{waiting[0].need}: now {waiting[0].have}{more}"
        lines.append((f"  {'Next stage':<{width_l}}{need}", col))
    lines.append((f"  {'Plan':<{width_l}}{facts.plan_line}", col))
    # the plan line already says both sides are trained until the self-assessment
    notes = [n for n in today.notes if not n.startswith("No self-assessment yet")]
    lines += [(f"  · {n}", 4) for n in notes]
    return hang([(head, 2), *lines], width)


def next_due_screen(today: Today) -> str | None:
    """The screen (ui/registry.py) of the first routine due today with a side still to
    do, in the programme's order; None when every due routine is done."""
    from glute_tui.ui import registry

    for d in today.due:
        if d.done < d.target:
            found = next((s.name for s in registry.SCREENS if s.routine == d.routine), None)
            if found is not None:
                return found
    return None
