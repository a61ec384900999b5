"""Radio buttons and tick boxes whose state shows as a glyph, not only as a colour: Textual
draws the same mark for on and off and tells them apart by colour alone, which a
colour-blind user, a monochrome terminal (NO_COLOR) or an SVG screenshot cannot see."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class MarkedRadioButton(RadioButton):
    """● when chosen, an empty slot when not."""

    MARK_ON = "●"
    MARK_OFF = " "

    def render(self) -> Content:
        self.BUTTON_INNER = self.MARK_ON if self.value else self.MARK_OFF
        return super().render()


class MarkedCheckbox(Checkbox):
    """✓ when ticked, an empty box when not."""

    MARK_ON = "✓"
    MARK_OFF = " "

    def render(self) -> Content:
        self.BUTTON_INNER = self.MARK_ON if self.value else self.MARK_OFF
        return super().render()
