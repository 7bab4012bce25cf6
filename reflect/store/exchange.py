"""Queries and writes for export and import.

Export streams: `iter_entries` walks two cursors in step (entries, and their answers in the same
order) so memory holds one entry at a time however large the journal is, and the number of
queries stays constant (no query per entry). Both cursors run inside one read transaction
(`read_snapshot`), so a `reflect` writing at the same moment cannot make them disagree.

The filter is the journal's EntryFilter with the listing's own WHERE clauses, so `reflect list`
and `reflect export` always select the same entries. The listing's per-entry detail query
(`iter_entry_details`) is not used: it runs one answer query per entry, where this runs two in
all, which matters at 100,000 entries.

Import writes go through one cursor inside the caller's transaction, so a failure anywhere rolls
the whole import back.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any

from msgspec.structs import replace

from reflect.model import (
    EntryFilter,
    QuestionSnapshot,
    StoredAnswer,
    StoredEntry,
    StoredPackSnapshot,
    StoredSession,
)
from reflect.store.database import Database
from reflect.store.entries import (
    ANSWER_INSERT,
    QUESTION_COLUMNS,
    answer_row,
    decode_value,
    question_from_columns,
)

# The listing's own clause builder, shared on purpose: the same filter must select the same
# entries in `reflect list` and in `reflect export`.
from reflect.store.journal import filter_clauses


def _where(entry_filter: EntryFilter) -> tuple[str, list[Any]]:
    """The WHERE clause the listing uses for the same filter, so `list` and `export` agree."""
    clauses, parameters = filter_clauses(entry_filter)
    return " AND ".join(clauses) or "1", parameters


@contextlib.contextmanager
def read_snapshot(database: Database) -> Iterator[None]:
    """A read transaction: every query inside sees the journal as it was when it began."""
    database.execute("BEGIN")
    try:
        yield
    finally:
        with contextlib.suppress(*database.errors):
            database.execute("COMMIT")


def count_private_left_out(database: Database, entry_filter: EntryFilter) -> int:
    """How many private entries match the other filters (0 when private ones are included)."""
    if entry_filter.include_private:
        return 0
    where, parameters = _where(replace(entry_filter, include_private=True))
    row = database.query_one(
        f"SELECT count(*) FROM entry WHERE {where} AND entry.private = 1", parameters
    )
    return int(row[0])


def count_entries(database: Database, entry_filter: EntryFilter) -> int:
    where, parameters = _where(entry_filter)
    row = database.query_one(f"SELECT count(*) FROM entry WHERE {where}", parameters)
    return int(row[0])


def date_span(database: Database, entry_filter: EntryFilter) -> tuple[str | None, str | None]:
    """When the first and the last matching entry were written (None, None if there are none)."""
    where, parameters = _where(entry_filter)
    row = database.query_one(
        f"SELECT min(entry.created_at), max(entry.created_at) FROM entry WHERE {where}",
        parameters,
    )
    return row[0], row[1]


_ENTRY_COLUMNS = (
    "entry.id, entry.kind, entry.pack_id, entry.pack_version, entry.pack_hash, "
    "entry.created_at, entry.updated_at, entry.completed_at, entry.flagged, entry.private, "
    "(SELECT json_group_array(tag) FROM entry_tag WHERE entry_id = entry.id)"
)
_ENTRY_COLUMNS_WITHOUT_TAGS = _ENTRY_COLUMNS.rsplit(", (SELECT", 1)[0] + ", '[]'"
# A question answered, not skipped (a skipped one has no value of either kind).
_ANSWERED = "(answer.value_text IS NOT NULL OR answer.value_number IS NOT NULL)"
# The question an answer was asked with, as one text: its QUESTION_COLUMNS in a JSON array
# (SQLite's json_array: exact for every value, NULL as null). A journal asks the same few
# questions again and again, so this text is a key that finds the question already built, and
# SQLite hands Python one value per answer instead of eleven (a quarter of the time).
_QUESTION_KEY = f"json_array(answer.{QUESTION_COLUMNS.replace(', ', ', answer.')})"
# Distinct questions kept while a reading goes on: cleared when full (a journal with more
# distinct questions than this only builds some of them twice).
_QUESTIONS_KEPT = 4096
_ANSWER_COLUMNS = (
    f"answer.entry_id, {_QUESTION_KEY}, answer.value_text, answer.value_number, answer.answered_at"
)
_ORDER = "entry.created_at, entry.id"


def _question(key: str, questions: dict[str, QuestionSnapshot]) -> QuestionSnapshot:
    """The question of a _QUESTION_KEY, built once per reading (`questions`: those built)."""
    question = questions.get(key)
    if question is None:
        if len(questions) >= _QUESTIONS_KEPT:
            questions.clear()
        question = questions[key] = question_from_columns(*json.loads(key))
    return question


def _answer(row: Sequence[Any], questions: dict[str, QuestionSnapshot]) -> StoredAnswer:
    """An answer from a row of _ANSWER_COLUMNS."""
    question = _question(row[1], questions)
    return StoredAnswer(question, decode_value(question.kind, row[2], row[3]), row[4])


def iter_entries(database: Database, entry_filter: EntryFilter) -> Iterator[StoredEntry]:
    """Matching entries oldest first, each with its answers and tags, one at a time.

    Call inside `read_snapshot` so the two cursors see the same data.
    """
    where, parameters = _where(entry_filter)
    return _entries_with_answers(database, where, parameters)


def iter_entries_with_some_answers(
    database: Database,
    entry_filters: Sequence[EntryFilter],
    *,
    questions_by_hash: Mapping[str, Collection[str]],
    questions_by_pack: Mapping[str, Collection[str]],
    flagged_kinds: Collection[str],
) -> Iterator[StoredEntry]:
    """The entries matching any of the filters, oldest first (each once), in one walk of the
    journal, each with only some of its answers, in their usual order: those to the questions
    named for its pack version (by content hash) or for its pack (by id), and, for a flagged
    entry, every answer to a question of one of `flagged_kinds`. The brief reads only these, so
    the rest of a long journal's answers are never fetched or decoded.

    Call inside `read_snapshot`, like iter_entries.
    """
    if not entry_filters:
        return iter(())
    wheres = [_where(entry_filter) for entry_filter in entry_filters]
    where = " OR ".join(f"({clause})" for clause, _ in wheres)
    if not any(entry_filter.include_trashed for entry_filter in entry_filters):
        # Said once outside the ORs too (each says it), so that SQLite walks entry_live_by_time
        # in time order instead of sorting every row it reads.
        where = f"entry.trashed_at IS NULL AND ({where})"
    parameters = [parameter for _, found in wheres for parameter in found]
    # Most answers are to none of the questions named: the IN on all of them rules those out
    # before the pack-by-pack conditions are looked at.
    named: set[str] = set()
    conditions: list[str] = []
    condition_parameters: list[Any] = []
    for column, questions in (("pack_hash", questions_by_hash), ("pack_id", questions_by_pack)):
        for key, ids in sorted(questions.items()):
            if ids:
                marks = ", ".join("?" * len(ids))
                conditions.append(f"(entry.{column} = ? AND answer.question_id IN ({marks}))")
                condition_parameters += [key, *sorted(ids)]
                named.update(ids)
    answer_where = "0"
    answer_parameters: list[Any] = []
    if conditions:
        marks = ", ".join("?" * len(named))
        answer_where = (
            f"(answer.question_id IN ({marks}) AND {_ANSWERED} AND ({' OR '.join(conditions)}))"
        )
        answer_parameters = [*sorted(named), *condition_parameters]
    if flagged_kinds:
        marks = ", ".join("?" * len(flagged_kinds))
        answer_where += f" OR (entry.flagged = 1 AND answer.question_kind IN ({marks}))"
        answer_parameters += sorted(flagged_kinds)
    # One walk: each entry with its wanted answers joined (LEFT JOIN: none gives one row of
    # NULLs), so an entry none of whose answers is wanted is left out unless it is flagged.
    rows = database.execute(
        f"SELECT {_ENTRY_COLUMNS_WITHOUT_TAGS}, {_ANSWER_COLUMNS} FROM entry "
        f"LEFT JOIN answer ON answer.entry_id = entry.id AND ({answer_where}) "
        f"WHERE ({where}) AND (entry.flagged = 1 OR answer.entry_id IS NOT NULL) "
        f"ORDER BY {_ORDER}, answer.position, answer.question_id",
        [*answer_parameters, *parameters],
    )
    return _entries_from_joined_rows(rows)


_ENTRY_WIDTH = _ENTRY_COLUMNS_WITHOUT_TAGS.count(", ") + 1  # the columns of _stored_entry


def _entries_from_joined_rows(rows: Iterable[Sequence[Any]]) -> Iterator[StoredEntry]:
    """Entries from rows of an entry's columns followed by one answer's (all NULL for none),
    an entry's rows next to each other."""
    width = _ENTRY_WIDTH
    questions: dict[str, QuestionSnapshot] = {}
    current: Sequence[Any] | None = None
    answers: list[StoredAnswer] = []
    for row in rows:
        if current is None or row[0] != current[0]:
            if current is not None:
                yield _stored_entry(current, tuple(answers))
            current, answers = row, []
        if row[width] is not None:
            answers.append(_answer(row[width:], questions))
    if current is not None:
        yield _stored_entry(current, tuple(answers))


