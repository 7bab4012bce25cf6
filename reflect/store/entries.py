"""Writing entries and answers. Each function is one short transaction.

An answer row carries a snapshot of its question as it was asked, so history keeps its meaning
when a pack is edited later. A skipped question is stored as an answer with no value: resuming
continues after it, and trends ignore it.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, TypedDict, Unpack

from reflect.clock import db_now, to_db_time
from reflect.model import (
    NOTE_QUESTION_ID,
    NOTE_QUESTION_TEXT,
    AnswerValue,
    EntryMarks,
    PackReference,
    QuestionKind,
    QuestionSnapshot,
)
from reflect.store.database import Database


def new_entry_id() -> str:
    return str(uuid.uuid4())


def encode_value(kind: str, value: AnswerValue) -> tuple[str | None, float | None]:
    """(value_text, value_number) as stored. None means skipped."""
    if value is None:
        return None, None
    if kind == "scale":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError("a scale answer is a number")
        return None, float(value)
    if kind == "multi":
        if not isinstance(value, list | tuple):
            raise TypeError("a multi-choice answer is a list")
        return json.dumps(list(value), ensure_ascii=False), None
    if kind == "yesno":
        if isinstance(value, bool):
            return ("yes" if value else "no"), None
        if value in ("yes", "no"):
            return str(value), None
        raise TypeError("a yes/no answer is yes or no")
    if not isinstance(value, str):
        raise TypeError("a text or choice answer is a string")
    return value, None


def decode_value(kind: str, value_text: str | None, value_number: float | None) -> AnswerValue:
    if kind == "scale":
        if value_number is None:
            return None
        return int(value_number) if float(value_number).is_integer() else value_number
    if value_text is None:
        return None
    if kind == "multi":
        decoded = json.loads(value_text)
        return [str(item) for item in decoded]
    return value_text


# The answer table's question columns in the order question_from_columns takes them.
QUESTION_COLUMNS = (
    "question_id, position, question_text, question_kind, scale_min, scale_max, min_label, "
    "max_label, dimension, reverse, options"
)


@functools.lru_cache(maxsize=4096)
def question_from_columns(
    question_id: str,
    position: int,
    text: str,
    kind: QuestionKind,
    scale_min: int | None,
    scale_max: int | None,
    min_label: str | None,
    max_label: str | None,
    dimension: str | None,
    reverse: int,
    options: str | None,
) -> QuestionSnapshot:
    """The question an answer row was asked with (its QUESTION_COLUMNS, in order).

    Cached: a journal asks the same few questions again and again, so most answers share one
    snapshot object instead of building (and holding) their own.
    """
    choices = json.loads(options) if options else None
    return QuestionSnapshot(
        id=question_id,
        text=text,
        kind=kind,
        position=position,
        scale_min=scale_min,
        scale_max=scale_max,
        min_label=min_label,
        max_label=max_label,
        dimension=dimension,
        reverse=bool(reverse),
        options=tuple(choices) if choices else None,
    )


def _insert_pack_snapshot(cursor: Any, pack: PackReference, now: str) -> None:
    cursor.execute(
        "INSERT OR IGNORE INTO pack_snapshot "
        "(content_hash, pack_id, version, title, definition, first_used_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            pack.content_hash,
            pack.id,
            pack.version,
            pack.title,
            json.dumps(pack.definition, ensure_ascii=False, sort_keys=True),
            now,
        ),
    )


def _insert_entry(
    cursor: Any,
    *,
    entry_id: str,
    kind: str,
    pack: PackReference | None,
    at: datetime | None,
    flagged: bool,
    private: bool,
    completed: bool,
    now: str,
) -> None:
    created = to_db_time(at) if at is not None else now
    cursor.execute(
        "INSERT INTO entry (id, kind, pack_id, pack_version, pack_hash, created_at, updated_at, "
        "completed_at, flagged, private) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry_id,
            kind,
            pack.id if pack else None,
            pack.version if pack else None,
            pack.content_hash if pack else None,
            created,
            now,
            now if completed else None,
            int(flagged),
            int(private),
        ),
    )


def insert_tags(cursor: Any, entry_id: str, tags: Iterable[str]) -> None:
    """Add tags (normalised) to an entry; a tag it has already stays once."""
    cursor.executemany(
        "INSERT OR IGNORE INTO entry_tag (entry_id, tag) VALUES (?, ?)",
        [(entry_id, tag) for tag in normalise_tags(tags)],
    )


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """Tags are stored lower-case without a leading @ or #, in first-seen order, no duplicates."""
    seen: dict[str, None] = {}
    for tag in tags:
        cleaned = tag.strip().lstrip("@#").strip().lower()
        if cleaned:
            seen.setdefault(cleaned, None)
    return list(seen)


