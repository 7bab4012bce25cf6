"""The HTML export's header: its title, what it covers (the dates, how many entries and
sessions) and when it was made (tests/MUTATION.md: kills surviving mutants of
reflect/render/export/html.py)."""

from __future__ import annotations

from reflect.store.database import Database
from tests.exchange.journals import SampleJournal, export_text


def test_the_header_says_what_the_export_covers_and_when_it_was_made(
    journal: Database, sample: SampleJournal
):
    page = export_text(journal, format="html", include_brief=False)
    assert (
        "<header>\n"
        "  <h1>Reflections to bring to therapy</h1>\n"
        "  <p>Entries from 3 Nov 2026 to 10 Nov 2026 · 4 entries, 1 therapy session</p>\n"
        "  <p>Made Friday 20 November 2026, 09:00</p>\n"
        "</header>\n"
    ) in page
