"""Flags, privacy, tags, edits and the trash at the store level: each change touches only what
it names, records when it happened, and reading an entry gives back every field as written."""

from __future__ import annotations

from datetime import UTC, datetime

from reflect.model import EntryFilter, EntryMarks, PackReference, QuestionSnapshot
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note
from reflect.store.journal import (
    count_entries,
    empty_trash,
    entry_summaries,
    get_entry,
    iter_trashed,
    load_answers,
    load_entry,
    restore_entry,
    set_marks,
    trash_entry,
    update_answers,
)

MOOD = QuestionSnapshot(
    id="mood",
    text="Mood today?",
    kind="scale",
    position=0,
    scale_min=0,
    scale_max=10,
    min_label="awful",
    max_label="great",
    dimension="mood",
    reverse=False,
)
FELT = QuestionSnapshot(
    id="felt", text="Felt?", kind="multi", position=1, options=("calm", "tense")
)
WORDS = QuestionSnapshot(id="words", text="Say more?", kind="text", position=2)
HOW = QuestionSnapshot(id="how", text="How?", kind="choice", position=3, options=("ok", "bad"))
PACK = PackReference(id="daily", version="1", title="Daily check-in", content_hash="h1")


def utc(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 9, day, hour, tzinfo=UTC)


def test_an_entry_reads_back_with_every_field_it_was_written_with(journal: Database, frozen_clock):
    frozen_clock(utc(2, 10))
    entry_id = create_complete_entry(
        journal,
        PACK,
        [(MOOD, 6), (FELT, ["tense"]), (WORDS, "Long meeting.")],
        at=utc(1),
        flagged=True,
        private=True,
        tags=["Work", "#work", "@home"],
    )

    summary = get_entry(journal, entry_id, with_preview=True)

    assert summary is not None
    assert (summary.kind, summary.pack_id, summary.pack_version) == ("run", "daily", "1")
    assert summary.pack_title == "Daily check-in"
    assert (summary.created_at, summary.updated_at) == (utc(1), utc(2, 10))
    assert summary.completed_at == utc(2, 10)
    assert (summary.flagged, summary.private, summary.trashed_at) == (True, True, None)
    assert sorted(summary.tags) == ["home", "work"]
    assert summary.preview == "Long meeting."
    answers = load_answers(journal, entry_id)
    assert [record.question for record in answers] == [MOOD, FELT, WORDS]
    assert [record.value for record in answers] == [6, ["tense"], "Long meeting."]
    assert {record.answered_at for record in answers} == {utc(2, 10)}
    detail = load_entry(journal, entry_id)
    assert detail is not None and detail.summary.id == entry_id and len(detail.answers) == 3
    assert get_entry(journal, "missing") is None
    assert load_entry(journal, "missing") is None


def test_a_note_without_marks_has_no_tags_no_pack_and_no_preview_unless_asked(journal: Database):
    entry_id = create_note(journal, "Just this.")
    summary = get_entry(journal, entry_id)
    assert summary is not None
    assert (summary.kind, summary.pack_id, summary.pack_title) == ("note", None, None)
    assert (summary.flagged, summary.private, summary.tags) == (False, False, ())
    assert summary.preview is None
    unfinished = get_entry(journal, create_note(journal, "Draft", completed=False))
    assert unfinished is not None and unfinished.completed_at is None


def test_marks_change_only_what_is_named(journal: Database, frozen_clock):
    frozen_clock(utc(3))
    entry_id = create_note(journal, "Marked", flagged=True, tags=["one", "two"])
    frozen_clock(utc(4))

    set_marks(
        journal, entry_id, EntryMarks(private=True, add_tags=("#Three",), remove_tags=("ONE",))
    )

    summary = get_entry(journal, entry_id)
    assert summary is not None
    assert (summary.flagged, summary.private) == (True, True)
    assert sorted(summary.tags) == ["three", "two"]
    assert summary.updated_at == utc(4)
    set_marks(journal, entry_id, EntryMarks(flagged=False))
    after = get_entry(journal, entry_id)
    assert after is not None and (after.flagged, after.private) == (False, True)
    set_marks(journal, entry_id, EntryMarks(private=False))
    public = get_entry(journal, entry_id)
    assert public is not None and public.private is False


