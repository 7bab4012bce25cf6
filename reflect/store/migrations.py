"""Versioned schema migrations, applied automatically every time the database is opened.

Like simonw/llm's migrations: an ordered list of small functions. Each runs in one transaction
together with the row that records it, so a crash leaves the database at the previous version or
the next one, never in between. Never edit a released migration; add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Cursor], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(function: Migration) -> Migration:
    MIGRATIONS.append((function.__name__, function))
    return function


def _script(cursor: sqlite3.Cursor, sql: str) -> None:
    # executescript() would COMMIT the surrounding transaction, so run statement by statement.
    for statement in _split_statements(sql):
        cursor.execute(statement)


def _split_statements(sql: str) -> list[str]:
    statements: list[str] = []
    current: list[str] = []
    for line in sql.strip().splitlines():
        current.append(line)
        candidate = "\n".join(current).strip()
        if candidate and sqlite3.complete_statement(candidate):
            statements.append(candidate)
            current = []
    if "\n".join(current).strip():
        raise ValueError("incomplete SQL statement in migration")
    return statements


@migration
def m001_initial(cursor: sqlite3.Cursor) -> None:
    _script(
        cursor,
        """
        CREATE TABLE entry (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('run', 'note')),
            pack_id TEXT,
            pack_version TEXT,
            pack_hash TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            completed_at TEXT,
            flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
            private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
            trashed_at TEXT
        );
        CREATE INDEX entry_live_by_time ON entry (created_at) WHERE trashed_at IS NULL;
        CREATE INDEX entry_by_pack ON entry (pack_id, created_at);
        CREATE INDEX entry_trashed ON entry (trashed_at) WHERE trashed_at IS NOT NULL;

        CREATE TABLE answer (
            id INTEGER PRIMARY KEY,
            entry_id TEXT NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            question_text TEXT NOT NULL,
            question_kind TEXT NOT NULL
                CHECK (question_kind IN ('text', 'scale', 'choice', 'multi', 'yesno')),
            scale_min INTEGER,
            scale_max INTEGER,
            min_label TEXT,
            max_label TEXT,
            dimension TEXT,
            reverse INTEGER NOT NULL DEFAULT 0 CHECK (reverse IN (0, 1)),
            options TEXT,
            value_text TEXT,
            value_number REAL,
            answered_at TEXT NOT NULL,
            UNIQUE (entry_id, question_id)
        );
        CREATE INDEX answer_by_dimension ON answer (dimension, entry_id)
            WHERE dimension IS NOT NULL;

        CREATE TABLE entry_tag (
            entry_id TEXT NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (entry_id, tag)
        ) WITHOUT ROWID;
        CREATE INDEX entry_tag_by_tag ON entry_tag (tag, entry_id);

        CREATE TABLE therapy_session (
            id TEXT PRIMARY KEY NOT NULL,
            held_on TEXT NOT NULL,
            note TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX therapy_session_by_date ON therapy_session (held_on);

        CREATE TABLE pack_snapshot (
            content_hash TEXT PRIMARY KEY NOT NULL,
            pack_id TEXT NOT NULL,
            version TEXT NOT NULL,
            title TEXT NOT NULL,
            definition TEXT NOT NULL,
            first_used_at TEXT NOT NULL
        );
        """,
    )


@migration
def m002_full_text_search(cursor: sqlite3.Cursor) -> None:
    """FTS5 over text answers (notes are one text answer), kept in sync by triggers."""
    _script(
        cursor,
        """
        CREATE VIRTUAL TABLE answer_fts USING fts5 (
            value_text,
            content = 'answer',
            content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER answer_fts_after_insert AFTER INSERT ON answer
        WHEN new.question_kind = 'text' AND new.value_text IS NOT NULL
        BEGIN
            INSERT INTO answer_fts (rowid, value_text) VALUES (new.id, new.value_text);
        END;
        CREATE TRIGGER answer_fts_after_delete AFTER DELETE ON answer
        WHEN old.question_kind = 'text' AND old.value_text IS NOT NULL
        BEGIN
            INSERT INTO answer_fts (answer_fts, rowid, value_text)
                VALUES ('delete', old.id, old.value_text);
        END;
        CREATE TRIGGER answer_fts_after_update AFTER UPDATE OF value_text, question_kind ON answer
        BEGIN
            INSERT INTO answer_fts (answer_fts, rowid, value_text)
                SELECT 'delete', old.id, old.value_text
                WHERE old.question_kind = 'text' AND old.value_text IS NOT NULL;
            INSERT INTO answer_fts (rowid, value_text)
                SELECT new.id, new.value_text
                WHERE new.question_kind = 'text' AND new.value_text IS NOT NULL;
        END;
        INSERT INTO answer_fts (rowid, value_text)
            SELECT id, value_text FROM answer
            WHERE question_kind = 'text' AND value_text IS NOT NULL;
        """,
    )


@migration
def m003_answer_scores_by_entry(cursor: sqlite3.Cursor) -> None:
    """Answered scale items, by entry, holding everything a trend score needs (reflect trends).

    Covering: trends read it entry by entry, already ordered by dimension, without touching the
    answer rows (at 100,000 entries this takes the query from about 1.6 s to 0.6 s).
    """
    _script(
        cursor,
        """
        CREATE INDEX answer_scores_by_entry
            ON answer (
                entry_id, dimension, question_id, value_number, scale_min, scale_max, reverse
            )
            WHERE dimension IS NOT NULL AND value_number IS NOT NULL;
        """,
    )


@migration
def m004_sync(cursor: sqlite3.Cursor) -> None:
    """What `reflect sync` knows: every synced field's newest value and its clock stamp.

    sync_field is a per-field last-writer-wins register set (see reflect.core.sync): one row per
    (record, field) with the value as canonical JSON and a hybrid-logical-clock stamp; `outgoing`
    marks this device's changes not yet written to the sync folder. sync_state holds this device's
    id, clock and file counter; sync_seen the other devices' files already merged.
    """
    _script(
        cursor,
        """
        CREATE TABLE sync_field (
            record TEXT NOT NULL,
            field TEXT NOT NULL,
            entry_id TEXT,
            stamp TEXT NOT NULL,
            value TEXT,
            outgoing INTEGER NOT NULL DEFAULT 0 CHECK (outgoing IN (0, 1)),
            PRIMARY KEY (record, field)
        ) WITHOUT ROWID;
        CREATE INDEX sync_field_by_entry ON sync_field (entry_id) WHERE entry_id IS NOT NULL;
        CREATE INDEX sync_field_outgoing ON sync_field (outgoing) WHERE outgoing = 1;

        CREATE TABLE sync_state (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );

        CREATE TABLE sync_seen (
            name TEXT PRIMARY KEY NOT NULL,
            device TEXT NOT NULL,
            changes INTEGER NOT NULL,
            merged_at TEXT NOT NULL
        );
        """,
    )


@migration
def m005_sync_dirty(cursor: sqlite3.Cursor) -> None:
    """Which records changed since the last sync, so a sync compares only those (and an index
    of the erased entries, which every merge consults).

    Once a journal has synced (sync_state holds its device id), every write to an entry, its
    answers or tags, a session or a pack version names the record in sync_dirty; an entry's answer
    or tag names the entry. An update that changes nothing also names it, and the sync finds it
    unchanged. An UPDATE of the whole row fires for any column, so none can be missed. (No
    INSERT OR IGNORE in the triggers: the conflict clause of the statement that fires a trigger
    overrides the trigger's own, so an upsert would fail on a key already named.)
    """
    _script(
        cursor,
        """
        CREATE TABLE sync_dirty (
            key TEXT PRIMARY KEY NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX sync_field_erased ON sync_field (entry_id) WHERE field = 'erased';
        CREATE TRIGGER entry_sync_dirty_insert AFTER INSERT ON entry
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'entry:' || new.id
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'entry:' || new.id);
        END;
        CREATE TRIGGER entry_sync_dirty_update AFTER UPDATE ON entry
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'entry:' || new.id
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'entry:' || new.id);
        END;
        CREATE TRIGGER entry_sync_dirty_delete AFTER DELETE ON entry
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'entry:' || old.id
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'entry:' || old.id);
        END;
        CREATE TRIGGER answer_sync_dirty_insert AFTER INSERT ON answer
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'entry:' || new.entry_id
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'entry:' || new.entry_id);
        END;
        CREATE TRIGGER answer_sync_dirty_update AFTER UPDATE ON answer
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'entry:' || new.entry_id
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'entry:' || new.entry_id);
        END;
        CREATE TRIGGER answer_sync_dirty_delete AFTER DELETE ON answer
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'entry:' || old.entry_id
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'entry:' || old.entry_id);
        END;
        CREATE TRIGGER entry_tag_sync_dirty_insert AFTER INSERT ON entry_tag
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'entry:' || new.entry_id
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'entry:' || new.entry_id);
        END;
        CREATE TRIGGER entry_tag_sync_dirty_update AFTER UPDATE ON entry_tag
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'entry:' || new.entry_id
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'entry:' || new.entry_id);
        END;
        CREATE TRIGGER entry_tag_sync_dirty_delete AFTER DELETE ON entry_tag
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'entry:' || old.entry_id
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'entry:' || old.entry_id);
        END;
        CREATE TRIGGER therapy_session_sync_dirty_insert AFTER INSERT ON therapy_session
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'session:' || new.id
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'session:' || new.id);
        END;
        CREATE TRIGGER therapy_session_sync_dirty_update AFTER UPDATE ON therapy_session
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'session:' || new.id
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'session:' || new.id);
        END;
        CREATE TRIGGER therapy_session_sync_dirty_delete AFTER DELETE ON therapy_session
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'session:' || old.id
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'session:' || old.id);
        END;
        CREATE TRIGGER pack_snapshot_sync_dirty_insert AFTER INSERT ON pack_snapshot
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'pack:' || new.content_hash
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'pack:' || new.content_hash);
        END;
        CREATE TRIGGER pack_snapshot_sync_dirty_update AFTER UPDATE ON pack_snapshot
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'pack:' || new.content_hash
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'pack:' || new.content_hash);
        END;
        CREATE TRIGGER pack_snapshot_sync_dirty_delete AFTER DELETE ON pack_snapshot
        WHEN EXISTS (SELECT 1 FROM sync_state WHERE key = 'device')
        BEGIN
            INSERT INTO sync_dirty (key) SELECT 'pack:' || old.content_hash
                WHERE NOT EXISTS (SELECT 1 FROM sync_dirty WHERE key = 'pack:' || old.content_hash);
        END;
        """,
    )
