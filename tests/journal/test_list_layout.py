"""`reflect list` at a glance: on a terminal a layout that gives up room in a chosen order as the
width shrinks (never the markers, the id or the date with its minutes); piped, a stable
tab-separated layout with whole values; with --json, the same first words uncut."""

from __future__ import annotations

import json
import re

import pytest
from journal_samples import local

from reflect.core.journal import list_journal
from reflect.model import DateRange, EntryFilter
from reflect.render.console import stdout_console
from reflect.render.journal import TSV_COLUMNS, entry_list_lines
from reflect.store.sessions import add_session

LONG_WORDS = (
    "I felt heard when I talked about my sister, and that surprised me more than anything "
    "else today, more than I can say."
)
DATE = re.compile(r"\b2026-11-\d\d \d\d:\d\d\b")


@pytest.fixture
def varied_journal(journal, write_entry, write_note):
    """Runs and notes with every marker, tags of different lengths and a session between."""
    ids = {
        "flagged run": write_entry(
            "2026-11-05T09:30", feeling=LONG_WORDS, flagged=True, tags=["hard", "rupture"]
        ),
        "private note": write_note("2026-11-04T21:15", "Short.", private=True),
        "plain note": write_note("2026-11-02T08:05", "Felt rushed at the end.\nAgain."),
        "flagged private": write_entry(
            "2026-11-01T18:45", feeling="We laughed.", flagged=True, private=True
        ),
    }
    add_session(journal, local("2026-11-03T17:00"), "after the break")
    return ids


def _lines(journal, width: int) -> list[str]:
    listing = list_journal(journal, EntryFilter())
    lines = entry_list_lines(
        listing.entries, listing.sessions, "%Y-%m-%d", width, id_length=listing.id_length
    )
    return [line.plain for line in lines]


def _entry_lines(lines: list[str], entry_id: str) -> list[str]:
    return [line for line in lines if re.search(rf"\b{entry_id[:4]}", line)]


@pytest.mark.parametrize("width", [40, 50, 60, 80, 100, 120, 160, 200])
def test_every_row_keeps_its_markers_id_and_whole_date_at_any_width(journal, varied_journal, width):
    lines = _lines(journal, width)
    expected = {
        "flagged run": ("F", "2026-11-05 09:30"),
        "private note": ("P", "2026-11-04 21:15"),
        "plain note": ("", "2026-11-02 08:05"),
        "flagged private": ("FP", "2026-11-01 18:45"),
    }
    for name, (marks, date) in expected.items():
        (line,) = _entry_lines(lines, varied_journal[name])
        assert date in line, (width, line)
        assert line.split()[0] == (marks or varied_journal[name][:4]), (width, line)
    if width >= 50:
        assert all(len(line) <= width for line in lines), lines
    assert "F flagged for your next session" in lines[-1] and "P private" in lines[-1]


@pytest.mark.parametrize("width", [60, 80, 120])
def test_cut_first_words_end_in_an_ellipsis_and_start_like_the_answer(
    journal, varied_journal, width
):
    (line,) = _entry_lines(_lines(journal, width), varied_journal["flagged run"])
    words = line[line.index("I felt heard") :]
    assert words.endswith("…")
    assert LONG_WORDS.startswith(words[:-1].rstrip())


def test_the_first_words_take_the_room_left(journal, varied_journal):
    at_80 = _entry_lines(_lines(journal, 80), varied_journal["flagged run"])[0]
    at_120 = _entry_lines(_lines(journal, 120), varied_journal["flagged run"])[0]
    assert len(at_80) == 80 and len(at_120) == 120
    assert "#hard #rupture" in at_120


def test_at_200_columns_everything_is_whole(journal, varied_journal):
    lines = _lines(journal, 200)
    (line,) = _entry_lines(lines, varied_journal["flagged run"])
    assert line.endswith(LONG_WORDS) and "#hard #rupture" in line
    assert "Check-in" in line and "…" not in "".join(lines)


