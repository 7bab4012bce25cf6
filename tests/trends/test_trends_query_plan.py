"""The trend query reads answers through the covering index, entry by entry, with one sort."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reflect.model import DateRange, EntryFilter
from reflect.store.trends import DimensionJoin, FollowUpRule, Scoring, period_scores_sql


def plan_of(journal, by: str, selection: EntryFilter, series: str = "dimension") -> list[str]:
    sql, parameters = period_scores_sql(by, selection, series=series)
    return [row[3] for row in journal.query("EXPLAIN QUERY PLAN " + sql, parameters)]


@pytest.mark.parametrize("by", ["week", "month", "session"])
@pytest.mark.parametrize(
    "selection",
    [
        EntryFilter(),
        EntryFilter(dates=DateRange(since=datetime(2025, 1, 1, tzinfo=UTC)), pack="checkin"),
    ],
)
def test_scores_come_from_the_covering_index_without_scanning_answers(journal, by, selection):
    plan = plan_of(journal, by, selection)
    assert any(
        step.startswith("SEARCH answer USING COVERING INDEX answer_scores_by_entry (entry_id=?")
        for step in plan
    ), plan
    assert not any(step.startswith("SCAN answer") for step in plan), plan


@pytest.mark.parametrize("by", ["week", "month", "session"])
def test_the_whole_journal_needs_only_the_per_period_sort(journal, by):
    # Entries are read in rowid order and each one's items come sorted by dimension from the
    # index, so the per-entry GROUP BY streams; a date filter may use an entry index instead,
    # which is worth a sort of the (fewer) entries it selects.
    plan = plan_of(journal, by, EntryFilter())
    assert plan.count("USE TEMP B-TREE FOR GROUP BY") == 1, plan


def test_session_periods_are_found_by_a_seek_in_the_session_index(journal):
    plan = plan_of(journal, "session", EntryFilter())
    assert any("therapy_session USING COVERING INDEX therapy_session_by_date" in s for s in plan)


JOINS = (DimensionJoin("bond", "connection"), DimensionJoin("rupture", "ease", inverted=True))
FOLLOW_UPS = (
    FollowUpRule("hash-ruptures", "strain-size", "strain", equals="yes"),
    FollowUpRule("hash-alliance", "what-feels-off", "sessions-make-sense", at_most=2),
)


@pytest.mark.parametrize("by", ["week", "month", "session"])
def test_joined_names_and_follow_up_rules_keep_the_streaming_plan(journal, by):
    # Joined names are grouped by the stored name, which the index delivers in order; the
    # follow-up check is a seek on the answer's own (entry_id, question_id) key.
    scoring = Scoring(joins=JOINS, follow_ups=FOLLOW_UPS)
    sql, parameters = period_scores_sql(by, EntryFilter(), scoring=scoring)
    plan = [row[3] for row in journal.query("EXPLAIN QUERY PLAN " + sql, parameters)]
    assert plan.count("USE TEMP B-TREE FOR GROUP BY") == 1, plan
    assert any("COVERING INDEX answer_scores_by_entry" in step for step in plan), plan
    assert any(
        step.startswith("SEARCH earlier USING INDEX sqlite_autoindex_answer_1") for step in plan
    ), plan
