"""compute_trends against scores worked out by hand (the arithmetic is in each test).

Item score: (value - min) / (max - min), flipped to 1 - x when reverse-scored; entry score: mean
of its answered items of that dimension; period score: mean of its entries; shown x10, one
decimal, halves rounded up. Entries are dated in 2025 so no period contains today.
"""

from __future__ import annotations

from datetime import date

import pytest
from trends_samples import (
    FELT_SAFE,
    GUARDED,
    REVIEW,
    SAFE,
    STOOD_OUT,
    TRUST,
    local,
    scale,
    trend_query,
)

from reflect.core.trends import DimensionTrend, compute_trends, display_score
from reflect.errors import ReflectError


def trend_of(journal, name: str, **query) -> DimensionTrend:
    report = compute_trends(journal, trend_query(**query))
    matching = [trend for trend in report.dimensions if trend.name == name]
    assert matching, f"no {name} trend in {[trend.name for trend in report.dimensions]}"
    return matching[0]


def scores(trend: DimensionTrend) -> list[tuple[str, int, float]]:
    return [(period.start.isoformat(), period.entries, period.score) for period in trend.periods]


def test_mixed_ranges_reverse_items_and_skips_average_per_entry(journal, write_run):
    # Mon: safe 7 -> 0.7; guarded 2 on 1-5 reversed -> 1 - (2-1)/4 = 0.75; entry (0.7+0.75)/2
    #      = 0.725. Trust 4 on 1-5 -> 0.75. The text answer and the skip change nothing.
    write_run("2025-03-03 10:00", {SAFE: 7, GUARDED: 2, TRUST: 4, STOOD_OUT: "words"})
    # Wed: safe 4 -> 0.4; guarded skipped; entry 0.4. Trust skipped: no trust score at all.
    write_run("2025-03-05 10:00", {SAFE: 4, GUARDED: None, TRUST: None})
    # Fri: safe skipped; guarded 5 -> 1 - 1 = 0.0; entry 0.0. Trust 2 -> 0.25.
    write_run("2025-03-07 10:00", {SAFE: None, GUARDED: 5, TRUST: 2})
    # Safety: (0.725 + 0.4 + 0.0) / 3 = 0.375 -> 3.75 -> 3.8 (pooling the four items instead
    # would give (0.7 + 0.75 + 0.4 + 0.0) / 4 = 0.4625 -> 4.6).
    assert scores(trend_of(journal, "safety")) == [("2025-03-03", 3, 3.8)]
    # Trust: (0.75 + 0.25) / 2 = 0.5 -> 5.0, from two entries.
    assert scores(trend_of(journal, "trust")) == [("2025-03-03", 2, 5.0)]


def test_each_answer_keeps_the_range_it_was_asked_with(journal, write_run):
    # The pack changed 'safe' from 1-5 to 0-10; the old answer keeps its 1-5 snapshot.
    old_safe = scale("safe", "safety", 1, 5)
    write_run("2025-03-03 10:00", {old_safe: 5})  # (5-1)/4 = 1.0
    write_run("2025-03-04 10:00", {SAFE: 5})  # 5/10 = 0.5
    # (1.0 + 0.5) / 2 = 0.75 -> 7.5
    assert scores(trend_of(journal, "safety")) == [("2025-03-03", 2, 7.5)]


def test_several_packs_feed_one_dimension_and_pack_narrows_it(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 8})  # checkin: 0.8
    write_run("2025-03-04 10:00", {FELT_SAFE: 2}, pack=REVIEW)  # review: (2-1)/4 = 0.25
    # Both packs: (0.8 + 0.25) / 2 = 0.525 -> 5.25 -> 5.3 (half up)
    assert scores(trend_of(journal, "safety")) == [("2025-03-03", 2, 5.3)]
    # Only the review pack: 0.25 -> 2.5, and its question shown on its own.
    report = compute_trends(journal, trend_query(pack="review"))
    assert [scores(trend) for trend in report.dimensions] == [[("2025-03-03", 1, 2.5)]]
    assert [(trend.name, trend.dimension, scores(trend)) for trend in report.questions] == [
        ("felt_safe", "safety", [("2025-03-03", 1, 2.5)])
    ]


