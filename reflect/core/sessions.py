"""Therapy sessions as a person records them: a date (default now), an optional note, a short id."""

from __future__ import annotations

from datetime import datetime, time

from msgspec import Struct

from reflect.clock import local_now
from reflect.core.dates import parse_when
from reflect.core.journal import resolve_prefix, short_id
from reflect.model import TherapySession
from reflect.store.database import Database
from reflect.store.sessions import (
    add_session,
    get_session,
    list_sessions,
    newest_past_session,
    remove_session,
)

__all__ = [
    "RecordedSession",
    "TherapySession",
    "add_session",
    "list_sessions",
    "newest_past_session",
    "record_session",
    "remove_session",
    "resolve_session_id",
]


class RecordedSession(Struct, frozen=True):
    """What `sessions add` did: `added` is False when a session of that day was already
    recorded, and `session` is then that one (nothing new was written)."""

    session: TherapySession
    added: bool


def sessions_on_day(database: Database, moment: datetime) -> list[TherapySession]:
    """The sessions recorded on the local calendar day of `moment`."""
    day = moment.astimezone().date()
    start = datetime.combine(day, time.min).astimezone()
    end = datetime.combine(day, time.max).astimezone()
    return list_sessions(database, since=start, until=end, newest_first=False)


def record_session(
    database: Database, when: str | None = None, note: str | None = None, *, again: bool = False
) -> RecordedSession:
    """Record a session held at `when` (as typed: a bare date means that day; default now).

    A day that already has a session gets no second one unless `again` says there really were
    two: typing the same command twice must not split that day in lists, trends and exports.
    """

    held_on = parse_when(when, database) if when else local_now()
    if not again:
        same_day = sessions_on_day(database, held_on)
        if same_day:
            return RecordedSession(same_day[0], added=False)
    cleaned = note.strip() if note and note.strip() else None
    return RecordedSession(add_session(database, held_on, cleaned), added=True)


def resolve_session_id(database: Database, prefix: str) -> str:
    """The full id of the one session whose id starts with `prefix` (4+ characters)."""

    def describe(ids: list[str]) -> list[str]:
        sessions = [session for session_id in ids if (session := get_session(database, session_id))]
        return [
            f"{short_id(session.id)} ({session.held_on.astimezone():%Y-%m-%d})"
            for session in sessions
        ]

    return resolve_prefix(database, "therapy_session", prefix, what="session", describe=describe)
