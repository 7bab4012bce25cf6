from __future__ import annotations

import pytest

from reflect.core.journal import resolve_entry_id
from reflect.errors import EntryNotFoundError
from reflect.store.journal import trash_entry


def test_full_id_and_unique_prefix_resolve(journal, write_entry):
    entry_id = write_entry("2026-11-03T10:00")
    assert resolve_entry_id(journal, entry_id) == entry_id
    assert resolve_entry_id(journal, entry_id[:4].upper()) == entry_id


def test_trashed_entries_still_resolve(journal, write_entry):
    entry_id = write_entry("2026-11-03T10:00")
    trash_entry(journal, entry_id)
    assert resolve_entry_id(journal, entry_id[:6]) == entry_id


@pytest.mark.parametrize("prefix", ["abc", "", "  "])
def test_short_prefix_is_refused(journal, prefix):
    with pytest.raises(EntryNotFoundError, match="too short"):
        resolve_entry_id(journal, prefix)


@pytest.mark.parametrize("prefix", ["ffff0000", "zzzzzz", "abcd'; DROP TABLE entry"])
def test_unknown_prefix_is_named(journal, write_entry, prefix):
    write_entry("2026-11-03T10:00")
    with pytest.raises(EntryNotFoundError, match="No entry"):
        resolve_entry_id(journal, prefix)


def test_ambiguous_prefix_lists_candidates_without_answer_text(
    journal, write_entry, write_note, monkeypatch
):
    ids = iter(["abcd1111-0000-4000-8000-000000000000", "abcd2222-0000-4000-8000-000000000000"])
    monkeypatch.setattr("reflect.store.entries.new_entry_id", lambda: next(ids))
    write_entry("2026-11-03T10:00")
    write_note("2026-11-04T10:00", "secret words")
    with pytest.raises(EntryNotFoundError) as caught:
        resolve_entry_id(journal, "abcd")
    message = str(caught.value)
    assert "abcd1111 (2026-11-03, Check-in)" in message
    assert "abcd2222 (2026-11-04, Note)" in message
    assert "secret" not in message and "\n" not in message
