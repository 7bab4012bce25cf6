"""The brief's lists when they are longer than the page holds: how many more there are, in words,
in every format that has a brief; and a strain whose talked-through question was skipped
(tests/MUTATION.md: kills surviving mutants of reflect/render/export/)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from reflect.packs.catalog import find_pack
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note
from tests.exchange.brief_journal import _answers, brief_text

FIRST = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _long_brief(journal: Database) -> None:
    """Seven flagged notes (the brief shows six) and a strain left without its follow-up."""
    for day in range(7):
        create_note(journal, f"Flagged {day}", at=FIRST + timedelta(days=day), flagged=True)
    ruptures = find_pack("ruptures")
    answers = _answers(ruptures, {"strain": "yes", "strain-size": 3})
    create_complete_entry(journal, ruptures.reference(), answers, at=FIRST + timedelta(days=8))


def _brief_text(journal: Database, format: str) -> str:
    return brief_text(journal, format, datetime(2026, 11, 20, 9, 0, tzinfo=UTC))


@pytest.mark.parametrize("format", ["md", "html", "pdf"])
def test_a_bring_list_cut_short_says_how_many_more_and_a_strain_says_it_was_not_followed_up(
    journal: Database, format: str
):
    _long_brief(journal)
    text = _brief_text(journal, format)
    assert "Flagged 6" in text
    assert "And 1 item more, in the entries below." in text
    assert "A strain recorded on Tue 10 Nov: whether it was talked through is not answered" in text
