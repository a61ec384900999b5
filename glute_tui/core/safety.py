"""Safety rules: the red-flag screen, clearances, the injury stop and the pain answers.

Pure: the screens ask, this module says what follows. Records are the same plain dicts the
store keeps for assessments (see `core.records.validate_assessment`), with a `kind`:

- a full assessment (no `kind`, verdict left/right/both/balanced/red_flag) asks the red flags
  first, so it screens too;
- a screening (`kind` "screening", verdict "screening" or "red_flag"): the one-minute safety
  screen, red flags only, saved like an assessment but with no plan;
- a clearance (`kind` "clearance", verdict "cleared"): the user says a clinician has checked
  the red flag (or a professional the injury) and cleared them to exercise, with its date.

A red flag stops training until a newer record lifts it: a clearance dated after the flag, or
a newer screening or assessment with every answer "no" (DOMAIN: lifted honestly by a
clearance, not only by answering "no" again).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SCREENING = "screening"  # verdict and kind of a red-flag-only screen with no flag
CLEARED = "cleared"  # verdict of a clearance record
CLEARANCE = "clearance"  # kind of a clearance record
SCREENING_VERDICTS = (SCREENING, CLEARED)  # record verdicts that are not training verdicts

CLEARANCE_STATEMENT = "A clinician has checked this and cleared me to exercise."
INJURY_CLEARANCE_STATEMENT = "A professional has checked this injury and cleared me to exercise."


@dataclass(frozen=True)
class RedFlag:
    """One red-flag question. `time_frame` is asked in the question when the sign is only a
    flag while recent; `urgent` signs need help the same day, not an appointment."""

    id: str
    prompt: str
    text: str  # what it is, in a line, for the stop page and history
    time_frame: str | None = None
    urgent: bool = False


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "saddle_numbness",
        "Is there new numbness, or a pins-and-needles feeling, around the groin, the buttocks "
        "or the inner thighs (the area that would touch a saddle)?",
        "numbness in the saddle area",
        urgent=True,
    ),
    RedFlag(
        "bladder_bowel",
        "In the last few weeks, has your bladder or bowel control changed: trouble passing "
        "water, leaking, or not feeling when you need to go?",
        "a new change in bladder or bowel control",
        time_frame="the last few weeks",
        urgent=True,
    ),
    RedFlag(
        "leg_weakness",
        "Over the last few weeks, has weakness or numbness in a leg been getting worse?",
        "leg weakness or numbness that is getting worse",
        time_frame="the last few weeks",
        urgent=True,
    ),
    RedFlag(
        "below_knee",
        "Does pain, tingling or pins and needles spread from your back or buttock down a leg, "
        "past the knee?",
        "pain or tingling spreading down the leg past the knee",
    ),
    RedFlag(
        "major_trauma",
        "Have you had a fall or a crash in the last few weeks, or another hard knock to the "
        "back, hips or legs?",
        "a fall, crash or hard knock in the last few weeks",
        time_frame="the last few weeks",
    ),
    RedFlag(
        "fever_weight",
        "In the last few weeks, have you had a fever, or lost weight without trying?",
        "fever or weight loss without trying in the last few weeks",
        time_frame="the last few weeks",
    ),
    RedFlag(
        "cancer",
        "Have you ever been diagnosed with cancer, however long ago and whether or not it "
        "was treated?",
        "a past or current diagnosis of cancer",
    ),
    RedFlag(
        "night_pain",
        "In the last few weeks, have you had severe pain at night that does not ease "
        "whichever way you lie?",
        "severe night pain that does not ease with a change of position",
        time_frame="the last few weeks",
    ),
    RedFlag(
        "hip_stance_pain",
        "Stand on one leg for 30 seconds, holding on if you need to, then the other. "
        "Did the outside of either hip hurt 2 out of 10 or more?",
        "outer hip pain of 2/10 or more standing on one leg",
    ),
)

RED_FLAG_IDS = tuple(f.id for f in RED_FLAGS)
RED_FLAG_TEXT = {f.id: f.text for f in RED_FLAGS}
URGENT = frozenset(f.id for f in RED_FLAGS if f.urgent)


def is_yes(value: Any) -> bool:
    return value is True or value == "yes"


def flags_raised(answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The red-flag ids answered yes, in question order (unknown ids last, as given)."""
    yes = [k for k, v in answers.items() if is_yes(v)]
    return tuple(sorted(yes, key=lambda k: RED_FLAG_IDS.index(k) if k in RED_FLAG_IDS else 99))


