"""Countdown digits big enough to read from across the room.

Our own 5x7 block font, drawn two cells wide per pixel so the pixels come out square. The
size follows the terminal: 14 rows tall where there is room, 7 rows at 80x24, and Textual's
3-row digits in a cramped terminal. The text changes about once a second, so rendering is
cheap; the width is re-laid out only when the number of characters changes.

Given a width by CSS (anything but `width: auto`, e.g. the phone rule in app.tcss for a
narrow, tall terminal), the digits fill that width instead: each pixel is as many cells
wide as fit, and about half as many rows tall, so they stay roughly square.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.renderables.digits import Digits as SmallDigits
from textual.widget import Widget

# 5x7 glyphs; "#" is a lit pixel. Colon and space are narrower.
FONT: dict[str, tuple[str, ...]] = {
    "0": (" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "),
    "1": ("  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "),
    "2": (" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"),
    "3": ("#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "),
    "4": ("   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "),
    "5": ("#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "),
    "6": ("  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "),
    "7": ("#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "),
    "8": (" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "),
    "9": (" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "),
    ":": (" ", "#", "#", " ", "#", "#", " "),
    " ": ("   ",) * 7,
}
GLYPH_ROWS = 7
PIXEL = "█"


def glyph(char: str) -> tuple[str, ...]:
    return FONT.get(char, FONT[" "])


def scale_for(width: int, height: int, text: str) -> int:
    """2 (14 rows) or 1 (7 rows) when the terminal has room for it, else 0 (3-row digits)."""
    for scale in (2, 1):
        rows = GLYPH_ROWS * scale
        # room needed for the rest of the live view: header, banner, lines, bar, footer
        if height >= rows + 16 and width >= text_width(text, scale) + 4:
            return scale
    return 0


def text_width(text: str, scale: int) -> int:
    if scale == 0:
        return max(1, 3 * len(text))
    columns = sum(len(glyph(c)[0]) for c in text) + max(0, len(text) - 1)  # one gap between
    return columns * 2 * scale


def render_big(text: str, scale: int) -> list[str]:
    """The text as lines of block characters (scale >= 1)."""
    return render_pixels(text, 2 * scale, scale)


def render_pixels(text: str, px_w: int, px_h: int) -> list[str]:
    """The text with each pixel `px_w` cells wide and `px_h` rows tall."""
    lines: list[str] = []
    for row in range(GLYPH_ROWS):
        pixels = " ".join(glyph(c)[row] for c in text)
        line = "".join((PIXEL if p == "#" else " ") * px_w for p in pixels)
        lines.extend([line] * px_h)
    return lines


def fill_pixels(width: int, height: int, text: str) -> tuple[int, int] | None:
    """(cells per pixel across, rows per pixel) that fill `width` in a terminal `height`
    rows tall, leaving the live view its other rows; None when even 1 x 1 does not fit."""
    columns = text_width(text, 1) // 2
    px_w = width // max(1, columns)
    room = (height - 16) // GLYPH_ROWS
    if px_w < 1 or room < 1:
        return None
    return px_w, max(1, min(room, round(px_w / 2)))


class BigDigits(Widget):
    """Like textual.widgets.Digits (same `update(text)`), but as big as the terminal allows."""

    DEFAULT_CSS = """
    BigDigits {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = text

    @property
    def text(self) -> str:
        return self._text

    def update(self, text: str) -> None:
        same_width = len(text) == len(self._text)
        self._text = text
        self.refresh(layout=not same_width)

    def _scale(self) -> int:
        size = self.app.size
        return scale_for(size.width, size.height, self._text)

    @property
    def fills(self) -> bool:
        """True when CSS gives the digits a width to fill (not `width: auto`)."""
        width = self.styles.width
        return width is not None and not width.is_auto

    def _fill(self, width: int) -> tuple[int, int] | None:
        return fill_pixels(width, self.app.size.height, self._text) if self.fills else None

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return text_width(self._text, self._scale())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        fill = self._fill(width)
        if fill is not None:
            return GLYPH_ROWS * fill[1]
        scale = self._scale()
        return GLYPH_ROWS * scale if scale else 3

    def render(self) -> Text | SmallDigits:
        fill = self._fill(self.content_region.width)
        if fill is not None:
            lines = render_pixels(self._text, *fill)
            return Text("\n".join(lines), no_wrap=True, justify="center")
        scale = self._scale()
        if scale == 0:
            return SmallDigits(self._text)
        return Text("\n".join(render_big(self._text, scale)), no_wrap=True)
