"""The one clock, and timestamps as stored: ISO 8601 in UTC, microsecond precision, sortable as
text.

Everything that asks what time or what day it is goes through utc_now (local_now and local_today
are read from it), so a test can fix the moment in one place and the program and the test agree
on "today", even across midnight.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_now() -> datetime:
    """Now, in local time with its offset."""
    return utc_now().astimezone()


def local_today() -> date:
    """Today's local date."""
    return local_now().date()


def to_db_time(moment: datetime) -> str:
    """An aware (or local naive) datetime as the fixed-width UTC text the database stores."""
    if moment.tzinfo is None:
        moment = moment.astimezone()  # naive means local wall-clock time
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def db_now() -> str:
    return to_db_time(utc_now())
