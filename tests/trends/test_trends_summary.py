"""The plain-language lines tell the shape of a series, with numbers computed here by hand.

SAFE is a 0-10 safety item, so an answer of 7 scores 7.0. Weeks start on Monday 2025-03-03.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pytest
from trends_samples import SAFE, trend_query

from reflect.core.trends import (
    NOTABLE_CHANGE,
    RELIABLE_MINIMUM_ENTRIES,
    STEADY_THRESHOLD,
    compute_trends,
)
from reflect.errors import ReflectError

MONDAYS = [date(2025, 3, 3) + timedelta(weeks=week) for week in range(12)]


def weekly(write_run, *scores: float | tuple[int, ...]) -> None:
    """One entry per Monday at noon; a tuple is several entries in that week (one a day)."""
    for monday, score in zip(MONDAYS, scores, strict=False):
        values = score if isinstance(score, tuple) else (score,)
        for day, value in enumerate(values):
            write_run(f"{monday + timedelta(days=day)} 12:00", {SAFE: value})


def only_trend(journal, **query):
    report = compute_trends(journal, trend_query(**query))
    (trend,) = report.dimensions
    return trend


def test_the_dip_is_named_with_its_week(journal, write_run):
    # The series 7 -> 8 -> 6 -> 3 -> 5.5 -> 8 -> 6; the 5.5 week holds a 5 and a 6.
    weekly(write_run, 7, 8, 6, 3, (5, 6), 8, 6)
    trend = only_trend(journal)
    # Lowest: 3.0 in the fourth week (Mar 24). Highest: 8.0 in weeks 2 and 6, the latest named.
    # Changes 2.0 or more: -2.0, -3.0, +2.5, +2.5, -2.0 (five); the biggest drop is the -3.0.
    # Halves: 4 + 4 entries split after Mar 24: (7+8+6+3)/4 = 6.0 and (5+6+8+6)/4 = 6.25 -> 6.3,
    # a difference of 0.25 -> 0.3. Usual variation: squares around the half means are
    # 1+4+0+9 = 14 and 1.5625+0.0625+3.0625+0.0625 = 4.75, s = sqrt(18.75 / 6) = 1.768 -> 1.8;
    # it takes 1.96 * 1.768 * sqrt(1/4 + 1/4) = 2.45 -> 2.5 to stand out.
    assert trend.summary_sentence == (
        "Safety went from 7.0 to 6.0 over 7 weeks (8 entries); lowest 3.0 in the week of "
        "24 Mar 2025, highest 8.0 in the week of 7 Apr 2025. Biggest drop between weeks: 3.0, "
        "from 6.0 to 3.0 in the week of 24 Mar 2025 (5 changes of 2.0 or more). Later weeks "
        "averaged 6.3, earlier ones 6.0: a difference of 0.3, within your usual ups and downs "
        "(it takes 2.5 to stand out)."
    )
    summary = trend.summary
    assert (summary.low.start, summary.low.score) == (date(2025, 3, 24), 3.0)
    assert (summary.high.start, summary.high.score) == (date(2025, 4, 7), 8.0)
    assert [
        (c.period.start, c.previous_score, c.score, c.kind) for c in summary.notable_changes
    ] == [
        (date(2025, 3, 17), 8.0, 6.0, "drop"),
        (date(2025, 3, 24), 6.0, 3.0, "drop"),
        (date(2025, 3, 31), 3.0, 5.5, "rise"),
        (date(2025, 4, 7), 5.5, 8.0, "rise"),
        (date(2025, 4, 14), 8.0, 6.0, "drop"),
    ]
    assert summary.direction == "no clear direction"


def test_a_zig_zag_whose_ends_agree_did_not_hold_steady(journal, write_run):
    weekly(write_run, 5, 8, 5, 8, 5)
    trend = only_trend(journal)
    # Equal lows and highs: the latest is named. Four changes of 3.0; of the equal drops the
    # latest (Mar 31). Halves 2 + 3 entries: 6.5 and 6.0, under a point apart: no direction.
    assert trend.summary_sentence == (
        "Safety went from 5.0 to 5.0 over 5 weeks (5 entries); lowest 5.0 in the week of "
        "31 Mar 2025, highest 8.0 in the week of 24 Mar 2025. Biggest drop between weeks: 3.0, "
        "from 8.0 to 5.0 in the week of 31 Mar 2025 (4 changes of 2.0 or more)."
    )
    assert trend.summary.direction == "no clear direction"
    assert "steady" not in trend.summary_sentence


def test_a_series_within_one_point_held_steady(journal, write_run):
    assert STEADY_THRESHOLD == 1
    weekly(write_run, 6, 7, 6, 7)
    trend = only_trend(journal)
    assert trend.summary_sentence == (
        "Safety held steady over 4 weeks (4 entries), between 6.0 and 7.0."
    )
    assert trend.summary.direction == "held steady"


def test_a_series_that_moves_without_a_big_change_is_not_steady(journal, write_run):
    weekly(write_run, 6, 7, 8, 7, 6)
    trend = only_trend(journal)
    # Changes of 1.0 only; a range of 2.0. Halves 2 + 3 entries: 6.5 and 7.0, under a point.
    assert trend.summary_sentence == (
        "Safety went from 6.0 to 6.0 over 5 weeks (5 entries); lowest 6.0 in the week of "
        "31 Mar 2025, highest 8.0 in the week of 17 Mar 2025. Earlier and later weeks averaged "
        "about the same."
    )
    assert trend.summary.direction == "no clear direction"


def test_direction_comes_from_every_point_not_the_two_ends(journal, write_run):
    # First 5 and last 5, but the later half sits higher: halves 3 + 4 entries (the split
    # nearest 3.5 that comes first), (5+4+4)/3 = 4.33 against (5+6+6+5)/4 = 5.5: 1.17 -> 1.2.
    weekly(write_run, 5, 4, 4, 5, 6, 6, 5)
    trend = only_trend(journal)
    assert trend.summary.change == 0.0
    assert trend.summary.direction == "rose"
    assert trend.summary_sentence == (
        "Safety went from 5.0 to 5.0 over 7 weeks (7 entries); lowest 4.0 in the week of "
        "17 Mar 2025, highest 6.0 in the week of 7 Apr 2025. Later weeks averaged 1.2 higher "
        "than earlier ones."
    )


def test_a_drop_between_two_sessions_is_named(journal, write_run):
    from trends_samples import local

    from reflect.store.sessions import add_session

    for held in ("2025-03-03 16:00", "2025-03-10 16:00", "2025-03-17 16:00"):
        add_session(journal, local(held))
    write_run("2025-03-04 10:00", {SAFE: 8})  # after Mar 3: (8 + 7) / 2 = 7.5
    write_run("2025-03-06 10:00", {SAFE: 7})
    write_run("2025-03-11 10:00", {SAFE: 4})  # after Mar 10: 4.0, a drop of 3.5
    write_run("2025-03-18 10:00", {SAFE: 5})  # after Mar 17: 5.0, a rise of 1.0
    trend = only_trend(journal, by="session")
    assert trend.summary_sentence == (
        "Safety went from 7.5 to 5.0 over 3 periods between sessions (4 entries); lowest 4.0 "
        "after the session on 10 Mar 2025. Biggest drop between sessions: 3.5, from 7.5 to 4.0 "
        "after the session on 10 Mar 2025 (the only change of 2.0 or more)."
    )
    assert [period.notable for period in trend.periods] == [False, True, False]


def test_the_notable_threshold_can_be_changed(journal, write_run):
    assert NOTABLE_CHANGE == 2
    weekly(write_run, 6, 7, 5, 6)  # changes +1, -2, +1
    default = only_trend(journal)
    assert [change.change for change in default.summary.notable_changes] == [-2.0]
    finer = only_trend(journal, notable_change=1.0)
    assert [change.change for change in finer.summary.notable_changes] == [1.0, -2.0, 1.0]
    assert "(3 changes of 1.0 or more)" in finer.summary_sentence


@pytest.mark.parametrize("points", [0, -1, 10.5])
def test_a_notable_threshold_off_the_scale_is_an_error(journal, write_run, points):
    weekly(write_run, 6, 7, 5)
    with pytest.raises(ReflectError) as raised:
        compute_trends(journal, trend_query(notable_change=points))
    assert "outside the 0-10 scale" in raised.value.message


def test_reliable_change_on_a_known_series(journal, write_run):
    assert RELIABLE_MINIMUM_ENTRIES == 8
    weekly(write_run, 4, 5, 4, 5, 7, 8, 7, 8)
    trend = only_trend(journal)
    reliable = trend.summary.reliable_change
    # Halves 4.5 and 7.5: a difference of 3.0. Squares around the half means: 4 * 0.25 twice,
    # s = sqrt(2 / 6) = 0.577 -> 0.6; 1.96 * 0.577 * sqrt(1/4 + 1/4) = 0.800 -> 0.8.
    assert (reliable.entries, reliable.difference, reliable.usual_variation) == (8, 3.0, 0.6)
    assert (reliable.needed, reliable.reliable) == (0.8, True)
    assert trend.summary.direction == "rose"
    assert trend.summary_sentence.endswith(
        "Later weeks averaged 7.5, earlier ones 4.5: a difference of 3.0, more than your usual "
        "ups and downs (0.8 or more stands out)."
    )


def test_reliable_change_within_the_usual_ups_and_downs(journal, write_run):
    weekly(write_run, 2, 8, 3, 9, 4, 8, 3, 9)
    reliable = only_trend(journal).summary.reliable_change
    # Halves (2+8+3+9)/4 = 5.5 and (4+8+3+9)/4 = 6.0. Squares: 12.25+6.25+6.25+12.25 = 37 and
    # 4+4+9+9 = 26; s = sqrt(63 / 6) = 3.240 -> 3.2; 1.96 * 3.240 * 0.7071 = 4.49 -> 4.5.
    assert (reliable.difference, reliable.usual_variation, reliable.needed) == (0.5, 3.2, 4.5)
    assert reliable.reliable is False


def test_seven_entries_give_no_reliable_change(journal, write_run):
    weekly(write_run, 4, 5, 4, 5, 7, 8, 7)
    trend = only_trend(journal)
    assert trend.summary.reliable_change is None
    assert "ups and downs" not in trend.summary_sentence


def test_months_are_counted_in_calendar_months(journal, write_run):
    write_run("2025-01-31 10:00", {SAFE: 2})
    write_run("2025-03-01 10:00", {SAFE: 4})
    write_run("2025-03-02 10:00", {SAFE: 6})
    assert only_trend(journal, by="month").summary_sentence == (
        "Safety went from 2.0 to 5.0 over 3 months (3 entries); lowest 2.0 in January 2025. "
        "Biggest rise between months: 3.0, from 2.0 to 5.0 in March 2025 "
        "(the only change of 2.0 or more)."
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


def test_exports_leave_out_what_is_not_enough_yet(journal, write_run):
    from trends_samples import TRUST

    write_run("2025-03-03 10:00", {SAFE: 2, TRUST: 3})
    write_run("2025-03-10 10:00", {SAFE: 9})
    write_run("2025-03-11 10:00", {SAFE: 4})
    report = compute_trends(journal, trend_query())
    assert [trend.name for trend in report.dimensions] == ["trust", "safety"]
    assert "not enough yet" in report.dimensions[0].summary_sentence
    lines = report.summary_lines()
    assert len(lines) == 1 and lines[0].startswith("Safety went from 2.0 to 6.5")
    exported = json.dumps(report.to_json_dict(for_export=True))
    assert "not enough" not in exported
    assert "not enough yet" in json.dumps(report.to_json_dict())


def test_one_period_gives_its_score_without_a_direction(journal, write_run):
    for day, value in (("2025-03-03", 4), ("2025-03-04", 5), ("2025-03-05", 6)):
        write_run(f"{day} 10:00", {SAFE: value})
    trend = only_trend(journal)
    assert trend.summary_sentence == (
        "Safety was 5.0 in the week of 3 Mar 2025 (3 entries); "
        "a trend shows once there are two weeks."
    )
    assert trend.summary.export_sentence == "Safety was 5.0 in the week of 3 Mar 2025 (3 entries)."


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
    line = only_trend(journal).summary_sentence
    assert line.startswith("Safety went from 3.0 to ")
    assert " over the last 3 weeks (3 entries); " in line


def test_no_sentence_judges(journal, write_run):
    weekly(write_run, 9, 1, 2, 8, 2, 9, 1, 1, 3)
    line = only_trend(journal).summary_sentence.lower()
    assert "drop" in line
    for judgement in ("improv", "declin", "worse", "better", "good", "bad", "poor"):
        assert judgement not in line
