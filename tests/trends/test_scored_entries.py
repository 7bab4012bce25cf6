"""TrendReport.scored_entries (the entries per period the brief's table counts): only the periods
among each dimension's latest `entry_details` are read, each counted in full, and the brief's
table is what it was when every period was counted."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from msgspec.structs import replace
from trends_samples import SAFE, TRUST, local, trend_query

from reflect.core.brief import MAX_ROWS, _table
from reflect.core.trends import compute_trends
from reflect.store.sessions import add_session

MONDAY = date(2025, 1, 6)


def week(index: int, hour: int = 10) -> str:
    return f"{MONDAY + timedelta(weeks=index)} {hour:02d}:00"


def report_of(journal, details: int, by: str = "week"):
    return compute_trends(journal, replace(trend_query(by=by), entry_details=details))


def test_the_latest_periods_of_every_dimension_are_counted_and_no_earlier(journal, write_run):
    # Safety every week for 20 weeks; trust only in weeks 0, 5 and 10.
    for index in range(20):
        answers = {SAFE: 5}
        if index in (0, 5, 10):
            answers[TRUST] = 3
        write_run(week(index), answers)
        write_run(week(index, hour=20), {SAFE: 6})  # two scored entries a week
    report = report_of(journal, details=3)
    # Trust's latest three weeks reach back to week 0: every week is counted, two entries each.
    assert [period.start for period in report.scored_entries] == [
        MONDAY + timedelta(weeks=index) for index in range(20)
    ]
    assert {period.entries for period in report.scored_entries} == {2}
    # Without the sparse dimension the counts start at safety's third-latest week.
    safety_only = compute_trends(
        journal, replace(trend_query(dimensions=("safety",)), entry_details=3)
    )
    assert [period.start for period in safety_only.scored_entries] == [
        MONDAY + timedelta(weeks=index) for index in range(17, 20)
    ]
    assert report_of(journal, details=0).scored_entries == ()


@pytest.mark.parametrize("by", ["week", "month", "session"])
def test_the_briefs_table_counts_the_same_as_with_every_period(journal, write_run, by):
    for index in range(60):  # 60 weeks: 14 months
        write_run(week(index), {SAFE: index % 10, TRUST: 1 + index % 5})
        if index % 3 == 0:
            write_run(week(index, hour=21), {SAFE: 9})
        if by == "session" and index % 2 == 0:
            add_session(journal, local(week(index, hour=15)))
    every = report_of(journal, details=10_000, by=by)
    latest = report_of(journal, details=MAX_ROWS, by=by)
    assert len(latest.scored_entries) < len(every.scored_entries)
    assert _table(latest, by) == _table(every, by)
    table = _table(latest, by)
    assert table is not None and len(table.rows) == MAX_ROWS and table.rows_left_out > 0
