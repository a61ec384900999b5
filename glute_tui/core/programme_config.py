"""The programme's shipped shape (data/programme.json), its settings and the dose rule.

Pure: parsed from plain data passed in; the store reads the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

STAGES = ("activate", "integrate", "strengthen", "return")
SIDE_MODES = ("weak", "each", "both")


class ProgrammeError(ValueError):
    """The shipped programme file or a programme setting is not valid (one line)."""


# ---- the shipped programme -----------------------------------------------------------
@dataclass(frozen=True)
class Work:
    routine: str
    sides: str
    per_day: int
    dose: Mapping[str, float]
    strong_dose: Mapping[str, float] | None = None


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    work: tuple[Work, ...]


@dataclass(frozen=True)
class Programme:
    stages: tuple[Stage, ...]
    tight_work: tuple[Work, ...]
    step_fraction: float = 0.2
    max_steps_down: int = 3
    scaled: frozenset[str] = frozenset({"reps", "rounds", "sets", "hold_s", "minutes"})
    floors: Mapping[str, int] = field(default_factory=dict)  # the lowest a scaled number goes

    def stage(self, stage_id: str) -> Stage:
        return self.stages[STAGES.index(stage_id)]


def _dose(raw: Any, where: str) -> dict[str, float]:
    if not isinstance(raw, Mapping) or not raw:
        raise ProgrammeError(f"{where}: must be an object of numbers")
    for key, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ProgrammeError(f"{where}.{key}: must be a number above 0")
    return dict(raw)


def _work(raw: Any, where: str) -> Work:
    if not isinstance(raw, Mapping):
        raise ProgrammeError(f"{where}: must be an object")
    routine, sides, per_day = raw.get("routine"), raw.get("sides"), raw.get("per_day")
    if not isinstance(routine, str) or not routine:
        raise ProgrammeError(f"{where}.routine: must be a routine id")
    if sides not in SIDE_MODES:
        raise ProgrammeError(f"{where}.sides: must be one of {', '.join(SIDE_MODES)}")
    if isinstance(per_day, bool) or not isinstance(per_day, int) or not 1 <= per_day <= 10:
        raise ProgrammeError(f"{where}.per_day: must be a whole number from 1 to 10")
    strong = raw.get("strong_dose")
    return Work(
        routine,
        str(sides),
        per_day,
        _dose(raw.get("dose"), f"{where}.dose"),
        None if strong is None else _dose(strong, f"{where}.strong_dose"),
    )


def parse_programme(raw: Any, where: str = "data/programme.json") -> Programme:
    if not isinstance(raw, Mapping) or raw.get("version") != 1:
        raise ProgrammeError(f"{where}: must be an object with version 1")
    stages = raw.get("stages")
    if not isinstance(stages, list) or [s.get("id") for s in stages if isinstance(s, Mapping)] != [
        *STAGES
    ]:
        raise ProgrammeError(f"{where}.stages: must list {', '.join(STAGES)} in that order")
    parsed = []
    for i, s in enumerate(stages):
        work = s.get("work")
        if not isinstance(work, list) or not work:
            raise ProgrammeError(f"{where}.stages[{i}].work: must be a non-empty list")
        items = tuple(_work(w, f"{where}.stages[{i}].work[{j}]") for j, w in enumerate(work))
        parsed.append(Stage(s["id"], str(s.get("name", s["id"].title())), items))
    tight = raw.get("tight_work", [])
    if not isinstance(tight, list):
        raise ProgrammeError(f"{where}.tight_work: must be a list")
    load = raw.get("load", {})
    if not isinstance(load, Mapping):
        raise ProgrammeError(f"{where}.load: must be an object")
    fraction, steps = load.get("step_fraction", 0.2), load.get("max_steps_down", 3)
    if isinstance(fraction, bool) or not isinstance(fraction, (int, float)) or not 0 < fraction < 1:
        raise ProgrammeError(f"{where}.load.step_fraction: must be between 0 and 1")
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= 5:
        raise ProgrammeError(f"{where}.load.max_steps_down: must be a whole number from 1 to 5")
    scaled = load.get("scaled", ["reps", "rounds", "sets", "hold_s", "minutes"])
    if not isinstance(scaled, list) or not all(isinstance(k, str) for k in scaled):
        raise ProgrammeError(f"{where}.load.scaled: must list dose keys")
    floors = load.get("floors", {})
    if not isinstance(floors, Mapping) or any(
        isinstance(v, bool) or not isinstance(v, int) or v < 1 for v in floors.values()
    ):
        raise ProgrammeError(f"{where}.load.floors: must map dose keys to whole numbers >= 1")
    return Programme(
        tuple(parsed),
        tuple(_work(w, f"{where}.tight_work[{j}]") for j, w in enumerate(tight)),
        float(fraction),
        steps,
        frozenset(scaled),
        dict(floors),
    )


# ---- settings (the numbers DOMAIN marks as app defaults) -----------------------------
@dataclass(frozen=True)
class Bound:
    default: int
    low: int
    high: int
    what: str


#: Every programme setting, its default and its bounds: the one table the settings screen,
#: import and this module validate against.
SETTINGS: dict[str, Bound] = {
    "programme_days_in_stage": Bound(14, 7, 90, "days in a stage before its gate can open"),
    "programme_glutes_stopped_pct": Bound(
        33, 10, 60, "the share of sets (in %) on which the glutes may stop"
    ),
    "programme_load_step": Bound(1, 1, 3, "load steps lowered by one bad morning"),
    "programme_back_stages": Bound(1, 1, 3, "stages gone back after two bad mornings"),
    "programme_reassess_weeks": Bound(4, 1, 12, "weeks between re-assessments in Return"),
}


#: The user's own numbers for a routine's dose: routine -> dose key -> the setting that
#: holds it (what a physio sets on the settings screen). The due list starts from these,
#: as the routines do, and lowers a bad morning's step from there.
USER_DOSE: dict[str, dict[str, str]] = {
    "hold": {"reps": "hold_reps", "hold_s": "hold_s"},
    "circuit": {"reps": "circuit_reps", "rounds": "circuit_rounds", "cap_min": "circuit_cap_min"},
    "release": {"minutes": "release_min"},
    "contract_relax": {"reps": "relax_reps", "hold_s": "relax_contract_s"},
    "cook_hip_lift": {"reps": "cook_reps", "hold_s": "cook_hold_s"},
    "standing_glute": {"reps": "standing_reps"},
    "bridge": {"reps": "bridge_reps"},
    "single_leg": {"sets": "single_leg_sets"},
}


@dataclass(frozen=True)
class Settings:
    days_in_stage: int = 14
    glutes_stopped_pct: int = 33
    load_step: int = 1
    back_stages: int = 1
    reassess_weeks: int = 4
    #: routine -> dose key -> the user's own number (only those the user set)
    doses: Mapping[str, Mapping[str, float]] = field(default_factory=dict)


def setting_problem(key: str, value: Any) -> str | None:
    """Why `value` cannot be the setting `key`, or None when it can."""
    bound = SETTINGS.get(key)
    if bound is None:
        return f"{key} is not a programme setting"
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not bound.low <= value <= bound.high
    ):
        return f"{key} ({bound.what}) must be a whole number from {bound.low} to {bound.high}"
    return None


def read_settings(raw: Mapping[str, Any]) -> Settings:
    """The programme settings from the user's settings (other keys are ignored)."""
    values: dict[str, int] = {}
    for key, bound in SETTINGS.items():
        value = raw.get(key, bound.default)
        problem = setting_problem(key, value)
        if problem:
            raise ProgrammeError(f"setting {problem}")
        values[key.removeprefix("programme_")] = value
    return Settings(**values, doses=user_doses(raw))


