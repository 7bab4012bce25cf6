"""Search, counting and stored pack definitions at the store level, written against mutants
of reflect/store/ that survived (tests/MUTATION.md)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from reflect.model import DateRange, EntryFilter, PackReference, QuestionSnapshot
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note
from reflect.store.journal import count_entries, entries_query, search_entries, trash_entry

PACK = PackReference(id="daily", version="1", title="Daily", content_hash="h")


def at(day: int) -> datetime:
    return datetime(2026, 4, day, 9, tzinfo=UTC)


def ids(results) -> list[str]:
    return [hit.entry.id for hit in results.hits]


def test_counting_with_a_filter_counts_only_what_it_selects(journal: Database):
    create_note(journal, "one", at=at(1), tags=["work"])
    create_note(journal, "two", at=at(2), tags=["work"])
    create_note(journal, "three", at=at(3), tags=["home"])
    assert count_entries(journal, EntryFilter(tag="work")) == 2
    assert count_entries(journal, EntryFilter(dates=DateRange(since=at(2)))) == 2
    assert count_entries(journal, EntryFilter(dates=DateRange(since=at(2)), tag="home")) == 1


def test_a_search_of_the_trash_since_a_day_finds_the_match_of_that_range(journal: Database):
    # Including the trash puts a date condition first among the filter's: the search's own
    # MATCH must still take the first parameter.
    old = create_note(journal, "a walk by the river", at=at(1))
    new = create_note(journal, "the river again", at=at(5))
    trash_entry(journal, new)
    chosen = EntryFilter(include_trashed=True, dates=DateRange(since=at(3)))
    assert ids(search_entries(journal, "river", chosen)) == [new]
    assert ids(search_entries(journal, "river", EntryFilter(include_trashed=True))) != []
    assert old not in ids(search_entries(journal, "river", chosen))


def test_a_search_for_one_entry_gives_the_best_and_says_there_is_more(journal: Database):
    best = create_note(journal, "river river river", at=at(1))
    create_note(journal, "river " + "and other words " * 20, at=at(2))
    results = search_entries(journal, "river", EntryFilter(limit=1))
    assert (ids(results), results.more) == ([best], True)


def test_more_is_said_when_the_first_batch_holds_exactly_the_entries_wanted(journal: Database):
    # (2 + 1) * 3 = 9 ranked answers come first; two entries with five strong answers each
    # fill that batch on their own, so a third, weaker entry is only found by asking again.
    questions = [
        QuestionSnapshot(id=f"q{n}", text=f"Q{n}", kind="text", position=n) for n in range(5)
    ]
    first = create_complete_entry(journal, PACK, [(q, "river river") for q in questions], at=at(1))
    second = create_complete_entry(journal, PACK, [(q, "river river") for q in questions], at=at(2))
    create_note(journal, "river " + "and so on and on " * 30, at=at(3))
    results = search_entries(journal, "river", EntryFilter(limit=2))
    assert sorted(ids(results)) == sorted([first, second])
    assert results.more is True


def test_every_hit_of_an_unlimited_search_has_its_best_score(journal: Database):
    entry = create_complete_entry(
        journal,
        PACK,
        [
            (QuestionSnapshot(id="a", text="A", kind="text", position=0), "river river river"),
            (QuestionSnapshot(id="b", text="B", kind="text", position=1), "river " + "x " * 40),
        ],
        at=at(1),
    )
    (hit,) = search_entries(journal, "river", EntryFilter()).hits
    assert hit.entry.id == entry
    scores = [match.score for match in hit.matches]
    assert all(isinstance(score, float) and score < 0 for score in scores)  # bm25 ranks
    assert hit.score == min(scores)


def test_the_entries_query_lists_newest_first_without_previews_by_default():
    assert entries_query(EntryFilter()) == entries_query(
        EntryFilter(), newest_first=True, with_preview=False
    )
    assert entries_query(EntryFilter()) != entries_query(EntryFilter(), newest_first=False)
    assert entries_query(EntryFilter()) != entries_query(EntryFilter(), with_preview=True)


def test_a_pack_definition_is_stored_as_readable_sorted_json(journal: Database):
    # journal.db can be read with sqlite3: a definition is kept as written (accents as they
    # are, not \u escapes) with its keys in one order, so the same pack is the same text.
    pack = PackReference(
        id="café",
        version="1",
        title="Café check-in",
        content_hash="cafe1",
        definition={"title": "Café check-in", "id": "café", "version": "1"},
    )
    create_complete_entry(journal, pack, [], at=at(1))
    (row,) = journal.query("SELECT definition FROM pack_snapshot WHERE content_hash = 'cafe1'")
    assert row[0] == '{"id": "café", "title": "Café check-in", "version": "1"}'
    assert json.loads(row[0]) == pack.definition
