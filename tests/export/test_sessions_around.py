"""Which therapy sessions a document to read shows as dividers (reflect.core.export.
sessions_around): those of the range asked for, and on an open side no further than the
exported entries reach, the session the first entry follows included, one held at the very
moment of the first or last entry included (tests/MUTATION.md: kills surviving mutants of
reflect/core/export.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from reflect.core.export import sessions_around
from reflect.model import DateRange, EntryFilter, StoredSession


def _session(day: int) -> StoredSession:
    held_on = f"2026-11-{day:02d}T10:00:00.000000+00:00"
    return StoredSession(f"s{day}", held_on, None, held_on)


SESSIONS = [_session(day) for day in (1, 5, 9, 14)]
FIRST = SESSIONS[1].held_on  # the first exported entry was written as session 5 began
LAST = SESSIONS[2].held_on  # and the last as session 9 began


def _days(sessions: list[StoredSession]) -> list[str]:
    return [session.id for session in sessions]


def test_an_open_range_reaches_from_the_session_the_first_entry_follows_to_the_last_entry():
    shown = sessions_around(SESSIONS, EntryFilter(tag="rupture"), FIRST, LAST)
    assert _days(shown) == ["s5", "s9"]  # not s1 before it, not s14 after the last entry


def test_a_range_asked_for_keeps_its_sessions_on_that_side():
    since = EntryFilter(dates=DateRange(since=datetime(2026, 11, 1, tzinfo=UTC)))
    assert _days(sessions_around(SESSIONS, since, FIRST, LAST)) == ["s1", "s5", "s9"]
    until = EntryFilter(dates=DateRange(until=datetime(2026, 11, 30, tzinfo=UTC)))
    assert _days(sessions_around(SESSIONS, until, FIRST, LAST)) == ["s5", "s9", "s14"]


def test_with_no_entries_only_a_range_asked_for_shows_sessions():
    assert sessions_around(SESSIONS, EntryFilter(tag="nothing"), None, None) == []
    ranged = EntryFilter(dates=DateRange(since=datetime(2026, 11, 1, tzinfo=UTC)))
    assert sessions_around(SESSIONS, ranged, None, None) == SESSIONS
