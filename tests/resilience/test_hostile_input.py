"""Oversized and hostile input: bounded time and memory, and either success or a clear error.

Each command runs as a real process; wait4 reports its peak memory (resilience_support).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from resilience_support import Limits

MEBIBYTE = 1024 * 1024
BOUNDED = Limits(memory=1024 * MEBIBYTE, seconds=60)
DEEP = 100_000  # far beyond Python's recursion limit
# "Billion laughs": 2**40 leaves if anything expands the aliases (walking, copying, dumping).
LAUGHS = "a0: &a0 [lol, lol]\n" + "".join(
    f"a{n}: &a{n} [*a{n - 1}, *a{n - 1}]\n" for n in range(1, 41)
)


def assert_clear_error(outcome, *, about: Path | None = None) -> None:
    """Exit 1 and reflect's own words: "Error: ..." or, from a validator, "FILE: problem"."""
    assert outcome.exit_code == 1, outcome.stderr
    first_line = outcome.stderr.splitlines()[0] if outcome.stderr else ""
    assert first_line.startswith(("Error: ", str(about) if about else "Error: ")), outcome
    assert "unexpected" not in outcome.stderr and "Traceback" not in outcome.stderr


def stored_texts(home: Path) -> list[str]:
    connection = sqlite3.connect(home / "journal.db")
    texts = [row[0] for row in connection.execute("SELECT value_text FROM answer ORDER BY id")]
    connection.close()
    return texts


def test_a_one_megabyte_answer_is_kept_whole(run_reflect_limited, reflect_home):
    text = ("I kept writing and did not want to stop. " * 25_000)[:MEBIBYTE]

    outcome = run_reflect_limited("note", limits=BOUNDED, input=text.encode())

    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.seconds < 15 and outcome.peak_memory_mb < 200, outcome
    assert stored_texts(reflect_home) == [text]
    listing = run_reflect_limited("list", limits=BOUNDED)
    assert listing.exit_code == 0, listing.stderr
    assert listing.seconds < 15 and listing.peak_memory_mb < 200, listing


def test_search_stays_quick_with_a_one_megabyte_answer(run_reflect_limited, reflect_home):
    text = ("I kept writing and did not want to stop. " * 25_000)[:MEBIBYTE]
    assert run_reflect_limited("note", limits=BOUNDED, input=text.encode()).exit_code == 0

    found = run_reflect_limited("search", "stop", limits=Limits(seconds=8))

    assert found.exit_code == 0, found.stderr
    assert found.seconds < 5 and found.peak_memory_mb < 200, found


def test_nul_bytes_never_reach_the_terminal_raw(run_reflect_limited, reflect_home):
    outcome = run_reflect_limited("note", limits=BOUNDED, input=b"before\x00after\x1b[2J")

    if outcome.exit_code == 1:
        assert_clear_error(outcome)
        return
    assert stored_texts(reflect_home) == ["before\x00after\x1b[2J"]
    shown = run_reflect_limited("list", limits=BOUNDED)
    assert shown.exit_code == 0, shown.stderr
    assert "\x00" not in shown.stdout and "\x1b" not in shown.stdout


@pytest.mark.parametrize(
    "document",
    ["[" * DEEP, "a: " + "{b: " * DEEP + "}" * DEEP, LAUGHS],
    ids=["flow-lists", "flow-maps", "billion-laughs"],
)
@pytest.mark.parametrize(
    "command",
    [["run", "checkin", "--answers", "{file}"], ["packs", "validate", "{file}"]],
    ids=["answers-file", "pack-file"],
)
def test_deeply_nested_yaml_is_refused_clearly(run_reflect_limited, tmp_path, command, document):
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(document)

    outcome = run_reflect_limited(*[part.format(file=hostile) for part in command], limits=BOUNDED)

    assert_clear_error(outcome, about=hostile)
    assert outcome.seconds < 15 and outcome.peak_memory_mb < 300, outcome


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"[" * DEEP + b"]" * DEEP, id="deep-json"),
        pytest.param(
            b'{"format": "reflect-journal", "entries": [' + b"{}," * DEEP, id="truncated-json"
        ),
    ],
)
def test_hostile_import_files_are_refused_clearly(run_reflect_limited, tmp_path, content):
    hostile = tmp_path / "hostile.json"
    hostile.write_bytes(content)

    outcome = run_reflect_limited("import", str(hostile), "--from", "reflect", limits=BOUNDED)

    assert_clear_error(outcome)
    assert outcome.seconds < 15 and outcome.peak_memory_mb < 300, outcome


@pytest.mark.slow
def test_a_ten_megabyte_import_runs_in_bounded_time_and_memory(
    run_reflect_limited, reflect_home, tmp_path, monkeypatch
):
    from reflect.cli.access import open_journal
    from reflect.store.entries import create_note

    paragraph = "Some sessions feel like wading through fog, and that is fine. " * 800  # 50 KB
    with open_journal() as database:
        for number in range(200):
            create_note(database, f"{number}: {paragraph}")
    export = tmp_path / "journal.json"
    exported = run_reflect_limited("export", "--format", "json", "-o", str(export))
    assert exported.exit_code == 0, exported.stderr
    assert export.stat().st_size >= 10 * 1000 * 1000
    assert json.loads(export.read_bytes())  # a real, complete export
    monkeypatch.setenv("REFLECT_HOME", str(tmp_path / "another-home"))

    imported = run_reflect_limited("import", str(export), "--from", "reflect", limits=BOUNDED)

    assert imported.exit_code == 0, imported.stderr
    assert imported.seconds < 30 and imported.peak_memory_mb < 250, imported
    assert len(stored_texts(tmp_path / "another-home")) == 200
