"""Protocol numbers (data/protocols.json) as typed, validated settings with safe bounds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from glute_tui.core.library import LibraryError


@dataclass(frozen=True)
class Bounds:
    default: float
    min: float
    max: float

    def clamp(self, value: float) -> float:
        return max(self.min, min(self.max, value))


@dataclass(frozen=True)
class HoldProtocol:
    positions: tuple[str, ...]
    reps: Bounds
    hold_s: Bounds
    rest_s: Bounds
    prepare_s: float
    switch_s: float
    transition_s: float
    sessions_target: int
    sessions_max: int


@dataclass(frozen=True)
class CircuitProtocol:
    warmup: str
    drills: tuple[str, ...]
    rest_min_s: float
    rest_max_s: float
    rest_step_s: float
    daily_cap_min: Bounds
    weekly_target: Bounds
    prepare_s: float
    switch_s: float
    transition_s: float


@dataclass(frozen=True)
class Protocols:
    hold: HoldProtocol
    circuit: CircuitProtocol
    reassess_days: int
    #: every other top-level section (e.g. "contract_relax"), for the routine that owns it
    #: to read with `bounds_of` / `number_of`; a new routine needs no change here
    extra: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def section(self, name: str) -> Mapping[str, Any]:
        value = self.extra.get(name)
        if value is None:
            raise LibraryError("protocols.json", name, "is missing")
        return value


def bounds_of(section: Mapping[str, Any], key: str, where: str) -> Bounds:
    """A {default, min, max} entry of a routine's section, validated."""
    raw = section.get(key)
    if not isinstance(raw, Mapping):
        raise LibraryError("protocols.json", f"{where}.{key}", "must be an object")
    nums = [raw.get(k) for k in ("default", "min", "max")]
    if not all(isinstance(n, (int, float)) and not isinstance(n, bool) and n >= 0 for n in nums):
        raise LibraryError("protocols.json", f"{where}.{key}", "needs numbers default, min, max")
    out = Bounds(*(float(n) for n in nums))  # type: ignore[arg-type]
    if not out.min <= out.default <= out.max:
        raise LibraryError("protocols.json", f"{where}.{key}", "needs min <= default <= max")
    return out


def number_of(section: Mapping[str, Any], key: str, where: str) -> float:
    value = section.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise LibraryError("protocols.json", f"{where}.{key}", "must be a number >= 0")
    return float(value)


def parse_protocols(raw: Any, source: str = "protocols.json") -> Protocols:
    def section(obj: Any, key: str) -> Mapping[str, Any]:
        value = obj.get(key) if isinstance(obj, Mapping) else None
        if not isinstance(value, Mapping):
            raise LibraryError(source, key, "must be an object")
        return value

    def num(obj: Mapping[str, Any], key: str, where: str) -> float:
        value = obj.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise LibraryError(source, f"{where}.{key}", "must be a number >= 0")
        return float(value)

    def bounds(obj: Mapping[str, Any], key: str, where: str) -> Bounds:
        b = section(obj, key)
        out = Bounds(
            num(b, "default", f"{where}.{key}"),
            num(b, "min", f"{where}.{key}"),
            num(b, "max", f"{where}.{key}"),
        )
        if not out.min <= out.default <= out.max:
            raise LibraryError(source, f"{where}.{key}", "needs min <= default <= max")
        return out

    def ids(obj: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = obj.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise LibraryError(source, f"{where}.{key}", "must be a non-empty list of ids")
        return tuple(value)

    h = section(raw, "hold")
    spd = section(h, "sessions_per_day")
    c = section(raw, "circuit")
    rest = section(c, "rest_s")
    a = section(raw, "assessment")
    circuit = CircuitProtocol(
        warmup=str(c.get("warmup", "")),
        drills=ids(c, "drills", "circuit"),
        rest_min_s=num(rest, "min", "circuit.rest_s"),
        rest_max_s=num(rest, "max", "circuit.rest_s"),
        rest_step_s=num(rest, "step", "circuit.rest_s"),
        daily_cap_min=bounds(c, "daily_cap_min", "circuit"),
        weekly_target=bounds(c, "weekly_target", "circuit"),
        prepare_s=num(c, "prepare_s", "circuit"),
        switch_s=num(c, "switch_s", "circuit"),
        transition_s=num(c, "transition_s", "circuit"),
    )
    if circuit.rest_min_s > circuit.rest_max_s:
        raise LibraryError(source, "circuit.rest_s", "needs min <= max")
    return Protocols(
        hold=HoldProtocol(
            positions=ids(h, "positions", "hold"),
            reps=bounds(h, "reps", "hold"),
            hold_s=bounds(h, "hold_s", "hold"),
            rest_s=bounds(h, "rest_s", "hold"),
            prepare_s=num(h, "prepare_s", "hold"),
            switch_s=num(h, "switch_s", "hold"),
            transition_s=num(h, "transition_s", "hold"),
            sessions_target=int(num(spd, "target", "hold.sessions_per_day")),
            sessions_max=int(num(spd, "max", "hold.sessions_per_day")),
        ),
        circuit=circuit,
        reassess_days=int(num(a, "reassess_days", "assessment")),
        extra={
            k: v
            for k, v in raw.items()
            if k not in ("version", "hold", "circuit", "assessment") and isinstance(v, Mapping)
        },
    )
