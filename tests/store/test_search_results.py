"""Search at the store level: best matches first, each entry once however many of its answers
match, `more` only when something was left out, and each snippet marking the word found."""

from __future__ import annotations

from datetime import UTC, datetime

from reflect.model import SNIPPET_END, SNIPPET_START, EntryFilter, PackReference, QuestionSnapshot
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note
from reflect.store.journal import search_entries

PACK = PackReference(id="daily", version="1", title="Daily", content_hash="h")
FIRST = QuestionSnapshot(id="first", text="What happened?", kind="text", position=0)
SECOND = QuestionSnapshot(id="second", text="And then?", kind="text", position=1)


def at(day: int) -> datetime:
    return datetime(2026, 4, day, 9, tzinfo=UTC)


def hit_ids(results) -> list[str]:
    return [hit.entry.id for hit in results.hits]


def test_an_entry_matching_in_two_answers_is_one_hit_with_both_matches(journal: Database):
    both = create_complete_entry(
        journal, PACK, [(FIRST, "a walk by the river"), (SECOND, "the river again")], at=at(1)
    )
    create_note(journal, "nothing to see", at=at(2))

    for limit in (None, 5):
        results = search_entries(journal, "river", EntryFilter(limit=limit))
        assert hit_ids(results) == [both]
        (hit,) = results.hits
        assert {match.question_id for match in hit.matches} == {"first", "second"}
        assert {match.question_text for match in hit.matches} == {"What happened?", "And then?"}
        assert all(f"{SNIPPET_START}river{SNIPPET_END}" in match.snippet for match in hit.matches)
        assert hit.entry.preview == "a walk by the river"
        assert results.more is False


def test_matches_within_a_hit_come_best_first(journal: Database):
    create_complete_entry(
        journal,
        PACK,
        [(FIRST, "river " + "and other words " * 40), (SECOND, "river river river")],
    )
    (hit,) = search_entries(journal, "river", EntryFilter(limit=5)).hits
    assert [match.question_id for match in hit.matches] == ["second", "first"]
    assert hit.matches[0].score <= hit.matches[1].score  # bm25: lower is better


def test_the_best_entries_are_kept_and_more_says_some_were_left_out(journal: Database):
    strong = create_note(journal, "river river river river", at=at(1))
    middle = create_note(journal, "river river and a long walk home", at=at(2))
    weak = create_note(journal, "river " + "then many other words " * 30, at=at(3))

    assert hit_ids(search_entries(journal, "river", EntryFilter(limit=None))) == [
        strong,
        middle,
        weak,
    ]
    two = search_entries(journal, "river", EntryFilter(limit=2))
    assert (hit_ids(two), two.more) == ([strong, middle], True)
    three = search_entries(journal, "river", EntryFilter(limit=3))
    assert (hit_ids(three), three.more) == ([strong, middle, weak], False)
    none = search_entries(journal, "river", EntryFilter(limit=0))
    assert (hit_ids(none), none.more) == ([], True)


def test_many_answers_of_the_same_entries_still_find_enough_entries(journal: Database):
    # The first batch of ranked answers is (limit + 1) * 3 rows: ten strong answers of one
    # entry fill it, and the search must ask again to find a second entry.
    questions = [
        QuestionSnapshot(id=f"q{n}", text=f"Q{n}", kind="text", position=n) for n in range(10)
    ]
    crowded = create_complete_entry(
        journal, PACK, [(question, "river river river") for question in questions], at=at(1)
    )
    other = create_note(journal, "river " + "and so on " * 20, at=at(2))

    results = search_entries(journal, "river", EntryFilter(limit=2))

    assert hit_ids(results) == [crowded, other]
    assert results.more is False
    assert len(results.hits[0].matches) == 10