# ---- records -------------------------------------------------------------------------
def _kind(record: Mapping[str, Any]) -> str:
    kind = record.get("kind")
    if kind in (SCREENING, CLEARANCE):
        return str(kind)
    return CLEARANCE if record.get("verdict") == CLEARED else "assessment"


def screens(record: Mapping[str, Any]) -> bool:
    """Whether this record answered the red flags (every screening and full assessment)."""
    return _kind(record) != CLEARANCE and isinstance(record.get("verdict"), str)


def needs_screening(assessments: Sequence[Mapping[str, Any]]) -> bool:
    """True while no record on file has answered the red-flag questions."""
    return not any(screens(a) for a in assessments)


def screening_record(
    answers: Mapping[str, Any], *, record_id: str, taken_at: str
) -> dict[str, Any]:
    """The saved safety screen: shaped like an assessment, verdict red_flag or screening."""
    flags = flags_raised(answers)
    return {
        "id": record_id,
        "kind": SCREENING,
        "taken_at": taken_at,
        "verdict": "red_flag" if flags else SCREENING,
        "weaker": None,
        "tests": {},
        "lsi": {},
        "answers": {
            "red_flag_answers": {k: ("yes" if is_yes(v) else "no") for k, v in answers.items()},
            "red_flags": list(flags),
        },
        "why": [f"You answered yes to: {RED_FLAG_TEXT.get(f, f)}." for f in flags],
        "rests_on": [],
        "skipped": [],
        "enough_evidence": True,
        "tight": False,
    }


def clearance_record(
    *, record_id: str, taken_at: str, covers: Sequence[str], injury: bool = False
) -> dict[str, Any]:
    """A dated clearance: the user says a clinician cleared the flags in `covers` (or, with
    `injury`, a professional cleared an unhealed injury). Saved as an assessment record."""
    statement = INJURY_CLEARANCE_STATEMENT if injury else CLEARANCE_STATEMENT
    return {
        "id": record_id,
        "kind": CLEARANCE,
        "taken_at": taken_at,
        "verdict": CLEARED,
        "weaker": None,
        "tests": {},
        "lsi": {},
        "answers": {},
        "clearance": {
            "statement": statement,
            "on": taken_at[:10],
            "covers": ["injury"] if injury else list(covers),
        },
        "why": [statement],
        "rests_on": [],
        "skipped": [],
        "enough_evidence": True,
        "tight": False,
    }


@dataclass(frozen=True)
class FlagState:
    """The red flag that stops training now: which answers, and when."""

    flags: tuple[str, ...]
    taken_at: str

    @property
    def urgent(self) -> bool:
        return any(f in URGENT for f in self.flags)

    def lines(self) -> tuple[str, ...]:
        return tuple(RED_FLAG_TEXT.get(f, f) for f in self.flags)


def _flags_of(record: Mapping[str, Any]) -> tuple[str, ...]:
    answers = record.get("answers")
    raw = answers.get("red_flags") if isinstance(answers, Mapping) else None
    return tuple(str(f) for f in raw) if isinstance(raw, list) else ()


def active_red_flag(assessments: Sequence[Mapping[str, Any]]) -> FlagState | None:
    """The red flag in force, or None.

    The latest screening or assessment (by time) decides; a clearance dated at or after a
    red flag lifts it. A newer screening that raises a flag again stops again.
    """
    screened = [a for a in assessments if screens(a)]
    if not screened:
        return None
    latest = max(screened, key=lambda a: str(a.get("taken_at", "")))
    if latest.get("verdict") != "red_flag":
        return None
    when = str(latest.get("taken_at", ""))
    for a in assessments:
        if _kind(a) == CLEARANCE and str(a.get("taken_at", "")) >= when and not _is_injury(a):
            return None
    return FlagState(_flags_of(latest), when)


def _is_injury(record: Mapping[str, Any]) -> bool:
    clearance = record.get("clearance")
    covers = clearance.get("covers") if isinstance(clearance, Mapping) else None
    return isinstance(covers, list) and covers == ["injury"]


RED_FLAG_STOP = (
    "Your last safety answers raised a red flag, so glute-tui will not start a training "
    "session. Please see a clinician first. Once a clinician has checked it and cleared you "
    "to exercise, say so on the safety screen (it is saved with the date), or take the "
    "self-assessment again."
)


def red_flag_stop(assessments: Sequence[Mapping[str, Any]]) -> str | None:
    """Why training must not start (a red flag in force), or None."""
    return RED_FLAG_STOP if active_red_flag(assessments) is not None else None


