"""The Routine protocol and the rules every routine shares. Pure: no I/O, no clock.

A routine (hold timer, circuit, contract/relax...) is one module in this package. It builds
today's timeline from a `Context` (plan, settings, library, protocol numbers, history rows,
the day), turns a running `Runner` into a `PhaseView` for the one live-session screen, and
writes its summary lines. The screen holds no protocol rule and names no routine: it asks
the routine through this protocol. A new routine is one module here, one section in
data/protocols.json and one line in registry.py.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from glute_tui.core.library import Library
from glute_tui.core.plan import Plan
from glute_tui.core.protocol import Protocols
from glute_tui.core.runner import Runner
from glute_tui.core.runner_events import GLUTES_STOPPED, PhaseRecord
from glute_tui.core.timeline import PhaseSpec, Timeline

if TYPE_CHECKING:  # the programme is read only when a load is lowered (start-up stays light)
    from glute_tui.core.programme_config import Programme

#: phases where the glutes work; the others are get-ready, switch, rest
WORK_KINDS = ("hold", "work")
#: phases that count in (3-2-1 beeps) when work follows them
COUNT_IN_KINDS = ("prepare", "rest", "switch", "transition", "round_rest")
#: pain above this during or before a session means: stop for today
PAIN_STOP_ABOVE = 5
#: the generic keys a routine may offer on the live screen (see `Routine.offers`)
ACTIONS = ("more", "less", "glutes_stopped", "ready", "load")
#: why a session was stopped early, one key each on the stop dialog
STOP_REASONS = {"p": "pain", "f": "form_lost", "t": "out_of_time", "o": "quit"}


@dataclass(frozen=True)
class Context:
    """What a routine may read: everything comes in, nothing is fetched."""

    plan: Plan
    settings: Mapping[str, Any]
    library: Library
    protocols: Protocols
    today: date
    rows: Sequence[Mapping[str, Any]] = ()  # history rows (for today's counts and caps)
    # the programme's load today (issue 13): a step <= 0, why it is lowered, the dose rule
    load_step: int = 0
    load_why: str | None = None
    programme: Programme | None = None
    # today's target per routine from the programme's due list (ui/today_state.py), the one
    # source of every daily target; None when the programme cannot be worked out
    targets: Mapping[str, int] | None = None

    def target(self, routine: str, fallback: int) -> int | None:
        """Sessions `routine` asks today: the due list's, None when it is not due today,
        `fallback` (the protocol's) only when there is no programme to ask."""
        if self.targets is None:
            return fallback
        return self.targets.get(routine)

    def lowered(self, numbers: Mapping[str, float]) -> dict[str, float]:
        """`numbers` (reps, rounds, hold seconds...) at today's load step: never higher."""
        if self.load_step >= 0 or self.programme is None:
            return dict(numbers)
        from glute_tui.core.programme_config import dose

        out = dose(numbers, self.load_step, self.programme)
        return {k: min(v, numbers[k]) for k, v in out.items()}

    def load_words(self) -> str | None:
        """'Load lowered one step: ...' for a setup form, or None at the usual load."""
        if self.load_step >= 0 or self.programme is None:
            return None
        steps = -self.load_step
        count = {1: "one step", 2: "two steps", 3: "three steps"}.get(steps, f"{steps} steps")
        why = (self.load_why or "").rstrip(".")
        return f"Load lowered {count}" + (f": {why}." if why else ".")

    def setup_notes(self) -> list[str]:
        """The lines every setup form ends with: a lowered load, and the nudge to take the
        self-assessment while there is none."""
        notes = []
        if load := self.load_words():
            notes.append(f"[b]{load}[/b]")
        if self.plan.needs_assessment:
            notes.append(
                "[b]No self-assessment yet[/b], so both sides get the work. "
                "Take it to find your weak side."
            )
        return notes

    def name(self, exercise: str | None) -> str:
        ex = self.library.get(exercise) if exercise else None
        return ex.name if ex else ""


@dataclass(frozen=True)
class Built:
    """A timeline ready to run, with the active-time budget the runner enforces (or None)."""

    timeline: Timeline
    budget_s: float | None = None


@dataclass(frozen=True)
class Refusal:
    """A plain reason the routine cannot run now (shown on the setup view)."""

    reason: str


@dataclass(frozen=True)
class PhaseView:
    """How the current phase reads. `big` is always the time left in the phase (for a
    user-paced phase, which has none, the time spent so far)."""

    banner: str
    colour: str  # a css class: phase-ready, phase-hold, phase-rest, phase-switch, ...
    where: str
    counts: str
    big: str
    cue_role: str  # setup | squeeze | rest
    next: str
    extra: str = ""


@dataclass(frozen=True)
class Adjusted:
    """The result of `+`/`-`: what to tell the user, and settings to save (maybe none)."""

    message: str
    settings: Mapping[str, Any] = field(default_factory=dict)
    changed: bool = True


class Routine(Protocol):
    """One routine. Registry entries are instances; they keep no per-session state."""

    id: str  # stored in every session record; also the command-line name
    title: str
    description: str
    key: str  # home screen key
    short: str  # footer label on home
    help: str  # the routine's part of `?` on the live screen
    resume_kinds: tuple[str, ...]  # a resume picks up at the next phase of these kinds

    def setup_text(self, ctx: Context) -> str: ...

    def timeline(self, ctx: Context) -> Built | Refusal: ...

    def budget(self, ctx: Context) -> float | None:
        """Active seconds a session may use today (None: no limit)."""
        ...

    def view(self, runner: Runner, ctx: Context) -> PhaseView: ...

    def summary(self, session: Mapping[str, Any], ctx: Context) -> list[str]: ...

    def offers(self, action: str, runner: Runner | None) -> bool:
        """Whether one of ACTIONS works now (runner None: on the setup view)."""
        ...

    def adjust(self, runner: Runner | None, ctx: Context, delta: int) -> Adjusted | None: ...

    def resume_offer(self, session: Mapping[str, Any]) -> str: ...

    def pick_cues(self, cues: Sequence[str], role: str) -> tuple[str, ...]:
        """The exercise's cues (the user's own wording) that fit a cue role."""
        ...


# ---- shared rules ------------------------------------------------------------------------
def pain_gate(pain: int | None, injury: bool) -> str | None:
    """Why the session should not start (then the user confirms), or None to go ahead."""
    why: list[str] = []
    if (pain or 0) > PAIN_STOP_ABOVE:
        why.append(f"You rated your pain {pain} of 10.")
    if injury:
        why.append("You have an injury that has not healed.")
    return " ".join(why) or None


def pain_stop_words(pain: int) -> str | None:
    """Plain words when pain during a session means stopping for today, else None."""
    if pain <= PAIN_STOP_ABOVE:
        return None
    return (
        f"Pain {pain} of 10 is above 5: stop for today. Rest, and do not train through it. "
        "Tomorrow morning glute-tui asks how it feels: still above 5, or worse than before "
        "this session, means a lighter day or a rest day, and if it does not settle, see a "
        "professional."
    )


def count_in_mark(runner: Runner) -> int | None:
    """3, 2 or 1 when that count-in beep is due now (the last seconds before work starts
    again), else None. The caller sounds each (phase, mark) once."""
    spec, nxt = runner.current, runner.upcoming
    if runner.state != "running" or spec is None or nxt is None:
        return None
    if spec.kind not in COUNT_IN_KINDS or nxt.kind not in WORK_KINDS or spec.paced:
        return None
    left = runner.remaining()
    for mark in (3, 2, 1):
        if mark - 1 < left <= mark + 1e-6 and spec.planned_s > mark:
            return mark
    return None


def in_a_row(records: Sequence[PhaseRecord], ended_by: str = GLUTES_STOPPED) -> int:
    """How many work phases in a row, newest first, ended this way."""
    n = 0
    for r in reversed(records):
        if r.spec.kind not in WORK_KINDS:
            continue
        if r.ended_by != ended_by:
            break
        n += 1
    return n


def step_fits(runner: Runner, step: float) -> bool:
    """Does `step` more seconds of planned time still fit the runner's budget (the cap)?"""
    if runner.budget_s is None:
        return True
    done = sum(r.active_s for r in runner.records)
    planned_left = runner.planned_total() - sum(r.spec.planned_s for r in runner.records)
    return done + planned_left + step <= runner.budget_s + 1e-6


def resume_from(
    full: Timeline, next_index: int, kinds: tuple[str, ...], prepare_s: float
) -> tuple[Timeline, int] | None:
    """The rest of `full` from its first phase of `kinds` at or after `next_index`, after a
    short get-ready; with the index in `full` of the new timeline's phase 0 (so journaled
    indices stay in `full`'s terms). None when nothing is left to do."""
    later = [i for i, p in enumerate(full.phases) if i >= next_index and p.kind in kinds]
    if not later:
        return None
    first = full.phases[later[0]]
    prepare = PhaseSpec("prepare", first.exercise, first.side, 0, prepare_s)
    return Timeline(full.routine, (prepare, *full.phases[later[0] :])), later[0] - 1


def cue_role(kind: str) -> str:
    if kind in WORK_KINDS:
        return "squeeze"
    if kind in ("rest", "round_rest"):
        return "rest"
    return "setup"


def cues_for_role(cues: Sequence[str], role: str) -> tuple[str, ...]:
    """A library cue list reads setup first, then the squeeze, then letting go: the first
    cue sets up, the last lets go, the ones between are for the work."""
    cues = tuple(cues)
    if len(cues) < 3:
        return cues
    if role == "setup":
        return cues[:1]
    if role == "rest":
        return cues[-1:]
    return cues[1:-1]


def logged_words(record: PhaseRecord, name: str) -> str:
    """What `g` (or a stop) logged for a phase: "Side-lying clamshell: 5 of 8 reps logged"."""
    spec = record.spec
    if spec.reps is not None:
        return f"{name}: {record.reps or 0} of {spec.reps} reps logged"
    return f"{name}: {math.floor(record.active_s)} of {spec.planned_s:g} s logged"


def mmss(seconds: float) -> str:
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60}:{whole % 60:02d}"


def big_number(runner: Runner) -> str:
    """Seconds left in the phase (m:ss from a minute up); time spent in a user-paced one."""
    spec = runner.current
    if spec is not None and spec.paced:
        return mmss(runner.elapsed())
    left = runner.remaining()
    return mmss(left) if left > 60 - 1e-6 else str(math.ceil(left - 1e-6))


def side_words(side: str | None) -> str:
    return "BOTH sides" if side == "both" else (f"{side.upper()} side" if side else "")


def bounds_num(raw: Mapping[str, Any], key: str, default: float, lo: float, hi: float) -> float:
    """A number setting, clamped; anything missing or malformed gives the default."""
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    return max(lo, min(hi, float(value)))
