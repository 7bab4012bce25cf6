from __future__ import annotations

from journal_samples import PACK, local

from reflect.core.journal import EntryFilter, iter_entries
from reflect.model import DateRange
from reflect.store.entries import start_entry
from reflect.store.journal import trash_entry


def _ids(journal, entry_filter: EntryFilter, **options) -> list[str]:
    return [entry.id for entry in iter_entries(journal, entry_filter, **options)]


def test_entries_come_newest_first_or_oldest_first(journal, write_entry, write_note):
    first = write_entry("2026-11-01T09:00")
    second = write_note("2026-11-02T09:00", "a note")
    third = write_entry("2026-11-03T09:00")
    assert _ids(journal, EntryFilter()) == [third, second, first]
    assert _ids(journal, EntryFilter(), newest_first=False) == [first, second, third]
    assert _ids(journal, EntryFilter(limit=2)) == [third, second]


def test_filters_combine(journal, write_entry, write_note):
    old = write_entry("2026-10-01T09:00", tags=["work"])
    flagged = write_entry("2026-11-02T09:00", flagged=True, tags=["Work"])
    private = write_note("2026-11-03T09:00", "a note", private=True)
    assert _ids(journal, EntryFilter(dates=DateRange(since=local("2026-11-01T00:00")))) == [
        private,
        flagged,
    ]
    assert _ids(journal, EntryFilter(dates=DateRange(until=local("2026-11-02T09:00")))) == [
        flagged,
        old,
    ]
    assert _ids(journal, EntryFilter(tag="#work")) == [flagged, old]
    assert _ids(journal, EntryFilter(flagged=True)) == [flagged]
    assert _ids(journal, EntryFilter(pack="note")) == [private]
    assert _ids(journal, EntryFilter(pack="checkin")) == [flagged, old]
    assert _ids(journal, EntryFilter(include_private=False)) == [flagged, old]


def test_drafts_are_separate_and_trash_is_excluded_unless_asked(journal, write_entry):
    done = write_entry("2026-11-01T09:00")
    draft = start_entry(journal, PACK, at=local("2026-11-02T09:00"))
    trashed = write_entry("2026-11-03T09:00")
    trash_entry(journal, trashed)
    assert _ids(journal, EntryFilter()) == [done]
    assert _ids(journal, EntryFilter(drafts=True)) == [draft]
    assert _ids(journal, EntryFilter(drafts=None)) == [draft, done]
    assert _ids(journal, EntryFilter(include_trashed=True)) == [trashed, done]


def test_entries_are_streamed_from_a_cursor(journal, write_entry):
    write_entry("2026-11-01T09:00")
    stream = iter_entries(journal, EntryFilter())
    assert iter(stream) is stream and next(stream).pack_title == "Check-in"
