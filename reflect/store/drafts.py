"""Reading what a pack run needs: the newest draft of a pack, its answers, the exact pack
definition it was started with, and the answers of the pack's previous entry."""

from __future__ import annotations

import json
from typing import Any

from msgspec import Struct

from reflect.model import AnswerValue
from reflect.store.database import Database
from reflect.store.entries import decode_value


class Draft(Struct, frozen=True):
    """An unfinished pack run: started, perhaps partly answered, never completed."""

    entry_id: str
    pack_id: str
    pack_hash: str | None
    created_at: str
    flagged: bool
    private: bool


def newest_draft(database: Database, pack_id: str) -> Draft | None:
    """The most recently touched unfinished run of this pack (not in the trash), if any."""
    row = database.query_one(
        "SELECT id, pack_id, pack_hash, created_at, flagged, private FROM entry "
        "WHERE kind = 'run' AND pack_id = ? AND completed_at IS NULL AND trashed_at IS NULL "
        "ORDER BY updated_at DESC, created_at DESC LIMIT 1",
        (pack_id,),
    )
    if row is None:
        return None
    return Draft(
        entry_id=row[0],
        pack_id=row[1],
        pack_hash=row[2],
        created_at=row[3],
        flagged=bool(row[4]),
        private=bool(row[5]),
    )


def given_answers(database: Database, entry_id: str) -> dict[str, AnswerValue]:
    """question_id -> value (None for a skipped question) of every answer row of an entry."""
    rows = database.query(
        "SELECT question_id, question_kind, value_text, value_number FROM answer "
        "WHERE entry_id = ? ORDER BY position, id",
        (entry_id,),
    )
    return {row[0]: decode_value(row[1], row[2], row[3]) for row in rows}


def pack_definition(database: Database, content_hash: str) -> dict[str, Any] | None:
    """The pack exactly as it was when an entry was started (stored once per version)."""
    row = database.query_one(
        "SELECT definition FROM pack_snapshot WHERE content_hash = ?", (content_hash,)
    )
    return json.loads(row[0]) if row is not None else None


class EarlierAnswer(Struct, frozen=True):
    """A question's answer in an earlier entry, with the scale it was given on."""

    question_id: str
    kind: str
    scale_min: int | None
    scale_max: int | None
    value: AnswerValue


def previous_entry_answers(
    database: Database, pack_id: str, *, before: str | None = None
) -> dict[str, EarlierAnswer]:
    """question_id -> answer in the newest completed entry of this pack (not in the trash).

    `before`: an entry to leave out (the one being answered). Skipped questions are left out.
    """
    row = database.query_one(
        "SELECT id FROM entry WHERE kind = 'run' AND pack_id = ? AND completed_at IS NOT NULL "
        "AND trashed_at IS NULL AND id IS NOT ? "
        "ORDER BY created_at DESC, completed_at DESC LIMIT 1",
        (pack_id, before),
    )
    if row is None:
        return {}
    rows = database.query(
        "SELECT question_id, question_kind, scale_min, scale_max, value_text, value_number "
        "FROM answer WHERE entry_id = ? AND (value_text IS NOT NULL OR value_number IS NOT NULL)",
        (row[0],),
    )
    return {
        question_id: EarlierAnswer(
            question_id, kind, low, high, decode_value(kind, value_text, value_number)
        )
        for question_id, kind, low, high, value_text, value_number in rows
    }