def pack_ids_of(database: Database, entry_filters: Sequence[EntryFilter]) -> set[str]:
    """The packs (by id) the entries matching any of the filters were written with."""
    if not entry_filters:
        return set()
    wheres = [_where(entry_filter) for entry_filter in entry_filters]
    where = " OR ".join(f"({clause})" for clause, _ in wheres)
    parameters = [parameter for _, found in wheres for parameter in found]
    rows = database.query(
        f"SELECT DISTINCT entry.pack_id FROM entry WHERE ({where}) AND entry.pack_id IS NOT NULL",
        parameters,
    )
    return {row[0] for row in rows}


def _entry_and_answer_cursors(
    database: Database, where: str, parameters: list[Any], columns: str, answers_where: str = ""
) -> tuple[Any, Any]:
    """Two cursors in the same order: the entries a WHERE clause (and its parameters) chooses,
    and their answers (`columns` of each, `answers_where` further limiting which)."""
    entries = database.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM entry WHERE {where} ORDER BY {_ORDER}", parameters
    )
    # Entries first (CROSS JOIN keeps that order of the join): the filter is checked once per
    # entry, and the answers of the entries chosen come from answer's (entry_id, ...) index.
    answers = database.execute(
        f"SELECT {columns} FROM entry CROSS JOIN answer ON answer.entry_id = entry.id "
        f"WHERE {where} {answers_where} ORDER BY {_ORDER}, answer.position, answer.question_id",
        parameters,
    )
    return entries, answers


