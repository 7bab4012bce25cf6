"""Reading and tidying the journal: filtered entry streams, one entry with its answers, full-text
search, flags and tags, answer edits, the trash.

Every query that lists entries excludes trashed ones (trashed_at IS NOT NULL) unless the caller asks
for them: list, search, trends and export all go through `EntryFilter` and `iter_entries`, so an
entry in the trash vanishes from all of them at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from reflect.clock import db_now, from_db_time, to_db_time
from reflect.model import (
    NOTE_PACK_NAME,
    NOTE_QUESTION_ID,
    PREVIEW_CHARACTERS,
    SNIPPET_END,
    SNIPPET_START,
    AnswerRecord,
    AnswerValue,
    EmptiedTrash,
    EntryDetail,
    EntryFilter,
    EntryMarks,
    EntrySummary,
    QuestionSnapshot,
    SearchHit,
    SearchMatch,
    SearchResults,
)
from reflect.store.database import Database
from reflect.store.entries import (
    QUESTION_COLUMNS,
    change_marks,
    decode_value,
    encode_value,
    normalise_tags,
    question_from_columns,
)

SNIPPET_TOKENS = 12


_SUMMARY_COLUMNS = """
    entry.id, entry.kind, entry.pack_id, entry.pack_version, pack_snapshot.title,
    entry.created_at, entry.updated_at, entry.completed_at, entry.flagged, entry.private,
    entry.trashed_at,
    (SELECT json_group_array(entry_tag.tag) FROM entry_tag
        WHERE entry_tag.entry_id = entry.id) AS tags
"""
_PREVIEW_COLUMN = f"""
    (SELECT substr(answer.value_text, 1, {PREVIEW_CHARACTERS + 1}) FROM answer
        WHERE answer.entry_id = entry.id AND answer.question_kind = 'text'
        AND answer.value_text IS NOT NULL
        ORDER BY answer.position LIMIT 1) AS preview
"""
_NO_PREVIEW_COLUMN = "NULL AS preview"
_FROM = "FROM entry LEFT JOIN pack_snapshot ON pack_snapshot.content_hash = entry.pack_hash"
_SUMMARY_WIDTH = 13


def stored_moment(text: str) -> datetime:
    """A stored time as an aware datetime. reflect writes UTC with its offset; a time written
    without one (an older import, a hand-made or generated journal, a bare date) counts as UTC."""
    moment = from_db_time(text)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _summary(row: Sequence[Any]) -> EntrySummary:
    return EntrySummary(
        id=row[0],
        kind=row[1],
        pack_id=row[2],
        pack_version=row[3],
        pack_title=row[4],
        created_at=stored_moment(row[5]),
        updated_at=stored_moment(row[6]),
        completed_at=stored_moment(row[7]) if row[7] else None,
        flagged=bool(row[8]),
        private=bool(row[9]),
        trashed_at=stored_moment(row[10]) if row[10] else None,
        tags=tuple(json.loads(row[11])) if row[11] else (),
        preview=row[12],
    )


def filter_clauses(entry_filter: EntryFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions on `entry` (and their parameters) selecting what the filter asks for.

    Shared by list, search and export so the same filter always selects the same entries.
    """
    clauses: list[str] = []
    parameters: list[Any] = []
    if not entry_filter.include_trashed:
        clauses.append("entry.trashed_at IS NULL")
    if entry_filter.since is not None:
        clauses.append("entry.created_at >= ?")
        parameters.append(to_db_time(entry_filter.since))
    if entry_filter.until is not None:
        clauses.append("entry.created_at <= ?")
        parameters.append(to_db_time(entry_filter.until))
    if entry_filter.pack is not None:
        if entry_filter.pack == NOTE_PACK_NAME:
            clauses.append("entry.kind = 'note'")
        else:
            clauses.append("entry.pack_id = ?")
            parameters.append(entry_filter.pack)
    if entry_filter.tag is not None:
        tags = normalise_tags([entry_filter.tag])
        clauses.append(
            "EXISTS (SELECT 1 FROM entry_tag "
            "WHERE entry_tag.entry_id = entry.id AND entry_tag.tag = ?)"
        )
        parameters.append(tags[0] if tags else "")
    if entry_filter.flagged:
        clauses.append("entry.flagged = 1")
    if not entry_filter.include_private:
        clauses.append("entry.private = 0")
    if entry_filter.drafts is True:
        clauses.append("entry.completed_at IS NULL")
    elif entry_filter.drafts is False:
        clauses.append("entry.completed_at IS NOT NULL")
    return clauses, parameters


