"""Small SVG charts as strings (no I/O): weekly bars and lines with axes, dates, a legend
and one reference line. Styles differ by pattern, dash and marker as well as colour, so a
chart still reads printed in black and white."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

LINE_STYLES = (  # colour, dash pattern, marker
    ("#1f4e79", "", "circle"),
    ("#b03a2e", "7 3", "square"),
    ("#1e8449", "2 3", "triangle"),
    ("#6c3483", "9 3 2 3", "diamond"),
)
BAR_STYLES = (("#1f4e79", False), ("#1f4e79", True))  # colour, hatched
FONT = "font-family:system-ui,sans-serif;font-size:11px"


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]
    kind: str = "line"  # "line" | "bar"


@dataclass(frozen=True)
class Band:
    start: int  # index on the x axis
    label: str


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6" fill="{colour}"/>'
    if kind == "triangle":
        pts = f"{x:.1f},{y - 4:.1f} {x - 4:.1f},{y + 3:.1f} {x + 4:.1f},{y + 3:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if kind == "diamond":
        pts = f"{x:.1f},{y - 4:.1f} {x - 4:.1f},{y:.1f} {x:.1f},{y + 4:.1f} {x + 4:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="white" stroke="{colour}" stroke-width="1.5"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>'


def chart(
    chart_id: str,
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    y_max: float | None = None,
    y_min: float = 0.0,
    y_unit: str = "",
    ref: tuple[float, str] | None = None,
    bands: Sequence[Band] = (),
    title: str = "",
    width: int = 680,
    height: int = 210,
) -> str:
    """One chart: bar series are grouped side by side, line series drawn over them."""
    n = max(1, len(x_labels))
    left, right, top, bottom = 44, 24, 14, 46
    pw, ph = width - left - right, height - top - bottom
    values = [v for s in series for v in s.values if v is not None]
    hi = y_max if y_max is not None else max([1.0, *values, ref[0] if ref else 0.0])
    hi = max(hi, y_min + 1e-9)
    step = pw / n

    def x_of(i: int) -> float:
        return left + step * (i + 0.5)

    def y_of(v: float) -> float:
        v = min(max(v, y_min), hi)
        return top + ph - (v - y_min) / (hi - y_min) * ph

    out = [
        f'<svg viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" class="chart" style="{FONT}">',
        "<defs>"
        f'<pattern id="{chart_id}-hatch" width="4" height="4" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="4" height="4" fill="white"/>'
        '<line x1="0" y1="0" x2="0" y2="4" stroke="#1f4e79" stroke-width="2"/></pattern>'
        "</defs>",
    ]
    for k, band in enumerate(bands):  # stage bands along the time axis
        end = bands[k + 1].start if k + 1 < len(bands) else n
        x0 = left + step * band.start
        fill = "#f2f2f2" if k % 2 == 0 else "#e6e6e6"
        out.append(
            f'<rect x="{x0:.1f}" y="{top}" width="{step * (end - band.start):.1f}" '
            f'height="{ph}" fill="{fill}"/>'
            f'<text x="{x0 + 3:.1f}" y="{top + 10}" fill="#555">{escape(band.label)}</text>'
        )
    # y axis with ticks
    tick = _nice_step((hi - y_min) / 4)
    t = y_min
    while t <= hi + 1e-9:
        y = y_of(t)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{t:g}{y_unit}</text>'
        )
        t += tick
    out.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#333"/>'
        f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#333"/>'
    )
    # x labels, thinned so they never overlap
    every = max(1, math.ceil(n / max(1, pw // 64)))
    for i, label in enumerate(x_labels):
        if i % every == 0 or (i == n - 1 and (n - 1) % every > every // 2):
            out.append(
                f'<text x="{x_of(i):.1f}" y="{top + ph + 14}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    bars = [s for s in series if s.kind == "bar"]
    bw = step * 0.8 / max(1, len(bars))
    for b, s in enumerate(bars):
        colour, hatched = BAR_STYLES[b % len(BAR_STYLES)]
        fill = f"url(#{chart_id}-hatch)" if hatched else colour
        for i, v in enumerate(s.values):
            if v is None:
                continue
            x = left + step * i + step * 0.1 + b * bw
            y = y_of(v)
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(bw - 1, 0.5):.1f}" '
                f'height="{top + ph - y:.1f}" fill="{fill}" stroke="{colour}" '
                'stroke-width="0.6"/>'
            )
    lines = [s for s in series if s.kind == "line"]
    for k, s in enumerate(lines):
        colour, dash, marker = LINE_STYLES[k % len(LINE_STYLES)]
        runs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(s.values):
            if v is None:
                runs.append([])
            else:
                runs[-1].append((x_of(i), y_of(v)))
        for run in runs:
            if len(run) > 1:
                pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                out.append(
                    f'<polyline points="{pts}" fill="none" stroke="{colour}" '
                    f'stroke-width="1.8"{dash_attr}/>'
                )
            if len(run) <= 40:
                out.extend(_marker(marker, x, y, colour) for x, y in run)
    if ref is not None:
        y = y_of(ref[0])
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="#000" '
            'stroke-width="1.2" stroke-dasharray="4 2"/>'
            f'<text x="{left + pw - 2}" y="{y - 3:.1f}" text-anchor="end" '
            f'font-weight="bold">{escape(ref[1])}</text>'
        )
    # legend along the bottom
    x = float(left)
    y = height - 10
    for b, s in enumerate(bars):
        colour, hatched = BAR_STYLES[b % len(BAR_STYLES)]
        fill = f"url(#{chart_id}-hatch)" if hatched else colour
        out.append(
            f'<rect x="{x:.1f}" y="{y - 9}" width="12" height="10" fill="{fill}" '
            f'stroke="{colour}"/><text x="{x + 16:.1f}" y="{y}">{escape(s.label)}</text>'
        )
        x += 26 + 6.5 * len(s.label)
    for k, s in enumerate(lines):
        colour, dash, marker = LINE_STYLES[k % len(LINE_STYLES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{x:.1f}" y1="{y - 4}" x2="{x + 22:.1f}" y2="{y - 4}" '
            f'stroke="{colour}" stroke-width="1.8"{dash_attr}/>'
            + _marker(marker, x + 11, y - 4, colour)
            + f'<text x="{x + 26:.1f}" y="{y}">{escape(s.label)}</text>'
        )
        x += 36 + 6.5 * len(s.label)
    if ref is not None:
        out.append(
            f'<line x1="{x:.1f}" y1="{y - 4}" x2="{x + 22:.1f}" y2="{y - 4}" stroke="#000" '
            f'stroke-dasharray="4 2"/><text x="{x + 26:.1f}" y="{y}">{escape(ref[1])}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return float(m * mag)
    return float(10 * mag)
