"""Must show 2: a JSON export made by the real jrnl 4.6 (tests/fixtures/jrnl/README.md says how)
keeps every entry, date, time, tag, star and non-ASCII character."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reflect.store.database import Database
from reflect.store.exchange import StoredEntry, iter_entries
from reflect.store.journal import EntryFilter

FIXTURE = Path(__file__).parent.parent / "fixtures" / "jrnl" / "export.json"
EVERYTHING = EntryFilter(drafts=None, include_private=True)

# (local date and time, text as jrnl shows it, tags, starred), straight from the jrnl session.
EXPECTED = [
    (
        "2026-10-02 08:15",
        "First session nerves.\nI noticed I kept agreeing with everything @therapy",
        ("therapy",),
        False,
    ),
    (
        "2026-10-05 21:40",
        "Café thoughts 😊. Felt heard today — @trust @Safety",
        ("safety", "trust"),
        True,
    ),
    ("2026-10-09 07:05", "שלום — writing in Hebrew: אני מרגיש בטוח.\n@rtl", ("rtl",), False),
    ("2026-10-12 23:59", "Late night. Naïve question: does she mind when I cancel?", (), True),
    ("2026-10-15 12:30", "Title with a body.", (), False),
    (
        "2026-10-20 18:05",
        "A title line. Then the body starts here @relationship\n"
        "Body line two with émigré, 日本語 and an emoji 🌱.\n\nSecond paragraph @Pattern",
        ("pattern", "relationship"),
        False,
    ),
]


def _imported(database: Database) -> list[StoredEntry]:
    return list(iter_entries(database, EVERYTHING))


def _local_minute(entry: StoredEntry) -> str:
    from reflect.clock import from_db_time

    return f"{from_db_time(entry.created_at).astimezone():%Y-%m-%d %H:%M}"


def test_fixture_is_the_jrnl_export_the_readme_describes():
    document = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert set(document) == {"tags", "entries"}
    assert len(document["entries"]) == len(EXPECTED)


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland"])
def test_jrnl_export_keeps_every_entry_date_time_tag_star_and_character(
    cli, journal: Database, monkeypatch: pytest.MonkeyPatch, zone: str
):
    import time

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        outcome = cli("import", str(FIXTURE), "--from", "jrnl")
        assert outcome.exit_code == 0, outcome.stderr
        entries = _imported(journal)
        found = [(_local_minute(e), e.answers[0].value, e.tags, e.flagged) for e in entries]
    finally:
        monkeypatch.undo()
        time.tzset()
    assert found == EXPECTED
    assert all(entry.kind == "note" and len(entry.answers) == 1 for entry in entries)
    assert "6 entries added" in outcome.stderr


def test_importing_the_jrnl_export_twice_adds_nothing(cli, journal: Database):
    cli("import", str(FIXTURE), "--from", "jrnl")
    again = cli("import", str(FIXTURE), "--from", "jrnl")
    assert again.exit_code == 0
    assert "0 entries added, 6 entries already there" in again.stderr
    assert len(_imported(journal)) == len(EXPECTED)


def test_jrnl_file_given_as_reflect_is_refused_with_a_hint(cli, journal: Database):
    outcome = cli("import", str(FIXTURE))
    assert outcome.exit_code == 1
    assert "--from jrnl" in outcome.stderr
    assert _imported(journal) == []
