"""docs/api.md's example runs, as written, against a temporary journal: plaintext, and encrypted
with the passphrase the program passes (the API itself never reads REFLECT_PASSPHRASE)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import reflect
from reflect.store.database import file_kind

ROOT = Path(__file__).resolve().parents[2]


def api_example() -> str:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    return block


def run_example(folder: Path, home: Path, passphrase: str | None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "REFLECT_HOME": str(home)}
    environment.pop("REFLECT_PASSPHRASE", None)
    environment.pop("MY_JOURNAL_PASSPHRASE", None)
    if passphrase is not None:
        environment["MY_JOURNAL_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-c", api_example()],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def check_output(result: subprocess.CompletedProcess, *, exported: int) -> None:
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "2026-03-02 checkin " in lines
    assert "found: [True]" in lines
    assert "  connected: 7" in lines and "  unsaid: no" in lines
    assert any(line.startswith("Connection [7.0") for line in lines), lines
    assert lines[-1] == f"exported {exported} entries"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "journals"
    path.mkdir(mode=0o700)
    return path


def test_the_api_example_runs_on_a_plaintext_journal(folder, reflect_home):
    check_output(run_example(folder, reflect_home, passphrase=None), exported=2)
    assert file_kind(folder / "journal.db") == "sqlite"
    with reflect.open_journal(folder / "journal.db") as journal:
        assert {entry.pack_id for entry in journal.entries()} == {"checkin", None}


def test_the_api_example_runs_on_an_encrypted_journal(folder, reflect_home, run_reflect):
    database = folder / "journal.db"
    environment = {"REFLECT_DB": str(database), "REFLECT_PASSPHRASE": "correct horse"}
    assert run_reflect("note", "Written before encrypting.", env=environment).exit_code == 0
    encrypted = run_reflect("db", "encrypt", env=environment)
    assert encrypted.exit_code == 0, encrypted.output
    assert file_kind(database) == "opaque"

    check_output(run_example(folder, reflect_home, passphrase="correct horse"), exported=3)
    assert file_kind(database) == "opaque"
    with reflect.open_journal(database, passphrase="correct horse") as journal:
        assert journal.encrypted
        assert len(journal.entries()) == 3
    # Without the passphrase the example stops with reflect's error, not a traceback of ours.
    refused = run_example(folder, reflect_home, passphrase=None)
    assert refused.returncode != 0
    assert "PassphraseRequiredError" in refused.stderr


def test_the_api_takes_the_passphrase_only_as_an_argument(
    folder, reflect_home, run_reflect, monkeypatch
):
    database = folder / "journal.db"
    environment = {"REFLECT_DB": str(database), "REFLECT_PASSPHRASE": "correct horse"}
    assert run_reflect("note", "A first note.", env=environment).exit_code == 0
    assert run_reflect("db", "encrypt", env=environment).exit_code == 0

    monkeypatch.setenv("REFLECT_PASSPHRASE", "correct horse")  # the CLI's variable: not read
    with pytest.raises(reflect.PassphraseRequiredError):
        reflect.open_journal(database)
    with pytest.raises(reflect.WrongPassphraseError):
        reflect.open_journal(database, passphrase="wrong")
    with reflect.open_journal(database, passphrase="correct horse") as journal:
        assert [entry.pack_id for entry in journal.entries()] == [None]


def test_the_package_exports_only_what_all_names():
    assert set(reflect.__all__) <= set(dir(reflect))
    for name in reflect.__all__:
        assert getattr(reflect, name) is not None
    with pytest.raises(AttributeError):
        _ = reflect.no_such_name


def test_every_reading_call_takes_the_same_selection_keywords(folder, reflect_home):
    with reflect.open_journal(folder / "journal.db") as journal:
        journal.write_note("Felt rushed at the end.", at="2026-03-01", tags=["pace"])
        journal.write_note("A calmer week.", at="2026-03-08", flagged=True)
        assert len(journal.entries(tag="pace")) == 1
        assert len(journal.entries(flagged=True, since="2026-03-05")) == 1
        assert len(journal.search("week", until="2026-03-05").hits) == 0
        assert len(journal.search("week", since="2026-03-05").hits) == 1
        markdown = io.StringIO()
        assert journal.export(markdown, format="json", tag="pace").entries_written == 1


@pytest.mark.parametrize("call", ["entries", "search", "trends", "export"])
def test_a_mistyped_selection_keyword_is_refused_not_ignored(folder, reflect_home, call):
    with reflect.open_journal(folder / "journal.db") as journal:
        journal.write_note("A first note.")
        arguments: tuple[object, ...] = {"search": ("note",), "export": (io.StringIO(),)}.get(
            call, ()
        )
        with pytest.raises(TypeError, match="'sinse'"):
            getattr(journal, call)(*arguments, sinse="2026-01-01")
