"""Shell completion's look-ups at the store level: what Tab offers (most used first, with its
description), prefixes taken literally (a `_` or `%` is not a wildcard), at most fifty, and
nothing at all (never an error) for a journal it cannot read."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from reflect.model import PackReference, QuestionSnapshot
from reflect.store.completion import (
    COMPLETION_LIMIT,
    dimensions_with_prefix,
    entry_ids_with_prefix,
    session_ids_with_prefix,
    tags_with_prefix,
)
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note
from reflect.store.journal import trash_entry
from reflect.store.sessions import add_session


def at(day: int) -> datetime:
    return datetime(2026, 6, day, 10, tzinfo=UTC)


@pytest.fixture
def path(reflect_home: Path) -> Path:
    return reflect_home / "journal.db"


def test_tags_come_most_used_first_then_by_name_and_not_from_the_trash(journal, path):
    create_note(journal, "a", tags=["work", "walk"])
    create_note(journal, "b", tags=["work", "wake"])
    create_note(journal, "c", tags=["walk", "work"])
    trash_entry(journal, create_note(journal, "d", tags=["wander", "wake"]))
    create_note(journal, "e", tags=["sleep"])

    assert tags_with_prefix(path, "w") == [
        ("work", "3 entries"),
        ("walk", "2 entries"),
        ("wake", "1 entries"),
    ]
    assert tags_with_prefix(path, "") == [
        ("work", "3 entries"),
        ("walk", "2 entries"),
        ("sleep", "1 entries"),
        ("wake", "1 entries"),
    ]


def test_a_prefix_is_literal_text_not_a_pattern(journal, path):
    create_note(journal, "a", tags=["to_do", "toxdo", "100%", "1000", "back\\slash", "back%"])
    assert tags_with_prefix(path, "to_") == [("to_do", "1 entries")]
    assert tags_with_prefix(path, "100%") == [("100%", "1 entries")]
    assert tags_with_prefix(path, "back\\") == [("back\\slash", "1 entries")]
    assert tags_with_prefix(path, "t\\") == []


def test_entry_ids_are_offered_with_their_date_and_pack_newest_first(journal: Database, path):
    pack = PackReference(id="daily", version="1", title="Daily", content_hash="h")
    older = create_note(journal, "note", at=at(1))
    newer = create_complete_entry(journal, pack, [], at=at(2))
    gone = create_note(journal, "gone", at=at(3))
    trash_entry(journal, gone)

    live = entry_ids_with_prefix(path, "", trashed=False)
    assert live == [(newer, "2026-06-02 daily"), (older, "2026-06-01 note")]
    assert entry_ids_with_prefix(path, "", trashed=True) == [(gone, "2026-06-03 note")]
    assert entry_ids_with_prefix(path, older[:6].upper(), trashed=False) == [
        (older, "2026-06-01 note")
    ]


def test_session_ids_are_offered_newest_first_with_their_day(journal: Database, path):
    first = add_session(journal, at(4))
    second = add_session(journal, at(11))
    assert session_ids_with_prefix(path, "") == [
        (second.id, "session on 2026-06-11"),
        (first.id, "session on 2026-06-04"),
    ]
    assert session_ids_with_prefix(path, first.id[:5].upper()) == [
        (first.id, "session on 2026-06-04")
    ]


def test_dimensions_come_most_answered_first(journal: Database, path):
    pack = PackReference(id="daily", version="1", title="Daily", content_hash="h")

    def scale(question_id: str, dimension: str) -> QuestionSnapshot:
        return QuestionSnapshot(
            id=question_id,
            text="?",
            kind="scale",
            position=0,
            scale_min=0,
            scale_max=10,
            dimension=dimension,
        )

    create_complete_entry(journal, pack, [(scale("s", "safety"), 5), (scale("t", "trust"), 4)])
    create_complete_entry(journal, pack, [(scale("t", "trust"), 6)])
    create_note(journal, "no dimension")

    assert dimensions_with_prefix(path, "") == [("trust", "2 answers"), ("safety", "1 answers")]
    assert dimensions_with_prefix(path, "sa") == [("safety", "1 answers")]


def test_at_most_fifty_are_offered(journal: Database, path):
    assert COMPLETION_LIMIT == 50
    for number in range(COMPLETION_LIMIT + 5):
        create_note(journal, "x", tags=[f"tag{number:02d}"])
    assert len(tags_with_prefix(path, "tag")) == COMPLETION_LIMIT


@pytest.mark.parametrize(
    "content",
    [None, b"", b"encrypted bytes" * 10, b"SQLite format 3\x00" + b"\xff" * 200],
    ids=["missing", "empty", "opaque", "damaged"],
)
def test_a_journal_it_cannot_read_completes_nothing(tmp_path: Path, content):
    path = tmp_path / "journal.db"
    if content is not None:
        path.write_bytes(content)
    assert tags_with_prefix(path, "") == []
    assert entry_ids_with_prefix(path, "", trashed=False) == []
    assert session_ids_with_prefix(path, "") == []
    assert dimensions_with_prefix(path, "") == []


def test_completion_never_writes_to_the_journal(journal: Database, path):
    create_note(journal, "a", tags=["work"])
    journal.close()
    before = path.read_bytes()
    tags_with_prefix(path, "w")
    assert path.read_bytes() == before
