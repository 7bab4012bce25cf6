"""The brief at the top of md, html and pdf exports: what to bring, the scores since the last
session, moments worth a look, all on the first page; numbers equal to `reflect trends`."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from reflect.store.database import Database
from reflect.store.entries import PackReference, QuestionSnapshot, create_complete_entry
from tests.conftest import Outcome, require_tool
from tests.exchange.brief_journal import (
    BRING_TEXT,
    FLAGGED_TEXT,
    OLD_BRING_TEXT,
    TAG_WORD,
    BriefJournal,
    fill_brief_journal,
)

NOT_ENOUGH = re.compile(r"not enough", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _exported_in_december_2026(frozen_clock) -> None:
    """The brief journal's sessions are in autumn 2026; the brief writes a day's year once it is
    months from the export, so every export here is made soon after, whatever today is."""
    frozen_clock(datetime(2026, 12, 3, 12, 0))


@pytest.fixture
def brief_journal(journal: Database, reflect_home: Path) -> BriefJournal:
    return fill_brief_journal(journal, reflect_home)


def export_to(cli: Callable[..., Outcome], tmp_path: Path, format: str, *options: str) -> Path:
    target = tmp_path / f"export.{format}"
    outcome = cli("export", "--format", format, "-o", str(target), *options)
    assert outcome.exit_code == 0, outcome.stderr
    return target


def pdf_text(path: Path, *pages: int, raw: bool = False) -> str:
    pdftotext = require_tool("pdftotext")
    arguments = [pdftotext, "-layout"] if not raw else [pdftotext, "-raw"]
    if pages:
        arguments += ["-f", str(pages[0]), "-l", str(pages[-1])]
    completed = subprocess.run(
        [*arguments, str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return completed.stdout


def html_first_printed_page(page: Path, work: Path) -> str:
    """The HTML as Chromium prints it, first page only, as text."""
    chromium = require_tool("chromium")
    printed = work / "printed.pdf"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={work / 'chromium-print-profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={printed}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return pdf_text(printed, 1)


def first_page(format: str, path: Path, work: Path) -> str:
    if format == "pdf":
        return pdf_text(path, 1)
    if format == "html":
        return html_first_printed_page(path, work)
    text = path.read_text(encoding="utf-8")
    return text[: text.index("## The entries")]  # what the brief holds, before any entry


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("format", ["md", "html", "pdf"])
def test_first_page_holds_what_to_bring_the_session_table_and_the_low_point(
    cli, brief_journal: BriefJournal, tmp_path: Path, format: str
):
    path = export_to(cli, tmp_path, format)
    page = one_line(first_page(format, path, tmp_path))
    # What I'd like to bring: the flagged entry, the bring answers (this pack version's
    # `bring: true`, and an older version's entry the pack marks now), the flagged note.
    assert "What I'd like to bring" in page
    assert one_line(FLAGGED_TEXT)[:30] in page
    assert BRING_TEXT[:30] in page
    assert OLD_BRING_TEXT[:30] in page
    assert "A note about the waiting room" in page
    # The table: sessions as rows, the dip of the fourth week in its row.
    assert "Session by session" in page
    assert re.search(r"After 27 Oct\W+2\W+2\.0\W+4\.0", page), page
    # Moments worth a look: the low point with its date and entry, the strain talked through.
    assert "Moments worth a look" in page
    assert "Connection: lowest 2.0 on Tue 27 Oct (After a session; 8 entries rated it)" in page
    assert "A strain recorded on Wed 28 Oct: talked through a little" in page
    whole = pdf_text(path) if format == "pdf" else path.read_text(encoding="utf-8")
    assert not NOT_ENOUGH.search(whole)


def test_the_markdown_brief_is_one_page(cli, brief_journal: BriefJournal, tmp_path: Path):
    brief = first_page("md", export_to(cli, tmp_path, "md"), tmp_path)
    assert len(brief.splitlines()) <= 60


def test_no_brief_leaves_it_out(cli, brief_journal: BriefJournal, tmp_path: Path):
    for format in ("md", "html"):
        text = export_to(cli, tmp_path, format, "--no-brief").read_text(encoding="utf-8")
        assert "What I'd like to bring" not in text
        assert "Moments worth a look" not in text
        assert FLAGGED_TEXT in text  # the entries are all there
    assert "What I'd like to bring" not in pdf_text(export_to(cli, tmp_path, "pdf", "--no-brief"))


def test_since_last_session_heads_the_table_with_that_session(
    cli, brief_journal: BriefJournal, tmp_path: Path
):
    text = export_to(cli, tmp_path, "md", "--since", "last-session").read_text(encoding="utf-8")
    assert "### Since the session on Tue 17 Nov" in text
    assert "| After 17 Nov | 1 | 8.0 | 7.0 |" in text


def test_by_week_makes_weeks_the_rows(cli, brief_journal: BriefJournal, tmp_path: Path):
    text = export_to(cli, tmp_path, "md", "--by", "week").read_text(encoding="utf-8")
    assert "### Week by week" in text
    assert "| Week of 26 Oct | 2 | 2.0 |" in text


def _choice_talked_through(journal: Database, answer: str, day: int) -> None:
    """A ruptures entry of the newer pack version, where talked-through is a choice."""
    strain = QuestionSnapshot(id="strain", text="Anything strained?", kind="yesno", position=0)
    talked = QuestionSnapshot(
        id="talked-through",
        text="Have you talked about it?",
        kind="choice",
        position=1,
        options=("not yet", "a little", "properly"),
    )
    pack = PackReference(id="ruptures", version="2", title="Strains and repair", content_hash="r2")

    create_complete_entry(
        journal,
        pack,
        [(strain, "yes"), (talked, answer)],
        at=datetime(2026, 12, day, 9, tzinfo=UTC),
    )


def test_strains_read_the_new_choice_and_the_old_yes_no(
    cli, brief_journal: BriefJournal, journal: Database, tmp_path: Path
):
    _choice_talked_through(journal, "a little", 1)
    _choice_talked_through(journal, "not yet", 2)
    text = export_to(cli, tmp_path, "md").read_text(encoding="utf-8")
    assert "A strain recorded on Wed 28 Oct: talked through" in text  # old yes/no
    assert "A strain recorded on Tue 1 Dec: talked through a little" in text
    assert "A strain recorded on Wed 2 Dec: not talked through yet" in text


def test_a_strain_answered_no_is_not_a_moment(cli, journal: Database, tmp_path: Path):
    strain = QuestionSnapshot(id="strain", text="Anything strained?", kind="yesno", position=0)
    pack = PackReference(id="ruptures", version="1", title="Strains and repair", content_hash="r1")
    create_complete_entry(journal, pack, [(strain, "no")])
    assert "A strain recorded" not in export_to(cli, tmp_path, "md").read_text(encoding="utf-8")


SELECTIONS = [
    ("--since", "2026-10-20"),
    ("--flagged",),
    ("--pack", "checkin"),
    ("--tag", TAG_WORD),
    ("--since", "2026-10-13", "--until", "2026-11-05", "--pack", "checkin"),
]


@pytest.mark.parametrize("selection", SELECTIONS, ids=lambda selection: " ".join(selection))
@pytest.mark.parametrize("by", ["week", "session"])
def test_export_trend_numbers_equal_reflect_trends_with_the_same_selection(
    cli, brief_journal: BriefJournal, selection: tuple[str, ...], by: str
):
    exported = cli("export", "--format", "json", "--by", by, *selection)
    assert exported.exit_code == 0, exported.stderr
    window = () if "--since" in selection else ("--all",)
    trends = cli("trends", "--json", "--by", by, *window, *selection)
    assert trends.exit_code == 0, trends.stderr
    from_export = json.loads(exported.stdout)["trends"]
    from_trends = json.loads(trends.stdout)
    assert from_export["dimensions"], "the selection should hold scores"
    # Every number is the same; only the sentences differ where there is too little to show a
    # trend: `reflect trends` says so, an export says nothing (null).
    assert numbers(from_export["dimensions"]) == numbers(from_trends["dimensions"])
    assert numbers(from_export["questions"]) == numbers(from_trends["questions"])
    for exported_series, trends_series in zip(
        from_export["dimensions"], from_trends["dimensions"], strict=True
    ):
        said = exported_series["summary"]["sentence"]
        assert said in (None, trends_series["summary"]["sentence"])
        assert (said is None) == (trends_series["summary"]["entries"] < 3)


def numbers(series: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The series without their sentences."""
    return [
        {**one, "summary": {k: v for k, v in one["summary"].items() if k != "sentence"}}
        for one in series
    ]