def _where(clauses: list[str]) -> str:
    return f"WHERE {' AND '.join(clauses)}" if clauses else ""


def entries_query(
    entry_filter: EntryFilter, *, newest_first: bool = True, with_preview: bool = False
) -> tuple[str, list[Any]]:
    """The SQL and parameters behind iter_entries (exposed so tests can EXPLAIN it)."""
    clauses, parameters = filter_clauses(entry_filter)
    order = "DESC" if newest_first else "ASC"
    preview = _PREVIEW_COLUMN if with_preview else _NO_PREVIEW_COLUMN
    # rowid breaks ties: the time index holds it, so the order is served by the index alone
    # and `list -n 10` stops after ten rows instead of sorting the whole journal.
    sql = (
        f"SELECT {_SUMMARY_COLUMNS}, {preview} {_FROM} {_where(clauses)} "
        f"ORDER BY entry.created_at {order}, entry.rowid {order}"
    )
    if entry_filter.limit is not None:
        sql += " LIMIT ?"
        parameters.append(max(entry_filter.limit, 0))
    return sql, parameters


def iter_entries(
    database: Database,
    entry_filter: EntryFilter,
    *,
    newest_first: bool = True,
    with_preview: bool = False,
) -> Iterator[EntrySummary]:
    """Matching entries, streamed from the cursor (a large journal is never held in memory)."""
    sql, parameters = entries_query(
        entry_filter, newest_first=newest_first, with_preview=with_preview
    )
    for row in database.execute(sql, tuple(parameters)):
        yield _summary(row)


def iter_entry_details(
    database: Database, entry_filter: EntryFilter, *, newest_first: bool = True
) -> Iterator[EntryDetail]:
    """Matching entries with their answers, one entry at a time (for exports)."""
    for summary in iter_entries(database, entry_filter, newest_first=newest_first):
        yield EntryDetail(summary=summary, answers=tuple(load_answers(database, summary.id)))


def count_entries(database: Database, entry_filter: EntryFilter) -> int:
    clauses, parameters = filter_clauses(entry_filter)
    row = database.query_one(f"SELECT count(*) FROM entry {_where(clauses)}", tuple(parameters))
    return int(row[0])


def get_entry(
    database: Database, entry_id: str, *, with_preview: bool = False
) -> EntrySummary | None:
    """One entry by full id, trashed or not."""
    preview = _PREVIEW_COLUMN if with_preview else _NO_PREVIEW_COLUMN
    row = database.query_one(
        f"SELECT {_SUMMARY_COLUMNS}, {preview} {_FROM} WHERE entry.id = ?", (entry_id,)
    )
    return _summary(row) if row else None


def entry_summaries(
    database: Database, entry_ids: Iterable[str], *, with_preview: bool = False
) -> list[EntrySummary]:
    return [
        summary
        for entry_id in entry_ids
        if (summary := get_entry(database, entry_id, with_preview=with_preview))
    ]


_IDS_PER_QUERY = 500


def note_texts(database: Database, entry_ids: Sequence[str]) -> dict[str, str]:
    """The whole text of each note among these entries (other kinds of entry are left out)."""
    texts: dict[str, str] = {}
    for start in range(0, len(entry_ids), _IDS_PER_QUERY):
        chunk = entry_ids[start : start + _IDS_PER_QUERY]
        marks = ", ".join("?" * len(chunk))
        rows = database.query(
            "SELECT answer.entry_id, answer.value_text FROM answer "
            "JOIN entry ON entry.id = answer.entry_id "
            f"WHERE answer.entry_id IN ({marks}) AND entry.kind = 'note' "
            "AND answer.question_id = ?",
            (*chunk, NOTE_QUESTION_ID),
        )
        texts.update({row[0]: row[1] for row in rows if row[1] is not None})
    return texts


def _common_prefix_length(first: str, second: str) -> int:
    length = 0
    for left, right in zip(first, second, strict=False):
        if left != right:
            break
        length += 1
    return length


_NEIGHBOUR_LOOKUPS_UP_TO = 2_000


