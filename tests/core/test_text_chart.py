"""Terminal charts: axes, dates, legend and one reference line, readable without colour."""

from __future__ import annotations

from glute_tui.core.text_chart import TextSeries, plain, text_chart

WEEKS = ["01 Jan", "08 Jan", "15 Jan", "22 Jan", "29 Jan", "05 Feb"]


def test_line_chart_puts_each_series_by_glyph_on_a_scale() -> None:
    grid = text_chart(
        WEEKS,
        [TextSeries("before", [0, 10, None, 5, 5, 5]), TextSeries("after", [10] * 6)],
        width=60,
        height=6,
        y_max=10,
        ref=(5, "5/10 limit"),
    )
    lines = plain(grid).splitlines()
    assert lines[0].startswith("  10 │") and lines[5].startswith("   0 │")
    assert lines[6].lstrip().startswith("└──")
    assert "01 Jan" in lines[7] and "05 Feb" in lines[7]
    assert lines[8].split() == ["•", "before", "x", "after", "╌", "5/10", "limit"]
    assert "•" in lines[5][6:15]  # week 1's 0 on the bottom row, in week 1's columns
    assert lines[0].count("x") == 6  # every 'after' point on the top row
    assert "╌" in lines[3] or "╌" in lines[2]  # the reference line half-way up
    roles = {role for row in grid for _, role in row}
    assert {"s0", "s1", "ref", "axis", "label"} <= roles


def test_points_of_one_week_sit_side_by_side_and_the_line_crosses_bars() -> None:
    grid = text_chart(
        WEEKS[:2],
        [TextSeries("a", [5.0, 5.0]), TextSeries("b", [5.0, 5.0])],
        width=26,
        height=5,
        y_max=10,
    )
    mid = plain(grid).splitlines()[2]
    assert mid.count("•") == 2 and mid.count("x") == 2  # equal values do not hide
    bars = text_chart(
        WEEKS[:2], [TextSeries("adh", [100.0, 50.0], "bar")], width=26, height=5,
        y_max=100, ref=(80, "80%"),
    )  # fmt: skip
    ref_row = plain(bars).splitlines()[1]
    assert "─" in ref_row and "╌" in ref_row  # solid across the bar, dashed elsewhere


def test_bars_are_side_by_side_with_different_glyphs() -> None:
    grid = text_chart(
        WEEKS[:2],
        [TextSeries("weak", [8.0, 4.0], "bar"), TextSeries("strong", [4.0, 8.0], "bar")],
        width=40,
        height=4,
        y_max=8,
    )
    text = plain(grid)
    top = text.splitlines()[0]
    assert "█" in top and "▒" in top  # each side's tallest week reaches the top
    assert "█ weak" in text and "▒ strong" in text


def test_stage_bands_get_their_own_row() -> None:
    grid = text_chart(WEEKS, [TextSeries("a", [1.0] * 6)], width=60, height=4, bands=[(2, "Build")])
    assert "├Build" in plain(grid)