def test_an_edit_replaces_only_the_named_answers(journal: Database, frozen_clock):
    frozen_clock(utc(5))
    entry_id = create_complete_entry(journal, PACK, [(MOOD, 3), (FELT, ["calm"]), (WORDS, "Old")])
    frozen_clock(utc(6))

    update_answers(journal, entry_id, [(MOOD, 8), (WORDS, "New words")])

    answers = {record.question.id: record for record in load_answers(journal, entry_id)}
    assert {key: record.value for key, record in answers.items()} == {
        "mood": 8,
        "felt": ["calm"],
        "words": "New words",
    }
    assert answers["mood"].answered_at == utc(6)
    assert answers["felt"].answered_at == utc(5)
    summary = get_entry(journal, entry_id)
    assert summary is not None and summary.updated_at == utc(6)


def test_trash_and_restore_say_whether_anything_changed(journal: Database, frozen_clock):
    frozen_clock(utc(7))
    first = create_note(journal, "First")
    second = create_note(journal, "Second")
    frozen_clock(utc(8))
    assert trash_entry(journal, first) is True
    frozen_clock(utc(9))
    assert trash_entry(journal, second) is True
    assert trash_entry(journal, second) is False

    trashed = list(iter_trashed(journal))
    assert [summary.id for summary in trashed] == [second, first]  # last trashed first
    assert trashed[1].trashed_at == utc(8)
    assert trashed[1].updated_at == utc(8)
    assert count_entries(journal, EntryFilter()) == 0
    assert count_entries(journal, EntryFilter(include_trashed=True)) == 2

    frozen_clock(utc(10))
    assert restore_entry(journal, first) is True
    assert restore_entry(journal, first) is False
    restored = get_entry(journal, first)
    assert restored is not None and restored.trashed_at is None
    assert restored.updated_at == utc(10)
    assert [summary.id for summary in iter_trashed(journal)] == [second]


def test_emptying_the_trash_counts_what_it_erased_and_keeps_the_rest(journal: Database):
    kept = create_note(journal, "Kept", tags=["stay"])
    gone = create_note(journal, "Gone", tags=["leave"])
    trash_entry(journal, gone)

    emptied = empty_trash(journal)

    assert (emptied.entries, emptied.wal_truncated) == (1, True)
    assert get_entry(journal, gone) is None
    assert load_answers(journal, gone) == []
    assert journal.query("SELECT tag FROM entry_tag") == [("stay",)]
    assert [record.value for record in load_answers(journal, kept)] == ["Kept"]
    again = empty_trash(journal)
    assert (again.entries, again.wal_truncated) == (0, True)


def statements_of(journal: Database, change) -> list[str]:
    seen: list[str] = []
    journal.connection.set_trace_callback(seen.append)
    try:
        change()
    finally:
        journal.connection.set_trace_callback(None)
    return seen


def test_the_index_rewrite_and_wal_truncation_are_paid_only_when_words_change(journal: Database):
    entry_id = create_complete_entry(
        journal, PACK, [(MOOD, 3), (FELT, ["calm"]), (WORDS, "Old"), (HOW, "ok")]
    )

    def ran(changes) -> tuple[bool, bool]:
        seen = statements_of(journal, lambda: update_answers(journal, entry_id, changes))
        return (
            any("'optimize'" in sql for sql in seen),
            any("wal_checkpoint(TRUNCATE)" in sql for sql in seen),
        )

    assert ran([(MOOD, 4)]) == (False, False)  # a number: in neither the index nor as words
    assert ran([(FELT, ["tense"])]) == (False, True)  # words, but not in the search index
    assert ran([(HOW, "bad")]) == (False, True)
    assert ran([(WORDS, "New")]) == (True, True)
    assert ran([(MOOD, 5), (WORDS, "Newer")]) == (True, True)


def test_summaries_of_given_ids_skip_unknown_ones_and_preview_only_when_asked(journal: Database):
    first = create_note(journal, "First words")
    second = create_note(journal, "Second words")
    plain = entry_summaries(journal, [second, "missing", first])
    assert [(summary.id, summary.preview) for summary in plain] == [(second, None), (first, None)]
    previewed = entry_summaries(journal, [first], with_preview=True)
    assert [summary.preview for summary in previewed] == ["First words"]
