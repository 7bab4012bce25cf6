from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest

from reflect.core.journal import EntryFilter, iter_entries, search_journal
from reflect.store.journal import iter_entry_details, trash_entry

UNIQUE_WORD = "quixotrellian"


def _listed(cli) -> list[str]:
    return [entry["id"] for entry in json.loads(cli("list", "--json").stdout)["entries"]]


def _found(cli, word: str) -> list[str]:
    return [hit["id"] for hit in json.loads(cli("search", word, "--json").stdout)["entries"]]


def test_trashed_entry_leaves_list_and_search_and_comes_back_on_restore(cli, write_entry):
    kept = write_entry("2026-11-01T10:00", feeling="a calm week")
    trashed = write_entry("2026-11-02T10:00", feeling="a calm but odd week")
    assert cli("delete", trashed[:6], "--yes").exit_code == 0
    assert _listed(cli) == [kept]
    assert _found(cli, "calm") == [kept]
    assert [entry["id"] for entry in json.loads(cli("trash", "--json").stdout)] == [trashed]
    assert cli("restore", trashed[:6]).exit_code == 0
    assert _listed(cli) == [trashed, kept]
    assert set(_found(cli, "calm")) == {kept, trashed}
    assert "The trash is empty." in cli("trash").stderr


def test_the_queries_trends_and_export_reuse_skip_the_trash(journal, write_entry):
    # reflect.store.journal's EntryFilter queries are the ones export and trends build on.
    kept = write_entry("2026-11-01T10:00")
    trash_entry(journal, write_entry("2026-11-02T10:00"))
    assert [entry.id for entry in iter_entries(journal, EntryFilter())] == [kept]
    details = list(iter_entry_details(journal, EntryFilter(), newest_first=False))
    assert [detail.summary.id for detail in details] == [kept]
    assert details[0].answers[1].value == 7
    assert search_journal(journal, "fine", EntryFilter()).hits[0].entry.id == kept


def test_delete_asks_first_and_no_leaves_it_alone(cli, write_entry):
    entry = write_entry("2026-11-01T10:00")
    outcome = cli("delete", entry[:8], input="n\n")
    assert "Move entry" in outcome.stdout and "Nothing was changed." in outcome.stderr
    assert _listed(cli) == [entry]
    assert cli("delete", entry[:8], input="y\n").exit_code == 0
    assert _listed(cli) == []


def test_empty_trash_asks_first(cli, write_entry):
    entry = write_entry("2026-11-01T10:00")
    cli("delete", entry, "--yes")
    assert "Nothing was erased." in cli("trash", "--empty", input="n\n").stderr
    assert cli("restore", entry).exit_code == 0


def test_delete_or_empty_with_no_answer_to_the_question_changes_nothing_and_says_so(
    run_reflect, write_entry
):
    """No terminal to ask on (stdin closed, as in a script): exit 1 with the way round it, not
    Click's bare "Aborted!"; the entry stays where it was."""
    entry = write_entry("2026-11-01T10:00")
    refused = run_reflect("delete", entry[:8])
    assert refused.exit_code == 1 and "Aborted" not in refused.stderr
    assert "Error: Nothing was changed: the question got no answer." in refused.stderr
    assert "Add --yes to move it to the trash without asking." in refused.stderr
    assert run_reflect("list", "--json").stdout.count(entry) == 1
    assert run_reflect("delete", entry[:8], "--yes").exit_code == 0
    kept = run_reflect("trash", "--empty")
    assert kept.exit_code == 1 and "Add --yes to erase them without asking." in kept.stderr
    assert entry in run_reflect("trash", "--json").stdout


def _file_bytes(database_path: Path) -> bytes:
    wal = database_path.with_name(database_path.name + "-wal")
    return database_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_emptying_the_trash_leaves_no_trace_in_the_file_or_its_wal(
    cli, journal, write_entry, write_note
):
    kept = write_note("2026-11-01T10:00", "nothing special here")
    erased = write_entry(
        "2026-11-02T10:00",
        feeling=f"{UNIQUE_WORD} is the word I used for it",
        later=f"Say {UNIQUE_WORD.upper()} again, {UNIQUE_WORD}s too",
        tags=[UNIQUE_WORD],
    )
    path = journal.path
    assert UNIQUE_WORD.encode() in _file_bytes(path)
    assert cli("delete", erased[:8], "--yes").exit_code == 0
    outcome = cli("trash", "--empty", "--yes")
    assert outcome.exit_code == 0 and "Erased 1 entry for good." in outcome.stderr
    journal.close()  # the test's own connection: nothing of it may keep old pages around
    content = _file_bytes(path).lower()
    assert UNIQUE_WORD.encode() not in content
    assert UNIQUE_WORD[:8].encode() not in content  # nor a prefix left in the FTS index
    assert _listed(cli) == [kept]
    assert cli("show", erased[:8]).exit_code == 1


