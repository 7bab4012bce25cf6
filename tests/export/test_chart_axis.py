"""The chart's date labels, however many periods: no two closer than the minimum gap, the first
period's date first and the latest one last, a label too close to it making way
(tests/MUTATION.md: kills surviving mutants of reflect/render/export/chart.py)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from reflect.core.export import TrendPoint, TrendSection, TrendSeries
from reflect.render.export.chart import MIN_LABEL_GAP, day_label, layout_chart

MONDAY = date(2026, 1, 5)


def _weeks(count: int) -> TrendSection:
    points = tuple(
        TrendPoint(MONDAY + timedelta(weeks=week), MONDAY + timedelta(weeks=week, days=6), 5.0, 1)
        for week in range(count)
    )
    series = (TrendSeries("ease", "Ease", points),)
    return TrendSection(by="week", summary_lines=(), series=series)


@pytest.mark.parametrize("weeks", range(2, 41))
def test_date_labels_keep_their_distance_and_end_on_the_latest_period(weeks: int):
    layout = layout_chart(_weeks(weeks))
    assert layout is not None
    positions = [x for x, _ in layout.x_ticks]
    labels = [label for _, label in layout.x_ticks]
    assert labels[0] == day_label(MONDAY)
    assert labels[-1] == day_label(MONDAY + timedelta(weeks=weeks - 1))
    assert positions[0] == 0 and positions[-1] == 1
    gaps = [after - before for before, after in pairwise(positions)]
    assert all(gap >= MIN_LABEL_GAP for gap in gaps), (weeks, labels)
