"""The trend chart of an export, laid out once and drawn twice: as inline SVG (HTML) and with
fpdf2's vector drawing (PDF).

What a reader needs from it: dates they recognise on the time axis ("10 Nov", the day a week or a
session period starts), placed by real time so an empty week leaves a gap and breaks the line;
full names in the legend; colours from the Okabe-Ito palette (told apart with the common kinds
of colour blindness), ordered so that neighbouring lines also differ in lightness, with a dash
pattern as a second cue; a period on its own drawn as a point with its value; at most six lines
in one chart (more dimensions make small multiples). Scores run 0-10, higher is better.
"""

from __future__ import annotations

import html
import math
from datetime import date

from msgspec import Struct

from reflect.core.export import TrendPoint, TrendSection, TrendSeries

MAX_LINES = 6
# Okabe & Ito (2008), in the order that makes every two neighbours differ most in lightness
# (a contrast ratio of at least 1.6 between them): blue, orange, vermillion, sky blue, black,
# bluish green. Yellow is left out: on white paper it is too pale for a line.
PALETTE = ("#0072B2", "#E69F00", "#D55E00", "#56B4E9", "#000000", "#009E73")
# Dash patterns (on, off lengths in points), a second cue beside the colour.
DASHES: tuple[tuple[float, ...], ...] = ((), (6, 3), (1.5, 2.5), (8, 3, 2, 3), (3, 3), (10, 4))
Y_TICKS = (0, 2, 4, 6, 8, 10)
# The time axis shows a date label at least this far from the previous one (share of the width).
MIN_LABEL_GAP = 0.11


class ChartPoint(Struct, frozen=True):
    x: float  # 0-1 across the time axis
    y: float  # 0-1 up the score axis (score / 10)
    period: TrendPoint  # what it places: the period's start, score and rated entries


class ChartLine(Struct, frozen=True):
    label: str
    colour: str
    dash: tuple[float, ...]
    segments: tuple[tuple[ChartPoint, ...], ...]  # runs of adjacent periods; a gap splits them

    @property
    def points(self) -> tuple[ChartPoint, ...]:
        return tuple(point for segment in self.segments for point in segment)

    @property
    def is_single_point(self) -> bool:
        return len(self.points) == 1


class ChartPanel(Struct, frozen=True):
    lines: tuple[ChartLine, ...]


class ChartLayout(Struct, frozen=True):
    title: str
    panels: tuple[ChartPanel, ...]
    x_ticks: tuple[tuple[float, str], ...]  # (0-1 position, "10 Nov")


def day_label(day: date) -> str:
    return f"{day.day} {day:%b}"


def _adjacent(previous: date, following: date, by: str) -> bool:
    """Whether two periods follow each other with no empty one between (sessions always do:
    a session period runs to the next session)."""
    if by == "week":
        return (following - previous).days <= 7
    if by == "month":
        return (following.year * 12 + following.month) - (previous.year * 12 + previous.month) <= 1
    return True


def _x_position(day: date, first: date, last: date) -> float:
    if first == last:
        return 0.5
    return (day - first).days / (last - first).days


def _line(series: TrendSeries, index: int, first: date, last: date, by: str) -> ChartLine:
    segments: list[list[ChartPoint]] = []
    previous: date | None = None
    for point in series.points:
        placed = ChartPoint(
            x=_x_position(point.start, first, last),
            y=max(0.0, min(1.0, point.score / 10)),
            period=point,
        )
        if previous is None or not _adjacent(previous, point.start, by):
            segments.append([])
        segments[-1].append(placed)
        previous = point.start
    return ChartLine(
        label=series.label,
        colour=PALETTE[index % len(PALETTE)],
        dash=DASHES[index % len(DASHES)],
        segments=tuple(tuple(segment) for segment in segments),
    )


def _ticks(days: list[date], first: date, last: date) -> tuple[tuple[float, str], ...]:
    """Date labels left to right, none closer than MIN_LABEL_GAP to the one before; the last
    day replaces a label too close to it, so the axis always ends with the latest period."""
    chosen: list[tuple[float, date]] = []
    for day in days:
        x = _x_position(day, first, last)
        if not chosen or x - chosen[-1][0] >= MIN_LABEL_GAP:
            chosen.append((x, day))
    if days and chosen[-1][1] != days[-1]:
        x = _x_position(days[-1], first, last)
        if len(chosen) > 1 and x - chosen[-1][0] < MIN_LABEL_GAP:
            chosen.pop()
        chosen.append((x, days[-1]))
    return tuple((x, day_label(day)) for x, day in chosen)


def chart_title(by: str) -> str:
    period = {"week": "week", "month": "month", "session": "period between sessions"}[by]
    return f"Scores by {period}, 0 to 10 (higher is better)"