def unique_prefix_length(database: Database, table: str, ids: Sequence[str], minimum: int) -> int:
    """The shortest prefix length (at least `minimum`) at which each of `ids` names one row of
    `table` alone, as git abbreviates hashes: two index lookups per id, its neighbours."""
    if table not in ("entry", "therapy_session"):
        raise ValueError(f"no ids in table {table!r}")
    length = minimum
    if len(ids) > _NEIGHBOUR_LOOKUPS_UP_TO:
        # Many ids (a whole journal listed): one walk of the id index beats two seeks per id.
        wanted = set(ids)
        previous: str | None = None
        for (row_id,) in database.execute(f"SELECT id FROM {table} ORDER BY id"):
            if previous is not None and (row_id in wanted or previous in wanted):
                length = max(length, _common_prefix_length(row_id, previous) + 1)
            previous = row_id
        return min(length, max(len(row_id) for row_id in ids))
    for row_id in ids:
        before = f"SELECT id FROM {table} WHERE id < ? ORDER BY id DESC LIMIT 1"
        after = f"SELECT id FROM {table} WHERE id > ? ORDER BY id LIMIT 1"
        neighbours = [database.query_one(sql, (row_id,)) for sql in (before, after)]
        for neighbour in neighbours:
            if neighbour is not None:
                length = max(length, _common_prefix_length(row_id, neighbour[0]) + 1)
    return min(length, max((len(row_id) for row_id in ids), default=length))


ANSWERS_QUERY = f"""
    SELECT {QUESTION_COLUMNS}, value_text, value_number, answered_at
    FROM answer WHERE entry_id = ? ORDER BY position, id
"""


def load_answers(database: Database, entry_id: str) -> list[AnswerRecord]:
    """Every question of an entry as it was asked, in the order it was asked."""
    records = []
    for row in database.execute(ANSWERS_QUERY, (entry_id,)):
        question = question_from_columns(*row[:11])
        records.append(
            AnswerRecord(
                question=question,
                value=decode_value(question.kind, row[11], row[12]),
                answered_at=stored_moment(row[13]),
            )
        )
    return records


def load_entry(database: Database, entry_id: str) -> EntryDetail | None:
    summary = get_entry(database, entry_id)
    if summary is None:
        return None
    return EntryDetail(summary=summary, answers=tuple(load_answers(database, entry_id)))


def ids_with_prefix(database: Database, table: str, prefix: str, limit: int) -> list[str]:
    """Up to `limit` ids of `table` starting with `prefix`, as an index range (never a scan)."""
    if table not in ("entry", "therapy_session"):
        raise ValueError(f"no ids in table {table!r}")
    if not prefix:
        return []
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    rows = database.query(
        f"SELECT id FROM {table} WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
        (prefix, upper, limit),
    )
    return [row[0] for row in rows]


LONG_ANSWER_CHARACTERS = 20_000
# FTS5's snippet() scores every window around every hit against every other hit: quadratic in the
# number of hits, 10 s for a 1 MB answer repeating the word. For long answers the linear
# highlight() marks the hits instead and `_around_first_hit` cuts a snippet-sized window from it.
_SNIPPET = (
    f"CASE WHEN length(answer.value_text) > {LONG_ANSWER_CHARACTERS} "
    f"THEN highlight(answer_fts, 0, '{SNIPPET_START}', '{SNIPPET_END}') "
    f"ELSE snippet(answer_fts, 0, '{SNIPPET_START}', '{SNIPPET_END}', '…', {SNIPPET_TOKENS}) END"
)
_WORDS_BEFORE_HIT = 4


def _around_first_hit(marked: str) -> str:
    """About SNIPPET_TOKENS words from just before the first hit of a long highlighted answer."""
    if len(marked) <= LONG_ANSWER_CHARACTERS:
        return marked  # a snippet() result already
    start = max(marked.find(SNIPPET_START), 0)
    # The last piece before the hit is what touches it (usually "" after a space).
    before = " ".join(marked[max(0, start - 200) : start].split(" ")[-_WORDS_BEFORE_HIT - 1 :])
    after = " ".join(
        marked[start : start + 50 * SNIPPET_TOKENS].split(" ")[: SNIPPET_TOKENS - _WORDS_BEFORE_HIT]
    )
    if after.count(SNIPPET_START) > after.count(SNIPPET_END):
        after += SNIPPET_END  # the window cut a highlighted phrase
    opening = "…" if start > len(before) else ""
    closing = "…" if start + len(after) < len(marked) else ""
    return f"{opening}{before}{after}{closing}"


_SEARCH_FROM = (
    "FROM answer_fts JOIN answer ON answer.id = answer_fts.rowid "
    "JOIN entry ON entry.id = answer.entry_id"
)


