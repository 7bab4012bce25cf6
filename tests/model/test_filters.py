"""The one DateRange refuses a range that runs backwards, wherever it is made."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from msgspec.structs import replace

from reflect.errors import DateParseError
from reflect.model import RANGE_BACKWARDS_MESSAGE, DateRange, EntryFilter

EARLY = datetime(2026, 1, 1, tzinfo=UTC)
LATE = datetime(2026, 1, 2, tzinfo=UTC)


def test_since_later_than_until_is_a_date_error():
    with pytest.raises(DateParseError) as refused:
        DateRange(since=LATE, until=EARLY)
    assert refused.value.message == RANGE_BACKWARDS_MESSAGE
    assert refused.value.exit_code == 1


def test_open_and_equal_ends_are_accepted():
    assert DateRange(since=EARLY, until=EARLY).bounded
    assert DateRange(since=LATE).since == LATE
    assert DateRange(until=EARLY).until == EARLY
    assert not DateRange().bounded


def test_a_filter_cannot_be_changed_into_a_backwards_range():
    entry_filter = EntryFilter(dates=DateRange(since=EARLY, until=LATE))
    assert (entry_filter.since, entry_filter.until) == (EARLY, LATE)
    with pytest.raises(DateParseError):
        replace(entry_filter, dates=DateRange(since=LATE, until=EARLY))
