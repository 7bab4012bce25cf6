"""The plain-language lines: rose / fell / held steady by how much, never a verdict."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from trends_samples import SAFE, trend_query

from reflect.core.trends import STEADY_THRESHOLD, compute_trends


def sentence(journal, **query) -> str:
    report = compute_trends(journal, trend_query(**query))
    assert len(report.summary_lines()) == 1
    return report.summary_lines()[0]


def test_a_rise_says_by_how_much_and_over_what_span(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 5})  # week of Mar 3: 5.0
    write_run("2025-03-10 10:00", {SAFE: 6})  # week of Mar 10: 6.0
    write_run("2025-03-24 10:00", {SAFE: 7})  # week of Mar 24: (0.7 + 0.8) / 2 -> 7.5
    write_run("2025-03-25 10:00", {SAFE: 8})
    # 7.5 - 5.0 = 2.5; Mar 3 to Mar 24 is 3 weeks apart, so it spans 4 weeks.
    assert sentence(journal) == "Safety rose by 2.5, from 5.0 to 7.5, over 4 weeks (4 entries)."


def test_a_change_of_exactly_the_threshold_is_a_fall(journal, write_run):
    assert Decimal("0.5") == STEADY_THRESHOLD
    write_run("2025-03-03 10:00", {SAFE: 6})  # 6.0
    write_run("2025-03-10 10:00", {SAFE: 5})  # (0.5 + 0.6) / 2 -> 5.5
    write_run("2025-03-11 10:00", {SAFE: 6})
    assert sentence(journal) == "Safety fell by 0.5, from 6.0 to 5.5, over 2 weeks (3 entries)."


def test_a_small_change_held_steady(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 6})  # 6.0
    for day in ("2025-03-10", "2025-03-11", "2025-03-12"):  # (6 + 7 + 6) / 3 = 6.33 -> 6.3
        write_run(f"{day} 10:00", {SAFE: 7 if day == "2025-03-11" else 6})
    assert sentence(journal) == ("Safety held steady, from 6.0 to 6.3, over 2 weeks (4 entries).")


def test_months_are_counted_in_calendar_months(journal, write_run):
    write_run("2025-01-31 10:00", {SAFE: 2})
    write_run("2025-03-01 10:00", {SAFE: 4})
    write_run("2025-03-02 10:00", {SAFE: 6})
    assert sentence(journal, by="month") == (
        "Safety rose by 3.0, from 2.0 to 5.0, over 3 months (3 entries)."
    )


def test_fewer_than_three_scored_entries_is_not_enough_yet(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 2})
    write_run("2025-03-10 10:00", {SAFE: 9})
    write_run("2025-03-11 10:00", {SAFE: None})  # skipped: not a scored entry
    report = compute_trends(journal, trend_query())
    (trend,) = report.dimensions
    assert trend.summary.direction is None
    assert trend.summary_sentence == (
        "Safety: not enough yet to show a trend (2 scored entries so far; a trend needs 3)."
    )


def test_one_period_gives_its_score_without_a_direction(journal, write_run):
    for day, value in (("2025-03-03", 4), ("2025-03-04", 5), ("2025-03-05", 6)):
        write_run(f"{day} 10:00", {SAFE: value})
    assert sentence(journal) == (
        "Safety was 5.0 in the week of 2025-03-03 (3 entries); "
        "a trend shows once there are two weeks."
    )


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 8, 23, 59, 59, 999999),
        datetime(2026, 11, 9, 0, 0),
        datetime(2026, 11, 4, 12),
    ],
    ids=["sunday-before-midnight", "monday-at-midnight", "midweek"],
)
def test_a_span_reaching_this_week_says_the_last(journal, write_run, frozen_clock, now):
    # Two weeks back and today are always three calendar weeks, whatever day today is; the
    # test and the program read the same clock, so midnight cannot fall between them.
    today = frozen_clock(now).date()
    at = [datetime.combine(today - timedelta(days=days), time(12)) for days in (14, 1, 0)]
    for moment, value in zip(at, (3, 6, 8), strict=True):
        write_run(moment.strftime("%Y-%m-%d %H:%M"), {SAFE: value})
    line = sentence(journal)
    assert line.startswith("Safety rose by ")
    assert line.endswith(" over the last 3 weeks (3 entries).")


def test_no_sentence_judges(journal, write_run):
    for day, value in (("2025-03-03", 9), ("2025-03-10", 1), ("2025-03-11", 2)):
        write_run(f"{day} 10:00", {SAFE: value})
    line = sentence(journal).lower()
    assert "fell" in line
    for judgement in ("improv", "declin", "worse", "better", "good", "bad"):
        assert judgement not in line