def test_narrow_terminals_lose_tags_then_words_never_the_date(journal, varied_journal):
    (at_60,) = _entry_lines(_lines(journal, 60), varied_journal["flagged run"])
    assert "#hard" not in at_60 and "I felt" in at_60
    (at_40,) = _entry_lines(_lines(journal, 40), varied_journal["flagged run"])
    assert "I felt" not in at_40 and "2026-11-05 09:30" in at_40


def test_the_session_divides_the_list_with_its_date_and_note(journal, varied_journal):
    lines = _lines(journal, 80)
    (divider,) = [line for line in lines if "therapy session" in line]
    assert divider.startswith("─") and "2026-11-03 17:00" in divider
    assert "after the break" in divider
    order = [
        next(i for i, line in enumerate(lines) if re.search(rf"\b{varied_journal[name][:4]}", line))
        for name in ("private note", "plain note")
    ]
    assert order[0] < lines.index(divider) < order[1]


def _rename(journal, entry_id: str, new_id: str) -> str:
    """Give an entry a chosen id (uuid4 never would), its answers and tags following it."""
    journal.execute("PRAGMA foreign_keys = OFF")
    with journal.transaction() as cursor:
        cursor.execute("UPDATE entry SET id = ? WHERE id = ?", (new_id, entry_id))
        cursor.execute("UPDATE answer SET entry_id = ? WHERE entry_id = ?", (new_id, entry_id))
        cursor.execute("UPDATE entry_tag SET entry_id = ? WHERE entry_id = ?", (new_id, entry_id))
    journal.execute("PRAGMA foreign_keys = ON")
    return new_id


def test_ids_are_shown_at_the_shortest_unique_length_of_at_least_four(cli, journal, write_note):
    _rename(journal, write_note("2026-11-01T10:00", "one"), "abcdef12-0000-4000-8000-000000000000")
    _rename(journal, write_note("2026-11-02T10:00", "two"), "abcdef99-0000-4000-8000-000000000000")
    third = _rename(
        journal, write_note("2026-11-03T10:00", "three"), "12345678-0000-4000-8000-000000000000"
    )
    assert list_journal(journal, EntryFilter()).id_length == 7
    alone = list_journal(journal, EntryFilter(dates=DateRange(since=local("2026-11-03T00:00"))))
    assert [entry.id for entry in alone.entries] == [third] and alone.id_length == 4
    table = _table_at(cli, 80)
    assert any(line.startswith("abcdef1 ") for line in table), table
    assert cli("show", "abcdef1").exit_code == 0


def test_a_shown_id_is_long_enough_to_pass_an_entry_in_the_trash(cli, journal, write_note):
    shown = write_note("2026-11-05T10:00", "shown")
    _rename(journal, shown, "12340000-0000-4000-8000-0000000000aa")
    hidden = _rename(
        journal, write_note("2026-11-01T10:00", "trashed"), "12349999-0000-4000-8000-0000000000bb"
    )
    assert cli("delete", hidden, "--yes").exit_code == 0
    listing = list_journal(journal, EntryFilter())
    assert len(listing.entries) == 1 and listing.id_length == 5
    assert cli("show", "12340").exit_code == 0
    assert cli("show", "1234").exit_code == 1


def test_piped_list_is_tab_separated_with_whole_values(cli, journal, varied_journal):
    outcome = cli("list")
    assert outcome.exit_code == 0
    header, *rows = outcome.stdout.rstrip("\n").split("\n")
    assert header.split("\t") == list(TSV_COLUMNS)
    cells = [row.split("\t") for row in rows]
    assert all(len(row) == len(TSV_COLUMNS) for row in cells)
    by_id = {row[0]: dict(zip(TSV_COLUMNS, row, strict=True)) for row in cells}
    run = by_id[varied_journal["flagged run"]]
    assert run["date"] == local("2026-11-05T09:30").isoformat(timespec="seconds")
    assert (run["kind"], run["pack"], run["title"]) == ("run", "checkin", "Check-in")
    assert (run["flags"], run["tags"], run["preview"]) == ("flagged", "hard,rupture", LONG_WORDS)
    both = by_id[varied_journal["flagged private"]]
    assert both["flags"] == "flagged,private"
    assert by_id[varied_journal["plain note"]]["preview"] == "Felt rushed at the end. Again."
    (session,) = [row for row in by_id.values() if row["kind"] == "session"]
    assert (session["title"], session["preview"]) == ("therapy session", "after the break")
    assert [row[0] for row in cells].index(session["id"]) == 2  # between the 4th and the 2nd