@pytest.mark.parametrize("command", ["restore", "edit"])
def test_commands_on_the_wrong_side_of_the_trash_explain(cli, write_entry, command):
    entry = write_entry("2026-11-01T10:00")
    if command == "edit":
        cli("delete", entry, "--yes")
    outcome = cli(command, entry[:8], *(["--flag"] if command == "edit" else []))
    assert outcome.exit_code == 1
    assert "trash" in outcome.stderr


def _trend_entries(cli) -> int:
    report = json.loads(cli("trends", "--json", "--by", "month").stdout)
    return sum(dimension["summary"]["entries"] for dimension in report["dimensions"])


def _exported(cli) -> list[str]:
    document = json.loads(cli("export", "--format", "json").stdout)
    return [entry["id"] for entry in document["entries"]]


def test_trashed_entry_leaves_trends_and_export_until_restored(cli, write_entry):
    # trends and export are other commands' work; this checks the journal's trash reaches them.
    ids = [write_entry(f"2026-11-0{day}T10:00", safety=day + 4) for day in (1, 2, 3)]
    assert (_trend_entries(cli), len(_exported(cli))) == (3, 3)
    cli("delete", ids[1], "--yes")
    assert _trend_entries(cli) == 2
    assert ids[1] not in _exported(cli) and len(_exported(cli)) == 2
    cli("restore", ids[1])
    assert (_trend_entries(cli), sorted(_exported(cli))) == (3, sorted(ids))


def test_emptying_an_empty_trash_says_so(cli):
    outcome = cli("trash", "--empty")
    assert outcome.exit_code == 0 and "The trash is already empty." in outcome.stderr


def _long_answer(number: int) -> str:
    """About 2 KB of ordinary prose with the unique word spread through it."""
    sentence = (
        f"Entry {number}: I kept thinking about what {UNIQUE_WORD} meant to me, and whether it "
        "was fair to say it out loud in the room when the hour was nearly over. "
    )
    return sentence * 14


def _trash_everything(cli, ids: list[str]) -> None:
    for entry in ids:
        assert cli("delete", entry, "--yes").exit_code == 0


def test_emptying_a_trash_of_fifty_long_entries_leaves_no_trace_in_the_file(
    cli, journal, write_entry, write_note
):
    # Realistic size: 50 entries of about 4 KB each span dozens of pages. Zeroing freed pages
    # (secure_delete) hides the words, but the README promises more: the file is compacted, so
    # no page that held them is left behind, as free pages or otherwise (VACUUM rebuilds it).
    kept = write_note("2026-10-01T10:00", "nothing special here")
    ids = [
        write_entry(
            f"2026-10-{1 + number % 28:02d}T{10 + number % 10}:00",
            feeling=_long_answer(number),
            later=_long_answer(number + 100),
            tags=[f"{UNIQUE_WORD}{number % 3}"],
        )
        for number in range(50)
    ]
    path = journal.path
    journal.close()
    _trash_everything(cli, ids)
    size_before = path.stat().st_size
    outcome = cli("trash", "--empty", "--yes")
    assert outcome.exit_code == 0 and "Erased 50 entries for good." in outcome.stderr
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as reader:
        assert reader.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert path.stat().st_size < size_before / 2
    content = _file_bytes(path).lower()
    assert UNIQUE_WORD.encode() not in content
    assert UNIQUE_WORD[:8].encode() not in content
    assert _listed(cli) == [kept]


def test_emptying_the_trash_while_another_reflect_has_the_journal_open_leaves_no_trace(
    cli, journal, write_entry, write_note
):
    # "Erased from the disk" holds while the journal is in use: another reflect (here the
    # test's own connection, which has read the entries) keeps the WAL alive, so the old pages
    # stay in it unless the checkpoint truncates it.
    kept = write_note("2026-10-01T10:00", "nothing special here")
    ids = [
        write_entry(f"2026-10-{1 + number:02d}T10:00", feeling=_long_answer(number))
        for number in range(10)
    ]
    assert journal.query_one("SELECT count(*) FROM entry")[0] == 11
    _trash_everything(cli, ids)
    outcome = cli("trash", "--empty", "--yes")
    assert outcome.exit_code == 0 and "Erased 10 entries for good." in outcome.stderr
    content = _file_bytes(journal.path).lower()  # the other connection is still open
    assert UNIQUE_WORD.encode() not in content
    assert UNIQUE_WORD[:8].encode() not in content
    assert journal.query_one("SELECT count(*) FROM entry")[0] == 1
    assert _listed(cli) == [kept]
