"""Self-assessment: the questions, the per-side tests, and the scoring that names the weak side.

Everything here is pure. The screens ask the questions in order, collect answers and
measurements into plain dicts, and call `score()`; the result says the verdict, which side is
weaker, each test's numbers and LSI, and why, in plain words.

The rule (ours, not a validated instrument; see DOMAIN "Self-assessment"):

- Red flags override everything: any "yes" gives `red_flag` and no plan.
- A side *fails* a test when
  - timed tests (balance, bridge hold, side plank): it is shorter than the other side and
    either its LSI is below 85% or it is more than 10 s shorter;
  - single-leg squat: it has 1 or more faults more than the other side;
  - lateral step-down: it scores 2 or more points worse than the other side;
  - Trendelenburg: it is positive (the pelvis dropped while standing on that leg).
  A test gives at most one fail to a side, so one test alone never makes a side weak.
- Both sides under the absolute floors (bridge hold < 20 s, step-down 4+, squat 3+ of 4
  faults) on every floor test that was done, with at least one done: both weak. This wins over
  a one-sided result because both sides then need the work; the weaker side still goes first.
- Otherwise two or more fails on one side (and fewer on the other): that side is weak.
  Two or more fails on each side: both weak.
- Otherwise balanced.

Edge cases, explicitly:
- Ties: equal values fail neither side. LSI exactly 85% and a gap of exactly 10 s do not fail.
- Zeros: 0 s against more than 0 s is LSI 0% (a fail); 0 s on both sides has no LSI and fails
  neither side (it still counts as under the bridge floor).
- Capped values: a time at the cap means "at least the cap". Both sides capped: LSI 100%. One
  side capped: the true gap is at least the measured gap, so the measured LSI stands and the
  why says the cap was reached.
- Skipped tests, or a test with only one side measured, count for nothing and are listed.
- Evidence: fewer than two tests done on both sides is "too little to be sure"; the verdict is
  then balanced (nothing can fail twice) and the why says so plainly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from glute_tui.core import safety
from glute_tui.core.runner import Event, PhaseRecord
from glute_tui.core.timeline import PhaseSpec, Timeline

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


# ---- scoring -------------------------------------------------------------------------------
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


@dataclass(frozen=True)
class Result:
    verdict: str
    weaker: str | None
    tests: tuple[TestResult, ...] = ()
    why: tuple[str, ...] = ()
    rests_on: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    enough: bool = True
    tight: bool = False
    red_flags: tuple[str, ...] = ()
    fails: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    observations: tuple[str, ...] = ()
    disagree: bool = False  # some tests point at one side, others at the other
    retest: tuple[str, ...] = ()  # far-off tests to do again (the rest looked balanced)

    @property
    def headline(self) -> str:
        if self.retest and self.verdict == "balanced":
            return "No side stands out, but one test disagrees: retest it"
        if not self.enough and self.verdict == "balanced":
            return "No side stands out yet"
        if not self.enough and self.verdict == "both":
            return "Both sides look low"
        return VERDICT_HEADLINES[self.verdict]


VERDICT_HEADLINES = {
    "left": "Your left side tested weaker",
    "right": "Your right side tested weaker",
    "both": "Both sides need work",
    "balanced": "Your sides look balanced",
    "red_flag": "Please stop here and see a clinician",
}


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


def _as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []


def observations(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """What you noticed in the quick checks, said back plainly. One observation is not a
    finding: these inform, and never change the verdict."""
    out: list[str] = []
    areas = {"quads": "the front of the thighs", "lower_back": "the lower back"}
    areas["hamstrings"] = "the back of the thighs"
    for qid, what in (("squat_feel", "the squats"), ("sit_to_stand", "standing up")):
        area = answers.get(qid)
        if area in areas:
            out.append(f"You felt {what} mostly in {areas[area]}.")
    if answers.get("bench_sit") == "drop":
        out.append("Sitting down ended with a drop rather than under control.")
    notice = _as_list(answers.get("squat_notice"))
    if "shift" in notice:
        out.append("Your weight shifted onto one leg during the squats.")
    return tuple(out)


def is_tight(answers: Mapping[str, Any]) -> bool:
    """Two or more signs of tight, overworked glutes; one alone is not a tight verdict."""
    return len(set(_as_list(answers.get("tight_signs")))) >= TIGHT_SIGNS


def _preferred_first(answers: Mapping[str, Any]) -> str | None:
    """The side to start with when the numbers do not say: the less steady, else the
    non-dominant leg."""
    stable = answers.get("less_stable")
    if stable in SIDES:
        return str(stable)
    dom = answers.get("dominant")
    if dom in SIDES:
        return "right" if dom == "left" else "left"
    return None


def score(
    red_flags: Mapping[str, Any],
    answers: Mapping[str, Any],
    tests: Mapping[str, Any],
) -> Result:
    """The verdict from the red-flag answers, the quick-check answers and the tests.

    `red_flags`: question id -> True/"yes" for a yes. `answers`: quick-check id -> value (a
    list for 'many' questions). `tests`: test id -> {"left", "right", "skipped"}; timed
    values are seconds, fault values are lists of ticked fault ids, Trendelenburg values
    are booleans (True: the pelvis dropped standing on that leg).
    """
    tight = is_tight(answers)
    notes = observations(answers)
    flags = tuple(qid for qid, v in red_flags.items() if v is True or v == "yes")
    if flags:
        stop = [f"You answered yes to: {RED_FLAG_TEXT.get(f, f)}." for f in flags]
        stop.append("That needs a clinician's eyes before any training, so no plan was made.")
        return Result("red_flag", None, why=tuple(stop), tight=tight, red_flags=flags, enough=True)

    results: list[TestResult] = []
    skipped: list[str] = []
    for spec in TESTS:
        r = _measure(spec, tests.get(spec.id))
        if r is None:
            skipped.append(spec.id)
        else:
            results.append(r)
    fails = {s: tuple(r.id for r in results if s in r.fails) for s in SIDES}
    n_left, n_right = len(fails["left"]), len(fails["right"])
    only = {s: [r for r in results if r.fails == (s,)] for s in SIDES}
    disagree = bool(only["left"]) and bool(only["right"])
    both_trendelenburg = any(r.id == "trendelenburg" and len(r.fails) == 2 for r in results)
    floor_tests = [r for r in results if r.id in ("bridge_hold", "step_down", "squat")]
    all_floor = bool(floor_tests) and all(r.floor for r in floor_tests)
    enough = len(results) >= MIN_TESTS

    if n_left != n_right:
        weaker: str | None = "left" if n_left > n_right else "right"
        weaker_by = "more fails"
    else:
        worse = {s: 0 for s in SIDES}
        for r in results:
            for s in r.fails:
                worse[s] += 1
            # a timed gap with LSI 90% or more is normal variation: it picks no side
            passes = r.kind == "timed" and (r.lsi is None or r.lsi >= LSI_PASS)
            if r.kind in ("timed", "faults") and r.left != r.right and not passes:
                lower = "left" if float(r.left or 0) < float(r.right or 0) else "right"
                # a lower time is worse; a lower fault score is better
                worse[lower if r.kind == "timed" else other(lower)] += 1
        if worse["left"] != worse["right"]:
            weaker = "left" if worse["left"] > worse["right"] else "right"
            weaker_by = "lower numbers"
        else:
            weaker = _preferred_first(answers)
            weaker_by = "your answers"

    if all_floor or (n_left >= 2 and n_right >= 2):
        verdict = "both"
    elif both_trendelenburg and (n_left >= 2 or n_right >= 2):
        verdict = "both"  # both sides failed a test, and one side more
    elif n_left >= 2 or n_right >= 2:
        verdict = "left" if n_left > n_right else "right"
    else:
        verdict = "balanced"
    retest: tuple[str, ...] = ()
    if verdict == "balanced" and enough:
        far = [r for r in results if r.lsi is not None and r.lsi < LSI_FAR and r.fails]
        if far:
            retest = tuple(r.id for r in far)
            weaker, weaker_by = far[0].fails[0], "far off"

    why: list[str] = []
    if verdict in SIDES:
        why.append(
            f"The {verdict} side fell short on {len(fails[verdict])} tests; "
            "two or more is our mark for a weak side."
        )
    elif verdict == "both":
        if all_floor:
            why.append("Both sides scored under the low mark on the strength tests.")
        elif n_left >= 2 and n_right >= 2:
            why.append("Each side fell short on two or more tests.")
        else:
            why.append(
                "The pelvis dropped standing on either leg, so both sides fell short on a "
                "test, and one side on more."
            )
    elif retest:
        names = " and ".join(TEST_SPECS[r].name for r in retest)
        why.append(
            f"Your other tests look balanced, but the {names} is far off (LSI under "
            f"{LSI_FAR:g}%). One test is not enough to name a side, so please retest it on "
            "another day; if the gap holds, ask a physio to look."
        )
    elif results:
        if n_left or n_right:
            why.append("No side fell short on two or more tests, so no side is named weak.")
        else:
            why.append("No test showed a gap worth correcting between your sides.")
    for r in results:
        why.append(r.line[0].upper() + r.line[1:])
    if not enough:
        done = len(results)
        why.append(
            "Too little to go on: "
            + ("no test was done" if done == 0 else "only one test was done")
            + ". Healthy sides differ by about 12%, so no verdict should rest on one test. "
            "The plan trains both sides until you can do more of the tests."
        )
    if disagree:
        named = {s: " and ".join(f"the {r.name}" for r in only[s]) for s in SIDES}
        why.append(
            f"Your tests disagree: {named['left']} put the left side behind, "
            f"{named['right']} the right. Please retest them on another day; if they still "
            "disagree, a physio can tell which side needs the work."
        )
    if weaker and verdict != "red_flag" and verdict not in SIDES:
        how = {
            "far off": "the far-off test was lower on that side",
            "more fails": "it fell short more often",
            "lower numbers": "its numbers were lower",
            "your answers": "from your answers (the less steady or non-dominant leg)",
        }[weaker_by]
        why.append(f"Start with the {weaker} side: {how}.")
    if tight:
        why.append(
            "You ticked two or more signs of tight, overworked glutes: the plan adds the "
            "contract/relax drill and release work."
        )
    return Result(
        verdict=verdict,
        weaker=verdict if verdict in SIDES else weaker,
        tests=tuple(results),
        why=tuple(why),
        rests_on=tuple(r.id for r in results),
        skipped=tuple(skipped),
        enough=enough,
        tight=tight,
        fails=fails,
        observations=notes,
        disagree=disagree,
        retest=retest,
    )


def to_record(
    result: Result,
    *,
    assessment_id: str,
    taken_at: str,
    red_flags: Mapping[str, Any],
    answers: Mapping[str, Any],
) -> dict[str, Any]:
    """The saved assessment (the export contract: tests per test with left, right, lsi)."""
    return {
        "id": assessment_id,
        "taken_at": taken_at,
        "verdict": result.verdict,
        "weaker": result.weaker,
        "tests": {r.id: r.to_dict() for r in result.tests},
        "lsi": {r.id: r.lsi for r in result.tests if r.lsi is not None},
        "answers": {
            **{k: v for k, v in answers.items()},
            "red_flags": sorted(k for k, v in red_flags.items() if v is True or v == "yes"),
        },
        "why": list(result.why),
        "rests_on": list(result.rests_on),
        "skipped": list(result.skipped),
        "enough_evidence": result.enough,
        "tight": result.tight,
        "disagree": result.disagree,
        "retest": list(result.retest),
    }


def reassess_on(taken_at: str, days: int) -> date:
    """The day a re-assessment is due (the local day of `taken_at` plus `days`)."""
    return datetime.fromisoformat(taken_at).date() + timedelta(days=days)


def summary_line(record: Mapping[str, Any]) -> str:
    """One line for the list of past results: day, verdict, LSIs."""
    day = str(record.get("taken_at", ""))[:10]
    verdict = {
        "left": "left weak",
        "right": "right weak",
        "both": "both weak",
        "balanced": "balanced",
        "red_flag": "stopped: see a clinician",
        "screening": "safety check: no red flag",
        "cleared": "cleared by a clinician to exercise",
    }.get(str(record.get("verdict")), str(record.get("verdict")))
    lsis = record.get("lsi") if isinstance(record.get("lsi"), Mapping) else {}
    parts = []
    for tid, value in (lsis or {}).items():
        spec = TEST_SPECS.get(tid)
        if isinstance(value, (int, float)) and spec is not None:
            parts.append(f"{spec.name} {value:g}%")
    return f"{day}  {verdict}" + (f"  ·  LSI {', '.join(parts)}" if parts else "")
