"""Notes brought in from another journal app (jrnl, Day One): one shape for all of them."""

from __future__ import annotations

from collections.abc import Iterable

from reflect.model import (
    NOTE_QUESTION_ID,
    NOTE_QUESTION_TEXT,
    QuestionSnapshot,
    StoredAnswer,
    StoredEntry,
)
from reflect.store.entries import normalise_tags

NOTE_QUESTION = QuestionSnapshot(
    id=NOTE_QUESTION_ID, text=NOTE_QUESTION_TEXT, kind="text", position=0
)


def imported_note(
    entry_id: str,
    text: str,
    *,
    created: str,
    updated: str | None = None,
    flagged: bool,
    tags: Iterable[str],
) -> StoredEntry:
    """A completed note written at `created` (database time); an empty text keeps no answer."""
    return StoredEntry(
        id=entry_id,
        kind="note",
        pack_id=None,
        pack_version=None,
        pack_hash=None,
        created_at=created,
        updated_at=updated or created,
        completed_at=created,
        flagged=flagged,
        private=False,
        tags=tuple(normalise_tags(tags)),
        answers=(StoredAnswer(NOTE_QUESTION, text, created),) if text else (),
    )
