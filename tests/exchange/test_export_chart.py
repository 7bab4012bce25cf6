"""The export's trend chart: dates on the time axis placed by real time, gaps for empty
periods, full legend names, a colour-blind-safe palette whose neighbours differ in lightness,
a lone point drawn with its value, and at most six lines per chart."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

from reflect.core.export import TrendPoint, TrendSection, TrendSeries
from reflect.render.export.chart import (
    MAX_LINES,
    PALETTE,
    layout_chart,
    panel_svg,
    relative_luminance,
)
from reflect.render.export.html import chart_panels

MONDAY = date(2026, 11, 2)


def series(label: str, weeks: list[int], score: float = 6.0) -> TrendSeries:
    return TrendSeries(
        dimension=label.lower().replace(" ", "-"),
        label=label,
        points=tuple(
            TrendPoint(
                MONDAY + timedelta(weeks=week),
                MONDAY + timedelta(weeks=week, days=6),
                score + week / 10,
                2,
            )
            for week in weeks
        ),
    )


def section(*lines: TrendSeries, by: str = "week") -> TrendSection:
    return TrendSection(by=by, summary_lines=(), series=lines)  # type: ignore[arg-type]


def test_neighbouring_colours_differ_in_lightness():
    luminance = [relative_luminance(colour) for colour in PALETTE]
    for first, second in itertools.pairwise(luminance):
        lighter, darker = max(first, second), min(first, second)
        assert (lighter + 0.05) / (darker + 0.05) >= 1.6  # a visible step in lightness


def test_the_palette_is_okabe_ito():
    okabe_ito = {
        "#000000",
        "#E69F00",
        "#56B4E9",
        "#009E73",
        "#F0E442",
        "#0072B2",
        "#D55E00",
        "#CC79A7",
    }
    assert set(PALETTE) <= okabe_ito and len(PALETTE) == MAX_LINES


def test_time_axis_is_spaced_by_real_time_and_an_empty_week_breaks_the_line():
    layout = layout_chart(section(series("Safety", [0, 1, 3])))
    assert layout is not None
    [line] = layout.panels[0].lines
    assert [round(point.x, 3) for point in line.points] == [0.0, 0.333, 1.0]
    assert [len(segment) for segment in line.segments] == [2, 1]  # week 2 is empty
    assert [label for _, label in layout.x_ticks] == ["2 Nov", "9 Nov", "23 Nov"]


def test_axis_labels_are_thinned_but_always_dates_and_end_on_the_latest():
    layout = layout_chart(section(series("Safety", list(range(30)))))
    assert layout is not None
    labels = [label for _, label in layout.x_ticks]
    assert len(labels) <= 10
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", label) for label in labels)
    assert labels[-1] == "24 May"  # 29 weeks after 2 Nov


def test_a_lone_point_is_drawn_as_a_point_with_its_value():
    layout = layout_chart(section(series("Feeling understood", [1], score=4.0)))
    assert layout is not None
    svg = panel_svg(layout, layout.panels[0], "chart")
    assert "<polyline" not in svg
    assert svg.count("<circle") == 1
    assert ">4.1</text>" in svg


def test_more_than_six_dimensions_make_small_multiples_with_whole_names():
    names = [f"Dimension with a long name number {index}" for index in range(10)]
    title, panels = chart_panels(section(*(series(name, [0, 1]) for name in names)))
    assert [len(panel.legend) for panel in panels] == [5, 5]
    assert [item.label for panel in panels for item in panel.legend] == names
    assert all(len(panel.legend) <= MAX_LINES for panel in panels)
    assert "higher is better" in title


def test_session_periods_are_one_line_however_far_apart():
    layout = layout_chart(section(series("Safety", [0, 3, 4]), by="session"))
    assert layout is not None
    assert [len(segment) for segment in layout.panels[0].lines[0].segments] == [3]
