"""A session as an ordered list of phases. Building a timeline is pure and deterministic."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from glute_tui.core.library import Exercise, Library
from glute_tui.core.plan import Plan
from glute_tui.core.protocol import CircuitProtocol, HoldProtocol

PHASE_KINDS = ("prepare", "hold", "rest", "work", "switch", "transition", "round_rest")


@dataclass(frozen=True)
class PhaseSpec:
    """One planned phase. `planned_s` may change at run time within [min_s, max_s]."""

    kind: str
    exercise: str | None
    side: str | None
    set: int  # 1-based rep / set / round index within the exercise (0 for non-counting phases)
    planned_s: float
    min_s: float | None = None
    max_s: float | None = None
    reps: int | None = None  # rep target for paced work phases
    tempo: tuple[float, float, float] | None = None
    group: int = 0  # position / round index, 1-based, 0 when not in a group
    groups: int = 0
    set_count: int = 0
    #: user-paced: the phase never ends by itself; the user says when it is done (Enter)
    #: and how many reps were done. `planned_s` is then only the expected length.
    paced: bool = False

    def __post_init__(self) -> None:
        if self.kind not in PHASE_KINDS:
            raise ValueError(f"unknown phase kind {self.kind!r}")
        if self.planned_s < 0:
            raise ValueError("planned_s must be >= 0")

    @property
    def adjustable(self) -> bool:
        return self.min_s is not None and self.max_s is not None

    def clamp(self, seconds: float) -> float:
        lo = self.min_s if self.min_s is not None else 0.0
        hi = self.max_s if self.max_s is not None else seconds
        return max(lo, min(hi, seconds))

    def with_planned(self, seconds: float) -> PhaseSpec:
        return replace(self, planned_s=self.clamp(seconds))

    def to_dict(self) -> dict[str, Any]:
        """Everything needed to rebuild the phase (the journal keeps the timeline)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> PhaseSpec:
        """The inverse of `to_dict`; raises ValueError on anything malformed."""
        if not isinstance(raw, Mapping):
            raise ValueError("a phase must be an object")
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in raw.items() if k in known}
        tempo = data.get("tempo")
        if tempo is not None:
            if not isinstance(tempo, (list, tuple)) or len(tempo) != 3:
                raise ValueError("tempo must be three numbers")
            data["tempo"] = tuple(float(t) for t in tempo)
        try:
            return cls(**data)
        except TypeError as exc:
            raise ValueError(str(exc)) from None


@dataclass(frozen=True)
class Timeline:
    routine: str
    phases: tuple[PhaseSpec, ...]

    @property
    def planned_total_s(self) -> float:
        return sum(p.planned_s for p in self.phases)

    def __len__(self) -> int:
        return len(self.phases)

    def to_dict(self) -> dict[str, Any]:
        return {"routine": self.routine, "phases": [p.to_dict() for p in self.phases]}

    @classmethod
    def from_dict(cls, raw: Any) -> Timeline:
        if not isinstance(raw, Mapping) or not isinstance(raw.get("phases"), list):
            raise ValueError("a timeline needs a list of phases")
        return cls(
            str(raw.get("routine", "")), tuple(PhaseSpec.from_dict(p) for p in raw["phases"])
        )


@dataclass(frozen=True)
class HoldSettings:
    reps: int
    hold_s: float
    rest_s: float

    @classmethod
    def defaults(cls, protocol: HoldProtocol) -> HoldSettings:
        return cls(int(protocol.reps.default), protocol.hold_s.default, protocol.rest_s.default)

    def clamped(self, protocol: HoldProtocol) -> HoldSettings:
        return HoldSettings(
            int(protocol.reps.clamp(self.reps)),
            protocol.hold_s.clamp(self.hold_s),
            protocol.rest_s.clamp(self.rest_s),
        )


