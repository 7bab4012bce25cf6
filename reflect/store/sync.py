"""The SQL behind `reflect sync`: the journal as synced fields, and fields back into the journal.

A record is one synced thing, named so that its name is stable on every device:
  entry:ID            fields kind, pack, created_at, updated_at, completed_at, flagged, private,
                      trashed_at, and `erased` (a tombstone written by `trash --empty`)
  answer:ID/QUESTION  field answer: the question as asked and the answer, as stored (null once
                      an import replaced the entry without it)
  tag:ID/TAG          field present: true, or false once the tag was removed
  session:ID          field row: the session, or null once removed
  pack:HASH           field row: a pack version as first used (never changes)
Values are canonical JSON of the raw column values, so reading a record back after writing it
gives exactly the same text and a device never mistakes what it received for its own change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from msgspec import Struct

ENTRY_FIELDS = (
    "kind",
    "pack",
    "created_at",
    "updated_at",
    "completed_at",
    "flagged",
    "private",
    "trashed_at",
)
ANSWER_COLUMNS = (
    "position",
    "question_text",
    "question_kind",
    "scale_min",
    "scale_max",
    "min_label",
    "max_label",
    "dimension",
    "reverse",
    "options",
    "value_text",
    "value_number",
    "answered_at",
)
SESSION_COLUMNS = ("held_on", "note", "created_at")
PACK_COLUMNS = ("pack_id", "version", "title", "definition", "first_used_at")
ERASED = "erased"


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class FieldValue(Struct, frozen=True):
    record: str
    field: str
    entry_id: str | None
    value: str  # canonical JSON


class SyncedField(Struct, frozen=True):
    record: str
    field: str
    entry_id: str | None
    stamp: str
    value: str | None


def _dirty(prefix: str) -> str:
    """The ids of the records named in sync_dirty with this prefix (entry:, session:, pack:)."""
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return (
        f"SELECT substr(key, {len(prefix) + 1}) FROM sync_dirty "
        f"WHERE key >= '{prefix}' AND key < '{after}'"
    )


def current_fields(cursor: Any, *, only_dirty: bool = False) -> Iterator[FieldValue]:
    """Every synced field as the journal holds it now (only_dirty: of the records written since
    the last sync, as sync_dirty names them)."""
    entries = f" WHERE id IN ({_dirty('entry:')})" if only_dirty else ""
    of_entries = f" WHERE entry_id IN ({_dirty('entry:')})" if only_dirty else ""
    sessions = f" WHERE id IN ({_dirty('session:')})" if only_dirty else ""
    packs = f" WHERE content_hash IN ({_dirty('pack:')})" if only_dirty else ""
    entry_columns = ", ".join(
        ["id", "kind", "pack_id", "pack_version", "pack_hash", *ENTRY_FIELDS[2:]]
    )
    for row in cursor.execute(f"SELECT {entry_columns} FROM entry{entries}").fetchall():
        entry_id, kind, pack_id, pack_version, pack_hash, *rest = row
        record = f"entry:{entry_id}"
        values = [kind, [pack_id, pack_version, pack_hash], *rest]
        for name, value in zip(ENTRY_FIELDS, values, strict=True):
            yield FieldValue(record, name, entry_id, canonical(value))
    columns = ", ".join(ANSWER_COLUMNS)
    answers = f"SELECT entry_id, question_id, {columns} FROM answer{of_entries}"
    for row in cursor.execute(answers).fetchall():
        entry_id, question_id, *rest = row
        value = dict(zip(ANSWER_COLUMNS, rest, strict=True))
        yield FieldValue(f"answer:{entry_id}/{question_id}", "answer", entry_id, canonical(value))
    tags = f"SELECT entry_id, tag FROM entry_tag{of_entries}"
    for entry_id, tag in cursor.execute(tags).fetchall():
        yield FieldValue(f"tag:{entry_id}/{tag}", "present", entry_id, "true")
    columns = ", ".join(SESSION_COLUMNS)
    for row in cursor.execute(f"SELECT id, {columns} FROM therapy_session{sessions}").fetchall():
        session_id, *rest = row
        value = dict(zip(SESSION_COLUMNS, rest, strict=True))
        yield FieldValue(f"session:{session_id}", "row", None, canonical(value))
    columns = ", ".join(PACK_COLUMNS)
    snapshots = f"SELECT content_hash, {columns} FROM pack_snapshot{packs}"
    for row in cursor.execute(snapshots).fetchall():
        content_hash, *rest = row
        value = dict(zip(PACK_COLUMNS, rest, strict=True))
        yield FieldValue(f"pack:{content_hash}", "row", None, canonical(value))


def synced_fields(cursor: Any, *, only_dirty: bool = False) -> dict[tuple[str, str], SyncedField]:
    columns = "record, field, entry_id, stamp, value"
    if not only_dirty:
        rows = cursor.execute(f"SELECT {columns} FROM sync_field").fetchall()
    else:
        rows = cursor.execute(
            f"SELECT {columns} FROM sync_field WHERE entry_id IN ({_dirty('entry:')})"
        ).fetchall()
        rows += cursor.execute(
            f"SELECT {columns} FROM sync_field WHERE record IN (SELECT key FROM sync_dirty "
            "WHERE key >= 'pack:' AND key < 'pack;' OR key >= 'session:' AND key < 'session;')"
        ).fetchall()
    return {(row[0], row[1]): SyncedField(*row) for row in rows}


def synced_records(cursor: Any, records: Iterable[str]) -> dict[tuple[str, str], SyncedField]:
    """The synced fields of these records (what one file's changes are compared with)."""
    wanted = sorted(set(records))
    found: dict[tuple[str, str], SyncedField] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = cursor.execute(
            "SELECT record, field, entry_id, stamp, value FROM sync_field "
            f"WHERE record IN ({', '.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
        found.update({(row[0], row[1]): SyncedField(*row) for row in rows})
    return found


def clear_dirty(cursor: Any) -> None:
    cursor.execute("DELETE FROM sync_dirty")


def entry_exists(cursor: Any, entry_id: str) -> bool:
    return cursor.execute("SELECT 1 FROM entry WHERE id = ?", (entry_id,)).fetchone() is not None


def erased_entries(cursor: Any) -> set[str]:
    rows = cursor.execute(
        "SELECT entry_id FROM sync_field WHERE field = ? AND entry_id IS NOT NULL", (ERASED,)
    ).fetchall()
    return {row[0] for row in rows}


def store_field(cursor: Any, field: SyncedField, *, outgoing: bool) -> None:
    cursor.execute(
        "INSERT INTO sync_field (record, field, entry_id, stamp, value, outgoing) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (record, field) DO UPDATE SET "
        "entry_id = excluded.entry_id, stamp = excluded.stamp, value = excluded.value, "
        "outgoing = excluded.outgoing",
        (field.record, field.field, field.entry_id, field.stamp, field.value, int(outgoing)),
    )


def unstamped(cursor: Any) -> list[SyncedField]:
    """Tombstones `trash --empty` left for the next sync to stamp."""
    rows = cursor.execute(
        "SELECT record, field, entry_id, stamp, value FROM sync_field WHERE stamp = ''"
    ).fetchall()
    return [SyncedField(*row) for row in rows]


def outgoing_fields(cursor: Any) -> list[SyncedField]:
    rows = cursor.execute(
        "SELECT record, field, entry_id, stamp, value FROM sync_field WHERE outgoing = 1 "
        "ORDER BY stamp, record, field"
    ).fetchall()
    return [SyncedField(*row) for row in rows]


def clear_outgoing(cursor: Any) -> None:
    cursor.execute("UPDATE sync_field SET outgoing = 0 WHERE outgoing = 1")


def state(cursor: Any, key: str) -> str | None:
    row = cursor.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_state(cursor: Any, key: str, value: str) -> None:
    cursor.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def seen_names(cursor: Any) -> set[str]:
    return {row[0] for row in cursor.execute("SELECT name FROM sync_seen").fetchall()}


def mark_seen(cursor: Any, name: str, device: str, changes: int, merged_at: str) -> None:
    cursor.execute(
        "INSERT OR IGNORE INTO sync_seen (name, device, changes, merged_at) VALUES (?, ?, ?, ?)",
        (name, device, changes, merged_at),
    )


def seen_by_device(cursor: Any) -> list[tuple[str, int, int, str]]:
    """(device, files, changes, last merged) for every other device merged so far."""
    rows = cursor.execute(
        "SELECT device, count(*), sum(changes), max(merged_at) FROM sync_seen GROUP BY device "
        "ORDER BY device"
    ).fetchall()
    return [
        (str(device), int(files), int(changes), str(last)) for device, files, changes, last in rows
    ]


# --- from fields into the journal ---------------------------------------------------------------


def erase_entry(cursor: Any, entry_id: str) -> None:
    """Remove an entry and every synced copy of its words, keeping only its tombstone."""
    cursor.execute("DELETE FROM answer WHERE entry_id = ?", (entry_id,))
    cursor.execute("DELETE FROM entry_tag WHERE entry_id = ?", (entry_id,))
    cursor.execute("DELETE FROM entry WHERE id = ?", (entry_id,))
    cursor.execute("DELETE FROM sync_field WHERE entry_id = ? AND field != ?", (entry_id, ERASED))


def _values(fields: Iterable[SyncedField]) -> dict[str, Any]:
    return {field.field: json.loads(field.value) for field in fields if field.value is not None}


def materialise_entry(cursor: Any, entry_id: str) -> bool:
    """Write an entry, its answers and tags from its synced fields; False while incomplete."""
    rows = cursor.execute(
        "SELECT record, field, entry_id, stamp, value FROM sync_field WHERE entry_id = ?",
        (entry_id,),
    ).fetchall()
    fields = [SyncedField(*row) for row in rows]
    if any(field.field == ERASED for field in fields):
        return False
    entry = _values(f for f in fields if f.record == f"entry:{entry_id}")
    if not all(entry.get(name) is not None for name in ("kind", "created_at", "updated_at")):
        return False  # the rest of it is still on its way
    pack = entry.get("pack") or [None, None, None]
    cursor.execute(
        "INSERT INTO entry (id, kind, pack_id, pack_version, pack_hash, created_at, updated_at, "
        "completed_at, flagged, private, trashed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, pack_id = excluded.pack_id, "
        "pack_version = excluded.pack_version, pack_hash = excluded.pack_hash, "
        "created_at = excluded.created_at, updated_at = excluded.updated_at, "
        "completed_at = excluded.completed_at, flagged = excluded.flagged, "
        "private = excluded.private, trashed_at = excluded.trashed_at",
        (
            entry_id,
            entry["kind"],
            *pack,
            entry["created_at"],
            entry["updated_at"],
            entry.get("completed_at"),
            entry.get("flagged") or 0,
            entry.get("private") or 0,
            entry.get("trashed_at"),
        ),
    )
    for field in fields:
        if field.record.startswith("answer:") and field.value is None:
            question_id = field.record.split("/", 1)[1]
            cursor.execute(
                "DELETE FROM answer WHERE entry_id = ? AND question_id = ?", (entry_id, question_id)
            )
        elif field.record.startswith("answer:") and field.value is not None:
            question_id = field.record.split("/", 1)[1]
            value = json.loads(field.value)
            columns = ", ".join(ANSWER_COLUMNS)
            updates = ", ".join(f"{name} = excluded.{name}" for name in ANSWER_COLUMNS)
            cursor.execute(
                f"INSERT INTO answer (entry_id, question_id, {columns}) "
                f"VALUES (?, ?, {', '.join('?' * len(ANSWER_COLUMNS))}) "
                f"ON CONFLICT (entry_id, question_id) DO UPDATE SET {updates}",
                (entry_id, question_id, *(value[name] for name in ANSWER_COLUMNS)),
            )
        elif field.record.startswith("tag:"):
            tag = field.record.split("/", 1)[1]
            if field.value == "true":
                cursor.execute(
                    "INSERT OR IGNORE INTO entry_tag (entry_id, tag) VALUES (?, ?)", (entry_id, tag)
                )
            else:
                cursor.execute(
                    "DELETE FROM entry_tag WHERE entry_id = ? AND tag = ?", (entry_id, tag)
                )
    return True


def materialise_row(cursor: Any, record: str, value: str | None) -> None:
    """A session (written, or removed when null) or a pack version."""
    kind, key = record.split(":", 1)
    row = json.loads(value) if value is not None else None
    if kind == "session":
        if row is None:
            cursor.execute("DELETE FROM therapy_session WHERE id = ?", (key,))
            return
        cursor.execute(
            "INSERT INTO therapy_session (id, held_on, note, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET held_on = excluded.held_on, note = excluded.note, "
            "created_at = excluded.created_at",
            (key, row["held_on"], row["note"], row["created_at"]),
        )
    elif kind == "pack" and row is not None:
        # Two devices may first have used the same pack version at different times: the synced
        # value wins everywhere, so every device ends with the same row.
        cursor.execute(
            "INSERT INTO pack_snapshot "
            "(content_hash, pack_id, version, title, definition, first_used_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO UPDATE SET "
            "pack_id = excluded.pack_id, version = excluded.version, title = excluded.title, "
            "definition = excluded.definition, first_used_at = excluded.first_used_at",
            (key, *(row[name] for name in PACK_COLUMNS)),
        )
