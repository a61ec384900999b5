"""Tick boxes and radio buttons whose state shows without colour.

Textual draws a Checkbox as `▐X▌` and a RadioButton as `▐●▌` whether on or off; only the
colour differs, which a colour-blind user, a monochrome terminal (NO_COLOR) and the SVG
screenshots cannot see. These subclasses draw a different glyph for each state, in every
theme, through the public `BUTTON_INNER` class variable. Use them instead of Checkbox and
RadioButton everywhere (a RadioSet takes TickRadio children like any RadioButton).
"""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton

TICK_ON = "X"
TICK_OFF = " "
RADIO_ON = "●"
RADIO_OFF = "○"


class TickBox(Checkbox):
    """A Checkbox drawn `▐X▌` when ticked and `▐ ▌` when not."""

    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:
        return TICK_ON if self.value else TICK_OFF


class TickRadio(RadioButton):
    """A RadioButton drawn `▐●▌` when chosen and `▐○▌` when not."""

    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:
        return RADIO_ON if self.value else RADIO_OFF
