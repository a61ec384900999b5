"""Self-assessment: the questions, the per-side tests, and the scoring that names the weak side.

Everything here is pure. The screens ask the questions in order, collect answers and
measurements into plain dicts, and call `score()`; the result says the verdict, which side is
weaker, each test's numbers and LSI, and why, in plain words.

The rule (ours, not a validated instrument; see DOMAIN "Self-assessment"):

- Red flags override everything: any "yes" gives `red_flag` and no plan.
- A side *fails* a test when
  - timed tests (balance, bridge hold, side plank): it is shorter than the other side and
    either its LSI is below 85% or it is more than 10 s shorter while its LSI is under 90%
    (to the whole percent: 95 s vs 106 s, LSI 89.6%, is a pass);
  - single-leg squat: it has 1 or more faults more than the other side;
  - lateral step-down: it scores 2 or more points worse than the other side;
  - Trendelenburg: it is positive (the pelvis dropped while standing on that leg).
  A test gives at most one fail to a side, so one test alone never makes a side weak.
- Both sides under the absolute floors (bridge hold < 20 s, step-down 4+, squat 3+ of 4
  faults) on every floor test that was done, with at least one done: both weak. This wins over
  a one-sided result because both sides then need the work; the weaker side still goes first.
- Otherwise two or more fails on one side (and fewer on the other): that side tested
  weaker. Two or more fails on each side: both weak. Trendelenburg positive on both legs
  fails both sides: with one side weak besides, both weak, that side first.
- Otherwise balanced, but never silently: one test far off (LSI < 70%) while the rest look
  balanced is named with a request to retest (`Result.retest`), and that side goes first.
- Tests that point at different sides are said to disagree (`Result.disagree`).
- The side to start on when the fails do not say: lower numbers (a timed gap with LSI 90%
  or more counts for nothing), else the less steady leg, else the non-dominant leg.
- Tight: two or more tight signs; one is not a tight verdict.

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

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from glute_tui.core.assessment_measure import (
    LSI_FAR,
    LSI_PASS,
    MIN_TESTS,
    SIDES,
    TIGHT_SIGNS,
    TestResult,
    _measure,
    fault_points,
    grade_step_down,
    lsi,
    other,
)
from glute_tui.core.assessment_spec import (
    LEAD_IN_S,
    QUESTIONS,
    QUICK_CHECKS,
    RED_FLAG_TEXT,
    RED_FLAGS,
    TEST_SPECS,
    TESTS,
    YES_NO,
    Fault,
    Question,
    TestSpec,
    hold_record,
    measured_seconds,
    parse_seconds,
    stopwatch_timeline,
)

# The questions and tests (core.assessment_spec) and the per-test results
# (core.assessment_measure) are re-exported here: callers keep one import.
__all__ = [
    "LEAD_IN_S",
    "QUESTIONS",
    "QUICK_CHECKS",
    "RED_FLAGS",
    "RED_FLAG_TEXT",
    "TESTS",
    "TEST_SPECS",
    "YES_NO",
    "Fault",
    "Question",
    "Result",
    "TestResult",
    "TestSpec",
    "fault_points",
    "grade_step_down",
    "hold_record",
    "is_tight",
    "lsi",
    "measured_seconds",
    "observations",
    "parse_seconds",
    "reassess_on",
    "score",
    "stopwatch_timeline",
    "summary_line",
    "to_record",
]


# ---- scoring -------------------------------------------------------------------------------
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