def search_query(entry_filter: EntryFilter) -> tuple[str, list[Any]]:
    """The SQL that ranks matches (the first parameter is the FTS5 query).

    With a limit it returns entry ids only, best answer first: snippet() is the expensive part of
    a search (a common word matches most answers), so snippets are made afterwards, for the
    entries shown only. Without a limit every match comes with its entry and snippet.
    """
    clauses, parameters = filter_clauses(entry_filter)
    clauses.insert(0, "answer_fts MATCH ?")
    if entry_filter.limit is not None:
        return (
            f"SELECT answer.entry_id {_SEARCH_FROM} {_where(clauses)} ORDER BY answer_fts.rank",
            (parameters),
        )
    sql = (
        f"SELECT {_SUMMARY_COLUMNS}, {_PREVIEW_COLUMN}, answer.question_id, "
        f"answer.question_text, {_SNIPPET}, answer_fts.rank {_SEARCH_FROM} "
        "LEFT JOIN pack_snapshot ON pack_snapshot.content_hash = entry.pack_hash "
        f"{_where(clauses)} ORDER BY answer_fts.rank, answer.id"
    )
    return sql, parameters


def snippets_query(entry_count: int) -> str:
    """Matching answers of the given entries with their snippets (FTS query, then entry ids).

    CROSS JOIN keeps the full-text index as the outer loop: driven from the entries instead,
    SQLite would run the MATCH once per answer, reloading a common word's whole posting list.
    """
    marks = ", ".join("?" * entry_count)
    return (
        f"SELECT answer.entry_id, answer.question_id, answer.question_text, {_SNIPPET}, "
        "answer_fts.rank FROM answer_fts CROSS JOIN answer ON answer.id = answer_fts.rowid "
        f"WHERE answer_fts MATCH ? AND answer.entry_id IN ({marks})"
    )


def search_entries(database: Database, fts_query: str, entry_filter: EntryFilter) -> SearchResults:
    """Entries whose text answers match an FTS5 query, best first (bm25), with snippets.

    `fts_query` must already be a safe FTS5 expression (see reflect.core.journal.fts_query).
    """
    if entry_filter.limit is None:
        return _search_everything(database, fts_query, entry_filter)
    wanted = max(entry_filter.limit, 0)
    sql, parameters = search_query(entry_filter)
    # Rank answers, not entries (GROUP BY entry would sort every match); an entry can have
    # several matching answers, so ask for more rows until enough distinct entries turn up.
    batch = (wanted + 1) * 3
    while True:
        rows = database.query(f"{sql} LIMIT ?", (fts_query, *parameters, batch))
        ranked = list(dict.fromkeys(row[0] for row in rows))
        if len(ranked) > wanted or len(rows) < batch:
            break
        batch *= 4
    shown = ranked[:wanted]
    matches: dict[str, list[SearchMatch]] = {entry_id: [] for entry_id in shown}
    if shown:
        for row in database.execute(snippets_query(len(shown)), (fts_query, *shown)):
            matches[row[0]].append(
                SearchMatch(
                    question_id=row[1],
                    question_text=row[2],
                    snippet=_around_first_hit(row[3] or ""),
                    score=float(row[4]),
                )
            )
    hits = [
        SearchHit(
            entry=summary,
            matches=tuple(sorted(matches[summary.id], key=lambda match: match.score)),
        )
        for summary in entry_summaries(database, shown, with_preview=True)
    ]
    return SearchResults(hits=hits, more=len(ranked) > wanted)


def _search_everything(
    database: Database, fts_query: str, entry_filter: EntryFilter
) -> SearchResults:
    sql, parameters = search_query(entry_filter)
    summaries: dict[str, EntrySummary] = {}
    matches: dict[str, list[SearchMatch]] = {}
    for row in database.execute(sql, (fts_query, *parameters)):
        summary = _summary(row[:_SUMMARY_WIDTH])
        summaries.setdefault(summary.id, summary)
        matches.setdefault(summary.id, []).append(
            SearchMatch(
                question_id=row[_SUMMARY_WIDTH],
                question_text=row[_SUMMARY_WIDTH + 1],
                snippet=_around_first_hit(row[_SUMMARY_WIDTH + 2] or ""),
                score=float(row[_SUMMARY_WIDTH + 3]),
            )
        )
    hits = [SearchHit(entry=summaries[key], matches=tuple(found)) for key, found in matches.items()]
    return SearchResults(hits=hits, more=False)


def set_marks(database: Database, entry_id: str, marks: EntryMarks) -> None:
    """Flag, privacy and tag changes in one transaction."""
    with database.transaction() as cursor:
        change_marks(cursor, entry_id, marks, completed=False)


