"""Therapy sessions: when a person saw their therapist; list dividers and `last-session`."""

from __future__ import annotations

import uuid
from datetime import datetime

from reflect.clock import db_now, from_db_time, to_db_time
from reflect.model import TherapySession
from reflect.store.database import Database
from reflect.store.journal import stored_moment

_COLUMNS = "id, held_on, note, created_at"


def _session(row: tuple[str, str, str | None, str]) -> TherapySession:
    return TherapySession(
        id=row[0], held_on=stored_moment(row[1]), note=row[2], created_at=stored_moment(row[3])
    )


def add_session(database: Database, held_on: datetime, note: str | None = None) -> TherapySession:
    session_id = str(uuid.uuid4())
    now = db_now()
    with database.transaction() as cursor:
        cursor.execute(
            "INSERT INTO therapy_session (id, held_on, note, created_at) VALUES (?, ?, ?, ?)",
            (session_id, to_db_time(held_on), note or None, now),
        )
    return TherapySession(
        id=session_id,
        held_on=from_db_time(to_db_time(held_on)),
        note=note or None,
        created_at=from_db_time(now),
    )


def list_sessions(
    database: Database,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    newest_first: bool = True,
) -> list[TherapySession]:
    """Sessions held between since and until (inclusive), by date."""
    order = "DESC" if newest_first else "ASC"
    rows = database.query(
        f"SELECT {_COLUMNS} FROM therapy_session "
        "WHERE held_on >= coalesce(?, '') AND held_on <= coalesce(?, '9999') "
        f"ORDER BY held_on {order}, id {order}",
        (
            to_db_time(since) if since else None,
            to_db_time(until) if until else None,
        ),
    )
    return [_session(row) for row in rows]


def newest_past_session(database: Database) -> TherapySession | None:
    """The most recent session not in the future (a session booked ahead is not `last-session`)."""
    row = database.query_one(
        f"SELECT {_COLUMNS} FROM therapy_session WHERE held_on <= ? "
        "ORDER BY held_on DESC, id DESC LIMIT 1",
        (db_now(),),
    )
    return _session(row) if row else None


def newest_session_before(database: Database, moment: datetime) -> TherapySession | None:
    row = database.query_one(
        f"SELECT {_COLUMNS} FROM therapy_session WHERE held_on < ? "
        "ORDER BY held_on DESC, id DESC LIMIT 1",
        (to_db_time(moment),),
    )
    return _session(row) if row else None


def get_session(database: Database, session_id: str) -> TherapySession | None:
    row = database.query_one(f"SELECT {_COLUMNS} FROM therapy_session WHERE id = ?", (session_id,))
    return _session(row) if row else None


def remove_session(database: Database, session_id: str) -> bool:
    with database.transaction() as cursor:
        cursor.execute("DELETE FROM therapy_session WHERE id = ?", (session_id,))
        return bool(cursor.rowcount)
