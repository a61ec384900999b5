"""Typed, frozen assessment records (the seam of core/model.py, kept apart for size).

`Assessment.from_dict` checks with records.validate_assessment plus the parts the export
contract names (each test's left, right, lsi; why; weaker); `to_dict` gives the dict back.
Import from glute_tui.core.model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from glute_tui.core.model_view import RecordView
from glute_tui.core.records import RecordError, validate_assessment

Score = float | int | bool | None


def _optional(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        out[key] = value


def _number_or_none(value: Any) -> float | None:
    return None if value is None else float(value)


# ---- assessments ----------------------------------------------------------------------------
_SCORE_KEYS = frozenset(("left", "right", "lsi", "fails", "capped"))


@dataclass(frozen=True)
class TestScore:
    """One test of an assessment: both sides' scores (seconds, reps or pass/fail)."""

    __test__ = False  # not a pytest test class, whatever its name

    left: Score
    right: Score
    lsi: float | None = None  # limb symmetry index, timed tests only
    fails: tuple[str, ...] | None = None  # the sides that failed a pass/fail test
    capped: tuple[str, ...] | None = None  # the sides that reached the test's cap
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, raw: Any, where: str) -> TestScore:
        if not isinstance(raw, Mapping):
            raise RecordError(f"{where}: must be an object")
        for side in ("left", "right"):
            value = raw.get(side)
            if value is not None and not isinstance(value, (int, float, bool)):
                raise RecordError(f"{where}.{side}: must be a number, true/false or null")
        lsi = raw.get("lsi")
        if lsi is not None and (isinstance(lsi, bool) or not isinstance(lsi, (int, float))):
            raise RecordError(f"{where}.lsi: must be a number or null")
        lists: dict[str, tuple[str, ...] | None] = {}
        for key in ("fails", "capped"):
            value = raw.get(key)
            if value is not None and (
                not isinstance(value, list) or not all(isinstance(v, str) for v in value)
            ):
                raise RecordError(f"{where}.{key}: must be a list of sides")
            lists[key] = None if value is None else tuple(value)
        return cls(
            left=raw.get("left"),
            right=raw.get("right"),
            lsi=_number_or_none(lsi),
            fails=lists["fails"],
            capped=lists["capped"],
            extra={k: v for k, v in raw.items() if k not in _SCORE_KEYS},
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {**self.extra, "left": self.left, "right": self.right}
        out["lsi"] = self.lsi
        _optional(out, "fails", None if self.fails is None else list(self.fails))
        _optional(out, "capped", None if self.capped is None else list(self.capped))
        return out


_ASSESSMENT_REQUIRED = ("id", "taken_at", "verdict", "weaker", "tests", "answers")
_ASSESSMENT_OPTIONAL = (
    "lsi",
    "why",
    "rests_on",
    "skipped",
    "enough_evidence",
    "tight",
)
_ASSESSMENT_KEYS = frozenset((*_ASSESSMENT_REQUIRED, *_ASSESSMENT_OPTIONAL))


def _texts(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...] | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(f"{where}.{key}: must be a list of text")
    return tuple(value)


def _flag(raw: Mapping[str, Any], key: str, where: str) -> bool | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, bool):
        raise RecordError(f"{where}.{key}: must be true, false or null")
    return value


@dataclass(frozen=True)
class Assessment(RecordView):
    """A self-assessment as saved: the verdict, each test's scores and why. `a["verdict"]`
    reads its JSON record (core/model_view.py); `record` is that record, read-only."""

    id: str
    taken_at: str
    verdict: str  # left | right | both | balanced | red_flag
    tests: Mapping[str, TestScore] = field(default_factory=dict)
    answers: Mapping[str, Any] = field(default_factory=dict)
    weaker: str | None = None
    lsi: Mapping[str, float] | None = None
    why: tuple[str, ...] | None = None
    rests_on: tuple[str, ...] | None = None
    skipped: tuple[str, ...] | None = None
    enough_evidence: bool | None = None
    tight: bool | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    record: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._fill_record(self.record)

    @property
    def is_red_flag(self) -> bool:
        return self.verdict == "red_flag"

    @classmethod
    def from_dict(cls, raw: Any, where: str = "assessment") -> Assessment:
        d = validate_assessment(raw, where)
        weaker = d.get("weaker")
        if weaker not in ("left", "right", None):
            raise RecordError(f"{where}.weaker: must be left, right or null")
        lsi = d.get("lsi")
        if lsi is not None and (
            not isinstance(lsi, Mapping)
            or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in lsi.values()
            )
        ):
            raise RecordError(f"{where}.lsi: must map test ids to numbers")
        return cls(
            id=d["id"],
            taken_at=d["taken_at"],
            verdict=d["verdict"],
            tests={
                str(k): TestScore.from_dict(v, f"{where}.tests.{k}")
                for k, v in d.get("tests", {}).items()
            },
            answers=dict(d.get("answers", {})),
            weaker=weaker,
            lsi=None if lsi is None else {str(k): float(v) for k, v in lsi.items()},
            why=_texts(d, "why", where),
            rests_on=_texts(d, "rests_on", where),
            skipped=_texts(d, "skipped", where),
            enough_evidence=_flag(d, "enough_evidence", where),
            tight=_flag(d, "tight", where),
            extra={k: v for k, v in d.items() if k not in _ASSESSMENT_KEYS},
            record=d,  # validate_assessment made it a copy
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            **self.extra,
            "id": self.id,
            "taken_at": self.taken_at,
            "verdict": self.verdict,
            "weaker": self.weaker,
            "tests": {k: t.to_dict() for k, t in self.tests.items()},
            "answers": dict(self.answers),
        }
        _optional(out, "lsi", None if self.lsi is None else dict(self.lsi))
        for key in ("why", "rests_on", "skipped"):
            value = getattr(self, key)
            _optional(out, key, None if value is None else list(value))
        _optional(out, "enough_evidence", self.enough_evidence)
        _optional(out, "tight", self.tight)
        return out
