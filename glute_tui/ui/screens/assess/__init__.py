"""The self-assessment screen, in parts: steps and widgets (parts), pages (pages), answer
handling (answers) and the screen with its keys, navigation and saving (screen)."""

from glute_tui.ui.screens.assess.parts import DRAFT_KEY, STEPS, LeaveDialog, PickMany
from glute_tui.ui.screens.assess.screen import AssessScreen

__all__ = ["DRAFT_KEY", "STEPS", "AssessScreen", "LeaveDialog", "PickMany"]
