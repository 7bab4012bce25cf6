"""Importing reflect's own JSON: idempotent by id, newest version wins, all or nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reflect.store.database import Database
from reflect.store.exchange import iter_entries
from reflect.store.journal import EntryFilter
from tests.exchange.journals import export_text, fill_sample_journal

EVERYTHING = EntryFilter(drafts=None, include_private=True)


@pytest.fixture
def exported(tmp_path: Path, open_extra_journal) -> Path:
    """A JSON export of the sample journal (private entries included), made in another journal."""
    source = open_extra_journal("source")
    fill_sample_journal(source)
    path = tmp_path / "export.json"
    path.write_text(export_text(source, format="json", include_private=True), encoding="utf-8")
    return path


def _count(database: Database) -> int:
    return sum(1 for _ in iter_entries(database, EVERYTHING))


def test_importing_the_same_file_twice_adds_nothing(cli, journal: Database, exported: Path):
    first = cli("import", str(exported))
    second = cli("import", str(exported))
    assert first.exit_code == second.exit_code == 0
    assert "5 entries added" in first.stderr
    assert "1 therapy session added" in first.stderr
    assert "0 entries added, 5 entries already there" in second.stderr
    assert _count(journal) == 5


def test_a_conflicting_id_keeps_the_newer_version_and_says_so(
    cli, journal: Database, exported: Path, tmp_path: Path
):
    document = json.loads(exported.read_text(encoding="utf-8"))
    cli("import", str(exported))
    newer, older = document["entries"][0], document["entries"][1]
    newer["updated_at"] = "2099-01-01T00:00:00.000000+00:00"
    newer["flagged"] = True
    older["updated_at"] = "2000-01-01T00:00:00.000000+00:00"
    older["tags"] = ["changed"]
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document), encoding="utf-8")

    outcome = cli("import", str(changed))

    assert outcome.exit_code == 0
    assert f"Entry {newer['id']} replaced" in outcome.stderr
    assert f"Entry {older['id']} kept as it is here" in outcome.stderr
    by_id = {entry.id: entry for entry in iter_entries(journal, EVERYTHING)}
    assert by_id[newer["id"]].flagged is True
    assert by_id[older["id"]].tags != ("changed",)


def test_dry_run_reports_and_changes_nothing(cli, journal: Database, exported: Path):
    outcome = cli("import", str(exported), "--dry-run")
    assert outcome.exit_code == 0
    assert "5 entries would be added" in outcome.stderr
    assert "nothing was changed" in outcome.stderr
    assert _count(journal) == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda text: text[: len(text) * 2 // 3], "not complete JSON"),
        (lambda text: "not json at all", "not complete JSON"),
        (
            lambda text: text.replace('"reflect-journal"', '"something-else"'),
            "not a reflect export",
        ),
        (lambda text: text.replace('"version": 1', '"version": 99'), "version 99"),
        (
            # Entries are written by SQLite, without a space after the colon.
            lambda text: re.sub(r'"kind": ?"scale"', '"kind": "slider"', text, count=1),
            "entry 1 is not valid",
        ),
        (lambda text: "[1, 2, 3]", "not a JSON object"),
        (
            lambda text: re.sub(
                r'"tags": ?\[\]', '"tags": ' + "[" * 50_000 + "]" * 50_000, text, count=1
            ),
            "nests data more than 32 levels deep",
        ),
    ],
    ids=[
        "truncated",
        "not-json",
        "wrong-format",
        "wrong-version",
        "bad-entry",
        "not-an-object",
        "deeply-nested",
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_written(
    cli, journal: Database, exported: Path, change, message: str
):
    exported.write_text(change(exported.read_text(encoding="utf-8")), encoding="utf-8")
    outcome = cli("import", str(exported))
    assert outcome.exit_code == 1
    assert message in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert _count(journal) == 0
    assert journal.query_one("SELECT count(*) FROM therapy_session")[0] == 0


def test_an_error_message_never_shows_answer_text(cli, journal: Database, exported: Path):
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["entries"][0]["answers"][2]["value"] = {"secret": "my private words"}
    exported.write_text(json.dumps(document), encoding="utf-8")
    outcome = cli("import", str(exported))
    assert outcome.exit_code == 1
    assert "my private words" not in outcome.stderr


def test_a_file_over_the_size_limit_is_refused_before_reading(
    cli, journal: Database, exported: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("reflect.core.importing.MAX_IMPORT_BYTES", 1000)
    outcome = cli("import", str(exported))
    assert outcome.exit_code == 1
    assert "reflect imports files up to 1 KB" in outcome.stderr
    assert "Split the export" in outcome.stderr


def test_an_import_of_10_mb_streams_in_bounded_time(tmp_path: Path, journal: Database):
    """10 MB of entries (9,000) imports in seconds, never holding the file's objects at once."""
    import time
    import tracemalloc

    from reflect.core.importing import import_file

    header = {"format": "reflect-journal", "version": 1, "packs": [], "sessions": []}
    body = "x" * 1000
    path = tmp_path / "big.json"
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps(header)[:-1] + ', "entries": [')
        for number in range(9_000):
            entry = {
                "id": f"00000000-0000-4000-8000-{number:012d}",
                "kind": "note",
                "pack": None,
                "created_at": "2026-01-01T00:00:00.000000+00:00",
                "updated_at": "2026-01-01T00:00:00.000000+00:00",
                "completed_at": "2026-01-01T00:00:00.000000+00:00",
                "flagged": False,
                "private": False,
                "tags": [],
                "answers": [
                    {
                        "question": {"id": "note", "text": "Note", "kind": "text", "position": 0},
                        "value": body,
                        "answered_at": "2026-01-01T00:00:00.000000+00:00",
                    }
                ],
            }
            out.write(("," if number else "") + json.dumps(entry))
        out.write("]}")
    assert path.stat().st_size > 9_000_000
    started = time.perf_counter()
    tracemalloc.start()
    try:
        report = import_file(journal, path, "reflect")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.added == 9_000
    assert time.perf_counter() - started < 60
    assert peak < 8_000_000  # json.load of this file: about 30 MB (its text plus the objects)
