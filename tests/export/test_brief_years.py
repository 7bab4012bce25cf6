"""The brief names a day the short way ('Tue 17 Nov') when it falls in the months just gone, and
with its year ('Mon 18 Nov 2024') when further from the day the export was made: a therapist
reading a journal kept for years must not take a low point of two years ago for last month's.
The same in every format with a brief, and in the words of reflect.render.export.wording."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from reflect.core.brief import ScoreRow
from reflect.packs.catalog import find_pack
from reflect.render.export import wording
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note
from tests.exchange.brief_journal import _answers, brief_text
from tests.exchange.journals import EASE, PackReference

MADE_AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
LONG_AGO = datetime(2024, 11, 18, 9, 0, tzinfo=UTC)  # a Monday, two years before
RECENTLY = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)  # a Tuesday, ten days before
EASY = PackReference(id="easy", version="1", title="Easy", content_hash="e1", definition={})


def _journal_over_two_years(journal: Database) -> None:
    ruptures = find_pack("ruptures")
    for moment, ease in ((LONG_AGO, 0), (RECENTLY, 8)):
        create_note(journal, f"Flagged on {moment:%Y}", at=moment, flagged=True)
        create_complete_entry(journal, EASY, [(EASE, ease)], at=moment + timedelta(hours=1))
        answers = _answers(ruptures, {"strain": "yes", "talked-through": "a little"})
        create_complete_entry(
            journal, ruptures.reference(), answers, at=moment + timedelta(hours=2)
        )


def _brief_text(journal: Database, format: str) -> str:
    return brief_text(journal, format, MADE_AT).replace("\\", "")  # Markdown's escapes


@pytest.mark.parametrize("format", ["md", "html", "pdf"])
def test_a_day_long_ago_carries_its_year_and_a_recent_one_does_not(
    journal: Database, format: str
) -> None:
    _journal_over_two_years(journal)
    text = _brief_text(journal, format)
    # What to bring: the day and the pointer to the full entry.
    assert "Mon 18 Nov 2024 · Note" in text
    assert "full entry: Mon 18 Nov 2024, " in text
    assert "Tue 10 Nov · Note" in text
    assert "full entry: Tue 10 Nov, " in text
    # Moments worth a look: the lowest entry and both strains.
    assert "lowest 0.0 on Mon 18 Nov 2024" in text
    assert "A strain recorded on Mon 18 Nov 2024: talked through a little" in text
    assert "A strain recorded on Tue 10 Nov: talked through a little" in text
    # The table's rows: the week two years ago named with its year.
    assert "Week of 18 Nov 2024" in text
    assert "Week of 9 Nov " in text
    assert "Tue 10 Nov 2026" not in text and "Week of 9 Nov 2026" not in text


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (date(2026, 11, 20), "Fri 20 Nov"),
        (date(2026, 1, 24), "Sat 24 Jan"),  # 300 days before: still without
        (date(2026, 1, 23), "Fri 23 Jan 2026"),  # 301 days: with its year
        (date(2027, 1, 19), "Tue 19 Jan"),  # a session booked 60 days ahead
        (date(2027, 1, 20), "Wed 20 Jan 2027"),
    ],
)
def test_the_year_is_written_beyond_ten_months_before_and_two_after(day: date, shown: str) -> None:
    made_on = date(2026, 11, 20)
    assert wording.brief_day_of(day, made_on) == shown
    assert wording.brief_day_of(day) == shown.removesuffix(f" {day.year}")
    row = ScoreRow("session", day, day, 1, ())
    assert wording.row_label(row, "session", made_on) == f"After {shown[4:]}"
    assert wording.row_label(row, "week", made_on) == f"Week of {shown[4:]}"
    assert wording.row_label(row, "month", made_on) == f"{day:%B %Y}"