def test_the_brief_table_shows_the_numbers_of_reflect_trends(cli, brief_journal: BriefJournal):
    markdown = cli("export", "--since", "2026-10-20", "--by", "session").stdout
    trends = json.loads(cli("trends", "--json", "--by", "session", "--since", "2026-10-20").stdout)
    header = next(line for line in markdown.splitlines() if line.startswith("|  | Rated"))
    columns = [cell.strip() for cell in header.strip("|").split("|")][2:]
    rows = {
        cells[0]: cells[2:]
        for line in markdown.splitlines()
        if line.startswith("| After")
        for cells in [[cell.strip() for cell in line.strip("|").split("|")]]
    }
    checked = 0
    for dimension in trends["dimensions"]:
        if dimension["label"] not in columns:
            continue
        column = columns.index(dimension["label"])
        for period in dimension["periods"]:
            day = period["label"].removeprefix("session ")
            label = f"After {int(day[8:])} {['Oct', 'Nov'][int(day[5:7]) - 10]}"
            assert rows[label][column] == f"{period['score']:.1f}"
            checked += 1
    assert checked >= 10


def test_flagged_export_counts_only_flagged_entries(cli, brief_journal: BriefJournal):
    markdown = cli("export", "--flagged").stdout
    assert "2 entries" in markdown.splitlines()[2]  # the flagged check-in and the flagged note
    # The one rated flagged entry is the table's only row, with its own score.
    assert "| After 10 Nov | 1 | 5.0 |" in markdown


