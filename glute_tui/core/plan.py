"""The training plan: which side(s) each routine trains, weaker side first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from glute_tui.core import safety

SIDES = ("left", "right")
VERDICTS = ("left", "right", "both", "balanced", "red_flag")
# What a saved assessment record may say: the training verdicts, a red-flag-only screen and
# a clearance (core.safety).
RECORD_VERDICTS = (*VERDICTS, *safety.SCREENING_VERDICTS)


def other_side(side: str) -> str:
    return "right" if side == "left" else "left"


@dataclass(frozen=True)
class Plan:
    """What the timers train. `source` says where it came from: 'default' or 'assessment'."""

    hold_sides: tuple[str, ...] = ("left", "right")
    circuit_sides: tuple[str, ...] = ("left", "right")
    verdict: str | None = None
    source: str = "default"
    assessment_id: str | None = None
    created_at: str | None = None
    extras: tuple[str, ...] = ()  # extra exercise ids (e.g. contract_relax for tight glutes)
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def needs_assessment(self) -> bool:
        return self.source == "default"

    def sides_label(self) -> str:
        if len(self.hold_sides) == 1:
            return f"{self.hold_sides[0]} side only"
        return f"both sides, {self.hold_sides[0]} first"

    def to_dict(self) -> dict[str, Any]:
        return {
            "hold_sides": list(self.hold_sides),
            "circuit_sides": list(self.circuit_sides),
            "verdict": self.verdict,
            "source": self.source,
            "assessment_id": self.assessment_id,
            "created_at": self.created_at,
            "extras": list(self.extras),
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Plan:
        def sides(key: str) -> tuple[str, ...]:
            value = raw.get(key)
            if (
                not isinstance(value, list)
                or not 1 <= len(value) <= 2
                or any(v not in SIDES for v in value)
                or len(set(value)) != len(value)
            ):
                raise ValueError(f"plan.{key} must list 'left' and/or 'right'")
            return tuple(value)

        verdict = raw.get("verdict")
        if verdict is not None and verdict not in VERDICTS:
            raise ValueError("plan.verdict is not a known verdict")
        return cls(
            hold_sides=sides("hold_sides"),
            circuit_sides=sides("circuit_sides"),
            verdict=verdict,
            source=str(raw.get("source", "default")),
            assessment_id=raw.get("assessment_id"),
            created_at=raw.get("created_at"),
            extras=tuple(str(x) for x in raw.get("extras", [])),
            notes=tuple(str(x) for x in raw.get("notes", [])),
        )


def plan_for_verdict(
    verdict: str,
    weaker: str | None = None,
    *,
    assessment_id: str | None = None,
    created_at: str | None = None,
    tight: bool = False,
    reassess_on: str | None = None,
) -> Plan | None:
    """The plan a verdict implies; None for a red flag (no training plan is made).

    `weaker` orders the sides when both are trained (the weaker, else the non-dominant, first).
    `reassess_on` (YYYY-MM-DD) adds a reminder to take the assessment again on that day.
    """
    if verdict == "red_flag":
        return None
    if verdict in SIDES:
        sides: tuple[str, ...] = (verdict,)
    else:
        first = weaker if weaker in SIDES else "left"
        sides = (first, other_side(first))
    extras = ("contract_relax", "foam_roll") if tight else ()
    notes: list[str] = []
    if len(sides) == 1:
        notes.append(
            f"For now only the {sides[0]} side is trained: activation work goes to the weak "
            "side alone. Later, in the strength stage, single-leg work trains both sides "
            f"and the {sides[0]} side gets twice the volume (e.g. 10 reps {sides[0]}, "
            f"5 reps {other_side(sides[0])})."
        )
    elif verdict == "both" or weaker in SIDES:
        notes.append(f"Single-leg strength work: start each exercise on the {sides[0]} side.")
    if tight:
        notes.append(
            "Tight-glute signs: add the contract/relax drill (squeeze 5-10 s, let go, "
            "2-3 times, a few times a day) and 5-10 minutes of release work."
        )
    if reassess_on:
        notes.append(f"Take the self-assessment again on or after {reassess_on}.")
    return Plan(
        hold_sides=sides,
        circuit_sides=sides,
        verdict=verdict,
        source="assessment",
        assessment_id=assessment_id,
        created_at=created_at,
        extras=extras,
        notes=tuple(notes),
    )


RED_FLAG_STOP = safety.RED_FLAG_STOP


def red_flag_stop(assessments: Sequence[Mapping[str, Any]]) -> str | None:
    """Why training must not start (a red flag in force), or None.

    Red flags override everything: no plan is made, and an older plan must not be used
    either. A newer screening or assessment that is not a red flag, or a clearance dated
    after the flag, lifts the stop (see `core.safety.active_red_flag`).
    """
    return safety.red_flag_stop(assessments)