def layout_chart(trends: TrendSection) -> ChartLayout | None:
    """The chart of the export's trends, or None when no dimension has a score."""
    drawable = [series for series in trends.series if series.points]
    if not drawable:
        return None
    days = sorted({point.start for series in drawable for point in series.points})
    first, last = days[0], days[-1]
    panel_count = math.ceil(len(drawable) / MAX_LINES)
    per_panel = math.ceil(len(drawable) / panel_count)
    panels = []
    for start in range(0, len(drawable), per_panel):
        group = drawable[start : start + per_panel]
        panels.append(
            ChartPanel(
                tuple(
                    _line(series, index, first, last, trends.by)
                    for index, series in enumerate(group)
                )
            )
        )
    return ChartLayout(chart_title(trends.by), tuple(panels), _ticks(days, first, last))


class ValueLabel(Struct, frozen=True):
    x: float
    y: float  # where the label sits, 0-1 (moved apart from its neighbours' labels)
    text: str


# Labels of points on their own keep this far apart vertically (share of the height).
LABEL_GAP = 0.08


def value_labels(panel: ChartPanel) -> list[ValueLabel]:
    """The value beside each point that stands alone, nudged apart where two would overlap."""
    singles = sorted(
        (point for line in panel.lines if line.is_single_point for point in line.points),
        key=lambda point: (point.x, point.y),
    )
    labels: list[ValueLabel] = []
    for point in singles:
        y = point.y
        for placed in labels:
            if abs(placed.x - point.x) < 0.08 and abs(placed.y - y) < LABEL_GAP:
                y = placed.y - LABEL_GAP if point.y <= placed.y else placed.y + LABEL_GAP
        labels.append(ValueLabel(point.x, max(0.0, min(1.0, y)), f"{point.period.score:.1f}"))
    return labels


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour (0 black to 1 white)."""

    def channel(value: int) -> float:
        share = value / 255
        return share / 12.92 if share <= 0.03928 else ((share + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


# --- SVG

SVG_WIDTH = 680
SVG_HEIGHT = 210
PLOT_LEFT = 30
PLOT_RIGHT = 24
PLOT_TOP = 12
PLOT_BOTTOM = 26


def _svg_xy(point: ChartPoint) -> tuple[float, float]:
    width = SVG_WIDTH - PLOT_LEFT - PLOT_RIGHT
    height = SVG_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    return PLOT_LEFT + point.x * width, PLOT_TOP + (1 - point.y) * height


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _dash_attribute(line: ChartLine) -> str:
    if not line.dash:
        return ""
    return f' stroke-dasharray="{" ".join(str(part) for part in line.dash)}"'


def panel_svg(layout: ChartLayout, panel: ChartPanel, description: str) -> str:
    """One panel as an <svg> element: grid, date axis, lines, points (each with a tooltip)."""
    width = SVG_WIDTH - PLOT_LEFT - PLOT_RIGHT
    height = SVG_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    bottom = PLOT_TOP + height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SVG_WIDTH} {SVG_HEIGHT}" '
        f'role="img" aria-label="{_escape(description)}" class="trend-chart">'
    ]
    for tick in Y_TICKS:
        y = PLOT_TOP + (1 - tick / 10) * height
        parts.append(
            f'<line x1="{PLOT_LEFT}" y1="{y:.1f}" x2="{PLOT_LEFT + width}" y2="{y:.1f}" '
            f'stroke="#e3e3e8" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{PLOT_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'class="tick">{tick}</text>'
        )
    for x_share, label in layout.x_ticks:
        x = PLOT_LEFT + x_share * width
        parts.append(
            f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 4}" stroke="#8a8a90"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 17}" text-anchor="middle" class="tick date">'
            f"{_escape(label)}</text>"
        )
    for line in panel.lines:
        dash = _dash_attribute(line)
        for segment in line.segments:
            if len(segment) > 1:
                coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in map(_svg_xy, segment))
                parts.append(
                    f'<polyline points="{coordinates}" fill="none" stroke="{line.colour}" '
                    f'stroke-width="2.4" stroke-linejoin="round"{dash}/>'
                )
        for point in line.points:
            x, y = _svg_xy(point)
            radius = 4.5 if line.is_single_point else 3.2
            period = point.period
            entries = f"{period.entries} rated entr{'y' if period.entries == 1 else 'ies'}"
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{line.colour}" '
                f'stroke="#fff" stroke-width="1"><title>{_escape(line.label)}, '
                f"{day_label(period.start)}: {period.score:.1f} ({entries})</title></circle>"
            )
    for value_label in value_labels(panel):
        x = PLOT_LEFT + value_label.x * width
        y = PLOT_TOP + (1 - value_label.y) * height
        parts.append(
            f'<text x="{x + 8:.1f}" y="{y + 4:.1f}" class="value" fill="#1d1d1f">'
            f"{value_label.text}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def swatch_svg(line: ChartLine) -> str:
    """A short stretch of the line, for the legend."""
    dash = _dash_attribute(line)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 10" width="28" height="10" '
        f'aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" stroke="{line.colour}" '
        f'stroke-width="2.4"{dash}/><circle cx="14" cy="5" r="3" fill="{line.colour}"/></svg>'
    )
