"""--scores-only keeps no word the person wrote, in any of the five formats: not a written
answer, not a note, not a tag, not a session note (planted unique words, searched for)."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from reflect.store.database import Database
from tests.conftest import require_tool
from tests.exchange.brief_journal import (
    SESSION_WORD,
    TAG_WORD,
    BriefJournal,
    fill_brief_journal,
)


@pytest.fixture(autouse=True)
def _exported_in_december_2026(frozen_clock) -> None:
    """The brief journal's sessions are in autumn 2026; the brief writes a day's year once it is
    months from the export, so every export here is made soon after, whatever today is."""
    frozen_clock(datetime(2026, 12, 3, 12, 0))


@pytest.fixture
def brief_journal(journal: Database, reflect_home: Path) -> BriefJournal:
    return fill_brief_journal(journal, reflect_home)


def exported_text(cli, tmp_path: Path, format: str, *options: str) -> str:
    target = tmp_path / f"scores.{format}"
    outcome = cli("export", "--format", format, "-o", str(target), *options)
    assert outcome.exit_code == 0, outcome.stderr
    if format == "pdf":
        pdftotext = require_tool("pdftotext")
        return subprocess.run(
            [pdftotext, str(target), "-"], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("format", ["md", "html", "pdf", "json", "csv"])
def test_scores_only_holds_no_word_the_person_wrote(
    cli, brief_journal: BriefJournal, tmp_path: Path, format: str
):
    everything = exported_text(cli, tmp_path, format)
    numbers = exported_text(cli, tmp_path, format, "--scores-only")
    for word in brief_journal.planted_words:
        if not (format == "csv" and word == SESSION_WORD):  # a CSV has no sessions at all
            assert word in everything, f"{word} should be in a full {format} export (control)"
        assert word not in numbers, f"{word} is in the --scores-only {format} export"
    assert "8" in numbers  # the numbers are still there


@pytest.mark.parametrize("format", ["md", "html", "pdf", "json", "csv"])
def test_scores_only_by_tag_does_not_name_the_tag(
    cli, brief_journal: BriefJournal, tmp_path: Path, format: str
):
    numbers = exported_text(cli, tmp_path, format, "--scores-only", "--tag", TAG_WORD)
    assert TAG_WORD not in numbers


def test_scores_only_json_keeps_sessions_without_their_notes(cli, brief_journal: BriefJournal):
    document = json.loads(cli("export", "--format", "json", "--scores-only").stdout)
    assert len(document["sessions"]) == 7
    assert all(session["note"] is None for session in document["sessions"])
    assert all(entry["tags"] == [] for entry in document["entries"])
    assert {
        answer["question"]["kind"] for entry in document["entries"] for answer in entry["answers"]
    } == {"scale"}


def test_scores_only_brief_marks_flagged_entries_without_their_words(
    cli, brief_journal: BriefJournal
):
    markdown = cli("export", "--scores-only").stdout
    brief = markdown[: markdown.index("## The entries")]
    assert "⚑ **Thu 12 Nov · After a session** (flagged)" in brief
    # A flagged note has no numbers, so it is not in the export to point to.
    assert "Wed 18 Nov · Note" not in brief
    assert "A strain recorded" not in brief  # a strain is told in the person's answers
