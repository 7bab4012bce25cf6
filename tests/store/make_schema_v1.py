"""Regenerate fixtures/journal-schema-v1.db: a journal as reflect wrote it at schema version 1.

Only migration m001 is applied (through the real migrate(), with later migrations hidden), and
every table holds rows covering each kind of value: a completed run with every question kind and
a skipped question, a note, a draft, a trashed and a private entry, tags, therapy sessions and a
pack snapshot. Rows are written with plain SQL, as a v1 reflect stored them, so this script keeps
working when today's store code moves on.

    .venv/bin/python tests/store/make_schema_v1.py
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reflect.store import migrations
from reflect.store.database import migrate

FIXTURE = Path(__file__).with_name("fixtures") / "journal-schema-v1.db"
RUN_ID = "0b5d3c9e-6f1a-4d2b-9a47-3e8c1f2a7b01"
NOTE_ID = "1c6e4dae-7a2b-4e3c-8b58-4f9d2a3b8c02"
DRAFT_ID = "2d7f5ebf-8b3c-4f4d-9c69-5a0e3b4c9d03"
TRASHED_ID = "3e806fc0-9c4d-4a5e-8d7a-6b1f4c5d0e04"

ENTRIES = [
    # id, kind, pack_id, pack_version, pack_hash, created, updated, completed, flagged, private,
    # trashed
    (RUN_ID, "run", "checkin", "1", "sha256:v1", "2025-03-04T18:00:00+00:00",
     "2025-03-04T18:05:00+00:00", "2025-03-04T18:05:00+00:00", 1, 0, None),
    (NOTE_ID, "note", None, None, None, "2025-03-05T08:30:00+00:00",
     "2025-03-05T08:30:00+00:00", "2025-03-05T08:30:00+00:00", 0, 1, None),
    (DRAFT_ID, "run", "checkin", "1", "sha256:v1", "2025-03-06T20:00:00+00:00",
     "2025-03-06T20:01:00+00:00", None, 0, 0, None),
    (TRASHED_ID, "note", None, None, None, "2025-03-07T09:00:00+00:00",
     "2025-03-07T09:00:00+00:00", "2025-03-07T09:00:00+00:00", 0, 0,
     "2025-03-08T10:00:00+00:00"),
]  # fmt: skip

ANSWERS = [
    # entry, question id, position, text, kind, min, max, min label, max label, dimension,
    # reverse, options, value_text, value_number, answered_at
    (RUN_ID, "connection", 0, "How connected did you feel?", "scale", 0, 10, "distant", "close",
     "bond", 0, None, None, 7.0, "2025-03-04T18:01:00+00:00"),
    (RUN_ID, "pushed", 1, "Did you feel pushed?", "scale", 1, 5, "not at all", "very", "safety",
     1, None, None, 2.0, "2025-03-04T18:02:00+00:00"),
    (RUN_ID, "topic", 2, "What was it mostly about?", "choice", None, None, None, None, None, 0,
     '["work", "family", "us"]', "us", None, "2025-03-04T18:03:00+00:00"),
    (RUN_ID, "felt", 3, "What did you feel?", "multi", None, None, None, None, None, 0,
     '["calm", "tense", "heard"]', '["calm", "heard"]', None, "2025-03-04T18:03:30+00:00"),
    (RUN_ID, "raised", 4, "Did you raise it?", "yesno", None, None, None, None, None, 0, None,
     "yes", None, "2025-03-04T18:04:00+00:00"),
    (RUN_ID, "skipped", 5, "Anything else?", "text", None, None, None, None, None, 0, None,
     None, None, "2025-03-04T18:04:30+00:00"),
    (RUN_ID, "one-line", 6, "One line about today", "text", None, None, None, None, None, 0,
     None, "We talked about the harbour walk and it felt easier", None,
     "2025-03-04T18:05:00+00:00"),
    (NOTE_ID, "note", 0, "Note", "text", None, None, None, None, None, 0, None,
     "Noticed I went quiet when the lighthouse came up", None, "2025-03-05T08:30:00+00:00"),
    (DRAFT_ID, "connection", 0, "How connected did you feel?", "scale", 0, 10, "distant",
     "close", "bond", 0, None, None, 4.0, "2025-03-06T20:01:00+00:00"),
    (TRASHED_ID, "note", 0, "Note", "text", None, None, None, None, None, 0, None,
     "A note I decided to throw away", None, "2025-03-07T09:00:00+00:00"),
]  # fmt: skip

TAGS = [(RUN_ID, "rupture"), (RUN_ID, "repair"), (NOTE_ID, "quiet")]
SESSIONS = [
    ("4f917ad1-0d5e-4b6f-9e8b-7c2a5d6e1f05", "2025-03-04", "first after the break",
     "2025-03-04T19:00:00+00:00"),
    ("50a28be2-1e6f-4c70-8f9c-8d3b6e7f2a06", "2025-03-11", None, "2025-03-11T19:00:00+00:00"),
]  # fmt: skip
PACK_SNAPSHOTS = [
    ("sha256:v1", "checkin", "1", "After-session check-in",
     '{"id": "checkin", "questions": [], "title": "After-session check-in", "version": "1"}',
     "2025-03-04T18:00:00+00:00"),
]  # fmt: skip


def build(path: Path) -> None:
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    version_1 = migrations.MIGRATIONS[:1]
    later, migrations.MIGRATIONS[:] = migrations.MIGRATIONS[1:], version_1
    try:
        assert migrate(connection, path) == ["m001_initial"]
    finally:
        migrations.MIGRATIONS[1:] = later
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("BEGIN")
    connection.executemany(f"INSERT INTO entry VALUES ({', '.join('?' * 11)})", ENTRIES)
    connection.executemany(
        "INSERT INTO answer (entry_id, question_id, position, question_text, question_kind, "
        "scale_min, scale_max, min_label, max_label, dimension, reverse, options, value_text, "
        f"value_number, answered_at) VALUES ({', '.join('?' * 15)})",
        ANSWERS,
    )
    connection.executemany("INSERT INTO entry_tag VALUES (?, ?)", TAGS)
    connection.executemany("INSERT INTO therapy_session VALUES (?, ?, ?, ?)", SESSIONS)
    connection.executemany("INSERT INTO pack_snapshot VALUES (?, ?, ?, ?, ?, ?)", PACK_SNAPSHOTS)
    connection.execute("COMMIT")
    connection.execute("VACUUM")
    connection.close()  # checkpoints the WAL: the fixture is one self-contained file


if __name__ == "__main__":
    build(FIXTURE)
    print(f"wrote {FIXTURE}")
