"""Therapy sessions and unfinished runs as the store keeps them: dates inclusive at both ends
and in order, "last session" never a future one, and a resumed run finds the newest draft of
its own pack with its answers and the exact pack it was started with."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reflect.model import PackReference, QuestionSnapshot
from reflect.store.database import Database
from reflect.store.drafts import given_answers, newest_draft, pack_definition
from reflect.store.entries import complete_entry, create_note, save_answer, start_entry
from reflect.store.journal import trash_entry
from reflect.store.sessions import (
    add_session,
    get_session,
    list_sessions,
    newest_past_session,
    newest_session_before,
    remove_session,
)


def utc(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


@pytest.fixture
def three_sessions(journal: Database):
    return [add_session(journal, utc(day), note=f"session {day}") for day in (3, 10, 17)]


def test_a_session_keeps_its_date_and_note_and_an_empty_note_is_none(journal: Database):
    added = add_session(journal, utc(5, 16), note="")
    assert added.note is None
    assert added.held_on == utc(5, 16)
    stored = get_session(journal, added.id)
    assert stored == added
    assert get_session(journal, "no-such-id") is None


def test_sessions_are_listed_newest_first_or_oldest_first(journal: Database, three_sessions):
    assert [s.note for s in list_sessions(journal)] == ["session 17", "session 10", "session 3"]
    assert [s.note for s in list_sessions(journal, newest_first=False)] == [
        "session 3",
        "session 10",
        "session 17",
    ]


def test_a_listed_span_includes_sessions_on_both_of_its_ends(journal: Database, three_sessions):
    listed = list_sessions(journal, since=utc(3), until=utc(10))
    assert [s.note for s in listed] == ["session 10", "session 3"]
    assert [s.note for s in list_sessions(journal, since=utc(10, 13))] == ["session 17"]
    assert [s.note for s in list_sessions(journal, until=utc(10, 11))] == ["session 3"]


def test_two_sessions_at_the_same_moment_come_in_a_fixed_order(journal: Database):
    first, second = add_session(journal, utc(8)), add_session(journal, utc(8))
    ids = sorted([first.id, second.id])
    assert [s.id for s in list_sessions(journal)] == ids[::-1]
    assert [s.id for s in list_sessions(journal, newest_first=False)] == ids


def test_the_last_session_is_never_one_booked_ahead(journal: Database, frozen_clock):
    frozen_clock(utc(12))
    add_session(journal, utc(3), note="past")
    add_session(journal, utc(10), note="latest past")
    add_session(journal, utc(19), note="booked")
    last = newest_past_session(journal)
    assert last is not None and last.note == "latest past"


def test_a_session_at_this_very_moment_is_the_last_session(journal: Database, frozen_clock):
    frozen_clock(utc(12))
    add_session(journal, utc(12), note="now")
    last = newest_past_session(journal)
    assert last is not None and last.note == "now"


def test_no_session_yet(journal: Database):
    assert newest_past_session(journal) is None
    assert newest_session_before(journal, utc(30)) is None


def test_the_session_before_a_moment_is_strictly_before_it(journal: Database, three_sessions):
    before = newest_session_before(journal, utc(10))
    assert before is not None and before.note == "session 3"
    after = newest_session_before(journal, utc(10, 13))
    assert after is not None and after.note == "session 10"
    assert newest_session_before(journal, utc(3)) is None


def test_removing_a_session_says_whether_there_was_one(journal: Database, three_sessions):
    assert remove_session(journal, three_sessions[0].id) is True
    assert remove_session(journal, three_sessions[0].id) is False
    assert [s.note for s in list_sessions(journal)] == ["session 17", "session 10"]


MOOD = QuestionSnapshot(
    id="mood", text="Mood?", kind="scale", position=0, scale_min=0, scale_max=10
)
WORDS = QuestionSnapshot(id="words", text="Words?", kind="multi", position=1, options=("a", "b"))


def pack(pack_id: str = "daily", version: str = "1") -> PackReference:
    return PackReference(
        id=pack_id,
        version=version,
        title=f"{pack_id} check-in",
        content_hash=f"hash-{pack_id}-{version}",
        definition={"id": pack_id, "version": version, "questions": ["mood", "words"]},
    )


def test_the_newest_draft_of_the_pack_is_the_last_one_touched(journal: Database, frozen_clock):
    frozen_clock(utc(1))
    older = start_entry(journal, pack(), flagged=True)
    frozen_clock(utc(2))
    newer = start_entry(journal, pack(version="2"), private=True)
    frozen_clock(utc(3))
    save_answer(journal, older, MOOD, 4)  # touched last: this is the one to continue

    draft = newest_draft(journal, "daily")

    assert draft is not None
    assert (draft.entry_id, draft.pack_id, draft.pack_hash) == (older, "daily", "hash-daily-1")
    assert (draft.flagged, draft.private) == (True, False)
    assert draft.created_at.startswith("2026-11-01T12:00:00")
    frozen_clock(utc(4))
    save_answer(journal, newer, MOOD, 6)
    resumed = newest_draft(journal, "daily")
    assert resumed is not None and (resumed.entry_id, resumed.private) == (newer, True)


def test_finished_trashed_and_other_packs_runs_are_not_drafts_to_continue(journal: Database):
    finished = start_entry(journal, pack())
    complete_entry(journal, finished)
    trashed = start_entry(journal, pack())
    trash_entry(journal, trashed)
    start_entry(journal, pack("evening"))
    create_note(journal, "An unfinished note", completed=False)

    assert newest_draft(journal, "daily") is None
    other = newest_draft(journal, "evening")
    assert other is not None and other.pack_id == "evening"


def test_a_draft_gives_back_its_answers_and_skips_and_the_pack_it_began_with(journal: Database):
    entry_id = start_entry(journal, pack())
    save_answer(journal, entry_id, MOOD, None)
    save_answer(journal, entry_id, WORDS, ["b", "a"])
    save_answer(journal, entry_id, MOOD, 7)  # changed on the way back

    assert given_answers(journal, entry_id) == {"mood": 7, "words": ["b", "a"]}
    assert given_answers(journal, "no-such-entry") == {}
    assert pack_definition(journal, "hash-daily-1") == {
        "id": "daily",
        "version": "1",
        "questions": ["mood", "words"],
    }
    assert pack_definition(journal, "no-such-hash") is None


def test_a_skipped_question_of_a_draft_is_remembered_as_skipped(journal: Database):
    entry_id = start_entry(journal, pack())
    save_answer(journal, entry_id, MOOD, None)
    assert given_answers(journal, entry_id) == {"mood": None}
