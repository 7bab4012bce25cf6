"""`reflect edit` leaves none of the replaced words on disk: not in the search index's data,
not in the journal file or its WAL, not in a backup made afterwards (issue #12, item 6)."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

OLD_WORD = "zanzibarquill"
NEW_WORD = "meadowlark"

EDITOR_SCRIPT = f"""
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
assert {OLD_WORD!r} in text
open(path, "w", encoding="utf-8").write(text.replace({OLD_WORD!r}, {NEW_WORD!r}))
"""


def _index_data(journal_path: Path) -> bytes:
    import sqlite3

    connection = sqlite3.connect(journal_path)
    try:
        return b"".join(row[0] for row in connection.execute("SELECT block FROM answer_fts_data"))
    finally:
        connection.close()


def test_an_edited_away_word_is_gone_from_the_index_the_file_and_a_backup(
    cli, reflect_home: Path, tmp_path: Path, monkeypatch
):
    for number in range(30):  # other notes, so the index holds more than one entry's words
        assert cli("note", f"ordinary words number {number}").exit_code == 0
    assert cli("note", f"a sentence with {OLD_WORD} in it").exit_code == 0
    entry = json.loads(cli("search", OLD_WORD, "--json").stdout)["entries"][0]["id"]
    script = tmp_path / "editor.py"
    script.write_text(EDITOR_SCRIPT)
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")

    outcome = cli("edit", entry[:8])

    assert outcome.exit_code == 0, outcome.stderr
    journal = reflect_home / "journal.db"
    assert OLD_WORD.encode() not in _index_data(journal)
    for path in (journal, journal.with_name("journal.db-wal")):
        if path.exists():
            assert OLD_WORD.encode() not in path.read_bytes(), path.name
    backup = tmp_path / "after-edit.db"
    assert cli("db", "backup", str(backup)).exit_code == 0
    assert OLD_WORD.encode() not in backup.read_bytes()
    assert json.loads(cli("search", NEW_WORD, "--json").stdout)["entries"][0]["id"] == entry
    assert json.loads(cli("search", OLD_WORD, "--json").stdout)["entries"] == []