def _entries_with_answers(
    database: Database, where: str, parameters: list[Any]
) -> Iterator[StoredEntry]:
    """The two cursors of iter_entries merged: the entries a WHERE clause (and its parameters)
    chooses, with their tags, and all their answers."""
    entries, answers = _entry_and_answer_cursors(database, where, parameters, _ANSWER_COLUMNS)
    questions: dict[str, QuestionSnapshot] = {}
    answer_rows = iter(answers)
    pending = next(answer_rows, None)
    for row in entries:
        entry_answers: list[StoredAnswer] = []
        while pending is not None and pending[0] == row[0]:
            entry_answers.append(_answer(pending, questions))
            pending = next(answer_rows, None)
        yield _stored_entry(row, tuple(entry_answers))


def _stored_entry(row: Sequence[Any], answers: tuple[StoredAnswer, ...]) -> StoredEntry:
    """An entry from a row of _ENTRY_COLUMNS (its tags as SQLite's JSON array, or "[]")."""
    return StoredEntry(
        id=row[0],
        kind=row[1],
        pack_id=row[2],
        pack_version=row[3],
        pack_hash=row[4],
        created_at=row[5],
        updated_at=row[6],
        completed_at=row[7],
        flagged=bool(row[8]),
        private=bool(row[9]),
        tags=() if row[10] == "[]" else tuple(sorted(json.loads(row[10]))),
        answers=answers,
    )


# An answer as stored, for a writer that caches by row: its question (one shared object per
# question as asked, see question_from_columns), value_text and value_number, undecoded.
AnswerRow = tuple[QuestionSnapshot, str | None, float | None]
_GIVEN_COLUMNS = f"answer.entry_id, {_QUESTION_KEY}, answer.value_text, answer.value_number"
# Answered in the reading of decode_value: a scale by its number, any other kind by its text.
_GIVEN = (
    "CASE WHEN answer.question_kind = 'scale' THEN answer.value_number IS NOT NULL "
    "ELSE answer.value_text IS NOT NULL END"
)