def update_answers(
    database: Database, entry_id: str, changes: Sequence[tuple[QuestionSnapshot, AnswerValue]]
) -> None:
    """Replace answers (already validated against their questions) in one transaction, leaving
    none of the replaced words on disk.

    The FTS triggers write the old text as a 'delete' row, which only marks its terms as gone in
    the segment that still holds them; 'optimize' rewrites the index without them (secure_delete
    zeroes the freed pages), and a TRUNCATE checkpoint empties the WAL, which still holds the
    old pages. FTS5 has no merge of one segment only: 'optimize' rewrites the whole index, about
    0.4 s at 100,000 entries (benchmarks/RESULTS.md), paid only when a text answer changed.
    """
    now = db_now()
    indexed_changed = False  # a text answer: in the search index
    words_changed = False  # any answer stored as words (text, choice, multi): in the WAL
    with database.transaction() as cursor:
        for question, value in changes:
            value_text, value_number = encode_value(question.kind, value)
            cursor.execute(
                "UPDATE answer SET value_text = ?, value_number = ?, answered_at = ? "
                "WHERE entry_id = ? AND question_id = ?",
                (value_text, value_number, now, entry_id, question.id),
            )
            indexed_changed = indexed_changed or question.kind == "text"
            words_changed = words_changed or question.kind in ("text", "choice", "multi")
        cursor.execute("UPDATE entry SET updated_at = ? WHERE id = ?", (now, entry_id))
        if indexed_changed:
            cursor.execute("INSERT INTO answer_fts (answer_fts) VALUES ('optimize')")
    if words_changed:
        _truncate_wal(database)


def trash_entry(database: Database, entry_id: str) -> bool:
    """Move to the trash; False if it was there already."""
    now = db_now()
    with database.transaction() as cursor:
        cursor.execute(
            "UPDATE entry SET trashed_at = ?, updated_at = ? WHERE id = ? AND trashed_at IS NULL",
            (now, now, entry_id),
        )
        return bool(cursor.rowcount)


def restore_entry(database: Database, entry_id: str) -> bool:
    """Bring back from the trash; False if it was not in it."""
    with database.transaction() as cursor:
        cursor.execute(
            "UPDATE entry SET trashed_at = NULL, updated_at = ? "
            "WHERE id = ? AND trashed_at IS NOT NULL",
            (db_now(), entry_id),
        )
        return bool(cursor.rowcount)


def iter_trashed(database: Database) -> Iterator[EntrySummary]:
    """Entries in the trash, most recently trashed first."""
    for row in database.execute(
        f"SELECT {_SUMMARY_COLUMNS}, {_NO_PREVIEW_COLUMN} {_FROM} "
        "WHERE entry.trashed_at IS NOT NULL ORDER BY entry.trashed_at DESC"
    ):
        yield _summary(row)


def empty_trash(database: Database) -> EmptiedTrash:
    """Erase trashed entries for good, leaving none of their words in the file or its WAL.

    secure_delete (set on every connection) zeroes freed pages; the FTS5 'delete' rows written by
    the triggers only mark terms as gone, so 'optimize' rewrites the index without them; VACUUM
    rebuilds the file, and a TRUNCATE checkpoint empties the WAL, which still holds old pages.
    """
    trashed = "SELECT id FROM entry WHERE trashed_at IS NOT NULL"
    with database.transaction() as cursor:
        count = cursor.execute(f"SELECT count(*) FROM ({trashed})").fetchone()[0]
        if count:
            _erase(cursor, trashed)
    if count:
        database.execute("VACUUM")
    # Even with nothing to erase: a run before may have found the WAL busy.
    return EmptiedTrash(entries=count, wal_truncated=_truncate_wal(database))


def _erase(cursor: Any, trashed: str) -> None:
    # The sync copies of the entry's words go too; a tombstone tells other devices to erase it.
    cursor.execute(f"DELETE FROM sync_field WHERE entry_id IN ({trashed})")
    cursor.execute(
        "INSERT INTO sync_field (record, field, entry_id, stamp, value, outgoing) "
        f"SELECT 'entry:' || id, 'erased', id, '', 'true', 1 FROM ({trashed})"
    )
    # Answers first and explicitly, so the FTS triggers see every deleted text.
    cursor.execute(f"DELETE FROM answer WHERE entry_id IN ({trashed})")
    cursor.execute(f"DELETE FROM entry_tag WHERE entry_id IN ({trashed})")
    cursor.execute("DELETE FROM entry WHERE trashed_at IS NOT NULL")
    cursor.execute("INSERT INTO answer_fts (answer_fts) VALUES ('optimize')")


def _truncate_wal(database: Database) -> bool:
    """Copy the WAL into the file and cut it to zero bytes; False if a reader kept it busy."""
    busy = database.query_one("PRAGMA wal_checkpoint(TRUNCATE)")[0]
    return not busy