def user_doses(raw: Mapping[str, Any]) -> dict[str, dict[str, float]]:
    """The dose numbers the user set (USER_DOSE); a value that is not a number above 0 is
    left out (the routine then runs its default, and so does the due list)."""
    out: dict[str, dict[str, float]] = {}
    for routine, keys in USER_DOSE.items():
        for dose_key, setting_key in keys.items():
            value = raw.get(setting_key)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
                out.setdefault(routine, {})[dose_key] = value
    return out


def own_dose(
    base: Mapping[str, float], mine: Mapping[str, float] | None, strong: bool = False
) -> dict[str, float]:
    """`base` (the stage's default) with the user's own numbers for the keys it has. The
    strong side keeps its own reps (half the weak side's volume) and takes the rest."""
    out = dict(base)
    for key, value in (mine or {}).items():
        if key in out and not (strong and key == "reps"):
            out[key] = value
    return out


def dose(base: Mapping[str, float], step: int, programme: Programme) -> dict[str, float]:
    """The dose at load `step` (<= 0): each scaled number a fraction lower per step, and
    at least one unit lower per step, never below its floor (1 unless the programme says).
    Other numbers (rest, squeeze, the circuit's cap) are kept. Never above the default."""
    down = min(-min(step, 0), programme.max_steps_down)
    out: dict[str, float] = {}
    for key, value in base.items():
        floor = programme.floors.get(key, 1)
        if down and key in programme.scaled and value > floor:
            cut = int(value * (1 - programme.step_fraction * down) + 0.5)
            value = max(floor, min(cut, value - down))
        out[key] = value
    return out