def iter_entry_rows(
    database: Database, entry_filter: EntryFilter
) -> Iterator[tuple[StoredEntry, list[AnswerRow]]]:
    """As iter_entries, but each entry comes without its answers, followed by its answers that
    were given (skipped ones left out) as AnswerRows, undecoded. For the Markdown export, which
    writes the same few questions and picks again and again and so caches its text by row.

    Call inside `read_snapshot`, like iter_entries.
    """
    where, parameters = _where(entry_filter)
    entries, answers = _entry_and_answer_cursors(
        database, where, parameters, _GIVEN_COLUMNS, f"AND {_GIVEN}"
    )
    questions: dict[str, QuestionSnapshot] = {}
    answer_rows = iter(answers)
    pending = next(answer_rows, None)
    for row in entries:
        entry_id = row[0]
        given: list[AnswerRow] = []
        while pending is not None and pending[0] == entry_id:
            question = questions.get(pending[1]) or _question(pending[1], questions)
            given.append((question, pending[2], pending[3]))
            pending = next(answer_rows, None)
        entry = _stored_entry(row, ())
        yield entry, given


# One entry of reflect's JSON export, written by SQLite itself (its JSON functions), so that no
# Python runs per answer and only a write per entry: the same keys, in the same order, with the
# same values as reflect.render.export.json_document.entry_dict builds from a StoredEntry (a
# scale value that is a whole number as an integer, a multiple choice as its list, no options
# as null, tags sorted). SQLite writes JSON without spaces after `,` and `:`. Each answer's
# object is built inside the aggregate, over the answers put in order by a subquery, so that
# SQLite never parses the JSON it has just written (a third faster than aggregating the text).
_ANSWER_JSON = """json_object(
    'question', json_object(
        'id', answer.question_id, 'text', answer.question_text, 'kind', answer.question_kind,
        'position', answer.position, 'scale_min', answer.scale_min,
        'scale_max', answer.scale_max, 'min_label', answer.min_label,
        'max_label', answer.max_label, 'dimension', answer.dimension,
        'reverse', CASE WHEN answer.reverse THEN json('true') ELSE json('false') END,
        'options', CASE WHEN answer.options IS NULL OR json_array_length(answer.options) = 0
                   THEN NULL ELSE json(answer.options) END),
    'value', CASE
        WHEN answer.question_kind = 'scale' THEN
            CASE WHEN answer.value_number = CAST(answer.value_number AS INTEGER)
                 THEN CAST(answer.value_number AS INTEGER) ELSE answer.value_number END
        WHEN answer.value_text IS NULL THEN NULL
        WHEN answer.question_kind = 'multi' THEN json(answer.value_text)
        ELSE answer.value_text END,
    'answered_at', answer.answered_at)"""
_ENTRY_JSON = f"""json_object(
    'id', entry.id, 'kind', entry.kind,
    'pack', CASE WHEN coalesce(entry.pack_hash, '') != '' OR coalesce(entry.pack_id, '') != ''
            THEN json_object('id', entry.pack_id, 'version', entry.pack_version,
                             'content_hash', entry.pack_hash) END,
    'created_at', entry.created_at, 'updated_at', entry.updated_at,
    'completed_at', entry.completed_at,
    'flagged', CASE WHEN entry.flagged THEN json('true') ELSE json('false') END,
    'private', CASE WHEN entry.private THEN json('true') ELSE json('false') END,
    'tags', {{tags}},
    'answers', (SELECT json_group_array({_ANSWER_JSON}) FROM
                (SELECT * FROM answer
                 WHERE answer.entry_id = entry.id {{answer_kind}}
                 ORDER BY answer.position, answer.question_id) AS answer))"""
_TAGS_JSON = (
    "(SELECT json_group_array(tag) FROM "
    "(SELECT tag FROM entry_tag WHERE entry_id = entry.id ORDER BY tag))"
)
_SCALE_ONLY = "AND answer.question_kind = 'scale'"
JSON_BATCH = 64


def iter_entry_json(
    database: Database, entry_filter: EntryFilter, *, scores_only: bool = False
) -> Iterator[list[str]]:
    """The matching entries oldest first, each as the JSON text of reflect's export, in
    batches of up to JSON_BATCH (memory holds one batch however large the journal is).

    scores_only keeps only the answers on scales and no tags (a tag is the person's word), and
    leaves out entries without a scale answer.
    Call inside `read_snapshot`, like iter_entries.
    """
    where, parameters = _where(entry_filter)
    answer_kind = _SCALE_ONLY if scores_only else ""
    tags = "json('[]')" if scores_only else _TAGS_JSON
    having_scores = (
        f" AND EXISTS (SELECT 1 FROM answer WHERE answer.entry_id = entry.id {_SCALE_ONLY})"
        if scores_only
        else ""
    )
    cursor = database.execute(
        f"SELECT {_ENTRY_JSON.format(answer_kind=answer_kind, tags=tags)} FROM entry "
        f"WHERE {where}{having_scores} ORDER BY {_ORDER}",
        parameters,
    )
    while batch := cursor.fetchmany(JSON_BATCH):
        yield [row[0] for row in batch]


