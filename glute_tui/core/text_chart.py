"""Charts laid out on a grid of terminal cells, with axes, dates, a legend and one reference
line. Pure: each cell is (glyph, role); the screen maps roles to colours. Series differ by
glyph as well as colour (•, x, +, o; █ and ▒ for bars), so they read without colour."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Cell = tuple[str, str]  # (glyph, role): role is "axis", "label", "ref", "band", "s0".."s3"
MARKS = ("•", "x", "+", "o")
BAR_MARKS = ("█", "▒")
EIGHTHS = " ▁▂▃▄▅▆▇█"
Y_LABEL = 5  # columns for the y labels


@dataclass(frozen=True)
class TextSeries:
    label: str
    values: Sequence[float | None]
    kind: str = "line"  # "line" | "bar"


def _put(grid: list[list[Cell]], row: int, col: int, text: str, role: str) -> None:
    for k, ch in enumerate(text):
        if 0 <= row < len(grid) and 0 <= col + k < len(grid[row]):
            grid[row][col + k] = (ch, role)


def text_chart(
    x_labels: Sequence[str],
    series: Sequence[TextSeries],
    *,
    width: int,
    height: int = 8,
    y_min: float = 0.0,
    y_max: float | None = None,
    y_unit: str = "",
    ref: tuple[float, str] | None = None,
    bands: Sequence[tuple[int, str]] = (),
) -> list[list[Cell]]:
    """Rows of cells: `height` plot rows, the x axis, date labels, (stage bands,) legend.

    Each x position gets the same number of columns; bar series sit side by side in it."""
    n = max(1, len(x_labels))
    plot_w = max(n, width - Y_LABEL - 1)
    col_w = max(1, plot_w // n)
    plot_w = col_w * n
    total_w = Y_LABEL + 1 + plot_w
    values = [v for s in series for v in s.values if v is not None]
    hi = y_max if y_max is not None else max([1.0, *values, ref[0] if ref else 0.0])
    hi = max(hi, y_min + 1e-9)
    rows = height + 2 + (1 if bands else 0) + 1
    grid: list[list[Cell]] = [[(" ", "") for _ in range(total_w)] for _ in range(rows)]

    def level(v: float) -> float:  # 0..height, in rows from the bottom (bars)
        return (min(max(v, y_min), hi) - y_min) / (hi - y_min) * height

    def row_of(v: float) -> int:  # the row of a point: y_min on the bottom row, hi on top
        frac = (min(max(v, y_min), hi) - y_min) / (hi - y_min)
        return height - 1 - round(frac * (height - 1))

    # y axis: top, middle and bottom labels
    for frac in (1.0, 0.5, 0.0):
        tick = y_min + frac * (hi - y_min)
        row = row_of(tick)
        _put(grid, row, 0, f"{_tick(tick)}{y_unit}".rjust(Y_LABEL - 1)[-(Y_LABEL - 1) :], "label")
    for r in range(height):
        _put(grid, r, Y_LABEL, "│", "axis")
    _put(grid, height, Y_LABEL, "└" + "─" * plot_w, "axis")
    bars = [s for s in series if s.kind == "bar"]
    bar_w = max(1, (col_w - (1 if col_w > 2 else 0)) // max(1, len(bars)))
    for b, s in enumerate(bars):
        mark = BAR_MARKS[b % len(BAR_MARKS)]
        for i, v in enumerate(s.values):
            if v is None:
                continue
            h = level(v)
            full = int(h)
            for c in range(bar_w):
                col = Y_LABEL + 1 + i * col_w + b * bar_w + c
                for k in range(full):
                    _put(grid, height - 1 - k, col, mark, f"s{b}")
                part = h - full
                if full < height and part >= 1 / 8 and mark == "█":
                    _put(grid, height - 1 - full, col, EIGHTHS[round(part * 8)], f"s{b}")
                elif full == 0 and v > y_min:
                    _put(grid, height - 1, col, "▁", f"s{b}")
    # the reference line: dashed across the empty cells, solid where it crosses a bar
    if ref is not None:
        r = row_of(ref[0])
        for c in range(plot_w):
            role = grid[r][Y_LABEL + 1 + c][1]
            if role.startswith("s"):
                _put(grid, r, Y_LABEL + 1 + c, "─", "ref")
            elif c % 2 == 0:
                _put(grid, r, Y_LABEL + 1 + c, "╌", "ref")
    lines = [s for s in series if s.kind == "line"]
    for k, s in enumerate(lines):
        mark = MARKS[k % len(MARKS)]
        for i, v in enumerate(s.values):
            if v is None:
                continue
            r = row_of(v)
            # side by side when a week has room for every series, so none hides another
            offset = (col_w - len(lines)) // 2 + k if col_w >= len(lines) else col_w // 2
            _put(grid, r, Y_LABEL + 1 + i * col_w + offset, mark, f"s{k + len(bars)}")
    # date labels, spaced so they do not touch
    label_w = max((len(x) for x in x_labels), default=1) + 2
    every = max(1, -(-label_w // col_w))
    for i in range(0, n, every):
        col = Y_LABEL + 1 + i * col_w
        if col + len(x_labels[i]) <= total_w:
            _put(grid, height + 1, col, x_labels[i], "label")
    row = height + 2
    if bands:
        for j, (start, name) in enumerate(bands):
            end = bands[j + 1][0] if j + 1 < len(bands) else n
            c0 = Y_LABEL + 1 + start * col_w
            span = max(1, (end - start) * col_w)
            _put(grid, row, c0, ("├" + name + "─" * span)[:span], "band")
        row += 1
    # legend
    col = Y_LABEL + 1
    for b, s in enumerate(bars):
        text = f"{BAR_MARKS[b % len(BAR_MARKS)]} {s.label}  "
        _put(grid, row, col, text, f"s{b}")
        col += len(text)
    for k, s in enumerate(lines):
        text = f"{MARKS[k % len(MARKS)]} {s.label}  "
        _put(grid, row, col, text, f"s{k + len(bars)}")
        col += len(text)
    if ref is not None:
        _put(grid, row, col, f"╌ {ref[1]}", "ref")
    return grid


def _tick(v: float) -> str:
    return f"{v:.0f}" if abs(v) >= 10 or v == int(v) else f"{v:.1f}"


def plain(grid: list[list[Cell]]) -> str:
    """The chart without roles, one line per row (for tests and logs)."""
    return "\n".join("".join(ch for ch, _ in row).rstrip() for row in grid)
