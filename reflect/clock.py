"""Timestamps as stored: ISO 8601 in UTC, microsecond precision, sortable as text."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_db_time(moment: datetime) -> str:
    """An aware (or local naive) datetime as the fixed-width UTC text the database stores."""
    if moment.tzinfo is None:
        moment = moment.astimezone()  # naive means local wall-clock time
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def db_now() -> str:
    return to_db_time(utc_now())
