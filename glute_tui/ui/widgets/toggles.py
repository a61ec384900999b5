"""Tick boxes and radio buttons whose state shows without colour.

Textual draws a Checkbox as `▐X▌` and a RadioButton as `▐●▌` whether on or off; only the
colour differs, which a colour-blind user, a monochrome terminal (NO_COLOR) and the SVG
screenshots cannot see. These subclasses draw a different glyph for each state, in every
theme, through the public `BUTTON_INNER` class variable. Use them instead of Checkbox and
RadioButton everywhere (a RadioSet takes TickRadio children like any RadioButton).

A SelectionList has the same fault (every option drawn `▐X▌`); TickList draws `▐ ▌` for an
option that is not ticked, so a tick list matches the tick boxes.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList

TICK_ON = "X"
TICK_OFF = " "
RADIO_ON = "●"
RADIO_OFF = "○"

ValueT = TypeVar("ValueT")


class TickBox(Checkbox):
    """A Checkbox drawn `▐X▌` when ticked and `▐ ▌` when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return TICK_ON if self.value else TICK_OFF


class TickRadio(RadioButton):
    """A RadioButton drawn `▐●▌` when chosen and `▐○▌` when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return RADIO_ON if self.value else RADIO_OFF


class TickList(SelectionList[ValueT]):
    """A SelectionList whose options are drawn `▐X▌` when ticked and `▐ ▌` when not.

    Textual puts the same `BUTTON_INNER` glyph before every option and only colours it;
    this puts a blank in its place on the lines of options that are not ticked, through the
    public Line API (`render_line`, `scroll_offset`, `get_option_at_index`, `selected`).
    """

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = self.scroll_offset.y + y  # the option Textual drew the button for
        if not 0 <= index < self.option_count:
            return line
        if self.get_option_at_index(index).value in self.selected:
            return line
        segments = list(line)
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return line
        segments[1] = Segment(TICK_OFF, segments[1].style)
        return Strip(segments, line.cell_length)
