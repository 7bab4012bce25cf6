"""Entries, answers and sessions as every layer sees them.

The store builds these from rows, the core passes them around, render and the exporters turn them
into text; none of them needs to know where they came from.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args

from msgspec import Struct, field

QuestionKind = Literal["text", "scale", "choice", "multi", "yesno"]
QUESTION_KINDS: tuple[str, ...] = get_args(QuestionKind)

AnswerValue = str | int | float | bool | list[str] | None
"""An answer as stored: text, a number, "yes"/"no", a list of options; None when skipped."""

NOTE_PACK_NAME = "note"
"""`--pack note` selects free-form notes, which have no pack."""
NOTE_QUESTION_ID = "note"
PREVIEW_CHARACTERS = 200
"""How much of an entry's first text answer `preview` carries; it holds one character more when
the answer goes on, so the preview can say so."""
NOTE_QUESTION_TEXT = "Note"

SNIPPET_START = "\ue000"
SNIPPET_END = "\ue001"
"""Private-use characters marking a highlighted term in a search snippet (never typed by people)."""


class QuestionSnapshot(Struct, frozen=True):
    """A question exactly as it was asked."""

    id: str
    text: str
    kind: QuestionKind
    position: int
    scale_min: int | None = None
    scale_max: int | None = None
    min_label: str | None = None
    max_label: str | None = None
    dimension: str | None = None
    reverse: bool = False
    options: tuple[str, ...] | None = None

    @property
    def bounds(self) -> tuple[int, int] | None:
        """(lowest, highest) of a scale question; None for the other kinds."""
        if self.scale_min is None or self.scale_max is None:
            return None
        return self.scale_min, self.scale_max


class PackReference(Struct, frozen=True):
    """Which pack (and exactly which version of it) an entry was written with."""

    id: str
    version: str
    title: str
    content_hash: str
    definition: dict[str, Any] = field(default_factory=dict)


class EntryMarks(Struct, frozen=True):
    """Flag, privacy and tag changes to make to an entry (None: leave as is)."""

    flagged: bool | None = None
    private: bool | None = None
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()

    @property
    def any(self) -> bool:
        return (
            self.flagged is not None
            or self.private is not None
            or bool(self.add_tags)
            or bool(self.remove_tags)
        )


class EntrySummary(Struct, frozen=True):
    """One entry without its answers (`preview`: the start of its first text answer, if asked)."""

    id: str
    kind: str
    pack_id: str | None
    pack_version: str | None
    pack_title: str | None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None
    flagged: bool
    private: bool
    trashed_at: datetime | None
    tags: tuple[str, ...]
    preview: str | None = None

    @property
    def draft(self) -> bool:
        return self.completed_at is None

    @property
    def trashed(self) -> bool:
        return self.trashed_at is not None

    @property
    def label(self) -> str:
        """What the entry is, in a word or two: the pack's title, or "Note"."""
        if self.kind == "note":
            return "Note"
        return self.pack_title or self.pack_id or "Entry"


class AnswerRecord(Struct, frozen=True):
    """One question as it was asked, with its answer (None when skipped)."""

    question: QuestionSnapshot
    value: AnswerValue
    answered_at: datetime

    @property
    def skipped(self) -> bool:
        return self.value is None


class EntryDetail(Struct, frozen=True):
    summary: EntrySummary
    answers: tuple[AnswerRecord, ...]


class SearchMatch(Struct, frozen=True):
    """One answer that matched: its question and a snippet with SNIPPET_START/END around hits."""

    question_id: str
    question_text: str
    snippet: str
    score: float


class SearchHit(Struct, frozen=True):
    entry: EntrySummary
    matches: tuple[SearchMatch, ...]

    @property
    def score(self) -> float:
        """bm25: lower is better (SQLite returns it negated)."""
        return min(match.score for match in self.matches)


class SearchResults(Struct, frozen=True):
    hits: list[SearchHit]
    more: bool
    """Whether more entries matched than the limit let through."""


class EmptiedTrash(Struct, frozen=True):
    entries: int
    wal_truncated: bool


class TherapySession(Struct, frozen=True):
    """A session with the therapist, as listed and shown between entries."""

    id: str
    held_on: datetime
    note: str | None
    created_at: datetime


# --- the exchange format: rows exactly as stored (times as UTC text), for export and import ---


class StoredAnswer(Struct, frozen=True):
    question: QuestionSnapshot
    value: AnswerValue
    answered_at: str


class StoredEntry(Struct, frozen=True):
    id: str
    kind: str
    pack_id: str | None
    pack_version: str | None
    pack_hash: str | None
    created_at: str
    updated_at: str
    completed_at: str | None
    flagged: bool
    private: bool
    tags: tuple[str, ...]
    answers: tuple[StoredAnswer, ...]


class StoredPackSnapshot(Struct, frozen=True):
    content_hash: str
    pack_id: str
    version: str
    title: str
    definition: dict[str, Any]
    first_used_at: str


class StoredSession(Struct, frozen=True):
    id: str
    held_on: str
    note: str | None
    created_at: str
