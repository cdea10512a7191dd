"""Charts as SVG markup, drawn on the server: no chart library, no JavaScript. Pure functions.

Every chart is an <svg role="img"> named by its <title> and <desc> (give a full sentence
as the description) and sized by its viewBox, so it scales to a phone. Pages still put a
text summary and a data table beside it: a picture is never the only way to the numbers.

No style attributes (the Content-Security-Policy forbids inline styles): colours are
presentation attributes. Series differ by colour, marker shape and dash pattern, and are
labelled directly at their last point, so colour is never the only cue. Every colour has
at least 3:1 contrast on white for lines and 4.5:1 for text.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import Sequence

from markupsafe import Markup, escape

INK = "#1b1f24"        # text, 16:1 on white
MUTED = "#4a5361"      # axis labels and leaders, 7.8:1
GRID = "#d5dae1"       # decorative gridlines only
BACKGROUND = "#ffffff"


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    marker: str
    dash: str | None


STYLES: tuple[SeriesStyle, ...] = (
    SeriesStyle("#0b5394", "circle", None),
    SeriesStyle("#8a3b00", "square", "7 4"),
    SeriesStyle("#1d6b34", "diamond", "2 3"),
    SeriesStyle("#6b2c91", "triangle", "9 3 2 3"),
    SeriesStyle(MUTED, "circle", "4 4"),
)

WIDTH = 400
FONT = 14
LINE_HEIGHT = 17
TICK_FONT = 13


@dataclass(frozen=True)
class LinePoint:
    x: int            # e.g. the sort year
    x_label: str      # what the axis says for it: "2021–22"
    y: float


@dataclass(frozen=True)
class LineSeries:
    name: str
    points: tuple[LinePoint, ...]
    end_label: str    # e.g. "76% (2023)", shown beside the last point


@dataclass(frozen=True)
class LineChart:
    chart_id: str
    title: str
    description: str
    series: tuple[LineSeries, ...]
    y_ticks: tuple[tuple[float, str], ...]   # (value, label); the last is the top of the axis


@dataclass(frozen=True)
class Bar:
    name: str
    value: float | None   # None: no figure, drawn as an empty row saying so
    value_label: str
    goal: bool = False


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    description: str
    bars: tuple[Bar, ...]
    x_ticks: tuple[tuple[float, str], ...]


def percent_ticks() -> tuple[tuple[float, str], ...]:
    """Return the 0–100% axis."""
    return tuple((v, f"{v}%") for v in (0, 25, 50, 75, 100))


def count_ticks(largest: float) -> tuple[tuple[float, str], ...]:
    """Return a 0-based axis of round steps (1, 2, 5, 10, 20, 50…) that reaches ``largest``."""
    step, scale = 1, 1
    while step * 5 < largest:
        for multiple in (2, 5, 10):
            step = multiple * scale
            if step * 5 >= largest:
                break
        scale *= 10
    top = max(step, -(-int(largest) // step) * step)
    return tuple((v, f"{v:,}") for v in range(0, top + 1, step))


def line_chart(chart: LineChart) -> Markup:
    """Return SVG for a trend: one line per series, labelled at its last point."""
    ident = _ident(chart.chart_id)
    left, right, top, bottom = 44.0, 232.0, 14.0, 190.0
    gutter = 246.0
    xs = sorted({p.x for s in chart.series for p in s.points})
    y_top = max([v for v, _ in chart.y_ticks] + [p.y for s in chart.series for p in s.points] + [1])

    def px(x: int) -> float:
        if len(xs) == 1:
            return (left + right) / 2
        return left + 14 + (x - xs[0]) / (xs[-1] - xs[0]) * (right - left - 28)

    def py(y: float) -> float:
        return bottom - (y / y_top) * (bottom - top)

    parts: list[str] = []
    for value, label in chart.y_ticks:
        y = py(value)
        parts.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(_text(left - 6, y + 4, label, anchor="end", fill=MUTED, size=TICK_FONT))
    parts.append(f'<line x1="{left:.1f}" y1="{bottom:.1f}" x2="{right:.1f}" y2="{bottom:.1f}" stroke="{MUTED}" stroke-width="1.5"/>')

    x_labels: dict[int, str] = {}
    for series in chart.series:
        for point in series.points:
            x_labels.setdefault(point.x, point.x_label)
    for x in _thin(xs, 5):
        parts.append(f'<line x1="{px(x):.1f}" y1="{bottom:.1f}" x2="{px(x):.1f}" y2="{bottom + 5:.1f}" stroke="{MUTED}" stroke-width="1.5"/>')
        parts.append(_text(px(x), bottom + 20, x_labels[x], anchor="middle", fill=MUTED, size=TICK_FONT))

    labels: list[tuple[float, list[str], str, int, float]] = []  # anchor y, name lines, value, style, last x
    for index, series in enumerate(chart.series):
        style = STYLES[index % len(STYLES)]
        points = sorted(series.points, key=lambda p: p.x)
        if not points:
            continue
        if len(points) > 1:
            coords = " ".join(f"{px(p.x):.1f},{py(p.y):.1f}" for p in points)
            dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
            parts.append(f'<polyline points="{coords}" fill="none" stroke="{style.colour}" stroke-width="2.5"'
                         f' stroke-linejoin="round"{dash}/>')
        for point in points:
            parts.append(_marker(style, px(point.x), py(point.y), 5))
        labels.append((py(points[-1].y), textwrap.wrap(series.name, 17) or [""], series.end_label, index,
                       px(points[-1].x)))

    height = bottom + 34
    placed_bottom = top - 6
    for anchor, name_lines, end_label, index, last_x in sorted(labels, key=lambda item: item[0]):
        block = (len(name_lines) + 1) * LINE_HEIGHT
        block_top = max(anchor - block / 2, placed_bottom + 6)
        placed_bottom = block_top + block
        height = max(height, placed_bottom + 8)
        style = STYLES[index % len(STYLES)]
        marker_y = block_top + LINE_HEIGHT / 2 + 1
        parts.append(f'<line x1="{last_x + 7:.1f}" y1="{anchor:.1f}" x2="{gutter - 1:.1f}" y2="{marker_y:.1f}"'
                     f' stroke="{MUTED}" stroke-width="1" stroke-dasharray="1 2"/>')
        parts.append(_marker(style, gutter + 6, marker_y, 4.5))
        for n, line in enumerate(name_lines):
            parts.append(_text(gutter + 15, block_top + (n + 1) * LINE_HEIGHT - 3, line, fill=INK, size=FONT))
        parts.append(_text(gutter + 15, block_top + (len(name_lines) + 1) * LINE_HEIGHT - 3, end_label,
                           fill=INK, size=FONT, bold=True))
    return _svg(ident, chart.title, chart.description, height, parts)


def bar_chart(chart: BarChart) -> Markup:
    """Return SVG for horizontal bars, each named above its bar; a missing value says so."""
    ident = _ident(chart.chart_id)
    left, right = 8.0, 316.0
    x_top = max([v for v, _ in chart.x_ticks] + [b.value or 0 for b in chart.bars] + [1])
    names = [textwrap.wrap(bar.name, 48) or [""] for bar in chart.bars]
    top = 8.0
    bottom = top + sum(len(lines) * LINE_HEIGHT + 34 for lines in names)

    def px(value: float) -> float:
        return left + (value / x_top) * (right - left)

    parts: list[str] = []
    for value, label in chart.x_ticks:
        x = px(value)
        parts.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(_text(x, bottom + 18, label, anchor="middle", fill=MUTED, size=TICK_FONT))
    y = top
    for bar, lines in zip(chart.bars, names):
        for line in lines:
            y += LINE_HEIGHT
            parts.append(_text(left, y - 2, line, fill=INK, size=FONT, bold=bar.goal))
        bar_y = y + 6
        y += 34
        if bar.value is None:
            parts.append(f'<rect x="{left:.1f}" y="{bar_y:.1f}" width="{right - left:.1f}" height="20" fill="none"'
                         f' stroke="{MUTED}" stroke-width="1" stroke-dasharray="3 3"/>')
            parts.append(_text(left + 8, bar_y + 15, bar.value_label, fill=INK, size=FONT))
            continue
        colour = STYLES[1].colour if bar.goal else STYLES[0].colour
        width = max(px(bar.value) - left, 1.5)
        parts.append(f'<rect x="{left:.1f}" y="{bar_y:.1f}" width="{width:.1f}" height="20" fill="{colour}"/>')
        parts.append(_text(left + width + 6, bar_y + 15, bar.value_label, fill=INK, size=FONT, bold=True))
    parts.append(f'<line x1="{left:.1f}" y1="{top:.1f}" x2="{left:.1f}" y2="{bottom:.1f}" stroke="{MUTED}" stroke-width="1.5"/>')
    return _svg(ident, chart.title, chart.description, bottom + 28, parts)


def _svg(ident: str, title: str, description: str, height: float, parts: Sequence[str]) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {WIDTH} {height:.0f}"'
        f' role="img" aria-labelledby="{ident}-title {ident}-desc" focusable="false">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height:.0f}" fill="{BACKGROUND}"/>'
        + "".join(parts) + "</svg>"
    )


def _text(x: float, y: float, content: str, *, anchor: str = "start", fill: str = INK, size: int = FONT,
          bold: bool = False) -> str:
    weight = ' font-weight="700"' if bold else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" font-size="{size}"{weight}>'
            f"{escape(content)}</text>")


def _marker(style: SeriesStyle, x: float, y: float, r: float) -> str:
    common = f'fill="{style.colour}" stroke="{BACKGROUND}" stroke-width="1.5"'
    if style.marker == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}" {common}/>'
    if style.marker == "diamond":
        d = r * 1.3
        return f'<polygon points="{x:.1f},{y - d:.1f} {x + d:.1f},{y:.1f} {x:.1f},{y + d:.1f} {x - d:.1f},{y:.1f}" {common}/>'
    if style.marker == "triangle":
        d = r * 1.25
        return f'<polygon points="{x:.1f},{y - d:.1f} {x + d:.1f},{y + d * 0.8:.1f} {x - d:.1f},{y + d * 0.8:.1f}" {common}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {common}/>'


def _thin(values: list[int], most: int) -> list[int]:
    """Keep at most ``most`` axis labels, always the first and the last."""
    if len(values) <= most:
        return values
    step = (len(values) - 1) / (most - 1)
    return sorted({values[round(i * step)] for i in range(most)})


def _ident(chart_id: str) -> str:
    return "chart-" + (re.sub(r"[^a-z0-9-]+", "-", chart_id.lower()).strip("-") or "x")
