"""store.trends.lowest_entries: each dimension's lowest entry, the earliest of equal ones, found in
the same streaming walk as the period scores (no window over every entry score, no sort of one
row per entry, no second walk)."""

from __future__ import annotations

from trends_samples import GUARDED, SAFE, TRUST

from reflect.core.trends import EARLIEST, LATEST
from reflect.model import DateRange, EntryFilter
from reflect.store.trends import Scoring, _ScoredItems, lowest_entries, period_scores_sql

# What compute_trends hands the store: the whole journal, as a range of the years reflect keeps.
WHOLE = EntryFilter(dates=DateRange(since=EARLIEST, until=LATEST), drafts=False)


def lowest(journal) -> dict[str, tuple[str, float, int]]:
    return {
        row.series: (row.entry_id, row.score, row.entries) for row in lowest_entries(journal, WHOLE)
    }


def test_the_lowest_entry_score_of_each_dimension_with_its_count(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 6, TRUST: 2})  # safety 0.6, trust 0.25
    low_safety = write_run("2025-03-04 10:00", {SAFE: 3, TRUST: 4})  # safety 0.3, trust 0.75
    low_trust = write_run("2025-03-05 10:00", {SAFE: 9, TRUST: 1})  # safety 0.9, trust 0.0
    found = lowest(journal)
    assert found["safety"] == (low_safety, 0.3, 3)
    assert found["trust"] == (low_trust, 0.0, 3)


def test_of_equal_scores_the_earliest_entry_is_the_lowest(journal, write_run):
    write_run("2025-03-05 10:00", {SAFE: 8})
    later = write_run("2025-03-04 10:00", {SAFE: 2})
    earliest = write_run("2025-03-03 10:00", {SAFE: 2})
    write_run("2025-03-06 10:00", {SAFE: 2})
    assert lowest(journal)["safety"] == (earliest, 0.2, 4)
    assert later != earliest


def test_of_equal_scores_at_the_same_moment_the_smaller_id_is_the_lowest(journal, write_run):
    ids = [write_run("2025-03-03 10:00", {SAFE: 4}) for _ in range(5)]
    assert lowest(journal)["safety"][0] == min(ids)


def test_an_entry_score_is_the_mean_of_its_items(journal, write_run):
    # safety: 0.9 and GUARDED 5 on 1-5 reversed -> 0.0: mean 0.45, below the other entry's 0.5.
    mixed = write_run("2025-03-03 10:00", {SAFE: 9, GUARDED: 5})
    write_run("2025-03-04 10:00", {SAFE: 5})
    assert lowest(journal)["safety"][:2] == (mixed, 0.45)


def plan(journal, sql: str, parameters) -> list[str]:
    return [row[3] for row in journal.query("EXPLAIN QUERY PLAN " + sql, parameters)]


def test_the_whole_journal_is_scored_without_a_sort_of_every_entry(journal, write_run):
    # The dates compute_trends passes pick the entries through entry_live_by_time, in
    # (created_at, rowid) order: the per-entry GROUP BY follows it and streams, so the only
    # temporary B-tree is the one of the periods (or of the dimensions), not one row per entry.
    write_run("2025-03-03 10:00", {SAFE: 4})
    for by in ("week", "month", "session"):
        for series in ("dimension", "entry", "question"):
            for with_lowest in (False, True):
                sql, parameters = period_scores_sql(by, WHOLE, series=series, lowest=with_lowest)
                steps = plan(journal, sql, parameters)
                assert steps.count("USE TEMP B-TREE FOR GROUP BY") == 1, (by, series, steps)
    items = _ScoredItems.of(WHOLE, Scoring())
    sql = (
        "SELECT 1 FROM entry CROSS JOIN answer ON answer.entry_id = entry.id "
        f"WHERE {items.where} GROUP BY entry.created_at, entry.rowid, answer.dimension"
    )
    assert not any("TEMP B-TREE" in step for step in plan(journal, sql, items.where_parameters))


def test_a_score_outside_the_scale_still_sorts_by_its_value(journal, write_run):
    # Damaged data (a value below its scale's minimum) gives a negative entry score: the
    # shifted key still orders -0.2 below -0.1 (unshifted text would not).
    write_run("2025-03-03 10:00", {SAFE: 1})
    low = write_run("2025-03-04 10:00", {SAFE: 2})
    write_run("2025-03-05 10:00", {SAFE: 3})
    journal.execute("UPDATE answer SET value_number = -2 WHERE entry_id = ?", (low,))
    other = write_run("2025-03-06 10:00", {SAFE: 4})
    journal.execute("UPDATE answer SET value_number = -1 WHERE entry_id = ?", (other,))
    assert lowest(journal)["safety"][:2] == (low, -0.2)