def packs_used(database: Database, entry_filter: EntryFilter) -> list[StoredPackSnapshot]:
    """The exact pack versions the matching entries were written with."""
    where, parameters = _where(entry_filter)
    rows = database.query(
        "SELECT content_hash, pack_id, version, title, definition, first_used_at "
        "FROM pack_snapshot WHERE content_hash IN "
        f"(SELECT DISTINCT entry.pack_hash FROM entry WHERE {where}) "
        "ORDER BY pack_id, first_used_at, content_hash",
        parameters,
    )
    return [
        StoredPackSnapshot(row[0], row[1], row[2], row[3], json.loads(row[4]), row[5])
        for row in rows
    ]


def sessions_between(
    database: Database, since: str | None, until: str | None
) -> list[StoredSession]:
    """Therapy sessions held in the range (there are few: a list is fine)."""
    rows = database.query(
        "SELECT id, held_on, note, created_at FROM therapy_session "
        "WHERE held_on >= coalesce(?, '') AND held_on <= coalesce(?, '9999') "
        "ORDER BY held_on, id",
        (since, until),
    )
    return [StoredSession(*row) for row in rows]


# --- import writes (each takes the cursor of the caller's single transaction) ---------------


def entry_updated_at(cursor: Any, entry_id: str) -> str | None:
    row = cursor.execute("SELECT updated_at FROM entry WHERE id = ?", (entry_id,)).fetchone()
    return row[0] if row else None


def session_exists(cursor: Any, session_id: str) -> bool:
    found = cursor.execute("SELECT 1 FROM therapy_session WHERE id = ?", (session_id,))
    return found.fetchone() is not None


def insert_session(cursor: Any, session: StoredSession) -> None:
    cursor.execute(
        "INSERT INTO therapy_session (id, held_on, note, created_at) VALUES (?, ?, ?, ?)",
        (session.id, session.held_on, session.note, session.created_at),
    )


def insert_pack_snapshot(cursor: Any, pack: StoredPackSnapshot) -> bool:
    """Store a pack version unless it is already there (the content hash identifies it)."""
    cursor.execute(
        "INSERT OR IGNORE INTO pack_snapshot "
        "(content_hash, pack_id, version, title, definition, first_used_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            pack.content_hash,
            pack.pack_id,
            pack.version,
            pack.title,
            json.dumps(pack.definition, ensure_ascii=False, sort_keys=True),
            pack.first_used_at,
        ),
    )
    return bool(cursor.rowcount)


def write_entry(cursor: Any, entry: StoredEntry, *, replace: bool) -> None:
    """Insert an imported entry as it was, or replace the live one with the same id.

    A replaced entry keeps its local trash state: import never restores what was deleted here.
    """
    values = (
        entry.kind,
        entry.pack_id,
        entry.pack_version,
        entry.pack_hash,
        entry.created_at,
        entry.updated_at,
        entry.completed_at,
        int(entry.flagged),
        int(entry.private),
        entry.id,
    )
    if replace:
        cursor.execute("DELETE FROM answer WHERE entry_id = ?", (entry.id,))
        cursor.execute("DELETE FROM entry_tag WHERE entry_id = ?", (entry.id,))
        cursor.execute(
            "UPDATE entry SET kind = ?, pack_id = ?, pack_version = ?, pack_hash = ?, "
            "created_at = ?, updated_at = ?, completed_at = ?, flagged = ?, private = ? "
            "WHERE id = ?",
            values,
        )
    else:
        cursor.execute(
            "INSERT INTO entry (kind, pack_id, pack_version, pack_hash, created_at, updated_at, "
            "completed_at, flagged, private, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            values,
        )
    cursor.executemany(
        "INSERT OR IGNORE INTO entry_tag (entry_id, tag) VALUES (?, ?)",
        [(entry.id, tag) for tag in entry.tags],
    )
    cursor.executemany(
        ANSWER_INSERT,
        [
            answer_row(entry.id, answer.question, answer.value, answer.answered_at)
            for answer in entry.answers
        ],
    )