def clearances(assessments: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every clearance on file, oldest first: {'on', 'statement', 'covers'}."""
    out = []
    for a in sorted(assessments, key=lambda a: str(a.get("taken_at", ""))):
        c = a.get("clearance")
        if _kind(a) == CLEARANCE and isinstance(c, Mapping):
            out.append(dict(c))
    return out


# ---- unhealed injury (injury pauses: core/pauses.py) -------------------------------------
INJURY_STOP = (
    "An injury that has not healed is a stop, not a warning: rest it and see a professional. "
    "Training starts again once a professional has checked it and cleared you to exercise."
)


def injury_stop(unhealed: bool, professional_cleared: bool) -> str | None:
    """Why a session must not start for an unhealed injury, or None. A clearance is the only
    way past it (the caller logs it with `clearance_record(..., injury=True)`)."""
    return INJURY_STOP if unhealed and not professional_cleared else None


# ---- pain answers -------------------------------------------------------------------------
PAIN_OK = 3  # 0-3: safe
PAIN_LIMIT = 5  # 4-5 acceptable if it settles; above 5 is too much
PAIN_CONFIRM = 6  # before a session, 6 or more asks for confirmation
RISE = 2  # this many points above the usual morning counts as worse


def parse_pain(text: str) -> tuple[int | None, str | None]:
    """(value, None) for 0-10, (None, None) for an empty box (not answered, never 0), else
    (None, message)."""
    raw = text.strip()
    if not raw:
        return None, None
    if not raw.isdigit() or not 0 <= int(raw) <= 10:
        return None, f"'{raw}' is not a whole number from 0 to 10"
    return int(raw), None


def usual_morning(mornings: Sequence[int | None]) -> int | None:
    """The usual next-morning pain: the median of the last 7 answered mornings (oldest
    first), or None when none were answered (no 0 baseline is invented)."""
    answered = sorted(v for v in list(mornings)[-7:] if v is not None)
    if not answered:
        return None
    return answered[(len(answered) - 1) // 2]


@dataclass(frozen=True)
class SessionCheck:
    """What the check before a session must show and ask."""

    lines: tuple[str, ...]
    confirm: bool  # the start needs an explicit "yes, start anyway" (logged)
    load_down: bool  # the morning answer asks for a lighter session


def session_check(
    pain_before: int | None,
    last_morning: int | None,
    usual: int | None = None,
) -> SessionCheck:
    """The pain part of the session check. `pain_before` None is "not answered" (an empty
    box: the session may start, saved as null, never 0); `last_morning` is the latest
    next-morning answer, `usual` the usual morning (None: no baseline, so nothing is said
    about getting worse)."""
    lines: list[str] = []
    confirm = False
    load_down = False
    if last_morning is not None:
        risen = usual is not None and last_morning >= usual + RISE
        if last_morning > PAIN_LIMIT or risen:
            load_down = True
            confirm = True
            why = (
                f"above {PAIN_LIMIT}"
                if last_morning > PAIN_LIMIT
                else f"{last_morning - (usual or 0)} points above your usual {usual}/10"
            )
            lines.append(
                f"This morning's pain after your last session was {last_morning}/10, {why}: "
                "that session was more than your body could settle. Go lighter today "
                "(fewer reps or rounds, shorter holds) or rest."
            )
        elif last_morning > PAIN_OK:
            lines.append(
                f"This morning's pain was {last_morning}/10: acceptable if it keeps settling."
            )
        elif usual is not None:
            lines.append(
                f"This morning's pain was {last_morning}/10: it has not got worse "
                f"(your usual is {usual}/10)."
            )
        else:
            lines.append(f"This morning's pain was {last_morning}/10: a safe level.")
    if pain_before is None:
        lines.append("Pain right now: not answered (the box was left empty).")
    elif pain_before >= PAIN_CONFIRM:
        confirm = True
        lines.append(
            f"Pain of {pain_before}/10 before you start is high. The safer choice is to rest "
            "today; if you start anyway, it is noted in your log."
        )
    return SessionCheck(tuple(lines), confirm, load_down)


def after_session_response(pain_after: int | None) -> str | None:
    """The plain response to pain above 5 after a session, else None."""
    if pain_after is None or pain_after <= PAIN_LIMIT:
        return None
    return (
        f"Pain of {pain_after}/10 after a session is more than this work should cause: up to "
        f"{PAIN_LIMIT} is acceptable if it settles by the next morning, above {PAIN_LIMIT} is "
        "too much. Rest for the rest of today. Tomorrow morning glute-tui asks how it feels; "
        f"that answer is shown at your next session's check, and if it is still above "
        f"{PAIN_LIMIT} (or {RISE} points above your usual morning) the check asks you to go "
        "lighter or rest. If the pain is sharp, spreads down a leg or does not settle, see a "
        "clinician."
    )
