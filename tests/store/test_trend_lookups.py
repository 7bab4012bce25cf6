"""The store's look-ups behind `reflect trends`: a pack's scale questions in the order asked
with their latest wording, the dimensions and packs in use, session dates; and completing a run
with the flags and tags chosen at its end."""

from __future__ import annotations

from datetime import UTC, datetime

from reflect.model import EntryMarks, PackReference, QuestionSnapshot
from reflect.store.database import Database
from reflect.store.entries import complete_entry, create_complete_entry, create_note, start_entry
from reflect.store.journal import get_entry
from reflect.store.sessions import add_session
from reflect.store.trends import (
    ScaleQuestion,
    dimension_exists,
    has_scale_answers,
    known_dimensions,
    pack_scale_questions,
    pack_was_used,
    packs_used,
    session_dates,
)

V1 = PackReference(id="daily", version="1", title="Daily", content_hash="v1")
V2 = PackReference(id="daily", version="2", title="Daily", content_hash="v2")
OTHER = PackReference(id="evening", version="1", title="Evening", content_hash="e1")


def scale(question_id: str, text: str, position: int, dimension: str | None) -> QuestionSnapshot:
    return QuestionSnapshot(
        id=question_id,
        text=text,
        kind="scale",
        position=position,
        scale_min=0,
        scale_max=10,
        dimension=dimension,
    )


def at(day: int) -> datetime:
    return datetime(2026, 2, day, 9, tzinfo=UTC)


def test_a_packs_scale_questions_in_order_with_their_latest_wording(journal: Database):
    words = QuestionSnapshot(id="words", text="Anything?", kind="text", position=0)
    create_complete_entry(
        journal,
        V1,
        [(scale("calm", "How calm?", 2, "calm"), 5), (scale("safe", "Safe?", 1, "safety"), 4)],
        at=at(1),
    )
    create_complete_entry(
        journal,
        V2,
        [(words, "x"), (scale("safe", "How safe did you feel?", 1, "safety"), 6)],
        at=at(2),
    )
    create_complete_entry(journal, OTHER, [(scale("tired", "Tired?", 0, "energy"), 3)], at=at(3))

    assert pack_scale_questions(journal, "daily") == [
        ScaleQuestion("safe", "How safe did you feel?", "safety", 1),
        ScaleQuestion("calm", "How calm?", "calm", 2),
    ]
    assert pack_scale_questions(journal, "weekly") == []
    assert known_dimensions(journal) == ["calm", "energy", "safety"]
    assert dimension_exists(journal, "energy") is True
    assert dimension_exists(journal, "sleep") is False
    assert packs_used(journal) == ["daily", "evening"]
    assert (pack_was_used(journal, "evening"), pack_was_used(journal, "weekly")) == (True, False)


def test_scale_answers_count_only_when_they_feed_a_dimension_and_were_given(journal: Database):
    assert has_scale_answers(journal) is False
    create_note(journal, "words only")
    create_complete_entry(journal, V1, [(scale("loose", "Loose?", 0, None), 5)])
    create_complete_entry(journal, V1, [(scale("safe", "Safe?", 1, "safety"), None)])
    assert has_scale_answers(journal) is False
    create_complete_entry(journal, V1, [(scale("safe", "Safe?", 1, "safety"), 0)])
    assert has_scale_answers(journal) is True


def test_session_dates_come_once_each_oldest_first(journal: Database):
    for day in (9, 2, 9, 5):
        add_session(journal, at(day))
    assert [held_on[:10] for held_on in session_dates(journal)] == [
        "2026-02-02",
        "2026-02-05",
        "2026-02-09",
    ]


def test_completing_a_run_sets_the_flags_and_tags_chosen_at_its_end(journal: Database):
    chosen = start_entry(journal, V1, tags=["start"])
    complete_entry(journal, chosen, EntryMarks(True, True, add_tags=("End", "start")))
    summary = get_entry(journal, chosen)
    assert summary is not None and summary.completed_at is not None
    assert (summary.flagged, summary.private) == (True, True)
    assert sorted(summary.tags) == ["end", "start"]

    kept = start_entry(journal, V1, flagged=True, private=True)
    complete_entry(journal, kept)
    unchanged = get_entry(journal, kept)
    assert unchanged is not None and (unchanged.flagged, unchanged.private) == (True, True)

    cleared = start_entry(journal, V1, flagged=True, private=True)
    complete_entry(journal, cleared, EntryMarks(flagged=False, private=False))
    after = get_entry(journal, cleared)
    assert after is not None and (after.flagged, after.private) == (False, False)