def test_a_flagged_export_shows_only_the_sessions_around_its_entries(
    cli, brief_journal: BriefJournal
):
    markdown = cli("export", "--flagged").stdout
    dividers = [line for line in markdown.splitlines() if line.startswith("## Therapy session")]
    # The flagged entries were written on 12 and 18 Nov: the sessions of 10 and 17 Nov frame
    # them; the five before and none after are not empty dividers in a document to read.
    assert dividers == [
        "## Therapy session · Tuesday 10 November 2026",
        "## Therapy session · Tuesday 17 November 2026",
    ]
    assert "2 entries, 2 therapy sessions" in markdown
    # A JSON export stays a complete copy: every session.
    assert len(json.loads(cli("export", "--flagged", "--format", "json").stdout)["sessions"]) == 7
    # A range asked for keeps its sessions even with no entry in it.
    empty = cli("export", "--since", "2026-10-05", "--until", "2026-10-07", "--pack", "prepare-me")
    assert "## Therapy session · Tuesday 6 October 2026" in empty.stdout


LONG_FLAGGED = (
    "I keep coming back to what happened when we talked about my father and the way the room "
    "went quiet, and I am not sure whether I want to say it or wait until it feels safer"
)


@pytest.mark.parametrize("format", ["md", "html", "pdf"])
def test_the_longest_brief_still_fits_on_the_first_page(
    cli, brief_journal: BriefJournal, journal: Database, tmp_path: Path, format: str
):
    """Every list of the brief at its longest (more flagged entries and strains than it shows,
    each excerpt cut to two lines): still one page, its last line on page 1."""

    from reflect.packs.catalog import find_pack
    from reflect.store.entries import create_note
    from tests.exchange.brief_journal import _answers

    first = brief_journal.sessions[0]
    for index in range(7):
        create_note(journal, f"{LONG_FLAGGED} {index}", at=first + timedelta(days=1 + 6 * index))
        journal.execute("UPDATE entry SET flagged = 1 WHERE kind = 'note'")
    ruptures = find_pack("ruptures")
    for index in range(5):
        values = {"strain": "yes", "strain-size": 3 + index, "talked-through": "not yet"}
        create_complete_entry(
            journal,
            ruptures.reference(),
            _answers(ruptures, values),
            at=first + timedelta(days=8 + 7 * index),
        )
    path = export_to(cli, tmp_path, format)
    page = one_line(first_page(format, path, tmp_path))
    assert "more, in the entries below" in page  # the bring list was cut to fit
    assert "And 2 strains more, in the entries below." in page  # the brief's last line
