"""Export reads and import writes at the store level: what `iter_entries` reads from one
journal, `write_entry` writes into another exactly as it was (every question field, value,
tag, flag and time); a replaced entry loses its old answers and tags; the filter selects
the same entries as the listing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from msgspec.structs import replace

from reflect.model import DateRange, EntryFilter, PackReference, QuestionSnapshot, StoredSession
from reflect.paths import DataPaths
from reflect.store.database import Database, open_database
from reflect.store.entries import create_complete_entry, create_note
from reflect.store.exchange import (
    count_private_left_out,
    date_span,
    entry_updated_at,
    insert_pack_snapshot,
    insert_session,
    iter_entries,
    packs_used,
    read_snapshot,
    session_exists,
    sessions_between,
    write_entry,
)
from reflect.store.journal import trash_entry
from reflect.store.sessions import add_session

EVERYTHING = EntryFilter(include_private=True)
PUBLIC = EntryFilter(include_private=False)

QUESTIONS = (
    QuestionSnapshot(
        id="mood",
        text="How is your mood?",
        kind="scale",
        position=0,
        scale_min=1,
        scale_max=5,
        min_label="low",
        max_label="high",
        dimension="mood",
        reverse=True,
    ),
    QuestionSnapshot(
        id="felt", text="What did you feel?", kind="multi", position=1, options=("calm", "müde")
    ),
    QuestionSnapshot(id="slept", text="Slept well?", kind="yesno", position=2),
    QuestionSnapshot(id="words", text="Anything else?", kind="text", position=3),
)
PACK = PackReference(
    id="daily", version="2", title="Daily", content_hash="abc", definition={"id": "daily", "é": 1}
)


def at(day: int) -> datetime:
    return datetime(2026, 10, day, 9, 30, tzinfo=UTC)


def other_journal(tmp_path: Path) -> Database:
    home = tmp_path / "other-home"
    return open_database(
        DataPaths(home=home, database=home / "journal.db", config=home / "c", packs=home / "p")
    )


@pytest.fixture
def written(journal: Database) -> Database:
    create_complete_entry(
        journal,
        PACK,
        list(zip(QUESTIONS, [2, ["müde", "calm"], True, "A full day."], strict=True)),
        at=at(3),
        flagged=True,
        tags=["work", "#Sleep"],
    )
    create_note(journal, "Private words", at=at(5), private=True)
    create_note(journal, "A plain note", at=at(7))
    return journal


def read_all(database: Database, entry_filter: EntryFilter = EVERYTHING):
    with read_snapshot(database):
        return list(iter_entries(database, entry_filter))


def test_entries_come_oldest_first_with_their_answers_in_question_order(written: Database):
    entries = read_all(written)

    assert [entry.kind for entry in entries] == ["run", "note", "note"]
    run = entries[0]
    assert (run.pack_id, run.pack_version, run.pack_hash) == ("daily", "2", "abc")
    assert (run.flagged, run.private, run.tags) == (True, False, ("sleep", "work"))
    assert [answer.question for answer in run.answers] == list(QUESTIONS)
    assert [answer.value for answer in run.answers] == [2, ["müde", "calm"], "yes", "A full day."]
    assert run.completed_at is not None and run.created_at.startswith("2026-10-03T09:30:00")
    assert entries[1].private is True and entries[1].tags == ()
    assert [answer.value for answer in entries[2].answers] == ["A plain note"]


def test_private_entries_stay_out_unless_asked_for_and_are_counted(written: Database):
    assert [e.answers[0].value for e in read_all(written, PUBLIC)[1:]] == ["A plain note"]
    assert count_private_left_out(written, PUBLIC) == 1
    assert count_private_left_out(written, EVERYTHING) == 0
    assert (
        count_private_left_out(
            written, EntryFilter(dates=DateRange(since=at(6)), include_private=False)
        )
        == 0
    )


def test_the_date_span_is_that_of_the_matching_entries(written: Database):
    first, last = date_span(written, EVERYTHING)
    assert first is not None and first.startswith("2026-10-03")
    assert last is not None and last.startswith("2026-10-07")
    first, last = date_span(written, EntryFilter(dates=DateRange(until=at(4))))
    assert first is not None and last is not None and first == last
    assert date_span(written, EntryFilter(dates=DateRange(since=at(20)))) == (None, None)


def test_an_entry_read_from_one_journal_is_written_into_another_exactly(
    written: Database, tmp_path: Path
):
    entries = read_all(written)
    packs = packs_used(written, EVERYTHING)
    other = other_journal(tmp_path)
    try:
        with other.transaction() as cursor:
            assert [insert_pack_snapshot(cursor, pack) for pack in packs] == [True]
            assert insert_pack_snapshot(cursor, packs[0]) is False  # stored once
            for entry in entries:
                assert entry_updated_at(cursor, entry.id) is None
                write_entry(cursor, entry, replace=False)
            assert entry_updated_at(cursor, entries[0].id) == entries[0].updated_at
        assert read_all(other) == entries
        assert packs_used(other, EVERYTHING) == packs
        assert packs[0].definition == {"id": "daily", "é": 1}
        assert (packs[0].pack_id, packs[0].version, packs[0].title) == ("daily", "2", "Daily")
    finally:
        other.close()


def test_a_replaced_entry_has_only_the_new_answers_and_tags_and_keeps_its_trash_state(
    written: Database,
):
    run = read_all(written)[0]
    trash_entry(written, run.id)
    changed = replace(
        run,
        flagged=False,
        private=True,
        tags=("new",),
        answers=run.answers[:1],
        updated_at="2026-10-09T00:00:00.000000+00:00",
    )
    with written.transaction() as cursor:
        write_entry(cursor, changed, replace=True)

    (stored,) = read_all(written, EntryFilter(include_private=True, include_trashed=True))[:1]
    assert stored == changed
    assert read_all(written, EVERYTHING)[0].kind == "note"  # still in the trash


def test_only_the_packs_of_matching_entries_are_exported(written: Database):
    assert [pack.content_hash for pack in packs_used(written, EVERYTHING)] == ["abc"]
    assert packs_used(written, EntryFilter(dates=DateRange(since=at(4)))) == []


def test_sessions_in_a_span_include_both_ends_and_copy_across(written: Database, tmp_path):
    for day in (1, 3, 7, 9):
        add_session(written, at(day), note=f"day {day}")
    first, last = date_span(written, EVERYTHING)

    sessions = sessions_between(written, first, last)

    assert [session.note for session in sessions] == ["day 3", "day 7"]
    assert [s.note for s in sessions_between(written, None, None)] == [
        "day 1",
        "day 3",
        "day 7",
        "day 9",
    ]
    other = other_journal(tmp_path)
    try:
        with other.transaction() as cursor:
            assert session_exists(cursor, sessions[0].id) is False
            for session in sessions:
                insert_session(cursor, session)
            assert session_exists(cursor, sessions[0].id) is True
        copied = sessions_between(other, None, None)
        assert copied == sessions
        assert all(isinstance(session, StoredSession) for session in copied)
    finally:
        other.close()