def build_hold_timeline(
    plan: Plan, library: Library, protocol: HoldProtocol, settings: HoldSettings
) -> Timeline:
    """Standing, seated, prone; each side in the plan's order; holds separated by rests.

    A prepare phase opens the session, a transition separates positions, and a switch
    separates the sides within a position. No rest follows the last hold of a side.
    """
    s = settings.clamped(protocol)
    sides = plan.hold_sides
    positions = [p for p in protocol.positions if p in library]
    phases: list[PhaseSpec] = []
    first = positions[0] if positions else None
    phases.append(PhaseSpec("prepare", first, sides[0], 0, protocol.prepare_s))
    for pos_index, exercise_id in enumerate(positions, start=1):
        if pos_index > 1:
            phases.append(
                PhaseSpec(
                    "transition",
                    exercise_id,
                    sides[0],
                    0,
                    protocol.transition_s,
                    group=pos_index,
                    groups=len(positions),
                )
            )
        for side_index, side in enumerate(sides):
            if side_index > 0:
                phases.append(
                    PhaseSpec(
                        "switch",
                        exercise_id,
                        side,
                        0,
                        protocol.switch_s,
                        group=pos_index,
                        groups=len(positions),
                    )
                )
            for rep in range(1, s.reps + 1):
                phases.append(
                    PhaseSpec(
                        "hold",
                        exercise_id,
                        side,
                        rep,
                        s.hold_s,
                        group=pos_index,
                        groups=len(positions),
                        set_count=s.reps,
                    )
                )
                if rep < s.reps:
                    phases.append(
                        PhaseSpec(
                            "rest",
                            exercise_id,
                            side,
                            rep,
                            s.rest_s,
                            min_s=protocol.rest_s.min,
                            max_s=protocol.rest_s.max,
                            group=pos_index,
                            groups=len(positions),
                            set_count=s.reps,
                        )
                    )
    return Timeline("hold", tuple(phases))


def build_circuit_timeline(
    plan: Plan,
    library: Library,
    protocol: CircuitProtocol,
    rounds: int,
    rest_s: float | None = None,
    reps: int | None = None,
    tempo_scale: float = 1.0,
) -> Timeline:
    """Bird-dog warm-up on both sides, then `rounds` rounds of the drills on the plan's
    side(s), weaker first, with a rest window [min, max] between rounds.

    `reps` overrides the library's rep target for the circuit drills (not the warm-up):
    the library's 10 reps of every drill on both sides do not fit a 10-minute day.
    `tempo_scale` stretches or shortens the library's tempo of the drills (1.0 = as shipped)."""
    sides = plan.circuit_sides
    phases: list[PhaseSpec] = []
    warm = library.get(protocol.warmup)
    if warm is not None:
        phases.append(PhaseSpec("prepare", warm.id, "left", 0, protocol.prepare_s))
        for i, side in enumerate(("left", "right")):
            if i:
                phases.append(PhaseSpec("switch", warm.id, side, 0, protocol.switch_s))
            phases.append(_work(warm, side, 1, 0, rounds, None))
    drills = [library[d] for d in protocol.drills if d in library]
    rest = rest_s if rest_s is not None else (protocol.rest_min_s + protocol.rest_max_s) / 2
    rest = max(protocol.rest_min_s, min(protocol.rest_max_s, rest))
    for rnd in range(1, rounds + 1):
        for drill in drills:
            phases.append(
                PhaseSpec(
                    "transition",
                    drill.id,
                    sides[0],
                    rnd,
                    protocol.transition_s,
                    group=rnd,
                    groups=rounds,
                )
            )
            for i, side in enumerate(sides if drill.per_side else ("both",)):
                if i:
                    phases.append(
                        PhaseSpec(
                            "switch",
                            drill.id,
                            side,
                            rnd,
                            protocol.switch_s,
                            group=rnd,
                            groups=rounds,
                        )
                    )
                phases.append(_work(drill, side, rnd, rnd, rounds, reps, tempo_scale))
        if rnd < rounds:
            phases.append(
                PhaseSpec(
                    "round_rest",
                    None,
                    None,
                    rnd,
                    rest,
                    min_s=protocol.rest_min_s,
                    max_s=protocol.rest_max_s,
                    group=rnd,
                    groups=rounds,
                )
            )
    return Timeline("circuit", tuple(phases))


def _work(
    exercise: Exercise,
    side: str,
    set_index: int,
    group: int,
    groups: int,
    reps: int | None,
    tempo_scale: float = 1.0,
) -> PhaseSpec:
    base = exercise.dose.tempo or (2.0, 1.0, 2.0)
    tempo = (base[0] * tempo_scale, base[1] * tempo_scale, base[2] * tempo_scale)
    reps = reps or exercise.dose.reps or 10
    return PhaseSpec(
        "work",
        exercise.id,
        side,
        set_index,
        reps * sum(tempo),
        reps=reps,
        tempo=tempo,
        group=group,
        groups=groups,
    )
