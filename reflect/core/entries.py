"""Writing entries that arrive whole: a note, and a pack run from an answers file.

The CLI and the menu write through here, never through the store, so every write passes the
same layer (an interactive run writes answer by answer through reflect.core.running.PackRun).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from reflect.model import AnswerValue, PackReference, QuestionSnapshot
from reflect.store import entries as store
from reflect.store.database import Database


def record_note(
    database: Database,
    text: str,
    *,
    at: datetime | None = None,
    flagged: bool = False,
    private: bool = False,
    tags: Iterable[str] = (),
) -> str:
    """Save a free-form note (one text answer to the implicit question "Note"); its id."""
    return store.create_note(database, text, at=at, flagged=flagged, private=private, tags=tags)


def record_complete_run(
    database: Database,
    pack: PackReference,
    answers: Sequence[tuple[QuestionSnapshot, AnswerValue]],
    *,
    at: datetime | None = None,
    flagged: bool = False,
    private: bool = False,
    tags: Iterable[str] = (),
) -> str:
    """Save a whole run (answers already checked) in one transaction, all or nothing; its id."""
    return store.create_complete_entry(
        database, pack, answers, at=at, flagged=flagged, private=private, tags=tags
    )
