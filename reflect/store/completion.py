"""Read-only look-ups for shell completion: tags, entry ids, session ids and dimensions.

Completion runs on every Tab press, often while another reflect is open, so it never writes, never
waits for a lock and never migrates: it opens a plaintext journal read-only with a short busy
timeout, and an encrypted, locked, missing or damaged journal simply completes nothing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reflect.store.database import SQLITE_HEADER

COMPLETION_LIMIT = 50
_BUSY_MILLISECONDS = 200


def _escape_like(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _read_only(path: Path) -> sqlite3.Connection | None:
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None  # missing, empty, encrypted or not a journal
        connection = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, timeout=_BUSY_MILLISECONDS / 1000
        )
    except (OSError, sqlite3.Error):
        return None
    return connection


def _column_values(path: Path, sql: str, prefix: str) -> list[tuple[str, str]]:
    connection = _read_only(path)
    if connection is None:
        return []
    try:
        rows = connection.execute(sql, (_escape_like(prefix) + "%", COMPLETION_LIMIT)).fetchall()
    except sqlite3.Error:
        return []
    finally:
        connection.close()
    return [(str(value), str(description or "")) for value, description in rows]


def tags_with_prefix(path: Path, prefix: str) -> list[tuple[str, str]]:
    """(tag, "N entries") for tags of live entries starting with prefix."""
    return _column_values(
        path,
        "SELECT entry_tag.tag, count(*) || ' entries' FROM entry_tag "
        "JOIN entry ON entry.id = entry_tag.entry_id "
        "WHERE entry.trashed_at IS NULL AND entry_tag.tag LIKE ? ESCAPE '\\' "
        "GROUP BY entry_tag.tag ORDER BY count(*) DESC, entry_tag.tag LIMIT ?",
        prefix,
    )


def entry_ids_with_prefix(path: Path, prefix: str, *, trashed: bool) -> list[tuple[str, str]]:
    """(id, "date pack") for entries (live, or in the trash) whose id starts with prefix."""
    where = "trashed_at IS NOT NULL" if trashed else "trashed_at IS NULL"
    return _column_values(
        path,
        "SELECT id, substr(created_at, 1, 10) || ' ' || coalesce(pack_id, 'note') FROM entry "
        f"WHERE {where} AND id LIKE ? ESCAPE '\\' ORDER BY created_at DESC LIMIT ?",
        prefix.lower(),
    )


def session_ids_with_prefix(path: Path, prefix: str) -> list[tuple[str, str]]:
    """(id, "session on DATE") for recorded sessions whose id starts with prefix."""
    return _column_values(
        path,
        "SELECT id, 'session on ' || substr(held_on, 1, 10) FROM therapy_session "
        "WHERE id LIKE ? ESCAPE '\\' ORDER BY held_on DESC LIMIT ?",
        prefix.lower(),
    )


def dimensions_with_prefix(path: Path, prefix: str) -> list[tuple[str, str]]:
    """(dimension, "N answers") for dimensions the journal's answers feed."""
    return _column_values(
        path,
        "SELECT dimension, count(*) || ' answers' FROM answer "
        "WHERE dimension IS NOT NULL AND dimension LIKE ? ESCAPE '\\' "
        "GROUP BY dimension ORDER BY count(*) DESC, dimension LIMIT ?",
        prefix,
    )