def test_pack_questions_of_one_dimension_are_shown_separately(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 6, GUARDED: 4})  # safe 0.6; guarded 1 - 3/4 = 0.25
    write_run("2025-03-04 10:00", {SAFE: 9, GUARDED: None})  # safe 0.9
    report = compute_trends(journal, trend_query(pack="checkin"))
    by_question = {trend.name: scores(trend) for trend in report.questions}
    # safe: (0.6 + 0.9) / 2 = 0.75 -> 7.5; guarded: 0.25 -> 2.5 from its one answer
    assert by_question == {"safe": [("2025-03-03", 2, 7.5)], "guarded": [("2025-03-03", 1, 2.5)]}
    # safety per entry: (0.6 + 0.25) / 2 = 0.425 and 0.9; mean 0.6625 -> 6.625 -> 6.6
    assert scores(trend_of(journal, "safety", pack="checkin")) == [("2025-03-03", 2, 6.6)]


def test_drafts_count_only_when_asked(journal, write_run, write_draft):
    write_run("2025-03-03 10:00", {SAFE: 2})  # 0.2
    write_draft("2025-03-04 10:00", {SAFE: 8})  # 0.8, unfinished
    assert scores(trend_of(journal, "safety")) == [("2025-03-03", 1, 2.0)]
    # (0.2 + 0.8) / 2 = 0.5 -> 5.0
    assert scores(trend_of(journal, "safety", include_drafts=True)) == [("2025-03-03", 2, 5.0)]


def test_trashed_entries_never_count(journal, write_run, write_draft, trash):
    write_run("2025-03-03 10:00", {SAFE: 2})
    trash(write_run("2025-03-04 10:00", {SAFE: 10}))
    trash(write_draft("2025-03-05 10:00", {SAFE: 10}))
    assert scores(trend_of(journal, "safety", include_drafts=True)) == [("2025-03-03", 1, 2.0)]


def test_private_entries_count_unless_left_out(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 2})
    write_run("2025-03-04 10:00", {SAFE: 6}, private=True)
    # (0.2 + 0.6) / 2 = 0.4 -> 4.0
    assert scores(trend_of(journal, "safety")) == [("2025-03-03", 2, 4.0)]
    assert scores(trend_of(journal, "safety", include_private=False)) == [("2025-03-03", 1, 2.0)]


def test_weeks_start_on_monday_in_local_time(journal, write_run, local_zone):
    local_zone("America/New_York")  # UTC-5 in March before the 9th
    # Sunday 23:30 in New York is Monday 04:30 UTC: it still belongs to the week of Feb 24.
    write_run("2025-03-02 23:30", {SAFE: 2})
    write_run("2025-03-03 00:30", {SAFE: 4})  # Monday: week of Mar 3
    write_run("2025-03-09 23:59", {SAFE: 6})  # Sunday (clocks went forward that morning)
    # Week of Mar 3: (0.4 + 0.6) / 2 = 0.5 -> 5.0
    trend = trend_of(journal, "safety")
    assert scores(trend) == [("2025-02-24", 1, 2.0), ("2025-03-03", 2, 5.0)]
    assert [(period.end, period.label, period.change) for period in trend.periods] == [
        (date(2025, 3, 2), "2025-W09", None),
        (date(2025, 3, 9), "2025-W10", 3.0),
    ]


def test_months_follow_the_local_calendar(journal, write_run, local_zone):
    local_zone("Europe/Berlin")
    write_run("2025-01-31 23:30", {SAFE: 3})  # 22:30 UTC, still January in Berlin
    write_run("2025-02-01 00:30", {SAFE: 5})  # 23:30 UTC on Jan 31, but February in Berlin
    write_run("2025-02-28 12:00", {TRUST: 5})  # no safety answer: not in the safety series
    trend = trend_of(journal, "safety", by="month")
    assert scores(trend) == [("2025-01-01", 1, 3.0), ("2025-02-01", 1, 5.0)]
    assert [(period.end, period.label) for period in trend.periods] == [
        (date(2025, 1, 31), "2025-01"),
        (date(2025, 2, 28), "2025-02"),
    ]


