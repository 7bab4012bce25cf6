"""The Markdown export as a client hands it over: a flag only on what was flagged, a score
table Markdown renders as a table, an entry's marks and a person's lines as written, and the
HTML brief's links to its entries (tests/MUTATION.md: mutants of render/export/ that
survived)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note
from tests.exchange.brief_journal import fill_brief_journal
from tests.exchange.journals import CHECKIN, EASE, export_text

WHEN = datetime(2026, 11, 3, 20, 15, tzinfo=UTC)


def test_only_flagged_items_to_bring_carry_the_flag(journal: Database, reflect_home: Path):
    fill_brief_journal(journal, reflect_home)
    lines = export_text(journal, format="md").splitlines()
    assert (
        "- **Sun 15 Nov · Before the session**: Whether we could meet fortnightly over the "
        "holidays *(full entry: Sun 15 Nov, 10:00)*"
    ) in lines
    flagged = [line for line in lines if line.startswith("- ⚑ **")]
    assert [line.split("**")[1] for line in flagged] == [
        "Thu 12 Nov · After a session",
        "Wed 18 Nov · Note",
    ]


def test_the_score_table_has_a_markdown_header_and_right_aligned_numbers(
    journal: Database, reflect_home: Path
):
    fill_brief_journal(journal, reflect_home)
    lines = export_text(journal, format="md").splitlines()
    header = lines.index("### Session by session") + 2
    assert lines[header : header + 3] == [
        "|  | Rated entries | Connection | Worth it | Ease between you | Easing after a strain "
        "| Openness |",
        "|---|---:|---:|---:|---:|---:|---:|",
        "| After 6 Oct | 1 | 6.0 | 5.0 |  |  |  |",
    ]


def test_the_markdown_table_says_which_earlier_periods_only_the_chart_shows(journal: Database):
    for week in range(10):
        create_complete_entry(journal, CHECKIN, [(EASE, week)], at=WHEN + timedelta(weeks=week))
    text = export_text(journal, format="md")
    assert (
        "Scores from 0 to 10, higher is better: the mean of the period's rated entries. A blank: "
        "not rated then. 2 earlier periods in the chart."
    ) in text.splitlines()


def _entry_block(text: str, heading: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(heading)
    end = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("#")), len(lines))
    return lines[start:end]


def test_a_flagged_tagged_private_notes_marks_and_lines(journal: Database):
    create_note(
        journal,
        "first line\r\nsecond line\r\n\r\nafter a blank\rold Mac line",
        at=WHEN,
        flagged=True,
        private=True,
        tags=["work", "home"],
    )
    text = export_text(journal, format="md", include_private=True)
    assert _entry_block(text, "### ⚑ Tuesday 3 November 2026, 20:15 · Note") == [
        "### ⚑ Tuesday 3 November 2026, 20:15 · Note",
        "",
        "**Flagged to bring to the session.**  ",
        "Tags: home, work  ",
        "*Private entry.*",
        "",
        "> first line",
        "> second line",
        ">",
        "> after a blank",
        "> old Mac line",
        "",
    ]


def test_a_note_of_only_spaces_is_an_empty_quote(journal: Database):
    create_note(journal, "   ", at=WHEN)
    text = export_text(journal, format="md")
    assert _entry_block(text, "### Tuesday 3 November 2026, 20:15 · Note")[1:3] == ["", "> "]


def test_every_item_to_bring_links_to_its_entry_in_the_html(journal: Database, reflect_home):
    fill_brief_journal(journal, reflect_home)
    flagged = [row[0] for row in journal.query("SELECT id FROM entry WHERE flagged = 1")]
    page = export_text(journal, format="html")
    bring = page.split("What I&#39;d like to bring")[1].split("</ul>")[0]
    assert bring.count('<span class="pointer">(<a href="#entry-') == 4
    for entry_id in flagged:
        assert f'<a href="#entry-{entry_id[:8]}">full entry:' in bring
        assert f'id="entry-{entry_id[:8]}"' in page
