"""The settings table's refusals: one whole plain line naming the field and its range."""

from __future__ import annotations

import pytest

from glute_tui.core.user_settings import check, fields
from glute_tui.store import shipped


@pytest.mark.parametrize(
    ("key", "text", "words"),
    [
        (
            "hold_reps",
            "",
            "Hold squeezes per position: nothing is not a whole number (from 5 to 15)",
        ),
        (
            "hold_reps",
            "2.5",
            "Hold squeezes per position: 2.5 is not a whole number (from 5 to 15)",
        ),
        ("hold_s", "-", "Hold seconds per squeeze: - is not a number (from 2 to 10)"),
        ("hold_s", "nan", "Hold seconds per squeeze: must be a number from 2 to 10"),
        ("hold_s", "inf", "Hold seconds per squeeze: must be a number from 2 to 10"),
    ],
)
def test_a_value_that_is_not_a_number_is_refused_with_its_range(
    key: str, text: str, words: str
) -> None:
    table = fields(shipped.protocols())
    texts = {f.key: str(f.default) for f in table if f.kind != "flag"}
    texts[key] = text
    values, problem = check(table, texts, {})
    assert values is None
    assert problem == (key, words)


def test_release_minutes_have_one_default_the_routine_s() -> None:
    """The settings screen, the release routine and the programme's tight-glute dose start
    from the same minutes: protocols.json's release section."""
    from datetime import date

    from glute_tui.core.plan import Plan
    from glute_tui.core.routines.base import Context
    from glute_tui.core.routines.release import ROUTINE as RELEASE
    from glute_tui.store.programme_input import shipped_programme

    protocols = shipped.protocols()
    field = {f.key: f for f in fields(protocols)}["release_min"]
    section = protocols.section("release")["minutes"]
    assert (field.default, field.low, field.high) == (
        section["default"],
        section["min"],
        section["max"],
    )
    ctx = Context(Plan(), {}, shipped.library(), protocols, date(2026, 11, 20))
    assert RELEASE.minutes(ctx) == field.default
    tight = {w.routine: w for w in shipped_programme().tight_work}
    assert tight["release"].dose["minutes"] == field.default


def test_every_dose_the_programme_reads_is_a_setting_with_the_routines_bounds() -> None:
    """A physio tunes the new routines on the settings screen, not by editing JSON: every
    setting USER_DOSE reads has a field, with the default and bounds the routine uses."""
    from glute_tui.core.programme_config import USER_DOSE
    from glute_tui.core.protocol import bounds_of

    protocols = shipped.protocols()
    by_key = {f.key: f for f in fields(protocols)}
    for keys in USER_DOSE.values():
        for setting_key in keys.values():
            assert setting_key in by_key, setting_key
    cook = bounds_of(protocols.section("cook_hip_lift"), "reps", "cook_hip_lift")
    field = by_key["cook_reps"]
    assert (field.default, field.low, field.high) == (cook.default, cook.min, cook.max)
    assert field.problem(cook.max + 1) is not None and field.problem(cook.max) is None
