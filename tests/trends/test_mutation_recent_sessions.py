"""The session window of `reflect trends` at its edges (tests/MUTATION.md: surviving mutants
of reflect/core/trends.py's recent_since): exactly as many sessions as the window holds, and
a session held at the very moment the window ends."""

from __future__ import annotations

from datetime import timedelta

from trends_samples import local

from reflect.core.trends import recent_since
from reflect.store.sessions import add_session


def test_exactly_twelve_sessions_start_the_window_at_the_first(journal):
    first = local("2025-01-06 17:00")
    for week in range(12):
        add_session(journal, first + timedelta(weeks=week))
    assert recent_since(journal, "session", until=local("2025-04-30 12:00")) == first
    assert recent_since(journal, "session", until=local("2025-04-30 12:00"), periods=13) is None


def test_a_session_held_at_the_end_of_the_window_is_in_it(journal):
    first = local("2025-01-06 17:00")
    last = first + timedelta(weeks=2)
    for week in range(3):
        add_session(journal, first + timedelta(weeks=week))
    assert recent_since(journal, "session", until=last, periods=3) == first
    assert recent_since(journal, "session", until=last - timedelta(seconds=1), periods=3) is None
