"""A series that moves without any single notable change, with too few entries for the
reliable-change figure: the summary compares the later weeks with the earlier ones in words,
"higher", "lower" or "about the same"."""

from __future__ import annotations

import pytest
from trends_samples import SAFE, trend_query

from reflect.core.trends import compute_trends


@pytest.mark.parametrize(
    ("scores", "ending"),
    [
        ((7, 6, 5), "Later weeks averaged 1.5 lower than earlier ones."),
        ((5, 6, 7), "Later weeks averaged 1.5 higher than earlier ones."),
        ((6, 7, 5.5), "Earlier and later weeks averaged about the same."),
    ],
)
def test_the_later_weeks_are_compared_with_the_earlier_in_words(journal, write_run, scores, ending):
    for monday, score in zip(("2025-03-03", "2025-03-10", "2025-03-17"), scores, strict=True):
        write_run(f"{monday} 12:00", {SAFE: score})
    (trend,) = compute_trends(journal, trend_query()).dimensions
    assert trend.summary.notable_changes == ()
    assert trend.summary.reliable_change is None
    assert trend.summary_sentence.endswith(ending)