def test_piped_list_is_the_same_at_any_terminal_width(cli, journal, varied_journal):
    narrow = cli("list", env={"COLUMNS": "40"}).stdout
    stdout_console.cache_clear()
    wide = cli("list", env={"COLUMNS": "300"}).stdout
    assert narrow == wide


def _table_at(cli, width: int) -> list[str]:
    stdout_console.cache_clear()
    outcome = cli("list", env={"REFLECT_COLOUR": "always", "COLUMNS": str(width)})
    assert outcome.exit_code == 0
    return [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in outcome.stdout.splitlines()]


def test_list_json_preview_is_the_text_the_table_shows(cli, journal, varied_journal):
    listed = json.loads(cli("list", "--json").stdout)
    assert (listed["format"], listed["version"]) == ("reflect-list", 1)
    entries = {entry["id"]: entry for entry in listed["entries"]}
    wide = _table_at(cli, 300)
    narrow = _table_at(cli, 80)
    for name in ("flagged run", "plain note", "private note"):
        entry = entries[varied_journal[name]]
        assert entry["preview"], name
        (line,) = _entry_lines(wide, entry["id"])
        assert line.endswith("  " + entry["preview"]), (name, line)
        (cut,) = _entry_lines(narrow, entry["id"])
        shown = cut.split("  ")[-1]
        assert shown == entry["preview"] or (
            shown.endswith("…") and entry["preview"].startswith(shown[:-1].rstrip())
        )


def test_list_json_carries_title_kind_pack_dates_flags_tags_and_a_notes_text(
    cli, journal, varied_journal
):
    listed = json.loads(cli("list", "--json").stdout)
    entries = {entry["id"]: entry for entry in listed["entries"]}
    run = entries[varied_journal["flagged run"]]
    assert (run["title"], run["kind"], run["pack"]["id"]) == ("Check-in", "run", "checkin")
    assert run["created_at"].startswith("2026-11-05") and run["completed_at"]
    assert (run["flagged"], run["private"], run["draft"]) == (True, False, False)
    assert run["tags"] == ["hard", "rupture"] and run["text"] is None
    note = entries[varied_journal["plain note"]]
    assert (note["title"], note["kind"], note["pack"]) == ("Note", "note", None)
    assert note["text"] == "Felt rushed at the end.\nAgain."
    assert note["preview"] == "Felt rushed at the end. Again."
    assert [session["note"] for session in listed["sessions"]] == ["after the break"]


def test_a_long_notes_preview_is_cut_at_a_word_and_its_text_is_whole(cli, write_note):
    text = " ".join(f"word{number}" for number in range(200))
    write_note("2026-11-01T10:00", text)
    (entry,) = json.loads(cli("list", "--json").stdout)["entries"]
    assert entry["text"] == text
    assert entry["preview"].endswith("…") and len(entry["preview"]) <= 201
    assert text.startswith(entry["preview"][:-1]) and entry["preview"][-2].isdigit()


def test_search_json_is_versioned_and_carries_previews(cli, varied_journal):
    found = json.loads(cli("search", "rushed", "--json").stdout)
    assert (found["format"], found["version"], found["query"]) == ("reflect-search", 1, "rushed")
    (entry,) = found["entries"]
    assert entry["id"] == varied_journal["plain note"] and found["more"] is False
    assert entry["preview"] == "Felt rushed at the end. Again."
    assert entry["text"] == "Felt rushed at the end.\nAgain." and entry["title"] == "Note"
    assert entry["matches"][0]["snippet"]
