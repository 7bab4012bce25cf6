"""CSV, PDF (must show 4), the privacy rule across every format (must show 5), and the command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note
from tests.exchange.journals import (
    BRING,
    CHECKIN,
    HELD_BACK,
    SAFETY,
    SampleJournal,
    at,
    export_text,
)

FORMATS = ["md", "html", "pdf", "json", "csv"]


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _export(cli, tmp_path: Path, format: str, *extra: str) -> tuple[str, str]:
    """(the export as text, stderr) through the real command."""
    target = tmp_path / f"export.{format}"
    outcome = cli("export", "--format", format, "--no-trends", "-o", str(target), *extra)
    assert outcome.exit_code == 0, outcome.stderr
    if format == "pdf":
        return _pdf_text(target), outcome.stderr
    return target.read_text(encoding="utf-8-sig"), outcome.stderr


def test_csv_has_one_row_per_answer_with_scores_and_guarded_formulas(journal: Database):
    create_complete_entry(
        journal, CHECKIN, [(SAFETY, 7), (BRING, '=HYPERLINK("http://x")')], at=at(3), tags=["@x"]
    )
    create_note(journal, "-2 feels like a formula", at=at(4))
    text = export_text(journal, format="csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [(row["question_id"], row["value"], row["score"]) for row in rows] == [
        ("safety", "7", "7"),
        ("bring", '\'=HYPERLINK("http://x")', ""),
        ("note", "'-2 feels like a formula", ""),
    ]
    assert rows[0]["dimension"] == "safety"
    assert rows[0]["question_text"] == SAFETY.text
    assert rows[0]["pack"] == "Check-in"
    assert rows[0]["date"] == "2026-11-03T20:15+00:00"


@pytest.mark.parametrize(("held_back", "score"), [(2, "7.5"), (1, "10"), (5, "0"), (4, "2.5")])
def test_csv_score_flips_a_reverse_scored_answer_onto_0_to_10(
    journal: Database, held_back: int, score: str
):
    # "How much did you hold back?" on 1-5 is reverse-worded: holding back little scores high.
    create_complete_entry(journal, CHECKIN, [(SAFETY, 3), (HELD_BACK, held_back)], at=at(3))
    text = export_text(journal, format="csv")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [(row["question_id"], row["value"], row["score"]) for row in rows] == [
        ("safety", "3", "3"),
        ("held_back", str(held_back), score),  # the answer as given; the score flipped
    ]
    assert rows[1]["dimension"] == "openness"


def test_pdf_opens_and_its_text_holds_the_answers(cli, journal: Database, sample, tmp_path: Path):
    text, _ = _export(cli, tmp_path, "pdf")
    for answer in sample.public_answers:
        assert answer in text
    assert "Therapy session" in text
    assert "Flagged to bring to the session" in text


def test_pdf_with_scripts_and_emoji_the_font_lacks_does_not_fail(
    cli, journal: Database, tmp_path: Path
):
    create_note(journal, "Ελληνικά, русский, 中文, العربية, 🧠🫶, \u0000 and \U0010ffff", at=at(3))
    text, _ = _export(cli, tmp_path, "pdf")
    assert "Ελληνικά, русский" in text  # DejaVu has Greek and Cyrillic: real text
    assert "□" in text  # what it lacks is shown as a visible box, not dropped


def test_pdf_needs_an_output_file(cli, journal: Database):
    outcome = cli("export", "--format", "pdf", "--no-trends")
    assert outcome.exit_code == 1
    assert "-o FILE" in outcome.stderr


@pytest.mark.parametrize("format", FORMATS)
def test_private_entries_are_left_out_unless_asked(
    cli, journal: Database, sample: SampleJournal, tmp_path: Path, format: str
):
    text, stderr = _export(cli, tmp_path, format)
    assert sample.private_answer not in text
    assert sample.public_answers[0] in text
    assert "1 private entry left out" in stderr

    text, stderr = _export(cli, tmp_path, format, "--include-private")
    assert sample.private_answer in text
    assert "left out" not in stderr


@pytest.mark.parametrize("format", ["md", "json", "csv"])
def test_text_formats_go_to_stdout_without_output_file(cli, journal: Database, sample, format):
    outcome = cli("export", "--format", format, "--no-trends")
    assert outcome.exit_code == 0
    assert sample.public_answers[0] in outcome.stdout
    assert "private entry left out" in outcome.stderr  # messages stay off stdout


def test_scores_only_keeps_numbers_and_no_written_answer(cli, journal: Database, sample):
    outcome = cli("export", "--format", "json", "--no-trends", "--scores-only")
    document = json.loads(outcome.stdout)
    kinds = {answer["question"]["kind"] for e in document["entries"] for answer in e["answers"]}
    assert kinds == {"scale"}
    assert sample.public_answers[0] not in outcome.stdout
    assert "Café" not in outcome.stdout  # notes are all writing: left out whole


def test_filters_select_entries_like_the_listing(cli, journal: Database, sample):
    flagged = json.loads(cli("export", "-f", "json", "--no-trends", "--flagged").stdout)
    assert [e["flagged"] for e in flagged["entries"]] == [True]
    tagged = json.loads(cli("export", "-f", "json", "--no-trends", "--tag", "#Trust").stdout)
    assert [e["tags"] for e in tagged["entries"]] == [["trust"]]
    ranged = json.loads(
        cli(
            "export", "-f", "json", "--no-trends", "--since", "2026-11-06", "--until", "2026-11-08"
        ).stdout
    )
    assert [e["created_at"][:10] for e in ranged["entries"]] == ["2026-11-06", "2026-11-08"]
    assert ranged["sessions"] == []
    notes = json.loads(cli("export", "-f", "json", "--no-trends", "--pack", "note").stdout)
    assert {e["kind"] for e in notes["entries"]} == {"note"}


def test_trashed_entries_never_appear(cli, journal: Database):
    from reflect.store.journal import trash_entry

    kept = create_note(journal, "kept", at=at(3))
    trash_entry(journal, create_note(journal, "thrown away", at=at(4)))
    document = json.loads(cli("export", "-f", "json", "--no-trends", "--include-private").stdout)
    assert [entry["id"] for entry in document["entries"]] == [kept]


def test_export_to_a_missing_folder_is_a_clear_error(cli, journal: Database, tmp_path: Path):
    outcome = cli("export", "--no-trends", "-o", str(tmp_path / "nowhere" / "x.md"))
    assert outcome.exit_code == 1
    assert "does not exist" in outcome.stderr


def test_since_last_session_starts_at_the_newest_past_session(cli, journal: Database):
    from datetime import UTC, datetime, timedelta

    from reflect.store.sessions import add_session

    now = datetime.now(UTC)
    create_note(journal, "before the session", at=now - timedelta(days=5))
    add_session(journal, now - timedelta(days=3))
    create_note(journal, "after the session", at=now - timedelta(days=1))

    outcome = cli("export", "--since", "last-session", "--no-trends")

    assert outcome.exit_code == 0, outcome.stderr
    assert "after the session" in outcome.stdout
    assert "before the session" not in outcome.stdout
    assert "## Therapy session" in outcome.stdout


def test_export_on_a_terminal_shows_escape_sequences_as_symbols(journal: Database, reflect_home):
    import os

    import pexpect

    from tests.conftest import reflect_command

    create_note(journal, "red \x1b[31mALERT\x1b[0m and a bell \x07", at=at(3))
    command, *arguments = reflect_command()
    child = pexpect.spawn(
        command,
        [*arguments, "export", "--no-trends"],
        env={**os.environ, "REFLECT_HOME": str(reflect_home)},
        encoding="utf-8",
        timeout=30,
    )
    child.expect(pexpect.EOF)
    shown = child.before
    child.close()
    assert "red ␛\\[31mALERT␛\\[0m and a bell ␇" in shown  # ([ is Markdown-escaped)
    assert "\x1b" not in shown and "\x07" not in shown


def _trend_summary(cli, *extra: str) -> dict:
    outcome = cli(
        "export", "--format", "json", "--since", "2026-11-01", "--until", "2026-11-30", *extra
    )
    assert outcome.exit_code == 0, outcome.stderr
    (safety,) = json.loads(outcome.stdout)["trends"]["dimensions"]
    return safety["summary"]


def test_a_private_entry_stays_out_of_the_exports_trend_summary_unless_asked(
    cli, journal: Database
):
    for day in (2, 9, 16):
        create_complete_entry(journal, CHECKIN, [(SAFETY, 8)], at=at(day))
    create_complete_entry(journal, CHECKIN, [(SAFETY, 0)], at=at(17), private=True)

    summary = _trend_summary(cli)
    assert (summary["entries"], summary["last_score"]) == (3, 8.0)

    summary = _trend_summary(cli, "--include-private")
    assert (summary["entries"], summary["last_score"]) == (4, 4.0)  # (8 + 0) / 2 that week


def test_a_private_entry_stays_out_of_the_markdown_trend_lines(cli, journal: Database):
    for day in (2, 9, 16):
        create_complete_entry(journal, CHECKIN, [(SAFETY, 8)], at=at(day))
    create_complete_entry(journal, CHECKIN, [(SAFETY, 0)], at=at(17), private=True)
    outcome = cli("export", "--since", "2026-11-01", "--until", "2026-11-30")
    assert outcome.exit_code == 0, outcome.stderr
    # The trend lines speak of 8.0 (the public entries); with the private 0 it would be 4.0.
    assert "8.0" in outcome.stdout
    assert "4.0" not in outcome.stdout and "4 entries" not in outcome.stdout
