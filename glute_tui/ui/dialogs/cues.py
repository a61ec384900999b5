"""The cue editor's dialog: the question before putting the shipped cues back."""

from __future__ import annotations

from textual.content import Content

from glute_tui.core.library import Exercise
from glute_tui.core.words import plural
from glute_tui.ui.dialogs.confirm import ConfirmScreen


def reset_question(ex: Exercise, count: int) -> ConfirmScreen:
    """Ask before replacing the user's `count` cues for `ex` by the shipped ones."""
    return ConfirmScreen(
        Content(f"Put back the shipped cues for {ex.name}?"),
        Content(
            f"Your {plural(count, 'cue')} for it will be replaced by the "
            f"{plural(len(ex.cues), 'shipped one')}. Other exercises are not touched."
        ),
    )
