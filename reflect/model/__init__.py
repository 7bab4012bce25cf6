"""The types every layer shares: entries, answers, question snapshots, the entry filter with its
date range, the export formats, and the one check of an answer against its question.

Layers: cli -> (core, render); core -> (packs, store, model); render -> model; store -> model.
Nothing here reads a file, a database or the terminal.
"""

from __future__ import annotations

from reflect.model.answers import (
    AnswerMismatch,
    AnswerProblem,
    AnswerShape,
    check_answer,
    listed_options,
)
from reflect.model.entries import (
    NOTE_PACK_NAME,
    NOTE_QUESTION_ID,
    NOTE_QUESTION_TEXT,
    PREVIEW_CHARACTERS,
    QUESTION_KINDS,
    SNIPPET_END,
    SNIPPET_START,
    AnswerRecord,
    AnswerValue,
    EmptiedTrash,
    EntryDetail,
    EntryMarks,
    EntrySummary,
    PackReference,
    QuestionKind,
    QuestionSnapshot,
    SearchHit,
    SearchMatch,
    SearchResults,
    StoredAnswer,
    StoredEntry,
    StoredPackSnapshot,
    StoredSession,
    TherapySession,
)
from reflect.model.filters import RANGE_BACKWARDS_MESSAGE, DateRange, EntryFilter
from reflect.model.formats import ExportFormat

__all__ = [
    "NOTE_PACK_NAME",
    "NOTE_QUESTION_ID",
    "NOTE_QUESTION_TEXT",
    "PREVIEW_CHARACTERS",
    "QUESTION_KINDS",
    "RANGE_BACKWARDS_MESSAGE",
    "SNIPPET_END",
    "SNIPPET_START",
    "AnswerMismatch",
    "AnswerProblem",
    "AnswerRecord",
    "AnswerShape",
    "AnswerValue",
    "DateRange",
    "EmptiedTrash",
    "EntryDetail",
    "EntryFilter",
    "EntryMarks",
    "EntrySummary",
    "ExportFormat",
    "PackReference",
    "QuestionKind",
    "QuestionSnapshot",
    "SearchHit",
    "SearchMatch",
    "SearchResults",
    "StoredAnswer",
    "StoredEntry",
    "StoredPackSnapshot",
    "StoredSession",
    "TherapySession",
    "check_answer",
    "listed_options",
]