ANSWER_INSERT = (
    "INSERT INTO answer (entry_id, question_id, position, question_text, question_kind, "
    "scale_min, scale_max, min_label, max_label, dimension, reverse, options, value_text, "
    "value_number, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def answer_row(
    entry_id: str, question: QuestionSnapshot, value: AnswerValue, answered_at: str
) -> tuple[Any, ...]:
    """The parameters of ANSWER_INSERT: the value plus the question's snapshot."""
    value_text, value_number = encode_value(question.kind, value)
    return (
        entry_id,
        question.id,
        question.position,
        question.text,
        question.kind,
        question.scale_min,
        question.scale_max,
        question.min_label,
        question.max_label,
        question.dimension,
        int(question.reverse),
        json.dumps(list(question.options), ensure_ascii=False) if question.options else None,
        value_text,
        value_number,
        answered_at,
    )


def _upsert_answer(
    cursor: Any, entry_id: str, question: QuestionSnapshot, value: AnswerValue, now: str
) -> None:
    cursor.execute(
        ANSWER_INSERT + " ON CONFLICT (entry_id, question_id) DO UPDATE SET "
        "value_text = excluded.value_text, value_number = excluded.value_number, "
        "answered_at = excluded.answered_at",
        answer_row(entry_id, question, value, now),
    )


class NewEntryMarks(TypedDict, total=False):
    """What a new entry starts with besides its answers, each keyword optional: the moment it is
    dated (None or left out: now), flagged, private (left out: not), its tags (left out: none)."""

    at: datetime | None
    flagged: bool
    private: bool
    tags: Iterable[str]


def start_entry(
    database: Database,
    pack: PackReference,
    *,
    answers: Sequence[tuple[QuestionSnapshot, AnswerValue]] = (),
    **marks: Unpack[NewEntryMarks],
) -> str:
    """Create a draft entry for a pack run, with its first answers in the same transaction."""
    return _create_entry(database, pack, answers, completed=False, marks=marks)


def save_answer(
    database: Database, entry_id: str, question: QuestionSnapshot, value: AnswerValue
) -> None:
    """Commit one answer (or a skip, value None) the moment it is given."""
    now = db_now()
    with database.transaction() as cursor:
        _upsert_answer(cursor, entry_id, question, value, now)
        cursor.execute("UPDATE entry SET updated_at = ? WHERE id = ?", (now, entry_id))


_AS_STARTED = EntryMarks()


def complete_entry(database: Database, entry_id: str, marks: EntryMarks = _AS_STARTED) -> None:
    """Mark a run complete, with the flag, privacy and tags chosen at its end."""
    with database.transaction() as cursor:
        change_marks(cursor, entry_id, marks, completed=True)


def change_marks(cursor: Any, entry_id: str, marks: EntryMarks, *, completed: bool) -> None:
    """Set the flag and privacy (None: leave as it is), add and remove tags and touch updated_at;
    `completed`: mark the entry complete at the same moment."""
    flagged, private = marks.flagged, marks.private
    now = db_now()
    cursor.execute(
        "UPDATE entry SET flagged = coalesce(?, flagged), private = coalesce(?, private), "
        "updated_at = ?, completed_at = CASE WHEN ? THEN ? ELSE completed_at END WHERE id = ?",
        (
            None if flagged is None else int(flagged),
            None if private is None else int(private),
            now,
            completed,
            now,
            entry_id,
        ),
    )
    cursor.executemany(
        "DELETE FROM entry_tag WHERE entry_id = ? AND tag = ?",
        [(entry_id, tag) for tag in normalise_tags(marks.remove_tags)],
    )
    insert_tags(cursor, entry_id, marks.add_tags)


def create_complete_entry(
    database: Database,
    pack: PackReference,
    answers: Sequence[tuple[QuestionSnapshot, AnswerValue]],
    **marks: Unpack[NewEntryMarks],
) -> str:
    """A whole pack run in one transaction (non-interactive runs: all or nothing)."""
    return _create_entry(database, pack, answers, completed=True, marks=marks)


def _create_entry(
    database: Database,
    pack: PackReference | None,
    answers: Sequence[tuple[QuestionSnapshot, AnswerValue]],
    *,
    completed: bool,
    marks: NewEntryMarks,
) -> str:
    """A pack run (pack given) or a note (pack None), its answers and tags, in one transaction."""
    entry_id = new_entry_id()
    now = db_now()
    with database.transaction() as cursor:
        if pack is not None:
            _insert_pack_snapshot(cursor, pack, now)
        _insert_entry(
            cursor,
            entry_id=entry_id,
            kind="note" if pack is None else "run",
            pack=pack,
            at=marks.get("at"),
            flagged=marks.get("flagged", False),
            private=marks.get("private", False),
            completed=completed,
            now=now,
        )
        for question, value in answers:
            _upsert_answer(cursor, entry_id, question, value, now)
        insert_tags(cursor, entry_id, marks.get("tags", ()))
    return entry_id


def create_note(
    database: Database,
    text: str,
    *,
    completed: bool = True,
    **marks: Unpack[NewEntryMarks],
) -> str:
    """A free-form entry: one text answer to the implicit question "Note" (completed=False: a
    draft, shown by `reflect list --drafts`)."""
    question = QuestionSnapshot(
        id=NOTE_QUESTION_ID, text=NOTE_QUESTION_TEXT, kind="text", position=0
    )
    return _create_entry(database, None, [(question, text)], completed=completed, marks=marks)
