"""The default window of `reflect trends`: the last 12 weeks, months or sessions."""

from __future__ import annotations

from datetime import timedelta

from trends_samples import local

from reflect.core.trends import recent_since
from reflect.store.sessions import add_session


def test_twelve_weeks_start_on_the_monday_eleven_weeks_back(journal):
    # Wednesday 2025-03-19 is in the week of Monday Mar 17; 11 weeks before: Monday Dec 30.
    assert recent_since(journal, "week", until=local("2025-03-19 15:00")) == local(
        "2024-12-30 00:00"
    )


def test_twelve_months_start_on_the_first_of_the_month_eleven_months_back(journal):
    assert recent_since(journal, "month", until=local("2025-03-19 15:00")) == local(
        "2024-04-01 00:00"
    )


def test_twelve_sessions_start_at_the_twelfth_latest(journal):
    first = local("2025-01-06 17:00")
    for week in range(13):
        add_session(journal, first + timedelta(weeks=week))
    assert recent_since(journal, "session", until=local("2025-04-30 12:00")) == first + timedelta(
        weeks=1
    )


def test_fewer_than_twelve_sessions_means_everything(journal):
    add_session(journal, local("2025-01-06 17:00"))
    assert recent_since(journal, "session") is None
