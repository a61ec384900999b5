from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from glute_tui.ui.widgets.big_digits import FONT, BigDigits, render_big, scale_for, text_width


def test_every_glyph_is_seven_rows_of_equal_width() -> None:
    for char, rows in FONT.items():
        assert len(rows) == 7, char
        assert len({len(r) for r in rows}) == 1, char


def test_render_is_square_pixels_and_scales() -> None:
    one = render_big("8", 1)
    assert len(one) == 7 and {len(line) for line in one} == {10}
    two = render_big("8", 2)
    assert len(two) == 14 and {len(line) for line in two} == {20}
    assert two[0] == two[1] and two[0] == "".join(c * 2 for c in one[0])


@pytest.mark.parametrize(
    ("size", "text", "scale"),
    [
        ((100, 30), "3", 2),
        ((100, 30), "1:05", 2),
        ((79, 40), "1:05", 1),  # 76 columns at scale 2 plus a margin do not fit 79
        ((80, 24), "3", 1),
        ((60, 18), "3", 0),
        ((200, 60), "1:05", 2),
    ],
)
def test_scale_follows_the_terminal(size: tuple[int, int], text: str, scale: int) -> None:
    assert scale_for(*size, text) == scale
    if scale:
        assert text_width(text, scale) + 4 <= size[0]


class One(App[None]):
    def compose(self) -> ComposeResult:
        yield BigDigits("12", id="big")


@pytest.mark.parametrize(("size", "height"), [((100, 40), 14), ((80, 24), 7), ((50, 16), 3)])
async def test_widget_height_follows_the_terminal(size: tuple[int, int], height: int) -> None:
    app = One()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        big = app.query_one(BigDigits)
        assert big.size.height == height
        big.update("9")
        await pilot.pause()
        assert big.text == "9"


@pytest.mark.parametrize(
    ("width", "height", "text", "pixels"),
    [
        (64, 70, "0:30", (3, 2)),  # a phone at fontsize 10: 57 of 64 columns
        (60, 40, "0:30", (3, 2)),
        (62, 70, "3", (12, 6)),
        (64, 22, "0:30", None),  # no rows to spare for the digits
        (10, 70, "0:30", None),
    ],
)
def test_fill_pixels(width: int, height: int, text: str, pixels: tuple[int, int] | None) -> None:
    from glute_tui.ui.widgets.big_digits import fill_pixels

    assert fill_pixels(width, height, text) == pixels


class Phone(App[None]):
    CSS = "Screen.-narrow.-tall #big { width: 100%; }"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]

    def compose(self) -> ComposeResult:
        yield BigDigits("0:30", id="big")


@pytest.mark.parametrize(
    ("size", "wide", "rows"),
    [((64, 70), 57, 14), ((100, 30), 76, 14), ((80, 24), 38, 7)],
)
async def test_upright_terminal_fills_the_width(size: tuple[int, int], wide: int, rows: int):
    app = Phone()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        big = app.query_one(BigDigits)
        lines = [line.rstrip() for line in big.render().plain.splitlines()]  # type: ignore[union-attr]
        assert len(lines) == rows == big.size.height
        assert max(len(line.strip()) for line in lines) == wide
