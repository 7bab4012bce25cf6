"""Therapy sessions as a person records them: a date (default now), an optional note, a short id."""

from __future__ import annotations

from reflect.clock import local_now
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
    "TherapySession",
    "add_session",
    "list_sessions",
    "newest_past_session",
    "record_session",
    "remove_session",
    "resolve_session_id",
]


def record_session(
    database: Database, when: str | None = None, note: str | None = None
) -> TherapySession:
    """Record a session held at `when` (as typed: a bare date means that day; default now)."""
    from reflect.core.dates import parse_when

    held_on = parse_when(when, database) if when else local_now()
    return add_session(database, held_on, note.strip() if note and note.strip() else None)


def resolve_session_id(database: Database, prefix: str) -> str:
    """The full id of the one session whose id starts with `prefix` (4+ characters)."""

    def describe(ids: list[str]) -> list[str]:
        sessions = [session for session_id in ids if (session := get_session(database, session_id))]
        return [
            f"{short_id(session.id)} ({session.held_on.astimezone():%Y-%m-%d})"
            for session in sessions
        ]

    return resolve_prefix(database, "therapy_session", prefix, what="session", describe=describe)
