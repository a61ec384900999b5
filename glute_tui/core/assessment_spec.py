"""What the self-assessment asks: the questions, the per-side tests, the stopwatch and the
typed seconds. Pure data and small helpers; the scoring is in `core.assessment`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from glute_tui.core import safety
from glute_tui.core.runner_events import Event, PhaseRecord
from glute_tui.core.timeline import PhaseSpec, Timeline


# ---- what is asked -----------------------------------------------------------------------
@dataclass(frozen=True)
class Question:
    """A quick check. kind: 'one' (pick one option) or 'many' (tick any, none is fine)."""

    id: str
    title: str
    prompt: str
    options: tuple[tuple[str, str], ...]  # (value, label)
    kind: str = "one"

    def label(self, value: str) -> str:
        return next((label for v, label in self.options if v == value), value)


YES_NO = (("no", "No"), ("yes", "Yes"))

RED_FLAGS: tuple[Question, ...] = tuple(
    Question(f.id, "Safety check", f.prompt, YES_NO) for f in safety.RED_FLAGS
)
RED_FLAG_TEXT = safety.RED_FLAG_TEXT

_AREAS = (
    ("glutes", "Glutes"),
    ("quads", "Front of the thighs (quads)"),
    ("lower_back", "Lower back"),
    ("hamstrings", "Back of the thighs (hamstrings)"),
    ("unsure", "Not sure"),
)

QUICK_CHECKS: tuple[Question, ...] = (
    Question(
        "squat_feel",
        "Squat check",
        "Do five slow bodyweight squats. Where do you feel them most?",
        _AREAS,
    ),
    Question(
        "squat_notice",
        "Squat check",
        "During those squats, did you notice any of these? Tick all that fit.",
        (
            ("glutes_faded", "The glutes stopped working before the end"),
            ("shift", "My weight shifted onto one leg"),
            ("toes", "I came up onto my toes"),
            ("lean", "I leaned well forward"),
        ),
        kind="many",
    ),
    Question(
        "sit_to_stand",
        "Sit-to-stand",
        "Stand up from a chair without using your hands. Where do you feel it most?",
        _AREAS,
    ),
    Question(
        "bench_sit",
        "Sitting down",
        "Now sit down slowly onto the chair or a bench. How did it go?",
        (
            ("controlled", "Smooth and controlled all the way"),
            ("drop", "A wobble or pause, then a drop at the end"),
        ),
    ),
    Question(
        "less_stable",
        "Balance",
        "Balancing on one leg, is one leg less steady than the other?",
        (
            ("left", "The left leg is less steady"),
            ("right", "The right leg is less steady"),
            ("same", "No difference"),
            ("unsure", "Not sure"),
        ),
    ),
    Question(
        "weak_signs",
        "Signs of weak glutes",
        "Do any of these sound like you? Tick all that fit.",
        (
            ("knee_hip_pain", "Knee or hip pain"),
            ("sore_hamstrings", "Hamstrings that are often sore or tight"),
            ("gait", "A limp, or a sway to one side when walking"),
            ("low_back", "Lower-back pain"),
        ),
        kind="many",
    ),
    Question(
        "tight_signs",
        "Signs of tight, overworked glutes",
        "And any of these? Tick all that fit.",
        (
            ("tension", "The glutes feel tense most of the time"),
            ("slouch", "I slouch a lot"),
            ("soreness", "Soreness that never quite goes"),
            ("tucked", "A tucked-under pelvis, a 'flat' bottom"),
            ("performance", "My sport or training is getting worse"),
        ),
        kind="many",
    ),
    Question(
        "causes",
        "Likely causes",
        "Which of these fit your days? Tick all that apply.",
        (
            ("sitting", "Sitting most of the day"),
            ("one_sided", "A one-sided sport, job or chores"),
            ("injury", "A recent injury"),
        ),
        kind="many",
    ),
    Question(
        "dominant",
        "Dominant side",
        "Which leg would you kick a ball with?",
        (("left", "Left"), ("right", "Right"), ("unsure", "Not sure")),
    ),
)

QUESTIONS = {q.id: q for q in (*RED_FLAGS, *QUICK_CHECKS)}


@dataclass(frozen=True)
class Fault:
    id: str
    label: str
    points: int = 1


@dataclass(frozen=True)
class TestSpec:
    """A measured per-side test. kind: 'timed' (seconds), 'faults' (checklist) or 'yesno'."""

    id: str
    name: str
    kind: str
    how: str
    cap_s: float = 0.0
    faults: tuple[Fault, ...] = ()
    best_of: int = 1


TESTS: tuple[TestSpec, ...] = (
    TestSpec(
        "balance",
        "single-leg balance",
        "timed",
        "Stand on one leg, eyes open, hands on hips. Time it until the lifted foot touches "
        "down or you grab hold. Take your best of three tries; 45 s is the most that counts.",
        cap_s=45.0,
        best_of=3,
    ),
    TestSpec(
        "bridge_hold",
        "single-leg bridge hold",
        "timed",
        "Lie on your back, one knee bent, the other leg straight in line with the thigh, "
        "arms crossed on the chest. Lift the hips and keep the pelvis level. Stop when the "
        "hips drop or tilt.",
        cap_s=120.0,
    ),
    TestSpec(
        "side_plank",
        "side plank",
        "timed",
        "Side plank on the forearm, body in one straight line. Stop when the hips sag or "
        "you have to come down. The named side is the one nearest the floor.",
        cap_s=120.0,
    ),
    TestSpec(
        "squat",
        "single-leg squat",
        "faults",
        "Five slow single-leg squats on each leg, as deep as is comfortable. Tick what you "
        "saw (a mirror or a phone video helps).",
        faults=(
            Fault("knee_in", "Knee went inside the foot"),
            Fault("wobble", "Knee wobbled"),
            Fault("pelvis", "Pelvis shifted or rotated"),
            Fault("trunk", "Trunk leaned or balance lost"),
        ),
    ),
    TestSpec(
        "step_down",
        "lateral step-down",
        "faults",
        "Stand side-on on a 20 cm step, hands on hips. Lower the other heel to the floor "
        "and back, five times on each leg. Tick what happened.",
        faults=(
            Fault("hands", "Hands left the hips"),
            Fault("trunk", "Trunk leaned"),
            Fault("pelvis", "Pelvis not level"),
            Fault("knee_toe", "Knee inside the 2nd toe"),
            Fault("knee_foot", "Knee inside the foot", points=2),
            Fault("unsteady", "Unsteady"),
        ),
    ),
    TestSpec(
        "trendelenburg",
        "Trendelenburg",
        "yesno",
        "Stand on one leg for 30 s in front of a mirror. Did the pelvis drop on the side of "
        "the lifted leg?",
    ),
)

TEST_SPECS = {t.id: t for t in TESTS}


# ---- the stopwatch on the runner -------------------------------------------------------
LEAD_IN_S = 3.0  # a 3-2-1 count to get set on one leg; it is not test time


def stopwatch_timeline(
    test_id: str, side: str, cap_s: float, lead_in_s: float = LEAD_IN_S
) -> Timeline:
    """A 3-2-1 lead-in, then one hold phase capped at the test's limit; the user skips the
    hold when the position goes."""
    lead = (PhaseSpec("prepare", test_id, side, 0, lead_in_s),) if lead_in_s > 0 else ()
    return Timeline("assessment", (*lead, PhaseSpec("hold", test_id, side, 0, cap_s)))


def hold_record(events: Sequence[Event]) -> PhaseRecord | None:
    """The finished hold phase's record among runner events, or None (the lead-in ending
    is not a result)."""
    return next(
        (e.record for e in events if e.record is not None and e.record.spec.kind == "hold"),
        None,
    )


def measured_seconds(active_s: float, ended_by: str, cap_s: float) -> float:
    """Seconds to record from a stopwatch phase: the cap if it ran out, else the time held."""
    if ended_by == "planned":
        return cap_s
    return min(cap_s, math.floor(max(0.0, active_s) * 10 + 1e-6) / 10)


# ---- input validation --------------------------------------------------------------------
def parse_seconds(text: str, cap_s: float) -> tuple[float | None, str | None]:
    """(seconds, None) for a valid entry, (None, None) for an empty one, else (None, message)."""
    raw = text.strip().replace(",", ".")
    if raw.endswith("s"):
        raw = raw[:-1].strip()
    if not raw:
        return None, None
    try:
        value = float(raw)
    except ValueError:
        return None, f"'{text.strip()}' is not a number of seconds"
    if math.isnan(value) or math.isinf(value):
        return None, f"'{text.strip()}' is not a number of seconds"
    if value < 0:
        return None, "seconds cannot be negative"
    if value > cap_s:
        return None, f"the most this test counts is {cap_s:g} s"
    return round(value, 1), None
