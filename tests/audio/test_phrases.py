"""Spoken words come from the fields the live screen shows, for every routine."""

from __future__ import annotations

import pytest

from glute_tui.audio.phrases import counts_of, phrase_for, place_of, side_of


@pytest.mark.parametrize(
    ("banner", "where", "counts", "nxt", "kind", "said"),
    [
        ("HOLD", "LEFT glute, prone", "rep 4/10   ·   position 3/3", "REST", "hold",
         "Left side. Prone. Hold."),
        ("HOLD", "RIGHT glute, seated", "rep 10/10", None, "hold",
         "Right side. Seated. Hold. Last one."),
        ("REST", "LEFT glute, prone", "rep 4/10", None, "rest", "Rest."),
        ("SWITCH", "Other side: RIGHT glute, prone", "", None, "switch", "Switch to the right."),
        ("SWITCH", "Other side: LEFT glute", "", None, "switch", "Switch to the left."),
        ("SWITCH", "", "", None, "switch", "Switch sides."),
        ("SWITCH", "New position: seated — LEFT glute", "", None, "transition",
         "Next, seated. Left side."),
        ("GET READY", "LEFT glute, standing", "", None, "prepare",
         "Get ready. Left side first. Standing."),
        ("GO", "Clamshell, RIGHT side", "set 8 of 8", None, "work",
         "Right side. Clamshell. Go. Last one."),
        ("REST", "Round 1 done.", "round 1/3", "Clamshell", "round_rest",
         "Rest. Next: Clamshell."),
        ("", "", "", None, "work", "Go."),
    ],
)  # fmt: skip
def test_phrases(banner: str, where: str, counts: str, nxt: str | None, kind: str, said: str):
    assert phrase_for(banner, where, counts, nxt, kind) == said


def test_a_new_round_is_announced_and_the_last_one_named() -> None:
    view = ("GO", "Clamshell, LEFT side", "rep 1/8 · round 2/3", None, "work")
    assert phrase_for(*view, new_round=True) == "Round 2 of 3. Left side. Clamshell. Go."
    last = ("GO", "Clamshell, LEFT side", "round 3/3", None, "work")
    assert phrase_for(*last, new_round=True).startswith("Last round. ")
    assert phrase_for(*view).startswith("Left side.")  # not announced mid-round


def test_the_parts() -> None:
    assert side_of("Other side: RIGHT glute, prone") == "right"
    assert side_of("both glutes") is None
    assert counts_of("rep 4/10 · round 2 of 3") == {"rep": (4, 10), "round": (2, 3)}
    assert place_of("New position: side-lying — LEFT glute") == "Side-lying"
