"""A large synthetic journal for measuring trends (`python tests/trends/large_journal.py DIR N`).

Rows go in with executemany straight into the real schema (opened through open_database, so
every migration and index is there); building 100,000 entries takes a few seconds.
"""

from __future__ import annotations

import random
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reflect.paths import DataPaths
from reflect.store.database import Database, open_database

# (question_id, kind, scale_min, scale_max, dimension, reverse)
CHECKIN_QUESTIONS = (
    ("trust", "scale", 0, 10, "trust", 0),
    ("safe", "scale", 0, 10, "safety", 0),
    ("guarded", "scale", 1, 5, "safety", 1),
    ("heard", "scale", 0, 10, "understood", 0),
    ("bond", "scale", 1, 5, "bond", 0),
    ("strain", "scale", 0, 10, "rupture", 0),
    ("what_stood_out", "text", None, None, None, 0),
    ("bring_next_time", "text", None, None, None, 0),
)


def open_large_journal(folder: Path) -> Database:
    folder.mkdir(parents=True, exist_ok=True)
    paths = DataPaths(folder, folder / "journal.db", folder / "config.yaml", folder / "packs")
    return open_database(paths)


def fill(database: Database, entries: int, *, seed: int = 6) -> None:
    """Add `entries` entries spread over five years: runs, notes, a few drafts and trashed."""
    chooser = random.Random(seed)
    start = datetime(2021, 11, 1, tzinfo=UTC)
    step = timedelta(days=5 * 365) / entries
    entry_rows = []
    answer_rows = []
    for number in range(entries):
        entry_id = str(uuid.UUID(int=chooser.getrandbits(128), version=4))
        created = (start + step * number).isoformat(timespec="microseconds")
        is_note = chooser.random() < 0.15
        completed = None if chooser.random() < 0.05 else created
        trashed = created if chooser.random() < 0.01 else None
        entry_rows.append(
            (
                entry_id,
                "note" if is_note else "run",
                None if is_note else "checkin",
                created,
                created,
                completed,
                int(chooser.random() < 0.1),
                trashed,
            )
        )
        if is_note:
            answer_rows.append(
                (entry_id, "note", 0, "Note", "text", None, None, None, 0, "a note", None, created)
            )
            continue
        for position, (question_id, kind, low, high, dimension, reverse) in enumerate(
            CHECKIN_QUESTIONS
        ):
            skipped = chooser.random() < 0.1
            number_value = None if kind == "text" or skipped else chooser.randint(low, high)
            text_value = "some words" if kind == "text" and not skipped else None
            answer_rows.append(
                (
                    entry_id,
                    question_id,
                    position,
                    f"Question {question_id}",
                    kind,
                    low,
                    high,
                    dimension,
                    reverse,
                    text_value,
                    number_value,
                    created,
                )
            )
    sessions = [
        (str(uuid.uuid4()), (start + timedelta(weeks=week)).date().isoformat(), start.isoformat())
        for week in range(0, 5 * 52, 1)
    ]
    with database.transaction() as cursor:
        cursor.executemany(
            "INSERT INTO entry (id, kind, pack_id, created_at, updated_at, completed_at, private, "
            "trashed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            entry_rows,
        )
        cursor.executemany(
            "INSERT INTO answer (entry_id, question_id, position, question_text, question_kind, "
            "scale_min, scale_max, dimension, reverse, value_text, value_number, answered_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            answer_rows,
        )
        cursor.executemany(
            "INSERT INTO therapy_session (id, held_on, created_at) VALUES (?, ?, ?)", sessions
        )


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    began = time.perf_counter()
    with open_large_journal(target) as journal:
        fill(journal, count)
    print(f"{count} entries in {target} ({time.perf_counter() - began:.1f} s)")
