"""What `reflect trends` says when it is asked for something it cannot give: each refusal in
its exact words, naming what the journal does hold (the promise of a message a person can act
on), and the edges of what it accepts."""

from __future__ import annotations

import pytest
from msgspec.structs import replace
from trends_samples import FELT_SAFE, REVIEW, SAFE, TRUST, trend_query

from reflect.core.trends import compute_trends
from reflect.errors import ReflectError


def refusal(journal, **query) -> ReflectError:
    with pytest.raises(ReflectError) as raised:
        compute_trends(journal, trend_query(**query))
    return raised.value


def test_an_unknown_grouping_is_refused_with_the_three_there_are(journal):
    query = replace(trend_query(), by="year")  # type: ignore[arg-type]
    with pytest.raises(ReflectError) as raised:
        compute_trends(journal, query)
    assert raised.value.message == "Cannot group trends by 'year'."
    assert raised.value.hint == "Use --by week, --by month or --by session."


@pytest.mark.parametrize(("points", "shown"), [(0, "0"), (-1, "-1"), (10.5, "10.5")])
def test_a_notable_change_off_the_scale_is_refused_in_points(journal, points, shown):
    error = refusal(journal, notable_change=points)
    assert error.message == f"A notable change of {shown} points is outside the 0-10 scale."
    assert error.hint == "Give a number of points above 0 and at most 10, for example --notable 2."


@pytest.mark.parametrize("points", [10, 0.1])
def test_a_notable_change_up_to_the_whole_scale_is_accepted(journal, write_run, points):
    write_run("2025-03-03 10:00", {SAFE: 5})
    report = compute_trends(journal, trend_query(notable_change=points))
    assert report.query.notable_change == points


def test_one_unknown_dimension_is_named_with_those_the_journal_has(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 5, TRUST: 3})
    error = refusal(journal, dimensions=("sleep",))
    assert error.message == "No answers feed the dimension 'sleep'."
    assert error.hint == "Dimensions in your journal: trust, safety."  # the themes' order


def test_several_unknown_dimensions_are_named_together(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 5})
    error = refusal(journal, dimensions=("sleep", "Safety", "appetite"))
    assert error.message == "No answers feed the dimensions 'sleep', 'appetite'."
    assert error.hint == "Dimensions in your journal: safety."


def test_a_dimension_asked_for_before_anything_is_scored_gives_the_empty_report(journal):
    report = compute_trends(journal, trend_query(dimensions=("sleep",)))
    assert report.is_empty


def test_dimensions_are_matched_without_case_or_spaces_and_once(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 5, TRUST: 3})
    report = compute_trends(journal, trend_query(dimensions=(" Safety", "SAFETY")))
    assert [trend.name for trend in report.dimensions] == ["safety"]


def test_a_pack_never_used_is_named_with_the_packs_that_were(journal, write_run):
    write_run("2025-03-03 10:00", {SAFE: 5})
    write_run("2025-03-04 10:00", {FELT_SAFE: 4}, pack=REVIEW)
    error = refusal(journal, pack="evening")
    assert error.message == "No entries were written with the pack 'evening'."
    assert error.hint == "Packs in your journal: checkin, review."


def test_a_pack_asked_for_in_an_empty_journal_has_no_list_to_offer(journal):
    error = refusal(journal, pack="evening")
    assert error.message == "No entries were written with the pack 'evening'."
    assert error.hint is None