def test_session_periods_run_between_recorded_sessions(journal, write_run):
    from reflect.store.sessions import add_session

    add_session(journal, local("2025-03-03 00:00"))  # recorded as a bare date
    add_session(journal, local("2025-03-10 16:00"))  # recorded at the time it was held
    write_run("2025-03-01 10:00", {SAFE: 1})  # before the first session
    write_run("2025-03-02 10:00", {SAFE: 3})  # before: (0.1 + 0.3) / 2 = 0.2 -> 2.0
    write_run("2025-03-05 10:00", {SAFE: 5})  # after Mar 3
    write_run("2025-03-10 10:00", {SAFE: 7})  # Mar 10, before that day's session: (0.5+0.7)/2
    write_run("2025-03-10 18:00", {SAFE: 9})  # after the Mar 10 session
    trend = trend_of(journal, "safety", by="session")
    assert [
        (period.label, period.start, period.end, period.entries, period.score)
        for period in trend.periods
    ] == [
        ("before first session", date(2025, 3, 1), date(2025, 3, 2), 2, 2.0),
        ("session 2025-03-03", date(2025, 3, 3), date(2025, 3, 10), 2, 6.0),
        ("session 2025-03-10", date(2025, 3, 10), date(2025, 3, 10), 1, 9.0),
    ]
    assert trend.summary_sentence == (
        "Safety went from 2.0 to 9.0 over 3 periods between sessions (5 entries); lowest 2.0 "
        "before the first recorded session. Biggest rise between sessions: 4.0, from 2.0 to "
        "6.0 after the session on 3 Mar 2025 (2 changes of 2.0 or more)."
    )


def test_without_sessions_every_entry_is_before_the_first(journal, write_run):
    write_run("2025-03-01 10:00", {SAFE: 4})
    report = compute_trends(journal, trend_query(by="session"))
    assert report.sessions_recorded == 0
    assert [period.label for period in report.dimensions[0].periods] == ["before first session"]


def test_since_and_until_are_inclusive(journal, write_run):
    for day, value in (("2025-03-03", 1), ("2025-03-04", 2), ("2025-03-05", 3), ("2025-03-06", 4)):
        write_run(f"{day} 10:00", {SAFE: value})
    from reflect.core.dates import parse_when

    since = parse_when("2025-03-04", journal)
    until = parse_when("2025-03-05", journal, end_of_day=True)
    # Mar 4 and 5: (0.2 + 0.3) / 2 = 0.25 -> 2.5
    assert scores(trend_of(journal, "safety", since=since, until=until)) == [("2025-03-03", 2, 2.5)]


def test_dimension_filter_keeps_only_those_asked_for(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 4, TRUST: 5})
    report = compute_trends(journal, trend_query(dimensions=("Trust",)))
    assert [trend.name for trend in report.dimensions] == ["trust"]


def test_unknown_dimension_is_an_error_naming_the_known_ones(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 4, TRUST: 5})
    with pytest.raises(ReflectError) as raised:
        compute_trends(journal, trend_query(dimensions=("safty",)))
    assert "safty" in raised.value.message
    # In the order of the packs' themes: trust comes first.
    assert raised.value.hint == "Dimensions in your journal: trust, safety."


def test_unknown_pack_is_an_error_naming_the_packs_used(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 4})
    with pytest.raises(ReflectError) as raised:
        compute_trends(journal, trend_query(pack="nope"))
    assert raised.value.hint == "Packs in your journal: checkin."


@pytest.mark.parametrize(
    ("mean", "shown"),
    [(0.725, 7.3), (0.625, 6.3), (0.6625, 6.6), (0.05, 0.5), (0.04999, 0.5), (1.0, 10.0)],
)
def test_scores_round_half_up_to_one_decimal(mean, shown):
    assert float(display_score(mean)) == shown


def test_entries_written_out_of_order_still_list_oldest_period_first(journal, write_run):
    # Written out of order (an entry dated later first): periods still come oldest first.
    write_run("2025-03-12 10:00", {SAFE: 8})
    write_run("2025-03-03 10:00", {SAFE: 2})
    assert scores(trend_of(journal, "safety")) == [("2025-03-03", 1, 2.0), ("2025-03-10", 1, 8.0)]
