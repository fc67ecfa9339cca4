"""Inline SVG charts, drawn here so that the report needs no network and no JavaScript.

A chart is a title-less <svg> (the report's heading names it) with axes, gridlines, Swedish
tick labels and a legend. Missing values (None) break a line instead of dropping to zero.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 760
HEIGHT = 300
MARGIN_LEFT = 96
MARGIN_RIGHT = 16
MARGIN_TOP = 34
MARGIN_BOTTOM = 44
PALETTE = ("#1f5c99", "#d9822b", "#3a9a5b", "#a23b72", "#6b6b6b", "#c9b037", "#4bb3c5")
AXIS_COLOR = "#444"
GRID_COLOR = "#ddd"


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    color: str | None = None
    dashed: bool = False


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (steps of 1, 2 or 5 × 10^n)."""
    if low == high:  # a flat line: show it in the middle of a tenth of its size
        spread = abs(low) * 0.1 or 1.0
        low, high = low - spread, high + spread
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _extent(series: Sequence[Series], extra: Sequence[float]) -> tuple[float, float]:
    values = [v for s in series for v in s.values if v is not None] + list(extra)
    if not values:
        return 0.0, 1.0
    return min(values), max(values)


class _Frame:
    """Maps data to pixels and draws the axes."""

    def __init__(self, ticks: list[float], width: int, height: int) -> None:
        self.low, self.high = ticks[0], ticks[-1]
        self.ticks = ticks
        self.width, self.height = width, height
        self.left, self.right = MARGIN_LEFT, width - MARGIN_RIGHT
        self.top, self.bottom = MARGIN_TOP, height - MARGIN_BOTTOM

    def y(self, value: float) -> float:
        share = (value - self.low) / ((self.high - self.low) or 1)
        return self.bottom - share * (self.bottom - self.top)

    def axes(self, label: Callable[[float], str]) -> list[str]:
        parts = []
        for tick in self.ticks:
            y = self.y(tick)
            parts.append(
                f'<line x1="{self.left}" x2="{self.right}" y1="{y:.1f}" y2="{y:.1f}" '
                f'stroke="{GRID_COLOR}" stroke-width="1"/>'
                f'<text x="{self.left - 6}" y="{y + 4:.1f}" text-anchor="end" '
                f'class="tick">{escape(label(tick))}</text>'
            )
        parts.append(
            f'<line x1="{self.left}" x2="{self.left}" y1="{self.top}" y2="{self.bottom}" '
            f'stroke="{AXIS_COLOR}"/>'
        )
        return parts


def _legend(series: Sequence[tuple[str, str, bool]], width: int) -> list[str]:
    parts, x = [], MARGIN_LEFT
    for name, color, dashed in series:
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        parts.append(
            f'<line x1="{x}" x2="{x + 22}" y1="14" y2="14" stroke="{color}" '
            f'stroke-width="3"{dash}/><text x="{x + 27}" y="18" class="legend">'
            f"{escape(name)}</text>"
        )
        x += 40 + 7 * len(name)
        if x > width - 100:
            break
    return parts


def _x_labels(labels: Sequence[str], positions: Sequence[float], bottom: float) -> list[str]:
    step = max(1, math.ceil(len(labels) / 12))
    shown = [index for index in range(len(labels)) if index % step == 0]
    last = len(labels) - 1
    if labels and last not in shown:
        # the last month is always named; the regular label before it yields if too close
        if shown and last - shown[-1] < step * 0.6:
            shown.pop()
        shown.append(last)
    return [
        f'<text x="{positions[index]:.1f}" y="{bottom + 18}" '
        f'text-anchor="{"end" if index == last and len(labels) > 1 else "middle"}" '
        f'class="tick">{escape(labels[index])}</text>'
        for index in shown
    ]


def _svg(parts: list[str], width: int, height: int, description: str) -> str:
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(description)}">'
        + "".join(parts)
        + "</svg>"
    )


def line_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    label: Callable[[float], str],
    description: str,
    targets: Sequence[tuple[str, float]] = (),
    width: int = WIDTH,
    height: int = HEIGHT,
) -> str:
    """Lines over categorical x labels (months); targets are horizontal reference lines."""
    low, high = _extent(series, [value for _, value in targets])
    frame = _Frame(nice_ticks(low, high), width, height)
    count = max(len(labels), 2)
    step = (frame.right - frame.left) / (count - 1)
    positions = [frame.left + index * step for index in range(len(labels))]
    parts = frame.axes(label)
    legend: list[tuple[str, str, bool]] = []
    for index, (name, value) in enumerate(targets):
        color = PALETTE[(len(series) + index) % len(PALETTE)]
        y = frame.y(value)
        parts.append(
            f'<path class="target" d="M{frame.left},{y:.1f} H{frame.right}" stroke="{color}" '
            f'stroke-width="2" stroke-dasharray="6 4" fill="none"/>'
        )
        legend.append((name, color, True))
    for index, line in enumerate(series):
        color = line.color or PALETTE[index % len(PALETTE)]
        commands, pen_down = [], False
        for x, value in zip(positions, line.values, strict=True):
            if value is None:
                pen_down = False
                continue
            commands.append(f"{'L' if pen_down else 'M'}{x:.1f},{frame.y(value):.1f}")
            pen_down = True
        dash = ' stroke-dasharray="6 4"' if line.dashed else ""
        if commands:
            parts.append(
                f'<path class="series" d="{" ".join(commands)}" stroke="{color}" '
                f'stroke-width="2.5" fill="none"{dash}><title>{escape(line.name)}</title></path>'
            )
        legend.insert(index, (line.name, color, line.dashed))
    parts += _x_labels(labels, positions, frame.bottom)
    parts += _legend(legend, width)
    return _svg(parts, width, height, description)


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    label: Callable[[float], str],
    description: str,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> str:
    """Grouped bars: one group per label, one bar per series (e.g. months × years)."""
    low, high = _extent(series, [0.0])
    frame = _Frame(nice_ticks(min(low, 0.0), high), width, height)
    group = (frame.right - frame.left) / max(len(labels), 1)
    bar = group * 0.8 / max(len(series), 1)
    parts = frame.axes(label)
    zero = frame.y(0.0)
    for index, column in enumerate(series):
        color = column.color or PALETTE[index % len(PALETTE)]
        for position, value in enumerate(column.values):
            if value is None:
                continue
            x = frame.left + position * group + group * 0.1 + index * bar
            top, bottom = sorted((frame.y(value), zero))
            parts.append(
                f'<path class="bar" d="M{x:.1f},{bottom:.1f} V{top:.1f} H{x + bar:.1f} '
                f'V{bottom:.1f} Z" fill="{color}"><title>{escape(column.name)} '
                f"{escape(labels[position])}: {escape(label(value))}</title></path>"
            )
    centres = [frame.left + (position + 0.5) * group for position in range(len(labels))]
    parts += _x_labels(labels, centres, frame.bottom)
    parts += _legend([(s.name, s.color or PALETTE[i % len(PALETTE)], False)
                      for i, s in enumerate(series)], width)
    return _svg(parts, width, height, description)
