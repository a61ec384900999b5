"""The exercise library: a typed model of data/exercises.json, validated field by field.

Parsing is pure: it takes already-decoded JSON and a name for the source (used in
messages). Reading the file is the caller's business (see glute_tui/store/shipped.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

ROUTINES = ("hold", "relax", "warmup", "circuit", "bridge", "activation", "strength", "release")
TIERS = ("low", "moderate", "high", "very high")
DEFAULT_PACER = ("LIFT", "HOLD", "LOWER")


class LibraryError(ValueError):
    """A malformed library file. The message names the file and the field."""

    def __init__(self, source: str, where: str, problem: str) -> None:
        super().__init__(f"{source}: {where}: {problem}")
        self.source = source
        self.where = where
        self.problem = problem


@dataclass(frozen=True)
class Dose:
    sets: int = 1
    reps: int | None = None
    hold_s: float | None = None
    rest_s: float | None = None
    minutes: float | None = None
    tempo: tuple[float, float, float] | None = None

    def describe(self) -> str:
        parts: list[str] = []
        if self.reps is not None:
            parts.append(f"{self.sets} x {self.reps}" if self.sets > 1 else f"{self.reps} reps")
        if self.hold_s is not None:
            parts.append(f"hold {_num(self.hold_s)} s")
        if self.rest_s is not None:
            parts.append(f"rest {_num(self.rest_s)} s")
        if self.minutes is not None:
            parts.append(f"{_num(self.minutes)} min")
        if self.tempo is not None:
            parts.append("tempo " + "-".join(_num(t) for t in self.tempo))
        return ", ".join(parts) or "as tolerated"


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    routine: str
    per_side: bool
    dose: Dose
    cues: tuple[str, ...]
    tier: str | None = None
    emg: Mapping[str, str] | None = None
    position: str | None = None
    pacer: tuple[str, str, str] = DEFAULT_PACER
    note: str | None = None

    @property
    def tier_label(self) -> str:
        return self.tier if self.tier else "not rated"


@dataclass(frozen=True)
class Library:
    exercises: tuple[Exercise, ...]
    _by_id: dict[str, Exercise] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({e.id: e for e in self.exercises})

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self._by_id[exercise_id]

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    def get(self, exercise_id: str, default: Exercise | None = None) -> Exercise | None:
        return self._by_id.get(exercise_id, default)

    def by_routine(self, routine: str) -> list[Exercise]:
        return [e for e in self.exercises if e.routine == routine]


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def parse_library(raw: Any, source: str = "exercises.json") -> Library:
    """Validate decoded JSON and build a Library, or raise LibraryError naming the field."""
    if not isinstance(raw, Mapping):
        raise LibraryError(source, "top level", "must be an object with an 'exercises' list")
    items = raw.get("exercises")
    if not isinstance(items, Sequence) or isinstance(items, str) or not items:
        raise LibraryError(source, "exercises", "must be a non-empty list")
    seen: set[str] = set()
    out: list[Exercise] = []
    for index, item in enumerate(items):
        where = f"exercises[{index}]"
        if not isinstance(item, Mapping):
            raise LibraryError(source, where, "must be an object")
        ex_id = _req_str(item, "id", source, where)
        where = f"exercises[{index}] ({ex_id})"
        if ex_id in seen:
            raise LibraryError(source, f"{where}.id", "is used twice")
        seen.add(ex_id)
        routine = _req_str(item, "routine", source, where)
        if routine not in ROUTINES:
            raise LibraryError(source, f"{where}.routine", f"must be one of {', '.join(ROUTINES)}")
        per_side = item.get("per_side")
        if not isinstance(per_side, bool):
            raise LibraryError(source, f"{where}.per_side", "must be true or false")
        cues = item.get("cues")
        if (
            not isinstance(cues, list)
            or not 1 <= len(cues) <= 8
            or not all(isinstance(c, str) and c.strip() for c in cues)
        ):
            raise LibraryError(
                source, f"{where}.cues", "must be a list of 1 to 8 non-empty strings"
            )
        tier = item.get("tier")
        if tier is not None and tier not in TIERS:
            raise LibraryError(
                source, f"{where}.tier", f"must be null or one of {', '.join(TIERS)}"
            )
        emg = item.get("emg")
        if emg is not None and not (
            isinstance(emg, Mapping) and all(isinstance(v, str) for v in emg.values())
        ):
            raise LibraryError(source, f"{where}.emg", "must be null or an object of strings")
        pacer = item.get("pacer", list(DEFAULT_PACER))
        if not (
            isinstance(pacer, list) and len(pacer) == 3 and all(isinstance(p, str) for p in pacer)
        ):
            raise LibraryError(source, f"{where}.pacer", "must be a list of three words")
        position = item.get("position")
        if position is not None and not isinstance(position, str):
            raise LibraryError(source, f"{where}.position", "must be a string")
        note = item.get("note")
        if note is not None and not isinstance(note, str):
            raise LibraryError(source, f"{where}.note", "must be a string")
        out.append(
            Exercise(
                id=ex_id,
                name=_req_str(item, "name", source, where),
                routine=routine,
                per_side=per_side,
                dose=_parse_dose(item.get("dose"), source, f"{where}.dose"),
                cues=tuple(c.strip() for c in cues),
                tier=tier,
                emg=dict(emg) if emg is not None else None,
                position=position,
                pacer=(pacer[0], pacer[1], pacer[2]),
                note=note,
            )
        )
    return Library(tuple(out))


def _req_str(item: Mapping[str, Any], key: str, source: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise LibraryError(source, f"{where}.{key}", "must be a non-empty string")
    return value


def _parse_dose(raw: Any, source: str, where: str) -> Dose:
    if not isinstance(raw, Mapping):
        raise LibraryError(source, where, "must be an object")

    def number(key: str, *, whole: bool = False) -> Any:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise LibraryError(source, f"{where}.{key}", "must be a positive number or null")
        if whole and not float(value).is_integer():
            raise LibraryError(source, f"{where}.{key}", "must be a whole number")
        return int(value) if whole else float(value)

    tempo_raw = raw.get("tempo")
    tempo: tuple[float, float, float] | None = None
    if tempo_raw is not None:
        if not (
            isinstance(tempo_raw, list)
            and len(tempo_raw) == 3
            and all(
                isinstance(t, (int, float)) and not isinstance(t, bool) and t >= 0
                for t in tempo_raw
            )
            and sum(tempo_raw) > 0
        ):
            raise LibraryError(
                source, f"{where}.tempo", "must be three seconds [lift, hold, lower]"
            )
        tempo = (float(tempo_raw[0]), float(tempo_raw[1]), float(tempo_raw[2]))
    sets = number("sets", whole=True)
    return Dose(
        sets=sets if sets is not None else 1,
        reps=number("reps", whole=True),
        hold_s=number("hold_s"),
        rest_s=number("rest_s"),
        minutes=number("minutes"),
        tempo=tempo,
    )
