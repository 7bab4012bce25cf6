"""The Markdown brief as a client hands it over: a flag only on what was flagged, and a score
table Markdown renders as a table (tests/MUTATION.md: mutants of render/export/markdown.py that
survived)."""

from __future__ import annotations

from pathlib import Path

from reflect.store.database import Database
from tests.exchange.brief_journal import fill_brief_journal
from tests.exchange.journals import export_text


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
