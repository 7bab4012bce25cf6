"""Edges of reflect/store/ that surviving mutants showed untested (tests/MUTATION.md): dates
outside the years reflect keeps, long-answer snippets, stored times with an offset, drafts'
and flagged entries' summaries, filters that select everything, and what the store hands back."""

from __future__ import annotations

from datetime import UTC, datetime

from reflect.model import EntryFilter, PackReference, QuestionSnapshot
from reflect.model.entries import SNIPPET_END as E
from reflect.model.entries import SNIPPET_START as S
from reflect.store import exchange
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note, start_entry
from reflect.store.journal import (
    _around_first_hit,
    count_entries,
    get_entry,
    iter_entries,
    stored_moment,
    trash_entry,
)
from reflect.store.maintenance import dates_out_of_range
from reflect.store.sessions import add_session

PACK = PackReference(id="daily", version="1", title="Daily", content_hash="h")
ASKED = QuestionSnapshot(id="asked", text="What happened?", kind="text", position=0)
KEPT = (
    "outside the years reflect keeps (1900 to 2200); other commands use the nearest date in "
    "that range instead"
)
TRENDS = ", and trends leave it out"


def at(day: int) -> datetime:
    return datetime(2026, 4, day, 9, tzinfo=UTC)


def _set(database: Database, sql: str, *parameters: str) -> None:
    with database.transaction() as cursor:
        cursor.execute(sql, parameters)


def test_each_entry_and_session_with_a_date_out_of_range_is_named_once(journal: Database):
    early = create_complete_entry(journal, PACK, [(ASKED, "first")], at=at(1))
    changed = create_note(journal, "second", at=at(2))
    answered = create_note(journal, "third", at=at(3))
    session = add_session(journal, at(4))
    _set(journal, "UPDATE entry SET created_at = '1850-01-02T09:00:00+00:00' WHERE id = ?", early)
    # The same entry's answer is out of range too: it is named once, for its date.
    _set(
        journal,
        "UPDATE answer SET answered_at = '1850-01-03T09:00:00+00:00' WHERE entry_id = ?",
        early,
    )
    _set(journal, "UPDATE entry SET updated_at = '2301-05-06T09:00:00+00:00' WHERE id = ?", changed)
    _set(
        journal,
        "UPDATE answer SET answered_at = '2302-07-08T09:00:00+00:00' WHERE entry_id = ?",
        answered,
    )
    _set(
        journal,
        "UPDATE therapy_session SET held_on = '1801-02-03T10:00:00+00:00' WHERE id = ?",
        session.id,
    )

    assert dates_out_of_range(journal) == [
        f"entry {early[:8]}: its date (1850-01-02) is {KEPT}{TRENDS}",
        f"entry {changed[:8]}: its last change (2301-05-06) is {KEPT}",
        f"entry {answered[:8]}: its time of an answer (2302-07-08) is {KEPT}",
        f"therapy session {session.id[:8]}: its date (1801-02-03) is {KEPT}{TRENDS}",
    ]  # fmt: skip
    assert dates_out_of_range(journal, limit=2) == dates_out_of_range(journal)[:2]


def test_a_journal_within_the_years_has_no_date_to_name(journal: Database):
    create_note(journal, "fine", at=at(1))
    assert dates_out_of_range(journal) == []


AFTER = " after" * 4000  # makes the answer long: cut in Python, not by FTS5's snippet()


def test_a_long_answers_snippet_starts_at_its_first_hit_from_the_first_word():
    marked = f"Walk by {S}river{E}" + AFTER + f" {S}river{E} again"
    assert _around_first_hit(marked) == (
        f"Walk by {S}river{E} after after after after after after after…"
    )


def test_a_long_word_before_the_hit_is_cut_two_hundred_characters_back():
    link = "https://example.org/" + "a" * 400
    marked = f"see {link} {S}river{E}" + AFTER
    assert _around_first_hit(marked) == (
        f"…{link[-199:]} {S}river{E} after after after after after after after…"
    )


def test_a_line_break_after_the_hit_stays_in_the_snippet():
    marked = "filler " * 4000 + f"{S}river{E}\nnext line" + AFTER
    assert _around_first_hit(marked) == (
        f"…filler filler filler filler {S}river{E}\nnext line after after after after after after…"
    )


def test_a_stored_time_with_an_offset_keeps_its_moment_and_one_without_is_utc():
    assert stored_moment("2026-04-01T09:00:00+02:00") == datetime(2026, 4, 1, 7, tzinfo=UTC)
    assert stored_moment("2026-04-01T09:00:00+02:00").utcoffset().total_seconds() == 7200
    assert stored_moment("2026-04-01T09:00:00") == datetime(2026, 4, 1, 9, tzinfo=UTC)


def test_a_summary_has_the_completion_of_a_completed_entry_only(journal: Database):
    done = create_note(journal, "done", at=at(1))
    draft = start_entry(journal, PACK, at=at(2), flagged=True)
    completed = get_entry(journal, done)
    assert completed is not None and completed.completed_at is not None
    assert completed.flagged is False
    started = get_entry(journal, draft)
    assert started is not None and started.completed_at is None and started.flagged is True


def test_a_draft_is_not_flagged_unless_asked(journal: Database):
    draft = start_entry(journal, PACK, at=at(2))
    summary = get_entry(journal, draft)
    assert summary is not None and summary.flagged is False and summary.completed_at is None


def test_a_filter_that_selects_everything_counts_and_lists_every_entry(journal: Database):
    kept = create_note(journal, "kept", at=at(1))
    gone = create_note(journal, "gone", at=at(2))
    start_entry(journal, PACK, at=at(3))
    trash_entry(journal, gone)
    everything = EntryFilter(include_trashed=True, drafts=None)
    assert count_entries(journal, everything) == 3
    assert [entry.id for entry in exchange.iter_entries(journal, everything)][:2] == [kept, gone]


def test_listed_entries_come_without_previews_unless_asked(journal: Database):
    create_note(journal, "a line to preview", at=at(1))
    (plain,) = iter_entries(journal, EntryFilter())
    (shown,) = iter_entries(journal, EntryFilter(), with_preview=True)
    assert plain.preview is None and shown.preview == "a line to preview"


def test_exported_entries_follow_a_filter_with_parameters(journal: Database):
    create_note(journal, "work", at=at(1), tags=["work"])
    home = create_note(journal, "home", at=at(2), tags=["home"])
    (entry,) = exchange.iter_entries(journal, EntryFilter(tag="home"))
    assert (entry.id, entry.tags, entry.answers[0].value) == (home, ("home",), "home")


def test_an_empty_journal_exports_no_entries(journal: Database):
    assert list(exchange.iter_entries(journal, EntryFilter())) == []


def test_a_new_session_comes_back_with_its_note(journal: Database):
    session = add_session(journal, at(4), note="Talked about cancelling")
    assert session.note == "Talked about cancelling"
    assert add_session(journal, at(5), note="").note is None
