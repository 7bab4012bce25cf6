"""Which entries a filter selects (shared by list, search, trends and export): dates inclusive
at both ends, notes or one pack, a tag as it was saved, flagged only, private and trashed ones
only when asked, drafts, finished ones or both, newest or oldest first, and a limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from reflect.model import DateRange, EntryFilter, PackReference
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note
from reflect.store.journal import (
    count_entries,
    iter_entries,
    iter_entry_details,
    search_entries,
    trash_entry,
)

DAILY = PackReference(id="daily", version="1", title="Daily", content_hash="h-daily")
EVENING = PackReference(id="evening", version="1", title="Evening", content_hash="h-evening")


def at(day: int) -> datetime:
    return datetime(2026, 5, day, 8, tzinfo=UTC)


@pytest.fixture
def named(journal: Database) -> dict[str, str]:
    return {
        "note 1": create_note(journal, "river one", at=at(1), tags=["Work"]),
        "daily 2": create_complete_entry(journal, DAILY, [], at=at(2), flagged=True),
        "evening 3": create_complete_entry(journal, EVENING, [], at=at(3), tags=["home"]),
        "private 4": create_note(journal, "river four", at=at(4), private=True),
        "draft 5": create_note(journal, "river five", at=at(5), completed=False),
        "trashed 6": create_note(journal, "river six", at=at(6)),
    }


def selected(journal: Database, named: dict[str, str], **options) -> list[str]:
    trash_entry(journal, named["trashed 6"])
    by_id = {entry_id: name for name, entry_id in named.items()}
    newest_first = options.pop("newest_first", True)
    return [
        by_id[summary.id]
        for summary in iter_entries(journal, EntryFilter(**options), newest_first=newest_first)
    ]


def test_by_default_finished_entries_private_ones_included_newest_first(journal, named):
    assert selected(journal, named) == ["private 4", "evening 3", "daily 2", "note 1"]
    assert selected(journal, named, newest_first=False) == [
        "note 1",
        "daily 2",
        "evening 3",
        "private 4",
    ]


def test_both_ends_of_a_date_range_are_included(journal, named):
    assert selected(journal, named, dates=DateRange(at(2), at(3))) == ["evening 3", "daily 2"]
    just_inside = DateRange(at(2) - timedelta(microseconds=1), at(3) + timedelta(microseconds=1))
    assert selected(journal, named, dates=just_inside) == ["evening 3", "daily 2"]
    just_outside = DateRange(at(2) + timedelta(microseconds=1), at(3) - timedelta(microseconds=1))
    assert selected(journal, named, dates=just_outside) == []
    assert selected(journal, named, dates=DateRange(since=at(4))) == ["private 4"]
    assert selected(journal, named, dates=DateRange(until=at(1))) == ["note 1"]


def test_a_pack_or_notes(journal, named):
    assert selected(journal, named, pack="daily") == ["daily 2"]
    assert selected(journal, named, pack="note") == ["private 4", "note 1"]
    assert selected(journal, named, pack="weekly") == []


def test_a_tag_is_matched_as_it_was_saved(journal, named):
    assert selected(journal, named, tag="#WORK ") == ["note 1"]
    assert selected(journal, named, tag="home") == ["evening 3"]
    assert selected(journal, named, tag=" # ") == []


def test_flagged_private_trashed_and_drafts(journal, named):
    assert selected(journal, named, flagged=True) == ["daily 2"]
    assert selected(journal, named, include_private=False) == ["evening 3", "daily 2", "note 1"]
    assert selected(journal, named, include_trashed=True)[0] == "trashed 6"
    assert selected(journal, named, drafts=True) == ["draft 5"]
    assert selected(journal, named, drafts=None)[:2] == ["draft 5", "private 4"]


def test_a_limit_keeps_the_newest_and_zero_or_less_keeps_none(journal, named):
    assert selected(journal, named, limit=2) == ["private 4", "evening 3"]
    assert selected(journal, named, limit=0) == []
    assert selected(journal, named, limit=-3) == []


def test_entries_at_the_same_moment_keep_the_order_they_were_written(journal: Database):
    first = create_note(journal, "a", at=at(9))
    second = create_note(journal, "b", at=at(9))
    newest = [s.id for s in iter_entries(journal, EntryFilter())]
    oldest = [s.id for s in iter_entries(journal, EntryFilter(), newest_first=False)]
    assert newest == [second, first]
    assert oldest == [first, second]


def test_count_and_search_select_the_same_entries_as_the_listing(journal, named):
    trash_entry(journal, named["trashed 6"])
    assert count_entries(journal, EntryFilter()) == 4
    assert count_entries(journal, EntryFilter(include_private=False, drafts=None)) == 4
    found = search_entries(journal, "river", EntryFilter(include_private=False))
    assert [hit.entry.id for hit in found.hits] == [named["note 1"]]
    everything = search_entries(journal, "river", EntryFilter(drafts=None, include_trashed=True))
    assert {hit.entry.id for hit in everything.hits} == {
        named[name] for name in ("note 1", "private 4", "draft 5", "trashed 6")
    }


def test_entries_with_their_answers_come_newest_first_unless_asked(journal: Database):
    older = create_note(journal, "older words", at=at(1))
    newer = create_note(journal, "newer words", at=at(2))
    newest_first = list(iter_entry_details(journal, EntryFilter()))
    assert [(d.summary.id, d.answers[0].value) for d in newest_first] == [
        (newer, "newer words"),
        (older, "older words"),
    ]
    oldest_first = list(iter_entry_details(journal, EntryFilter(), newest_first=False))
    assert [d.summary.id for d in oldest_first] == [older, newer]
