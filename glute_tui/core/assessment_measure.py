"""Per-side test results: the LSI, fault points and when a side fails one test.

Pure. `core.assessment.score` weighs these results into a verdict; the rule is described
there and in the README.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from glute_tui.core.assessment_spec import TestSpec

SIDES = ("left", "right")
LSI_FLAG = 85.0  # below this a side fails a timed test
LSI_PASS = 89.5  # 90% or more, to the whole percent, is a pass (95 s vs 106 s is 89.6%)
LSI_FAR = 70.0  # one test this far off while the rest look balanced asks for a retest
HOLD_GAP_S = 10.0  # a hold more than this much shorter fails, while the LSI is under 90%
TIGHT_SIGNS = 2  # this many tight signs make a tight verdict; one is not enough
SQUAT_GAP = 1  # squat faults this many more fails
STEP_DOWN_GAP = 2  # step-down points this many worse fails
BRIDGE_FLOOR_S = 20.0  # both below: both low
STEP_DOWN_POOR = 4  # both at or above: both poor
SQUAT_POOR = 3  # both at or above (of 4 faults): both poor (our reading of "poor")
MIN_TESTS = 2  # fewer tests done than this: too little evidence


@dataclass(frozen=True)
class TestResult:
    id: str
    name: str
    kind: str
    left: float | int | bool | None
    right: float | int | bool | None
    lsi: float | None = None  # timed tests only
    fails: tuple[str, ...] = ()
    capped: tuple[str, ...] = ()
    floor: bool = False  # both sides under this test's absolute floor
    line: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"left": self.left, "right": self.right, "lsi": self.lsi}
        if self.fails:
            out["fails"] = list(self.fails)
        if self.capped:
            out["capped"] = list(self.capped)
        return out


def lsi(a: float, b: float) -> float | None:
    """Limb symmetry index: weaker / stronger x 100, one decimal; None when both are 0."""
    hi = max(a, b)
    if hi <= 0:
        return None
    return round(min(a, b) / hi * 100, 1)


def other(side: str) -> str:
    return "right" if side == "left" else "left"


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if math.isnan(value) or value < 0:
        return None
    return float(value)


def fault_points(spec: TestSpec, ticked: Any) -> int | None:
    """A side's fault score from its ticked fault ids; None when not measured.

    Step-down: 'knee inside the foot' scores 2 and includes 'inside the 2nd toe'.
    """
    if not isinstance(ticked, (list, tuple)):
        return None
    ids = set(ticked)
    if "knee_foot" in ids:
        ids.discard("knee_toe")
    return sum(f.points for f in spec.faults if f.id in ids)


def _fmt_s(v: float) -> str:
    return f"{v:g} s"


def _timed(spec: TestSpec, left: float, right: float) -> TestResult:
    value = lsi(left, right)
    fails: tuple[str, ...] = ()
    if left != right:
        weak, lo, hi = ("left", left, right) if left < right else ("right", right, left)
        if value is not None and (value < LSI_FLAG or (hi - lo > HOLD_GAP_S and value < LSI_PASS)):
            fails = (weak,)
    capped = tuple(s for s, v in (("left", left), ("right", right)) if v >= spec.cap_s)
    floor = spec.id == "bridge_hold" and left < BRIDGE_FLOOR_S and right < BRIDGE_FLOOR_S
    if fails:
        weak = fails[0]
        strong = "right" if weak == "left" else "left"
        w, s = (left, right) if weak == "left" else (right, left)
        line = f"{weak} {spec.name} {_fmt_s(w)} vs {_fmt_s(s)}, LSI {value:g}%"
        if strong in capped:
            line += (
                f" (the {strong} side reached the {spec.cap_s:g} s cap: the gap is at least this)"
            )
    elif value is None:
        line = f"{spec.name}: 0 s on both sides, so no LSI"
    else:
        line = f"{spec.name} {_fmt_s(left)} left, {_fmt_s(right)} right, LSI {value:g}%"
        if len(capped) == 2:
            line += " (both reached the cap)"
    if floor:
        line += f"; both under {BRIDGE_FLOOR_S:g} s, which is low"
    return TestResult(spec.id, spec.name, "timed", left, right, value, fails, capped, floor, line)


def _faults(spec: TestSpec, left: int, right: int) -> TestResult:
    gap = STEP_DOWN_GAP if spec.id == "step_down" else SQUAT_GAP
    poor = STEP_DOWN_POOR if spec.id == "step_down" else SQUAT_POOR
    fails: tuple[str, ...] = ()
    if abs(left - right) >= gap:
        fails = ("left",) if left > right else ("right",)
    floor = left >= poor and right >= poor
    unit = "point" if spec.id == "step_down" else "fault"
    if fails:
        weak = fails[0]
        w, s = (left, right) if weak == "left" else (right, left)
        line = f"{weak} {spec.name} {w} {unit}{'' if w == 1 else 's'} vs {s}"
    else:
        line = f"{spec.name} {left} {unit}{'' if left == 1 else 's'} left, {right} right"
    if spec.id == "step_down":
        line += f" ({grade_step_down(left)} / {grade_step_down(right)})"
    if floor:
        line += "; both sides poor"
    return TestResult(spec.id, spec.name, "faults", left, right, None, fails, (), floor, line)


def grade_step_down(points: int) -> str:
    return "good" if points <= 1 else "moderate" if points <= 3 else "poor"


def _trendelenburg(spec: TestSpec, left: bool, right: bool) -> TestResult:
    fails = tuple(s for s, v in (("left", left), ("right", right)) if v)
    if fails:
        line = (
            " and ".join(f"pelvis dropped standing on the {s} leg" for s in fails)
            + " (Trendelenburg)"
        )
    else:
        line = "Trendelenburg: pelvis stayed level on both legs"
    return TestResult(spec.id, spec.name, "yesno", left, right, None, fails, (), False, line)


def _measure(spec: TestSpec, raw: Any) -> TestResult | None:
    """A test's result when both sides were done, else None (skipped or half done)."""
    if not isinstance(raw, Mapping) or raw.get("skipped"):
        return None
    lv, rv = raw.get("left"), raw.get("right")
    if spec.kind == "timed":
        left, right = _num(lv), _num(rv)
        if left is None or right is None:
            return None
        return _timed(spec, min(left, spec.cap_s), min(right, spec.cap_s))
    if spec.kind == "faults":
        lp, rp = fault_points(spec, lv), fault_points(spec, rv)
        if lp is None or rp is None:
            return None
        return _faults(spec, lp, rp)
    if not isinstance(lv, bool) or not isinstance(rv, bool):
        return None
    return _trendelenburg(spec, lv, rv)
